//! `catalog import nice`: the NIST NICE Framework components file, as NIST
//! publishes it, and optionally the DoD 8140 qualification matrix, turned
//! into a certpath catalog that loads on top of the bundled one.
//!
//! Pure functions: reading the files' text (or an xlsx workbook's bytes)
//! and building the catalog as a JSON value; the command writes it.

use crate::catalog::Catalog;
use crate::error::{Error, Problem, Result};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The level every imported work role asks of each of its statements:
/// "working" (DESIGN.md section 1). NICE gives no proficiency levels.
pub const ROLE_LEVEL: u8 = 2;

/// Hours from each level to the next of a knowledge statement ("Knowledge
/// of ..."): reaching the role's level takes 4.
pub const KNOWLEDGE_HOURS: [u32; 4] = [1, 3, 8, 20];

/// Hours of a skill statement ("Skill in ..."), which needs practice on top
/// of knowledge: reaching the role's level takes 8.
pub const SKILL_HOURS: [u32; 4] = [2, 6, 16, 40];

/// The DoD 8140 proficiency tiers, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Basic,
    Intermediate,
    Advanced,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Basic, Tier::Intermediate, Tier::Advanced];

    pub fn word(self) -> &'static str {
        match self {
            Tier::Basic => "basic",
            Tier::Intermediate => "intermediate",
            Tier::Advanced => "advanced",
        }
    }

    fn parse(s: &str) -> Option<Tier> {
        match s.trim().to_lowercase().as_str() {
            "basic" => Some(Tier::Basic),
            "intermediate" => Some(Tier::Intermediate),
            "advanced" => Some(Tier::Advanced),
            _ => None,
        }
    }
}

/// A knowledge or skill statement.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The NICE id: `K0018`, `S0011`.
    pub id: String,
    pub knowledge: bool,
    pub text: String,
    /// The titles of the competency areas that list it.
    pub areas: Vec<String>,
}

/// A NICE work role and what the file links to it.
#[derive(Debug, Clone)]
pub struct WorkRole {
    /// The NICE id: `IO-WRL-005`.
    pub id: String,
    pub title: String,
    pub text: String,
    pub category: Option<String>,
    /// The OPM (and DCWF) work role codes: `451`.
    pub opm_codes: Vec<String>,
    /// Knowledge and skill statement ids, in the file's order.
    pub statements: Vec<String>,
    pub tasks: Vec<(String, String)>,
}

/// The NICE Framework components, read.
#[derive(Debug, Clone)]
pub struct Nice {
    /// The document's name and version, for notes.
    pub document: String,
    pub version: String,
    pub statements: Vec<Statement>,
    pub roles: Vec<WorkRole>,
    /// Links from a work role to an id the file does not define.
    pub dangling: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    documents: Vec<RawDocument>,
    elements: Vec<RawElement>,
    #[serde(default)]
    relationships: Vec<RawRelationship>,
}

#[derive(Deserialize)]
struct RawDocument {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
}

