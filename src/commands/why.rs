//! `certpath why ID --role R`: the chains of requirements from the role
//! down to ID.

use super::{target_role, Output, Setup};
use crate::catalog::{Catalog, Kind};
use crate::cli::{Format, RoleChoice};
use crate::config::Config;
use crate::error::Result;
use crate::graph::Edge;
use crate::plan::{Choice, RoleRef};
use crate::render;
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
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
    /// Whether there are more chains than `chains` lists.
    pub truncated: bool,
    /// How many more chains there are; `u64::MAX` when more than that.
    pub more: u64,
    /// Whether the profile already has it: the cert held, or the skill at
    /// the highest level the role's requirements reach for.
    pub held: bool,
}

/// The chains from `role` to `target` in the catalog graph (at most
/// [`MAX_CHAINS`]), and how many more there are. An any_of the plan
/// decided leads only through the option chosen, or to `target` itself
/// when it is one of the options (an accepted option is needed through its
/// any_of); recommends edges are left out when `skip_recommended`.
///
/// Only the target's ancestors are searched (a walk back from the target
/// first), so every branch of the search ends at the target; the shortest
/// chains are found first. Chains are counted, not listed, past the cap.
pub fn chains(
    cat: &Catalog,
    role: &str,
    target: &str,
    choices: &[Choice],
    skip_recommended: bool,
) -> (Vec<Chain>, u64) {
    // Options passed over in a choice, unless chosen in another one.
    let chosen: HashSet<&str> = choices.iter().map(|c| c.chosen.as_str()).collect();
    let excluded: HashSet<&str> = choices
        .iter()
        .flat_map(|c| c.any_of.iter().map(String::as_str))
        .filter(|o| !chosen.contains(o))
        .collect();
    let follow = |e: Edge, to: &str| {
        !(skip_recommended && !e.is_hard()
            || matches!(e, Edge::AnyOf { .. }) && excluded.contains(to) && to != target)
    };
    // What the plan took instead of the target where it is an option
    // passed over.
    let instead = excluded
        .contains(target)
        .then(|| {
            choices
                .iter()
                .find(|c| c.chosen != target && c.any_of.iter().any(|o| o == target))
                .map(|c| c.chosen.clone())
        })
        .flatten();
    let g = cat.graph();
    let (Some(root), Some(goal)) = (cat.node(role), cat.node(target)) else {
        return (Vec::new(), 0);
    };
    // What can reach the target, walking back from it.
    let mut ancestor = vec![false; g.g.node_count()];
    for n in g.reach(goal, Direction::Incoming, |e, _, to| follow(e, &to.id)) {
        ancestor[n.index()] = true;
    }
    if !ancestor[root.index()] {
        return (Vec::new(), 0);
    }
    // The edges the search takes from a node: to ancestors, nearest to
    // the target first, then by id and label.
    let next = |n: NodeIndex, dist: &[u32]| -> Vec<(NodeIndex, Edge)> {
        let mut v: Vec<(NodeIndex, Edge)> =
            g.g.edges_directed(n, Direction::Outgoing)
                .filter(|e| ancestor[e.target().index()] && follow(*e.weight(), g.id(e.target())))
                .map(|e| (e.target(), *e.weight()))
                .collect();
        v.sort_by(|a, b| {
            dist[a.0.index()]
                .cmp(&dist[b.0.index()])
                .then_with(|| g.id(a.0).cmp(g.id(b.0)))
                .then_with(|| a.1.label().cmp(b.1.label()))
        });
        v
    };
    // Chains from each ancestor to the target, and its distance to it,
    // children before parents (prerequisites form no cycle).
    const UNSEEN: u32 = u32::MAX;
    let mut count = vec![0u64; g.g.node_count()];
    let mut dist = vec![UNSEEN; g.g.node_count()];
    let mut done = vec![false; g.g.node_count()];
    let mut stack = vec![(root, false)];
    while let Some((n, expanded)) = stack.pop() {
        if expanded {
            let (mut c, mut d) = (0u64, UNSEEN);
            if n == goal {
                (c, d) = (1, 0);
            } else {
                for (m, _) in next(n, &dist) {
                    c = c.saturating_add(count[m.index()]);
                    d = d.min(dist[m.index()].saturating_add(1));
                }
            }
            count[n.index()] = c;
            dist[n.index()] = d;
            done[n.index()] = true;
            continue;
        }
        if done[n.index()] {
            continue;
        }
        stack.push((n, true));
        if n != goal {
            for (m, _) in next(n, &dist) {
                if !done[m.index()] {
                    stack.push((m, false));
                }
            }
        }
    }
    // The chains themselves, depth first on one path.
    let mut out = Vec::new();
    let mut path: Vec<(NodeIndex, bool)> = Vec::new();
    let mut stack = vec![(root, 0usize, true, false)];
    while let Some((n, depth, hard, any_of)) = stack.pop() {
        path.truncate(depth);
        path.push((n, hard));
        if n == goal {
            out.push(Chain {
                path: path.iter().map(|(p, _)| g.id(*p).to_string()).collect(),
                required: hard,
                instead_of: if any_of { instead.clone() } else { None },
            });
            if out.len() == MAX_CHAINS {
                break;
            }
            continue;
        }
        for (m, e) in next(n, &dist).into_iter().rev() {
            stack.push((
                m,
                depth + 1,
                hard && e.is_hard(),
                matches!(e, Edge::AnyOf { .. }),
            ));
        }
    }
    out.sort_by(|a, b| {
        b.required
            .cmp(&a.required)
            .then(a.path.len().cmp(&b.path.len()))
            .then(a.path.cmp(&b.path))
    });
    // Past u64::MAX chains, say so rather than a wrong count.
    let total = count[root.index()];
    let more = if total == u64::MAX {
        u64::MAX
    } else {
        total.saturating_sub(out.len() as u64)
    };
    (out, more)
}

