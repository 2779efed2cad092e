//! Reading hand-written JSON: parse to a `Value`, then walk it, collecting
//! every problem with its JSON path instead of stopping at the first.

use crate::error::Problem;
use crate::names;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The bounds of every number that feeds date arithmetic, so that no date
/// computed from a valid file can overflow (and a plan that would run past
/// 9999-12-31 is an error of its own): months of experience (100 years),
/// hours of a skill level or of study for a cert, years a cert is valid.
pub const MAX_MONTHS: u32 = 1200;
pub const MAX_HOURS: f64 = 100_000.0;
pub const MAX_YEARS: f64 = 100.0;

/// Parses text to a JSON value, or a problem with line and column.
pub fn parse(file: &str, text: &str) -> Result<Value, Problem> {
    // Editors on Windows may save a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::at(file, "", "the file is empty")
            .hint("write a JSON object, e.g. {\"format\": 1}"));
    }
    let dup = Dup::default();
    from_str_no_dup(text, &dup).map_err(|e| {
        if let Some((key, path)) = dup.found() {
            return duplicate(file, &key, &path);
        }
        let what = match e.classify() {
            serde_json::error::Category::Eof => "unexpected end of file".to_string(),
            _ => {
                let msg = e.to_string();
                // serde_json appends " at line L column C"; we say it ourselves.
                match msg.rfind(" at line ") {
                    Some(i) => msg[..i].to_string(),
                    None => msg,
                }
            }
        };
        // serde_json calls these syntax errors too, but no comma fixes them.
        let hint = if what.starts_with("number out of range") {
            "write a smaller number there (hours, levels and prices are far below 1e308)"
        } else if what.starts_with("recursion limit exceeded") {
            "nest arrays and objects less deeply (at most 128 levels)"
        } else if what.contains("surrogate") {
            "write the character itself, or a valid \\u escape pair"
        } else {
            "fix the JSON syntax at that place (a missing comma, quote or bracket)"
        };
        Problem::at(
            file,
            &format!("line {} column {}", e.line(), e.column()),
            format!("malformed JSON: {what}"),
        )
        .hint(hint)
    })
}

/// The top-level object of a document, its values left as text: a large
/// catalog is read one entry at a time instead of as one tree of values
/// (a tree takes ten times the file's size in memory).
pub struct Top<'a> {
    /// The keys in order (a repeated key makes [`top_level`] give up).
    pub keys: Vec<(String, TopValue<'a>)>,
}

/// A top-level value: a list of entries, item by item, or any other value.
pub enum TopValue<'a> {
    List(Vec<&'a RawValue>),
    Raw(&'a RawValue),
}

/// Reads the top level of `text` when it is an object whose keys named in
/// `lists` hold arrays; `None` otherwise, or when `text` is not JSON at
/// all (then [`parse`] says what is wrong). Only syntax is checked here:
/// numbers out of range, lone surrogates and nesting deeper than
/// serde_json's limit show when a value is parsed.
pub fn top_level<'a>(text: &'a str, lists: &[&str]) -> Option<Top<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let keys = serde::Deserializer::deserialize_map(&mut de, TopVisitor { lists }).ok()?;
    de.end().ok()?;
    Some(Top { keys })
}

struct TopVisitor<'l> {
    lists: &'l [&'l str],
}

impl<'de> serde::de::Visitor<'de> for TopVisitor<'_> {
    type Value = Vec<(String, TopValue<'de>)>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys: Vec<(String, TopValue<'de>)> = Vec::new();
        let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = if self.lists.contains(&k.as_str()) {
                TopValue::List(map.next_value()?)
            } else {
                TopValue::Raw(map.next_value()?)
            };
            // A repeated key: [`parse`] reports it.
            if at.contains_key(&k) {
                return Err(serde::de::Error::custom(format!("duplicate key `{k}`")));
            }
            at.insert(k.clone(), keys.len());
            keys.push((k, v));
        }
        Ok(keys)
    }
}

/// Parses one raw value; `None` when serde_json refuses it or an object
/// in it repeats a key (the caller then parses the whole file, to report
/// the error where it is).
pub fn value(raw: &RawValue) -> Option<Value> {
    from_str_no_dup(raw.get(), &Dup::default()).ok()
}