#[derive(Deserialize)]
struct RawElement {
    element_type: String,
    element_identifier: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct RawRelationship {
    source_element_identifier: String,
    dest_element_identifier: String,
}

/// Reads the NICE Framework components JSON (NIST's CPRT export: elements
/// and their relationships). Newer versions of the same shape read alike;
/// element types other than work roles, knowledge, skills, tasks, OPM
/// codes, categories and competency areas are ignored.
pub fn read_nice(file: &str, text: &str) -> Result<Nice> {
    let not_nice = |msg: String| {
        Error::data(Problem::at(file, "", msg).hint(
            "give the NICE Framework components JSON as NIST's CPRT exports it (elements and relationships)",
        ))
    };
    crate::json::parse(file, text).map_err(Error::data)?;
    let raw: RawFile = serde_json::from_str(text)
        .map_err(|e| not_nice(format!("not a NICE Framework components file: {e}")))?;
    let (document, version) = raw
        .documents
        .first()
        .map(|d| (d.name.clone(), d.version.clone()))
        .unwrap_or_default();
    let mut kinds: HashMap<&str, &RawElement> = HashMap::new();
    for e in &raw.elements {
        kinds.insert(e.element_identifier.as_str(), e);
    }
    let mut areas: HashMap<&str, Vec<String>> = HashMap::new();
    let mut linked: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut category: HashMap<&str, String> = HashMap::new();
    for r in &raw.relationships {
        let (from, to) = (
            r.source_element_identifier.as_str(),
            r.dest_element_identifier.as_str(),
        );
        let Some(source) = kinds.get(from) else {
            continue;
        };
        match source.element_type.as_str() {
            "work_role" => linked.entry(from).or_default().push(to),
            "competency_area" => areas
                .entry(to)
                .or_default()
                .push(source.title.trim().to_string()),
            "category" => {
                category.insert(to, source.title.trim().to_string());
            }
            _ => {}
        }
    }
    let statements: Vec<Statement> = raw
        .elements
        .iter()
        .filter(|e| e.element_type == "knowledge" || e.element_type == "skill")
        .map(|e| Statement {
            id: e.element_identifier.trim().to_string(),
            knowledge: e.element_type == "knowledge",
            text: clean(&e.text),
            areas: areas
                .get(e.element_identifier.as_str())
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let mut dangling = Vec::new();
    let mut roles = Vec::new();
    for e in raw
        .elements
        .iter()
        .filter(|e| e.element_type == "work_role")
    {
        let id = e.element_identifier.as_str();
        let mut role = WorkRole {
            id: id.trim().to_string(),
            title: clean(&e.title),
            text: clean(&e.text),
            category: category.get(id).cloned(),
            opm_codes: Vec::new(),
            statements: Vec::new(),
            tasks: Vec::new(),
        };
        let mut seen = BTreeSet::new();
        for to in linked.get(id).into_iter().flatten() {
            if !seen.insert(*to) {
                continue;
            }
            match kinds.get(to).map(|t| t.element_type.as_str()) {
                Some("knowledge" | "skill") => role.statements.push(to.trim().to_string()),
                Some("task") => role
                    .tasks
                    .push((to.trim().to_string(), clean(&kinds[to].text))),
                Some("opm_code") => role.opm_codes.push(to.trim().to_string()),
                Some(_) => {}
                None => dangling.push((role.id.clone(), to.to_string())),
            }
        }
        roles.push(role);
    }
    if roles.is_empty() || statements.is_empty() {
        return Err(not_nice(format!(
            "no work roles or no knowledge and skill statements among its {} elements",
            raw.elements.len()
        )));
    }
    Ok(Nice {
        document,
        version,
        statements,
        roles,
        dangling,
    })
}

/// Collapses runs of whitespace: titles in the file carry trailing spaces.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One row of the DoD 8140 qualification matrix: a certification (by the
/// matrix's acronym) that qualifies a work role code at a tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    pub acronym: String,
    pub code: String,
    pub tier: Tier,
}

/// The columns a matrix sheet or CSV needs, by header.
const ACRONYM: &str = "acronym";
const CODE: &str = "work role code";
const TIER: &str = "proficiency";
const TYPE: &str = "offering type";

/// Rows from a table whose first row with the needed headers names the
/// columns: certifications only (an `Offering Type` column, when there is
/// one, must say certification); rows without a code or a tier skipped.
/// `None` when no row has the headers.
fn matrix_rows(rows: &[Vec<String>]) -> Option<Vec<MatrixRow>> {
    let norm = |s: &str| clean(s).to_lowercase();
    let (at, header) = rows.iter().enumerate().find(|(_, r)| {
        let h: Vec<String> = r.iter().map(|c| norm(c)).collect();
        [ACRONYM, CODE, TIER]
            .iter()
            .all(|k| h.iter().any(|c| c == k))
    })?;
    let col = |k: &str| header.iter().position(|c| norm(c) == k);
    let (a, c, t) = (col(ACRONYM)?, col(CODE)?, col(TIER)?);
    let kind = col(TYPE);
    let cell = |r: &Vec<String>, i: usize| r.get(i).map(|s| clean(s)).unwrap_or_default();
    let mut out = Vec::new();
    for r in &rows[at + 1..] {
        let acronym = cell(r, a);
        let code = cell(r, c);
        if acronym.is_empty() || code.is_empty() {
            continue;
        }
        if let Some(k) = kind {
            if !norm(&cell(r, k)).contains("certification") {
                continue;
            }
        }
        let Some(tier) = Tier::parse(&cell(r, t)) else {
            continue;
        };
        out.push(MatrixRow {
            acronym,
            code,
            tier,
        });
    }
    Some(out)
}

fn no_matrix(file: &str) -> Error {
    Error::data(
        Problem::at(
            file,
            "",
            "no sheet or table with the columns Acronym, Work Role Code and Proficiency",
        )
        .hint("give the DoD 8140 CWQP qualification matrix (its TAB A), as xlsx or CSV"),
    )
}

/// The matrix from CSV text with a header line (`Acronym`, `Work Role
/// Code`, `Proficiency`, optionally `Offering Type`; other columns
/// ignored).
pub fn read_matrix_csv(file: &str, text: &str) -> Result<Vec<MatrixRow>> {
    let mut rows = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Error::data(
                Problem::at(file, &format!("line {}", i + 1), format!("bad CSV: {e}"))
                    .hint("save the matrix as comma-separated values (RFC 4180)"),
            )
        })?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    matrix_rows(&rows).ok_or_else(|| no_matrix(file))
}

