//! `certpath done ID[=LEVEL]` and `certpath done --undo ID`: record a cert
//! earned or a skill level reached (with a dated history entry), or take
//! the last such record back; then say what changed in the plan.

use super::profile_cmd::{keep_flags, load, parse_level, same_files, save, write_target, Target};
use super::{target_role, Output, Setup};
use crate::catalog::{Catalog, Kind};
use crate::cli::{DoneArgs, Format};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::plan::{fmt_num, Plan, StepKind};
use crate::profile::{HistoryEntry, Profile};
use crate::render;
use jiff::civil::Date;
use serde::Serialize;
use serde_json::{json, Value};

/// One change to the profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub date: Date,
    pub id: String,
    pub kind: &'static str,
    pub name: String,
    pub from: Value,
    pub to: Value,
}

/// A plan's numbers, before or after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Numbers {
    pub steps: usize,
    pub total_hours: f64,
    pub finish: Date,
    pub readiness_percent: u32,
}

impl Numbers {
    pub fn of(plan: &Plan) -> Numbers {
        Numbers {
            steps: plan.summary.steps,
            total_hours: plan.summary.total_hours,
            finish: plan.summary.finish,
            readiness_percent: plan.summary.readiness_percent,
        }
    }
}

pub fn run(cfg: &Config, args: &DoneArgs) -> Result<Output> {
    let target = write_target(cfg, None)?;
    let flags = same_files(cfg);
    run_on(cfg, args, &target).map_err(|e| e.map_hints(|h| keep_flags(h, &flags)))
}

fn run_on(cfg: &Config, args: &DoneArgs, target: &Target) -> Result<Output> {
    let day = args.date.unwrap_or(cfg.today);
    if day > cfg.today {
        return Err(
            Error::usage(format!("--date {day} is after today ({})", cfg.today))
                .with_hint("record progress on the day it happened, or before"),
        );
    }
    let cat = cfg.load_catalog(&[])?;
    let (profile, existed) = load(cfg, &cat, target)?;
    let mut setup = Setup { cat, profile };
    // The role is optional: without one, done records and says so.
    let role_id = match target_role(&setup.cat, &setup.profile, &args.choice) {
        Ok(r) => Some(r.id.clone()),
        Err(e) if args.choice.role.is_some() => return Err(e),
        Err(_) => None,
    };
    let before = match &role_id {
        Some(r) => Some(plan_for(cfg, &setup, args, r)?),
        None => None,
    };
    let mut after_profile = setup.profile.clone();
    let change = if args.undo {
        undo(&setup.cat, &mut after_profile, &args.id)?
    } else {
        record(
            &setup.cat,
            &mut after_profile,
            &args.id,
            day,
            before.as_ref(),
        )?
    };
    let Some(change) = change else {
        let text = format!(
            "Nothing to record: {} is already in {}.\n",
            setup.cat.name_of(&resolve(&setup.cat, &args.id)?.1),
            target.shown()
        );
        return Ok(Output::ok(if cfg.format == Format::Json {
            render::json(&json!({ "format": 1, "file": target.shown(), "change": null }))
        } else {
            crate::text::escape_lines(&text)
        }));
    };
    save(&setup.cat, target, &after_profile)?;
    if !existed {
        cfg.note(&format!("created profile {}", target.shown()));
    }
    setup.profile = after_profile;
    let after = match &role_id {
        Some(r) => Some(plan_for(cfg, &setup, args, r)?),
        None => None,
    };
    if cfg.format == Format::Json {
        let role = after.as_ref().map(|p| &p.role);
        return Ok(Output::ok(render::json(&json!({
            "format": 1,
            "file": target.shown(),
            "undo": args.undo,
            "change": change,
            "role": role,
            "before": before.as_ref().map(Numbers::of),
            "after": after.as_ref().map(Numbers::of),
        }))));
    }
    let out = format!(
        "{} in {}: {} ({}) {}\n",
        if args.undo { "Undone" } else { "Recorded" },
        target.shown(),
        change.name,
        change.id,
        describe(&change)
    );
    // Names from files must not drive the terminal (crate::text); this
    // text has no colour of its own.
    let mut out = crate::text::escape_lines(&out);
    match (&before, &after) {
        (Some(b), Some(a)) => out.push_str(&crate::text::escape_lines(&compare(b, a))),
        _ => out.push_str(&keep_flags(
            "Set a target role (`certpath profile set target_role ROLE`) or pass --role to see what this changes in the plan.\n",
            &same_files(cfg),
        )),
    }
    Ok(Output::ok(out))
}

