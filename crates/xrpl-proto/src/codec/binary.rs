//! Byte-level primitives: the variable-length prefix and a bounds-checked reader.
//!
//! Every read goes through [`Reader`], which checks the remaining length first and reports a
//! typed [`CodecError::Truncated`]: the decoder is fed arbitrary bytes (learner blobs, fuzzing)
//! and must never index past the end.

use super::CodecError;

/// Longest value a variable-length prefix can describe.
pub const MAX_VL_LENGTH: usize = 918_744;

/// Appends the 1–3 byte length prefix of a variable-length field.
pub fn write_vl_length(out: &mut Vec<u8>, len: usize) -> Result<(), CodecError> {
    if len <= 192 {
        out.push(len as u8);
    } else if len <= 12_480 {
        let rest = len - 193;
        out.extend_from_slice(&[193 + (rest >> 8) as u8, (rest & 0xFF) as u8]);
    } else if len <= MAX_VL_LENGTH {
        let rest = len - 12_481;
        out.extend_from_slice(&[
            241 + (rest >> 16) as u8,
            ((rest >> 8) & 0xFF) as u8,
            (rest & 0xFF) as u8,
        ]);
    } else {
        return Err(CodecError::TooLong(len));
    }
    Ok(())
}

/// A cursor over the bytes being decoded.
pub struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, position: 0 }
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn is_empty(&self) -> bool {
        self.position >= self.bytes.len()
    }

    pub fn peek(&self) -> Result<u8, CodecError> {
        self.bytes
            .get(self.position)
            .copied()
            .ok_or(CodecError::Truncated {
                offset: self.position,
                needed: 1,
            })
    }

    pub fn read(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        let available = self.bytes.len() - self.position;
        if n > available {
            return Err(CodecError::Truncated {
                offset: self.position,
                needed: n - available,
            });
        }
        let slice = &self.bytes[self.position..self.position + n];
        self.position += n;
        Ok(slice)
    }

    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], CodecError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.read(N)?);
        Ok(out)
    }

    pub fn read_u8(&mut self) -> Result<u8, CodecError> {
        let byte = self.peek()?;
        self.position += 1;
        Ok(byte)
    }

    /// Reads a variable-length prefix.
    pub fn read_vl_length(&mut self) -> Result<usize, CodecError> {
        let b1 = usize::from(self.read_u8()?);
        if b1 <= 192 {
            return Ok(b1);
        }
        if b1 <= 240 {
            let b2 = usize::from(self.read_u8()?);
            return Ok(193 + (b1 - 193) * 256 + b2);
        }
        if b1 <= 254 {
            let b2 = usize::from(self.read_u8()?);
            let b3 = usize::from(self.read_u8()?);
            return Ok(12_481 + (b1 - 241) * 65_536 + b2 * 256 + b3);
        }
        Err(CodecError::TooLong(MAX_VL_LENGTH + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vl_lengths_round_trip_at_every_boundary() {
        for len in [0, 1, 192, 193, 12_480, 12_481, MAX_VL_LENGTH] {
            let mut out = Vec::new();
            write_vl_length(&mut out, len).unwrap();
            assert_eq!(Reader::new(&out).read_vl_length().unwrap(), len, "{len}");
        }
        assert_eq!(
            write_vl_length(&mut Vec::new(), MAX_VL_LENGTH + 1),
            Err(CodecError::TooLong(MAX_VL_LENGTH + 1))
        );
    }

    #[test]
    fn reads_past_the_end_are_errors() {
        let mut reader = Reader::new(&[1, 2]);
        assert_eq!(
            reader.read(3),
            Err(CodecError::Truncated {
                offset: 0,
                needed: 1
            })
        );
        assert_eq!(reader.read(2).unwrap(), &[1, 2]);
        assert!(reader.read_u8().is_err());
    }
}
