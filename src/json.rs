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

/// A top-level value: a list of entries, item by item, or any other
/// value, each as its text (without the whitespace around it).
pub enum TopValue<'a> {
    List(Vec<&'a str>),
    Raw(&'a str),
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
    if let Some(keys) = scan_top(text, lists) {
        return Some(Top { keys });
    }
    top_level_parsed(text, lists)
}

/// [`top_level`] by serde_json, which checks the syntax of every value on
/// the way: for what [`scan_top`] leaves (an escaped key, say).
fn top_level_parsed<'a>(text: &'a str, lists: &[&str]) -> Option<Top<'a>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let keys = serde::Deserializer::deserialize_map(&mut de, TopVisitor { lists }).ok()?;
    de.end().ok()?;
    Some(Top { keys })
}

/// The top level by a scan that finds where each value starts and ends
/// (strings, brackets) without parsing it: a large catalog is read once
/// by the parsers of its entries, not twice. Every value cut out here is
/// parsed by serde_json afterwards, which checks it, and a value that does
/// not parse sends the whole file to the full reader. Anything the scan
/// does not expect (an escaped key, a list that is not an array, a
/// control character in a string, a repeated key, stray characters
/// between values) gives `None`.
fn scan_top<'a>(text: &'a str, lists: &[&str]) -> Option<Vec<(String, TopValue<'a>)>> {
    let guess = (text.len() >= SPLIT_FROM && rayon::current_num_threads() >= 2)
        .then(|| item_start_after(text.as_bytes(), text.len() / 2))
        .flatten();
    scan_split(text, lists, guess)
}

/// Files from this size are cut on two threads.
const SPLIT_FROM: usize = 1 << 20;

/// The scan, on two threads when there is a `guess` of where an item of a
/// list starts: one thread cuts from the start up to the guess, the other
/// cuts the list's items from the guess on. The first confirms the guess
/// when it reaches that item; a guess that was not an item's start (inside
/// a string, say) only costs the second thread's work, and the first goes
/// on alone. Either way the result is the scan's from the start.
fn scan_split<'a>(
    text: &'a str,
    lists: &[&str],
    guess: Option<usize>,
) -> Option<Vec<(String, TopValue<'a>)>> {
    // A guess inside a character is no item's start.
    let Some(g) = guess.filter(|g| text.is_char_boundary(*g)) else {
        return match scan(text, lists, None)? {
            Scan::Done(keys) => Some(keys),
            Scan::AtGuess(..) => None,
        };
    };
    let (first, second) = rayon::join(|| scan(text, lists, Some(g)), || list_items(text, g, None));
    match first? {
        Scan::Done(keys) => Some(keys),
        Scan::AtGuess(mut keys, key, mut items) => {
            let Items::Done(more, after) = second? else {
                return None;
            };
            items.extend(more);
            keys.push((key, TopValue::List(items)));
            match after_value(text.as_bytes(), after)? {
                Some(next) => match keys_from(text, lists, keys, next, None)? {
                    Scan::Done(keys) => Some(keys),
                    Scan::AtGuess(..) => None,
                },
                None => Some(keys),
            }
        }
    }
}

