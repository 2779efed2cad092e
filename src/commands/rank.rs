//! `certpath rank`: every role, by finish date (or study hours left, or
//! readiness).
//!
//! One planner for the profile and one for an empty profile serve every
//! role, so the option scores they memoize are computed once, not once
//! per role. Each role is tallied from its closure ([`Planner::tally`]),
//! without a plan's steps, and a large catalog's roles in parallel.

use super::{Output, Setup};
use crate::cli::{Format, RankArgs, RankSort, RoleChoice};
use crate::config::Config;
use crate::error::Result;
use crate::model::Role;
use crate::plan::{fmt_num, Planner};
use crate::profile::Profile;
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use crate::render::{self, dollars};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Ranked {
    pub id: String,
    pub name: String,
    pub readiness_percent: u32,
    #[serde(serialize_with = "crate::render::num")]
    pub remaining_hours: f64,
    #[serde(serialize_with = "crate::render::num")]
    pub remaining_cost_usd: f64,
    /// When the plan would be done: experience a role's certs demand
    /// counts here, where study hours alone would hide it.
    pub finish: jiff::civil::Date,
    /// Steps whose price the catalog does not know (not in the cost).
    pub unknown_costs: usize,
    pub top_gaps: Vec<String>,
}

/// Ranks every role for the planner's profile.
pub fn rank<'c>(planner: &Planner<'c>, empty: &Planner<'c>) -> Vec<Ranked> {
    let roles = &planner.cat.roles;
    // Each role's plan stands alone: many roles are planned in parallel,
    // in one block of roles per thread, each block with its own pair of
    // planners (and their memos, shared by the roles of the block).
    let threads = rayon::current_num_threads();
    let mut out: Vec<Ranked> = if roles.len() >= PARALLEL_FROM && threads >= 2 {
        let block = roles.len().div_ceil(threads);
        let pairs: Vec<(Planner<'c>, Planner<'c>)> = roles
            .chunks(block)
            .map(|_| (planner.fork(), empty.fork()))
            .collect();
        pairs
            .into_par_iter()
            .zip(roles.par_chunks(block))
            .flat_map_iter(|((p, e), roles)| rank_roles(&p, &e, roles))
            .collect()
    } else {
        rank_roles(planner, empty, roles)
    };
    order(&mut out, RankSort::Finish);
    out
}

/// Sorts ranked roles: by the finish date (a role gated by years of
/// experience is not nearer than one that takes more study hours), by
/// study hours left, or by readiness; the other two keys break ties, then
/// the id.
pub fn order(ranked: &mut [Ranked], by: RankSort) {
    use std::cmp::Ordering;
    let finish = |a: &Ranked, b: &Ranked| a.finish.cmp(&b.finish);
    let hours = |a: &Ranked, b: &Ranked| a.remaining_hours.total_cmp(&b.remaining_hours);
    let ready = |a: &Ranked, b: &Ranked| b.readiness_percent.cmp(&a.readiness_percent);
    type Key<'a> = &'a dyn Fn(&Ranked, &Ranked) -> Ordering;
    let keys: [Key; 3] = match by {
        RankSort::Finish => [&finish, &hours, &ready],
        RankSort::Hours => [&hours, &finish, &ready],
        RankSort::Readiness => [&ready, &finish, &hours],
    };
    ranked.sort_by(|a, b| {
        keys.iter()
            .fold(Ordering::Equal, |o, k| o.then_with(|| k(a, b)))
            .then(a.id.cmp(&b.id))
    });
}

/// Catalogs with fewer roles are ranked on one thread.
const PARALLEL_FROM: usize = 64;

