//! Mermaid: a flowchart of the graph (`certpath graph --format mermaid`)
//! and a Gantt chart of a plan's schedule (`certpath plan --format
//! mermaid`). Both paste into a Markdown file on a Git forge, which draws
//! them.

use crate::catalog::Kind;
use crate::plan::{Plan, Step, StepKind};
use crate::render::picture::{Picture, PictureNode};

/// The picture as a flowchart. Node ids are the catalog ids with a kind
/// prefix (`s_`, `c_`, `r_`) and `-` made `_`, so no id can be a Mermaid
/// keyword (`end`) or start an edge (`o`, `x`).
pub fn flowchart(p: &Picture) -> String {
    let mut out = String::new();
    out.push_str("flowchart RL\n");
    out.push_str(&format!("  %% certpath graph: {}\n", one_line(&p.title)));
    if let Some(note) = &p.note {
        // A box of its own, so the reader sees it in the picture.
        out.push_str(&format!("  certpath_note[\"{}\"]\n", escape(note)));
        out.push_str("  classDef note fill:#fff8e1,stroke:#f9a825\n");
        out.push_str("  class certpath_note note\n");
    }
    for n in &p.nodes {
        let mut label = escape(&n.name);
        if let Some(d) = &n.detail {
            label.push_str("<br>");
            label.push_str(&escape(d));
        }
        let id = node_id(n.kind, &n.id);
        let node = match n.kind {
            Kind::Role => format!("{id}{{{{\"{label}\"}}}}"),
            Kind::Cert => format!("{id}[\"{label}\"]"),
            Kind::Skill => format!("{id}(\"{label}\")"),
        };
        out.push_str(&format!("  {node}\n"));
    }
    let kinds: std::collections::HashMap<&str, Kind> =
        p.nodes.iter().map(|n| (n.id.as_str(), n.kind)).collect();
    for e in &p.edges {
        let (Some(a), Some(b)) = (kinds.get(e.from.as_str()), kinds.get(e.to.as_str())) else {
            continue;
        };
        let arrow = if e.hard { "-->" } else { "-.->" };
        out.push_str(&format!(
            "  {} {arrow}|\"{}\"| {}\n",
            node_id(*a, &e.from),
            escape(&e.label),
            node_id(*b, &e.to)
        ));
    }
    out.push_str(&format!("  classDef met fill:{MET_FILL},stroke:#2e7d32\n"));
    out.push_str("  classDef retired stroke-dasharray:4 3\n");
    let ids = |pick: fn(&PictureNode) -> bool| -> Vec<String> {
        p.nodes
            .iter()
            .filter(|n| pick(n))
            .map(|n| node_id(n.kind, &n.id))
            .collect()
    };
    for (class, ids) in [("met", ids(|n| n.met)), ("retired", ids(|n| n.retired))] {
        if !ids.is_empty() {
            out.push_str(&format!("  class {} {class}\n", ids.join(",")));
        }
    }
    out
}

const MET_FILL: &str = "#c8e6c9";

/// A flowchart node id: `c_comptia_network_plus`.
pub fn node_id(kind: Kind, id: &str) -> String {
    let prefix = match kind {
        Kind::Skill => 's',
        Kind::Cert => 'c',
        Kind::Role => 'r',
    };
    let body: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{prefix}_{body}")
}

/// Text inside a quoted Mermaid label: quotes, `#`, angle brackets,
/// ampersands and backticks as Mermaid's `#code;` entities, so that a
/// name can neither end the label nor turn into HTML or Markdown.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text on a line of its own: no line breaks.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Text for a Gantt task, section or title. Mermaid's Gantt grammar ends
/// a task's text at `:` and its data at `#` or `;`, and `%%` starts a
/// comment, so those are written as Mermaid's entity codes (`#58;`),
/// which it turns back into the characters when it draws them.
fn gantt_text(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ':' => t.push_str("#58;"),
            ';' => t.push_str("#59;"),
            '#' => t.push_str("#35;"),
            '%' => t.push_str("#37;"),
            c if c.is_control() => t.push(' '),
            c => t.push(c),
        }
    }
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        "step".to_string()
    } else {
        t
    }
}

