//! A skill entry as deep frameworks write a hundred thousand of them,
//! read by hand: strings without escapes, whole numbers, the known keys
//! once each, in any order, with any JSON whitespace. Anything else (an
//! escape, a null, a fraction, a sign, a key twice or unknown, a stray
//! byte) is `None`, and serde_json reads the entry instead, so what this
//! reads is always what serde_json would have read (a proptest holds it
//! to that). serde_json spends about 7,300 instructions on such an entry
//! (a 100k-skill deep catalog: 0.73G); this, about 5,200, of which 1,800
//! are the allocations any reader into owned strings makes.

use super::{Level, SkillEntry};

/// The entry `raw` holds, when it is of the common shape.
pub(super) fn skill_entry(raw: &str) -> Option<SkillEntry> {
    let mut c = Cursor { s: raw, i: 0 };
    let mut e = SkillEntry::default();
    c.object(|c, key| match key {
        "id" => once(&mut e.id, c.string()?.to_string()),
        "name" => once(&mut e.name, c.string()?.to_string()),
        "domain" => once(&mut e.domain, c.string()?.to_string()),
        "description" => once(&mut e.description, c.string()?.to_string()),
        "note" => once(&mut e.note, c.string()?.to_string()),
        "hours" => once(&mut e.hours, c.array(|c| c.whole().map(|n| n as f64))?),
        "requires" => once(&mut e.requires, c.array(level)?),
        "aliases" => once(&mut e.aliases, c.array(|c| Some(c.string()?.to_string()))?),
        _ => None,
    })?;
    c.end().then_some(e)
}

/// `{"skill": ID, "level": N}`, both keys once.
fn level(c: &mut Cursor) -> Option<Level> {
    let (mut skill, mut level) = (None, None);
    c.object(|c, key| match key {
        "skill" => once(&mut skill, c.string()?.to_string()),
        "level" => once(&mut level, c.whole()?),
        _ => None,
    })?;
    Some(Level {
        skill: skill?,
        level: level?,
    })
}

/// Sets a field not set before (serde refuses a key given twice).
fn once<T>(field: &mut Option<T>, value: T) -> Option<()> {
    field.is_none().then(|| *field = Some(value))
}

