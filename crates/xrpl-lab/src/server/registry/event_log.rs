//! A run's event log: every frame the run produced, numbered, in the order it happened, kept so
//! that any WebSocket — the first, a late one, one reconnecting — can replay the run and then follow
//! it live.
//!
//! Memory is bounded by frame count. When the log is full, appending drops the *oldest* frame:
//! a learner catching up cares about the latest progress and the ending, not the first lines.
//! The terminal frame is always the last frame ever appended (the log refuses anything after it),
//! so it is never the one dropped. Producers never wait on consumers: the log is shared by all
//! clients of a run, each keeping only a cursor into it, so a client that stops reading costs a
//! cursor, not a queue.

use std::collections::VecDeque;

use axum::extract::ws::Utf8Bytes;
use serde::Serialize;

use crate::runner::RunEvent;

/// The smallest log that can hold progress and the terminal frame.
const MIN_CAPACITY: usize = 2;

/// A frame as sent on the wire: the event's own fields plus its sequence number. Sequence
/// numbers start at 1, so `?since=0` (or no `since`) means "from the start".
#[derive(Serialize)]
struct Numbered<'a> {
    #[serde(flatten)]
    event: &'a RunEvent,
    seq: u64,
}

/// Encodes an event once, at append time, so fan-out to many clients copies a pointer.
fn encode(event: &RunEvent, seq: u64) -> Utf8Bytes {
    match serde_json::to_string(&Numbered { event, seq }) {
        Ok(text) => Utf8Bytes::from(text),
        // RunEvent holds only strings, numbers and booleans; this cannot fail, but if it ever
        // did the client still gets a well-formed frame in its place.
        Err(_) => Utf8Bytes::from(format!(r#"{{"type":"output","text":"","seq":{seq}}}"#)),
    }
}

#[derive(Debug)]
pub struct EventLog {
    frames: VecDeque<Utf8Bytes>,
    /// Sequence number of `frames[0]`.
    first_seq: u64,
    capacity: usize,
    /// Sequence number of the terminal frame once appended.
    terminal_seq: Option<u64>,
    dropped: u64,
}

/// What an append did to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// Stored with this sequence number.
    Stored { seq: u64, dropped_oldest: bool },
    /// Refused: the run already has its terminal frame.
    AfterTerminal,
}

impl EventLog {
    pub fn new(capacity: usize) -> Self {
        Self {
            frames: VecDeque::new(),
            first_seq: 1,
            capacity: capacity.max(MIN_CAPACITY),
            terminal_seq: None,
            dropped: 0,
        }
    }

    /// Appends a frame, dropping the oldest one if the log is full.
    pub fn append(&mut self, event: &RunEvent) -> Appended {
        if self.terminal_seq.is_some() {
            return Appended::AfterTerminal;
        }
        let seq = self.end_seq();
        let mut dropped_oldest = false;
        if self.frames.len() == self.capacity {
            self.frames.pop_front();
            self.first_seq += 1;
            self.dropped += 1;
            dropped_oldest = true;
        }
        self.frames.push_back(encode(event, seq));
        if event.is_terminal() {
            self.terminal_seq = Some(seq);
        }
        Appended::Stored {
            seq,
            dropped_oldest,
        }
    }

    /// The sequence number the next frame will get (one past the last stored).
    pub fn end_seq(&self) -> u64 {
        self.first_seq + self.frames.len() as u64
    }

    /// Frames with sequence numbers `>= from`, at most `max` of them. A cursor that fell behind
    /// the retained window resumes at the oldest retained frame; one past the end (a client
    /// claiming frames that do not exist yet) waits at the end. Returns the frames and the
    /// cursor after them.
    pub fn read_from(&self, from: u64, max: usize) -> (Vec<Utf8Bytes>, u64) {
        let start = from.clamp(self.first_seq, self.end_seq());
        let offset = (start - self.first_seq) as usize;
        let frames: Vec<Utf8Bytes> = self.frames.iter().skip(offset).take(max).cloned().collect();
        let next = start + frames.len() as u64;
        (frames, next)
    }

    /// Whether a reader whose cursor is `cursor` has read the terminal frame.
    pub fn is_past_terminal(&self, cursor: u64) -> bool {
        self.terminal_seq.is_some_and(|t| cursor > t)
    }

    pub fn has_terminal(&self) -> bool {
        self.terminal_seq.is_some()
    }

    /// Frames currently retained.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Frames dropped to stay within capacity since the run started.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Frames a reader at `cursor` has not yet received.
    pub fn pending_after(&self, cursor: u64) -> usize {
        let start = cursor.clamp(self.first_seq, self.end_seq());
        (self.end_seq().saturating_sub(start)) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(i: usize) -> RunEvent {
        RunEvent::Output {
            text: format!("line {i}"),
        }
    }

    fn complete() -> RunEvent {
        RunEvent::Complete {
            success: true,
            txids: vec![],
            report_path: String::new(),
        }
    }

    fn text(frame: &Utf8Bytes) -> serde_json::Value {
        serde_json::from_str(frame.as_str()).unwrap()
    }

    #[test]
    fn frames_carry_their_type_fields_and_a_sequence_number() {
        let mut log = EventLog::new(8);
        log.append(&out(0));
        log.append(&complete());
        let (frames, next) = log.read_from(0, 10);
        assert_eq!(next, 3);
        assert_eq!(
            text(&frames[0]),
            serde_json::json!({"type":"output","text":"line 0","seq":1})
        );
        assert_eq!(text(&frames[1])["type"], "complete");
        assert_eq!(text(&frames[1])["seq"], 2);
        assert!(log.is_past_terminal(next));
    }

    #[test]
    fn a_full_log_drops_the_oldest_and_keeps_the_terminal_frame() {
        let mut log = EventLog::new(4);
        for i in 0..10 {
            log.append(&out(i));
        }
        assert!(matches!(
            log.append(&complete()),
            Appended::Stored {
                dropped_oldest: true,
                ..
            }
        ));
        assert_eq!(log.len(), 4);
        assert_eq!(log.dropped(), 7);
        assert_eq!(log.append(&out(99)), Appended::AfterTerminal);
        let (frames, _) = log.read_from(0, 100);
        let texts: Vec<_> = frames.iter().map(text).collect();
        assert_eq!(texts[0]["text"], "line 7");
        assert_eq!(texts[2]["text"], "line 9");
        assert_eq!(texts[3]["type"], "complete");
    }

    #[test]
    fn since_resumes_after_the_frames_a_client_already_has() {
        let mut log = EventLog::new(16);
        for i in 0..5 {
            log.append(&out(i));
        }
        let (frames, next) = log.read_from(4, 16);
        assert_eq!(frames.len(), 2);
        assert_eq!(text(&frames[0])["seq"], 4);
        assert_eq!(next, 6);
        assert_eq!(log.pending_after(4), 2);
        assert_eq!(log.pending_after(0), 5);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Whatever is appended and wherever a reader starts: the log stays within capacity,
        /// sequence numbers are contiguous and increasing, the newest frames are the ones kept,
        /// and the terminal frame, once appended, is the last frame and is never dropped.
        #[test]
        fn bounded_ordered_and_terminal_kept(
            capacity in 2usize..40,
            outputs in 0usize..200,
            finish in proptest::bool::ANY,
            from in 0u64..250,
        ) {
            let mut log = EventLog::new(capacity);
            for i in 0..outputs {
                log.append(&out(i));
                proptest::prop_assert!(log.len() <= capacity);
            }
            if finish {
                log.append(&complete());
                proptest::prop_assert_eq!(log.append(&out(0)), Appended::AfterTerminal);
            }
            let total = outputs as u64 + u64::from(finish);
            proptest::prop_assert_eq!(log.end_seq(), total + 1);
            proptest::prop_assert_eq!(log.len() as u64, total.min(capacity as u64));
            let (frames, next) = log.read_from(from, usize::MAX);
            let seqs: Vec<u64> = frames.iter().map(|f| text(f)["seq"].as_u64().unwrap()).collect();
            proptest::prop_assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1));
            proptest::prop_assert_eq!(next, total + 1);
            if let Some(last) = seqs.last() {
                proptest::prop_assert_eq!(*last, total);
            }
            if finish {
                let (all, _) = log.read_from(0, usize::MAX);
                proptest::prop_assert_eq!(&text(all.last().unwrap())["type"], "complete");
                proptest::prop_assert!(log.is_past_terminal(next));
            }
        }
    }
}
