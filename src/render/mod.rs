//! Report structs to text. The planner knows nothing of terminals; these
//! functions know nothing of graphs.

pub mod csv;
pub mod doc;
pub mod dot;
pub mod grid;
pub mod ics;
pub mod mermaid;
pub mod table;
pub mod taskwarrior;

use serde::Serialize;

/// Pretty JSON with a final newline.
pub fn json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// Word-wraps `text` to `width` columns; lines after the first start with
/// `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    // Leading spaces (a list item's indent) are kept, not split away.
    let body = text.trim_start_matches(' ');
    let mut line = " ".repeat(text.len() - body.len());
    let start = line.len();
    let mut out = String::new();
    for word in body.split(' ') {
        let len = line.chars().count();
        if len > start && len + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
        } else if len > start && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// A dollar amount: `$369`, or `unknown`.
pub fn dollars(v: Option<f64>) -> String {
    match v {
        Some(n) => format!("${}", crate::plan::fmt_num(n)),
        None => "unknown".to_string(),
    }
}

/// A cert's price: `$369`, `$555 + ?` when a part is unknown, or `unknown`.
pub fn cert_cost(c: &crate::model::Cert) -> String {
    match c.cost() {
        Some(v) => dollars(Some(v)),
        None if c.known_cost() > 0.0 => format!("{} + ?", dollars(Some(c.known_cost()))),
        None => dollars(None),
    }
}

/// Serializes a whole number of hours or dollars as an integer (`40`, not
/// `40.0`), anything else as it is.
pub fn num<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

pub fn opt_num<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => num(v, s),
        None => s.serialize_none(),
    }
}

pub fn num4<S: serde::Serializer>(v: &[f64; 4], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(4))?;
    for x in v {
        if x.fract() == 0.0 && x.abs() < 9e15 {
            seq.serialize_element(&(*x as i64))?;
        } else {
            seq.serialize_element(x)?;
        }
    }
    seq.end()
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_keeps_the_indent_and_the_width() {
        assert_eq!(
            super::wrap("  - one two three", 10, "    "),
            "  - one\n    two\n    three\n"
        );
        assert_eq!(super::wrap("short", 10, ""), "short\n");
    }
}
