//! Ids, names and did-you-mean.

/// A hash for maps keyed by ids: short strings, looked up millions of
/// times when a large catalog is loaded and planned. Much faster than the
/// standard library's SipHash. Seeded per process, which makes ids that
/// collide hard to prepare in advance; it is not a cryptographic hash.
#[derive(Debug, Clone, Copy)]
pub struct IdHash(u64);

impl Default for IdHash {
    fn default() -> IdHash {
        static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
        IdHash(*SEED.get_or_init(|| {
            use std::hash::BuildHasher;
            std::collections::hash_map::RandomState::new().hash_one(0x1d5_u64)
        }))
    }
}

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;

    fn build_hasher(&self) -> IdHasher {
        IdHasher(self.0)
    }
}

/// The hasher of [`IdHash`]: a multiply-rotate over 8 bytes at a time,
/// mixed at the end.
#[derive(Debug, Clone, Copy)]
pub struct IdHasher(u64);

const MULTIPLY: u64 = 0x517c_c1b7_2722_0a95;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(MULTIPLY);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: every bit of the state reaches the high
        // bits (hashbrown's tags) and the low ones (its buckets).
        let mut z = self.0;
        z ^= z >> 33;
        z = z.wrapping_mul(0xff51_afd7_ed55_8ccd);
        z ^= z >> 33;
        z = z.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        z ^ (z >> 33)
    }
}

/// A map keyed by ids, with [`IdHash`].
pub type IdMap<K, V> = std::collections::HashMap<K, V, IdHash>;

