//! `certpath plan`: the ordered plan to a role.

use super::{target_role, unsupported, Output, Setup};
use crate::cli::{Format, PlanArgs};
use crate::config::Config;
use crate::error::Result;
use crate::plan::{fmt_num, Plan, Planner, RoleRef, Step, StepKind};
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use crate::render::{self, csv, dollars, step_label, table};
use serde::Serialize;

pub fn run(cfg: &Config, args: &PlanArgs) -> Result<Output> {
    if let Some(dir) = &args.out_dir {
        return super::batch::run(cfg, args, dir);
    }
    let setup = Setup::load(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, &args.choice)?;
    let opts = plan_options(&setup.cat, &setup.profile, cfg, args)?;
    let planner = Planner::new(&setup.cat, &setup.profile, opts);
    let plan = super::dated(planner.plan(role))?;
    if let Some(other) = &args.compare {
        let other = setup.cat.resolve_role(other)?;
        let plan2 = super::dated(planner.plan(other))?;
        let cmp = Comparison::new(&plan, &plan2);
        return Ok(Output::ok(match cfg.format {
            Format::Json => render::json(&cmp),
            Format::Table => compare_table(cfg, &cmp),
            _ => {
                return Err(unsupported(
                    cfg,
                    "plan --compare",
                    &[Format::Table, Format::Json],
                ))
            }
        }));
    }
    if args.previous.is_some() && !matches!(cfg.format, Format::Ics | Format::Taskwarrior) {
        return Err(crate::error::Error::usage(
            "--previous goes with --format ics or --format taskwarrior",
        )
        .with_hint("give the calendar or the `task export` output of the last run"));
    }
    let name = setup.profile.name.as_deref();
    let text = match cfg.format {
        // The long documents are written to stdout as they are made.
        Format::Json => {
            return Ok(Output::streamed(Box::new(move |w| {
                render::plan_json::plan_json_to(w, &plan)?;
                super::free_later(plan);
                Ok(())
            })))
        }
        Format::Csv => {
            return Ok(Output::streamed(Box::new(move |w| {
                steps_csv_to(w, plan.steps.iter(), &[], |_| Vec::new())?;
                super::free_later(plan);
                Ok(())
            })))
        }
        Format::Table | Format::Markdown => {
            let doc = if cfg.format == Format::Table {
                let limit = (cfg.tty && !args.all).then_some(TERMINAL_STEPS);
                terminal_doc(&plan, name, cfg.today, limit)
            } else {
                plan_doc(&plan, name, cfg.today, true)
            };
            super::free_later(plan);
            let cfg = cfg.clone();
            return Ok(Output::streamed(Box::new(move |w| {
                if cfg.format == Format::Table {
                    doc.write_text(&cfg, w)
                } else {
                    doc.write_markdown(w)
                }
            })));
        }
        Format::Mermaid => crate::render::mermaid::gantt(&plan),
        Format::Taskwarrior => {
            let before = previous(args, crate::render::taskwarrior::parse_previous)?;
            crate::render::taskwarrior::tasks(&plan, cfg.now, &before)
        }
        Format::Ics => {
            let before = previous(args, crate::render::ics::parse_previous)?;
            crate::render::ics::calendar(&plan, cfg.now, &before)
        }
        Format::Dot => {
            return Err(unsupported(
                cfg,
                "plan",
                &[
                    Format::Table,
                    Format::Json,
                    Format::Markdown,
                    Format::Csv,
                    Format::Mermaid,
                    Format::Taskwarrior,
                    Format::Ics,
                ],
            ))
        }
    };
    super::free_later(plan);
    Ok(Output::ok(text))
}

/// The items of `--previous FILE`, read by `parse`; none without it.
fn previous<T>(
    args: &PlanArgs,
    parse: fn(&str) -> std::result::Result<Vec<T>, String>,
) -> Result<Vec<T>> {
    let Some(path) = &args.previous else {
        return Ok(Vec::new());
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| crate::error::Error::read(&shown, &e))?;
    parse(&text).map_err(|m| {
        crate::error::Error::data(crate::error::Problem::at(&shown, "", m))
            .with_hint("give --previous the file the last run wrote (or `task export` output)")
    })
}

