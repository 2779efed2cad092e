//! The catalog: bundled files plus overlays, parsed from JSON values and
//! validated as a whole, so that every problem is reported at once.

use crate::error::{Code, Error, Problem, Result};
use crate::graph::Graph;
use crate::json::{self, index, join, Reader};
use crate::model::*;
use crate::names::{self, Lookup};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

mod plain;

/// The bundled catalog, compiled into the binary: one entry per file.
pub const BUNDLED: &[(&str, &str)] = &[
    ("data/skills.json", include_str!("../data/skills.json")),
    (
        "data/certs-comptia.json",
        include_str!("../data/certs-comptia.json"),
    ),
    (
        "data/certs-cisco.json",
        include_str!("../data/certs-cisco.json"),
    ),
    (
        "data/certs-microsoft.json",
        include_str!("../data/certs-microsoft.json"),
    ),
    (
        "data/certs-aws.json",
        include_str!("../data/certs-aws.json"),
    ),
    (
        "data/certs-google.json",
        include_str!("../data/certs-google.json"),
    ),
    (
        "data/certs-security.json",
        include_str!("../data/certs-security.json"),
    ),
    (
        "data/certs-management.json",
        include_str!("../data/certs-management.json"),
    ),
    (
        "data/certs-other.json",
        include_str!("../data/certs-other.json"),
    ),
    ("data/roles.json", include_str!("../data/roles.json")),
];

/// Every `*.json` file in a folder, in name order; `empty` (with `hint`)
/// is the error when there is none, exit 66. Catalog folders and folders
/// of profiles are read alike.
pub fn json_files(
    dir: &Path,
    shown: &str,
    empty: &str,
    hint: &str,
) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::read(shown, &e))?;
    let mut files: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::new(
            Code::NoInput,
            Problem::at(shown, "", empty).hint(hint),
        ));
    }
    Ok(files)
}

/// One catalog file's text and the name errors call it by.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    /// The bundled files' text is borrowed from the binary: copying it
    /// would cost a page fault per 4 KiB on every run.
    pub text: std::borrow::Cow<'static, str>,
}

impl Source {
    pub fn bundled() -> Vec<Source> {
        BUNDLED
            .iter()
            .map(|(name, text)| Source {
                name: format!("{name} (bundled)"),
                text: std::borrow::Cow::Borrowed(text),
            })
            .collect()
    }

    /// A file, or every `*.json` in a folder in name order.
    pub fn from_path(path: &Path) -> Result<Vec<Source>> {
        let shown = path.display().to_string();
        if path.is_dir() {
            json_files(
                path,
                &shown,
                "folder has no *.json files",
                "name a catalog file or a folder of them",
            )?
            .iter()
            .map(|f| Source::read(f))
            .collect()
        } else {
            Ok(vec![Source::read(path)?])
        }
    }

    fn read(path: &Path) -> Result<Source> {
        let name = path.display().to_string();
        let bytes = crate::input::read_file(path).map_err(|e| Error::read(&name, &e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::data(
                Problem::at(
                    &name,
                    &format!("byte {}", e.utf8_error().valid_up_to()),
                    "not valid UTF-8",
                )
                .hint("save the file as UTF-8"),
            )
        })?;
        Ok(Source {
            name,
            text: text.into(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Skill,
    Cert,
    Role,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Skill => "skill",
            Kind::Cert => "certification",
            Kind::Role => "role",
        }
    }
}

impl Kind {
    /// The place of this kind in per-kind arrays.
    fn slot(self) -> usize {
        self as usize
    }
}

/// Where an entry was read from, for messages: a file (an index into
/// `Catalog::files`) and the entry's place in its list.
#[derive(Debug, Clone, Copy)]
struct Origin {
    file: usize,
    at: usize,
}

impl Origin {
    /// The JSON path: `skills[3]`.
    fn path(self, kind: Kind) -> String {
        index(list_key(kind), self.at)
    }
}

/// The top-level list that holds entries of `kind`.
fn list_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Skill => "skills",
        Kind::Cert => "certifications",
        Kind::Role => "roles",
    }
}

/// The loaded, validated catalog.
#[derive(Debug, Default)]
pub struct Catalog {
    pub skills: Vec<Skill>,
    pub certs: Vec<Cert>,
    pub roles: Vec<Role>,
    index: names::IdMap<String, (Kind, usize)>,
    /// Where each skill, cert and role was read from, parallel to
    /// `skills`, `certs` and `roles`.
    origins: [Vec<Origin>; 3],
    /// The files loaded, in order.
    files: Vec<String>,
    /// Problems that do not stop the run (a role asking for a retired cert).
    pub warnings: Vec<String>,
    /// Ids of entries that were reported bad: references to them are not
    /// reported again as unknown.
    broken: std::collections::HashSet<String>,
    /// See [`Catalog::graph`].
    graph: std::sync::OnceLock<Graph>,
    /// See [`Catalog::hours_add_exactly`].
    exact_hours: std::sync::OnceLock<bool>,
    /// See [`Catalog::costs_add_exactly`].
    exact_costs: std::sync::OnceLock<bool>,
    /// Whether any skill declares itself the same as another.
    same_as: std::sync::OnceLock<bool>,
    /// Skill references as dense numbers, for the planner.
    dense: std::sync::OnceLock<crate::dense::Dense>,
    /// Whether [`Catalog::resolve`] says on stderr which id a name that is
    /// not an id resolved to (a command line sets it; tests and library
    /// callers keep stderr quiet).
    pub notes: bool,
    /// The names already said.
    said: std::sync::Mutex<std::collections::HashSet<String>>,
    /// The `x-*` keys of the entries that have any, by id: kept for
    /// `catalog export`, never read by the planner.
    extras: HashMap<String, Map<String, Value>>,
    /// Every entry a later file patched or replaced, in load order.
    pub overlaid: Vec<Overlaid>,
}

/// An entry of a later file whose id an earlier file (usually the bundled
/// catalog) already had: it patched that entry's fields or, with
/// `"replace": true`, replaced it whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Overlaid {
    pub id: String,
    pub kind: &'static str,
    /// The file and JSON path of the overlay's entry.
    pub file: String,
    pub path: String,
    /// The file the entry came from before.
    pub over: String,
    pub replaced: bool,
}

impl Drop for Catalog {
    /// A large catalog is a million small allocations, and freeing them
    /// takes longer than planning; a command about to exit need not wait
    /// for it ([`crate::let_go`]; even the bundled catalog's take a twelfth
    /// of a plan's time to free).
    fn drop(&mut self) {
        let large = self.skills.len() + self.certs.len() + self.roles.len() >= PARALLEL_FROM;
        if !large && !crate::exiting() {
            return;
        }
        let parts = (
            std::mem::take(&mut self.skills),
            std::mem::take(&mut self.certs),
            std::mem::take(&mut self.roles),
            std::mem::take(&mut self.index),
            std::mem::take(&mut self.origins),
            std::mem::take(&mut self.graph),
        );
        crate::let_go(parts, large);
    }
}

/// `$schema` lets an editor find the JSON Schema; certpath ignores it.
const TOP_FIELDS: &[&str] = &["$schema", "format", "skills", "certifications", "roles"];
const SKILL_FIELDS: &[&str] = &[
    "id",
    "name",
    "domain",
    "description",
    "hours",
    "requires",
    "same_as",
    "aliases",
    "note",
    "replace",
];
const CERT_FIELDS: &[&str] = &[
    "id",
    "name",
    "vendor",
    "level",
    "exams",
    "retired_exams",
    "study_hours",
    "validity_years",
    "validity_from",
    "renewal",
    "required_training",
    "annual_fee_usd",
    "covers",
    "requires",
    "recommends",
    "experience",
    "status",
    "replaced_by",
    "satisfies",
    "renews",
    "sources",
    "as_of",
    "demand",
    "aliases",
    "description",
    "note",
    "replace",
];
const ROLE_FIELDS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "description",
    "note",
    "skills",
    "certifications",
    "replace",
    "experience",
];
pub const RENEWAL_BY: &[&str] = &["ce", "retake", "assessment", "cpe", "none"];
pub const CERT_LEVELS: &[&str] = &[
    "fundamentals",
    "entry",
    "associate",
    "professional",
    "expert",
    "specialty",
];

/// The entries of one file, before merging, each with its place in its
/// list.
#[derive(Default)]
struct FileEntries {
    skills: Placed<Skill>,
    certs: Placed<Cert>,
    roles: Placed<Role>,
    broken: Vec<String>,
    /// The `x-*` keys of entries that have any, by id.
    extras: HashMap<String, Map<String, Value>>,
    /// Entries whose id an earlier file had: kind, id, place in the list,
    /// and whether they replace it whole.
    overlaid: Vec<(Kind, String, usize, bool)>,
}

/// Entries of one kind, in the order read, each with its place in its
/// file's list.
#[derive(Debug, PartialEq)]
struct Placed<T> {
    items: Vec<T>,
    at: Vec<usize>,
}

impl<T> Default for Placed<T> {
    fn default() -> Self {
        Placed {
            items: Vec::new(),
            at: Vec::new(),
        }
    }
}

impl<T> Placed<T> {
    /// All of `items`, in their file's order.
    fn all(items: Vec<T>) -> Self {
        let at = (0..items.len()).collect();
        Placed { items, at }
    }

    fn push(&mut self, item: T, at: usize) {
        self.items.push(item);
        self.at.push(at);
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    fn reserve(&mut self, n: usize) {
        self.items.reserve(n);
        self.at.reserve(n);
    }

    fn append(&mut self, mut more: Placed<T>) {
        self.items.append(&mut more.items);
        self.at.append(&mut more.at);
    }
}

/// What merging needs to know of an entry of a kind.
trait Listed: Sized {
    const KIND: Kind;
    fn id(&self) -> &str;
    /// The catalog's list of entries of this kind.
    fn list(cat: &mut Catalog) -> &mut Vec<Self>;
}

impl Listed for Skill {
    const KIND: Kind = Kind::Skill;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(cat: &mut Catalog) -> &mut Vec<Skill> {
        &mut cat.skills
    }
}

impl Listed for Cert {
    const KIND: Kind = Kind::Cert;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(cat: &mut Catalog) -> &mut Vec<Cert> {
        &mut cat.certs
    }
}

impl Listed for Role {
    const KIND: Kind = Kind::Role;
    fn id(&self) -> &str {
        &self.id
    }
    fn list(cat: &mut Catalog) -> &mut Vec<Role> {
        &mut cat.roles
    }
}

impl FileEntries {
    /// Room for `n` more entries of list `key`.
    fn reserve(&mut self, key: &str, n: usize) {
        match key {
            "skills" => self.skills.reserve(n),
            "certifications" => self.certs.reserve(n),
            _ => self.roles.reserve(n),
        }
    }

    /// Adds the entries of `more`, read after these.
    fn append(&mut self, mut more: FileEntries) {
        self.skills.append(more.skills);
        self.certs.append(more.certs);
        self.roles.append(more.roles);
        self.broken.append(&mut more.broken);
        self.extras.extend(more.extras);
        self.overlaid.append(&mut more.overlaid);
    }
}

impl Catalog {
    /// Loads and validates sources in order; later files replace entries
    /// with the same id.
    pub fn load(sources: &[Source]) -> Result<Catalog> {
        Catalog::load_inner(sources, false)
    }

    /// [`Catalog::load`] for a command that reads the graph (`graph`,
    /// `why`): a large catalog's graph is built beside the reference check,
    /// on another core, instead of after it.
    pub fn load_with_graph(sources: &[Source]) -> Result<Catalog> {
        Catalog::load_inner(sources, true)
    }

    fn load_inner(sources: &[Source], graph: bool) -> Result<Catalog> {
        let mut problems = Vec::new();
        let mut cat = Catalog::default();
        let mut unparsed = false;
        for src in sources {
            // Entry by entry when the file parses that way (a large
            // catalog never becomes one tree of values); else as a whole,
            // which also says where the JSON goes wrong.
            let mut r = Reader::new(&src.name);
            let lazy =
                || json::top_level(&src.text, &LISTS).and_then(|top| read_top(&mut r, top, &cat));
            let entries = match plain_file(src, &cat).or_else(lazy) {
                Some(entries) => entries,
                None => {
                    r = Reader::new(&src.name);
                    let value = match json::parse(&src.name, &src.text) {
                        Ok(v) => v,
                        Err(p) => {
                            problems.push(p);
                            unparsed = true;
                            continue;
                        }
                    };
                    read_file(&mut r, &value, &cat)
                }
            };
            cat.broken.extend(entries.broken.iter().cloned());
            problems.append(&mut r.problems);
            cat.merge(&src.name, entries, &mut problems);
        }
        // References and cycles are checked even when some entries were
        // bad, so that every problem is reported at once; only a file that
        // is not JSON at all would make them noise.
        if !unparsed {
            let big = cat.skills.len() + cat.certs.len() + cat.roles.len() >= PARALLEL_FROM;
            let warnings = if graph && big && cpus() >= 2 {
                // The graph leaves bad references out, so it may be built
                // before they are reported.
                rayon::join(|| cat.graph(), || cat.check_references(&mut problems)).1
            } else {
                cat.check_references(&mut problems)
            };
            cat.warnings.extend(warnings);
            cat.check_cycles(&mut problems);
        }
        if problems.is_empty() {
            Ok(cat)
        } else {
            Err(Error::data_many(problems))
        }
    }

