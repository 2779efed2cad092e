//! Text from files (ids, names, paths, messages) made safe for a terminal
//! or a document: control characters are shown as escapes (`\x1b`, `\n`)
//! instead of reaching the terminal, where they could clear the screen,
//! set the window title or forge an `error:` line. JSON output does not
//! use this: serde_json escapes control characters itself.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal raw: C0 and C1 controls, DEL,
/// and the bidirectional overrides that reorder what a line shows.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether every byte of `s` is printable ASCII (space to `~`): text
/// that needs no escape, and is a column a byte wide.
pub fn printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// `s` with every control character escaped; borrowed when there is none.
pub fn escape(s: &str) -> Cow<'_, str> {
    // Printable ASCII, the common case, is safe without decoding a char.
    if printable_ascii(s) || !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`escape`], but line breaks stay: for text of several lines.
pub fn escape_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| escape(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(escape("plain näme"), "plain näme");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(escape("x\nerror: forged"), "x\\nerror: forged");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape("\u{202e}txt"), "\\u{202e}txt");
        assert_eq!(escape("\x7f"), "\\x7f");
        assert_eq!(escape_lines("one\x07\ntwo"), "one\\x07\ntwo");
    }
}