/// The options of `plan`: the shared ones plus budget and limits.
pub fn plan_options(
    cat: &crate::catalog::Catalog,
    profile: &crate::profile::Profile,
    cfg: &Config,
    args: &PlanArgs,
) -> Result<crate::plan::Options> {
    let mut opts = super::options(
        cat,
        profile,
        cfg,
        &args.choice,
        args.schedule.hours_per_week,
        args.schedule.start,
    )?;
    opts.budget = args.budget;
    opts.max_cost = args.max_cost;
    opts.max_hours = args.max_hours;
    Ok(opts)
}

/// Two roles' plans side by side: the steps they share, then each one's own.
#[derive(Debug, Serialize)]
pub struct Comparison<'a> {
    pub format: u32,
    pub roles: [&'a RoleRef; 2],
    /// Steps both plans hold (same kind, id and levels), in the first plan's order.
    pub shared: Vec<&'a Step>,
    /// Steps only the first plan holds, then only the second.
    pub only: [Vec<&'a Step>; 2],
    #[serde(serialize_with = "crate::render::num")]
    pub shared_hours: f64,
    pub plans: [&'a Plan; 2],
}

fn step_key(s: &Step) -> (StepKind, &str, Option<u8>, Option<u8>) {
    (s.kind, s.id.as_str(), s.from_level, s.to_level)
}

impl<'a> Comparison<'a> {
    pub fn new(a: &'a Plan, b: &'a Plan) -> Comparison<'a> {
        let in_b: std::collections::HashSet<_> = b.steps.iter().map(step_key).collect();
        let in_a: std::collections::HashSet<_> = a.steps.iter().map(step_key).collect();
        let shared: Vec<&Step> = a
            .steps
            .iter()
            .filter(|s| s.kind != StepKind::Renewal && in_b.contains(&step_key(s)))
            .collect();
        let only_a = a
            .steps
            .iter()
            .filter(|s| !in_b.contains(&step_key(s)))
            .collect();
        let only_b = b
            .steps
            .iter()
            .filter(|s| !in_a.contains(&step_key(s)))
            .collect();
        Comparison {
            format: 1,
            roles: [&a.role, &b.role],
            shared_hours: shared.iter().map(|s| s.hours).sum(),
            shared,
            only: [only_a, only_b],
            plans: [a, b],
        }
    }
}

fn steps_table(cfg: &Config, steps: &[&Step]) -> String {
    let mut g = Grid::new(&["Step", "Hours", "Cost", "Why"])
        .keep(&[1, 2])
        .drop_first(&[3])
        .para(&[3]);
    for s in steps {
        g.row(vec![
            step_label(s),
            hours_cell(s),
            cost_cell(s),
            s.why.clone(),
        ]);
        if s.over_budget == Some(true) {
            g.alert(2);
        }
    }
    g.text(cfg)
}

fn compare_table(cfg: &Config, c: &Comparison) -> String {
    let [a, b] = c.roles;
    let mut out = table::heading(
        cfg,
        &format!("{} and {}: the common path first", a.name, b.name),
    );
    let total = |steps: &[&Step]| fmt_num(steps.iter().map(|s| s.hours).sum());
    out.push_str(&format!(
        "Shared by both ({} hours):\n",
        fmt_num(c.shared_hours)
    ));
    if c.shared.is_empty() {
        out.push_str("  nothing: the two plans have no step in common\n");
    } else {
        out.push_str(&steps_table(cfg, &c.shared));
    }
    for (i, r) in c.roles.iter().enumerate() {
        out.push_str(&format!(
            "Only for {} ({} hours):\n",
            crate::text::escape(&r.name),
            total(&c.only[i])
        ));
        if c.only[i].is_empty() {
            out.push_str("  nothing more\n");
        } else {
            out.push_str(&steps_table(cfg, &c.only[i]));
        }
    }
    for p in c.plans {
        out.push_str(&format!(
            "{}: {} study hours, {} in exam fees, readiness {}%, finished by {}\n",
            crate::text::escape(&p.role.name),
            fmt_num(p.summary.total_hours),
            dollars(Some(p.summary.total_cost_usd)),
            p.summary.readiness_percent,
            p.summary.finish
        ));
    }
    out
}

/// `Chose cisco-ccna over comptia-network-plus: 12 fewer study hours
/// (each option counted with its own prerequisites), $69 more`.
fn choice_line(c: &crate::plan::Choice) -> String {
    match &c.runner_up {
        Some(r) => {
            let mut line = format!("Chose {} over {r}: {}", c.chosen, c.why);
            // The demand and path reasons say the money themselves, next
            // to the option it is about.
            let said = matches!(c.rule, crate::plan::Rule::Demand | crate::plan::Rule::Path);
            match c.delta_cost_usd.filter(|_| !said) {
                Some(d) if d > 0.0 => line.push_str(&format!(", {} cheaper", dollars(Some(d)))),
                Some(d) if d < 0.0 => {
                    line.push_str(&format!(", {} more in known fees", dollars(Some(-d))))
                }
                _ => {}
            }
            line
        }
        None => {
            let others: Vec<&str> = c
                .any_of
                .iter()
                .filter(|o| **o != c.chosen)
                .map(String::as_str)
                .collect();
            format!("Chose {} over {}: {}", c.chosen, others.join(", "), c.why)
        }
    }
}

fn hours_cell(s: &Step) -> String {
    match s.kind {
        StepKind::Experience | StepKind::Renewal => String::new(),
        _ => fmt_num(s.hours),
    }
}

fn cost_cell(s: &Step) -> String {
    let mut cost = match (s.kind, s.cost_usd, s.known_cost_usd) {
        (StepKind::Exam, None, Some(k)) => format!("{} + ?", dollars(Some(k))),
        (StepKind::Exam | StepKind::Renewal, c, _) => dollars(c),
        _ => String::new(),
    };
    if s.cost_assumed {
        cost.push_str(" (assumed)");
    }
    if s.over_budget == Some(true) {
        cost.push_str(" over budget");
    }
    cost
}

/// The plan's steps as the CSV of DESIGN.md section 4: n, kind, id, name,
/// from_level, to_level, hours, cost_usd, required, for, start, end; then
/// the `extra` columns, filled by `more`.
pub fn steps_csv(steps: &[&Step], extra: &[&str], more: impl Fn(&Step) -> Vec<String>) -> String {
    render::written(|w| steps_csv_to(w, steps.iter().copied(), extra, more))
}

/// Writes the CSV of `steps` to `w`, a row at a time.
pub fn steps_csv_to<'a>(
    w: &mut dyn std::io::Write,
    steps: impl Iterator<Item = &'a Step>,
    extra: &[&str],
    more: impl Fn(&Step) -> Vec<String>,
) -> std::io::Result<()> {
    let headers = [
        "n",
        "kind",
        "id",
        "name",
        "from_level",
        "to_level",
        "hours",
        "cost_usd",
        "required",
        "for",
        "start",
        "end",
    ];
    let names = headers.iter().chain(extra);
    // Rows go through a buffer of a known type, not `dyn Write` each.
    render::buffered(w, |w| {
        csv::write_line(w, names.map(|h| csv::header(h)))?;
        for s in steps {
            let mut row = vec![
                s.n.to_string(),
                s.kind.word().to_string(),
                s.id.clone(),
                s.name.clone(),
                s.from_level.map(|l| l.to_string()).unwrap_or_default(),
                s.to_level.map(|l| l.to_string()).unwrap_or_default(),
                fmt_num(s.hours),
                s.cost_usd.map(fmt_num).unwrap_or_default(),
                s.required.to_string(),
                s.for_.join(";"),
                crate::num::date_string(s.start),
                crate::num::date_string(s.end),
            ];
            row.extend(more(s));
            csv::write_line(w, row.into_iter())?;
        }
        Ok(())
    })
}