    fn merge(&mut self, file: &str, mut entries: FileEntries, problems: &mut Vec<Problem>) {
        let f = self.files.len();
        self.files.push(file.to_string());
        for (kind, id, at, replaced) in std::mem::take(&mut entries.overlaid) {
            if let Some((over, _)) = self.origin(&id) {
                self.overlaid.push(Overlaid {
                    kind: kind.word(),
                    file: file.to_string(),
                    path: index(list_key(kind), at),
                    over: over.to_string(),
                    replaced,
                    id,
                });
            }
        }
        let mut extras = std::mem::take(&mut entries.extras);
        self.index
            .reserve(entries.skills.len() + entries.certs.len() + entries.roles.len());
        // Entries of this file refused for their id's kind: a later entry
        // with the same id is still a duplicate of theirs.
        let mut refused: HashMap<String, String> = HashMap::new();
        let (r, x) = (&mut refused, &mut extras);
        self.merge_list(entries.skills, (file, f), r, problems, x);
        self.merge_list(entries.certs, (file, f), r, problems, x);
        self.merge_list(entries.roles, (file, f), r, problems, x);
    }

    /// Merges the entries of one kind of file `place` (its name and its
    /// index in `files`): first each id into the index, which reports
    /// duplicates and clashes in the file's order, then each entry taken
    /// into its place. The entries of a first file, all taken, become the
    /// catalog's list as they are, without a copy.
    fn merge_list<T: Listed>(
        &mut self,
        list: Placed<T>,
        place: (&str, usize),
        refused: &mut HashMap<String, String>,
        problems: &mut Vec<Problem>,
        extras: &mut HashMap<String, Map<String, Value>>,
    ) {
        let (file, f) = place;
        let kind = T::KIND;
        self.origins[kind.slot()].reserve(list.len());
        // The index keeps its own copy of each id; the entry keeps the other.
        let slots: Vec<Option<Option<usize>>> = list
            .items
            .iter()
            .zip(&list.at)
            .map(|(x, at)| {
                let id = x.id().to_string();
                self.insert(kind, id, (file, f, *at), refused, problems)
            })
            .collect();
        if T::list(self).is_empty() && slots.iter().all(|s| *s == Some(None)) {
            *T::list(self) = list.items;
            for i in 0..slots.len() {
                self.keep_extras(kind, i, extras);
            }
            return;
        }
        T::list(self).reserve(slots.iter().filter(|s| **s == Some(None)).count());
        for (x, slot) in list.items.into_iter().zip(slots) {
            if let Some(slot) = slot {
                let i = put(T::list(self), slot, x);
                self.keep_extras(kind, i, extras);
            }
        }
    }

    /// Keeps the `x-*` keys the entry `kind` `i` just read has, in place
    /// of those of the entry it replaced.
    fn keep_extras(
        &mut self,
        kind: Kind,
        i: usize,
        extras: &mut HashMap<String, Map<String, Value>>,
    ) {
        // Most catalogs have none at all.
        if extras.is_empty() && self.extras.is_empty() {
            return;
        }
        let id = match kind {
            Kind::Skill => &self.skills[i].id,
            Kind::Cert => &self.certs[i].id,
            Kind::Role => &self.roles[i].id,
        };
        match extras.remove_entry(id) {
            Some((id, x)) => {
                self.extras.insert(id, x);
            }
            None => {
                self.extras.remove(id.as_str());
            }
        }
    }

    /// The `x-*` keys of an entry (empty for most).
    pub fn extras(&self, id: &str) -> Option<&Map<String, Value>> {
        self.extras.get(id)
    }

    /// An entry as a catalog file holds it, `x-*` keys included: what a
    /// patch is applied to, and what `catalog export` writes.
    pub fn entry_value(&self, id: &str) -> Option<Value> {
        let value = match self.index.get(id)? {
            (Kind::Skill, i) => serde_json::to_value(&self.skills[*i]),
            (Kind::Cert, i) => serde_json::to_value(&self.certs[*i]),
            (Kind::Role, i) => serde_json::to_value(&self.roles[*i]),
        };
        let mut value = value.ok()?;
        if let (Some(m), Some(x)) = (value.as_object_mut(), self.extras.get(id)) {
            m.extend(x.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Some(value)
    }

    /// The whole catalog as one catalog file, `x-*` keys included: loaded
    /// with `--no-builtin --catalog`, it gives this catalog back.
    pub fn to_value(&self) -> Value {
        let list = |ids: Vec<&str>| -> Value {
            Value::Array(
                ids.into_iter()
                    .filter_map(|id| self.entry_value(id))
                    .collect(),
            )
        };
        serde_json::json!({
            "format": 1,
            "skills": list(self.skills.iter().map(|x| x.id.as_str()).collect()),
            "certifications": list(self.certs.iter().map(|x| x.id.as_str()).collect()),
            "roles": list(self.roles.iter().map(|x| x.id.as_str()).collect()),
        })
    }

    /// Adds an entry read at `place` (the file's name, its index in
    /// `files`, the entry's place in its list), or replaces the entry of an
    /// earlier file with the same id. An id seen before in the same file is
    /// a duplicate; an id of another kind is refused. The place the entry
    /// is to take when it is taken: `None` for a new one, which comes
    /// after those before it.
    fn insert(
        &mut self,
        kind: Kind,
        id: String,
        place: (&str, usize, usize),
        refused: &mut HashMap<String, String>,
        problems: &mut Vec<Problem>,
    ) -> Option<Option<usize>> {
        let (file, f, at) = place;
        let path = || index(list_key(kind), at);
        let new = self.origins[kind.slot()].len();
        let existing = match self.index.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => Some((e.key().clone(), *e.get())),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((kind, new));
                None
            }
        };
        let slot = match existing {
            None => None,
            Some((id, (k, i))) => {
                let first = if self.origins[k.slot()][i].file == f {
                    Some(self.origins[k.slot()][i].path(k))
                } else {
                    refused.get(&id).cloned()
                };
                if let Some(first) = first {
                    problems.push(
                        Problem::at(
                            file,
                            &path(),
                            format!("duplicate id `{id}`, first at {first}"),
                        )
                        .hint("ids must be unique within a file: rename or remove one"),
                    );
                    return None;
                }
                if k != kind {
                    let first = &self.files[self.origins[k.slot()][i].file];
                    problems.push(
                        Problem::at(
                            file,
                            &path(),
                            format!(
                                "id `{id}` is a {} here but a {} in {}",
                                kind.word(),
                                k.word(),
                                first
                            ),
                        )
                        .hint(
                            "ids are unique across skills, certifications and roles: choose another id",
                        ),
                    );
                    refused.insert(id, path());
                    return None;
                }
                Some(i)
            }
        };
        put(&mut self.origins[kind.slot()], slot, Origin { file: f, at });
        Some(slot)
    }

    /// The file and JSON path an entry was read from.
    pub fn origin(&self, id: &str) -> Option<(&str, String)> {
        let (k, i) = self.index.get(id)?;
        let o = self.origins[k.slot()][*i];
        Some((&self.files[o.file], o.path(*k)))
    }

    /// Whether every sum of study hours this catalog can make is exact in
    /// floating point, in any order: every hours value a multiple of
    /// 1/1024 and all of them together below 2^43. Then sums need not be
    /// made in one particular order to come out the same.
    /// Whether any skill is linked to another by `same_as`: without any,
    /// the planner need not look for links at every requirement.
    pub fn has_same_as(&self) -> bool {
        *self
            .same_as
            .get_or_init(|| self.skills.iter().any(|s| !s.same_as.is_empty()))
    }

    /// The catalog as one petgraph graph, built on first use (`why`,
    /// `graph`, browsing dependents): the planner does not need it.
    pub fn graph(&self) -> &Graph {
        self.graph.get_or_init(|| Graph::build(self))
    }

    /// Whether the certs' prerequisites (`requires`, `recommends`, their
    /// any_of options) go round: a linear pass, for a catalog whose
    /// references are good. Nothing a skill needs leads back to a cert.
    fn certs_cycle(&self) -> bool {
        let edges = |c: &Cert| -> Vec<usize> {
            c.requires
                .iter()
                .chain(&c.recommends)
                .flat_map(|p| match p {
                    Prereq::Cert { cert } => std::slice::from_ref(cert),
                    Prereq::AnyOf { any_of } => any_of.as_slice(),
                    Prereq::Skill { .. } => &[],
                })
                .filter_map(|id| self.cert_index(id))
                .collect()
        };
        let to: Vec<Vec<usize>> = self.certs.iter().map(edges).collect();
        crate::graph::has_cycle(to.len(), |i| to[i].iter().copied())
    }

    /// The skill references resolved to dense numbers (made on first use:
    /// commands that do not plan never pay for it).
    pub fn dense(&self) -> &crate::dense::Dense {
        self.dense.get_or_init(|| crate::dense::Dense::build(self))
    }

    /// Whether every skill's and cert's hours are multiples of 1/1024
    /// whose sum stays far below 2^53: then they add up to the same total
    /// in any order, and a plan's hours need not be added in its order.
    pub fn hours_add_exactly(&self) -> bool {
        *self.exact_hours.get_or_init(|| {
            add_exactly(
                self.skills
                    .iter()
                    .flat_map(|s| s.hours)
                    .chain(self.certs.iter().flat_map(|c| {
                        [
                            c.study_hours.unwrap_or(0.0),
                            c.required_training.as_ref().map_or(0.0, |t| t.hours),
                        ]
                    })),
            )
        })
    }

    /// Whether both hours and prices add up alike in any order: a
    /// closure's totals are then a plan's, whatever its order.
    pub fn totals_add_exactly(&self) -> bool {
        self.hours_add_exactly() && self.costs_add_exactly()
    }

    /// The same of the certs' prices (exams and training): then a plan's
    /// cost adds up alike in any order.
    pub fn costs_add_exactly(&self) -> bool {
        *self.exact_costs.get_or_init(|| {
            add_exactly(self.certs.iter().flat_map(|c| {
                c.exams
                    .iter()
                    .map(|e| e.cost_usd)
                    .chain([c.required_training.as_ref().and_then(|t| t.cost_usd)])
                    .map(|x| x.unwrap_or(0.0))
            }))
        })
    }

