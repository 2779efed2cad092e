//! A skill entry as deep frameworks write a hundred thousand of them,
//! read by hand: strings without escapes, whole numbers, the known keys
//! once each, in any order, with any JSON whitespace. Anything else (an
//! escape, a null, a fraction, a sign, a key twice or unknown, a stray
//! byte) is `None`, and serde_json reads the entry instead, so what this
//! reads is always what serde_json would have read (a proptest holds it
//! to that). serde_json spends about 7,300 instructions on such an entry
//! (a 100k-skill deep catalog: 0.73G); this, about 5,200, of which 1,800
//! are the allocations any reader into owned strings makes.

use super::{
    CertEntry, FileEntry, Level, PlainExam, PlainExperience, PlainPrereq, PlainRenewal,
    PlainTraining, PlainWaiver, SkillEntry,
};

/// The entry `raw` holds, when it is of the common shape.
pub(super) fn skill_entry(raw: &str) -> Option<SkillEntry> {
    let mut c = Cursor { s: raw, i: 0 };
    let e = skill_entry_at(&mut c)?;
    c.end().then_some(e)
}

/// The skill entry at the cursor.
fn skill_entry_at(c: &mut Cursor) -> Option<SkillEntry> {
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
    Some(e)
}

/// A whole catalog file of skills and certifications of the common
/// shape (each bundled file but the roles'): `$schema`, `format` 1 and
/// the lists, each key once, every entry read as [`skill_entry`] or
/// [`cert_entry`] reads it; a file with roles, or anything else, is
/// `None`, for serde_json to read whole.
pub(super) fn file(raw: &str) -> Option<FileEntry> {
    let mut c = Cursor { s: raw, i: 0 };
    let mut f = FileEntry {
        _schema: None,
        format: None,
        skills: None,
        certifications: None,
        roles: None,
    };
    let mut seen = Seen::default();
    c.object(|c, key| match key {
        "$schema" => seen.text(c, 0, &mut f._schema),
        "format" => {
            let mut format = None;
            seen.field(c, 1, &mut format, Cursor::whole)?;
            f.format = Some(Some(format?));
            Some(())
        }
        "skills" => seen.field(c, 2, &mut f.skills, |c| c.array(skill_entry_at)),
        "certifications" => seen.field(c, 3, &mut f.certifications, |c| c.array(cert_entry_at)),
        "roles" => seen.field(c, 4, &mut f.roles, |c| c.array(|_| None)),
        _ => None,
    })?;
    c.end().then_some(f)
}

/// A certification entry of the common shape: as [`skill_entry`], but a
/// null stands for an absent field, as serde reads it (the bundled
/// catalog writes `"retires": null` and the like), and the nested objects
/// (exams, renewal, training, prerequisites, experience) are read here
/// too. A key is still taken once, null or not.
pub(super) fn cert_entry(raw: &str) -> Option<CertEntry> {
    let mut c = Cursor { s: raw, i: 0 };
    let e = cert_entry_at(&mut c)?;
    c.end().then_some(e)
}

