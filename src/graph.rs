//! The catalog as one petgraph graph: skills, certs and roles as typed
//! nodes, prerequisites as typed edges pointing from a thing to what it
//! needs.

use crate::catalog::{Catalog, Kind};
use crate::model::{Prereq, RoleCert};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: Kind,
    pub id: String,
}

/// What an edge from A to B means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// A hard prerequisite (a skill's or cert's `requires`), with a level for skills.
    Requires(Option<u8>),
    /// A soft prerequisite (`recommends`).
    Recommends(Option<u8>),
    /// A cert's exam tests the skill at this level.
    Covers(u8),
    /// One option of an `any_of`; `hard` when it came from `requires` or a role.
    AnyOf { hard: bool },
    /// A role asks for the skill at a level, or for the cert.
    RoleNeeds(Option<u8>),
}

impl Edge {
    pub fn is_hard(self) -> bool {
        !matches!(self, Edge::Recommends(_) | Edge::AnyOf { hard: false })
    }

    pub fn label(self) -> &'static str {
        match self {
            Edge::Requires(_) => "requires",
            Edge::Recommends(_) => "recommends",
            Edge::Covers(_) => "covers",
            Edge::AnyOf { .. } => "any of",
            Edge::RoleNeeds(_) => "asks for",
        }
    }
}

#[derive(Debug, Default)]
pub struct Graph {
    pub g: DiGraph<Node, Edge>,
    /// Each id's node, made on the first lookup: loading a catalog needs
    /// none (its nodes follow the catalog's order).
    nodes: OnceLock<HashMap<String, NodeIndex>>,
}

impl Graph {
    /// Builds the graph from a catalog whose references are known good.
    /// Nodes are the skills, then the certs, then the roles, in catalog
    /// order, so an entry's node is known without a lookup.
    pub fn build(cat: &Catalog) -> Graph {
        let mut gr = Graph::default();
        let count = cat.skills.len() + cat.certs.len() + cat.roles.len();
        gr.g.reserve_nodes(count);
        let edges = cat.skills.iter().map(|s| s.requires.len()).sum::<usize>()
            + cat
                .certs
                .iter()
                .map(|c| c.covers.len() + c.requires.len() + c.recommends.len())
                .sum::<usize>()
            + cat
                .roles
                .iter()
                .map(|r| r.skills.len() + r.skill_choices.len() + r.certifications.len())
                .sum::<usize>();
        gr.g.reserve_edges(edges);
        for s in &cat.skills {
            gr.add(Kind::Skill, &s.id);
        }
        for c in &cat.certs {
            gr.add(Kind::Cert, &c.id);
        }
        for r in &cat.roles {
            gr.add(Kind::Role, &r.id);
        }
        let (skills, certs) = (cat.skills.len(), cat.certs.len());
        for (i, s) in cat.skills.iter().enumerate() {
            let from = NodeIndex::new(i);
            for r in &s.requires {
                gr.link(cat, from, &r.skill, Edge::Requires(Some(r.level)));
            }
        }
        for (i, c) in cat.certs.iter().enumerate() {
            let from = NodeIndex::new(skills + i);
            for r in &c.covers {
                gr.link(cat, from, &r.skill, Edge::Covers(r.level));
            }
            for (hard, list) in [(true, &c.requires), (false, &c.recommends)] {
                for p in list {
                    match p {
                        Prereq::Cert { cert } => gr.link(cat, from, cert, soft_or_hard(hard, None)),
                        Prereq::Skill { skill, level } => {
                            gr.link(cat, from, skill, soft_or_hard(hard, Some(*level)))
                        }
                        Prereq::AnyOf { any_of } => {
                            for o in any_of {
                                gr.link(cat, from, o, Edge::AnyOf { hard });
                            }
                        }
                    }
                }
            }
        }
        for (i, r) in cat.roles.iter().enumerate() {
            let from = NodeIndex::new(skills + certs + i);
            for s in &r.skills {
                gr.link(cat, from, &s.skill, Edge::RoleNeeds(Some(s.level)));
            }
            for ch in &r.skill_choices {
                for s in &ch.any_of {
                    let e = if ch.optional {
                        Edge::Recommends(Some(s.level))
                    } else {
                        Edge::AnyOf { hard: true }
                    };
                    gr.link(cat, from, &s.skill, e);
                }
            }
            for rc in &r.certifications {
                match rc {
                    RoleCert::One(c) => gr.link(cat, from, c, Edge::RoleNeeds(None)),
                    RoleCert::AnyOf { any_of, .. } => {
                        for o in any_of {
                            gr.link(cat, from, o, Edge::AnyOf { hard: true });
                        }
                    }
                }
            }
        }
        gr
    }