/// The matrix from an xlsx workbook's bytes: the first sheet (TAB A in
/// the DoD file) with the needed headers.
pub fn read_matrix_xlsx(file: &str, bytes: Vec<u8>) -> Result<Vec<MatrixRow>> {
    use calamine::Reader;
    let bad = |e: String| {
        Error::data(
            Problem::at(file, "", format!("cannot read the workbook: {e}")).hint(
                "give the matrix as .xlsx as the DoD CIO publishes it, or export TAB A as CSV",
            ),
        )
    };
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| bad(e.to_string()))?;
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        if let Some(found) = matrix_rows(&rows) {
            return Ok(found);
        }
    }
    Err(no_matrix(file))
}

/// A cell as text: whole numbers without a fraction (a work role code
/// typed as the number 451).
fn cell_text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// The matrix's certification acronyms that name a certification of the
/// bundled catalog, and its id there. Acronyms not listed (GIAC's GCIH,
/// EC-Council's CND, ...) have no bundled entry; they are kept in the
/// role's `x-dod8140` only.
pub const CERT_ACRONYMS: &[(&str, &str)] = &[
    ("A+", "comptia-a-plus"),
    ("Network+", "comptia-network-plus"),
    ("Security+", "comptia-security-plus"),
    ("CySA+", "comptia-cysa-plus"),
    ("PenTest+", "comptia-pentest-plus"),
    ("Cloud+", "comptia-cloud-plus"),
    // CASP+ is now CompTIA SecurityX (the bundled CASP+ entry is retired
    // and replaced by it).
    ("CASP+", "comptia-securityx"),
    ("CCNA", "cisco-ccna"),
    // CBROPS, CyberOps Associate, is now CCNA Cybersecurity.
    ("CBROPS", "cisco-ccna-cybersecurity"),
    ("CISSP", "isc2-cissp"),
    ("SSCP", "isc2-sscp"),
    ("CCSP", "isc2-ccsp"),
    ("CISM", "isaca-cism"),
    ("CISA", "isaca-cisa"),
    ("CEH", "ec-council-ceh"),
    ("GSEC", "giac-gsec"),
];