/// The first `{` at or after `from` that comes after a `,` and whitespace:
/// where an item of a list of objects may start. Only a guess: the bytes
/// may be inside a string.
fn item_start_after(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        if b[i] == b'{' {
            let mut j = i;
            while j > from && is_ws(b[j - 1]) {
                j -= 1;
            }
            if j > from && b[j - 1] == b',' {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// How far a scan went: the whole object, or up to the item at the guess.
enum Scan<'a> {
    Done(Vec<(String, TopValue<'a>)>),
    /// The keys before, the key of the list the guess is in and its items
    /// before the guess.
    AtGuess(Vec<(String, TopValue<'a>)>, String, Vec<&'a str>),
}

/// The items of a list from `i` (an item's start) on.
enum Items<'a> {
    /// The items and where the list ends (just past its `]`).
    Done(Vec<&'a str>, usize),
    /// The items before `stop`, where an item starts.
    AtStop(Vec<&'a str>),
}

/// Cuts `text`'s top-level object, stopping at `stop` if an item of a
/// list starts there.
fn scan<'a>(text: &'a str, lists: &[&str], stop: Option<usize>) -> Option<Scan<'a>> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(b, i + 1);
    if b.get(i) == Some(&b'}') {
        return (skip_ws(b, i + 1) == b.len()).then_some(Scan::Done(Vec::new()));
    }
    keys_from(text, lists, Vec::new(), i, stop)
}

/// The keys and values of the top-level object from `i` (a key's opening
/// quote) to its end, after `keys`.
fn keys_from<'a>(
    text: &'a str,
    lists: &[&str],
    mut keys: Vec<(String, TopValue<'a>)>,
    mut i: usize,
    stop: Option<usize>,
) -> Option<Scan<'a>> {
    let b = text.as_bytes();
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let after = string_end(b, i)?;
        let key = &text[i + 1..after - 1];
        if key.contains('\\') || keys.iter().any(|(k, _)| k == key) {
            return None;
        }
        i = skip_ws(b, after);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let value = if lists.contains(&key) {
            if b.get(i) != Some(&b'[') {
                return None;
            }
            i = skip_ws(b, i + 1);
            if b.get(i) == Some(&b']') {
                i += 1;
                TopValue::List(Vec::new())
            } else {
                match list_items(text, i, stop)? {
                    Items::Done(items, end) => {
                        i = end;
                        TopValue::List(items)
                    }
                    Items::AtStop(items) => {
                        return Some(Scan::AtGuess(keys, key.to_string(), items))
                    }
                }
            }
        } else {
            let end = value_end(b, i)?;
            let raw = &text[i..end];
            i = end;
            TopValue::Raw(raw)
        };
        keys.push((key.to_string(), value));
        match after_value(b, i)? {
            Some(next) => i = next,
            None => return Some(Scan::Done(keys)),
        }
    }
}

/// The items of a list from `i`, the start of one, to the list's end (or
/// to `stop`).
fn list_items(text: &str, mut i: usize, stop: Option<usize>) -> Option<Items<'_>> {
    let b = text.as_bytes();
    let mut items = Vec::new();
    loop {
        if Some(i) == stop {
            return Some(Items::AtStop(items));
        }
        let end = value_end(b, i)?;
        items.push(&text[i..end]);
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') => return Some(Items::Done(items, i + 1)),
            _ => return None,
        }
    }
}

/// After a top-level value ending at `i`: the next key's start, or `None`
/// at the object's end (with nothing after it); `None` outside for
/// anything else.
fn after_value(b: &[u8], i: usize) -> Option<Option<usize>> {
    let i = skip_ws(b, i);
    match b.get(i) {
        Some(b',') => Some(Some(skip_ws(b, i + 1))),
        Some(b'}') => (skip_ws(b, i + 1) == b.len()).then_some(None),
        _ => None,
    }
}

/// The first byte at or after `i` that is not JSON whitespace.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| is_ws(*c)) {
        i += 1;
    }
    i
}

/// JSON whitespace.
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// Just past the string that starts at `i` (a `"`); `None` when it does
/// not end, or holds a raw control character (which JSON forbids).
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        j = string_stop(b, j)?;
        match b[j] {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            _ => return None,
        }
    }
}

/// The first quote, backslash or control character at or after `j`
/// (where a scan inside a string stops), at a table lookup a byte: most
/// strings of a catalog are a few words, too short to gain by reading
/// eight bytes at a time.
pub(crate) fn string_stop(b: &[u8], mut j: usize) -> Option<usize> {
    while j < b.len() && !IN_STRING[b[j] as usize] {
        j += 1;
    }
    (j < b.len()).then_some(j)
}

/// [`string_stop`] for text whose strings run long (the bundled
/// catalog's descriptions, notes and addresses): past the first eight
/// bytes, eight at a time, each word tested for a quote, a backslash or
/// a control byte at once. Short strings (ids, names) end before the
/// words start, at the cost of the byte-by-byte scan.
pub(crate) fn string_stop_long(b: &[u8], mut j: usize) -> Option<usize> {
    let head = (j + 8).min(b.len());
    while j < head {
        if IN_STRING[b[j] as usize] {
            return Some(j);
        }
        j += 1;
    }
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // The lowest byte of `x` that is zero sets its high bit in the
    // result (higher bytes may be set wrongly, never a lower one).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(word) = b.get(j..j + 8) {
        let v = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let stops = zero(v ^ (ONES * u64::from(b'"')))
            | zero(v ^ (ONES * u64::from(b'\\')))
            | (v.wrapping_sub(ONES * 0x20) & !v & HIGH);
        if stops != 0 {
            return Some(j + (stops.trailing_zeros() / 8) as usize);
        }
        j += 8;
    }
    string_stop(b, j)
}

/// The bytes a scan stops at inside a string: its end, an escape, a
/// control character.
static IN_STRING: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The bytes a scan stops at between strings: a string's start, brackets.
static IN_VALUE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'{' as usize] = true;
    t[b'[' as usize] = true;
    t[b'}' as usize] = true;
    t[b']' as usize] = true;
    t
};

