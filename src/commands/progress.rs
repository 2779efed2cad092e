//! `certpath progress`: what the history of `done` records adds up to:
//! study hours done, readiness then and now, hours a week.

use super::profile_cmd::{change_words, keep_flags, same_files};
use super::{target_role, Output, Setup};
use crate::catalog::Catalog;
use crate::cli::{Format, ProgressArgs};
use crate::config::Config;
use crate::error::Result;
use crate::plan::fmt_num;
use crate::profile::{HistoryEntry, Profile};
use crate::render::grid::Grid;
use crate::render::{self, table};
use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value;

/// The report `progress` prints.
#[derive(Debug, Serialize)]
pub struct Progress {
    pub format: u32,
    pub role: crate::plan::RoleRef,
    /// The day of the first record (null without history).
    pub since: Option<Date>,
    pub today: Date,
    pub days: i64,
    #[serde(serialize_with = "crate::render::num")]
    pub hours_done: f64,
    /// The pace: measured from the records when they span at least
    /// [`PACE_DAYS`], else the plan's hours a week.
    #[serde(serialize_with = "crate::render::num")]
    pub hours_per_week: f64,
    /// Where `hours_per_week` comes from: "records" or "plan".
    pub pace_from: &'static str,
    pub readiness_then: u32,
    pub readiness_now: u32,
    #[serde(serialize_with = "crate::render::num")]
    pub hours_left: f64,
    pub entries: Vec<Entry>,
}

/// One record of the history, with the plan's numbers after it.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub date: Date,
    pub id: String,
    pub name: String,
    pub from: Value,
    pub to: Value,
    #[serde(serialize_with = "crate::render::num")]
    pub hours_left: f64,
    pub readiness_percent: u32,
}

/// Applies a history entry forward (`to`) or backward (`from`).
pub fn apply(cat: &Catalog, p: &mut Profile, e: &HistoryEntry, forward: bool) {
    let v = if forward { &e.to } else { &e.from };
    if cat.cert(&e.id).is_some() {
        if v.is_null() {
            p.remove_cert(&e.id);
        } else if !p.holds(&e.id) {
            p.set_cert(&e.id, Some(e.date));
        }
    } else if cat.skill(&e.id).is_some() {
        match v.as_u64() {
            Some(l) => {
                p.set_skill(&e.id, l.min(4) as u8);
            }
            None => {
                p.skills.remove(&e.id);
            }
        }
    }
}

/// Records must span this many days before they give a pace: one busy
/// day is not a week's work.
pub const PACE_DAYS: i64 = 7;

pub fn run(cfg: &Config, args: &ProgressArgs) -> Result<Output> {
    let mut setup = Setup::load(cfg)?;
    let role_id = target_role(&setup.cat, &setup.profile, &args.choice)?
        .id
        .clone();
    let now = setup.profile.clone();
    let history = now.history.clone();
    // The profile before the first record: every record taken back.
    let mut state = now.clone();
    for e in history.iter().rev() {
        apply(&setup.cat, &mut state, e, false);
    }
    let mut numbers = Vec::new();
    let measure = |setup: &mut Setup, p: Profile| -> Result<(f64, u32, crate::plan::RoleRef)> {
        setup.profile = p;
        let role = setup.cat.role(&role_id).expect("resolved role");
        let plan = setup.planner(cfg, &args.choice, None, None)?.plan(role);
        Ok((
            plan.summary.total_hours,
            plan.summary.readiness_percent,
            plan.role,
        ))
    };
    let (start_hours, start_ready, role) = measure(&mut setup, state.clone())?;
    for e in &history {
        apply(&setup.cat, &mut state, e, true);
        numbers.push(measure(&mut setup, state.clone())?);
    }
    let (now_hours, now_ready, _) = measure(&mut setup, now)?;
    let entries: Vec<Entry> = history
        .iter()
        .zip(&numbers)
        .map(|(e, (h, r, _))| Entry {
            date: e.date,
            id: e.id.clone(),
            name: setup.cat.name_of(&e.id).to_string(),
            from: e.from.clone(),
            to: e.to.clone(),
            hours_left: *h,
            readiness_percent: *r,
        })
        .collect();
    let since = history.iter().map(|e| e.date).min();
    let days = since
        .map_or(0, |s| (cfg.today - s).get_days() as i64)
        .max(0);
    let hours_done = (start_hours - now_hours).max(0.0);
    let planned = setup.options(cfg, &args.choice, None, None)?.hours_per_week;
    let (hours_per_week, pace_from) = if days >= PACE_DAYS {
        let weeks = days as f64 / 7.0;
        (((hours_done / weeks) * 10.0).round() / 10.0, "records")
    } else {
        (planned, "plan")
    };
    let report = Progress {
        format: 1,
        role,
        since,
        today: cfg.today,
        days,
        hours_done,
        hours_per_week,
        pace_from,
        readiness_then: start_ready,
        readiness_now: now_ready,
        hours_left: now_hours,
        entries,
    };
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&report),
        _ => text(cfg, &report, start_hours),
    }))
}