/// The bundled cert an acronym names, case-insensitively.
fn cert_for(acronym: &str) -> Option<&'static str> {
    CERT_ACRONYMS
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(acronym))
        .map(|(_, id)| *id)
}

/// Which NICE statements are the same as a bundled skill: the first rule
/// one of whose phrases the statement's text contains (case-insensitive,
/// starting at a word; a phrase ending in `=` must also end at one) names
/// the skill. Specific rules come before broad ones. Holding the skill at
/// [`ROLE_LEVEL`] counts as holding the statement there, and back.
pub const SAME_AS_RULES: &[(&str, &[&str])] = &[
    (
        "cryptography",
        &[
            "encrypt",
            "cryptograph",
            "pki=",
            "public key infrastructure",
            "cipher",
            "digital signature",
            "hashing",
        ],
    ),
    (
        "penetration-testing",
        &[
            "penetration test",
            "red team",
            "exploitation tools",
            "exploitation techniques",
        ],
    ),
    (
        "digital-forensics",
        &[
            "forensic",
            "digital evidence",
            "chain of custody",
            "evidence collection",
        ],
    ),
    ("incident-response", &["incident"]),
    (
        "threat-hunting",
        &[
            "malware",
            "threat hunt",
            "indicators of compromise",
            "threat intelligence",
            "threat actor",
            "attack signature",
        ],
    ),
    (
        "network-security",
        &[
            "intrusion detection",
            "intrusion prevention",
            "network security",
            "network defense",
            "network access control",
            "packet capture",
            "packet analysis",
            "traffic analysis",
        ],
    ),
    (
        "siem-log-analysis",
        &[
            "siem=",
            "log analysis",
            "logs=",
            "log=",
            "logging",
            "event correlation",
            "audit trail",
        ],
    ),
    ("vulnerability-management", &["vulnerabilit"]),
    (
        "web-application-security",
        &["web application", "owasp", "sql injection", "cross-site"],
    ),
    ("firewalls", &["firewall"]),
    ("vpn", &["vpn", "virtual private network", "remote access"]),
    (
        "wireless-networking",
        &["wireless", "wi-fi", "wifi", "wlan"],
    ),
    ("dns", &["dns=", "domain name"]),
    ("dhcp", &["dhcp="]),
    ("routing", &["routing", "router"]),
    ("switching-vlans", &["switches=", "switching", "vlan"]),
    ("ip-addressing", &["ip address", "subnet"]),
    (
        "network-design",
        &["network architecture", "network design", "network topolog"],
    ),
    ("cloud-security", &["cloud security"]),
    ("cloud-concepts", &["cloud"]),
    (
        "virtualization",
        &["virtualiz", "hypervisor", "virtual machine"],
    ),
    ("kubernetes", &["kubernetes"]),
    ("containers", &["container"]),
    (
        "identity-access-management",
        &[
            "access control",
            "identity",
            "authentication",
            "authoriz",
            "privileged access",
            "credential",
            "account management",
        ],
    ),
    (
        "backup-recovery",
        &["backup", "disaster recovery", "continuity", "recovery"],
    ),
    (
        "high-availability",
        &["high availability", "redundan", "fault toleran", "failover"],
    ),
    ("sql", &["sql="]),
    (
        "database-concepts",
        &["database", "data warehous", "data mining", "data model"],
    ),
    ("data-visualization", &["visualiz"]),
    ("data-analysis", &["data analy", "statistic", "analytic"]),
    (
        "data-protection",
        &[
            "privacy",
            "personally identifiable",
            "pii=",
            "data protection",
            "data loss",
            "data security",
            "classified",
            "classification",
        ],
    ),
    (
        "security-architecture",
        &[
            "security architecture",
            "security design",
            "secure architecture",
            "defense-in-depth",
            "defense in depth",
            "zero trust",
            "security engineering",
        ],
    ),
    (
        "system-hardening",
        &[
            "hardening",
            "secure configuration",
            "configuration baseline",
            "stig",
        ],
    ),
    ("patch-management", &["patch"]),
    ("configuration-management", &["configuration management"]),
    (
        "change-management",
        &["change management", "change control"],
    ),
    ("it-audit", &["audit"]),
    (
        "governance-risk-compliance",
        &[
            "risk",
            "polic",
            "compliance",
            "laws=",
            "law=",
            "legal",
            "regulat",
            "governance",
            "authorization process",
            "accreditation",
            "certification and accreditation",
            "security controls",
        ],
    ),
    ("active-directory", &["active directory"]),
    ("windows-client", &["windows"]),
    ("linux-administration", &["linux", "unix"]),
    (
        "endpoint-security",
        &["endpoint", "host-based", "antivirus", "anti-virus"],
    ),
    ("python", &["python"]),
    ("powershell", &["powershell"]),
    ("bash-scripting", &["bash=", "shell script", "scripting"]),
    ("version-control", &["version control"]),
    (
        "programming-concepts",
        &[
            "programming",
            "software development",
            "source code",
            "coding",
            "software engineering",
            "algorithm",
            "computer language",
        ],
    ),
    ("project-budgeting", &["budget", "cost", "financ"]),
    (
        "vendor-management",
        &[
            "acquisition",
            "procurement",
            "contract",
            "vendor",
            "supply chain",
        ],
    ),
    (
        "it-asset-management",
        &["asset management", "asset inventory", "licens"],
    ),
    (
        "project-management-fundamentals",
        &[
            "project management",
            "project=",
            "projects=",
            "program management",
        ],
    ),
    (
        "itsm",
        &[
            "service management",
            "itil=",
            "service level",
            "help desk",
            "service desk",
        ],
    ),
    ("troubleshooting-methodology", &["troubleshoot"]),
    (
        "customer-service",
        &["customer service", "customer support"],
    ),
    (
        "technical-documentation",
        &["documentation", "technical writing"],
    ),
    (
        "stakeholder-communication",
        &["communicat", "presentation", "briefing", "stakeholder"],
    ),
    ("team-leadership", &["leadership", "supervis", "mentor"]),
    (
        "facilitation-coaching",
        &[
            "teaching",
            "instruction",
            "curriculum",
            "learning",
            "coach",
            "training",
        ],
    ),
    (
        "requirements-analysis",
        &["requirements", "business process", "business analysis"],
    ),
    ("system-monitoring", &["monitoring"]),
    ("storage", &["storage", "raid="]),
    ("email-administration", &["email", "e-mail"]),
    (
        "security-fundamentals",
        &[
            "cybersecurity",
            "cyber security",
            "security",
            "threat",
            "attack",
            "adversar",
        ],
    ),
    (
        "networking-fundamentals",
        &["network", "protocol", "tcp/ip", "osi="],
    ),
    ("windows-server", &["operating system"]),
];