    /// The place of an entry among the skills, then the certs, then the
    /// roles: its node in the graph.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|(k, i)| match k {
            Kind::Skill => *i,
            Kind::Cert => self.skills.len() + i,
            Kind::Role => self.skills.len() + self.certs.len() + i,
        })
    }

    /// The node of an id in [`Catalog::graph`], which holds the entries in
    /// the catalog's order: found by the catalog's own index, without the
    /// graph's map of ids (a copy of every id, made on its first use).
    pub fn node(&self, id: &str) -> Option<petgraph::graph::NodeIndex> {
        self.position(id).map(petgraph::graph::NodeIndex::new)
    }

    /// The kind of the entry `id` and its place in that kind's list.
    pub fn entry_of(&self, id: &str) -> Option<(Kind, usize)> {
        self.index.get(id).copied()
    }

    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        self.index.get(id).map(|(k, _)| *k)
    }

    pub fn skill(&self, id: &str) -> Option<&Skill> {
        match self.index.get(id) {
            Some((Kind::Skill, i)) => Some(&self.skills[*i]),
            _ => None,
        }
    }

    pub fn cert(&self, id: &str) -> Option<&Cert> {
        match self.index.get(id) {
            Some((Kind::Cert, i)) => Some(&self.certs[*i]),
            _ => None,
        }
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        match self.index.get(id) {
            Some((Kind::Role, i)) => Some(&self.roles[*i]),
            _ => None,
        }
    }

    pub fn skill_index(&self, id: &str) -> Option<usize> {
        match self.index.get(id) {
            Some((Kind::Skill, i)) => Some(*i),
            _ => None,
        }
    }

    pub fn cert_index(&self, id: &str) -> Option<usize> {
        match self.index.get(id) {
            Some((Kind::Cert, i)) => Some(*i),
            _ => None,
        }
    }

    /// The display name of any id.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        match self.index.get(id) {
            Some((Kind::Skill, i)) => &self.skills[*i].name,
            Some((Kind::Cert, i)) => &self.certs[*i].name,
            Some((Kind::Role, i)) => &self.roles[*i].name,
            None => id,
        }
    }

    /// A short display name: a cert's first alias when it is shorter.
    pub fn short_name<'a>(&'a self, id: &'a str) -> &'a str {
        match self.index.get(id) {
            Some((Kind::Cert, i)) => {
                let c = &self.certs[*i];
                c.aliases
                    .first()
                    .filter(|a| a.len() < c.name.len())
                    .map_or(c.name.as_str(), String::as_str)
            }
            Some((Kind::Skill, i)) => &self.skills[*i].name,
            Some((Kind::Role, i)) => &self.roles[*i].name,
            None => id,
        }
    }

    /// Resolves a name given on the command line among entries of `kinds`.
    pub fn resolve<'a>(&'a self, name: &str, kinds: &[Kind]) -> Result<(Kind, String)> {
        // An exact id wins, and ids are unique: no need to look further.
        if let Some((k, _)) = self.index.get(name) {
            if kinds.contains(k) {
                return Ok((*k, name.to_string()));
            }
        }
        let mut entries: Vec<names::Entry<Kind>> = Vec::new();
        let entry = |id: &'a str, name: &'a str, aliases: &'a [String], value: Kind| names::Entry {
            id,
            name,
            aliases,
            value,
        };
        if kinds.contains(&Kind::Skill) {
            entries.extend(
                self.skills
                    .iter()
                    .map(|s| entry(&s.id, &s.name, &s.aliases, Kind::Skill)),
            );
        }
        if kinds.contains(&Kind::Cert) {
            entries.extend(
                self.certs
                    .iter()
                    .map(|s| entry(&s.id, &s.name, &s.aliases, Kind::Cert)),
            );
        }
        if kinds.contains(&Kind::Role) {
            entries.extend(
                self.roles
                    .iter()
                    .map(|s| entry(&s.id, &s.name, &s.aliases, Kind::Role)),
            );
        }
        let what = kinds
            .iter()
            .map(|k| k.word())
            .collect::<Vec<_>>()
            .join(" or ");
        let iter = entries.iter().map(|e| names::Entry {
            id: e.id,
            name: e.name,
            aliases: e.aliases,
            value: (e.value, e.id),
        });
        match names::lookup(name, iter) {
            Lookup::Found((k, id)) => {
                self.say_resolved(name, k, id);
                Ok((k, id.to_string()))
            }
            Lookup::Ambiguous(ids) => Err(Error::data(
                Problem::new(format!("`{name}` matches several: {}", ids.join(", ")))
                    .hint("type the id, or the whole name, of the one you mean"),
            )),
            Lookup::Unknown(s) => {
                let hint = match s {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("list the known ids with `certpath {}s`", plural_cmd(kinds)),
                };
                Err(Error::data(
                    Problem::new(format!("unknown {what} `{name}`")).hint(hint),
                ))
            }
        }
    }

    /// Says on stderr which id a name that was not the id resolved to, once
    /// per name, when [`Catalog::notes`] is on.
    fn say_resolved(&self, name: &str, kind: Kind, id: &str) {
        if !self.notes {
            return;
        }
        let mut said = self.said.lock().unwrap_or_else(|e| e.into_inner());
        if said.insert(name.to_string()) {
            let _ = writeln!(
                std::io::stderr(),
                "note: `{name}` is the {} `{id}`",
                kind.word()
            );
        }
    }

    pub fn resolve_role(&self, name: &str) -> Result<&Role> {
        let (_, id) = self.resolve(name, &[Kind::Role])?;
        Ok(self.role(&id).expect("resolved role exists"))
    }

    /// Problems with references between entries: unknown ids, ids of the
    /// wrong kind, retired certs without a replacement. JSON paths are
    /// built only for the references that are reported.
    fn check_references(&self, problems: &mut Vec<Problem>) -> Vec<String> {
        use rayon::prelude::*;
        let mut warnings = Vec::new();
        let mut retired_asks: BTreeMap<&str, Vec<(&str, String, &str)>> = BTreeMap::new();
        let mut hints = Hints::new();
        // The references to skills of a large catalog are first looked up
        // on every core: when all are skills, as they nearly always are,
        // the loops below need not look them up again one by one (a look
        // up that finds what it expects says nothing).
        let fine = |list: &[SkillLevel]| {
            list.iter()
                .all(|r| self.kind_of(&r.skill) == Some(Kind::Skill))
        };
        let requires_fine =
            self.skills.len() >= PARALLEL_FROM && self.skills.par_iter().all(|s| fine(&s.requires));
        let covers_fine =
            self.certs.len() >= PARALLEL_FROM && self.certs.par_iter().all(|c| fine(&c.covers));
        for (s, o) in self.skills.iter().zip(&self.origins[Kind::Skill.slot()]) {
            let file = self.files[o.file].as_str();
            let at = || o.path(Kind::Skill);
            if !requires_fine {
                for (i, r) in s.requires.iter().enumerate() {
                    let p = || format!("{}.requires[{i}].skill", at());
                    self.expect(&r.skill, Kind::Skill, file, p, problems, &mut hints);
                }
            }
            for (i, r) in s.same_as.iter().enumerate() {
                let p = || format!("{}.same_as[{i}].skill", at());
                if r.skill == s.id {
                    problems.push(
                        Problem::at(file, &p(), format!("`{}` is the same as itself", s.id))
                            .hint("remove the entry"),
                    );
                } else {
                    self.expect(&r.skill, Kind::Skill, file, p, problems, &mut hints);
                }
            }
        }
        for (c, o) in self.certs.iter().zip(&self.origins[Kind::Cert.slot()]) {
            let file = self.files[o.file].as_str();
            let at = || o.path(Kind::Cert);
            if !covers_fine {
                for (i, r) in c.covers.iter().enumerate() {
                    let p = || format!("{}.covers[{i}].skill", at());
                    self.expect(&r.skill, Kind::Skill, file, p, problems, &mut hints);
                }
            }
            for (field, list) in [("requires", &c.requires), ("recommends", &c.recommends)] {
                for (i, r) in list.iter().enumerate() {
                    let p = || format!("{}.{field}[{i}]", at());
                    match r {
                        Prereq::Cert { cert } => {
                            let q = || join(&p(), "cert");
                            self.expect(cert, Kind::Cert, file, q, problems, &mut hints);
                        }
                        Prereq::Skill { skill, .. } => {
                            let q = || join(&p(), "skill");
                            self.expect(skill, Kind::Skill, file, q, problems, &mut hints);
                        }
                        Prereq::AnyOf { any_of } => {
                            for (j, id) in any_of.iter().enumerate() {
                                let q = || index(&join(&p(), "any_of"), j);
                                self.expect(id, Kind::Cert, file, q, problems, &mut hints);
                            }
                        }
                    }
                    let lists_itself = match r {
                        Prereq::Cert { cert } => *cert == c.id,
                        Prereq::AnyOf { any_of } => any_of.contains(&c.id),
                        Prereq::Skill { .. } => false,
                    };
                    if lists_itself {
                        problems.push(
                            Problem::at(file, &p(), format!("`{}` lists itself", c.id))
                                .hint("remove the entry"),
                        );
                    }
                }
            }
            for (field, list) in [
                ("replaced_by", &c.replaced_by),
                ("satisfies", &c.satisfies),
                ("renews", &c.renews),
            ] {
                for (i, id) in list.iter().enumerate() {
                    let p = || index(&format!("{}.{field}", at()), i);
                    self.expect(id, Kind::Cert, file, p, problems, &mut hints);
                }
            }
            if c.is_retired()
                && !c.replaced_by.is_empty()
                && self.active_replacements(&c.id).is_empty()
            {
                problems.push(
                    Problem::at(file, &format!("{}.replaced_by", at()), format!("retired certification `{}` is replaced only by retired certifications", c.id))
                        .hint("name at least one active certification in `replaced_by` (directly or down the chain)"),
                );
            }
            if c.is_retired() && c.replaced_by.is_empty() {
                problems.push(
                    Problem::at(
                        file,
                        &at(),
                        format!("retired certification `{}` names no replacement", c.id),
                    )
                    .hint("add `replaced_by` with the certs that replace it"),
                );
            }
        }
        for (role, o) in self.roles.iter().zip(&self.origins[Kind::Role.slot()]) {
            let file = self.files[o.file].as_str();
            let at = || o.path(Kind::Role);
            let place = |k: usize| role.skill_places.get(k).copied().unwrap_or(k);
            for (i, r) in role.skills.iter().enumerate() {
                let p = || format!("{}.skills[{}].skill", at(), place(i));
                self.expect(&r.skill, Kind::Skill, file, p, problems, &mut hints);
            }
            for (i, ch) in role.skill_choices.iter().enumerate() {
                let k = place(role.skills.len() + i);
                for (j, r) in ch.any_of.iter().enumerate() {
                    let p = || {
                        let base = format!("{}.skills[{k}]", at());
                        if ch.any_of.len() == 1 && ch.optional {
                            format!("{base}.skill")
                        } else {
                            format!("{base}.any_of[{j}].skill")
                        }
                    };
                    self.expect(&r.skill, Kind::Skill, file, p, problems, &mut hints);
                }
            }
            for (i, rc) in role.certifications.iter().enumerate() {
                let base = || format!("{}.certifications[{i}]", at());
                let opts = rc.options();
                for (j, id) in opts.iter().enumerate() {
                    let p = || match rc {
                        RoleCert::One(_) => base(),
                        RoleCert::AnyOf { .. } => index(&join(&base(), "any_of"), j),
                    };
                    if self.expect(id, Kind::Cert, file, p, problems, &mut hints) {
                        let c = self.cert(id).expect("checked");
                        if c.is_retired() {
                            retired_asks.entry(c.id.as_str()).or_default().push((
                                file,
                                p(),
                                role.id.as_str(),
                            ));
                        }
                    }
                }
            }
        }
        // One warning per retired cert, however many roles ask for it: a
        // framework's forty roles must not print forty lines.
        for (id, asks) in retired_asks {
            let c = self.cert(id).expect("checked");
            let (file, place, role) = &asks[0];
            let more = match asks.len() {
                1 => String::new(),
                2 => " and 1 more role".to_string(),
                n => format!(" and {} more roles", n - 1),
            };
            warnings.push(format!(
                "{file}: {place}: role `{role}`{more} ask{} for retired certification `{id}`; planning its replacement {} instead",
                if asks.len() == 1 { "s" } else { "" },
                c.replaced_by.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(" or ")
            ));
        }
        warnings
    }

    /// The active certs a retired cert leads to through `replaced_by`
    /// chains, in id order; the cert itself when it is active.
    pub fn active_replacements(&self, id: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![id];
        while let Some(x) = stack.pop() {
            let Some(c) = self.cert(x) else { continue };
            if !seen.insert(c.id.as_str()) {
                continue;
            }
            if c.is_retired() {
                stack.extend(c.replaced_by.iter().map(String::as_str));
            } else {
                out.push(c.id.as_str());
            }
        }
        out.sort();
        out
    }

    /// Checks that `id` names an entry of `kind`; reports it at the path
    /// `path` gives otherwise.
    fn expect(
        &self,
        id: &str,
        kind: Kind,
        file: &str,
        path: impl FnOnce() -> String,
        problems: &mut Vec<Problem>,
        hints: &mut Hints,
    ) -> bool {
        match self.index.get(id) {
            Some((k, _)) if *k == kind => true,
            Some((k, _)) => {
                problems.push(
                    Problem::at(
                        file,
                        &path(),
                        format!("`{id}` is a {}, not a {}", k.word(), kind.word()),
                    )
                    .hint(format!("name a {} here", kind.word())),
                );
                false
            }
            None if self.broken.contains(id) => false,
            None => {
                let hint = match hints.closest(self, id, kind) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "define a {} with this id, or fix the reference",
                        kind.word()
                    ),
                };
                problems.push(
                    Problem::at(file, &path(), format!("unknown {} `{id}`", kind.word()))
                        .hint(hint),
                );
                false
            }
        }
    }

    fn check_cycles(&self, problems: &mut Vec<Problem>) {
        // With every reference good, a linear pass over the prerequisites
        // says whether there is a cycle, and the graph is built only to
        // name it; with bad ones, the graph (which leaves them out) does both.
        let suspect = !problems.is_empty() || self.dense().has_cycle() || self.certs_cycle();
        let cycles = if suspect {
            self.graph().cycles(self)
        } else {
            Vec::new()
        };
        for cycle in cycles {
            let (file, path) = self.origin(&cycle[0]).expect("a cycle's ids exist");
            problems.push(
                Problem::at(file, &path, format!("cycle: {}", show_cycle(&cycle))).hint(
                    "a prerequisite cannot depend on what it is a prerequisite of: remove one edge",
                ),
            );
        }
        self.check_replacement_cycles(problems);
    }

    /// Cycles that close through a retired cert's `replaced_by`: a cert
    /// that needs a retired cert which is replaced by the cert itself (or
    /// by something that needs it). The planner plans the replacement in
    /// the retired cert's place, so this is a cycle like any other.
    fn check_replacement_cycles(&self, problems: &mut Vec<Problem>) {
        use petgraph::graph::{DiGraph, NodeIndex};
        use petgraph::visit::EdgeRef;
        if !self
            .certs
            .iter()
            .any(|c| c.is_retired() && !c.replaced_by.is_empty())
        {
            return;
        }
        // Certs only: nothing a skill needs leads back to a cert. An edge
        // is `true` when it is a replacement.
        let mut g: DiGraph<(), bool> = DiGraph::new();
        for _ in &self.certs {
            g.add_node(());
        }
        let node = |id: &str| self.cert_index(id).map(NodeIndex::new);
        for (i, c) in self.certs.iter().enumerate() {
            let from = NodeIndex::new(i);
            for p in c.requires.iter().chain(&c.recommends) {
                let ids: &[String] = match p {
                    Prereq::Cert { cert } => std::slice::from_ref(cert),
                    Prereq::AnyOf { any_of } => any_of,
                    Prereq::Skill { .. } => &[],
                };
                for to in ids.iter().filter_map(|id| node(id)) {
                    g.add_edge(from, to, false);
                }
            }
            if c.is_retired() {
                for to in c.replaced_by.iter().filter_map(|id| node(id)) {
                    g.add_edge(from, to, true);
                }
            }
        }
        let id = |n: NodeIndex| self.certs[n.index()].id.as_str();
        let mut found: Vec<(Vec<NodeIndex>, Vec<bool>)> = Vec::new();
        // Kosaraju's algorithm is iterative in petgraph (Tarjan's recurses
        // once per node of a chain and overflows the stack on long ones).
        for scc in petgraph::algo::kosaraju_scc(&g) {
            if scc.len() == 1 && !g.contains_edge(scc[0], scc[0]) {
                continue;
            }
            let members: BTreeSet<NodeIndex> = scc.iter().copied().collect();
            let inside: Vec<_> = g
                .edge_references()
                .filter(|e| members.contains(&e.source()) && members.contains(&e.target()))
                .collect();
            // Prerequisites alone are reported as plain cycles; replacements
            // alone plan nothing twice.
            if !(inside.iter().any(|e| *e.weight()) && inside.iter().any(|e| !*e.weight())) {
                continue;
            }
            // Around from the first replacement (by id) back to itself, by
            // the shortest way, preferring one that needs a prerequisite.
            let mut replacements: Vec<_> = inside.iter().filter(|e| *e.weight()).collect();
            replacements.sort_by_key(|e| (id(e.source()), id(e.target())));
            let mut best: Option<(Vec<NodeIndex>, Vec<bool>)> = None;
            for r in replacements {
                let Some((path, kinds)) = shortest(&g, &members, r.target(), r.source(), id) else {
                    continue;
                };
                let mut cycle = vec![r.source(), r.target()];
                cycle.extend(path);
                let mut edges = vec![true];
                edges.extend(kinds);
                let needs = edges.iter().any(|k| !k);
                if needs || best.is_none() {
                    best = Some((cycle, edges));
                }
                if needs {
                    break;
                }
            }
            found.extend(best);
        }
        found.sort_by(|a, b| {
            let ids = |c: &[NodeIndex]| c.iter().map(|n| id(*n)).collect::<Vec<_>>();
            ids(&a.0).cmp(&ids(&b.0))
        });
        for (cycle, edges) in found {
            let names: Vec<&str> = cycle.iter().map(|n| id(*n)).collect();
            let replaced: Vec<String> = edges
                .iter()
                .enumerate()
                .filter(|(_, r)| **r)
                .map(|(k, _)| {
                    format!(
                        "`{}` is retired and replaced by `{}`",
                        names[k],
                        names[k + 1]
                    )
                })
                .collect();
            let (file, path) = self.origin(names[0]).expect("a cycle's ids exist");
            problems.push(
                Problem::at(
                    file,
                    &path,
                    format!("cycle: {} ({})", names.join(" -> "), replaced.join("; ")),
                )
                .hint(
                    "a certification cannot need a retired one whose replacement needs it: remove the prerequisite or change `replaced_by`",
                ),
            );
        }
    }
}

