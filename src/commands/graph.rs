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
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::BTreeMap;

/// Mermaid's default `maxEdges`: a larger flowchart is refused (GitHub
/// uses the default).
const MERMAID_MAX_EDGES: usize = 500;

/// Mermaid's default `maxTextSize` in characters: a longer diagram is
/// drawn as an error box.
const MERMAID_MAX_TEXT: usize = 50_000;

/// Above this many nodes a DOT picture of the whole catalog is summarised
/// (the bundled catalog drawn whole was 4976 x 31643 px).
const DOT_MAX_NODES: usize = 150;

/// A summary leaves out arrows for fewer requirements than this: the
/// bundled catalog's summary has 90 arrows instead of 211.
const SUMMARY_MIN_LINK: usize = 3;

pub fn run(cfg: &Config, args: &GraphArgs) -> Result<Output> {
    // A graph has no table: the default format draws it as DOT.
    if !matches!(cfg.format, Format::Dot | Format::Mermaid | Format::Table) {
        return Err(unsupported(cfg, "graph", &[Format::Dot, Format::Mermaid]));
    }
    let setup = Setup::load_with_graph(cfg)?;
    let role = match &args.role {
        Some(r) => Some(setup.cat.resolve_role(r)?),
        None => None,
    };
    let have = Have::new(&setup.cat, &setup.profile);
    let pic = picture(&setup.cat, &have, role);
    let text = match cfg.format {
        Format::Mermaid => {
            let full = mermaid::flowchart(&pic);
            let fits = |p: &Picture, text: &str| {
                p.edges.len() <= MERMAID_MAX_EDGES && text.chars().count() <= MERMAID_MAX_TEXT
            };
            if args.full || fits(&pic, &full) {
                if !fits(&pic, &full) {
                    cfg.warn(&format!(
                        "the flowchart has {} edges and {} characters; Mermaid draws at most \
                         {MERMAID_MAX_EDGES} edges and {MERMAID_MAX_TEXT} characters unless its \
                         maxEdges and maxTextSize settings are raised",
                        pic.edges.len(),
                        full.chars().count()
                    ));
                }
                full
            } else {
                // The summary with roles, or without them if even that is
                // too big for Mermaid's defaults.
                let why = format!(
                    "{} edges and {} characters, over Mermaid's default limits \
                     ({MERMAID_MAX_EDGES} edges, {MERMAID_MAX_TEXT} characters)",
                    pic.edges.len(),
                    full.chars().count()
                );
                // Fewer arrows until it fits (a catalog of thousands of
                // roles still has a few dozen domains).
                let mut min_link = SUMMARY_MIN_LINK;
                let text = loop {
                    let small = summary(&pic, min_link, &why);
                    let text = mermaid::flowchart(&small);
                    if fits(&small, &text) || small.edges.is_empty() {
                        break text;
                    }
                    min_link *= 2;
                };
                cfg.warn(&format!(
                    "the whole flowchart has {why}: drawn as a summary by domain; pick a \
                     --role, use --format dot, or --full for every node"
                ));
                text
            }
        }
        _ if !args.full && role.is_none() && pic.nodes.len() > DOT_MAX_NODES => {
            let why = format!(
                "{} nodes and {} edges, too many to read in one picture",
                pic.nodes.len(),
                pic.edges.len()
            );
            cfg.note(&format!(
                "the whole catalog has {why}: drawn as a summary by domain; pick a --role, \
                 or --full for every node"
            ));
            dot::graph(&summary(&pic, SUMMARY_MIN_LINK, &why))
        }
        _ => dot::graph(&pic),
    };
    Ok(Output::ok(text))
}

