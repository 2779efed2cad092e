//! `certpath plan`: the ordered plan to a role.

use super::{target_role, Output, Setup};
use crate::cli::{Format, PlanArgs};
use crate::config::Config;
use crate::error::Result;
use crate::plan::{fmt_num, Plan, Step, StepKind};
use crate::render::{self, dollars, table};

pub fn run(cfg: &Config, args: &PlanArgs) -> Result<Output> {
    let setup = Setup::load(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, &args.choice)?;
    let planner = setup.planner(cfg, &args.choice, args.hours_per_week, args.start)?;
    let plan = planner.plan(role);
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&plan),
        Format::Table => plan_table(cfg, &plan),
    }))
}

/// What a step does, in a few words.
pub fn step_label(s: &Step) -> String {
    let mut label = match s.kind {
        StepKind::Skill => format!(
            "Learn {} {}->{}",
            s.name,
            s.from_level.unwrap_or(0),
            s.to_level.unwrap_or(0)
        ),
        StepKind::Exam => format!(
            "Exam {} ({})",
            s.name,
            s.exams.as_deref().unwrap_or_default().join(" + ")
        ),
        StepKind::Experience => format!(
            "Work {} months in {}",
            s.months.unwrap_or(0),
            s.area.as_deref().unwrap_or("it")
        ),
    };
    if !s.required {
        label.push_str(" (recommended)");
    }
    label
}

fn plan_table(cfg: &Config, plan: &Plan) -> String {
    let mut out = table::heading(
        cfg,
        &format!("Plan to {} ({})", plan.role.name, plan.role.id),
    );
    if plan.steps.is_empty() {
        out.push_str("Nothing to do: the profile already meets every requirement of this role.\n");
    } else {
        let mut t = table::new(cfg, &["#", "Step", "Hours", "Cost", "Start", "End", "Why"]);
        for s in &plan.steps {
            let cost = match (s.kind, s.cost_usd, s.known_cost_usd) {
                (StepKind::Exam, None, Some(k)) => format!("{} + ?", dollars(Some(k))),
                (StepKind::Exam, c, _) => dollars(c),
                _ => String::new(),
            };
            let hours = if s.kind == StepKind::Experience {
                String::new()
            } else {
                fmt_num(s.hours)
            };
            t.add_row(vec![
                s.n.to_string(),
                step_label(s),
                hours,
                cost,
                s.start.to_string(),
                s.end.to_string(),
                s.why.clone(),
            ]);
        }
        table::keep(&mut t, &[0, 2, 3, 4, 5]);
        out.push_str(&table::finish(t));
    }
    out.push_str(&summary_lines(plan, cfg.width.unwrap_or(100) as usize));
    out
}

fn summary_lines(plan: &Plan, width: usize) -> String {
    let s = &plan.summary;
    let mut out = String::new();
    let unknown = match s.unknown_costs {
        0 => String::new(),
        1 => " (+1 price unknown)".to_string(),
        n => format!(" (+{n} prices unknown)"),
    };
    out.push_str(&format!(
        "{} steps, {} study hours, {} in exam fees{unknown}; readiness {}%\n",
        s.steps,
        fmt_num(s.total_hours),
        dollars(Some(s.total_cost_usd)),
        s.readiness_percent
    ));
    if s.annual_fees_usd > 0.0 {
        out.push_str(&format!(
            "Yearly maintenance fees once certified: {}\n",
            dollars(Some(s.annual_fees_usd))
        ));
    }
    out.push_str(&format!(
        "At {} hours a week from {}: finished by {}\n",
        fmt_num(s.hours_per_week),
        s.start,
        s.finish
    ));
    for c in &plan.choices {
        let mut line = format!("Choice: {} of {}", c.chosen, c.any_of.join(" / "));
        match &c.runner_up {
            Some(r) => line.push_str(&format!(" over {r}: {}", c.why)),
            None => line.push_str(&format!(": {}", c.why)),
        }
        out.push_str(&render::wrap(&line, width, "  "));
    }
    if !plan.warnings.is_empty() {
        out.push_str("Warnings:\n");
        for w in &plan.warnings {
            out.push_str(&render::wrap(&format!("  - {w}"), width, "    "));
        }
    }
    out
}