/// The problem of a key given twice in one object: JSON parsers keep one
/// of the two silently, so the file does not say what its author meant.
fn duplicate(file: &str, key: &str, path: &str) -> Problem {
    Problem::at(
        file,
        path,
        format!("the key `{key}` appears twice in this object; only one can count"),
    )
    .hint("remove one of them, or merge their contents")
}

/// Where a repeated key was found: the key, and the path segments from
/// the object that holds it outwards (filled in as the error unwinds).
#[derive(Default)]
struct Dup(std::cell::RefCell<Option<(String, Vec<String>)>>);

impl Dup {
    fn note(&self, segment: impl FnOnce() -> String) {
        if let Some((_, segs)) = self.0.borrow_mut().as_mut() {
            segs.push(segment());
        }
    }

    /// The key and its object's JSON path (`skills[2]`), when one was found.
    fn found(&self) -> Option<(String, String)> {
        let (key, segs) = self.0.borrow().clone()?;
        let mut path = String::new();
        for s in segs.iter().rev() {
            if s.starts_with('[') || path.is_empty() {
                path.push_str(s);
            } else {
                path.push('.');
                path.push_str(s);
            }
        }
        Some((key, path))
    }
}

/// `serde_json::from_str::<Value>`, except that an object repeating a key
/// is an error (recorded in `dup`) instead of keeping the last value.
/// Depth stays bounded by serde_json's recursion limit.
fn from_str_no_dup(text: &str, dup: &Dup) -> serde_json::Result<Value> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(text);
    let v = NoDup(dup).deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

#[derive(Clone, Copy)]
struct NoDup<'d>(&'d Dup);

