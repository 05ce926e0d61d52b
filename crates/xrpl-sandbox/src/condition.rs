//! PREIMAGE-SHA-256 crypto-conditions (RFC draft `draft-thomas-crypto-conditions`), the only
//! condition type rippled accepts on escrows.
//!
//! A condition is the DER `A0 25 80 20 <sha256(preimage)> 81 01 <len(preimage)>`; its
//! fulfillment is `A0 <n> 80 <len> <preimage>`. An escrow with a condition finishes only with a
//! fulfillment whose condition is exactly the escrow's.

use sha2::{Digest, Sha256};
use thiserror::Error;

/// rippled's limit on a preimage's length.
pub const MAX_PREIMAGE_LEN: usize = 128;

/// Why bytes are not a usable condition or fulfillment.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConditionError {
    /// Not the DER of a PREIMAGE-SHA-256 condition or fulfillment.
    #[error("malformed crypto-condition")]
    Malformed,
}

/// A PREIMAGE-SHA-256 condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// SHA-256 of the preimage.
    pub fingerprint: [u8; 32],
    /// The preimage's length.
    pub cost: u32,
}

impl Condition {
    /// The condition a preimage fulfils.
    pub fn for_preimage(preimage: &[u8]) -> Condition {
        Condition {
            fingerprint: Sha256::digest(preimage).into(),
            cost: preimage.len() as u32,
        }
    }

    /// Parses a condition's DER.
    pub fn parse(der: &[u8]) -> Result<Condition, ConditionError> {
        let mut outer = Reader::new(der);
        let body = outer.element(0xA0)?;
        outer.finish()?;
        let mut inner = Reader::new(body);
        let fingerprint: [u8; 32] = inner
            .element(0x80)?
            .try_into()
            .map_err(|_| ConditionError::Malformed)?;
        let cost_bytes = inner.element(0x81)?;
        inner.finish()?;
        if cost_bytes.is_empty() || cost_bytes.len() > 4 {
            return Err(ConditionError::Malformed);
        }
        let cost = cost_bytes
            .iter()
            .fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
        Ok(Condition { fingerprint, cost })
    }

    /// The condition's DER.
    pub fn to_der(&self) -> Vec<u8> {
        let cost = minimal_unsigned(self.cost);
        let mut body = vec![0x80, 32];
        body.extend_from_slice(&self.fingerprint);
        body.push(0x81);
        body.push(cost.len() as u8);
        body.extend_from_slice(&cost);
        let mut out = vec![0xA0, body.len() as u8];
        out.extend_from_slice(&body);
        out
    }
}

/// Parses a fulfillment's DER and returns the condition it fulfils.
pub fn fulfillment_condition(der: &[u8]) -> Result<Condition, ConditionError> {
    let mut outer = Reader::new(der);
    let body = outer.element(0xA0)?;
    outer.finish()?;
    let mut inner = Reader::new(body);
    let preimage = inner.element(0x80)?;
    inner.finish()?;
    if preimage.len() > MAX_PREIMAGE_LEN {
        return Err(ConditionError::Malformed);
    }
    Ok(Condition::for_preimage(preimage))
}

/// The DER fulfillment of a preimage.
pub fn fulfillment_for(preimage: &[u8]) -> Vec<u8> {
    let mut body = vec![0x80];
    push_len(&mut body, preimage.len());
    body.extend_from_slice(preimage);
    let mut out = vec![0xA0];
    push_len(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else if len <= 0xFF {
        out.extend_from_slice(&[0x81, len as u8]);
    } else {
        out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]);
    }
}

/// DER's minimal unsigned integer: no leading zero unless the top bit would read as a sign.
fn minimal_unsigned(value: u32) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(3);
    let mut out = bytes[first..].to_vec();
    if out[0] & 0x80 != 0 {
        out.insert(0, 0);
    }
    out
}

struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }

    fn element(&mut self, tag: u8) -> Result<&'a [u8], ConditionError> {
        let (&found, rest) = self.data.split_first().ok_or(ConditionError::Malformed)?;
        if found != tag {
            return Err(ConditionError::Malformed);
        }
        let (&first, mut rest) = rest.split_first().ok_or(ConditionError::Malformed)?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let n = usize::from(first & 0x7F);
            if n == 0 || n > 2 || rest.len() < n {
                return Err(ConditionError::Malformed);
            }
            let len = rest[..n]
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            rest = &rest[n..];
            len
        };
        if rest.len() < len {
            return Err(ConditionError::Malformed);
        }
        let (value, tail) = rest.split_at(len);
        self.data = tail;
        Ok(value)
    }

    fn finish(&self) -> Result<(), ConditionError> {
        if self.data.is_empty() {
            Ok(())
        } else {
            Err(ConditionError::Malformed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fulfillment_fulfils_its_own_condition_only() {
        let condition = Condition::for_preimage(b"open sesame");
        let der = condition.to_der();
        assert_eq!(der.len(), 39);
        assert_eq!(Condition::parse(&der), Ok(condition.clone()));
        let fulfillment = fulfillment_for(b"open sesame");
        assert_eq!(fulfillment_condition(&fulfillment), Ok(condition.clone()));
        assert_ne!(
            fulfillment_condition(&fulfillment_for(b"open sesame!")).unwrap(),
            condition
        );
    }

    #[test]
    fn the_well_known_empty_preimage_vector() {
        // The spec's example: the empty preimage's condition and fulfillment.
        let condition = hex::decode(
            "A0258020E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855810100",
        )
        .unwrap();
        assert_eq!(fulfillment_for(b""), hex::decode("A0028000").unwrap());
        assert_eq!(
            fulfillment_condition(&hex::decode("A0028000").unwrap())
                .unwrap()
                .to_der(),
            condition
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for bad in [
            &b""[..],
            b"\xA0",
            b"\xA0\x05\x80",
            b"\xA1\x00",
            b"\xA0\x02\x80\x00\x00",
        ] {
            assert_eq!(Condition::parse(bad), Err(ConditionError::Malformed));
            assert_eq!(fulfillment_condition(bad), Err(ConditionError::Malformed));
        }
        let long = fulfillment_for(&[7u8; MAX_PREIMAGE_LEN + 1]);
        assert_eq!(fulfillment_condition(&long), Err(ConditionError::Malformed));
    }
}