    fn add(&mut self, kind: Kind, id: &str) {
        self.g.add_node(Node {
            kind,
            id: id.to_string(),
        });
    }

    fn link(&mut self, cat: &Catalog, from: NodeIndex, to: &str, e: Edge) {
        if let Some(b) = cat.position(to) {
            self.g.add_edge(from, NodeIndex::new(b), e);
        }
    }

    fn node(&self, id: &str) -> Option<NodeIndex> {
        let nodes = self.nodes.get_or_init(|| {
            self.g
                .node_indices()
                .map(|n| (self.g[n].id.clone(), n))
                .collect()
        });
        nodes.get(id).copied()
    }

    /// What points at `id`: (the other id, the edge), sorted by id.
    pub fn dependents(&self, id: &str) -> Vec<(String, Edge)> {
        self.edges(id, Direction::Incoming)
    }

    /// What `id` points at, sorted by id.
    pub fn dependencies(&self, id: &str) -> Vec<(String, Edge)> {
        self.edges(id, Direction::Outgoing)
    }

    fn edges(&self, id: &str, dir: Direction) -> Vec<(String, Edge)> {
        let Some(n) = self.node(id) else {
            return Vec::new();
        };
        let mut out: Vec<(String, Edge)> = self
            .g
            .edges_directed(n, dir)
            .map(|e| {
                let other = if dir == Direction::Incoming {
                    e.source()
                } else {
                    e.target()
                };
                (self.g[other].id.clone(), *e.weight())
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.label().cmp(b.1.label())));
        out
    }

    /// The node of an id.
    pub fn index(&self, id: &str) -> Option<NodeIndex> {
        self.node(id)
    }

    /// The nodes `start` reaches (itself included) along edges that `follow`
    /// accepts (given the edge, the node it comes from and the node it
    /// points at): what it needs (`Outgoing`), or what needs it
    /// (`Incoming`), breadth first. The one walk over the catalog graph
    /// that `graph` and `why` share.
    pub fn reach(
        &self,
        start: NodeIndex,
        dir: Direction,
        mut follow: impl FnMut(Edge, &Node, &Node) -> bool,
    ) -> Vec<NodeIndex> {
        let mut seen = vec![false; self.g.node_count()];
        seen[start.index()] = true;
        let mut out = vec![start];
        let mut at = 0;
        while at < out.len() {
            let n = out[at];
            at += 1;
            for e in self.g.edges_directed(n, dir) {
                let other = if dir == Direction::Incoming {
                    e.source()
                } else {
                    e.target()
                };
                if !seen[other.index()]
                    && follow(*e.weight(), &self.g[e.source()], &self.g[e.target()])
                {
                    seen[other.index()] = true;
                    out.push(other);
                }
            }
        }
        out
    }

    /// The id of a node.
    pub fn id(&self, n: NodeIndex) -> &str {
        &self.g[n].id
    }