impl<'de> serde::de::DeserializeSeed<'de> for NoDup<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for NoDup<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let i = out.len();
            match seq.next_element_seed(self) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => return Ok(Value::Array(out)),
                Err(e) => {
                    self.0.note(|| format!("[{i}]"));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if out.contains_key(&k) {
                *self.0 .0.borrow_mut() = Some((k.clone(), Vec::new()));
                return Err(serde::de::Error::custom(format!("duplicate key `{k}`")));
            }
            match map.next_value_seed(self) {
                Ok(v) => {
                    out.insert(k, v);
                }
                Err(e) => {
                    self.0.note(|| k);
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// Walks values of one file and remembers what is wrong.
pub struct Reader<'a> {
    pub file: &'a str,
    pub problems: Vec<Problem>,
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a str) -> Self {
        Reader {
            file,
            problems: Vec::new(),
        }
    }

    pub fn error(&mut self, path: &str, message: impl Into<String>, hint: Option<String>) {
        self.problems
            .push(Problem::at(self.file, path, message).maybe_hint(hint));
    }

    fn wrong_type(&mut self, path: &str, want: &str, got: &Value) {
        let hint = if path.is_empty() {
            format!("the whole file must be {want}, e.g. {{\"format\": 1}}")
        } else {
            format!("write {want} here")
        };
        self.error(
            path,
            format!("expected {want}, found {}", kind_of(got)),
            Some(hint),
        );
    }

    /// An object with only `allowed` keys, all of `required` present.
    pub fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&str],
        required: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, "an object", v);
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) && !is_extension(key) {
                let hint = match names::closest_word(key, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("allowed fields: {}", allowed.join(", ")),
                };
                self.error(
                    &join(path, key),
                    format!("unknown field `{key}`"),
                    Some(hint),
                );
            }
        }
        for key in required {
            if map.get(*key).is_none_or(Value::is_null) {
                self.error(
                    path,
                    format!("missing field `{key}`"),
                    Some(format!("add `{key}`")),
                );
            }
        }
        Some(map)
    }

    /// A string field; `None` when absent, null or not a string (reported).
    pub fn string(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.wrong_type(&join(path, key), "a string", other);
                None
            }
        }
    }

    pub fn bool(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<bool> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.wrong_type(&join(path, key), "true or false", other);
                None
            }
        }
    }

    /// A non-negative number.
    pub fn number(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<f64> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => self.number_value(v, &join(path, key)),
        }
    }

    pub fn number_value(&mut self, v: &Value, path: &str) -> Option<f64> {
        match v.as_f64() {
            Some(n) if (0.0..=1e9).contains(&n) => Some(n),
            Some(n) => {
                self.error(
                    path,
                    format!("{n} is out of range"),
                    Some("use a number from 0 to 1000000000".into()),
                );
                None
            }
            None => {
                self.wrong_type(path, "a number", v);
                None
            }
        }
    }

    /// A number within `range` (a bound for what feeds date arithmetic:
    /// hours, years), or a problem that states the range and the unit.
    pub fn number_in(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        range: std::ops::RangeInclusive<f64>,
        unit: &str,
    ) -> Option<f64> {
        let n = self.number(map, path, key)?;
        if range.contains(&n) {
            return Some(n);
        }
        self.error(
            &join(path, key),
            format!("{n} {unit} is out of range"),
            Some(format!(
                "give a number of {unit} from {} to {}",
                range.start(),
                range.end()
            )),
        );
        None
    }

    /// A whole number of months, 0 to [`MAX_MONTHS`].
    pub fn whole(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<u32> {
        let v = map.get(key)?;
        if v.is_null() {
            return None;
        }
        let path = join(path, key);
        match whole_number(v) {
            Some(n) if n <= u64::from(MAX_MONTHS) => Some(n as u32),
            _ => {
                self.error(
                    &path,
                    format!("expected a whole number of months from 0 to {MAX_MONTHS}, found {v}"),
                    Some(format!("{MAX_MONTHS} months is 100 years")),
                );
                None
            }
        }
    }

    /// A skill level 0-4.
    pub fn level_value(&mut self, v: &Value, path: &str) -> Option<u8> {
        match whole_number(v) {
            Some(n) if n <= 4 => Some(n as u8),
            _ => {
                self.error(
                    path,
                    format!("level {v} is outside 0-4"),
                    Some(
                        "levels are 0 none, 1 awareness, 2 working, 3 proficient, 4 expert".into(),
                    ),
                );
                None
            }
        }
    }

    pub fn array<'v>(&mut self, map: &'v Map<String, Value>, path: &str, key: &str) -> &'v [Value] {
        match map.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.wrong_type(&join(path, key), "an array", other);
                &[]
            }
        }
    }

    pub fn strings(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Vec<String> {
        let items = self.array(map, path, key);
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            match v {
                Value::String(s) => out.push(s.clone()),
                other => self.wrong_type(&index(&join(path, key), i), "a string", other),
            }
        }
        out
    }

    /// A date `YYYY-MM-DD`.
    pub fn date(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<jiff::civil::Date> {
        let s = self.string(map, path, key)?;
        match parse_date(&s) {
            Some(d) => Some(d),
            None => {
                self.error(
                    &join(path, key),
                    format!("`{s}` is not a date"),
                    Some("write dates as YYYY-MM-DD".into()),
                );
                None
            }
        }
    }

    /// One of a fixed set of words.
    pub fn word(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        allowed: &[&str],
    ) -> Option<String> {
        let s = self.string(map, path, key)?;
        if allowed.contains(&s.as_str()) {
            Some(s)
        } else {
            let hint = match names::closest_word(&s, allowed.iter().copied()) {
                Some(c) => format!("did you mean `{c}`? (one of: {})", allowed.join(", ")),
                None => format!("use one of: {}", allowed.join(", ")),
            };
            self.error(&join(path, key), format!("unknown {key} `{s}`"), Some(hint));
            None
        }
    }
}

/// A non-negative whole number: `2`, or `2.0` as JSON Schema counts it
/// (an "integer" is any number with no fractional part), so the schemas
/// and the loader agree.
pub fn whole_number(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        let f = v.as_f64()?;
        (f.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&f)).then_some(f as u64)
    })
}

/// An `x-*` key: allowed in every object of catalogs and profiles, kept
/// with the entry it is on, ignored by the planner.
pub fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// Strict `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    s.parse::<jiff::civil::Date>().ok()
}
