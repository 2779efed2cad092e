//! Report structs to text. The planner knows nothing of terminals; these
//! functions know nothing of graphs.

pub mod csv;
pub mod doc;
pub mod dot;
pub mod grid;
pub mod ics;
pub mod md;
pub mod mermaid;
pub mod picture;
pub mod plan_json;
pub mod pretty;
pub mod table;
pub mod taskwarrior;
pub mod warning;

pub use crate::num::{num, num4, opt_num};
use crate::plan::{Step, StepKind};
use serde::Serialize;
use std::io::{self, Write};

/// Writes `value` as [`json`] does, straight to `w`.
pub fn json_to<T: Serialize>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    buffered(w, |b| {
        pretty::to_writer(&mut *b, value)?;
        b.write_all(b"\n")
    })
}

/// Runs `write` on a buffer of a known type in front of `w`: a writer
/// that puts out a few bytes at a time (a serializer, a CSV line's
/// fields) does not go through `dyn Write` at each of them.
pub fn buffered(
    w: &mut dyn Write,
    write: impl FnOnce(&mut io::BufWriter<&mut dyn Write>) -> io::Result<()>,
) -> io::Result<()> {
    let mut b = io::BufWriter::with_capacity(1 << 16, w);
    write(&mut b)?;
    b.flush()
}

/// The text `write` writes, as one string: for the callers that want a
/// whole document of a writer that can stream it.
pub fn written(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the text is UTF-8")
}

/// Pretty JSON with a final newline.
pub fn json<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    if pretty::to_writer(&mut out, value).is_err() {
        out = b"{}".to_vec();
    }
    out.push(b'\n');
    String::from_utf8(out).expect("JSON is UTF-8")
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

/// What a step does, in a few words.
pub fn step_label(s: &Step) -> String {
    let mut label = match s.kind {
        StepKind::Skill => {
            // Pushed, not formatted: a long plan labels 80,000 of these.
            let mut label = String::with_capacity(s.name.len() + 32);
            label.push_str("Learn ");
            label.push_str(&s.name);
            label.push(' ');
            crate::num::push_u8(&mut label, s.from_level.unwrap_or(0));
            label.push_str("->");
            crate::num::push_u8(&mut label, s.to_level.unwrap_or(0));
            label
        }
        StepKind::Exam => {
            let codes = format!("({})", s.exams.as_deref().unwrap_or_default().join(" + "));
            // Some names end with their exam's name already: "PSM I (PSM I)".
            if s.name.ends_with(&codes) {
                format!("Exam {}", s.name)
            } else {
                format!("Exam {} {codes}", s.name)
            }
        }
        StepKind::Experience => format!(
            "Work {} months in {}",
            s.months.unwrap_or(0),
            crate::model::area_words(s.area.as_deref().unwrap_or("it"))
        ),
        StepKind::Renewal => format!("{} (by {})", s.name, s.by.as_deref().unwrap_or("retake")),
    };
    if !s.required {
        label.push_str(" (recommended)");
    }
    label
}

/// A dollar amount: `$369`, or `unknown`.
pub fn dollars(v: Option<f64>) -> String {
    match v {
        Some(n) => format!("${}", crate::num::fmt_num(n)),
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

/// A degree in words, with its article: "a bachelor's degree".
pub fn degree(d: crate::model::Degree) -> &'static str {
    use crate::model::Degree;
    match d {
        Degree::None => "no degree",
        Degree::Associate => "an associate degree",
        Degree::Bachelor => "a bachelor's degree",
        Degree::Master => "a master's degree",
    }
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
