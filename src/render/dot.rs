//! Graphviz DOT for `certpath graph`: roles as double octagons, certs as
//! boxes, skills as ellipses; what the profile meets filled green; hard
//! requirements solid, recommendations dashed. Render it with
//! `dot -Tsvg graph.dot > graph.svg`.

use crate::catalog::Kind;
use crate::render::picture::Picture;

/// The fill of a node the profile already meets.
const MET_FILL: &str = "#c8e6c9";

/// Each kind of edge in its own colour, its label in the same colour and
/// tied to the edge by a line (`decorate`), so a label can be matched to
/// its edge in a crowded picture: (label's first word, colour).
const EDGE_COLOURS: [(&str, &str); 5] = [
    ("requires", "#37474f"),
    ("covers", "#1565c0"),
    ("asks", "#2e7d32"),
    ("any", "#6a1b9a"),
    ("recommends", "#8d6e63"),
];

fn edge_colour(label: &str) -> &'static str {
    let verb = label.split_whitespace().next().unwrap_or("");
    EDGE_COLOURS
        .iter()
        .find(|(v, _)| *v == verb)
        .map(|(_, c)| *c)
        .unwrap_or("#37474f")
}

/// The picture as a DOT digraph; edges point from a thing to what it
/// needs. Skills are clustered by domain and certs by vendor, each
/// cluster a labelled box.
pub fn graph(p: &Picture) -> String {
    let mut out = String::new();
    out.push_str("digraph certpath {\n");
    let mut title = p.title.clone();
    if let Some(note) = &p.note {
        for line in wrap(note, 100) {
            title.push('\n');
            title.push_str(&line);
        }
    }
    // Right to left: what a role asks for stands left of it, foundations
    // at the far left, so the picture reads as a path towards the role.
    out.push_str(&format!(
        "  graph [rankdir=RL, newrank=true, labelloc=t, fontname=\"Helvetica\", label={}];\n",
        quote(&title)
    ));
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9, decorate=true];\n");
    // Nodes outside any cluster first, then one cluster each, by name.
    let mut clusters: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for n in &p.nodes {
        let line = node_line(n);
        match &n.cluster {
            Some(c) => clusters.entry(c).or_default().push(line),
            None => {
                out.push_str("  ");
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    for (i, (name, lines)) in clusters.iter().enumerate() {
        out.push_str(&format!("  subgraph cluster_{i} {{\n"));
        out.push_str(&format!(
            "    graph [label={}, style=\"rounded,dashed\", color=\"#9e9e9e\", fontcolor=\"#616161\"];\n",
            quote(name)
        ));
        for l in lines {
            out.push_str("    ");
            out.push_str(l);
            out.push('\n');
        }
        out.push_str("  }\n");
    }
    // Written straight into the text: a role's picture in a large catalog
    // has hundreds of thousands of edges.
    for e in &p.edges {
        let colour = edge_colour(&e.label);
        out.push_str("  ");
        quote_into(&mut out, &e.from);
        out.push_str(" -> ");
        quote_into(&mut out, &e.to);
        out.push_str(" [label=");
        quote_into(&mut out, &e.label);
        out.push_str(", color=");
        quote_into(&mut out, colour);
        out.push_str(", fontcolor=");
        quote_into(&mut out, colour);
        if !e.hard {
            out.push_str(", style=dashed");
        }
        out.push_str("];\n");
    }
    out.push_str("}\n");
    out
}

/// Words into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn node_line(n: &crate::render::picture::PictureNode) -> String {
    let shape = match n.kind {
        Kind::Role => "doubleoctagon",
        Kind::Cert => "box",
        Kind::Skill => "ellipse",
    };
    let mut label = n.name.clone();
    if let Some(d) = &n.detail {
        label.push('\n');
        label.push_str(d);
    }
    let mut style = Vec::new();
    if n.kind == Kind::Cert {
        style.push("rounded");
    }
    if n.met {
        style.push("filled");
    }
    if n.retired {
        style.push("dashed");
    }
    let mut line = String::with_capacity(n.id.len() + label.len() + 64);
    quote_into(&mut line, &n.id);
    line.push_str(" [label=");
    quote_into(&mut line, &label);
    line.push_str(", shape=");
    line.push_str(shape);
    if !style.is_empty() {
        line.push_str(", style=");
        quote_into(&mut line, &style.join(","));
    }
    if n.met {
        line.push_str(", fillcolor=");
        quote_into(&mut line, MET_FILL);
    }
    line.push_str("];");
    line
}

/// A DOT double-quoted string. Backslashes are doubled so that `\N`, `\G`
/// and friends stay literal; `&` is written `&#38;` because Graphviz
/// decodes HTML entities in labels (`&amp;` would show as `&`); a line
/// break becomes DOT's centred `\n`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    out
}

/// [`quote`], appended to `out`.
fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    // Printable ASCII without a character DOT reads specially, as ids and
    // most names are: as it is.
    // (Bytes, not chars: the `contains` of a char set decoded every char.)
    let special = |b: u8| matches!(b, b'"' | b'\\' | b'&');
    if crate::text::printable_ascii(s) && !s.bytes().any(special) {
        out.push_str(s);
    } else {
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '&' => out.push_str("&#38;"),
                '\n' => out.push_str("\\n"),
                '\r' => {}
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::quote;

    proptest::proptest! {
        /// The fast way for plain text gives what the character by
        /// character way gives.
        #[test]
        fn plain_text_is_quoted_as_any_text_is(s in "[ -~]{0,20}|\\PC{0,8}|[a&\"\\\\\n\r\u{85}]{0,6}") {
            let mut slow = String::from("\"");
            for ch in s.chars() {
                match ch {
                    '"' => slow.push_str("\\\""),
                    '\\' => slow.push_str("\\\\"),
                    '&' => slow.push_str("&#38;"),
                    '\n' => slow.push_str("\\n"),
                    '\r' => {}
                    c if c.is_control() => slow.push(' '),
                    c => slow.push(c),
                }
            }
            slow.push('"');
            proptest::prop_assert_eq!(quote(&s), slow);
        }
    }

    #[test]
    fn quotes_escape_what_dot_reads_specially() {
        assert_eq!(quote(r#"a "b" [c]"#), r#""a \"b\" [c]""#);
        assert_eq!(quote(r"C:\N"), r#""C:\\N""#);
        assert_eq!(quote("two\nlines"), r#""two\nlines""#);
        assert_eq!(quote("AT&T &amp;"), r#""AT&#38;T &#38;amp;""#);
    }
}