fn plan_for(cfg: &Config, setup: &Setup, args: &DoneArgs, role: &str) -> Result<Plan> {
    let role = setup.cat.role(role).expect("resolved role");
    let planner = setup.planner(cfg, &args.choice, None, None)?;
    super::dated(planner.plan(role))
}

/// `ID` or `ID=LEVEL`, resolved among certs and skills.
fn resolve(cat: &Catalog, spec: &str) -> Result<(Kind, String, Option<String>)> {
    let (name, level) = match spec.split_once('=') {
        Some((n, l)) => (n, Some(l.to_string())),
        None => (spec, None),
    };
    if let Some(cert) = name.strip_prefix("experience:") {
        return Err(Error::usage(format!("`{name}` is experience, which comes with work"))
            .with_hint(format!(
                "record the months with `certpath profile set experience_months.AREA MONTHS` (see `certpath cert {cert}` for the area)"
            )));
    }
    let (kind, id) = cat.resolve(name, &[Kind::Cert, Kind::Skill])?;
    Ok((kind, id, level))
}

/// Records `spec` in the profile; `None` when it is already there.
pub fn record(
    cat: &Catalog,
    p: &mut Profile,
    spec: &str,
    today: Date,
    plan: Option<&Plan>,
) -> Result<Option<Change>> {
    let (kind, id, level) = resolve(cat, spec)?;
    let name = cat.name_of(&id).to_string();
    let change = match (kind, level) {
        (Kind::Cert, Some(_)) => {
            return Err(
                Error::usage(format!("`{id}` is a certification and takes no level"))
                    .with_hint(format!("write `certpath done {id}`")),
            )
        }
        (Kind::Cert, None) => {
            if p.holds(&id) {
                return Ok(None);
            }
            p.set_cert(&id, Some(today));
            Change {
                date: today,
                id,
                kind: "cert",
                name,
                from: Value::Null,
                to: json!("held"),
            }
        }
        (Kind::Skill, level) => {
            let level = match level {
                Some(l) => parse_level(&l, &id)?,
                // Without a level: the level the plan's next step for it reaches.
                None => plan
                    .and_then(|pl| {
                        pl.steps
                            .iter()
                            .find(|s| s.kind == StepKind::Skill && s.id == id)
                            .and_then(|s| s.to_level)
                    })
                    .ok_or_else(|| {
                        Error::usage(format!("`{id}` is a skill: which level did you reach?"))
                            .with_hint(format!(
                            "write `certpath done {id}=LEVEL` with LEVEL 0-4 or its name (working)"
                        ))
                    })?,
            };
            let old = p.skills.get(&id).copied();
            match old {
                Some(o) if o == level => return Ok(None),
                Some(o) if o > level => {
                    return Err(Error::usage(format!(
                        "`{id}` is at level {o} already; done records progress"
                    ))
                    .with_hint(format!(
                        "to correct the level, use `certpath profile set {id} {level}`"
                    )))
                }
                _ => {}
            }
            p.set_skill(&id, level);
            Change {
                date: today,
                id,
                kind: "skill",
                name,
                from: json!(old),
                to: json!(level),
            }
        }
        (Kind::Role, _) => unreachable!("roles are not resolved here"),
    };
    // The history stays in date order, a record of an earlier day among
    // the others (progress replays it in order).
    let at = p.history.partition_point(|e| e.date <= change.date);
    p.history.insert(
        at,
        HistoryEntry {
            date: change.date,
            id: change.id.clone(),
            from: change.from.clone(),
            to: change.to.clone(),
        },
    );
    Ok(Some(change))
}

/// Takes back the last record for `spec`.
pub fn undo(cat: &Catalog, p: &mut Profile, spec: &str) -> Result<Option<Change>> {
    let (kind, id, level) = resolve(cat, spec)?;
    if level.is_some() {
        return Err(Error::usage("--undo takes an id without a level")
            .with_hint(format!("write `certpath done --undo {id}`")));
    }
    let Some(e) = p.take_last_history(&id) else {
        return Err(Error::usage(format!(
            "no recorded progress for `{id}` to undo"
        ))
        .with_hint("`certpath profile history` lists the records; `certpath profile unset ID` removes a skill or cert"));
    };
    match kind {
        Kind::Cert => {
            if e.from.is_null() {
                p.remove_cert(&id);
            } else if !p.holds(&id) {
                p.set_cert(&id, None);
            }
        }
        _ => match e.from.as_u64() {
            Some(l) => {
                p.set_skill(&id, l.min(4) as u8);
            }
            None => {
                p.skills.remove(&id);
            }
        },
    }
    Ok(Some(Change {
        date: e.date,
        name: cat.name_of(&id).to_string(),
        kind: if kind == Kind::Cert { "cert" } else { "skill" },
        id,
        from: e.to,
        to: e.from,
    }))
}