    /// Every cycle among prerequisites, each printed whole from its
    /// smallest id: `a -> b -> c -> a`. Role edges cannot form cycles.
    pub fn cycles(&self, _cat: &Catalog) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        // A valid catalog has none, and a linear pass says so; the
        // strongly connected groups are only looked for when it does not.
        if !has_cycle(self.g.node_count(), |i| {
            self.g.neighbors(NodeIndex::new(i)).map(|n| n.index())
        }) {
            return out;
        }
        // Kosaraju's algorithm is iterative in petgraph (Tarjan's recurses
        // once per node of a chain and overflows the stack on long ones).
        for scc in petgraph::algo::kosaraju_scc(&self.g) {
            let members: BTreeSet<NodeIndex> = scc.iter().copied().collect();
            let self_loop = scc.len() == 1 && self.g.contains_edge(scc[0], scc[0]);
            if scc.len() < 2 && !self_loop {
                continue;
            }
            let id = |n: NodeIndex| self.g[n].id.as_str();
            let start = *members.iter().min_by_key(|n| id(**n)).expect("non-empty");
            // Walk the smallest successor inside the group until a node repeats.
            let mut path = vec![start];
            let mut on_path: HashMap<NodeIndex, usize> = HashMap::from([(start, 0)]);
            let mut at = start;
            loop {
                let next = self
                    .g
                    .neighbors(at)
                    .filter(|n| members.contains(n))
                    .min_by_key(|n| id(*n))
                    .expect("a node of a cycle has a successor in it");
                if let Some(&pos) = on_path.get(&next) {
                    let mut cycle: Vec<String> =
                        path[pos..].iter().map(|n| id(*n).to_string()).collect();
                    cycle.push(id(next).to_string());
                    out.push(cycle);
                    break;
                }
                on_path.insert(next, path.len());
                path.push(next);
                at = next;
            }
        }
        out.sort();
        out
    }
}

/// Whether the graph of `n` nodes whose edges from node `i` go to
/// `next(i)` holds a cycle (see [`kahn_order`]).
pub fn has_cycle<I: Iterator<Item = usize>>(n: usize, next: impl Fn(usize) -> I) -> bool {
    kahn_order(n, next).is_none()
}

/// The nodes of the graph of `n` nodes whose edges from node `i` go to
/// `next(i)`, each before every node it points at; `None` when the graph
/// holds a cycle. Kahn's algorithm takes away the nodes nothing left
/// points at until none is left (no cycle) or every node left has
/// something pointing at it (a cycle among them, or reached from one). A
/// self-loop points at its own node, which is then never taken away.
pub fn kahn_order<I: Iterator<Item = usize>>(
    n: usize,
    next: impl Fn(usize) -> I,
) -> Option<Vec<usize>> {
    let mut incoming = vec![0u32; n];
    for i in 0..n {
        for j in next(i) {
            incoming[j] += 1;
        }
    }
    let mut free: Vec<usize> = (0..n).filter(|i| incoming[*i] == 0).collect();
    let mut taken = Vec::with_capacity(n);
    while let Some(i) = free.pop() {
        taken.push(i);
        // One step per edge, repeated edges included, as counted.
        for j in next(i) {
            incoming[j] -= 1;
            if incoming[j] == 0 {
                free.push(j);
            }
        }
    }
    (taken.len() == n).then_some(taken)
}

fn soft_or_hard(hard: bool, level: Option<u8>) -> Edge {
    if hard {
        Edge::Requires(level)
    } else {
        Edge::Recommends(level)
    }
}

#[cfg(test)]
mod tests {
    use super::{has_cycle, kahn_order};
    use crate::catalog::{Catalog, Source};

    #[test]
    fn kahns_pass_finds_loops_and_only_loops() {
        let on = |edges: &[(usize, usize)], n: usize| {
            has_cycle(n, |i| edges.iter().filter(move |e| e.0 == i).map(|e| e.1))
        };
        assert!(!on(&[], 0));
        assert!(
            !on(&[(0, 1), (1, 2), (0, 2), (0, 2)], 3),
            "a diamond, an edge twice"
        );
        assert!(on(&[(1, 1)], 2), "a node that needs itself");
        assert!(on(&[(0, 1), (1, 2), (2, 1)], 3), "a loop below a start");
        assert!(on(&[(3, 0), (0, 1), (1, 3)], 4));
    }