/// The picture with the skills of a domain as one node, the certs that
/// mostly cover that domain as one node, and the roles that mostly ask for
/// it as one node; an arrow counts the requirements between two of them,
/// and arrows for fewer than `min_link` are left out. `why` says in the
/// note why the picture is a summary.
pub fn summary(p: &Picture, min_link: usize, why: &str) -> Picture {
    let domain_of: BTreeMap<&str, &str> = p
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Skill)
        .map(|n| (n.id.as_str(), n.group.as_deref().unwrap_or("other")))
        .collect();
    // Where most of the skills a role asks for, or a cert covers, are.
    let mut counts: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for e in &p.edges {
        if let Some(d) = domain_of.get(e.to.as_str()) {
            *counts
                .entry(e.from.as_str())
                .or_default()
                .entry(d)
                .or_insert(0) += 1;
        }
    }
    let main_domain = |n: &PictureNode| -> String {
        if n.kind == Kind::Skill {
            return n.group.clone().unwrap_or_else(|| "other".to_string());
        }
        counts
            .get(n.id.as_str())
            .and_then(|m| {
                // The most skills; ties to the first domain by name.
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(d, _)| d.to_string())
            })
            .unwrap_or_else(|| "other".to_string())
    };
    // Group id -> (kind, name, size, met).
    let mut groups: BTreeMap<String, (Kind, String, usize, usize)> = BTreeMap::new();
    let mut of: BTreeMap<&str, String> = BTreeMap::new();
    for n in &p.nodes {
        let d = main_domain(n);
        let (id, name) = match n.kind {
            Kind::Role => (format!("roles:{d}"), format!("{d} roles")),
            Kind::Cert => (format!("certs:{d}"), format!("{d} certifications")),
            Kind::Skill => (format!("skills:{d}"), format!("{d} skills")),
        };
        let e = groups.entry(id.clone()).or_insert((n.kind, name, 0, 0));
        e.2 += 1;
        e.3 += usize::from(n.met);
        of.insert(n.id.as_str(), id);
    }
    let mut links: BTreeMap<(String, String, bool), usize> = BTreeMap::new();
    for e in &p.edges {
        let (Some(a), Some(b)) = (of.get(e.from.as_str()), of.get(e.to.as_str())) else {
            continue;
        };
        if a != b {
            *links.entry((a.clone(), b.clone(), e.hard)).or_insert(0) += 1;
        }
    }
    let mut nodes: Vec<PictureNode> = groups
        .into_iter()
        .map(|(id, (kind, name, size, met))| {
            let what = match kind {
                Kind::Role => "roles",
                Kind::Cert => "certs",
                Kind::Skill => "skills",
            };
            PictureNode {
                detail: Some(if met > 0 {
                    format!("{size} {what}, {met} met")
                } else {
                    format!("{size} {what}")
                }),
                met: size == met,
                retired: false,
                group: None,
                cluster: None,
                id,
                kind,
                name,
            }
        })
        .collect();
    nodes.sort_by(|a, b| {
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then_with(|| a.id.cmp(&b.id))
    });
    let edges = links
        .into_iter()
        .filter(|(_, n)| *n >= min_link)
        .map(|((from, to, hard), n)| PictureEdge {
            from,
            to,
            hard,
            label: n.to_string(),
        })
        .collect();
    Picture {
        title: format!("{} (summary)", p.title),
        nodes,
        edges,
        note: Some(format!(
            "Summary: the full picture has {why}. Each box stands for the roles, \
             certifications or skills of one domain (a role or cert goes where most of \
             the skills it asks for or covers are); the number on an arrow counts the \
             requirements it stands for (dashed: recommendations), and arrows for fewer \
             than {min_link} are left out. Draw one role with certpath graph --role ROLE, \
             or every node with --full."
        )),
    }
}

/// The picture of `role` and everything its requirements reach, or of the
/// whole catalog.
pub fn picture(cat: &Catalog, have: &Have, role: Option<&Role>) -> Picture {
    let g = &cat.graph().g;
    let drawn: Vec<NodeIndex> = match role {
        Some(r) => cat.node(&r.id).map_or_else(Vec::new, |n| {
            cat.graph().reach(n, Direction::Outgoing, |_, _, _| true)
        }),
        None => g.node_indices().collect(),
    };
    let mut inside = vec![false; g.node_count()];
    for n in &drawn {
        inside[n.index()] = true;
    }
    // The edges between drawn nodes, and the highest level any of them
    // asks of each skill; by node index, ids compared only to sort.
    let mut need: Vec<Option<u8>> = vec![None; g.node_count()];
    let mut links: Vec<(NodeIndex, NodeIndex, Edge, String)> = Vec::new();
    for &from in &drawn {
        for e in g.edges_directed(from, Direction::Outgoing) {
            let (to, edge) = (e.target(), *e.weight());
            if !inside[to.index()] {
                continue;
            }
            if let Some(l) = level_of(edge) {
                let n = need[to.index()].get_or_insert(0);
                *n = (*n).max(l);
            }
            links.push((from, to, edge, edge_label(edge)));
        }
    }
    let id = |n: NodeIndex| cat.graph().id(n);
    // Each drawn node's place in id order (ids are unique across skills,
    // certs and roles), so that the sorts below compare numbers instead of
    // ids: a role of a deep framework draws 90,000 nodes and 350,000 edges.
    let mut by_id = drawn.clone();
    by_id.sort_unstable_by(|a, b| id(*a).cmp(id(*b)));
    let mut pos = vec![0u32; g.node_count()];
    for (k, n) in by_id.iter().enumerate() {
        pos[n.index()] = k as u32;
    }
    let at = |n: NodeIndex| pos[n.index()];
    // Stable: edges alike but for hardness keep the graph's order.
    links.sort_by(|a, b| (at(a.0), at(a.1), &a.3).cmp(&(at(b.0), at(b.1), &b.3)));
    let mut edges: Vec<PictureEdge> = links
        .into_iter()
        .map(|(from, to, edge, label)| PictureEdge {
            from: id(from).to_string(),
            to: id(to).to_string(),
            hard: edge.is_hard(),
            label,
        })
        .collect();
    edges.dedup();
    // Roles first, then certs, then skills; ids ascending within each
    // (in id order already, and the sort is stable).
    let mut nodes: Vec<PictureNode> = by_id
        .iter()
        .filter_map(|n| node(cat, have, id(*n), need[n.index()]))
        .collect();
    nodes.sort_by_key(|n| rank(n.kind));
    let title = match role {
        Some(r) => format!("{} ({})", r.name, r.id),
        None => "The whole catalog".to_string(),
    };
    Picture {
        title,
        nodes,
        edges,
        note: None,
    }
}