/// How many steps the default table shows on a terminal (`--all` for
/// every one).
pub const TERMINAL_STEPS: usize = 40;

/// The plan for a terminal. A plan longer than `limit` steps starts with
/// its summary and choices, shows the first `limit` steps and says how
/// to see the rest; any other plan is [`plan_doc`]'s.
pub fn terminal_doc(
    plan: &Plan,
    name: Option<&str>,
    made: jiff::civil::Date,
    limit: Option<usize>,
) -> Doc {
    let limit = match limit {
        Some(n) if plan.steps.len() > n => n,
        _ => return plan_doc(plan, name, made, false),
    };
    let mut doc = Doc::new(format!("Plan to {} ({})", plan.role.name, plan.role.id));
    for line in summary_items(plan)
        .into_iter()
        .chain(plan.choices.iter().map(choice_line))
    {
        doc.para(line);
    }
    doc.grid(steps_grid(&plan.steps[..limit]));
    let more = plan.steps.len() - limit;
    doc.para(format!(
        "... {more} more {} (--all, or --format csv/json)",
        if more == 1 { "step" } else { "steps" }
    ));
    if !plan.warnings.is_empty() {
        doc.warnings(render::warning::messages(&plan.warnings));
    }
    doc
}

/// The steps as a grid for people.
fn steps_grid(steps: &[Step]) -> Grid {
    let mut g = Grid::new(&["#", "Step", "Hours", "Cost", "Start", "End", "Why"])
        .keep(&[0, 2, 3, 4, 5])
        .drop_first(&[6])
        .para(&[6])
        .number(0)
        .title(&[1]);
    for s in steps {
        g.row(vec![
            s.n.to_string(),
            step_label(s),
            hours_cell(s),
            cost_cell(s),
            crate::num::date_string(s.start),
            crate::num::date_string(s.end),
            s.why.clone(),
        ]);
        if s.over_budget == Some(true) {
            g.alert(3);
        }
    }
    g
}

