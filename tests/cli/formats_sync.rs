//! Calendars and task lists as their programs read them (issue 14): the
//! iCalendar file parsed by Python's `icalendar`, re-plans that keep UIDs
//! and move SEQUENCE only for moved steps, and Taskwarrior re-imports that
//! never reopen done tasks and retire steps no longer planned.

use crate::consumers::{pipe, python, run_python, tool};
use crate::util::{certpath, run, TODAY};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// Reads a calendar with `icalendar` and prints its events as JSON; fails
/// on anything the library flags as broken or a property missing.
const ICS_CHECK: &str = r#"
import sys, json
from icalendar import Calendar
data = sys.stdin.buffer.read()
cal = Calendar.from_ical(data)
problems = list(cal.errors)
out = []
for ev in cal.walk("VEVENT"):
    problems += [f"{ev.get('UID')}: {e}" for e in ev.errors]
    for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "LAST-MODIFIED"):
        if prop not in ev:
            problems.append(f"{ev.get('UID')}: no {prop}")
    out.append({
        "uid": str(ev["UID"]),
        "sequence": int(ev["SEQUENCE"]),
        "last_modified": ev.decoded("LAST-MODIFIED").strftime("%Y%m%dT%H%M%SZ"),
        "dtstamp": ev.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%SZ"),
        "status": str(ev.get("STATUS", "")),
        "summary": str(ev["SUMMARY"]),
        "start": ev.decoded("DTSTART").isoformat(),
        "end": ev.decoded("DTEND").isoformat(),
    })
if problems:
    sys.exit("icalendar found problems:\n" + "\n".join(problems))
json.dump(out, sys.stdout)
"#;

/// `certpath --no-profile plan --role scrum-master` on `today`, with more
/// arguments, as `format`; its stdout.
fn plan(today: &str, format: &str, extra: &[&str]) -> String {
    let (out, err, code) = run(certpath()
        .env("CERTPATH_TODAY", today)
        .args([
            "--no-profile",
            "plan",
            "--role",
            "scrum-master",
            "--format",
            format,
        ])
        .args(extra));
    assert_eq!(code, 0, "{err}");
    out
}

/// The events as `icalendar` reads them, by UID.
fn events(py: &Path, ics: &str) -> Vec<Value> {
    let out = run_python(py, ICS_CHECK, &[], ics);
    serde_json::from_str::<Vec<Value>>(&out).expect("the checker prints JSON")
}

