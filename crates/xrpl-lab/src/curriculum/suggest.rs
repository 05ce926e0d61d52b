//! "Did you mean …?": the closest known name to one a learner mistyped (module ids, action
//! names). A suggestion is only made when it is plausibly what was meant.

/// The candidate most similar to `wanted`, if it is similar enough to be worth suggesting.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.trim().replace('-', "_").to_ascii_lowercase();
    if wanted.is_empty() {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| (score(&wanted, c), c))
        .filter(|(s, _)| *s >= THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Below this similarity a suggestion is noise rather than help.
const THRESHOLD: f64 = 0.7;

fn score(wanted: &str, candidate: &str) -> f64 {
    // A learner who types the start of an id ("trust_lines") means that module.
    if candidate.starts_with(wanted) && wanted.len() >= 4 {
        return 1.0;
    }
    let jw = strsim::jaro_winkler(wanted, candidate);
    let lev = strsim::normalized_damerau_levenshtein(wanted, candidate);
    jw.max(lev + 0.1).min(0.999)
}

#[cfg(test)]
mod tests {
    use super::closest;

    const IDS: [&str; 4] = [
        "trust_lines_101",
        "trust_line_failures",
        "escrow_101",
        "did_101",
    ];

    #[test]
    fn suggests_typos_and_prefixes_but_not_noise() {
        assert_eq!(closest("trust-lines-11", IDS), Some("trust_lines_101"));
        assert_eq!(closest("escrow", IDS), Some("escrow_101"));
        assert_eq!(closest("ecsrow_101", IDS), Some("escrow_101"));
        assert_eq!(closest("quantum_finance", IDS), None);
        assert_eq!(closest("", IDS), None);
    }
}
