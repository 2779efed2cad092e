//! `certpath why ID --role R`: the chains of requirements from the role
//! down to ID.

use super::{target_role, Output, Setup};
use crate::catalog::{Catalog, Kind};
use crate::cli::{Format, RoleChoice};
use crate::config::Config;
use crate::error::Result;
use crate::plan::{Choice, RoleRef};
use crate::render;
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use serde::Serialize;
use std::collections::HashSet;

/// At most this many chains are listed; a huge catalog could have more.
pub const MAX_CHAINS: usize = 200;

#[derive(Debug, Serialize)]
pub struct Chain {
    pub path: Vec<String>,
    pub required: bool,
    /// The chain passes an any_of through an option the plan did not
    /// choose: ID is accepted there, the plan takes `chosen` instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instead_of: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Why {
    pub format: u32,
    pub id: String,
    pub role: RoleRef,
    pub chains: Vec<Chain>,
    pub truncated: bool,
    /// Whether the profile already has it: the cert held, or the skill at
    /// the highest level the role's requirements reach for.
    pub held: bool,
}

/// Every chain from `role` to `target` in the catalog graph. An any_of
/// the plan decided leads only through the option chosen, or to `target`
/// itself when it is one of the options (an accepted option is needed
/// through its any_of); recommends edges are left out when
/// `skip_recommended`.
pub fn chains(
    cat: &Catalog,
    role: &str,
    target: &str,
    choices: &[Choice],
    skip_recommended: bool,
) -> (Vec<Chain>, bool) {
    // Options passed over in a choice, unless chosen in another one.
    let chosen: HashSet<&str> = choices.iter().map(|c| c.chosen.as_str()).collect();
    let excluded: HashSet<&str> = choices
        .iter()
        .flat_map(|c| c.any_of.iter().map(String::as_str))
        .filter(|o| !chosen.contains(o))
        .collect();
    // What the plan took instead of each option passed over.
    let instead = |option: &str| -> Option<String> {
        choices
            .iter()
            .find(|c| c.chosen != option && c.any_of.iter().any(|o| o == option))
            .map(|c| c.chosen.clone())
    };
    let passes_over = |edge: crate::graph::Edge, to: &str| {
        matches!(edge, crate::graph::Edge::AnyOf { .. }) && excluded.contains(to)
    };
    let follows = |edge: crate::graph::Edge, to: &str| {
        !(skip_recommended && !edge.is_hard() || passes_over(edge, to) && to != target)
    };
    // Only what can reach the target is walked: a dead end is never
    // entered, so the walk is as long as the chains it finds.
    let mut reach: HashSet<String> = HashSet::from([target.to_string()]);
    let mut todo = vec![target.to_string()];
    while let Some(at) = todo.pop() {
        for (from, edge) in cat.graph.dependents(&at) {
            if follows(edge, &at) && !reach.contains(&from) {
                reach.insert(from.clone());
                todo.push(from);
            }
        }
    }
    let mut out = Vec::new();
    let mut truncated = false;
    if !reach.contains(role) {
        return (out, truncated);
    }
    // Depth-first without recursion: one frame per node of the current
    // path (its edges, the next one to try, whether the path is hard so
    // far), so a chain of any length neither overflows the stack nor is
    // copied at every step.
    struct Frame {
        edges: Vec<(String, crate::graph::Edge)>,
        next: usize,
        hard: bool,
        instead_of: Option<String>,
    }
    let frame = |at: &str, hard: bool, instead_of: Option<String>| Frame {
        edges: if at == target {
            Vec::new()
        } else {
            cat.graph.dependencies(at)
        },
        next: 0,
        hard,
        instead_of,
    };
    let mut path: Vec<String> = vec![role.to_string()];
    let mut on_path: HashSet<String> = HashSet::from([role.to_string()]);
    let mut frames = vec![frame(role, true, None)];
    'walk: while let Some(top) = frames.last_mut() {
        if path.last().is_some_and(|at| at == target) && top.next == 0 {
            if out.len() == MAX_CHAINS {
                truncated = true;
                break 'walk;
            }
            out.push(Chain {
                path: path.clone(),
                required: top.hard,
                instead_of: top.instead_of.clone(),
            });
        }
        while top.next < top.edges.len() {
            let (to, edge) = top.edges[top.next].clone();
            top.next += 1;
            if follows(edge, &to) && reach.contains(&to) && !on_path.contains(&to) {
                let hard = top.hard && edge.is_hard();
                let instead_of = if passes_over(edge, &to) {
                    instead(&to)
                } else {
                    top.instead_of.clone()
                };
                on_path.insert(to.clone());
                path.push(to.clone());
                frames.push(frame(&to, hard, instead_of));
                continue 'walk;
            }
        }
        frames.pop();
        if let Some(done) = path.pop() {
            on_path.remove(&done);
        }
    }
    out.sort_by(|a, b| {
        b.required
            .cmp(&a.required)
            .then(a.path.len().cmp(&b.path.len()))
            .then(a.path.cmp(&b.path))
    });
    (out, truncated)
}