/// Just past the value that starts at `i`: a string, an object or array
/// (brackets matched, strings skipped), or a scalar up to the next
/// delimiter. What is inside is not checked here.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        open @ (b'{' | b'[') => {
            let mut stack = vec![open];
            let mut j = i + 1;
            while let Some(top) = stack.last().copied() {
                while j < b.len() && !IN_VALUE[b[j] as usize] {
                    j += 1;
                }
                match *b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    c @ (b'{' | b'[') => stack.push(c),
                    b'}' if top == b'{' => {
                        stack.pop();
                    }
                    b']' if top == b'[' => {
                        stack.pop();
                    }
                    _ => return None,
                }
                j += 1;
            }
            Some(j)
        }
        b',' | b']' | b'}' | b':' => None,
        _ => {
            let mut j = i;
            while b
                .get(j)
                .is_some_and(|c| !is_ws(*c) && !matches!(c, b',' | b']' | b'}'))
            {
                j += 1;
            }
            Some(j)
        }
    }
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
                let items: Vec<&'de RawValue> = map.next_value()?;
                TopValue::List(items.into_iter().map(RawValue::get).collect())
            } else {
                TopValue::Raw(map.next_value::<&'de RawValue>()?.get())
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
pub fn value(raw: &str) -> Option<Value> {
    from_str_no_dup(raw, &Dup::default()).ok()
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LISTS: [&str; 3] = ["skills", "certifications", "roles"];

    proptest! {
        /// The table finds the bytes a string's scan stops at.
        #[test]
        fn a_strings_stops_are_its_quotes_backslashes_and_controls(b in prop::collection::vec(
            prop_oneof![4 => 0x20u8..0x7f, 1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20, 1 => 0x80u8..=0xff],
            0..40,
        )) {
            let slow = b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
            prop_assert_eq!(string_stop(&b, 0), slow);
        }

        /// Eight bytes at a time finds the same stop, from any start.
        #[test]
        fn a_long_strings_stops_are_found_alike(b in prop::collection::vec(
            prop_oneof![20 => 0x20u8..0x7f, 1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20, 2 => 0x80u8..=0xff],
            0..120,
        ), from in 0usize..20) {
            let from = from.min(b.len());
            prop_assert_eq!(string_stop_long(&b, from), string_stop(&b, from));
        }
    }

    /// Any JSON value, with strings that hold quotes, backslashes,
    /// brackets and characters beyond ASCII.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            (-1e6f64..1e6).prop_map(|f| serde_json::json!(f)),
            "[ -~\u{e9}\u{2028}\u{1F600}\\\\\"]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z\"\\\\{\\]]{0,4}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// JSON whitespace, often none.
    fn ws() -> impl Strategy<Value = String> {
        "[ \t\r\n]{0,2}"
    }

    /// A document whose top level is an object: keys the lists name (each
    /// an array of values) and others, with whitespace anywhere it may be.
    fn document() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            Just("skills".to_string()),
            Just("certifications".to_string()),
            Just("roles".to_string()),
            Just("format".to_string()),
            "[a-z$]{1,6}",
        ];
        let member = (
            key,
            prop::collection::vec((json_value(), ws(), ws()), 0..4),
            json_value(),
            ws(),
            ws(),
        );
        prop::collection::vec(member, 0..5).prop_map(|members| {
            let mut out = String::from("{");
            for (n, (k, items, v, a, b)) in members.into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&format!("{a}{}{b}:{a}", serde_json::to_string(&k).unwrap()));
                if LISTS.contains(&k.as_str()) {
                    let items: Vec<String> = items
                        .iter()
                        .map(|(v, a, b)| format!("{a}{}{b}", serde_json::to_string(v).unwrap()))
                        .collect();
                    out.push_str(&format!("[{}]", items.join(",")));
                } else {
                    out.push_str(&serde_json::to_string(&v).unwrap());
                }
                out.push_str(&b);
            }
            out.push('}');
            out
        })
    }

    fn texts(top: &Top) -> Vec<(String, Vec<String>)> {
        top.keys
            .iter()
            .map(|(k, v)| {
                let parts = match v {
                    TopValue::List(items) => items.iter().map(|s| s.to_string()).collect(),
                    TopValue::Raw(raw) => vec![raw.to_string()],
                };
                (k.clone(), parts)
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// A well-formed document is cut by the scan exactly as serde_json
        /// cuts it.
        #[test]
        fn the_scan_cuts_a_document_as_serde_json_does(doc in document()) {
            let parsed = top_level_parsed(&doc, &LISTS);
            match scan_top(&doc, &LISTS) {
                Some(keys) => {
                    let parsed = parsed.expect("serde_json reads what the scan reads");
                    prop_assert_eq!(texts(&Top { keys }), texts(&parsed));
                }
                // The keys made here hold no escapes: the scan refuses only
                // what serde_json's cut refuses too (a repeated key).
                None => prop_assert!(parsed.is_none(), "the scan refused {}", doc),
            }
        }

        /// A damaged document: whatever the scan cuts, and serde_json then
        /// parses value by value, is what serde_json would have cut.
        #[test]
        fn a_damaged_document_is_cut_right_or_left_to_serde_json(
            doc in document(),
            at in any::<prop::sample::Index>(),
            with in prop::sample::select(vec![b'{', b'}', b'[', b']', b'"', b',', b':', b'\\', b' ', b'x', b'1']),
        ) {
            let mut bytes = doc.into_bytes();
            let i = at.index(bytes.len());
            if bytes[i].is_ascii() {
                bytes[i] = with;
            }
            let Ok(doc) = String::from_utf8(bytes) else { return Ok(()) };
            if let Some(keys) = scan_top(&doc, &LISTS) {
                let top = Top { keys };
                let all_parse = top.keys.iter().all(|(_, v)| match v {
                    TopValue::List(items) => items.iter().all(|s| serde_json::from_str::<Value>(s).is_ok()),
                    TopValue::Raw(raw) => serde_json::from_str::<Value>(raw).is_ok(),
                });
                if all_parse {
                    let parsed = top_level_parsed(&doc, &LISTS);
                    prop_assert!(parsed.is_some(), "serde_json refuses what the scan cut: {doc}");
                    prop_assert_eq!(texts(&top), texts(&parsed.unwrap()));
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Cut on two threads from any guess, good or bad, a document is
        /// cut as on one, and refused where one refuses it.
        #[test]
        fn a_guess_changes_nothing_of_the_cut(
            doc in document(),
            at in any::<prop::sample::Index>(),
            damage in any::<Option<(prop::sample::Index, u8)>>(),
        ) {
            let mut bytes = doc.into_bytes();
            if let Some((k, with)) = damage {
                let k = k.index(bytes.len());
                if bytes[k].is_ascii() && with.is_ascii() {
                    bytes[k] = with;
                }
            }
            let Ok(doc) = String::from_utf8(bytes) else { return Ok(()) };
            let g = at.index(doc.len() + 1);
            let one = scan_split(&doc, &LISTS, None).map(|keys| texts(&Top { keys }));
            let guessed = item_start_after(doc.as_bytes(), g);
            for guess in [Some(g), guessed] {
                let two = scan_split(&doc, &LISTS, guess).map(|keys| texts(&Top { keys }));
                prop_assert_eq!(&two, &one, "guess {:?} in {}", guess, doc);
            }
        }
    }

    #[test]
    fn a_guess_is_an_object_after_a_comma() {
        let b = br#"[{"a": "x,{"}, {"b": 1},{}]"#;
        assert_eq!(
            item_start_after(b, 0),
            Some(10),
            "inside a string: only a guess"
        );
        assert_eq!(item_start_after(b, 10), Some(15));
        assert_eq!(item_start_after(b, 16), Some(24));
        assert_eq!(item_start_after(b, 25), None);
        let keys = |guess| {
            scan_split(r#"{"skills": [{"a": "x,{"}, {"b": 1},{}]}"#, &LISTS, guess)
                .map(|keys| texts(&Top { keys }))
        };
        for guess in [None, Some(5), Some(22), Some(27), Some(36)] {
            assert_eq!(
                keys(guess),
                Some(vec![(
                    "skills".to_string(),
                    vec![
                        r#"{"a": "x,{"}"#.to_string(),
                        r#"{"b": 1}"#.to_string(),
                        "{}".to_string()
                    ]
                )]),
                "{guess:?}"
            );
        }
    }

    #[test]
    fn the_scan_leaves_what_it_does_not_expect() {
        let scan = |t: &str| scan_top(t, &LISTS).is_some();
        assert!(scan(
            r#" { "skills" : [ 1 , {"a": "]\"["} ] , "format": 1 } "#
        ));
        assert!(scan("{}"));
        assert!(!scan(r#"{"ski\u006cls": []}"#), "an escaped key");
        assert!(!scan(r#"{"skills": {}}"#), "a list that is not an array");
        assert!(!scan(r#"{"skills": [1 2]}"#), "no comma between items");
        assert!(!scan(r#"{"skills": [1,]}"#), "a comma before the end");
        assert!(!scan(r#"{"a": 1, "a": 2}"#), "a repeated key");
        assert!(!scan(r#"{"a": [}]}"#), "brackets that do not match");
        assert!(
            !scan("{\"a\": \"tab\there\"}"),
            "a control character in a string"
        );
        assert!(!scan(r#"{"a": 1} x"#), "something after the object");
        assert!(!scan(r#"{"a": "no end}"#), "a string that does not end");
    }
}
