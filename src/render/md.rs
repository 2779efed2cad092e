//! Text made safe for Markdown (CommonMark and GitHub's tables): a name
//! from a catalog or a profile shows as written, never as a link, an
//! emphasis, a heading, a list or HTML, and the document passes
//! markdownlint's default rules.

/// Markdownlint's default line length (MD013).
pub const LINE: usize = 80;

/// `s` escaped for the inside of a line: every ASCII punctuation that can
/// start Markdown syntax gets a backslash (`\[`, `\*`, `\_`, `\&`...), the
/// `:` of `https://` and the `.` of `www.` too, so no bare URL becomes a
/// link; control characters are shown as escapes.
pub fn inline(s: &str) -> String {
    // Printable ASCII without a character to look at (most cells): as it is.
    if crate::text::printable_ascii(s) && !s.bytes().any(|b| ATTEND[usize::from(b)]) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    // How many of the characters just before are `w` or `W`: a `.` after
    // three makes `www.`, which would become a link.
    let mut ws = 0;
    for (i, ch) in s.char_indices() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '&' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            ':' if s[i + 1..].starts_with("//") => out.push_str("\\:"),
            '.' if ws >= 3 => out.push_str("\\."),
            c if c.is_control() => out.push_str(&crate::text::escape(&c.to_string())),
            c => out.push(c),
        }
        ws = if matches!(ch, 'w' | 'W') { ws + 1 } else { 0 };
    }
    out
}

/// The printable ASCII characters `inline` escapes or looks around.
static ATTEND: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    let bytes = b"\\`*_[]<|&~:.";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// An escaped line made safe at the start of a block: a leading `-`, `+`,
/// `=`, `>` or `#` (a list, a heading or its underline, a quote), a
/// trailing run of `#` (a heading's closing), or `12.` / `12)`
/// (an ordered list) gets a backslash; leading spaces (a code block) go.
/// (`>` elsewhere is plain text: `0->2` stays as it is.)
pub fn line_start(line: &str) -> String {
    let line = line.trim_start();
    // A `#` run at the end would close a heading, and vanish.
    let body = line.trim_end_matches('#');
    let line = if body.len() < line.len() && (body.is_empty() || body.ends_with(' ')) {
        format!("{body}\\{}", &line[body.len()..])
    } else {
        line.to_string()
    };
    if line.starts_with(['-', '+', '=', '>', '#']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line
}

/// One line of prose or a heading's text, escaped.
pub fn text(s: &str) -> String {
    line_start(&inline(s))
}

/// A table cell: escaped, its line breaks made `; ` (a cell is one line).
pub fn cell(s: &str) -> String {
    // One line (most cells): itself, trimmed.
    if !s.contains('\n') {
        return inline(s.trim());
    }
    inline(&one_line(s))
}

/// A cell's lines, trimmed, the empty ones left out, joined by `; `.
fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Prose escaped and wrapped at [`LINE`] columns, each physical line made
/// safe at its start; `indent` starts every line after the first (a list
/// item's continuation).
pub fn wrap(s: &str, first: &str, indent: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = first.to_string();
    let mut empty = true;
    for word in s.split_whitespace().map(inline) {
        let width = current.chars().count() + 1 + word.chars().count();
        if !empty && width > LINE {
            lines.push(current);
            current = indent.to_string();
            empty = true;
        }
        if empty {
            let prefix = current.clone();
            current = format!("{prefix}{}", line_start(&word));
        } else {
            current.push(' ');
            current.push_str(&word);
        }
        empty = false;
    }
    lines.push(current);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `inline` as first written: every character with all the text
    /// before it at hand.
    fn inline_by_hand(s: &str) -> String {
        let mut out = String::new();
        let mut prev = String::new();
        let mut chars = s.chars().peekable();
        while let Some(ch) = chars.next() {
            match ch {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '&' | '~' => {
                    out.push('\\');
                    out.push(ch);
                }
                ':' if chars.clone().take(2).eq("//".chars()) => out.push_str("\\:"),
                '.' if prev.to_ascii_lowercase().ends_with("www") => out.push_str("\\."),
                c if c.is_control() => out.push_str(&crate::text::escape(&c.to_string())),
                c => out.push(c),
            }
            prev.push(ch);
        }
        out
    }

    proptest::proptest! {
        /// Escaping reads only the characters next to each one, as the
        /// first way did with all the text before it; a cell of one line
        /// is that line trimmed, as a cell of many is.
        #[test]
        fn escapes_are_the_same_as_character_by_character(
            s in "[wW.:/ *_a\\[\\]<|&~`\\\\\n\r\té東\u{7}]{0,12}"
        ) {
            proptest::prop_assert_eq!(inline(&s), inline_by_hand(&s));
            proptest::prop_assert_eq!(cell(&s), inline_by_hand(&one_line(&s)));
        }
    }

    #[test]
    fn names_cannot_become_markup() {
        assert_eq!(
            text("[click](https://x.org) *b* _u_ & ~~s~~ www.y.org"),
            "\\[click\\](https\\://x.org) \\*b\\* \\_u\\_ \\& \\~\\~s\\~\\~ www\\.y.org"
        );
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("12. item"), "12\\. item");
        assert_eq!(text("==="), "\\===");
        assert_eq!(text("> quote 0->2"), "\\> quote 0->2");
        assert_eq!(text("# no heading #"), "\\# no heading \\#");
        assert_eq!(text("C# and F#"), "C# and F#");
        assert_eq!(cell("a|b\nc"), "a\\|b; c");
    }

    #[test]
    fn prose_wraps_at_80_columns_and_each_line_is_safe() {
        let long = "word ".repeat(30) + "- 1. not a list";
        let lines = wrap(&long, "- ", "  ");
        assert!(lines.iter().all(|l| l.chars().count() <= LINE), "{lines:?}");
        assert!(lines[0].starts_with("- word"));
        assert!(lines[1..].iter().all(|l| l.starts_with("  ")));
        for l in &lines[1..] {
            let rest = l.trim_start();
            assert!(!rest.starts_with("- ") && !rest.starts_with("1. "), "{l}");
        }
    }
}