/// Whether `phrase` (see [`SAME_AS_RULES`]) occurs in `text`, which is
/// lowercase.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let (phrase, whole) = match phrase.strip_suffix('=') {
        Some(p) => (p, true),
        None => (phrase, false),
    };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        let starts = !word(before);
        let ends = !whole || !word(after);
        starts && ends
    })
}

/// The bundled skill a statement is the same as, by [`SAME_AS_RULES`].
pub fn same_as(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    SAME_AS_RULES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| contains_phrase(&lower, p)))
        .map(|(skill, _)| *skill)
}

/// What the import made, besides the catalog: counts for the summary.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub roles: usize,
    pub skills: usize,
    pub tasks: usize,
    /// Statements linked to a skill of the base catalog by `same_as`.
    pub same_as: usize,
    /// Roles given a certification requirement from the matrix.
    pub roles_with_certs: usize,
    /// Matrix acronyms that name a cert of the base catalog, and those
    /// that do not (kept in `x-dod8140` only).
    pub certs_mapped: Vec<String>,
    pub certs_unmapped: Vec<String>,
    /// Links to ids the NICE file does not define, skipped.
    pub dangling: Vec<String>,
    /// Entries of the base catalog copied in (`--self-contained`).
    pub copied: usize,
}

/// The catalog for `nice` (and the matrix, when given) as one catalog
/// file's JSON, and a summary. Links (`same_as`, certifications) go only
/// to entries `base` has, so that the result validates on top of it.
/// `tier` picks the DoD 8140 tier whose certifications a role asks for;
/// `None` picks, for each role, the lowest tier that names a cert of
/// `base`. `self_contained` also copies in every entry of `base` the
/// import refers to, directly or not, so that it loads alone.
pub fn build(
    nice: &Nice,
    matrix: Option<&[MatrixRow]>,
    base: &Catalog,
    tier: Option<Tier>,
    self_contained: bool,
) -> (Value, Summary) {
    let mut summary = Summary::default();
    let source = format!(
        "{} {}",
        if nice.document.is_empty() {
            "NICE Framework components"
        } else {
            &nice.document
        },
        nice.version
    )
    .trim()
    .to_string();
    let mut skills = Vec::with_capacity(nice.statements.len());
    let mut known = BTreeSet::new();
    // The entries of `base` the import refers to.
    let mut refers: BTreeSet<&str> = BTreeSet::new();
    for s in &nice.statements {
        let id = statement_id(&s.id);
        if !crate::names::valid_id(&id) || !known.insert(s.id.clone()) {
            continue;
        }
        let mut entry = Map::new();
        entry.insert("id".into(), json!(id));
        entry.insert("name".into(), json!(s.text));
        entry.insert(
            "domain".into(),
            json!(if s.knowledge {
                "nice-knowledge"
            } else {
                "nice-skill"
            }),
        );
        entry.insert(
            "hours".into(),
            json!(if s.knowledge {
                KNOWLEDGE_HOURS
            } else {
                SKILL_HOURS
            }),
        );
        entry.insert("aliases".into(), json!([s.id]));
        if let Some(skill) = same_as(&s.text).filter(|k| base.skill(k).is_some()) {
            refers.insert(skill);
            entry.insert(
                "same_as".into(),
                json!([{ "skill": skill, "level": ROLE_LEVEL }]),
            );
            summary.same_as += 1;
        }
        let mut x = Map::new();
        x.insert("id".into(), json!(s.id));
        x.insert(
            "type".into(),
            json!(if s.knowledge { "knowledge" } else { "skill" }),
        );
        if !s.areas.is_empty() {
            x.insert("competency_areas".into(), json!(s.areas));
        }
        entry.insert("x-nice".into(), Value::Object(x));
        skills.push(Value::Object(entry));
    }
    summary.skills = skills.len();
    // Acronyms by work role code and tier.
    let mut by_code: HashMap<&str, BTreeMap<Tier, BTreeSet<&str>>> = HashMap::new();
    let mut mapped = BTreeSet::new();
    let mut unmapped = BTreeSet::new();
    for r in matrix.unwrap_or_default() {
        by_code
            .entry(r.code.as_str())
            .or_default()
            .entry(r.tier)
            .or_default()
            .insert(r.acronym.as_str());
        match cert_for(&r.acronym).filter(|id| base.cert(id).is_some()) {
            Some(_) => mapped.insert(r.acronym.clone()),
            None => unmapped.insert(r.acronym.clone()),
        };
    }
    summary.certs_mapped = mapped.into_iter().collect();
    summary.certs_unmapped = unmapped.into_iter().collect();
    let mut roles = Vec::with_capacity(nice.roles.len());
    for w in &nice.roles {
        let id = format!("nice-{}", w.id.to_lowercase());
        if !crate::names::valid_id(&id) {
            continue;
        }
        let asks: Vec<Value> = w
            .statements
            .iter()
            .filter(|s| known.contains(*s))
            .map(|s| json!({ "skill": statement_id(s), "level": ROLE_LEVEL }))
            .collect();
        if asks.is_empty() {
            continue;
        }
        summary.tasks += w.tasks.len();
        // The role's acronyms by tier, over all its codes.
        let mut tiers: BTreeMap<Tier, BTreeSet<&str>> = BTreeMap::new();
        for code in &w.opm_codes {
            for (t, list) in by_code.get(code.as_str()).into_iter().flatten() {
                tiers.entry(*t).or_default().extend(list.iter().copied());
            }
        }
        let bundled = |t: Tier| -> Vec<&'static str> {
            let mut ids: Vec<&str> = tiers
                .get(&t)
                .into_iter()
                .flatten()
                .filter_map(|a| cert_for(a))
                .filter(|id| base.cert(id).is_some())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let chosen = match tier {
            Some(t) => Some(t).filter(|t| !bundled(*t).is_empty()),
            None => Tier::ALL.into_iter().find(|t| !bundled(*t).is_empty()),
        };
        let mut entry = Map::new();
        entry.insert("id".into(), json!(id));
        entry.insert("name".into(), json!(format!("{} ({})", w.title, w.id)));
        let mut aliases = vec![w.id.clone(), w.title.clone()];
        aliases.dedup();
        entry.insert("aliases".into(), json!(aliases));
        if !w.text.is_empty() {
            entry.insert("description".into(), json!(w.text));
        }
        entry.insert("skills".into(), Value::Array(asks));
        let mut note = format!(
            "Imported from {source}: every knowledge and skill statement of the work role at level {ROLE_LEVEL}."
        );
        if let Some(t) = chosen {
            let ids = bundled(t);
            refers.extend(ids.iter().copied());
            entry.insert("certifications".into(), json!([{ "any_of": ids }]));
            summary.roles_with_certs += 1;
            note.push_str(&format!(
                " Certifications: those of the bundled catalog that the DoD 8140 matrix names at the {} tier for work role code {}.",
                t.word(),
                w.opm_codes.join(" and ")
            ));
        }
        entry.insert("note".into(), json!(note));
        let mut x = Map::new();
        x.insert("id".into(), json!(w.id));
        if let Some(c) = &w.category {
            x.insert("category".into(), json!(c));
        }
        if !w.opm_codes.is_empty() {
            x.insert("opm_codes".into(), json!(w.opm_codes));
        }
        if !w.tasks.is_empty() {
            let tasks: Vec<Value> = w
                .tasks
                .iter()
                .map(|(id, text)| json!({ "id": id, "text": text }))
                .collect();
            x.insert("tasks".into(), Value::Array(tasks));
        }
        if !tiers.is_empty() {
            let dod: Map<String, Value> = tiers
                .iter()
                .map(|(t, list)| (t.word().to_string(), json!(list)))
                .collect();
            x.insert("dod8140".into(), Value::Object(dod));
        }
        entry.insert("x-nice".into(), Value::Object(x));
        roles.push(Value::Object(entry));
    }
    summary.roles = roles.len();
    summary.dangling = nice
        .dangling
        .iter()
        .map(|(role, to)| format!("{role} -> {to}"))
        .collect();
    let (copied_skills, copied_certs) = if self_contained {
        copies(base, refers)
    } else {
        (Vec::new(), Vec::new())
    };
    summary.copied = copied_skills.len() + copied_certs.len();
    let mut all_skills = copied_skills;
    all_skills.append(&mut skills);
    let mut catalog = json!({
        "format": 1,
        "x-source": {
            "framework": source,
            "dod8140_matrix": matrix.is_some(),
            "self_contained": self_contained,
            "generator": concat!("certpath ", env!("CARGO_PKG_VERSION"), " catalog import nice"),
        },
        "skills": all_skills,
    });
    if !copied_certs.is_empty() {
        catalog["certifications"] = Value::Array(copied_certs);
    }
    catalog["roles"] = Value::Array(roles);
    (catalog, summary)
}

