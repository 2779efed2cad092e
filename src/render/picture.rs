//! The picture model: what `graph` draws, built by commands/graph.rs and
//! drawn by dot.rs and mermaid.rs.

use crate::catalog::Kind;

/// What the renderers draw: nodes and edges, sorted, with the profile's
/// standing on each node already worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// `Network Engineer (network-engineer)`, or `The whole catalog`.
    pub title: String,
    /// Roles, then certs, then skills, each by id.
    pub nodes: Vec<PictureNode>,
    /// By source id, target id, then label.
    pub edges: Vec<PictureEdge>,
    /// A line the reader must see (a summary says what it stands for).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PictureNode {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    /// A short line under the name: `have 1, need 3`, `held`, `retired`.
    pub detail: Option<String>,
    /// The profile meets it: a skill at the highest level the drawn edges
    /// ask for, a cert held, a role whose every requirement is met.
    pub met: bool,
    pub retired: bool,
    /// A skill's domain, a cert's vendor.
    pub group: Option<String>,
    /// The labelled box a DOT picture draws it in (`networking skills`,
    /// `Cisco certifications`); none for a role.
    pub cluster: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PictureEdge {
    /// The thing that needs `to`.
    pub from: String,
    pub to: String,
    /// A hard requirement (solid) rather than a recommendation (dashed).
    pub hard: bool,
    /// `requires 2`, `covers 3`, `recommends`, `any of`, `asks for 3`.
    pub label: String,
}
