//! CSV as spreadsheets and scripts read it (RFC 4180): snake_case headers,
//! quoting where needed, CRLF line ends, and no cell a spreadsheet would
//! run as a formula.

/// A header line and rows as CSV text.
pub fn document(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut out = line(headers.iter().map(|h| header(h)));
    for r in rows {
        out.push_str(&line(r.iter().cloned()));
    }
    out
}

/// Writes one CSV line (a header or a row) to `w`.
pub fn write_line(
    w: &mut dyn std::io::Write,
    cells: impl Iterator<Item = String>,
) -> std::io::Result<()> {
    w.write_all(line(cells).as_bytes())
}

fn line(cells: impl Iterator<Item = String>) -> String {
    let mut line = String::with_capacity(128);
    for (i, c) in cells.enumerate() {
        if i > 0 {
            line.push(',');
        }
        push_field(&mut line, &c);
    }
    line.push_str("\r\n");
    line
}

/// A column name in the one style every CSV uses: `remaining_hours`.
pub fn header(h: &str) -> String {
    let mut out = String::new();
    for ch in h.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// One CSV field: neutralised when a spreadsheet would read it as a
/// formula, then quoted when it holds a comma, quote or line break.
pub fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_field(&mut out, s);
    out
}

/// Appends [`field`] of `s` to `out`.
fn push_field(out: &mut String, s: &str) {
    // Bytes, not chars: a char set's `contains` decodes every char, and a
    // long plan writes a million fields. (The four are ASCII, which no
    // byte of a longer UTF-8 character can be.)
    let quoted = s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if quoted {
        out.push('"');
    }
    if is_formula(s) {
        out.push('\'');
    }
    if quoted {
        for ch in s.chars() {
            if ch == '"' {
                out.push('"');
            }
            out.push(ch);
        }
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Whether a spreadsheet would run `s` as a formula: a cell that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return is one to Excel and
/// LibreOffice (`=1+1`, `@SUM(...)`, `-2+3`), and a leading `'` makes it
/// text, as OWASP advises. A plain number (`-31`, `2.5`) stays a number.
fn is_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(s)
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_where_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\rx"), "\"'\rx\"");
        assert_eq!(field("=a,b"), "\"'=a,b\"");
        assert_eq!(field("-31"), "-31");
        assert_eq!(field("-2.5"), "-2.5");
        assert_eq!(field("2026-12-01"), "2026-12-01");
        assert_eq!(field("a=b"), "a=b");
    }

    proptest::proptest! {
        /// A field is quoted exactly when one of its characters calls for
        /// it, whatever other characters (of any width) it holds.
        #[test]
        fn quoting_is_decided_by_characters(s in "[a,\"\n\ré東🙂=-]{0,8}") {
            let quoted = s.contains([',', '"', '\n', '\r']);
            let f = field(&s);
            proptest::prop_assert_eq!(f.starts_with('"') && f.ends_with('"') && f.len() > 1, quoted);
        }
    }

    #[test]
    fn headers_are_snake_case() {
        assert_eq!(header("Certifications"), "certifications");
        assert_eq!(header("Hours left"), "hours_left");
        assert_eq!(header("Vendor, level"), "vendor_level");
        assert_eq!(header("from_level"), "from_level");
    }
}