/// Fields of an entry that hold text, never a reference to another entry.
const NOT_REFERENCES: &[&str] = &["id", "name", "aliases", "description", "note", "sources"];

/// Every entry of `base` that `roots` refer to, themselves included,
/// through any field that names an id (`requires`, `covers`, `satisfies`,
/// `renews`, `replaced_by`, `same_as`...), as catalog values: the skills,
/// then the certifications, each in `base`'s order.
fn copies(base: &Catalog, roots: BTreeSet<&str>) -> (Vec<Value>, Vec<Value>) {
    fn strings<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
        match v {
            Value::String(s) => out.push(s),
            Value::Array(items) => items.iter().for_each(|x| strings(x, out)),
            Value::Object(m) => m.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut values: HashMap<String, Value> = HashMap::new();
    let mut stack: Vec<String> = roots.into_iter().map(str::to_string).collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(v) = base.entry_value(&id) else {
            continue;
        };
        let mut found = Vec::new();
        for (k, x) in v.as_object().into_iter().flatten() {
            if !NOT_REFERENCES.contains(&k.as_str()) && !crate::json::is_extension(k) {
                strings(x, &mut found);
            }
        }
        for s in found {
            if matches!(
                base.kind_of(s),
                Some(crate::catalog::Kind::Skill | crate::catalog::Kind::Cert)
            ) && !seen.contains(s)
            {
                stack.push(s.to_string());
            }
        }
        values.insert(id, v);
    }
    let pick = |ids: Vec<&String>| -> Vec<Value> {
        ids.into_iter()
            .filter_map(|id| values.get(id).cloned())
            .collect()
    };
    (
        pick(base.skills.iter().map(|s| &s.id).collect()),
        pick(base.certs.iter().map(|c| &c.id).collect()),
    )
}