pub fn run(cfg: &Config, id: &str, choice: &RoleChoice) -> Result<Output> {
    let setup = Setup::load_with_graph(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, choice)?;
    let (_, target) = setup.cat.resolve(id, &[Kind::Skill, Kind::Cert])?;
    let planner = setup.planner(cfg, choice, None, None)?;
    let standing = planner.standing(role);
    // Held when no step of the plan is for it.
    let held = match setup.cat.kind_of(&target) {
        Some(Kind::Cert) => planner.have.holds(&target),
        _ => planner.have.level(&target) > 0 && !standing.planned.contains(&target),
    };
    let (chains, more) = chains(
        &setup.cat,
        &role.id,
        &target,
        &standing.choices,
        choice.skip_recommended,
    );
    let code = if chains.is_empty() { 1 } else { 0 };
    let why = Why {
        format: 1,
        id: target.clone(),
        role: standing.role.clone(),
        chains,
        truncated: more > 0,
        more,
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
                    doc.para(if why.more == u64::MAX {
                        "... and more chains than can be counted, not shown.".to_string()
                    } else if why.more == 1 {
                        "... and 1 more chain, not shown.".to_string()
                    } else {
                        format!("... and {} more chains, not shown.", why.more)
                    });
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
    Ok(Output::ok(text).with_code(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{catalog, fixture};

    #[test]
    fn chains_are_capped_and_the_rest_counted() {
        // Nine layers of two skills, each needing both of the layer below,
        // down to `t`: 2 x 2^8 = 512 chains from the role.
        let mut skills =
            vec![r#"{"id": "t", "name": "T", "domain": "d", "hours": [1, 1, 1, 1]}"#.to_string()];
        for layer in 1..=9 {
            for k in 0..2 {
                let below: Vec<String> = if layer == 1 {
                    vec![r#"{"skill": "t", "level": 1}"#.to_string()]
                } else {
                    (0..2)
                        .map(|j| format!(r#"{{"skill": "a{}-{j}", "level": 1}}"#, layer - 1))
                        .collect()
                };
                skills.push(format!(
                    r#"{{"id": "a{layer}-{k}", "name": "A", "domain": "d", "hours": [1, 1, 1, 1], "requires": [{}]}}"#,
                    below.join(",")
                ));
            }
        }
        skills.push(r#"{"id": "lone", "name": "L", "domain": "d", "hours": [1, 1, 1, 1]}"#.into());
        let cat = catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [],
            "roles": [{{"id": "r", "name": "R", "skills": [{{"skill": "a9-0", "level": 1}}, {{"skill": "a9-1", "level": 1}}]}}]}}"#,
            skills.join(",")
        ));
        let (list, more) = chains(&cat, "r", "t", &[], false);
        assert_eq!(list.len(), MAX_CHAINS);
        assert_eq!(more, 512 - MAX_CHAINS as u64);
        assert!(list
            .iter()
            .all(|c| c.path.len() == 11 && c.path[0] == "r" && c.path[10] == "t" && c.required));
        // Listed once each.
        let mut paths: Vec<&Vec<String>> = list.iter().map(|c| &c.path).collect();
        paths.dedup();
        assert_eq!(paths.len(), MAX_CHAINS);
        let (none, more) = chains(&cat, "r", "lone", &[], false);
        assert!(none.is_empty() && more == 0);
        let (mid, more) = chains(&cat, "r", "a8-1", &[], false);
        assert_eq!((mid.len(), more), (2, 0));
    }

    #[test]
    fn the_shortest_chains_come_first_and_soft_edges_are_marked() {
        let cat = fixture();
        let (c, more) = chains(&cat, "small-role", "basics", &[], false);
        let paths: Vec<(String, bool)> = c.iter().map(|c| (c.path.join(" "), c.required)).collect();
        assert_eq!(
            paths,
            [
                ("small-role pro-cert advanced basics".to_string(), true),
                ("small-role pro-cert starter-cert basics".to_string(), true)
            ]
        );
        assert_eq!(more, 0);
    }
}