fn by_uid(events: &[Value]) -> HashMap<String, Value> {
    events
        .iter()
        .map(|e| (e["uid"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

#[test]
fn icalendar_reads_every_plan_calendar() {
    let Some(py) = python(&["icalendar"], "icalendar_reads_every_plan_calendar") else {
        return;
    };
    let hostile = crate::util::fixture("hostile.json");
    let runs: Vec<Vec<String>> = vec![
        vec!["plan", "--role", "scrum-master"],
        // Experience, renewals and a gated exam.
        vec!["plan", "--role", "information-security-manager"],
        vec!["plan", "--role", "network-engineer", "--max-hours", "150"],
        vec![
            "--no-builtin",
            "--catalog",
            hostile.to_str().unwrap(),
            "plan",
            "--role",
            "hostile-role",
        ],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(String::from).collect())
    .collect();
    for args in runs {
        let (ics, err, code) = run(certpath()
            .arg("--no-profile")
            .args(&args)
            .args(["--format", "ics"]));
        assert_eq!(code, 0, "{err}");
        let evs = events(&py, &ics);
        assert!(!evs.is_empty(), "{args:?}");
        for e in &evs {
            // DTSTAMP is the generation time, which CERTPATH_TODAY pins.
            assert_eq!(e["dtstamp"], format!("{}T000000Z", TODAY.replace('-', "")));
            assert_eq!(e["sequence"], 0);
            assert_eq!(e["last_modified"], e["dtstamp"]);
        }
    }
}

#[test]
fn a_replan_keeps_uids_and_moves_sequence_only_for_moved_steps() {
    let test = "a_replan_keeps_uids_and_moves_sequence_only_for_moved_steps";
    let Some(py) = python(&["icalendar"], test) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = plan("2026-11-24", "ics", &["--start", "2026-11-24"]);
    let a = dir.path().join("a.ics");
    std::fs::write(&a, &first).unwrap();
    let before = by_uid(&events(&py, &first));

    // The same plan a week later: nothing moved, only DTSTAMP is new.
    let same = plan(
        "2026-12-01",
        "ics",
        &["--start", "2026-11-24", "--previous", a.to_str().unwrap()],
    );
    for e in events(&py, &same) {
        let old = &before[e["uid"].as_str().unwrap()];
        assert_eq!(e["sequence"], 0, "{e}");
        assert_eq!(e["last_modified"], old["last_modified"], "{e}");
        assert_eq!(e["dtstamp"], "20261201T000000Z");
    }

    // Facilitation at level 1 already: its 0->1 step leaves the plan, its
    // 1->3 step keeps its UID (keyed by the level it reaches), and every
    // step that moved gets SEQUENCE 1 and a new LAST-MODIFIED.
    let replan = plan(
        "2026-12-01",
        "ics",
        &[
            "--start",
            "2026-11-24",
            "--have",
            "facilitation-coaching=1",
            "--previous",
            a.to_str().unwrap(),
        ],
    );
    let after = events(&py, &replan);
    let mut moved = 0;
    let mut kept = 0;
    for e in &after {
        let uid = e["uid"].as_str().unwrap();
        let old = before
            .get(uid)
            .unwrap_or_else(|| panic!("new UID {uid}: {e}"));
        if e["status"] == "CANCELLED" {
            assert_eq!(old["summary"], "Learn Facilitation and coaching 0->1");
            assert_eq!(e["sequence"], 1);
            assert_eq!(e["last_modified"], "20261201T000000Z");
            continue;
        }
        let same_place = old["start"] == e["start"] && old["end"] == e["end"];
        if same_place && old["summary"] == e["summary"] {
            kept += 1;
            assert_eq!(e["sequence"], 0, "{e}");
            assert_eq!(e["last_modified"], "20261124T000000Z", "{e}");
        } else {
            moved += 1;
            assert_eq!(e["sequence"], 1, "{e}");
            assert_eq!(e["last_modified"], "20261201T000000Z", "{e}");
        }
    }
    assert!(moved > 0, "{replan}");
    let cancelled = after.iter().filter(|e| e["status"] == "CANCELLED").count();
    assert_eq!(cancelled, 1, "{replan}");
    let facilitation = after
        .iter()
        .find(|e| e["summary"] == "Learn Facilitation and coaching 1->3")
        .expect("the 1->3 step");
    let old = before[facilitation["uid"].as_str().unwrap()]["summary"].clone();
    assert_eq!(old, "Learn Facilitation and coaching 1->3");
    assert_eq!(after.len(), before.len(), "moved {moved}, kept {kept}");
}

#[test]
fn previous_must_be_a_calendar_or_a_task_export() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ics");
    std::fs::write(&bad, "hello").unwrap();
    let (_, err, code) = run(certpath()
        .args([
            "--no-profile",
            "plan",
            "--role",
            "scrum-master",
            "--format",
            "ics",
            "--previous",
        ])
        .arg(&bad));
    assert_eq!(code, 65, "{err}");
    assert!(
        err.contains("bad.ics") && err.contains("BEGIN:VCALENDAR"),
        "{err}"
    );
    let (_, err, code) = run(certpath()
        .args([
            "--no-profile",
            "plan",
            "--role",
            "scrum-master",
            "--format",
            "taskwarrior",
            "--previous",
        ])
        .arg(&bad));
    assert_eq!(code, 65, "{err}");
    assert!(err.contains("bad.ics") && err.contains("not JSON"), "{err}");
    let (_, err, code) = run(certpath()
        .args([
            "--no-profile",
            "plan",
            "--role",
            "scrum-master",
            "--previous",
        ])
        .arg(&bad));
    assert_eq!(code, 2, "{err}");
    let (_, err, code) = run(certpath()
        .args([
            "--no-profile",
            "plan",
            "--role",
            "scrum-master",
            "--format",
            "ics",
            "--previous",
        ])
        .arg(dir.path().join("nope.ics")));
    assert_eq!(code, 66, "{err}");
}

/// A scratch Taskwarrior database and a way to run `task` on it.
struct Task {
    bin: std::path::PathBuf,
    _dir: tempfile::TempDir,
    rc: std::path::PathBuf,
    data: std::path::PathBuf,
}

impl Task {
    fn new(bin: std::path::PathBuf) -> Task {
        let dir = tempfile::tempdir().unwrap();
        let rc = dir.path().join("taskrc");
        std::fs::write(&rc, "").unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        Task {
            bin,
            _dir: dir,
            rc,
            data,
        }
    }

    fn run(&self, args: &[&str], input: &str) -> String {
        let mut all = vec!["rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off"];
        all.extend(args);
        let env = [
            ("TASKRC", self.rc.as_path()),
            ("TASKDATA", self.data.as_path()),
        ];
        let (out, err, ok) = pipe(&self.bin, &all, input, &env);
        assert!(ok, "task {args:?} failed: {err}");
        out
    }

    fn export(&self) -> Vec<Value> {
        serde_json::from_str(&self.run(&["export"], "")).expect("task export is JSON")
    }
}

/// A task's tags.
fn tags(task: &Value) -> Vec<&str> {
    task["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect()
}

fn find<'a>(tasks: &'a [Value], description: &str) -> &'a Value {
    tasks
        .iter()
        .find(|t| t["description"] == description)
        .unwrap_or_else(|| panic!("no task {description:?} in {tasks:#?}"))
}

#[test]
fn taskwarrior_reimport_keeps_done_tasks_done_and_retires_old_steps() {
    let test = "taskwarrior_reimport_keeps_done_tasks_done_and_retires_old_steps";
    let Some(bin) = tool("task", test) else {
        return;
    };
    let task = Task::new(bin);
    let dir = tempfile::tempdir().unwrap();
    let first = plan("2026-11-24", "taskwarrior", &["--start", "2026-11-24"]);
    task.run(&["import", "-"], &first);
    let tasks = task.export();
    // Entered when the list was made (CERTPATH_TODAY pins it), not on
    // the plan's start: no negative age.
    assert!(
        tasks.iter().all(|t| t["entry"] == "20261124T000000Z"),
        "{tasks:#?}"
    );

    // The person finishes a task and tags another.
    let agile = find(&tasks, "Learn Agile and Scrum 0->3")["uuid"]
        .as_str()
        .unwrap()
        .to_string();
    let team = find(&tasks, "Learn Team leadership 0->2")["uuid"]
        .as_str()
        .unwrap()
        .to_string();
    task.run(&[&agile, "done"], "");
    task.run(&[&team, "modify", "+weekend", "priority:H"], "");

    // A week later, a re-plan from what Taskwarrior holds: facilitation at
    // level 1 already, so its 0->1 step leaves the plan.
    let previous = dir.path().join("tasks.json");
    let replan = || {
        std::fs::write(
            &previous,
            task.run(&["project:certpath.scrum-master", "export"], ""),
        )
        .unwrap();
        let tasks = plan(
            "2026-12-01",
            "taskwarrior",
            &[
                "--have",
                "facilitation-coaching=1",
                "--previous",
                previous.to_str().unwrap(),
            ],
        );
        task.run(&["import", "-"], &tasks);
    };
    replan();
    let after = task.export();
    assert_eq!(after.len(), tasks.len(), "no copies: {after:#?}");
    let agile = after.iter().find(|t| t["uuid"] == agile.as_str()).unwrap();
    assert_eq!(agile["status"], "completed", "never reopened: {agile}");
    let team = after.iter().find(|t| t["uuid"] == team.as_str()).unwrap();
    assert_eq!(team["status"], "pending");
    assert_eq!(team["priority"], "H", "{team}");
    let team_tags = tags(team);
    assert!(
        team_tags.contains(&"weekend") && team_tags.contains(&"certpath"),
        "{team_tags:?}"
    );
    // Entry stays the first import's.
    assert_eq!(team["entry"], "20261124T000000Z");
    let gone = find(&after, "Learn Facilitation and coaching 0->1");
    assert_eq!(gone["status"], "deleted", "{gone}");
    let gone_tags = tags(gone);
    assert!(gone_tags.contains(&"obsolete"), "{gone_tags:?}");
    // A step new to the plan is entered on the re-plan's day.
    assert_eq!(
        task.run(&["status:pending", "+obsolete", "count"], "")
            .trim(),
        "0"
    );
    // Importing the same re-plan again changes nothing.
    replan();
    let last = task.export();
    let status = |ts: &[Value]| {
        let mut v: Vec<(String, String)> = ts
            .iter()
            .map(|t| (t["uuid"].to_string(), t["status"].to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(status(&last), status(&after));
}
