//! Reading hand-written JSON: parse to a `Value`, then walk it, collecting
//! every problem with its JSON path instead of stopping at the first.

use crate::error::Problem;
use crate::names;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Parses text to a JSON value, or a problem with line and column.
pub fn parse(file: &str, text: &str) -> Result<Value, Problem> {
    // Editors on Windows may save a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::at(file, "", "the file is empty")
            .hint("write a JSON object, e.g. {\"format\": 1}"));
    }
    serde_json::from_str(text).map_err(|e| {
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
    /// The keys in first-seen order, each with its last value (as a
    /// `serde_json::Map` keeps a repeated key).
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
            match at.get(&k) {
                Some(&i) => keys[i].1 = v,
                None => {
                    at.insert(k.clone(), keys.len());
                    keys.push((k, v));
                }
            }
        }
        Ok(keys)
    }
}

/// Parses one raw value; `None` when serde_json refuses it (the caller
/// then parses the whole file, to report the error where it is).
pub fn value(raw: &RawValue) -> Option<Value> {
    serde_json::from_str(raw.get()).ok()
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

    /// A whole non-negative number (months, years).
    pub fn whole(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<u32> {
        let v = map.get(key)?;
        if v.is_null() {
            return None;
        }
        let path = join(path, key);
        match v.as_u64() {
            Some(n) if n <= 100_000 => Some(n as u32),
            _ => {
                self.error(
                    &path,
                    format!("expected a whole number from 0 to 100000, found {v}"),
                    None,
                );
                None
            }
        }
    }

    /// A skill level 0-4.
    pub fn level_value(&mut self, v: &Value, path: &str) -> Option<u8> {
        match v.as_u64() {
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