fn rank(k: Kind) -> u8 {
    match k {
        Kind::Role => 0,
        Kind::Cert => 1,
        Kind::Skill => 2,
    }
}

fn level_of(e: Edge) -> Option<u8> {
    match e {
        Edge::Requires(l) | Edge::Recommends(l) | Edge::RoleNeeds(l) => l,
        Edge::Covers(l) => Some(l),
        Edge::AnyOf { .. } => None,
    }
}

fn edge_label(e: Edge) -> String {
    let mut label = String::with_capacity(e.label().len() + 4);
    label.push_str(e.label());
    if let Some(l) = level_of(e) {
        label.push(' ');
        crate::num::push_u8(&mut label, l);
    }
    label
}

fn node(cat: &Catalog, have: &Have, id: &str, need: Option<u8>) -> Option<PictureNode> {
    // One lookup: a deep role's picture has 90,000 nodes.
    let (kind, at) = cat.entry_of(id)?;
    let (met, detail, retired, name, group) = match kind {
        Kind::Skill => {
            let skill = &cat.skills[at];
            let level = have.level(id);
            let need = need.unwrap_or(1);
            let mut detail = String::with_capacity(16);
            if level > 0 {
                detail.push_str("have ");
                crate::num::push_u8(&mut detail, level);
                detail.push_str(", ");
            }
            detail.push_str("need ");
            crate::num::push_u8(&mut detail, need);
            let group = Some(skill.domain.clone());
            (level >= need, Some(detail), false, &skill.name, group)
        }
        Kind::Cert => {
            let cert = &cat.certs[at];
            let held = have.holds(id);
            let retired = cert.is_retired();
            let detail = match (held, retired) {
                (true, true) => Some("held, retired".to_string()),
                (true, false) => Some("held".to_string()),
                (false, true) => Some("retired".to_string()),
                (false, false) => None,
            };
            (held, detail, retired, &cert.name, Some(cert.vendor.clone()))
        }
        Kind::Role => {
            let role = &cat.roles[at];
            let ready = role_met(have, role);
            let detail = ready.then(|| "every requirement met".to_string());
            (ready, detail, false, &role.name, None)
        }
    };
    let cluster = group.as_ref().map(|g| {
        let what = match kind {
            Kind::Cert => " certifications",
            _ => " skills",
        };
        let mut cluster = String::with_capacity(g.len() + what.len());
        cluster.push_str(g);
        cluster.push_str(what);
        cluster
    });
    Some(PictureNode {
        id: id.to_string(),
        kind,
        name: name.clone(),
        detail,
        met,
        retired,
        group,
        cluster,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::catalog;
    use crate::profile::Profile;

    #[test]
    fn a_picture_draws_each_link_once_in_order_and_the_highest_level_asked() {
        // `c` requires one of a and b and recommends one of a and d: two
        // links to a labelled alike, one hard, one soft.
        let cat = catalog(
            r#"{"format": 1,
            "skills": [
                {"id": "s", "name": "S", "domain": "d", "hours": [1, 1, 1, 1]},
                {"id": "t", "name": "T", "domain": "d", "hours": [1, 1, 1, 1],
                 "requires": [{"skill": "s", "level": 3}]}],
            "certifications": [
                {"id": "a", "name": "A", "vendor": "V", "exams": [{"code": "A1"}],
                 "covers": [{"skill": "s", "level": 2}]},
                {"id": "b", "name": "B", "vendor": "V", "exams": [{"code": "B1"}]},
                {"id": "d", "name": "D", "vendor": "V", "exams": [{"code": "D1"}]},
                {"id": "c", "name": "C", "vendor": "V", "exams": [{"code": "C1"}],
                 "requires": [{"any_of": ["a", "b"]}],
                 "recommends": [{"any_of": ["a", "d"]}]}],
            "roles": [{"id": "r", "name": "R", "skills": [{"skill": "t", "level": 1}],
                       "certifications": ["c"]}]}"#,
        );
        let have = Have::new(&cat, &Profile::default());
        let p = picture(&cat, &have, cat.role("r"));
        let keys: Vec<(&str, &str, &str)> = p
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.label.as_str()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        let to_a: Vec<bool> = p
            .edges
            .iter()
            .filter(|e| e.from == "c" && e.to == "a")
            .map(|e| e.hard)
            .collect();
        assert_eq!(to_a.len(), 2, "{:?}", p.edges);
        assert!(to_a.contains(&true) && to_a.contains(&false));
        // s is asked for at 2 (a covers it) and 3 (t requires it).
        let s = p.nodes.iter().find(|n| n.id == "s").expect("drawn");
        assert_eq!(s.detail.as_deref(), Some("need 3"));
        let ids: Vec<&str> = p.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["r", "a", "b", "c", "d", "s", "t"]);
    }
}
