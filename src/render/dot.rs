//! Graphviz DOT for `certpath graph`: roles as double octagons, certs as
//! boxes, skills as ellipses; what the profile meets filled green; hard
//! requirements solid, recommendations dashed. Render it with
//! `dot -Tsvg graph.dot > graph.svg`.

use crate::catalog::Kind;
use crate::render::picture::Picture;

/// The fill of a node the profile already meets.
const MET_FILL: &str = "#c8e6c9";

/// The picture as a DOT digraph; edges point from a thing to what it needs.
pub fn graph(p: &Picture) -> String {
    let mut out = String::new();
    out.push_str("digraph certpath {\n");
    out.push_str(&format!(
        "  graph [rankdir=RL, labelloc=t, fontname=\"Helvetica\", label={}];\n",
        quote(&p.title)
    ));
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for n in &p.nodes {
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
        let mut attrs = vec![format!("label={}", quote(&label)), format!("shape={shape}")];
        if !style.is_empty() {
            attrs.push(format!("style={}", quote(&style.join(","))));
        }
        if n.met {
            attrs.push(format!("fillcolor={}", quote(MET_FILL)));
        }
        out.push_str(&format!("  {} [{}];\n", quote(&n.id), attrs.join(", ")));
    }
    for e in &p.edges {
        let mut attrs = vec![format!("label={}", quote(&e.label))];
        if !e.hard {
            attrs.push("style=dashed".to_string());
        }
        out.push_str(&format!(
            "  {} -> {} [{}];\n",
            quote(&e.from),
            quote(&e.to),
            attrs.join(", ")
        ));
    }
    out.push_str("}\n");
    out
}

/// A DOT double-quoted string. Backslashes are doubled so that `\N`, `\G`
/// and friends stay literal; `&` is written `&#38;` because Graphviz
/// decodes HTML entities in labels (`&amp;` would show as `&`); a line
/// break becomes DOT's centred `\n`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
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
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_escape_what_dot_reads_specially() {
        assert_eq!(quote(r#"a "b" [c]"#), r#""a \"b\" [c]""#);
        assert_eq!(quote(r"C:\N"), r#""C:\\N""#);
        assert_eq!(quote("two\nlines"), r#""two\nlines""#);
        assert_eq!(quote("AT&T &amp;"), r#""AT&#38;T &#38;amp;""#);
    }
}