/// The certification entry at the cursor.
fn cert_entry_at(c: &mut Cursor) -> Option<CertEntry> {
    fields(c, |e: &mut CertEntry, seen, c, key| match key {
        "id" => seen.text(c, 0, &mut e.id),
        "name" => seen.text(c, 1, &mut e.name),
        "vendor" => seen.text(c, 2, &mut e.vendor),
        "level" => seen.text(c, 3, &mut e.level),
        "exams" => seen.field(c, 4, &mut e.exams, |c| c.array(exam)),
        "retired_exams" => seen.field(c, 5, &mut e.retired_exams, texts),
        "study_hours" => seen.number(c, 6, &mut e.study_hours),
        "validity_years" => seen.number(c, 7, &mut e.validity_years),
        "validity_from" => seen.text(c, 8, &mut e.validity_from),
        "renewal" => seen.field(c, 9, &mut e.renewal, renewal),
        "required_training" => seen.field(c, 10, &mut e.required_training, training),
        "annual_fee_usd" => seen.number(c, 11, &mut e.annual_fee_usd),
        "covers" => seen.field(c, 12, &mut e.covers, |c| c.array(level)),
        "requires" => seen.field(c, 13, &mut e.requires, |c| c.array(prereq)),
        "recommends" => seen.field(c, 14, &mut e.recommends, |c| c.array(prereq)),
        "experience" => seen.field(c, 15, &mut e.experience, experience),
        "status" => seen.text(c, 16, &mut e.status),
        "replaced_by" => seen.field(c, 17, &mut e.replaced_by, texts),
        "satisfies" => seen.field(c, 18, &mut e.satisfies, texts),
        "renews" => seen.field(c, 19, &mut e.renews, texts),
        "sources" => seen.field(c, 20, &mut e.sources, texts),
        "as_of" => seen.text(c, 21, &mut e.as_of),
        "demand" => seen.field(c, 22, &mut e.demand, Cursor::whole),
        "aliases" => seen.field(c, 23, &mut e.aliases, texts),
        "description" => seen.text(c, 24, &mut e.description),
        "note" => seen.text(c, 25, &mut e.note),
        _ => None,
    })
}

fn exam(c: &mut Cursor) -> Option<PlainExam> {
    fields(c, |x: &mut PlainExam, seen, c, key| match key {
        "code" => seen.text(c, 0, &mut x.code),
        "cost_usd" => seen.number(c, 1, &mut x.cost_usd),
        "retires" => seen.text(c, 2, &mut x.retires),
        "successor" => seen.text(c, 3, &mut x.successor),
        _ => None,
    })
}

fn renewal(c: &mut Cursor) -> Option<PlainRenewal> {
    fields(c, |x: &mut PlainRenewal, seen, c, key| match key {
        "by" => seen.text(c, 0, &mut x.by),
        "grace_months" => seen.field(c, 1, &mut x.grace_months, Cursor::whole),
        "note" => seen.text(c, 2, &mut x.note),
        _ => None,
    })
}

fn training(c: &mut Cursor) -> Option<PlainTraining> {
    fields(c, |x: &mut PlainTraining, seen, c, key| match key {
        "hours" => seen.number(c, 0, &mut x.hours),
        "cost_usd" => seen.number(c, 1, &mut x.cost_usd),
        "note" => seen.text(c, 2, &mut x.note),
        _ => None,
    })
}

fn prereq(c: &mut Cursor) -> Option<PlainPrereq> {
    fields(c, |x: &mut PlainPrereq, seen, c, key| match key {
        "cert" => seen.text(c, 0, &mut x.cert),
        "skill" => seen.text(c, 1, &mut x.skill),
        "level" => seen.field(c, 2, &mut x.level, Cursor::whole),
        "any_of" => seen.field(c, 3, &mut x.any_of, texts),
        _ => None,
    })
}

fn experience(c: &mut Cursor) -> Option<PlainExperience> {
    fields(c, |x: &mut PlainExperience, seen, c, key| match key {
        "months" => seen.field(c, 0, &mut x.months, Cursor::whole),
        "area" => seen.text(c, 1, &mut x.area),
        "before_exam" => seen.field(c, 2, &mut x.before_exam, Cursor::boolean),
        "waivers" => seen.field(c, 3, &mut x.waivers, |c| c.array(waiver)),
        "note" => seen.text(c, 4, &mut x.note),
        _ => None,
    })
}

fn waiver(c: &mut Cursor) -> Option<PlainWaiver> {
    fields(c, |x: &mut PlainWaiver, seen, c, key| match key {
        "degree" => seen.text(c, 0, &mut x.degree),
        "months" => seen.field(c, 1, &mut x.months, Cursor::whole),
        _ => None,
    })
}

/// An object read into a new `T`, each key's value into its field by
/// `field` (which knows each key's bit in `Seen`).
fn fields<'a, T: Default>(
    c: &mut Cursor<'a>,
    mut field: impl FnMut(&mut T, &mut Seen, &mut Cursor<'a>, &'a str) -> Option<()>,
) -> Option<T> {
    let mut x = T::default();
    let mut seen = Seen::default();
    c.object(|c, key| field(&mut x, &mut seen, c, key))?;
    Some(x)
}

