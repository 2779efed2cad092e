//! `certpath graph`: the catalog's graph, or the part of it a role
//! reaches, as Graphviz DOT or a Mermaid flowchart, with what the profile
//! already meets marked.

use super::{unsupported, Output, Setup};
use crate::catalog::{Catalog, Kind};
use crate::cli::{Format, GraphArgs};
use crate::config::Config;
use crate::error::Result;
use crate::graph::Edge;
use crate::model::{Role, RoleCert};
use crate::plan::Have;
pub use crate::render::picture::{Picture, PictureEdge, PictureNode};
use crate::render::{dot, mermaid};
use petgraph::Direction;
use std::collections::{BTreeMap, BTreeSet};

/// Mermaid's default `maxEdges`: a larger flowchart is refused (GitHub
/// uses the default).
const MERMAID_MAX_EDGES: usize = 500;

pub fn run(cfg: &Config, args: &GraphArgs) -> Result<Output> {
    // A graph has no table: the default format draws it as DOT.
    if !matches!(cfg.format, Format::Dot | Format::Mermaid | Format::Table) {
        return Err(unsupported(cfg, "graph", &[Format::Dot, Format::Mermaid]));
    }
    let setup = Setup::load(cfg)?;
    let role = match &args.role {
        Some(r) => Some(setup.cat.resolve_role(r)?),
        None => None,
    };
    let have = Have::new(&setup.cat, &setup.profile);
    let pic = picture(&setup.cat, &have, role);
    if cfg.format == Format::Mermaid && pic.edges.len() > MERMAID_MAX_EDGES {
        cfg.warn(&format!(
            "the graph has {} edges; Mermaid draws at most {MERMAID_MAX_EDGES} unless its \
             maxEdges setting is raised: pick a --role, or use --format dot",
            pic.edges.len()
        ));
    }
    Ok(Output::ok(match cfg.format {
        Format::Mermaid => mermaid::flowchart(&pic),
        _ => dot::graph(&pic),
    }))
}

/// The picture of `role` and everything its requirements reach, or of the
/// whole catalog.
pub fn picture(cat: &Catalog, have: &Have, role: Option<&Role>) -> Picture {
    let ids: BTreeSet<&str> = match role {
        Some(r) => reach(cat, &r.id),
        None => cat
            .skills
            .iter()
            .map(|s| s.id.as_str())
            .chain(cat.certs.iter().map(|c| c.id.as_str()))
            .chain(cat.roles.iter().map(|r| r.id.as_str()))
            .collect(),
    };
    let mut edges = Vec::new();
    // The highest level any drawn edge asks of each skill.
    let mut need: BTreeMap<String, u8> = BTreeMap::new();
    for from in &ids {
        for (to, e) in cat.graph.dependencies(from) {
            if !ids.contains(to.as_str()) {
                continue;
            }
            if let Some(l) = level_of(e) {
                let n = need.entry(to.clone()).or_insert(0);
                *n = (*n).max(l);
            }
            edges.push(PictureEdge {
                from: from.to_string(),
                to,
                hard: e.is_hard(),
                label: edge_label(e),
            });
        }
    }
    edges.sort_by(|a, b| (&a.from, &a.to, &a.label).cmp(&(&b.from, &b.to, &b.label)));
    edges.dedup();
    let mut nodes: Vec<PictureNode> = ids
        .iter()
        .filter_map(|id| node(cat, have, id, need.get(*id).copied()))
        .collect();
    // Roles first, then certs, then skills; ids ascending within each.
    nodes.sort_by(|a, b| {
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then_with(|| a.id.cmp(&b.id))
    });
    let title = match role {
        Some(r) => format!("{} ({})", r.name, r.id),
        None => "The whole catalog".to_string(),
    };
    Picture {
        title,
        nodes,
        edges,
    }
}

fn rank(k: Kind) -> u8 {
    match k {
        Kind::Role => 0,
        Kind::Cert => 1,
        Kind::Skill => 2,
    }
}

/// Every id reachable from `root` along requirement edges, `root` included.
fn reach<'c>(cat: &'c Catalog, root: &str) -> BTreeSet<&'c str> {
    cat.graph
        .reach(root, Direction::Outgoing, |_, _, _| true)
        .into_iter()
        .map(|n| cat.graph.id(n))
        .collect()
}

fn level_of(e: Edge) -> Option<u8> {
    match e {
        Edge::Requires(l) | Edge::Recommends(l) | Edge::RoleNeeds(l) => l,
        Edge::Covers(l) => Some(l),
        Edge::AnyOf { .. } => None,
    }
}

fn edge_label(e: Edge) -> String {
    match level_of(e) {
        Some(l) => format!("{} {l}", e.label()),
        None => e.label().to_string(),
    }
}

fn node(cat: &Catalog, have: &Have, id: &str, need: Option<u8>) -> Option<PictureNode> {
    let kind = cat.kind_of(id)?;
    let (met, detail, retired) = match kind {
        Kind::Skill => {
            let level = have.level(id);
            let need = need.unwrap_or(1);
            let detail = if level > 0 {
                format!("have {level}, need {need}")
            } else {
                format!("need {need}")
            };
            (level >= need, Some(detail), false)
        }
        Kind::Cert => {
            let cert = cat.cert(id)?;
            let held = have.holds(id);
            let retired = cert.is_retired();
            let detail = match (held, retired) {
                (true, true) => Some("held, retired".to_string()),
                (true, false) => Some("held".to_string()),
                (false, true) => Some("retired".to_string()),
                (false, false) => None,
            };
            (held, detail, retired)
        }
        Kind::Role => {
            let role = cat.role(id)?;
            let ready = role_met(have, role);
            (
                ready,
                ready.then(|| "every requirement met".to_string()),
                false,
            )
        }
    };
    Some(PictureNode {
        id: id.to_string(),
        kind,
        name: cat.name_of(id).to_string(),
        detail,
        met,
        retired,
    })
}

/// Every skill at its level and one cert of each entry held. Experience is
/// not drawn, so it is not counted here.
fn role_met(have: &Have, role: &Role) -> bool {
    role.skills.iter().all(|s| have.level(&s.skill) >= s.level)
        && role.certifications.iter().all(|rc| match rc {
            RoleCert::One(c) => have.holds(c),
            RoleCert::AnyOf { any_of, .. } => any_of.iter().any(|c| have.holds(c)),
        })
}