/// Ids are lowercase kebab-case, at most 64 characters.
pub fn valid_id(id: &str) -> bool {
    // One pass over the bytes: `contains("--")` set up a substring search
    // for each of a large catalog's 100,000 ids.
    let b = id.as_bytes();
    let mut after_dash = true; // no dash first
    !b.is_empty()
        && b.len() <= 64
        && b.iter().all(|&c| {
            let dash = c == b'-';
            let ok = c.is_ascii_lowercase() || c.is_ascii_digit() || (dash && !after_dash);
            after_dash = dash;
            ok
        })
        && !after_dash // no dash last
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
    let w_len = w.chars().count();
    // Jaro-Winkler is at most 0.6 × Jaro + 0.4 (Jaro alone up to 0.7), and
    // Jaro at most (2 + shorter / longer) / 3: a candidate much shorter or
    // longer than the word cannot reach `min`. Skipping it keeps a huge
    // word (a pasted file) from costing its length times each candidate's.
    let jaro_min = if min <= 0.7 {
        min
    } else {
        f64::max(0.7, (min - 0.4) / 0.6)
    };
    let ratio_min = 3.0 * jaro_min - 2.0 - 1e-9;
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let c_lower = c.to_lowercase();
        let c_len = c_lower.chars().count();
        let (short, long) = (w_len.min(c_len), w_len.max(c_len));
        if long > 0 && (short as f64) < ratio_min * long as f64 {
            continue;
        }
        let score = strsim::jaro_winkler(&w, &c_lower);
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

/// A name as lookups compare it: lowercase, `+` read as "plus", every run
/// of spaces and punctuation one space. "CompTIA Security+", "comptia
/// security plus" and `comptia-security-plus` fold alike.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for word in name
        .to_lowercase()
        .replace('+', " plus ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// One entry a name may resolve to: its id, display name, aliases and the
/// value a lookup returns.
pub struct Entry<'a, T> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [String],
    pub value: T,
}

impl<'a, T> Entry<'a, T> {
    /// The id, name and aliases.
    fn words(&self) -> impl Iterator<Item = &'a str> + 'a {
        [self.id, self.name]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// Resolves `name` among entries, in this order: the exact id; an id, name
/// or alias equal to it once both are folded (see [`fold`]); a unique
/// entry whose id, name or alias begins with its whole words ("network
/// engineer" begins "network engineer tier 2", "network eng" begins
/// nothing). Several entries at the first step that finds any make the
/// name ambiguous.
pub fn lookup<'a, T: Copy>(
    name: &str,
    entries: impl Iterator<Item = Entry<'a, T>> + Clone,
) -> Lookup<T> {
    if let Some(e) = entries.clone().find(|e| e.id == name) {
        return Lookup::Found(e.value);
    }
    let folded = fold(name);
    if !folded.is_empty() {
        let exact = hits(entries.clone(), |w| fold(w) == folded);
        if let Some(found) = decide(exact) {
            return found;
        }
        let prefix = format!("{folded} ");
        let begins = hits(entries.clone(), |w| fold(w).starts_with(&prefix));
        if let Some(found) = decide(begins) {
            return found;
        }
    }
    let words = entries.flat_map(|e| e.words().collect::<Vec<_>>());
    let suggestion = closest(name, words).map(str::to_string);
    Lookup::Unknown(suggestion)
}

/// The entries one of whose words passes `test`, by id, each once.
fn hits<'a, T>(
    entries: impl Iterator<Item = Entry<'a, T>>,
    test: impl Fn(&str) -> bool,
) -> Vec<(&'a str, T)> {
    let mut out: Vec<(&str, T)> = entries
        .filter(|e| e.words().any(&test))
        .map(|e| (e.id, e.value))
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// One hit is found, several are ambiguous, none goes on to the next step.
fn decide<T>(mut found: Vec<(&str, T)>) -> Option<Lookup<T>> {
    match found.len() {
        0 => None,
        1 => found.pop().map(|(_, v)| Lookup::Found(v)),
        _ => Some(Lookup::Ambiguous(
            found.iter().map(|(id, _)| id.to_string()).collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<(&'static str, &'static str, Vec<String>)> {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
        vec![
            ("comptia-network-plus", "CompTIA Network+", v(&["Network+"])),
            ("comptia-a-plus", "CompTIA A+", v(&["A+"])),
            ("cisco-ccna", "Cisco CCNA", v(&["CCNA"])),
            (
                "project-coordinator",
                "Project Coordinator",
                v(&["PMO coordinator"]),
            ),
            (
                "network-engineer",
                "Network Engineer",
                v(&["LAN/WAN engineer"]),
            ),
            (
                "nice-io-wrl-005",
                "Systems Administration (IO-WRL-005)",
                v(&["IO-WRL-005", "Systems Administration"]),
            ),
        ]
    }

    fn run(name: &str) -> Lookup<&'static str> {
        let e = entries();
        lookup(
            name,
            e.iter().map(|(id, n, a)| Entry {
                id,
                name: n,
                aliases: a.as_slice(),
                value: *id,
            }),
        )
    }

    #[test]
    fn folding() {
        assert_eq!(fold("CompTIA  Security+"), "comptia security plus");
        assert_eq!(fold("comptia-security-plus"), "comptia security plus");
        assert_eq!(
            fold("Systems Administration (IO-WRL-005)"),
            "systems administration io wrl 005"
        );
        assert_eq!(fold(" +- "), "plus");
        assert_eq!(fold("  "), "");
    }

    #[test]
    fn exact_id_then_folded_name_or_alias_then_whole_word_prefix() {
        assert_eq!(run("cisco-ccna"), Lookup::Found("cisco-ccna"));
        assert_eq!(run("network+"), Lookup::Found("comptia-network-plus"));
        assert_eq!(
            run("comptia network plus"),
            Lookup::Found("comptia-network-plus")
        );
        assert_eq!(run("CompTIA A+"), Lookup::Found("comptia-a-plus"));
        assert_eq!(run("network engineer"), Lookup::Found("network-engineer"));
        assert_eq!(run("Network Engineer"), Lookup::Found("network-engineer"));
        assert_eq!(
            run("Systems Administration (IO-WRL-005)"),
            Lookup::Found("nice-io-wrl-005")
        );
        assert_eq!(run("io-wrl-005"), Lookup::Found("nice-io-wrl-005"));
        // Whole words only: the first word of "PMO coordinator" is not "pm".
        assert!(matches!(run("pm"), Lookup::Unknown(_)));
        assert!(matches!(run("cis"), Lookup::Unknown(_)));
        assert!(matches!(run("network-eng"), Lookup::Unknown(_)));
        assert_eq!(run("cisco"), Lookup::Found("cisco-ccna"));
        assert_eq!(run("project"), Lookup::Found("project-coordinator"));
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
    fn a_huge_word_is_not_compared_letter_by_letter() {
        let huge = "x".repeat(10_000_000);
        let started = std::time::Instant::now();
        assert_eq!(closest(&huge, ["ip-addressing", "x"]), None);
        assert_eq!(closest_word(&huge, ["hours", "name"]), None);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // The bound skips nothing that could match.
        assert_eq!(
            closest("ip-adressing", ["ip-addressing"]),
            Some("ip-addressing")
        );
        assert_eq!(closest_word("hourz", ["hours"]), Some("hours"));
    }

    #[test]
    fn ids_hash_alike_within_a_process() {
        use std::hash::BuildHasher;
        let (a, b) = (IdHash::default(), IdHash::default());
        assert_eq!(a.hash_one("ip-addressing"), b.hash_one("ip-addressing"));
        assert_ne!(a.hash_one("ip-addressing"), a.hash_one("ip-addressinh"));
        let m: IdMap<&str, u8> = [("a", 1), ("b", 2)].into_iter().collect();
        assert_eq!(m.get("b"), Some(&2));
    }

    #[test]
    fn ids() {
        assert!(valid_id("ip-addressing"));
        assert!(!valid_id("IP"));
        assert!(!valid_id("a--b"));
        assert!(!valid_id(&"a".repeat(65)));
        assert!(!valid_id(""));
    }

    proptest::proptest! {
        /// The one-pass check says what the rules say, one by one.
        #[test]
        fn an_id_is_valid_by_each_rule(id in "[a-z0-9A-Z_-]{0,3}|[a-z-]{0,70}") {
            let by_rules = !id.is_empty()
                && id.len() <= 64
                && !id.starts_with('-')
                && !id.ends_with('-')
                && !id.contains("--")
                && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            proptest::prop_assert_eq!(valid_id(&id), by_rules);
        }
    }
}
