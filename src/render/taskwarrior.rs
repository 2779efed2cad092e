//! Taskwarrior import JSON for `certpath plan --format taskwarrior`: one
//! pending task per step, in the project `certpath.<role>`, scheduled on
//! the step's start, due on its end, depending on the steps it needs.
//! `certpath plan --format taskwarrior | task import` makes the plan a
//! to-do list.

use crate::plan::{fmt_num, Plan, Step, StepKind};
use serde_json::{json, Value};

/// The plan as a JSON array of tasks (what `task import` reads).
pub fn tasks(plan: &Plan) -> String {
    let uuids = step_uuids(plan);
    let entry = tw_date(plan.summary.start);
    let list: Vec<Value> = plan
        .steps
        .iter()
        .zip(&uuids)
        .map(|(s, uuid)| {
            let mut tags = vec!["certpath", kind_word(s.kind)];
            if !s.required {
                tags.push("recommended");
            }
            let depends: Vec<&str> = s
                .deps
                .iter()
                .filter_map(|d| uuids.get(*d).map(String::as_str))
                .collect();
            let mut task = json!({
                "uuid": uuid,
                "description": crate::render::mermaid::step_text(s),
                "project": format!("certpath.{}", plan.role.id),
                "status": "pending",
                "entry": entry,
                "scheduled": tw_date(s.start),
                "due": tw_date(s.end),
                "tags": tags,
            });
            if !depends.is_empty() {
                task["depends"] = json!(depends);
            }
            // One annotation only: Taskwarrior keys annotations by their
            // entry time, and every one here would have the same.
            task["annotations"] = json!([{ "entry": entry, "description": note(s) }]);
            task
        })
        .collect();
    crate::render::json(&list)
}

/// The step's facts and its reason, on one line.
fn note(s: &Step) -> String {
    let mut parts = Vec::new();
    if s.hours > 0.0 {
        parts.push(format!("{} study hours", fmt_num(s.hours)));
    }
    match (s.kind, s.cost_usd) {
        (StepKind::Exam | StepKind::Renewal, Some(c)) if c > 0.0 => {
            parts.push(crate::render::dollars(Some(c)))
        }
        (StepKind::Exam | StepKind::Renewal, None) => parts.push("price unknown".to_string()),
        _ => {}
    }
    parts.push(format!("{} to {}", s.start, s.end));
    let mut text = parts.join(", ");
    if !s.why.is_empty() {
        text.push_str(": ");
        text.push_str(&s.why);
    }
    text
}

pub fn kind_word(k: StepKind) -> &'static str {
    match k {
        StepKind::Skill => "skill",
        StepKind::Exam => "exam",
        StepKind::Experience => "experience",
        StepKind::Renewal => "renewal",
    }
}

/// A date as Taskwarrior writes one, at noon UTC: noon stays on the same
/// calendar day in every time zone from UTC-11 to UTC+11, midnight would
/// show as the day before west of Greenwich.
pub fn tw_date(d: jiff::civil::Date) -> String {
    format!("{:04}{:02}{:02}T120000Z", d.year(), d.month(), d.day())
}

/// What a step is, independent of its number and dates, so a re-planned
/// step keeps its identity: `skill/ip-addressing/0-3`, `exam/cisco-ccna`,
/// `experience:isc2-cissp`, `renewal:comptia-a-plus/2029-11-24`.
pub fn step_key(s: &Step) -> String {
    match s.kind {
        StepKind::Skill => format!(
            "skill/{}/{}-{}",
            s.id,
            s.from_level.unwrap_or(0),
            s.to_level.unwrap_or(0)
        ),
        StepKind::Exam => format!("exam/{}", s.id),
        StepKind::Experience => s.id.clone(),
        StepKind::Renewal => format!("{}/{}", s.id, s.start),
    }
}

/// One UUID per step, the same for the same role and step on every run
/// (Taskwarrior updates a task it already has instead of adding a copy).
/// Repeated keys get a counter, so the UUIDs of one plan are distinct.
pub fn step_uuids(plan: &Plan) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    plan.steps
        .iter()
        .map(|s| {
            let key = step_key(s);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            let name = if *n == 1 {
                format!("certpath/{}/{key}", plan.role.id)
            } else {
                format!("certpath/{}/{key}#{n}", plan.role.id)
            };
            name_uuid(&name)
        })
        .collect()
}

/// A name-based UUID: version 8 (RFC 9562's "custom" layout) holding the
/// 128-bit FNV-1a hash of `name`. Deterministic without a UUID crate; v5
/// would need SHA-1, and nothing here needs a cryptographic hash.
pub fn name_uuid(name: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for b in name.bytes() {
        h ^= b as u128;
        h = h.wrapping_mul(PRIME);
    }
    // A final mix, so names that differ only at the end differ everywhere.
    h ^= h >> 67;
    h = h.wrapping_mul(PRIME);
    h ^= h >> 59;
    let mut b = h.to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_and_well_formed() {
        let a = name_uuid("certpath/network-engineer/exam/cisco-ccna");
        assert_eq!(a, name_uuid("certpath/network-engineer/exam/cisco-ccna"));
        assert_ne!(a, name_uuid("certpath/network-engineer/exam/cisco-ccnb"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn dates_are_taskwarrior_dates() {
        assert_eq!(
            tw_date(jiff::civil::Date::constant(2026, 3, 7)),
            "20260307T120000Z"
        );
    }
}