/// `["text", ...]`.
fn texts(c: &mut Cursor) -> Option<Vec<String>> {
    c.array(|c| Some(c.string()?.to_string()))
}

/// The keys of an object read so far, a bit each: serde refuses a key
/// given twice, even when the first was null.
#[derive(Default)]
struct Seen(u32);

impl Seen {
    /// Reads the value of key number `bit` into `slot` (null leaves it
    /// empty, as serde reads an `Option`), unless the key came before.
    fn field<'a, T>(
        &mut self,
        c: &mut Cursor<'a>,
        bit: u32,
        slot: &mut Option<T>,
        read: impl FnOnce(&mut Cursor<'a>) -> Option<T>,
    ) -> Option<()> {
        if self.0 & 1 << bit != 0 {
            return None;
        }
        self.0 |= 1 << bit;
        if !c.null() {
            *slot = Some(read(c)?);
        }
        Some(())
    }

    fn text(&mut self, c: &mut Cursor, bit: u32, slot: &mut Option<String>) -> Option<()> {
        self.field(c, bit, slot, |c| Some(c.string()?.to_string()))
    }

    /// A whole number where serde reads an `f64`.
    fn number(&mut self, c: &mut Cursor, bit: u32, slot: &mut Option<f64>) -> Option<()> {
        self.field(c, bit, slot, |c| c.whole().map(|n| n as f64))
    }
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
        let end = crate::json::string_stop_long(self.bytes(), start)?;
        if self.bytes()[end] != b'"' {
            return None;
        }
        self.i = end + 1;
        // Both ends are quotes, so the cut falls between characters.
        Some(&self.s[start..end])
    }

    /// `null`, taken when it is next.
    fn null(&mut self) -> bool {
        self.word(b"null")
    }

    /// `true` or `false`.
    fn boolean(&mut self) -> Option<bool> {
        if self.word(b"true") {
            Some(true)
        } else if self.word(b"false") {
            Some(false)
        } else {
            None
        }
    }

    /// A literal word, taken when it is next (what follows it is for the
    /// object or array around it to accept or refuse).
    fn word(&mut self, w: &[u8]) -> bool {
        if self.peek().is_none() {
            return false;
        }
        let b = &self.bytes()[self.i..];
        let yes = b.starts_with(w);
        if yes {
            self.i += w.len();
        }
        yes
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

    /// Certification-like texts: the fields of a certification (nested
    /// objects too), mostly of their kind, sometimes null or another kind,
    /// then one byte put in, taken out or changed, as for skills.
    fn cert_texts() -> impl Strategy<Value = String> {
        let text = "[a-z0-9 -]{0,8}".prop_map(|s| format!("\"{s}\""));
        let number = prop_oneof![Just(0u64), 1u64..10, 10u64..2_000].prop_map(|n| n.to_string());
        let boolean = prop_oneof![Just("true".to_string()), Just("false".to_string())];
        let odd = prop_oneof![
            3 => Just("null".to_string()),
            1 => text.clone(),
            1 => number.clone(),
            1 => Just("{}".to_string()),
            1 => Just("[]".to_string()),
            1 => Just("2.5".to_string()),
        ];
        let list = |item: BoxedStrategy<String>| {
            prop::collection::vec(item, 0..3).prop_map(|v| format!("[{}]", v.join(", ")))
        };
        // An object of some of `keys`, each with a value of its kind
        // (most of the time), in any order, a key sometimes twice.
        fn object(
            fields: Vec<(&'static str, BoxedStrategy<String>)>,
            odd: BoxedStrategy<String>,
        ) -> BoxedStrategy<String> {
            let n = fields.len();
            let one = (0..n, prop_oneof![8 => Just(true), 1 => Just(false)]).prop_flat_map(
                move |(k, usual)| {
                    let (key, value) = fields[k].clone();
                    let v = if usual { value } else { odd.clone() };
                    v.prop_map(move |v| format!("\"{key}\": {v}"))
                },
            );
            prop::collection::vec(one, 0..n.min(6) + 1)
                .prop_map(|f| format!("{{{}}}", f.join(", ")))
                .boxed()
        }
        let odd = odd.boxed();
        let t = || text.clone().boxed();
        let num = || number.clone().boxed();
        let level = object(vec![("skill", t()), ("level", num())], odd.clone());
        let exam = object(
            vec![
                ("code", t()),
                ("cost_usd", num()),
                ("retires", t()),
                ("successor", t()),
            ],
            odd.clone(),
        );
        let renewal = object(
            vec![("by", t()), ("grace_months", num()), ("note", t())],
            odd.clone(),
        );
        let training = object(
            vec![("hours", num()), ("cost_usd", num()), ("note", t())],
            odd.clone(),
        );
        let prereq = object(
            vec![
                ("cert", t()),
                ("skill", t()),
                ("level", num()),
                ("any_of", list(t()).boxed()),
            ],
            odd.clone(),
        );
        let waiver = object(vec![("degree", t()), ("months", num())], odd.clone());
        let experience = object(
            vec![
                ("months", num()),
                ("area", t()),
                ("before_exam", boolean.boxed()),
                ("waivers", list(waiver).boxed()),
                ("note", t()),
            ],
            odd.clone(),
        );
        let whole = object(
            vec![
                ("id", t()),
                ("name", t()),
                ("vendor", t()),
                ("level", t()),
                ("exams", list(exam).boxed()),
                ("retired_exams", list(t()).boxed()),
                ("study_hours", num()),
                ("validity_years", num()),
                ("validity_from", t()),
                ("renewal", renewal),
                ("required_training", training),
                ("annual_fee_usd", num()),
                ("covers", list(level).boxed()),
                ("requires", list(prereq.clone()).boxed()),
                ("recommends", list(prereq).boxed()),
                ("experience", experience),
                ("status", t()),
                ("replaced_by", list(t()).boxed()),
                ("sources", list(t()).boxed()),
                ("demand", num()),
                ("note", t()),
                ("x-extra", num()),
            ],
            odd,
        );
        let byte = prop::sample::select(vec![
            ',', '"', '\\', '{', '}', '[', ']', ':', '0', '1', '.', 'e', '-', ' ', '\n', '\u{1}',
            'n', 'u', 'l', 't', 'é',
        ]);
        (whole, any::<prop::sample::Index>(), 0u8..4, byte).prop_map(|(t, at, how, ch)| {
            let mut chars: Vec<char> = t.chars().collect();
            let i = at.index(chars.len() + 1);
            match how {
                0 => {}
                1 => chars.insert(i, ch),
                2 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = ch,
                _ => {}
            }
            chars.into_iter().collect()
        })
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

        /// The same for certifications, nulls and nested objects included.
        #[test]
        fn a_certification_it_reads_serde_reads_alike(raw in cert_texts()) {
            if let Some(quick) = cert_entry(&raw) {
                let theirs: Option<CertEntry> = serde_json::from_str(&raw).ok();
                prop_assert_eq!(Some(quick), theirs, "{}", raw);
            }
        }
    }

    /// Every bundled file but the roles' is read here, as serde reads it.
    #[test]
    fn the_bundled_files_are_read_as_serde_reads_them() {
        for src in crate::catalog::Source::bundled() {
            let quick = file(&src.text);
            let theirs: FileEntry = serde_json::from_str(&src.text).expect("bundled file");
            if src.name.starts_with("data/roles.json") {
                assert!(quick.is_none(), "roles are serde's");
                continue;
            }
            let quick = quick.unwrap_or_else(|| panic!("{} not read here", src.name));
            assert_eq!(quick._schema, theirs._schema);
            assert_eq!(quick.format, theirs.format);
            assert_eq!(quick.skills, theirs.skills, "{}", src.name);
            assert_eq!(quick.certifications, theirs.certifications, "{}", src.name);
            assert_eq!(quick.roles.map(|r| r.len()), theirs.roles.map(|r| r.len()));
        }
    }
}