/// One line saying what an overlay entry did: "overlay.json:
/// certifications[0]: patches the certification `comptia-security-plus`
/// of data/certs-comptia.json (bundled)".
pub fn describe_overlaid(o: &Overlaid) -> String {
    format!(
        "{}: {}: {} the {} `{}` of {}",
        o.file,
        o.path,
        if o.replaced { "replaces" } else { "patches" },
        o.kind,
        o.id,
        o.over
    )
}

/// The shortest path from `from` to `to` inside `members`, ties broken by
/// id: the nodes after `from` (none when `from` is `to`), and for each
/// step whether it is a replacement.
/// A cycle as `a -> b -> a`; a very long one (a generated catalog) with
/// its middle counted instead of listed, so that the error stays a line.
fn show_cycle(cycle: &[String]) -> String {
    const EACH_END: usize = 10;
    if cycle.len() <= 3 * EACH_END {
        return cycle.join(" -> ");
    }
    format!(
        "{} -> ... ({} more) ... -> {}",
        cycle[..EACH_END].join(" -> "),
        cycle.len() - 2 * EACH_END,
        cycle[cycle.len() - EACH_END..].join(" -> ")
    )
}

fn shortest<'a>(
    g: &petgraph::graph::DiGraph<(), bool>,
    members: &BTreeSet<petgraph::graph::NodeIndex>,
    from: petgraph::graph::NodeIndex,
    to: petgraph::graph::NodeIndex,
    id: impl Fn(petgraph::graph::NodeIndex) -> &'a str,
) -> Option<(Vec<petgraph::graph::NodeIndex>, Vec<bool>)> {
    use petgraph::visit::EdgeRef;
    let mut came: HashMap<petgraph::graph::NodeIndex, (petgraph::graph::NodeIndex, bool)> =
        HashMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen: BTreeSet<petgraph::graph::NodeIndex> = BTreeSet::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let (mut path, mut kinds) = (Vec::new(), Vec::new());
            let mut n = to;
            while n != from {
                let (prev, kind) = came[&n];
                path.push(n);
                kinds.push(kind);
                n = prev;
            }
            path.reverse();
            kinds.reverse();
            return Some((path, kinds));
        }
        let mut next: Vec<_> = g
            .edges(at)
            .filter(|e| members.contains(&e.target()))
            .map(|e| (e.target(), *e.weight()))
            .collect();
        next.sort_by_key(|(n, r)| (id(*n), *r));
        for (n, r) in next {
            if seen.insert(n) {
                came.insert(n, (at, r));
                queue.push_back(n);
            }
        }
    }
    None
}

/// Did-you-mean for unknown references. Each unknown id is looked up once;
/// past a budget of comparisons (thousands of broken references into a
/// large catalog), the hint stops guessing instead of taking minutes.
struct Hints {
    memo: HashMap<(Kind, String), Option<String>>,
    budget: usize,
}

/// About a second of comparisons at the slowest.
const HINT_BUDGET: usize = 5_000_000;

impl Hints {
    fn new() -> Hints {
        Hints {
            memo: HashMap::new(),
            budget: HINT_BUDGET,
        }
    }

    fn closest(&mut self, cat: &Catalog, id: &str, kind: Kind) -> Option<String> {
        if let Some(s) = self.memo.get(&(kind, id.to_string())) {
            return s.clone();
        }
        let count = match kind {
            Kind::Skill => cat.skills.len(),
            Kind::Cert => cat.certs.len(),
            Kind::Role => cat.roles.len(),
        };
        let found = if count <= self.budget {
            self.budget -= count;
            let ids: Box<dyn Iterator<Item = &str>> = match kind {
                Kind::Skill => Box::new(cat.skills.iter().map(|x| x.id.as_str())),
                Kind::Cert => Box::new(cat.certs.iter().map(|x| x.id.as_str())),
                Kind::Role => Box::new(cat.roles.iter().map(|x| x.id.as_str())),
            };
            names::closest(id, ids).map(str::to_string)
        } else {
            None
        };
        self.memo.insert((kind, id.to_string()), found.clone());
        found
    }
}