/// The plan as a document: on the terminal the steps come first; in a
/// Markdown report (for a client) the summary does, with who and when.
pub fn plan_doc(plan: &Plan, name: Option<&str>, made: jiff::civil::Date, report: bool) -> Doc {
    let mut doc = Doc::new(format!("Plan to {} ({})", plan.role.name, plan.role.id));
    let nothing = "Nothing to do: the profile already meets every requirement of this role.";
    let mut summary = summary_items(plan);
    summary.extend(plan.choices.iter().map(choice_line));
    if !plan.suggestions.is_empty() {
        let s: Vec<String> = plan
            .suggestions
            .iter()
            .map(|x| {
                format!(
                    "{} {}->{} ({} h)",
                    x.name,
                    x.from_level,
                    x.to_level,
                    fmt_num(x.hours)
                )
            })
            .collect();
        summary.push(format!(
            "Also useful, not in the plan (optional): {}",
            s.join(", ")
        ));
    }
    if report {
        doc.para(match name {
            Some(n) => format!(
                "For {n}, made on {made} with certpath {}.",
                env!("CARGO_PKG_VERSION")
            ),
            None => format!(
                "Made on {made} with certpath {}.",
                env!("CARGO_PKG_VERSION")
            ),
        });
        doc.section("Summary").list(summary);
        doc.section("Steps");
        if plan.steps.is_empty() {
            doc.para(nothing);
        } else {
            doc.grid(steps_grid(&plan.steps));
        }
    } else {
        if plan.steps.is_empty() {
            doc.para(nothing);
        } else {
            doc.grid(steps_grid(&plan.steps));
        }
        for line in summary {
            doc.para(line);
        }
    }
    if !plan.warnings.is_empty() {
        doc.warnings(render::warning::messages(&plan.warnings));
    }
    doc
}

fn summary_items(plan: &Plan) -> Vec<String> {
    let s = &plan.summary;
    let mut out = Vec::new();
    let unknown = match s.unknown_costs {
        0 => String::new(),
        1 => " (+1 price unknown)".to_string(),
        n => format!(" (+{n} prices unknown)"),
    };
    out.push(format!(
        "{} {}, {} study hours, {} in exam fees{unknown}; readiness {}%",
        s.steps,
        if s.steps == 1 { "step" } else { "steps" },
        fmt_num(s.total_hours),
        dollars(Some(s.total_cost_usd)),
        s.readiness_percent
    ));
    if let Some(b) = s.budget_usd {
        match plan.steps.iter().find(|x| x.over_budget == Some(true)) {
            Some(first) => out.push(format!(
                "Budget {} runs out at step {} ({}); {} of known costs from there on",
                dollars(Some(b)),
                first.n,
                first.name,
                dollars(s.cost_past_budget_usd)
            )),
            None => out.push(format!(
                "Budget {} covers every exam of the plan",
                dollars(Some(b))
            )),
        }
    }
    if let Some(left) = &s.left {
        out.push(format!(
            "Stopped at the limit: {} more steps, {} study hours and {} of known costs left{}",
            left.steps,
            fmt_num(left.hours),
            dollars(Some(left.cost_usd)),
            if left.unknown_costs > 0 {
                format!(" (+{} unknown)", left.unknown_costs)
            } else {
                String::new()
            }
        ));
    }
    if s.annual_fees_usd > 0.0 {
        out.push(format!(
            "Yearly maintenance fees once certified: {}",
            dollars(Some(s.annual_fees_usd))
        ));
    }
    out.push(format!(
        "At {} hours a week from {}: finished by {}",
        fmt_num(s.hours_per_week),
        s.start,
        s.finish
    ));
    out
}