fn change(e: &Entry) -> String {
    format!("{}: {}", e.name, change_words(&e.from, &e.to))
}

fn text(cfg: &Config, r: &Progress, start_hours: f64) -> String {
    let mut out = table::heading(
        cfg,
        &format!("Progress toward {} ({})", r.role.name, r.role.id),
    );
    let Some(since) = r.since else {
        // Not wrapped: the command in it is to be pasted whole.
        out.push_str(&keep_flags(
            &format!(
                "No progress recorded yet. Record it as you go with `certpath done ID[=LEVEL]`.\nNow: {} study hours left, readiness {}%.\n",
                fmt_num(r.hours_left),
                r.readiness_now
            ),
            &same_files(cfg),
        ));
        return out;
    };
    let mut t = Grid::new(&["Date", "Change", "Hours left", "Readiness"])
        .keep(&[0, 2, 3])
        .title(&[0]);
    t.row(vec![
        "start".to_string(),
        "before the first record".to_string(),
        fmt_num(start_hours),
        format!("{}%", r.readiness_then),
    ]);
    for e in &r.entries {
        t.row(vec![
            e.date.to_string(),
            change(e),
            fmt_num(e.hours_left),
            format!("{}%", e.readiness_percent),
        ]);
    }
    out.push_str(&t.text(cfg));
    let span = match r.days {
        0 => "today".to_string(),
        1 => "in 1 day".to_string(),
        d => format!("in {d} days"),
    };
    let mut tail = if r.pace_from == "records" {
        format!(
            "{} study hours done since {since} ({span}): about {} hours a week.\n",
            fmt_num(r.hours_done),
            fmt_num(r.hours_per_week)
        )
    } else {
        format!(
            "{} study hours done since {since} ({span}); fewer than {PACE_DAYS} days of records give no pace yet, so the plan's {} hours a week count.\n",
            fmt_num(r.hours_done),
            fmt_num(r.hours_per_week)
        )
    };
    tail.push_str(&format!(
        "Readiness {}% then, {}% now; {} study hours left",
        r.readiness_then,
        r.readiness_now,
        fmt_num(r.hours_left)
    ));
    if r.hours_per_week > 0.0 && r.hours_left > 0.0 {
        let weeks = (r.hours_left / r.hours_per_week).ceil();
        tail.push_str(&format!(
            ", about {} week{} at {}",
            fmt_num(weeks),
            if weeks == 1.0 { "" } else { "s" },
            if r.pace_from == "records" {
                "this pace"
            } else {
                "that pace"
            }
        ));
    }
    tail.push_str(".\n");
    out.push_str(&prose(cfg, &tail));
    out
}

/// Lines of prose wrapped to the width between words.
fn prose(cfg: &Config, text: &str) -> String {
    text.lines()
        .map(|l| render::wrap(l, cfg.width as usize, ""))
        .collect()
}