fn rank_roles<'c>(planner: &Planner<'c>, empty: &Planner<'c>, roles: &'c [Role]) -> Vec<Ranked> {
    roles
        .iter()
        .map(|role| {
            let t = planner.tally(role, empty);
            Ranked {
                id: role.id.clone(),
                name: role.name.clone(),
                readiness_percent: t.readiness_percent,
                remaining_hours: t.hours,
                remaining_cost_usd: t.cost_usd,
                finish: t.finish,
                unknown_costs: t.unknown_costs,
                top_gaps: t.top_gaps,
            }
        })
        .collect()
}

pub fn run(cfg: &Config, args: &RankArgs) -> Result<Output> {
    let setup = Setup::load(cfg)?;
    let choice = RoleChoice {
        role: None,
        skip_recommended: args.skip_recommended,
        prefer: Vec::new(),
        avoid: args.avoid.clone(),
        choose_by: args.choose_by,
    };
    let opts = setup.options(
        cfg,
        &choice,
        args.schedule.hours_per_week,
        args.schedule.start,
    )?;
    let planner = Planner::new(&setup.cat, &setup.profile, opts.clone()).lean();
    let empty_profile = Profile::default();
    let empty = Planner::new(&setup.cat, &empty_profile, opts).lean();
    let mut ranked = rank(&planner, &empty);
    // A role whose plan runs past the last date certpath can show is an
    // error, as in `plan`, not a finish of 9999-12-31.
    if let Some(r) = ranked.iter().find(|r| r.finish >= jiff::civil::Date::MAX) {
        return Err(super::past_the_last_date(&r.id));
    }
    order(&mut ranked, args.sort);
    if let Some(n) = args.top {
        ranked.truncate(n);
    }
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&serde_json::json!({ "format": 1, "roles": ranked })),
        Format::Csv => {
            let mut g = Grid::new(&[
                "id",
                "name",
                "readiness_percent",
                "remaining_hours",
                "remaining_cost_usd",
                "unknown_costs",
                "finish",
                "top_gaps",
            ]);
            for r in &ranked {
                g.row(vec![
                    r.id.clone(),
                    r.name.clone(),
                    r.readiness_percent.to_string(),
                    fmt_num(r.remaining_hours),
                    fmt_num(r.remaining_cost_usd),
                    r.unknown_costs.to_string(),
                    r.finish.to_string(),
                    r.top_gaps.join(";"),
                ]);
            }
            g.csv()
        }
        Format::Table | Format::Markdown => {
            let mut g = Grid::new(&[
                "Role",
                "Ready",
                "Hours left",
                "Cost left",
                "Ready by",
                "Top gaps",
            ])
            // A long role name (NICE: "Systems Administration
            // (IO-WRL-005)") wraps between words in its cell, so a role
            // stays one row; gaps are split by `;` as names hold commas.
            .keep(&[1, 2, 3, 4])
            .para(&[5]);
            for r in &ranked {
                g.row(vec![
                    format!("{}\n{}", r.name, r.id),
                    format!("{}%", r.readiness_percent),
                    fmt_num(r.remaining_hours),
                    if r.unknown_costs > 0 {
                        format!("{} + ?", dollars(Some(r.remaining_cost_usd)))
                    } else {
                        dollars(Some(r.remaining_cost_usd))
                    },
                    r.finish.to_string(),
                    r.top_gaps
                        .iter()
                        .map(|g| setup.cat.short_name(g).to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                ]);
            }
            if cfg.format == Format::Markdown {
                let mut doc = Doc::new(match args.sort {
                    RankSort::Finish => "Roles ranked by finish date",
                    RankSort::Hours => "Roles ranked by study hours left",
                    RankSort::Readiness => "Roles ranked by readiness",
                });
                if let Some(n) = setup.profile.name.as_deref() {
                    doc.para(format!("For {n}, made on {}.", cfg.today));
                }
                doc.grid(g);
                doc.markdown()
            } else {
                g.text(cfg)
            }
        }
        _ => {
            return Err(super::unsupported(
                cfg,
                "rank",
                &[Format::Table, Format::Json, Format::Markdown, Format::Csv],
            ))
        }
    }))
}