fn describe(c: &Change) -> String {
    match c.kind {
        "cert" if c.to.is_null() => "no longer held".to_string(),
        "cert" => format!("held, earned {}", c.date),
        _ => {
            let l = |v: &Value| match v.as_u64() {
                Some(n) => format!("level {n}"),
                None => "level 0".to_string(),
            };
            format!("{} -> {}", l(&c.from), l(&c.to))
        }
    }
}

/// `12 -> 9 (3 done)` and the like, for each number of the plan.
pub fn compare(b: &Plan, a: &Plan) -> String {
    let (bs, as_) = (&b.summary, &a.summary);
    if Numbers::of(b) == Numbers::of(a) {
        return format!(
            "Plan to {} ({}): no change; {} {}, {} study hours left, finished by {}, readiness {}%\n",
            a.role.name,
            a.role.id,
            as_.steps,
            if as_.steps == 1 { "step" } else { "steps" },
            fmt_num(as_.total_hours),
            as_.finish,
            as_.readiness_percent
        );
    }
    let steps = match bs.steps as i64 - as_.steps as i64 {
        0 => String::new(),
        n if n > 0 => format!(" ({n} done)"),
        n => format!(" ({} more)", -n),
    };
    let dh = bs.total_hours - as_.total_hours;
    let hours = if dh > 0.0 {
        format!(" ({} fewer)", fmt_num(dh))
    } else if dh < 0.0 {
        format!(" ({} more)", fmt_num(-dh))
    } else {
        String::new()
    };
    let days = (bs.finish - as_.finish).get_days();
    let finish = match days {
        0 => String::new(),
        d if d > 0 => format!(" ({d} days sooner)"),
        d => format!(" ({} days later)", -d),
    };
    format!(
        "Plan to {} ({}):\n  steps left    {} -> {}{steps}\n  study hours   {} -> {}{hours}\n  finish        {} -> {}{finish}\n  readiness     {}% -> {}%\n",
        a.role.name,
        a.role.id,
        bs.steps,
        as_.steps,
        fmt_num(bs.total_hours),
        fmt_num(as_.total_hours),
        bs.finish,
        as_.finish,
        bs.readiness_percent,
        as_.readiness_percent
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Catalog {
        crate::catalog::fixture("small.json")
    }

    fn today() -> Date {
        "2026-11-24".parse().unwrap()
    }

    #[test]
    fn record_then_undo_gives_back_the_same_profile() {
        let cat = small();
        for start in [Profile::default(), {
            let mut p = Profile::default();
            p.set_skill("basics", 1);
            p
        }] {
            for spec in ["starter-cert", "basics=3", "advanced=2"] {
                let mut p = start.clone();
                let c = record(&cat, &mut p, spec, today(), None).unwrap().unwrap();
                assert_eq!(p.history.len(), 1);
                assert_eq!(p.history[0].date, today());
                assert_ne!(p.to_json(), start.to_json());
                let u = undo(&cat, &mut p, &c.id).unwrap().unwrap();
                assert_eq!(u.from, c.to);
                assert_eq!(p.to_json(), start.to_json(), "{spec}");
            }
        }
    }

    #[test]
    fn history_holds_levels_and_held() {
        let cat = small();
        let mut p = Profile::default();
        p.set_skill("basics", 1);
        record(&cat, &mut p, "basics=3", today(), None).unwrap();
        record(&cat, &mut p, "starter", today(), None).unwrap();
        let text = p.to_json();
        assert!(text.contains("\"from\": 1"), "{text}");
        assert!(text.contains("\"to\": \"held\""), "{text}");
        assert!(text.contains("\"earned\": \"2026-11-24\""), "{text}");
    }

    #[test]
    fn nothing_to_record_and_refusals() {
        let cat = small();
        let mut p = Profile::default();
        p.set_skill("basics", 3);
        assert_eq!(
            record(&cat, &mut p, "basics=3", today(), None).unwrap(),
            None
        );
        let e = record(&cat, &mut p, "basics=2", today(), None).unwrap_err();
        assert!(e.to_text().contains("profile set"), "{}", e.to_text());
        let e = record(&cat, &mut p, "starter-cert=2", today(), None).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let e = record(&cat, &mut p, "advanced", today(), None).unwrap_err();
        assert!(e.to_text().contains("advanced=LEVEL"), "{}", e.to_text());
        let e = record(&cat, &mut p, "basics=9", today(), None).unwrap_err();
        assert_eq!(e.exit_code(), 65);
        let e = undo(&cat, &mut p, "advanced").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(p.history.is_empty());
    }
}
