//! Taskwarrior import JSON for `certpath plan --format taskwarrior`: one
//! pending task per step, in the project `certpath.<role>`, scheduled on
//! the step's start, due on its end, depending on the steps it needs.
//! `certpath plan --format taskwarrior | task import` makes the plan a
//! to-do list.
//!
//! `task import` replaces a task it already has by the one imported, and
//! nothing in the import says what the person did with it since. Given
//! the tasks as `task export` wrote them (`--previous`), a task done or
//! deleted stays so, the person's own tags and fields stay, and a pending
//! task whose step left the plan is deleted and tagged `obsolete`.

use crate::plan::{fmt_num, Plan, Step, StepKind};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};

/// The tags certpath writes; any other tag on a task is the person's.
const OUR_TAGS: [&str; 7] = [
    "certpath",
    "skill",
    "exam",
    "experience",
    "renewal",
    "recommended",
    "obsolete",
];

/// Fields `task export` adds that an import must not carry back.
const EXPORT_ONLY: [&str; 3] = ["id", "urgency", "modified"];

/// The plan as a JSON array of tasks (what `task import` reads). `now` is
/// the entry time of a new task; `previous` the tasks `task export` gave
/// (empty when not given).
pub fn tasks(plan: &Plan, now: jiff::Timestamp, previous: &[Map<String, Value>]) -> String {
    let uuids = step_uuids(plan);
    let now = tw_time(now);
    let project = format!("certpath.{}", plan.role.id);
    let before: HashMap<&str, &Map<String, Value>> = previous
        .iter()
        .filter_map(|t| Some((t.get("uuid")?.as_str()?, t)))
        .collect();
    let mut list: Vec<Value> = plan
        .steps
        .iter()
        .zip(&uuids)
        .map(|(s, uuid)| {
            let old = before.get(uuid.as_str()).copied();
            let entry = old
                .and_then(|t| t.get("entry"))
                .cloned()
                .unwrap_or_else(|| json!(now));
            let mut tags = vec!["certpath", kind_word(s.kind)];
            if !s.required {
                tags.push("recommended");
            }
            let mut tags: Vec<Value> = tags.into_iter().map(Value::from).collect();
            tags.extend(their_tags(old));
            let depends: Vec<&str> = s
                .deps
                .iter()
                .filter_map(|d| uuids.get(*d).map(String::as_str))
                .collect();
            let mut task = carried(old);
            task.insert("uuid".into(), json!(uuid));
            task.insert(
                "description".into(),
                json!(crate::render::mermaid::step_text(s)),
            );
            task.insert("project".into(), json!(project));
            // Done or deleted stays so: a re-import never reopens a task.
            let status = old
                .and_then(|t| t.get("status"))
                .and_then(Value::as_str)
                .filter(|st| matches!(*st, "completed" | "deleted"))
                .unwrap_or("pending");
            task.insert("status".into(), json!(status));
            if status == "pending" {
                task.remove("end");
            }
            task.insert("entry".into(), entry.clone());
            task.insert("scheduled".into(), json!(tw_date(s.start)));
            task.insert("due".into(), json!(tw_date(s.end)));
            task.insert("tags".into(), Value::Array(tags));
            if depends.is_empty() {
                task.remove("depends");
            } else {
                task.insert("depends".into(), json!(depends));
            }
            // One annotation only: Taskwarrior keys annotations by their
            // entry time, and every one here would have the same.
            // The person's own annotations stay.
            let mut notes = vec![json!({ "entry": entry, "description": note(s) })];
            notes.extend(
                old.and_then(|t| t.get("annotations"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|a| a.get("entry") != Some(&entry))
                    .cloned(),
            );
            task.insert("annotations".into(), Value::Array(notes));
            Value::Object(task)
        })
        .collect();
    // Pending tasks of this plan's project whose step is gone.
    let planned: HashSet<&str> = uuids.iter().map(String::as_str).collect();
    for t in previous {
        let uuid = t.get("uuid").and_then(Value::as_str).unwrap_or("");
        let ours = t.get("project").and_then(Value::as_str) == Some(project.as_str());
        let open = matches!(
            t.get("status").and_then(Value::as_str),
            Some("pending" | "waiting")
        );
        if uuid.is_empty() || !ours || !open || planned.contains(uuid) {
            continue;
        }
        let mut task = carried(Some(t));
        task.insert("status".into(), json!("deleted"));
        task.insert("end".into(), json!(now));
        let mut tags = t
            .get("tags")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if !tags.iter().any(|x| x == "obsolete") {
            tags.push(json!("obsolete"));
        }
        task.insert("tags".into(), Value::Array(tags));
        list.push(Value::Object(task));
    }
    crate::render::json(&list)
}

/// What a previous task carries into the new one: everything the person
/// may have set (priority, their own fields), without what export adds.
fn carried(old: Option<&Map<String, Value>>) -> Map<String, Value> {
    let mut task = old.cloned().unwrap_or_default();
    for k in EXPORT_ONLY {
        task.remove(k);
    }
    task
}

/// The tags the person put on a task, which certpath keeps.
fn their_tags(old: Option<&Map<String, Value>>) -> Vec<Value> {
    old.and_then(|t| t.get("tags"))
        .and_then(Value::as_array)
        .map(|tags| {
            tags.iter()
                .filter(|t| t.as_str().is_some_and(|t| !OUR_TAGS.contains(&t)))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// Reads `task export` output: a JSON array of task objects.
pub fn parse_previous(text: &str) -> Result<Vec<Map<String, Value>>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Array(items) = value else {
        return Err("not a JSON array of tasks (what `task export` writes)".into());
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, t)| match t {
            Value::Object(m) => Ok(m),
            _ => Err(format!("item {i} is not a task object")),
        })
        .collect()
}

/// A time as Taskwarrior writes one: `20261124T093000Z`.
pub fn tw_time(t: jiff::Timestamp) -> String {
    crate::render::ics::ics_time(t)
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

/// What a step achieves, independent of its number, dates and starting
/// level, so a re-planned step keeps its identity: `skill/ip-addressing/3`
/// (the level it reaches), `exam/cisco-ccna`, `experience:isc2-cissp`,
/// `renewal:comptia-a-plus` (the n-th renewal of a cert gets `#n` from
/// `step_uuids`).
pub fn step_key(s: &Step) -> String {
    match s.kind {
        StepKind::Skill => format!("skill/{}/{}", s.id, s.to_level.unwrap_or(0)),
        StepKind::Exam => format!("exam/{}", s.id),
        StepKind::Experience | StepKind::Renewal => s.id.clone(),
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