/// The most digits read as a whole number: any number of 15 digits is a
/// float exactly, as serde_json would make it.
const MAX_DIGITS: usize = 15;

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    /// The next byte after whitespace (JSON's four kinds only).
    fn peek(&mut self) -> Option<u8> {
        let b = self.bytes();
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = b.get(self.i) {
            self.i += 1;
        }
        b.get(self.i).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.i += 1)
    }

    /// Nothing but whitespace is left.
    fn end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let end = crate::json::string_stop(self.bytes(), start)?;
        if self.bytes()[end] != b'"' {
            return None;
        }
        self.i = end + 1;
        // Both ends are quotes, so the cut falls between characters.
        Some(&self.s[start..end])
    }

    /// A whole number without sign, fraction or exponent.
    fn whole(&mut self) -> Option<u64> {
        self.peek()?;
        let b = self.bytes();
        let start = self.i;
        while b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        let digits = &b[start..self.i];
        let plain = !digits.is_empty()
            && digits.len() <= MAX_DIGITS
            && (digits.len() == 1 || digits[0] != b'0')
            && !matches!(b.get(self.i), Some(b'.' | b'e' | b'E'));
        plain.then(|| {
            digits
                .iter()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))
        })
    }

    /// `[item, ...]`.
    fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.peek()? == b']' {
            self.i += 1;
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(out);
                }
                _ => return None,
            }
        }
    }

    /// `{"key": value, ...}`, each value read by `value` given its key.
    fn object(&mut self, mut value: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            value(self, key)?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde(raw: &str) -> Option<SkillEntry> {
        serde_json::from_str(raw).ok()
    }

    #[test]
    fn the_common_shape_is_read_as_serde_reads_it() {
        for raw in [
            r#"{"id":"skill-000001","name":"Skill 1","domain":"domain-0","hours":[2,4,6,10],"requires":[{"skill":"skill-000000","level":2}]}"#,
            "{\n  \"requires\": [ { \"level\": 1, \"skill\": \"a\" } ],\n  \"id\": \"b\",\n  \"aliases\": [\"x\", \"y\"],\n  \"note\": \"Grüße, 東京\"\n}\n",
            r#"{}"#,
            r#"{"hours": [], "requires": [], "aliases": []}"#,
            r#"{"hours": [0, 10, 999999999999999]}"#,
        ] {
            let quick = skill_entry(raw);
            assert!(quick.is_some(), "{raw}");
            assert_eq!(quick, serde(raw), "{raw}");
        }
    }

    #[test]
    fn anything_else_is_left_to_serde() {
        for raw in [
            r#"{"id": "a\"b"}"#,
            r#"{"id": null}"#,
            r#"{"hours": [1.5, 2, 3, 4]}"#,
            r#"{"hours": [1e2, 2, 3, 4]}"#,
            r#"{"hours": [-1, 2, 3, 4]}"#,
            r#"{"hours": [01, 2, 3, 4]}"#,
            r#"{"hours": [1000000000000000, 2, 3, 4]}"#,
            r#"{"id": "a", "id": "b"}"#,
            r#"{"x-extra": 1}"#,
            r#"{"id": "a",}"#,
            r#"{"hours": [1, 2,]}"#,
            r#"{"requires": [{"skill": "a"}]}"#,
            r#"{"requires": [{"skill": "a", "level": 1, "skill": "b"}]}"#,
            r#"{"id": "a"} x"#,
            "{\"id\": \"a\u{1}\"}",
            "{\"id\"\u{c}: \"a\"}",
            r#"["a"]"#,
            r#"{"id": "a""#,
            "",
        ] {
            assert!(skill_entry(raw).is_none(), "{raw}");
        }
    }

    /// Entry-like texts: mostly valid entries (each key with a value of
    /// its kind, sometimes another kind or null), and such entries with one
    /// byte put in, taken out or changed.
    fn texts() -> impl Strategy<Value = String> {
        let text = "[a-z0-9 -]{0,8}".prop_map(|s| format!("\"{s}\""));
        // 0 often: a digit after it must not pass for a number.
        let number = prop_oneof![Just(0u64), 1u64..10, 10u64..2_000].prop_map(|n| n.to_string());
        let list = |item: BoxedStrategy<String>| {
            prop::collection::vec(item, 0..4).prop_map(|v| format!("[{}]", v.join(",")))
        };
        let level = ("[a-z-]{1,6}", 0u64..6, any::<bool>()).prop_map(|(s, l, flip)| {
            if flip {
                format!("{{\"level\": {l}, \"skill\": \"{s}\"}}")
            } else {
                format!("{{\"skill\": \"{s}\", \"level\": {l}}}")
            }
        });
        let odd = prop_oneof![
            Just("null".to_string()),
            text.clone(),
            number.clone(),
            Just("{}".to_string()),
        ];
        let field = |key: &'static str, usual: BoxedStrategy<String>| {
            prop_oneof![9 => usual, 1 => odd.clone()].prop_map(move |v| (key, v))
        };
        let fields = prop_oneof![
            field("id", text.clone().boxed()),
            field("name", text.clone().boxed()),
            field("domain", text.clone().boxed()),
            field("description", text.clone().boxed()),
            field("note", text.clone().boxed()),
            field("hours", list(number.boxed()).boxed()),
            field("requires", list(level.boxed()).boxed()),
            field("aliases", list(text.boxed()).boxed()),
            Just(("x-extra", "1".to_string())),
        ];
        let space = prop::sample::select(vec!["", " ", "\n  ", "\t"]);
        let whole = prop::collection::vec((fields, space), 0..6).prop_map(|fields| {
            let body: Vec<String> = fields
                .into_iter()
                .map(|((k, v), sp)| format!("{sp}\"{k}\":{sp}{v}"))
                .collect();
            format!("{{{}}}", body.join(","))
        });
        // The bytes JSON reads specially, and a few that it does not.
        let byte = prop::sample::select(vec![
            ',', '"', '\\', '{', '}', '[', ']', ':', '0', '1', '.', 'e', '-', ' ', '\n', '\u{1}',
            'n', 'é',
        ]);
        let edit = (whole, any::<prop::sample::Index>(), 0u8..3, byte);
        prop_oneof![
            2 => edit.clone().prop_map(|(t, ..)| t),
            // A byte put in just before a bracket, comma or colon, where
            // a reader is most likely to be lenient.
            1 => edit.clone().prop_map(|(t, at, _, ch)| {
                let marks: Vec<usize> = t
                    .char_indices()
                    .filter(|(_, c)| matches!(c, '}' | ']' | ',' | ':'))
                    .map(|(i, _)| i)
                    .collect();
                let mut t = t;
                if !marks.is_empty() {
                    t.insert(marks[at.index(marks.len())], ch);
                }
                t
            }),
            1 => edit.prop_map(|(t, at, how, ch)| {
                let mut chars: Vec<char> = t.chars().collect();
                let i = at.index(chars.len() + 1);
                match how {
                    0 => chars.insert(i, ch),
                    1 if i < chars.len() => {
                        chars.remove(i);
                    }
                    _ if i < chars.len() => chars[i] = ch,
                    _ => {}
                }
                chars.into_iter().collect()
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Whatever this reads, serde_json reads the same.
        #[test]
        fn what_it_reads_serde_reads_alike(raw in texts()) {
            if let Some(quick) = skill_entry(&raw) {
                prop_assert_eq!(Some(quick), serde(&raw), "{}", raw);
            }
        }
    }
}
