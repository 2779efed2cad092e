//! Ids, names and did-you-mean.

/// Ids are lowercase kebab-case, at most 64 characters.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The candidate closest to `word`, when it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_within(word, candidates, 0.85)
}

/// Like [`closest`], looser: for short fixed lists of words (field names,
/// enum values), where a wrong suggestion costs little.
pub fn closest_word<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    closest_within(word, candidates, 0.75)
}

fn closest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    min: f64,
) -> Option<&'a str> {
    let w = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&w, &c.to_lowercase());
        if score >= min && best.is_none_or(|(b, bc)| score > b || (score == b && c < bc)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// What a name resolved to among some entries.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<T> {
    Found(T),
    Ambiguous(Vec<String>),
    Unknown(Option<String>),
}

/// Resolves `name` among `(id, aliases, value)` entries: an exact id wins,
/// then an exact alias (case-insensitive), then a unique case-insensitive
/// prefix of an id or alias.
pub fn lookup<'a, T: Copy>(
    name: &str,
    entries: impl Iterator<Item = (&'a str, &'a [String], T)> + Clone,
) -> Lookup<T> {
    if let Some((_, _, v)) = entries.clone().find(|(id, _, _)| *id == name) {
        return Lookup::Found(v);
    }
    let lower = name.to_lowercase();
    let mut alias_hits: Vec<(&str, T)> = entries
        .clone()
        .filter(|(id, aliases, _)| {
            id.to_lowercase() == lower || aliases.iter().any(|a| a.to_lowercase() == lower)
        })
        .map(|(id, _, v)| (id, v))
        .collect();
    alias_hits.dedup_by(|a, b| a.0 == b.0);
    if alias_hits.len() == 1 {
        return Lookup::Found(alias_hits[0].1);
    }
    if alias_hits.len() > 1 {
        return Lookup::Ambiguous(alias_hits.iter().map(|(id, _)| id.to_string()).collect());
    }
    if !lower.is_empty() {
        let mut prefix_hits: Vec<(&str, T)> = entries
            .clone()
            .filter(|(id, aliases, _)| {
                id.to_lowercase().starts_with(&lower)
                    || aliases.iter().any(|a| a.to_lowercase().starts_with(&lower))
            })
            .map(|(id, _, v)| (id, v))
            .collect();
        prefix_hits.sort_by(|a, b| a.0.cmp(b.0));
        prefix_hits.dedup_by(|a, b| a.0 == b.0);
        if prefix_hits.len() == 1 {
            return Lookup::Found(prefix_hits[0].1);
        }
        if prefix_hits.len() > 1 {
            return Lookup::Ambiguous(prefix_hits.iter().map(|(id, _)| id.to_string()).collect());
        }
    }
    let words = entries
        .flat_map(|(id, aliases, _)| std::iter::once(id).chain(aliases.iter().map(String::as_str)));
    let suggestion = closest(name, words).map(str::to_string);
    Lookup::Unknown(suggestion)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<(&'static str, Vec<String>)> {
        vec![
            ("comptia-network-plus", vec!["Network+".to_string()]),
            ("comptia-a-plus", vec!["A+".to_string()]),
            ("cisco-ccna", vec!["CCNA".to_string()]),
        ]
    }

    fn run(name: &str) -> Lookup<&'static str> {
        let e = entries();
        let r = lookup(name, e.iter().map(|(id, a)| (*id, a.as_slice(), *id)));
        match r {
            Lookup::Found(v) => Lookup::Found(v),
            Lookup::Ambiguous(v) => Lookup::Ambiguous(v),
            Lookup::Unknown(s) => Lookup::Unknown(s),
        }
    }

    #[test]
    fn exact_alias_prefix_and_unknown() {
        assert_eq!(run("cisco-ccna"), Lookup::Found("cisco-ccna"));
        assert_eq!(run("network+"), Lookup::Found("comptia-network-plus"));
        assert_eq!(run("cis"), Lookup::Found("cisco-ccna"));
        assert_eq!(
            run("comptia"),
            Lookup::Ambiguous(vec![
                "comptia-a-plus".to_string(),
                "comptia-network-plus".to_string()
            ])
        );
        assert_eq!(
            run("cisco-ccnaa"),
            Lookup::Unknown(Some("cisco-ccna".to_string()))
        );
    }

    #[test]
    fn ids() {
        assert!(valid_id("ip-addressing"));
        assert!(!valid_id("IP"));
        assert!(!valid_id("a--b"));
        assert!(!valid_id(&"a".repeat(65)));
        assert!(!valid_id(""));
    }
}
