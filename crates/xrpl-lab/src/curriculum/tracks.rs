//! The curriculum's ten tracks in their fixed order, with display labels, plus the levels and
//! their ranks. Track order drives the canonical module order and every per-track listing.

/// A track of the curriculum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrackInfo {
    pub id: &'static str,
    pub label: &'static str,
}

/// The tracks in canonical order.
pub const TRACKS: [TrackInfo; 10] = [
    TrackInfo {
        id: "foundations",
        label: "Foundations",
    },
    TrackInfo {
        id: "nfts",
        label: "NFTs",
    },
    TrackInfo {
        id: "tokens",
        label: "Tokens",
    },
    TrackInfo {
        id: "payments",
        label: "Payments",
    },
    TrackInfo {
        id: "identity",
        label: "Identity",
    },
    TrackInfo {
        id: "dex",
        label: "DEX",
    },
    TrackInfo {
        id: "reserves",
        label: "Reserves",
    },
    TrackInfo {
        id: "audit",
        label: "Audit",
    },
    TrackInfo {
        id: "amm",
        label: "AMM",
    },
    TrackInfo {
        id: "capstone",
        label: "Capstone",
    },
];

/// Tracks whose modules carry a knowledge-base capability slug (`kb_source`).
pub const KB_TRACKS: [&str; 4] = ["nfts", "tokens", "payments", "identity"];

/// Rank of an unknown track: after every known one.
pub const UNKNOWN_TRACK_RANK: usize = 99;

/// Position of a track in the canonical order.
pub fn track_rank(track: &str) -> usize {
    TRACKS
        .iter()
        .position(|t| t.id == track)
        .unwrap_or(UNKNOWN_TRACK_RANK)
}

pub fn is_known_track(track: &str) -> bool {
    TRACKS.iter().any(|t| t.id == track)
}

/// The display label of a track; an unknown track is shown title-cased.
pub fn track_label(track: &str) -> String {
    match TRACKS.iter().find(|t| t.id == track) {
        Some(t) => t.label.to_string(),
        None => title_case(track),
    }
}

pub fn track_ids() -> impl Iterator<Item = &'static str> {
    TRACKS.iter().map(|t| t.id)
}

fn title_case(s: &str) -> String {
    s.split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_labels() {
        assert_eq!(track_rank("foundations"), 0);
        assert_eq!(track_rank("capstone"), 9);
        assert_eq!(track_rank("bogus"), UNKNOWN_TRACK_RANK);
        assert_eq!(track_label("dex"), "DEX");
        assert_eq!(track_label("game_design"), "Game Design");
    }
}