    #[test]
    fn kahns_order_puts_each_node_before_those_it_points_at() {
        let edges = [(4, 0), (0, 1), (4, 2), (2, 1), (3, 2), (0, 2)];
        let order = kahn_order(5, |i| edges.iter().filter(move |e| e.0 == i).map(|e| e.1))
            .expect("no cycle");
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4], "every node once");
        let at = |x: usize| order.iter().position(|y| *y == x);
        for (a, b) in edges {
            assert!(at(a) < at(b), "{a} before {b} in {order:?}");
        }
        assert_eq!(kahn_order(2, |i| [1 - i].into_iter()), None, "a cycle");
    }

    #[test]
    fn the_catalogs_index_finds_each_node_even_over_an_overlay() {
        // The bundled catalog, with one skill patched, one cert replaced
        // whole and a new skill added by a later file.
        let mut sources = Source::bundled();
        sources.push(Source {
            name: "overlay.json".into(),
            text: r#"{"format": 1,
                "skills": [
                    {"id": "routing", "name": "Routing, patched"},
                    {"id": "zz-new", "name": "New", "domain": "networking", "hours": [1, 1, 1, 1]}],
                "certifications": [
                    {"id": "comptia-a-plus", "replace": true, "name": "A+", "vendor": "CompTIA",
                     "exams": [{"code": "X1"}]}]}"#
                .into(),
        });
        let cat = Catalog::load(&sources).expect("valid");
        let ids = cat
            .skills
            .iter()
            .map(|s| &s.id)
            .chain(cat.certs.iter().map(|c| &c.id))
            .chain(cat.roles.iter().map(|r| &r.id));
        for id in ids {
            let n = cat.node(id).expect("in the catalog");
            assert_eq!(cat.graph().id(n), id);
            assert_eq!(cat.graph().index(id), Some(n));
        }
        assert_eq!(cat.node("no-such-id"), None);
    }

    /// The cycle errors of a catalog of skills, each `(id, requires)`.
    fn cycle_errors(skills: &[(&str, &[&str])]) -> Vec<String> {
        let skills: Vec<serde_json::Value> = skills
            .iter()
            .map(|(id, requires)| {
                let requires: Vec<_> = requires
                    .iter()
                    .map(|r| serde_json::json!({"skill": r, "level": 1}))
                    .collect();
                serde_json::json!({"id": id, "name": id, "domain": "d",
                                   "hours": [1, 1, 1, 1], "requires": requires})
            })
            .collect();
        let text = serde_json::json!({ "skills": skills }).to_string();
        match Catalog::load(&[Source {
            name: "c.json".into(),
            text: text.into(),
        }]) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems.iter().map(|p| p.line()).collect(),
        }
    }

    #[test]
    fn a_catalog_without_cycles_has_none_even_where_paths_meet() {
        // Two ways from `top` down to `base`, and an edge given twice.
        let skills: &[(&str, &[&str])] = &[
            ("top", &["left", "right", "right"]),
            ("left", &["base"]),
            ("right", &["base"]),
            ("base", &[]),
        ];
        assert_eq!(cycle_errors(skills), Vec::<String>::new());
    }

    #[test]
    fn a_self_loop_and_two_separate_cycles_are_each_printed_whole() {
        // `entry` leads into a cycle and `tail` hangs off one: neither is
        // on a cycle, and neither is printed.
        let skills: &[(&str, &[&str])] = &[
            ("entry", &["b-one"]),
            ("b-one", &["b-two"]),
            ("b-two", &["b-one", "tail"]),
            ("tail", &[]),
            ("self", &["self"]),
            ("c-three", &["c-one"]),
            ("c-one", &["c-two"]),
            ("c-two", &["c-three"]),
        ];
        assert_eq!(
            cycle_errors(skills),
            [
                "c.json: skills[1]: cycle: b-one -> b-two -> b-one",
                "c.json: skills[6]: cycle: c-one -> c-two -> c-three -> c-one",
                "c.json: skills[4]: cycle: self -> self",
            ]
        );
    }
}