/// The catalog id of a statement: `K0018` -> `nice-k0018`.
fn statement_id(nice_id: &str) -> String {
    format!("nice-{}", nice_id.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_start_at_a_word() {
        assert!(contains_phrase(
            "knowledge of encryption algorithms",
            "encrypt"
        ));
        assert!(!contains_phrase("knowledge of technology", "log"));
        assert!(contains_phrase("skill in reading logs", "logs="));
        assert!(!contains_phrase("skill in logistics", "log="));
        assert!(contains_phrase("knowledge of dns", "dns="));
    }

    #[test]
    fn statements_map_to_the_first_matching_skill() {
        assert_eq!(
            same_as("Knowledge of encryption algorithms"),
            Some("cryptography")
        );
        assert_eq!(
            same_as("Knowledge of cybersecurity threats and vulnerabilities"),
            Some("vulnerability-management")
        );
        assert_eq!(
            same_as("Knowledge of incident response principles"),
            Some("incident-response")
        );
        assert_eq!(same_as("Skill in conducting information searches"), None);
    }

    #[test]
    fn matrix_rows_are_found_by_their_headers() {
        let rows: Vec<Vec<String>> = [
            vec!["Certification Index"],
            vec![
                "Provider",
                "Acronym",
                "Offering Type",
                "Work Role Code",
                "Proficiency",
            ],
            vec![
                "CompTIA",
                "Security+",
                "Certification",
                "451",
                "Intermediate",
            ],
            vec!["CompTIA", "A+", "Certification", "451", "BAsic"],
            vec!["DAU", "X", "Course", "451", "Basic"],
            vec!["", "", "", "", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let found = matrix_rows(&rows).expect("headers found");
        assert_eq!(
            found,
            vec![
                MatrixRow {
                    acronym: "Security+".into(),
                    code: "451".into(),
                    tier: Tier::Intermediate
                },
                MatrixRow {
                    acronym: "A+".into(),
                    code: "451".into(),
                    tier: Tier::Basic
                },
            ]
        );
        assert!(matrix_rows(&rows[..1]).is_none());
    }
}