fn put<T>(list: &mut Vec<T>, slot: Option<usize>, item: T) -> usize {
    match slot {
        Some(i) => {
            list[i] = item;
            i
        }
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

fn plural_cmd(kinds: &[Kind]) -> &'static str {
    match kinds {
        [Kind::Skill] => "skill",
        [Kind::Role] => "role",
        _ => "cert",
    }
}

/// Reads the `format` key of a catalog or profile document.
pub fn check_format(r: &mut Reader, map: &Map<String, Value>, what: &str) {
    if let Some(v) = map.get("format") {
        match crate::json::whole_number(v) {
            Some(1) => {}
            Some(n) if n > 1 => r.error(
                "format",
                format!("this {what} is format {n}, written by a newer certpath"),
                Some("upgrade certpath to read it".into()),
            ),
            _ => r.error(
                "format",
                format!("unknown format {v}"),
                Some("use \"format\": 1".into()),
            ),
        }
    }
}

fn read_file(r: &mut Reader, value: &Value, base: &Catalog) -> FileEntries {
    let mut out = FileEntries::default();
    let Some(map) = r.object(value, "", TOP_FIELDS, &[]) else {
        return out;
    };
    check_format(r, map, "catalog");
    for key in LISTS {
        for (i, v) in r.array(map, "", key).iter().enumerate() {
            read_entry(r, &mut out, key, i, v, base);
        }
    }
    out
}

/// The top-level lists of a catalog file.
const LISTS: [&str; 3] = ["skills", "certifications", "roles"];

/// `read_file` on a document whose top level was read as text: the same
/// checks in the same order, each entry parsed, read and dropped in turn.
/// `None` when a value does not parse (the caller then parses the whole
/// file, to report where).
fn read_top(r: &mut Reader, top: json::Top, base: &Catalog) -> Option<FileEntries> {
    // The top level with each list of entries left empty: read below,
    // entry by entry.
    let mut shallow = Map::new();
    let mut lists: [Vec<&str>; 3] = Default::default();
    for (key, value) in top.keys {
        match value {
            json::TopValue::List(items) => {
                let i = LISTS.iter().position(|l| *l == key).expect("a list");
                lists[i] = items;
                shallow.insert(key, Value::Array(Vec::new()));
            }
            json::TopValue::Raw(raw) => {
                shallow.insert(key, json::value(raw)?);
            }
        }
    }
    let shallow = Value::Object(shallow);
    let mut out = FileEntries::default();
    let map = r.object(&shallow, "", TOP_FIELDS, &[])?;
    check_format(r, map, "catalog");
    for (key, items) in LISTS.iter().zip(&lists) {
        read_items(r, &mut out, key, items, base)?;
    }
    Some(out)
}

/// A file of well-formed, new entries, read in one pass: as `read_top`
/// would read it, without first cutting it into entries. Only for files
/// below [`WHOLE_FILE_BELOW`] bytes: a larger one is read in parts on
/// several threads, and one bad entry in it would have it parsed twice.
fn plain_file(src: &Source, base: &Catalog) -> Option<FileEntries> {
    if src.text.len() >= WHOLE_FILE_BELOW {
        return None;
    }
    let e = plain::file(&src.text, |id| base.kind_of(id).is_none())?;
    Some(FileEntries {
        skills: Placed::all(e.skills),
        certs: Placed::all(e.certs),
        roles: Placed::all(e.roles),
        ..FileEntries::default()
    })
}

/// Larger than any bundled file, smaller than a catalog worth reading on
/// several threads.
const WHOLE_FILE_BELOW: usize = 1 << 20;

/// Lists (and catalogs) smaller than this are read, and their references
/// resolved ([`crate::dense`]), on one thread.
pub(crate) const PARALLEL_FROM: usize = 4096;

fn cpus() -> usize {
    rayon::current_num_threads()
}

/// Parses and reads the items of list `key`; a long list in two halves on
/// two threads, their problems and entries joined in order.
fn read_items(
    r: &mut Reader,
    out: &mut FileEntries,
    key: &str,
    items: &[&str],
    base: &Catalog,
) -> Option<()> {
    let read = |r: &mut Reader, out: &mut FileEntries, from: usize, items: &[&str]| {
        for (k, raw) in items.iter().enumerate() {
            if !read_plain(out, key, from + k, raw, base) {
                read_entry(r, out, key, from + k, &json::value(raw)?, base);
            }
        }
        Some(())
    };
    if items.len() < PARALLEL_FROM || cpus() < 2 {
        return read(r, out, 0, items);
    }
    let (a, b) = items.split_at(items.len() / 2);
    out.reserve(key, a.len());
    let file = r.file;
    let (first, second) = rayon::join(
        || read(r, out, 0, a),
        || {
            let mut r2 = Reader::new(file);
            let mut out2 = FileEntries::default();
            out2.reserve(key, b.len());
            let ok = read(&mut r2, &mut out2, a.len(), b);
            ok.map(|()| (r2.problems, out2))
        },
    );
    first?;
    let (mut problems, more) = second?;
    r.problems.append(&mut problems);
    out.append(more);
    Some(())
}

/// Reads item `i` of the top-level list `key` into `out` by the fast
/// path when it is well-formed and new; false when [`read_entry`] has to
/// read it (an entry with an id loaded before is a patch, read in full).
fn read_plain(out: &mut FileEntries, key: &str, i: usize, raw: &str, base: &Catalog) -> bool {
    let new = |id: &str| base.kind_of(id).is_none();
    match key {
        "skills" => plain::skill(raw)
            .filter(|x| new(&x.id))
            .map(|x| out.skills.push(x, i))
            .is_some(),
        "certifications" => plain::cert(raw)
            .filter(|x| new(&x.id))
            .map(|x| out.certs.push(x, i))
            .is_some(),
        _ => plain::role(raw)
            .filter(|x| new(&x.id))
            .map(|x| out.roles.push(x, i))
            .is_some(),
    }
}

/// Reads item `i` of the top-level list `key` into `out`. An entry whose
/// id `base` (the files loaded before) has with the same kind patches that
/// entry: its fields replace the entry's, one by one, and the rest stay;
/// with `"replace": true` it replaces the entry whole.
fn read_entry(
    r: &mut Reader,
    out: &mut FileEntries,
    key: &str,
    i: usize,
    v: &Value,
    base: &Catalog,
) {
    let path = index(key, i);
    let kind = match key {
        "skills" => Kind::Skill,
        "certifications" => Kind::Cert,
        _ => Kind::Role,
    };
    let patched = patch(r, out, kind, i, v, base, &path);
    let v = patched.as_ref().unwrap_or(v);
    let broken_id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
    let id = match kind {
        Kind::Skill => read_skill(r, v, &path).map(|s| {
            let id = s.id.clone();
            out.skills.push(s, i);
            id
        }),
        Kind::Cert => read_cert(r, v, &path).map(|c| {
            let id = c.id.clone();
            out.certs.push(c, i);
            id
        }),
        Kind::Role => read_role(r, v, &path).map(|x| {
            let id = x.id.clone();
            out.roles.push(x, i);
            id
        }),
    };
    match id {
        Some(id) => {
            let extras: Map<String, Value> = v
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| json::is_extension(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if !extras.is_empty() {
                out.extras.insert(id, extras);
            }
        }
        None => out.broken.extend(broken_id(v)),
    }
}

/// The entry `v` patches, with `v`'s fields written over it, when `base`
/// has an entry of `kind` with `v`'s id and `v` does not ask to replace
/// it; notes the entry in `out.overlaid` either way. `None` when `v` is
/// read as it is.
fn patch(
    r: &mut Reader,
    out: &mut FileEntries,
    kind: Kind,
    i: usize,
    v: &Value,
    base: &Catalog,
    path: &str,
) -> Option<Value> {
    let m = v.as_object()?;
    let replace = match m.get("replace") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            r.error(
                &join(path, "replace"),
                format!("`replace` must be true or false, found {other}"),
                Some(
                    "write \"replace\": true to replace the entry whole; leave it out to patch it"
                        .into(),
                ),
            );
            false
        }
    };
    let id = m.get("id").and_then(Value::as_str)?;
    if base.kind_of(id) != Some(kind) {
        return None;
    }
    let before = base.entry_value(id)?;
    let mut after = if replace {
        Map::new()
    } else {
        before.as_object()?.clone()
    };
    for (k, x) in m {
        if k != "replace" {
            after.insert(k.clone(), x.clone());
        }
    }
    let after = Value::Object(after);
    // A copy that changes nothing (a self-contained import loaded on top
    // of the catalog it copied from) is not worth a word.
    if after != before {
        out.overlaid.push((kind, id.to_string(), i, replace));
    }
    (!replace).then_some(after)
}

fn read_id(r: &mut Reader, map: &Map<String, Value>, path: &str) -> Option<String> {
    let id = r.string(map, path, "id")?;
    if names::valid_id(&id) {
        Some(id)
    } else {
        let suggestion: String = id
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        r.error(
            &join(path, "id"),
            format!("bad id `{id}`: ids are lowercase kebab-case, at most 64 characters"),
            Some(if id.len() > 64 {
                format!("shorten it to 64 characters or fewer ({} now)", id.len())
            } else if names::valid_id(&suggestion) {
                format!("use `{suggestion}`")
            } else {
                "use lowercase letters, digits and single hyphens".to_string()
            }),
        );
        None
    }
}

fn read_skill_level(r: &mut Reader, v: &Value, path: &str) -> Option<SkillLevel> {
    let m = r.object(v, path, &["skill", "level"], &["skill", "level"])?;
    let skill = r.string(m, path, "skill");
    let level = m
        .get("level")
        .and_then(|l| r.level_value(l, &join(path, "level")));
    Some(SkillLevel {
        skill: skill?,
        level: level?,
    })
}

/// `{"skill": ID, "level": 0-4}` and nothing else: what
/// `read_skill_level` accepts without a word.
fn plain_skill_level(v: &Value) -> Option<SkillLevel> {
    let m = v.as_object()?;
    if m.len() != 2 {
        return None;
    }
    let skill = m.get("skill")?.as_str()?;
    let level = m.get("level")?.as_u64().filter(|l| *l <= 4)?;
    Some(SkillLevel {
        skill: skill.to_string(),
        level: level as u8,
    })
}

