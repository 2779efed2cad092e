//! An iCalendar file (RFC 5545) for `certpath plan --format ics`: one
//! all-day event per step, exams on their exam day. Reproducible: the UIDs
//! come from the role and the step, the DTSTAMP from the plan's start.

use crate::plan::{fmt_num, Plan, Step, StepKind};
use crate::render::taskwarrior::{kind_word, step_uuids};
use jiff::civil::Date;

/// The plan as a VCALENDAR, CRLF line endings, lines folded at 75 octets.
pub fn calendar(plan: &Plan) -> String {
    let stamp = format!("{}T000000Z", ics_date(plan.summary.start));
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//certpath//certpath plan//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            text(&format!("certpath: plan to {}", plan.role.name))
        ),
    ];
    for (s, uuid) in plan.steps.iter().zip(step_uuids(plan)) {
        lines.extend(event(s, &uuid, &stamp));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        out.push_str(&fold(&l));
    }
    out
}

fn event(s: &Step, uuid: &str, stamp: &str) -> Vec<String> {
    // An exam is the day it is sat; its preparation goes in the description.
    let first = if s.kind == StepKind::Exam {
        s.end
    } else {
        s.start
    };
    let last = s.end.max(first);
    let after = last.tomorrow().unwrap_or(last);
    let summary = crate::render::mermaid::step_text(s);
    vec![
        "BEGIN:VEVENT".into(),
        format!("UID:{uuid}@certpath"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", ics_date(first)),
        format!("DTEND;VALUE=DATE:{}", ics_date(after)),
        format!("SUMMARY:{}", text(&summary)),
        format!("DESCRIPTION:{}", text(&description(s))),
        format!("CATEGORIES:certpath,{}", kind_word(s.kind)),
        // Study spans weeks alongside everything else: it should not
        // show the person as busy. An exam should.
        format!(
            "TRANSP:{}",
            if s.kind == StepKind::Exam {
                "OPAQUE"
            } else {
                "TRANSPARENT"
            }
        ),
        "END:VEVENT".into(),
    ]
}

fn description(s: &Step) -> String {
    let mut lines = Vec::new();
    match s.kind {
        StepKind::Exam => lines.push(format!(
            "The exam day. Preparation: {} study hours from {}.",
            fmt_num(s.hours),
            s.start
        )),
        StepKind::Skill => lines.push(format!(
            "{} study hours, {} to {}.",
            fmt_num(s.hours),
            s.start,
            s.end
        )),
        StepKind::Experience | StepKind::Renewal => {}
    }
    if matches!(s.kind, StepKind::Exam | StepKind::Renewal) {
        lines.push(format!("Cost: {}.", crate::render::dollars(s.cost_usd)));
    }
    if !s.why.is_empty() {
        lines.push(s.why.clone());
    }
    lines.join("\n")
}

fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as
/// `\n`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (continuations start with a space,
/// which counts), never inside a UTF-8 character, ended by CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }
}
