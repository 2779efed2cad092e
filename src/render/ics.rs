//! An iCalendar file (RFC 5545) for `certpath plan --format ics`: one
//! all-day event per step, exams on their exam day. The UIDs come from the
//! role and what a step achieves (a skill's target level, an exam), so a
//! re-plan updates the events a calendar holds instead of adding copies.
//! DTSTAMP is the time of the run; given the calendar the last run wrote
//! (`--previous`), an event keeps its SEQUENCE and LAST-MODIFIED while its
//! step stays put, gets both moved on when the step moves, and a step no
//! longer in the plan comes back as a cancelled event.

use crate::plan::{fmt_num, Plan, Step, StepKind};
use crate::render::taskwarrior::{kind_word, step_uuids};
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};

/// An event of an earlier calendar, as `--previous` gives it: its
/// unfolded content lines, without BEGIN and END.
#[derive(Debug, Clone, Default)]
pub struct PreviousEvent {
    pub uid: String,
    pub sequence: u32,
    pub last_modified: Option<String>,
    pub cancelled: bool,
    pub lines: Vec<String>,
}

/// The properties that say where a step is and what it is: when any of
/// them differs from the previous calendar's, the event has moved.
const CONTENT: [&str; 6] = [
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "CATEGORIES",
    "TRANSP",
];

/// Properties certpath sets anew on every event it writes.
const STAMPS: [&str; 4] = ["DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "STATUS"];

fn name_of(line: &str) -> &str {
    let end = line.find([':', ';']).unwrap_or(line.len());
    &line[..end]
}

fn content_of(lines: &[String]) -> Vec<&str> {
    lines
        .iter()
        .filter(|l| CONTENT.contains(&name_of(l)))
        .map(String::as_str)
        .collect()
}

/// The events of an iCalendar text whose UID certpath wrote
/// (`...@certpath`). `Err` says what is wrong when the text is not a
/// calendar at all.
pub fn parse_previous(text: &str) -> Result<Vec<PreviousEvent>, String> {
    let unfolded = text
        .replace("\r\n", "\n")
        .replace("\n ", "")
        .replace("\n\t", "");
    if !unfolded.trim_start().starts_with("BEGIN:VCALENDAR") {
        return Err("not an iCalendar file (it does not start with BEGIN:VCALENDAR)".into());
    }
    let mut events = Vec::new();
    let mut current: Option<PreviousEvent> = None;
    for line in unfolded.lines() {
        match (line, current.as_mut()) {
            ("BEGIN:VEVENT", None) => current = Some(PreviousEvent::default()),
            ("BEGIN:VEVENT", Some(_)) => return Err("a VEVENT inside a VEVENT".into()),
            ("END:VEVENT", Some(_)) => {
                let e = current.take().unwrap_or_default();
                if e.uid.ends_with("@certpath") {
                    events.push(e);
                }
            }
            (_, Some(e)) => {
                let value = line.split_once(':').map(|(_, v)| v).unwrap_or("");
                match name_of(line) {
                    "UID" => e.uid = value.to_string(),
                    "SEQUENCE" => e.sequence = value.trim().parse().unwrap_or(0),
                    "LAST-MODIFIED" => e.last_modified = Some(value.to_string()),
                    "STATUS" => e.cancelled = value == "CANCELLED",
                    _ => {}
                }
                e.lines.push(line.to_string());
            }
            _ => {}
        }
    }
    if current.is_some() {
        return Err("a VEVENT without its END:VEVENT".into());
    }
    Ok(events)
}

/// A UTC time as iCalendar writes it: `20261124T093000Z`.
pub fn ics_time(t: jiff::Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// The plan as a VCALENDAR, CRLF line endings, lines folded at 75 octets.
/// `now` is the time stamp of this run; `previous` the events of the
/// calendar the last run wrote, if given.
pub fn calendar(plan: &Plan, now: jiff::Timestamp, previous: &[PreviousEvent]) -> String {
    let stamp = ics_time(now);
    let before: HashMap<&str, &PreviousEvent> =
        previous.iter().map(|e| (e.uid.as_str(), e)).collect();
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
    let mut planned = HashSet::new();
    for (s, uuid) in plan.steps.iter().zip(step_uuids(plan)) {
        let uid = format!("{uuid}@certpath");
        let body = event(s);
        // Unchanged: the same sequence and modification time as before.
        // Moved (or back from cancelled): both move on. New: 0 and now.
        let (sequence, modified) = match before.get(uid.as_str()) {
            Some(p) if !p.cancelled && content_of(&p.lines) == content_of(&body) => (
                p.sequence,
                p.last_modified.clone().unwrap_or_else(|| stamp.clone()),
            ),
            Some(p) => (p.sequence + 1, stamp.clone()),
            None => (0, stamp.clone()),
        };
        lines.extend(vevent(&uid, &stamp, sequence, &modified, body, false));
        planned.insert(uid);
    }
    // Steps the last calendar had and this plan does not: cancelled, so a
    // calendar that imports this file drops them.
    for p in previous {
        if p.cancelled || planned.contains(&p.uid) {
            continue;
        }
        let body: Vec<String> = p
            .lines
            .iter()
            .filter(|l| !STAMPS.contains(&name_of(l)) && name_of(l) != "UID")
            .cloned()
            .collect();
        lines.extend(vevent(&p.uid, &stamp, p.sequence + 1, &stamp, body, true));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        out.push_str(&fold(&l));
    }
    out
}

fn vevent(
    uid: &str,
    stamp: &str,
    sequence: u32,
    modified: &str,
    body: Vec<String>,
    cancelled: bool,
) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
        format!("SEQUENCE:{sequence}"),
        format!("LAST-MODIFIED:{modified}"),
    ];
    if cancelled {
        lines.push("STATUS:CANCELLED".into());
    }
    lines.extend(body);
    lines.push("END:VEVENT".into());
    lines
}

/// The lines of a step's event that describe it (no UID or stamps).
fn event(s: &Step) -> Vec<String> {
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