pub fn run(cfg: &Config, id: &str, choice: &RoleChoice) -> Result<Output> {
    let setup = Setup::load(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, choice)?;
    let (_, target) = setup.cat.resolve(id, &[Kind::Skill, Kind::Cert])?;
    let planner = setup.planner(cfg, choice, None, None)?;
    let plan = planner.plan(role);
    // Held when no step of the plan is for it.
    let held = match setup.cat.kind_of(&target) {
        Some(Kind::Cert) => planner.have.holds(&target),
        _ => planner.have.level(&target) > 0 && !plan.steps.iter().any(|s| s.id == target),
    };
    let (chains, truncated) = chains(
        &setup.cat,
        &role.id,
        &target,
        &plan.choices,
        choice.skip_recommended,
    );
    let code = if chains.is_empty() { 1 } else { 0 };
    let why = Why {
        format: 1,
        id: target.clone(),
        role: plan.role.clone(),
        chains,
        truncated,
        held,
    };
    let text = match cfg.format {
        Format::Json => render::json(&why),
        Format::Csv => {
            let mut g = Grid::new(&["path", "required"]);
            for c in &why.chains {
                g.row(vec![c.path.join(";"), c.required.to_string()]);
            }
            g.csv()
        }
        Format::Table | Format::Markdown => {
            let name = setup.cat.name_of(&target);
            let mut doc = Doc::new(format!("Why {} needs {name} ({target})", role.name));
            if why.chains.is_empty() {
                doc.para(format!("{} does not need {name} ({target}).", role.name));
            } else {
                let mut g = Grid::new(&["Chain", "Kind"]).keep(&[1]).title(&[0, 1]);
                for c in &why.chains {
                    let kind = if c.required {
                        "required"
                    } else {
                        "recommended"
                    };
                    g.row(vec![
                        c.path.join(" -> "),
                        match &c.instead_of {
                            Some(o) => format!(
                                "{kind}, one of the accepted options (the plan takes {})",
                                setup.cat.short_name(o)
                            ),
                            None => kind.to_string(),
                        },
                    ]);
                }
                doc.grid(g);
                if why.held {
                    doc.para(format!(
                        "You have it already: the plan has no step for {name}."
                    ));
                }
                if why.truncated {
                    doc.para(format!("(only the first {MAX_CHAINS} chains are shown)"));
                }
            }
            match cfg.format {
                Format::Markdown => doc.markdown(),
                // A chain-less answer is one plain line, for scripts.
                _ if why.chains.is_empty() => {
                    format!("{} does not need {name} ({target}).\n", role.name)
                }
                _ => doc.text(cfg),
            }
        }
        _ => {
            return Err(super::unsupported(
                cfg,
                "why",
                &[Format::Table, Format::Json, Format::Markdown, Format::Csv],
            ))
        }
    };
    Ok(Output { text, code })
}