/// What a step does, in a few words (the plan table's wording).
pub fn step_text(s: &Step) -> String {
    crate::render::step_label(s)
}

/// The plan's schedule as a Gantt chart: a section per milestone (the
/// steps up to and including an exam, with the experience that exam
/// needs), skills the role alone needs, renewals, and a final milestone on
/// the finish date. A step with no length (a renewal, an exam waiting for
/// nothing) is a milestone; exams are marked critical.
pub fn gantt(plan: &Plan) -> String {
    let mut out = String::new();
    out.push_str("gantt\n");
    out.push_str(&format!(
        "  title {}\n",
        gantt_text(&format!("Plan to {}", plan.role.name))
    ));
    out.push_str("  dateFormat YYYY-MM-DD\n");
    out.push_str("  axisFormat %Y-%m-%d\n");
    for (title, steps) in sections(plan) {
        out.push_str(&format!("  section {}\n", gantt_text(&title)));
        for s in steps {
            out.push_str(&format!("  {}\n", task(s)));
        }
    }
    match &plan.summary.left {
        // A cut plan (--max-hours, --max-cost) does not make the person
        // ready: its last milestone says what is left instead.
        Some(left) => {
            out.push_str("  section Cut\n");
            out.push_str(&format!(
                "  {} :milestone, cut, {}, 0d\n",
                gantt_text(&format!(
                    "Plan cut here, {} more {} ({} study hours) to {}",
                    left.steps,
                    if left.steps == 1 { "step" } else { "steps" },
                    crate::plan::fmt_num(left.hours),
                    plan.role.name
                )),
                plan.summary.finish
            ));
        }
        None => {
            out.push_str("  section Finish\n");
            out.push_str(&format!(
                "  {} :milestone, finish, {}, 0d\n",
                gantt_text(&format!("Ready for {}", plan.role.name)),
                plan.summary.finish
            ));
        }
    }
    out
}

fn task(s: &Step) -> String {
    let mut tags = Vec::new();
    if s.kind == StepKind::Exam {
        tags.push("crit");
    }
    let when = if s.end > s.start {
        format!("{}, {}", s.start, s.end)
    } else {
        tags.push("milestone");
        format!("{}, 0d", s.end)
    };
    let mut meta = tags.join(", ");
    if !meta.is_empty() {
        meta.push_str(", ");
    }
    format!("{} :{meta}step{}, {when}", gantt_text(&step_text(s)), s.n)
}

/// The steps grouped for the chart, in plan order: each exam closes a
/// section named after it; an experience step joins the section of the
/// exam it is for; skills after the last exam and renewals get their own.
fn sections(plan: &Plan) -> Vec<(String, Vec<&Step>)> {
    let mut groups: Vec<(String, Vec<&Step>)> = Vec::new();
    let mut pending: Vec<&Step> = Vec::new();
    let mut renewals: Vec<&Step> = Vec::new();
    let exam_name = |id: &str| {
        plan.steps
            .iter()
            .find(|s| s.kind == StepKind::Exam && s.id == id)
            .map(|s| s.name.clone())
    };
    for s in &plan.steps {
        match s.kind {
            StepKind::Renewal => renewals.push(s),
            StepKind::Experience => {
                let target = s.for_.first().and_then(|c| exam_name(c));
                match target.and_then(|t| groups.iter_mut().find(|g| g.0 == t)) {
                    // Its exam came first (the credential waits for it).
                    Some(g) => g.1.push(s),
                    None => pending.push(s),
                }
            }
            StepKind::Exam => {
                pending.push(s);
                groups.push((s.name.clone(), std::mem::take(&mut pending)));
            }
            StepKind::Skill => pending.push(s),
        }
    }
    if !pending.is_empty() {
        groups.push((format!("More for {}", plan.role.name), pending));
    }
    if !renewals.is_empty() {
        groups.push(("Renewals".to_string(), renewals));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out() {
        assert_eq!(
            escape(r#"A "B" <C> & #1"#),
            "A #quot;B#quot; #lt;C#gt; #amp; #35;1"
        );
        assert_eq!(
            gantt_text("Exam: A+; #1 50%"),
            "Exam#58; A+#59; #35;1 50#37;"
        );
        assert_eq!(node_id(Kind::Skill, "end"), "s_end");
    }
}