fn read_skill_levels(
    r: &mut Reader,
    map: &Map<String, Value>,
    path: &str,
    key: &str,
) -> Option<Vec<SkillLevel>> {
    let items = r.array(map, path, key);
    let mut ok = true;
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        // The usual, well-formed item needs no JSON path for messages.
        if let Some(s) = plain_skill_level(v) {
            out.push(s);
            continue;
        }
        match read_skill_level(r, v, &index(&join(path, key), i)) {
            Some(s) => out.push(s),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn read_skill(r: &mut Reader, v: &Value, path: &str) -> Option<Skill> {
    let before = r.problems.len();
    let m = r.object(v, path, SKILL_FIELDS, &["id", "name", "domain", "hours"])?;
    let id = read_id(r, m, path);
    let name = r.string(m, path, "name");
    let domain = r.string(m, path, "domain");
    let hours = read_hours(r, m, path);
    let requires = read_skill_levels(r, m, path, "requires");
    let same_as = read_skill_levels(r, m, path, "same_as");
    let skill = Skill {
        id: id?,
        name: name?,
        domain: domain?,
        description: r.string(m, path, "description"),
        hours: hours?,
        requires: requires?,
        same_as: same_as?,
        aliases: r.strings(m, path, "aliases"),
        note: r.string(m, path, "note"),
    };
    (r.problems.len() == before).then_some(skill)
}

fn read_hours(r: &mut Reader, m: &Map<String, Value>, path: &str) -> Option<[f64; 4]> {
    let v = m.get("hours")?;
    let bad = |r: &mut Reader| {
        r.error(
            &join(path, "hours"),
            format!("`hours` must be four non-negative numbers, found {v}"),
            Some(format!(
                "give the hours (each 0 to {}) from level 0 to 1, 1 to 2, 2 to 3 and 3 to 4, e.g. [4, 8, 16, 30]",
                json::MAX_HOURS
            )),
        );
        None
    };
    let Value::Array(items) = v else {
        return bad(r);
    };
    if items.len() != 4 {
        return bad(r);
    }
    let mut out = [0.0; 4];
    for (i, item) in items.iter().enumerate() {
        match item.as_f64() {
            Some(n) if n.is_finite() && (0.0..=json::MAX_HOURS).contains(&n) => out[i] = n,
            _ => return bad(r),
        }
    }
    Some(out)
}

fn read_prereqs(r: &mut Reader, m: &Map<String, Value>, path: &str, key: &str) -> Vec<Prereq> {
    let items = r.array(m, path, key);
    let base = join(path, key);
    let mut out = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let p = index(&base, i);
        let Some(o) = r.object(v, &p, &["cert", "skill", "level", "any_of"], &[]) else {
            continue;
        };
        let has = |k: &str| o.get(k).is_some_and(|x| !x.is_null());
        let kinds = ["cert", "skill", "any_of"]
            .iter()
            .filter(|k| has(k))
            .count();
        if kinds != 1 {
            r.error(
                &p,
                "a prerequisite needs exactly one of `cert`, `skill` (with `level`) or `any_of`",
                Some("write {\"cert\": ID}, {\"skill\": ID, \"level\": N} or {\"any_of\": [ID, ...]}".into()),
            );
            continue;
        }
        if has("cert") {
            if has("level") {
                r.error(
                    &join(&p, "level"),
                    "a cert prerequisite has no level",
                    Some("remove `level`".into()),
                );
            }
            if let Some(cert) = r.string(o, &p, "cert") {
                out.push(Prereq::Cert { cert });
            }
        } else if has("skill") {
            let skill = r.string(o, &p, "skill");
            let level = match o.get("level") {
                Some(l) if !l.is_null() => r.level_value(l, &join(&p, "level")),
                _ => {
                    r.error(
                        &p,
                        "missing field `level`",
                        Some("add `level` (0-4)".into()),
                    );
                    None
                }
            };
            if let (Some(skill), Some(level)) = (skill, level) {
                out.push(Prereq::Skill { skill, level });
            }
        } else {
            if has("level") {
                r.error(
                    &join(&p, "level"),
                    "an any_of prerequisite has no level",
                    Some("remove `level`".into()),
                );
            }
            let any_of = r.strings(o, &p, "any_of");
            if any_of.is_empty() {
                r.error(
                    &join(&p, "any_of"),
                    "`any_of` is empty",
                    Some("list at least one cert".into()),
                );
            } else {
                out.push(Prereq::AnyOf { any_of });
            }
        }
    }
    out
}

fn read_cert(r: &mut Reader, v: &Value, path: &str) -> Option<Cert> {
    let before = r.problems.len();
    let m = r.object(v, path, CERT_FIELDS, &["id", "name", "vendor", "exams"])?;
    let id = read_id(r, m, path);
    let name = r.string(m, path, "name");
    let vendor = r.string(m, path, "vendor");
    let mut exams = Vec::new();
    let exam_items = r.array(m, path, "exams");
    if m.contains_key("exams") && exam_items.is_empty() && !m["exams"].is_null() {
        r.error(
            &join(path, "exams"),
            "`exams` is empty",
            Some("list the exams a candidate must pass".into()),
        );
    }
    for (i, e) in exam_items.iter().enumerate() {
        let p = index(&join(path, "exams"), i);
        if let Some(em) = r.object(
            e,
            &p,
            &["code", "cost_usd", "retires", "successor"],
            &["code"],
        ) {
            let code = r.string(em, &p, "code");
            let exam = Exam {
                code: code.unwrap_or_default(),
                cost_usd: r.number(em, &p, "cost_usd"),
                retires: r.date(em, &p, "retires"),
                successor: r.string(em, &p, "successor"),
            };
            exams.push(exam);
        }
    }
    let renewal = match m.get("renewal") {
        None | Some(Value::Null) => None,
        Some(rv) => {
            let p = join(path, "renewal");
            r.object(rv, &p, &["by", "grace_months", "note"], &["by"])
                .and_then(|rm| {
                    Some(Renewal {
                        by: r.word(rm, &p, "by", RENEWAL_BY)?,
                        grace_months: r.whole(rm, &p, "grace_months").unwrap_or(0),
                        note: r.string(rm, &p, "note"),
                    })
                })
        }
    };
    let required_training = match m.get("required_training") {
        None | Some(Value::Null) => None,
        Some(tv) => {
            let p = join(path, "required_training");
            r.object(tv, &p, &["hours", "cost_usd", "note"], &["hours"])
                .and_then(|tm| {
                    Some(Training {
                        hours: r.number_in(tm, &p, "hours", 0.0..=json::MAX_HOURS, "hours")?,
                        cost_usd: r.number(tm, &p, "cost_usd"),
                        note: r.string(tm, &p, "note"),
                    })
                })
        }
    };
    let experience = match m.get("experience") {
        None | Some(Value::Null) => None,
        Some(ev) => read_experience(r, ev, &join(path, "experience"), true),
    };
    let status = match r.word(m, path, "status", &["active", "retired"]).as_deref() {
        Some("retired") => Status::Retired,
        _ => Status::Active,
    };
    let as_of = r.string(m, path, "as_of");
    if let Some(a) = &as_of {
        let ok = json::parse_date(a).is_some() || json::parse_date(&format!("{a}-01")).is_some();
        if !ok {
            r.error(
                &join(path, "as_of"),
                format!("`{a}` is not a month or date"),
                Some("write YYYY-MM or YYYY-MM-DD".into()),
            );
        }
    }
    let covers = read_skill_levels(r, m, path, "covers");
    let cert = Cert {
        id: id?,
        name: name?,
        vendor: vendor?,
        level: r.word(m, path, "level", CERT_LEVELS),
        exams,
        retired_exams: r.strings(m, path, "retired_exams"),
        study_hours: r.number_in(m, path, "study_hours", 0.0..=json::MAX_HOURS, "hours"),
        validity_years: r.number_in(m, path, "validity_years", 0.0..=json::MAX_YEARS, "years"),
        validity_from: r.date(m, path, "validity_from"),
        renewal,
        required_training,
        annual_fee_usd: r.number(m, path, "annual_fee_usd"),
        covers: covers?,
        requires: read_prereqs(r, m, path, "requires"),
        recommends: read_prereqs(r, m, path, "recommends"),
        experience,
        status,
        replaced_by: r.strings(m, path, "replaced_by"),
        satisfies: r.strings(m, path, "satisfies"),
        renews: r.strings(m, path, "renews"),
        sources: r.strings(m, path, "sources"),
        as_of,
        demand: r.whole(m, path, "demand").map(u64::from),
        aliases: r.strings(m, path, "aliases"),
        description: r.string(m, path, "description"),
        note: r.string(m, path, "note"),
    };
    (r.problems.len() == before).then_some(cert)
}

/// A cert's experience (`for_exam`), or a role's, which has no
/// `before_exam`.
fn read_experience(r: &mut Reader, v: &Value, p: &str, for_exam: bool) -> Option<Experience> {
    let fields: &[&str] = if for_exam {
        &["months", "area", "before_exam", "waivers", "note"]
    } else {
        &["months", "area", "waivers", "note"]
    };
    let em = r.object(v, p, fields, &["months", "area"])?;
    let months = r.whole(em, p, "months");
    let area = r.word(em, p, "area", AREAS);
    let before_exam = r.bool(em, p, "before_exam").unwrap_or(true);
    let mut waivers = Vec::new();
    for (i, w) in r.array(em, p, "waivers").iter().enumerate() {
        let wp = index(&join(p, "waivers"), i);
        if let Some(wm) = r.object(w, &wp, &["degree", "months"], &["degree", "months"]) {
            let degree = r
                .word(wm, &wp, "degree", &Degree::WORDS[1..])
                .and_then(|d| Degree::parse(&d));
            let months = r.whole(wm, &wp, "months");
            if let (Some(degree), Some(months)) = (degree, months) {
                waivers.push(Waiver { degree, months });
            }
        }
    }
    Some(Experience {
        months: months?,
        area: area?,
        before_exam,
        waivers,
        note: r.string(em, p, "note"),
    })
}

fn read_role(r: &mut Reader, v: &Value, path: &str) -> Option<Role> {
    let before = r.problems.len();
    let m = r.object(v, path, ROLE_FIELDS, &["id", "name"])?;
    let id = read_id(r, m, path);
    let name = r.string(m, path, "name");
    let (skills, skill_choices, skill_places) = read_role_skills(r, m, path);
    let mut certifications = Vec::new();
    let base = join(path, "certifications");
    for (i, c) in r.array(m, path, "certifications").iter().enumerate() {
        let p = index(&base, i);
        match c {
            Value::String(s) => certifications.push(RoleCert::One(s.clone())),
            other => certifications.extend(read_role_any_of(r, other, &p)),
        }
    }
    let experience = match m.get("experience") {
        None | Some(Value::Null) => None,
        Some(ev) => read_experience(r, ev, &join(path, "experience"), false),
    };
    if skills.is_empty()
        && skill_choices.is_empty()
        && certifications.is_empty()
        && r.problems.len() == before
    {
        r.error(
            path,
            "a role needs `skills` or `certifications`",
            Some("list what the role asks for".into()),
        );
    }
    let role = Role {
        id: id?,
        name: name?,
        aliases: r.strings(m, path, "aliases"),
        description: r.string(m, path, "description"),
        skills,
        skill_choices,
        certifications,
        experience,
        note: r.string(m, path, "note"),
        skill_places,
    };
    (r.problems.len() == before).then_some(role)
}

/// A role's `skills`: `{skill, level}`, optionally `"optional": true`, or
/// `{ "any_of": [{skill, level}, ...] }`, optionally optional. Plain
/// required skills come first, the rest as choices; then where each of
/// them stands in the list.
fn read_role_skills(
    r: &mut Reader,
    m: &Map<String, Value>,
    path: &str,
) -> (Vec<SkillLevel>, Vec<SkillChoice>, Vec<usize>) {
    let mut out = RoleSkills::default();
    let base = join(path, "skills");
    for (i, v) in r.array(m, path, "skills").iter().enumerate() {
        if let Some(s) = plain_skill_level(v) {
            out.add(i, vec![s], false);
            continue;
        }
        let p = index(&base, i);
        let Some(o) = r.object(v, &p, &["skill", "level", "any_of", "optional"], &[]) else {
            continue;
        };
        let optional = r.bool(o, &p, "optional").unwrap_or(false);
        let has = |k: &str| o.get(k).is_some_and(|x| !x.is_null());
        if has("any_of") == has("skill") {
            r.error(
                &p,
                "a role's skill needs either `skill` (with `level`) or `any_of`",
                Some(
                    "write {\"skill\": ID, \"level\": N} or {\"any_of\": [{\"skill\": ID, \"level\": N}, ...]}"
                        .into(),
                ),
            );
            continue;
        }
        if has("skill") {
            let mut one = o.clone();
            one.remove("optional");
            if let Some(s) = read_skill_level(r, &Value::Object(one), &p) {
                out.add(i, vec![s], optional);
            }
            continue;
        }
        if has("level") {
            r.error(
                &join(&p, "level"),
                "an any_of has no level of its own",
                Some("give each option its level".into()),
            );
            continue;
        }
        let Some(any_of) = read_skill_levels(r, o, &p, "any_of") else {
            continue;
        };
        if any_of.is_empty() {
            r.error(
                &join(&p, "any_of"),
                "`any_of` is empty",
                Some("list at least one {\"skill\": ID, \"level\": N}".into()),
            );
        } else {
            out.add(i, any_of, optional);
        }
    }
    out.done()
}

/// A role's skills as its readers (this full one and the fast path) sort
/// them: plain required skills, then choices, and where each stood in
/// the role's list.
#[derive(Default)]
pub(super) struct RoleSkills {
    skills: Vec<SkillLevel>,
    choices: Vec<SkillChoice>,
    plain_at: Vec<usize>,
    choice_at: Vec<usize>,
}

impl RoleSkills {
    /// Item `i` of the list, its options (one for `{skill, level}`): a
    /// single required option is a plain skill, anything else a choice.
    pub(super) fn add(&mut self, i: usize, mut any_of: Vec<SkillLevel>, optional: bool) {
        if any_of.len() == 1 && !optional {
            self.skills.append(&mut any_of);
            self.plain_at.push(i);
        } else {
            self.choices.push(SkillChoice { any_of, optional });
            self.choice_at.push(i);
        }
    }

    /// The plain skills, the choices, and the places of both, in that order.
    pub(super) fn done(mut self) -> (Vec<SkillLevel>, Vec<SkillChoice>, Vec<usize>) {
        self.plain_at.append(&mut self.choice_at);
        (self.skills, self.choices, self.plain_at)
    }
}

/// A role's `{ "any_of": [CERT, ..., { "degree": D }] }`.
fn read_role_any_of(r: &mut Reader, v: &Value, p: &str) -> Option<RoleCert> {
    let om = r.object(v, p, &["any_of"], &["any_of"])?;
    let items = r.array(om, p, "any_of");
    let base = join(p, "any_of");
    let (mut certs, mut degree) = (Vec::new(), None);
    for (j, item) in items.iter().enumerate() {
        let q = index(&base, j);
        match item {
            Value::String(s) => certs.push(s.clone()),
            Value::Object(_) => {
                let Some(dm) = r.object(item, &q, &["degree"], &["degree"]) else {
                    continue;
                };
                let Some(d) = r
                    .word(dm, &q, "degree", &Degree::WORDS[1..])
                    .and_then(|d| Degree::parse(&d))
                else {
                    continue;
                };
                if degree.is_some() {
                    r.error(
                        &q,
                        "a second degree in one any_of",
                        Some("keep the lowest degree that is accepted".into()),
                    );
                }
                degree = Some(d);
            }
            other => r.error(
                &q,
                format!("expected a cert id or {{\"degree\": ...}}, found {other}"),
                Some("write a cert id, or {\"degree\": \"bachelor\"}".into()),
            ),
        }
    }
    if certs.is_empty() && degree.is_none() {
        if items.is_empty() {
            r.error(
                &base,
                "`any_of` is empty",
                Some("list at least one cert".into()),
            );
        }
        return None;
    }
    if certs.is_empty() {
        r.error(
            &base,
            "`any_of` lists a degree but no certification",
            Some("list the certs accepted besides the degree".into()),
        );
        return None;
    }
    Some(RoleCert::AnyOf {
        any_of: certs,
        degree,
    })
}

/// Whether `values` are all multiples of 1/1024 whose sum stays below
/// 2^43: every partial sum is then exact, in any order.
fn add_exactly(values: impl Iterator<Item = f64>) -> bool {
    let mut total = 0.0;
    for v in values {
        if !(v >= 0.0 && (v * 1024.0).fract() == 0.0) {
            return false;
        }
        total += v;
    }
    total < (1u64 << 43) as f64
}

/// A catalog from tests/fixtures, for unit tests.
#[cfg(test)]
pub fn fixture(name: &str) -> Catalog {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    Catalog::load(&[Source {
        name: name.to_string(),
        text: text.into(),
    }])
    .expect("fixture is valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// Skills as files have them, right and wrong in every field.
    fn skill_value() -> impl Strategy<Value = Value> {
        entry(vec![
            field(
                "id",
                vec![
                    json!("ip-addressing"),
                    json!("Bad_Id"),
                    json!(""),
                    json!("a".repeat(65)),
                    json!(5),
                    Value::Null,
                ],
            ),
            field("name", texts()),
            field("domain", texts()),
            field(
                "hours",
                vec![
                    json!([4, 8, 16, 30]),
                    json!([0.5, 1, 2.25, 3]),
                    json!([1, 2, 3]),
                    json!([-1, 2, 3, 4]),
                    json!([1e308, 1, 1, 1]),
                    json!([1, 2, 3, "4"]),
                    json!([1, 2, 3, 1000001]),
                    json!("x"),
                    Value::Null,
                ],
            ),
            field("requires", skill_levels()),
            field("aliases", ids()),
            field("description", texts()),
            field("note", texts()),
            stray("hourz", json!(1)),
            stray("x-extra", json!(1)),
            stray("same_as", json!([])),
            stray("replace", json!(false)),
        ])
    }

    /// One field of a generated entry: mostly `values[0]`, as files
    /// usually have it (so that many entries are read by the fast path),
    /// sometimes absent, sometimes any of `values`, right or wrong.
    fn field(name: &'static str, values: Vec<Value>) -> BoxedStrategy<Option<(String, Value)>> {
        let usual = values[0].clone();
        prop_oneof![
            10 => Just(None),
            86 => Just(Some(usual)),
            4 => proptest::sample::select(values).prop_map(Some),
        ]
        .prop_map(move |v| v.map(|v| (name.to_string(), v)))
        .boxed()
    }

    /// A field that is rarely there: one the format does not know, an
    /// `x-*` key, `replace`.
    fn stray(name: &'static str, value: Value) -> BoxedStrategy<Option<(String, Value)>> {
        proptest::option::weighted(0.05, Just((name.to_string(), value))).boxed()
    }

    fn entry(fields: Vec<BoxedStrategy<Option<(String, Value)>>>) -> impl Strategy<Value = Value> {
        fields.prop_map(|f| Value::Object(f.into_iter().flatten().collect()))
    }

    /// Lists of ids, right and wrong.
    fn ids() -> Vec<Value> {
        vec![
            json!([]),
            json!(["a-b"]),
            json!(["a", "b"]),
            json!([1]),
            json!([null]),
            json!("a"),
            Value::Null,
        ]
    }

    /// Texts, right and wrong.
    fn texts() -> Vec<Value> {
        vec![
            json!("text"),
            json!(""),
            json!(1),
            json!(["x"]),
            Value::Null,
        ]
    }

    /// Lists of `{skill, level}`, right and wrong.
    fn skill_levels() -> Vec<Value> {
        vec![
            json!([{"skill": "x", "level": 0}, {"skill": "y", "level": 4}]),
            json!([]),
            json!([{"skill": "x", "level": 2}]),
            json!([{"skill": "x", "level": 5}]),
            json!([{"skill": "x"}]),
            json!([{"skill": "x", "level": 2, "extra": 1}]),
            json!([{"skill": "x", "level": 2, "x-note": 1}]),
            json!([{"skill": "x", "level": 2.0}]),
            json!([{"skill": "x", "level": -1}]),
            json!([{"skill": 7, "level": 2}]),
            json!([{"skill": null, "level": 2}]),
            json!([["x", 2]]),
            json!([null]),
            Value::Null,
            json!("x"),
        ]
    }

    /// Certifications as files have them, right and wrong in every field.
    fn cert_value() -> impl Strategy<Value = Value> {
        let prereqs = vec![
            json!([{"skill": "x", "level": 2}, {"any_of": ["a", "b"]}, {"cert": "x"}]),
            json!([]),
            json!([{"cert": "x"}]),
            json!([{"any_of": []}]),
            json!([{"any_of": ["a", 1]}]),
            json!([{"cert": "x", "level": 2}]),
            json!([{"cert": "x", "level": null, "any_of": null, "skill": null}]),
            json!([{"skill": "x"}]),
            json!([{"skill": "x", "level": null}]),
            json!([{"skill": "x", "level": 5}]),
            json!([{"skill": "x", "level": 2.0}]),
            json!([{"cert": "x", "skill": "y", "level": 1}]),
            json!([{"any_of": ["a"], "level": 1}]),
            json!([{"cert": "x", "x-why": "y"}]),
            json!([{"cert": null}]),
            json!([["x", null, null, null]]),
            json!([{}]),
            json!(["x"]),
            Value::Null,
            json!("x"),
        ];
        let experience = vec![
            json!({"months": 60, "area": "security", "before_exam": false,
                   "waivers": [{"degree": "bachelor", "months": 12}], "note": "n"}),
            json!({"months": 36, "area": "project-management"}),
            json!({"months": 0, "area": "it", "before_exam": null, "waivers": null, "note": null}),
            json!({"months": 1201, "area": "it"}),
            json!({"months": 12.0, "area": "it"}),
            json!({"months": 12, "area": "bogus"}),
            json!({"area": "it"}),
            json!({"months": 12, "area": "it", "before_exam": "no"}),
            json!({"months": 12, "area": "it", "waivers": [{"degree": "none", "months": 1}]}),
            json!({"months": 12, "area": "it", "waivers": [{"degree": "master"}]}),
            json!({"months": 12, "area": "it", "waivers": [{"degree": "master", "months": 2000}]}),
            json!({"months": 12, "area": "it", "x-src": 1}),
            json!({"months": 12, "area": "it", "waivers": [["bachelor", 12]]}),
            json!([60, "it", true, [], null]),
            Value::Null,
            json!([]),
        ];
        entry(vec![
            field(
                "id",
                vec![
                    json!("comptia-a-plus"),
                    json!("Bad_Id"),
                    json!(5),
                    Value::Null,
                ],
            ),
            field("name", texts()),
            field("vendor", texts()),
            field(
                "level",
                vec![
                    json!("entry"),
                    json!("expert"),
                    json!("bogus"),
                    json!(1),
                    Value::Null,
                ],
            ),
            field(
                "exams",
                vec![
                    json!([{"code": "A-1", "cost_usd": 100, "retires": null}]),
                    json!([{"code": "A", "cost_usd": 0.5, "retires": "2027-01-31", "successor": "B"},
                           {"code": "C", "cost_usd": null}]),
                    json!([]),
                    json!([{"cost_usd": 1}]),
                    json!([{"code": null}]),
                    json!([{"code": 5}]),
                    json!([{"code": "A", "cost_usd": -1}]),
                    json!([{"code": "A", "cost_usd": 2e9}]),
                    json!([{"code": "A", "retires": "2027-1-31"}]),
                    json!([{"code": "A", "retires": "2027-02-30"}]),
                    json!([{"code": "A", "x-y": 1}]),
                    json!([{"code": "A", "extra": 1}]),
                    json!([["A", 1, null, null]]),
                    json!(["A"]),
                    json!("x"),
                    Value::Null,
                ],
            ),
            field("retired_exams", ids()),
            field(
                "study_hours",
                vec![
                    json!(20),
                    json!(0.5),
                    json!(-1),
                    json!(200000),
                    json!("x"),
                    Value::Null,
                ],
            ),
            field(
                "validity_years",
                vec![json!(3), json!(0), json!(101), json!(true), Value::Null],
            ),
            field(
                "validity_from",
                vec![
                    json!("2011-01-01"),
                    json!("2011-1-1"),
                    json!(3),
                    Value::Null,
                ],
            ),
            field(
                "renewal",
                vec![
                    json!({"by": "ce"}),
                    json!({"by": "cpe", "grace_months": 12, "note": "n"}),
                    json!({"by": "ce", "grace_months": null, "note": null}),
                    json!({"by": "bogus"}),
                    json!({"by": null}),
                    json!({"grace_months": 1}),
                    json!({"by": "ce", "grace_months": 1.0}),
                    json!({"by": "ce", "grace_months": 5000}),
                    json!({"by": "ce", "extra": 1}),
                    json!(["ce", 0, null]),
                    json!("ce"),
                    Value::Null,
                ],
            ),
            field(
                "required_training",
                vec![
                    json!({"hours": 16, "cost_usd": null, "note": "x"}),
                    json!({"hours": 0.5, "cost_usd": 1000}),
                    json!({"hours": -1}),
                    json!({"hours": 200000}),
                    json!({"cost_usd": 5}),
                    json!({"hours": 16, "cost_usd": -5}),
                    json!({"hours": 16, "days": 2}),
                    json!([16, null, null]),
                    json!(3),
                    Value::Null,
                ],
            ),
            field(
                "annual_fee_usd",
                vec![
                    json!(125),
                    json!(0),
                    json!(-1),
                    json!(1e10),
                    json!("x"),
                    Value::Null,
                ],
            ),
            field("covers", skill_levels()),
            field("requires", prereqs.clone()),
            field("recommends", prereqs),
            field("experience", experience),
            field(
                "status",
                vec![
                    json!("active"),
                    json!("retired"),
                    json!("bogus"),
                    json!(1),
                    Value::Null,
                ],
            ),
            field("replaced_by", ids()),
            field("satisfies", ids()),
            field("renews", ids()),
            field("sources", ids()),
            field(
                "as_of",
                vec![
                    json!("2026-11"),
                    json!("2026-11-05"),
                    json!("2026-13"),
                    json!("x"),
                    json!(5),
                    Value::Null,
                ],
            ),
            field(
                "demand",
                vec![
                    json!(100),
                    json!(1200),
                    json!(1201),
                    json!(-1),
                    json!(1.5),
                    Value::Null,
                ],
            ),
            field("aliases", ids()),
            field("description", texts()),
            field("note", texts()),
            stray("vendr", json!("x")),
            stray("x-extra", json!(1)),
            stray("replace", json!(true)),
        ])
    }

    /// Roles as files have them, right and wrong in every field.
    fn role_value() -> impl Strategy<Value = Value> {
        let one = |l: u64| json!({"skill": format!("s{l}"), "level": l});
        entry(vec![
            field(
                "id",
                vec![
                    json!("network-engineer"),
                    json!("Bad Id"),
                    json!(5),
                    Value::Null,
                ],
            ),
            field("name", texts()),
            field(
                "skills",
                vec![
                    json!([
                        {"any_of": [one(1), one(2)], "optional": true},
                        one(3),
                        {"skill": "y", "level": 2, "optional": true},
                        {"any_of": [one(4)]},
                        {"any_of": [one(1), one(2)]},
                    ]),
                    json!([]),
                    json!([one(3)]),
                    json!([one(1), one(2), one(4)]),
                    json!([{"skill": "x", "level": 3, "optional": true}]),
                    json!([{"skill": "x", "level": 3, "optional": false}]),
                    json!([{"skill": "x", "level": 3, "optional": null}]),
                    json!([{"skill": "x", "level": 3, "optional": "yes"}]),
                    json!([{"any_of": [one(1), one(2)]}]),
                    json!([{"any_of": [one(1)]}]),
                    json!([{"any_of": [one(1)], "optional": true}]),
                    json!([{"any_of": [one(1), one(2)], "optional": true}]),
                    json!([{"any_of": [one(1)], "level": null, "skill": null}]),
                    json!([{"any_of": []}]),
                    json!([{"any_of": null}]),
                    json!([{"any_of": [one(1)], "level": 2}]),
                    json!([{"any_of": [one(5)]}]),
                    json!([{"any_of": [{"skill": "x", "level": 1.0}]}]),
                    json!([{"skill": "x", "level": 3, "any_of": null}]),
                    json!([{"skill": "x", "level": 3, "any_of": [one(1)]}]),
                    json!([{"skill": "x"}]),
                    json!([{"skill": "x", "level": null}]),
                    json!([{"skill": "x", "level": 5}]),
                    json!([{"skill": "x", "level": 3.0}]),
                    json!([{"skill": "x", "level": 3, "x-y": 1}]),
                    json!([["x", 3, null, null]]),
                    json!([{}]),
                    json!(["x"]),
                    Value::Null,
                    json!("x"),
                ],
            ),
            field(
                "certifications",
                vec![
                    json!(["a", {"any_of": ["b", "c"]}]),
                    json!([]),
                    json!(["a"]),
                    json!([{"any_of": ["b", {"degree": "bachelor"}]}]),
                    json!([{"any_of": [{"degree": "bachelor"}]}]),
                    json!([{"any_of": []}]),
                    json!([{"any_of": null}]),
                    json!([{}]),
                    json!([{"any_of": ["b", {"degree": "none"}]}]),
                    json!([{"any_of": ["b", {"degree": "phd"}]}]),
                    json!([{"any_of": ["b", {"degree": null}]}]),
                    json!([{"any_of": ["b", {"degree": "master", "years": 1}]}]),
                    json!([{"any_of": ["b", {"degree": "bachelor"}, {"degree": "master"}]}]),
                    json!([{"any_of": ["b", 1]}]),
                    json!([{"any_of": ["b"], "x-y": 1}]),
                    json!([{"any_of": ["b"], "level": 1}]),
                    json!([1]),
                    json!([null]),
                    Value::Null,
                    json!("x"),
                ],
            ),
            field(
                "experience",
                vec![
                    json!({"months": 60, "area": "it"}),
                    json!({"months": 60, "area": "cloud", "waivers": [{"degree": "bachelor", "months": 12}], "note": "x"}),
                    json!({"months": 60, "area": "it", "before_exam": true}),
                    json!({"months": 60, "area": "it", "before_exam": null}),
                    json!({"months": 60}),
                    json!([60, "it", [], null]),
                    json!({"months": 60, "area": "it", "waivers": [{"degree": "none", "months": 1}]}),
                    Value::Null,
                    json!(60),
                ],
            ),
            field("aliases", ids()),
            field("description", texts()),
            field("note", texts()),
            stray("skils", json!([])),
            stray("x-extra", json!(1)),
            stray("replace", json!(false)),
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// Each fast reader takes only what its full reader accepts
        /// without a word, and reads it alike.
        #[test]
        fn the_fast_skill_reader_agrees_with_the_full_one(v in skill_value()) {
            let raw = serde_json::to_string(&v).expect("serializes");
            let mut r = Reader::new("f.json");
            let full = read_skill(&mut r, &v, "skills[0]");
            if let Some(fast) = plain::skill(&raw) {
                prop_assert!(r.problems.is_empty(), "{:?}", r.problems);
                prop_assert_eq!(Some(fast), full);
            }
        }

        #[test]
        fn the_fast_cert_reader_agrees_with_the_full_one(v in cert_value()) {
            let raw = serde_json::to_string(&v).expect("serializes");
            let mut r = Reader::new("f.json");
            let full = read_cert(&mut r, &v, "certifications[0]");
            if let Some(fast) = plain::cert(&raw) {
                prop_assert!(r.problems.is_empty(), "{:?}", r.problems);
                prop_assert_eq!(Some(fast), full);
            }
        }

        #[test]
        fn the_fast_role_reader_agrees_with_the_full_one(v in role_value()) {
            let raw = serde_json::to_string(&v).expect("serializes");
            let mut r = Reader::new("f.json");
            let full = read_role(&mut r, &v, "roles[0]");
            if let Some(fast) = plain::role(&raw) {
                prop_assert!(r.problems.is_empty(), "{:?}", r.problems);
                prop_assert_eq!(Some(fast), full);
            }
        }
    }

    /// The generated entries above are read by both paths, often enough
    /// for the properties to say something about each.
    #[test]
    fn generated_entries_take_both_paths() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        fn count<T>(values: impl Strategy<Value = Value>, fast: fn(&str) -> Option<T>) -> usize {
            let mut runner = TestRunner::deterministic();
            (0..1000)
                .filter(|_| {
                    let v = values.new_tree(&mut runner).expect("a value").current();
                    fast(&serde_json::to_string(&v).expect("serializes")).is_some()
                })
                .count()
        }
        for (what, n) in [
            ("skills", count(skill_value(), plain::skill)),
            ("certifications", count(cert_value(), plain::cert)),
            ("roles", count(role_value(), plain::role)),
        ] {
            assert!(
                (100..=900).contains(&n),
                "{what}: {n} of 1000 by the fast path"
            );
        }
    }

    /// A file as `read_top` reads it, entry by entry: its entries and
    /// whether the reader had anything to say.
    fn by_entries(text: &str, base: &Catalog) -> Option<(FileEntries, bool)> {
        let mut r = Reader::new("f.json");
        let top = json::top_level(text, &LISTS)?;
        let entries = read_top(&mut r, top, base)?;
        Some((entries, r.problems.is_empty()))
    }

    /// That a file read whole is read as entry by entry, and cleanly.
    fn same_entries(
        whole: &FileEntries,
        text: &str,
        base: &Catalog,
    ) -> std::result::Result<(), TestCaseError> {
        let (parts, clean) = by_entries(text, base).expect("entries that parse");
        prop_assert!(clean, "{text}");
        prop_assert_eq!(&whole.skills, &parts.skills);
        prop_assert_eq!(&whole.certs, &parts.certs);
        prop_assert_eq!(&whole.roles, &parts.roles);
        prop_assert!(
            parts.broken.is_empty() && parts.extras.is_empty() && parts.overlaid.is_empty()
        );
        Ok(())
    }

    /// Catalog files of generated entries, with the top level's keys
    /// right and wrong.
    fn file_value() -> impl Strategy<Value = Value> {
        let list = |entries: BoxedStrategy<Value>| proptest::collection::vec(entries, 0..3);
        // Each value of a top-level key as often as the others: they are
        // few, and the file is read whole only when its entries all are.
        let any = |name: &'static str, values: Vec<Value>| {
            proptest::option::of(proptest::sample::select(values))
                .prop_map(move |v| v.map(|v| (name.to_string(), v)))
                .boxed()
        };
        (
            list(skill_value().boxed()),
            list(cert_value().boxed()),
            list(role_value().boxed()),
            entry(vec![
                any(
                    "format",
                    vec![json!(1), json!(1.0), json!(2), json!("1"), Value::Null],
                ),
                any(
                    "$schema",
                    vec![json!("./catalog.schema.json"), json!({"a": 1}), Value::Null],
                ),
                stray("x-generator", json!("test")),
                stray("skils", json!([])),
            ]),
        )
            .prop_map(|(skills, certs, roles, mut top)| {
                let m = top.as_object_mut().expect("an object");
                m.insert("skills".into(), Value::Array(skills));
                m.insert("certifications".into(), Value::Array(certs));
                m.insert("roles".into(), Value::Array(roles));
                top
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// A file read in one pass is read exactly as entry by entry.
        #[test]
        fn a_file_read_whole_reads_as_entry_by_entry(v in file_value()) {
            let text = v.to_string();
            let src = Source { name: "f.json".into(), text: text.clone().into() };
            let base = Catalog::default();
            if let Some(whole) = plain_file(&src, &base) {
                same_entries(&whole, &text, &base)?;
            }
        }
    }

    #[test]
    fn every_bundled_file_is_read_whole_as_entry_by_entry() {
        let mut base = Catalog::default();
        for src in Source::bundled() {
            let whole =
                plain_file(&src, &base).unwrap_or_else(|| panic!("{} read whole", src.name));
            same_entries(&whole, &src.text, &base).expect("the same entries");
            let mut problems = Vec::new();
            base.merge(&src.name, whole, &mut problems);
            assert!(problems.is_empty(), "{problems:?}");
        }
        // Loaded again on top of itself, each entry is a patch, read in full.
        for src in Source::bundled() {
            assert!(plain_file(&src, &base).is_none(), "{}", src.name);
        }
    }

    /// In a large catalog the references to skills are first looked up
    /// on every core; a wrong one is still reported where it is, with
    /// the same words as in a small catalog, and in file order.
    #[test]
    fn a_large_catalogs_wrong_skill_references_are_each_reported() {
        let n = PARALLEL_FROM + 10;
        let skills: Vec<String> = (0..n)
            .map(|i| {
                let req = match i {
                    0 => String::new(),
                    // Not defined, and a cert where a skill belongs.
                    7 => r#"{"skill": "s-nowhere", "level": 1}"#.to_string(),
                    4100 => r#"{"skill": "c-0", "level": 1}"#.to_string(),
                    _ => format!(r#"{{"skill": "s-{}", "level": 1}}"#, i - 1),
                };
                format!(r#"{{"id": "s-{i}", "name": "S {i}", "domain": "d", "hours": [1, 2, 3, 4], "requires": [{req}]}}"#)
            })
            .collect();
        let certs: Vec<String> = (0..n)
            .map(|i| {
                let skill = if i == 9 { "s-gone".to_string() } else { format!("s-{i}") };
                format!(r#"{{"id": "c-{i}", "name": "C {i}", "vendor": "V", "exams": [{{"code": "E{i}"}}], "covers": [{{"skill": "{skill}", "level": 1}}]}}"#)
            })
            .collect();
        let text = format!(
            r#"{{"skills": [{}], "certifications": [{}]}}"#,
            skills.join(","),
            certs.join(",")
        );
        let err = Catalog::load(&[Source {
            name: "big.json".into(),
            text: text.into(),
        }])
        .expect_err("wrong references");
        let got: Vec<(Option<&str>, &str)> = err
            .problems
            .iter()
            .map(|p| (p.path.as_deref(), p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("skills[7].requires[0].skill"),
                    "unknown skill `s-nowhere`"
                ),
                (
                    Some("skills[4100].requires[0].skill"),
                    "`c-0` is a certification, not a skill"
                ),
                (
                    Some("certifications[9].covers[0].skill"),
                    "unknown skill `s-gone`"
                ),
            ]
        );
    }

    /// A repeated key is for the full reader to report (where the whole
    /// file is parsed again), and an entry written as an array of its
    /// fields for it to refuse; never for a fast reader to settle.
    #[test]
    fn repeated_keys_and_arrays_are_left_to_the_full_reader() {
        let raw = |t: &str| t.to_string();
        assert!(plain::skill(&raw(
            r#"["a", "A", "d", null, [1, 2, 3, 4], null, null, null]"#
        ))
        .is_none());
        assert!(plain::role(&raw(r#"["a", "A", null, null, null, null, ["b"], null]"#)).is_none());
        let file = |t: &str| {
            plain_file(
                &Source {
                    name: "f.json".into(),
                    text: t.to_string().into(),
                },
                &Catalog::default(),
            )
        };
        assert!(file(r#"{"skills": [], "skills": []}"#).is_none());
        assert!(file(r#"[null, 1, [], [], []]"#).is_none());
        assert!(file(r#"{"format": 1, "roles": [], "$schema": "s"}"#).is_some());
        let skill =
            r#"{"id": "a", "name": "A", "domain": "d", "hours": [1, 2, 3, 4], "name": "B"}"#;
        assert!(plain::skill(&raw(skill)).is_none());
        let cert =
            r#"{"id": "a", "name": "A", "vendor": "V", "exams": [{"code": "X", "code": "Y"}]}"#;
        assert!(plain::cert(&raw(cert)).is_none());
        let role =
            r#"{"id": "a", "name": "A", "certifications": [{"any_of": ["b"], "any_of": ["c"]}]}"#;
        assert!(plain::role(&raw(role)).is_none());
        let role = r#"{"id": "a", "name": "A", "certifications": [{"any_of": [{"degree": "master", "degree": "bachelor"}, "c"]}]}"#;
        assert!(plain::role(&raw(role)).is_none());
        // The same without the repeat does take the fast path.
        let role = r#"{"id": "a", "name": "A", "certifications": [{"any_of": [{"degree": "master"}, "c"]}]}"#;
        assert!(plain::role(&raw(role)).is_some());
    }

    /// What a patch is applied to, and what `catalog export` writes, reads
    /// back as the same entry: no field is lost or changed on the way.
    #[test]
    fn every_bundled_entry_reads_back_from_its_value() {
        let cat = Catalog::load(&Source::bundled()).expect("bundled catalog loads");
        let mut r = Reader::new("f.json");
        let raw = |v: &Value| serde_json::to_string(v).expect("serializes");
        for s in &cat.skills {
            let v = cat.entry_value(&s.id).expect("a value");
            assert_eq!(read_skill(&mut r, &v, "skills[0]").as_ref(), Some(s), "{v}");
            assert_eq!(plain::skill(&raw(&v)).as_ref(), Some(s), "{v}");
        }
        for c in &cat.certs {
            let v = cat.entry_value(&c.id).expect("a value");
            assert_eq!(
                read_cert(&mut r, &v, "certifications[0]").as_ref(),
                Some(c),
                "{v}"
            );
            assert_eq!(plain::cert(&raw(&v)).as_ref(), Some(c), "{v}");
        }
        for x in &cat.roles {
            let v = cat.entry_value(&x.id).expect("a value");
            assert_eq!(read_role(&mut r, &v, "roles[0]").as_ref(), Some(x), "{v}");
            assert_eq!(plain::role(&raw(&v)).as_ref(), Some(x), "{v}");
        }
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let again = Catalog::load(&[Source {
            name: "all.json".into(),
            text: cat.to_value().to_string().into(),
        }])
        .expect("the whole catalog reads back");
        assert_eq!(again.skills, cat.skills);
        assert_eq!(again.certs, cat.certs);
        assert_eq!(again.roles, cat.roles);
    }

    /// That the fast reader read an entry, and as the full reader did.
    fn agree<T: PartialEq + std::fmt::Debug>(fast: Option<T>, full: Option<T>, at: &str) {
        assert!(fast.is_some(), "{at} misses the fast path");
        assert_eq!(fast, full, "{at}");
    }

    /// Every entry of the bundled catalog, as its file has it, takes the
    /// fast path and reads exactly as the full reader reads it.
    #[test]
    fn every_bundled_entry_takes_the_fast_path() {
        let mut counts = [0; 3];
        for (name, text) in BUNDLED {
            let top = json::top_level(text, &LISTS).expect("a catalog file");
            for (key, value) in top.keys {
                let json::TopValue::List(items) = value else {
                    continue;
                };
                for (i, raw) in items.into_iter().enumerate() {
                    let v = json::value(raw).expect("JSON");
                    let at = format!("{name}: {}", index(&key, i));
                    let mut r = Reader::new(name);
                    match key.as_str() {
                        "skills" => agree(plain::skill(raw), read_skill(&mut r, &v, ""), &at),
                        "certifications" => agree(plain::cert(raw), read_cert(&mut r, &v, ""), &at),
                        _ => agree(plain::role(raw), read_role(&mut r, &v, ""), &at),
                    }
                    assert!(r.problems.is_empty(), "{at}: {:?}", r.problems);
                    counts[LISTS.iter().position(|l| *l == key).expect("a list")] += 1;
                }
            }
        }
        assert!(counts.iter().all(|n| *n > 0), "{counts:?}");
    }
}
