//! Fuzzing on stable Rust (proptest): the catalog loader, the profile
//! loader and the argument parser get random inputs and inputs mutated
//! from the bundled data (deleted braces, swapped ids, huge numbers,
//! negative levels, deep nesting, invalid UTF-8, empty files, a 100 MB
//! string). The property everywhere: success, or an error with the right
//! exit code (65 for bad data); never a panic, never a hang.
//!
//! `cargo test` runs a few dozen cases per harness; a long run:
//! `CERTPATH_FUZZ_CASES=100000 cargo test --release --test cli fuzz`
//! (README, "Fuzzing").

use certpath::catalog::{Catalog, Source, BUNDLED};
use certpath::error::{Code, Error};
use certpath::plan::{Options, Planner};
use certpath::profile::Profile;
use proptest::prelude::*;
use std::ffi::OsString;
use std::sync::OnceLock;

/// Cases per harness: `CERTPATH_FUZZ_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("CERTPATH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        // Shrinking a slow case can take long; the first failure says enough.
        max_shrink_iters: 256,
        // Kept in git and replayed first (tests/proptest-regressions/).
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/proptest-regressions/fuzz.txt",
            ),
        )),
        ..ProptestConfig::default()
    }
}

fn bundled() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    CAT.get_or_init(|| Catalog::load(&Source::bundled()).expect("the bundled catalog loads"))
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 24)
}

// ---------------------------------------------------------------------------
// Mutations of JSON text

/// One change to a JSON text, its places chosen by number (modulo what the
/// text has), so that proptest can shrink it.
#[derive(Debug, Clone)]
enum Mutation {
    /// Deletes the n-th brace, bracket, comma, colon or quote.
    DeleteStructural(usize),
    /// Swaps the values of the a-th and b-th `"id"` fields.
    SwapIds(usize, usize),
    /// Replaces the n-th number with another.
    Number(usize, &'static str),
    /// Makes the n-th `"level"` negative.
    NegativeLevel(usize),
    /// Wraps the n-th number in `depth` arrays.
    Nest(usize, usize),
    /// Replaces the n-th string with another.
    Text(usize, String),
    /// Cuts the text at the n-th thousandth of its length.
    Truncate(usize),
    /// Inserts a fragment before the n-th brace, bracket or comma.
    Insert(usize, &'static str),
    /// A byte-order mark in front.
    Bom,
}

const NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "1e400",
    "-1",
    "-0",
    "0.5",
    "18446744073709551616",
    "4294967296",
    "99999999999999999999999999",
    "5",
    "0",
];

const FRAGMENTS: &[&str] = &[
    "null,",
    "{},",
    "[],",
    "\"\\uD800\",",
    "\"\\u0000\",",
    "\"x\": 1,",
    "\"id\": \"comptia-a-plus\",",
    "\"skills\": [],",
    "\"format\": 2,",
    "{\"any_of\": []},",
    "{\"cert\": \"comptia-a-plus\", \"skill\": \"ip-addressing\", \"level\": 2},",
    "1e400,",
];

fn texts() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("A".repeat(10_000)),
        Just("IP_Addressing".to_string()),
        Just("comptia-a-plus".to_string()),
        Just("networking-fundamentals".to_string()),
        Just("comptia-casp-plus".to_string()),
        Just("é".to_string()),
        Just("2027-02-30".to_string()),
        Just("hacking".to_string()),
        "[a-z-]{0,70}",
        any::<String>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => any::<usize>().prop_map(Mutation::DeleteStructural),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapIds(a, b)),
        3 => (any::<usize>(), proptest::sample::select(NUMBERS)).prop_map(|(n, v)| Mutation::Number(n, v)),
        2 => any::<usize>().prop_map(Mutation::NegativeLevel),
        1 => (any::<usize>(), proptest::sample::select(vec![2usize, 127, 128, 129, 10_000]))
            .prop_map(|(n, d)| Mutation::Nest(n, d)),
        3 => (any::<usize>(), texts()).prop_map(|(n, t)| Mutation::Text(n, t)),
        1 => (0usize..1000).prop_map(Mutation::Truncate),
        2 => (any::<usize>(), proptest::sample::select(FRAGMENTS)).prop_map(|(n, f)| Mutation::Insert(n, f)),
        1 => Just(Mutation::Bom),
    ]
}

/// Byte ranges of the JSON strings in `text` (quotes included).
fn strings(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            out.push((start, (i + 1).min(b.len())));
        }
        i += 1;
    }
    out
}

/// Byte ranges of the numbers in `text` outside strings.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let quoted = strings(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if quoted.iter().any(|(s, e)| (*s..*e).contains(&i)) {
            i += 1;
            continue;
        }
        if b[i] == b'-' || b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b"-+.eE".contains(&b[i])) {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

fn splice(text: &str, (s, e): (usize, usize), with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..s]);
    out.push_str(with);
    out.push_str(&text[e..]);
    out
}

fn apply(text: &str, m: &Mutation) -> String {
    let pick = |v: &[(usize, usize)], n: usize| (!v.is_empty()).then(|| v[n % v.len()]);
    match m {
        Mutation::DeleteStructural(n) => {
            let at: Vec<(usize, usize)> = text
                .char_indices()
                .filter(|(_, c)| "{}[],:\"".contains(*c))
                .map(|(i, _)| (i, i + 1))
                .collect();
            pick(&at, *n).map_or_else(|| text.to_string(), |r| splice(text, r, ""))
        }
        Mutation::SwapIds(a, b) => {
            let quoted = strings(text);
            let ids: Vec<(usize, usize)> = quoted
                .windows(2)
                .filter(|w| &text[w[0].0..w[0].1] == "\"id\"")
                .map(|w| w[1])
                .collect();
            match (pick(&ids, *a), pick(&ids, *b)) {
                (Some(x), Some(y)) if x != y => {
                    let (first, second) = if x.0 < y.0 { (x, y) } else { (y, x) };
                    let (one, two) = (&text[first.0..first.1], &text[second.0..second.1]);
                    let swapped = splice(text, second, one);
                    splice(&swapped, first, two)
                }
                _ => text.to_string(),
            }
        }
        Mutation::Number(n, v) => {
            pick(&numbers(text), *n).map_or_else(|| text.to_string(), |r| splice(text, r, v))
        }
        Mutation::NegativeLevel(n) => {
            let at: Vec<(usize, usize)> = text
                .match_indices("\"level\": ")
                .map(|(i, s)| (i + s.len(), i + s.len()))
                .collect();
            pick(&at, *n).map_or_else(|| text.to_string(), |r| splice(text, r, "-"))
        }
        Mutation::Nest(n, depth) => match pick(&numbers(text), *n) {
            Some(r) => {
                let inner = &text[r.0..r.1];
                let nested = format!("{}{inner}{}", "[".repeat(*depth), "]".repeat(*depth));
                splice(text, r, &nested)
            }
            None => text.to_string(),
        },
        Mutation::Text(n, t) => match pick(&strings(text), *n) {
            Some(r) => splice(text, r, &serde_json::to_string(t).expect("a string")),
            None => text.to_string(),
        },
        Mutation::Truncate(k) => {
            let mut cut = text.len() * k / 1000;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_string()
        }
        Mutation::Insert(n, f) => {
            let at: Vec<(usize, usize)> = text
                .char_indices()
                .filter(|(_, c)| "{[,".contains(*c))
                .map(|(i, _)| (i + 1, i + 1))
                .collect();
            pick(&at, *n).map_or_else(|| text.to_string(), |r| splice(text, r, f))
        }
        Mutation::Bom => format!("\u{feff}{text}"),
    }
}

// ---------------------------------------------------------------------------
// The catalog loader

/// The bundled files with some of them mutated.
fn mutated_sources(changes: &[(usize, Vec<Mutation>)]) -> Vec<Source> {
    let mut sources = Source::bundled();
    for (file, ms) in changes {
        let s = &mut sources[file % BUNDLED.len()];
        for m in ms {
            s.text = apply(&s.text, m).into();
        }
    }
    sources
}

/// Loads, and plans a role when the catalog loads: `Ok` or bad data (65).
fn load_and_plan(sources: &[Source], role: usize) -> Result<(), TestCaseError> {
    match Catalog::load(sources) {
        Ok(cat) => {
            if !cat.roles.is_empty() {
                let profile = Profile::default();
                let planner = Planner::new(&cat, &profile, Options::new(today()));
                let plan = planner.plan(&cat.roles[role % cat.roles.len()]);
                prop_assert!(plan.summary.readiness_percent <= 100);
            }
        }
        Err(e) => expect_bad_data(&e)?,
    }
    Ok(())
}

fn expect_bad_data(e: &Error) -> Result<(), TestCaseError> {
    prop_assert_eq!(e.code, Code::Data, "{}", e);
    prop_assert_eq!(e.exit_code(), 65);
    prop_assert!(!e.problems.is_empty());
    prop_assert!(e.problems.iter().all(|p| !p.message.is_empty()));
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn fuzz_catalog_mutated_from_the_bundled_files(
        changes in proptest::collection::vec(
            (0usize..BUNDLED.len(), proptest::collection::vec(mutation(), 1..4)),
            1..3,
        ),
        role in any::<usize>(),
    ) {
        load_and_plan(&mutated_sources(&changes), role)?;
    }

    #[test]
    fn fuzz_catalog_random_text_on_top_of_the_bundled_one(text in any::<String>()) {
        let mut sources = Source::bundled();
        sources.push(Source { name: "random.json".into(), text: text.into() });
        load_and_plan(&sources, 0)?;
    }
}

/// A small random catalog where anything may point at anything: cycles,
/// retired certs replaced by themselves or by what needs them, any_ofs of
/// any size. Ids are valid, so that what is wrong is the graph.
fn random_world() -> impl Strategy<Value = (serde_json::Value, serde_json::Value)> {
    use serde_json::json;
    let ns = 1usize..10;
    let nc = 1usize..8;
    (ns, nc).prop_flat_map(|(ns, nc)| {
        // Now and then a level out of range.
        let level = prop_oneof![80 => 0u8..5, 1 => Just(5u8)];
        let skill = (
            proptest::collection::vec(0u32..12, 4),
            proptest::collection::vec((0..ns, level.clone()), 0..3),
        );
        // (kind, cert or skill, any_of options, level)
        let prereq = (0u8..3, 0..nc.max(ns), proptest::collection::vec(0..nc, 1..4), 1u8..5);
        let cert = (
            proptest::collection::vec((0..ns, 1u8..5), 0..3),
            proptest::collection::vec(prereq.clone(), 0..3),
            proptest::collection::vec(prereq, 0..2),
            proptest::option::weighted(0.3, proptest::collection::vec(0..nc, 1..3)),
            proptest::collection::vec(0..nc, 0..2),
            proptest::option::of(0u32..40),
            proptest::option::weighted(0.3, (1u32..60, any::<bool>())),
            proptest::option::of(0u32..4),
        );
        let role = (
            proptest::collection::vec((0..ns, 1u8..5), 1..3),
            proptest::collection::vec(proptest::collection::vec(0..nc, 1..4), 0..3),
        );
        let profile = (
            proptest::collection::vec((0..ns, 0u8..5), 0..3),
            proptest::collection::vec(0..nc, 0..2),
            0u32..30,
        );
        (
            proptest::collection::vec(skill, ns),
            proptest::collection::vec(cert, nc),
            proptest::collection::vec(role, 1..3),
            profile,
            proptest::bool::weighted(0.25),
        )
            .prop_map(move |(skills, certs, roles, profile, tangled)| {
                // Mostly prerequisites point down the list (no cycle), so
                // that most catalogs load and get planned; tangled ones may
                // point anywhere. Replacements always may.
                let below = |j: usize, i: usize| -> Option<usize> {
                    if tangled {
                        Some(j)
                    } else {
                        (i > 0).then(|| j % i)
                    }
                };
                let skills: Vec<serde_json::Value> = skills
                    .iter()
                    .enumerate()
                    .map(|(i, (hours, reqs))| {
                        json!({
                            "id": format!("s-{i}"), "name": format!("Skill {i}"), "domain": "d",
                            "hours": hours,
                            "requires": reqs.iter().filter_map(|(s, l)| Some(json!({"skill": format!("s-{}", below(*s, i)?), "level": l}))).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                let prereqs = |list: &[(u8, usize, Vec<usize>, u8)], i: usize| -> Vec<serde_json::Value> {
                    list.iter()
                        .filter_map(|(kind, x, options, level)| match kind {
                            0 => Some(json!({ "cert": format!("c-{}", below(x % nc, i)?) })),
                            1 => Some(json!({ "skill": format!("s-{}", x % ns), "level": level })),
                            _ => {
                                let o: Vec<String> = options
                                    .iter()
                                    .filter_map(|c| Some(format!("c-{}", below(*c, i)?)))
                                    .collect();
                                (!o.is_empty()).then(|| json!({ "any_of": o }))
                            }
                        })
                        .collect()
                };
                let certs: Vec<serde_json::Value> = certs
                    .iter()
                    .enumerate()
                    .map(|(i, (covers, requires, recommends, retired, satisfies, cost, exp, validity))| {
                        let mut c = json!({
                            "id": format!("c-{i}"), "name": format!("Cert {i}"), "vendor": if i % 2 == 0 { "A" } else { "B" },
                            "exams": [{ "code": format!("E-{i}"), "cost_usd": cost }],
                            "study_hours": i * 3,
                            "covers": covers.iter().map(|(s, l)| json!({"skill": format!("s-{s}"), "level": l})).collect::<Vec<_>>(),
                            "requires": prereqs(requires, i), "recommends": prereqs(recommends, i),
                            "satisfies": satisfies.iter().map(|c| format!("c-{c}")).collect::<Vec<_>>(),
                            "validity_years": validity, "as_of": "2026-10",
                        });
                        if let Some(by) = retired {
                            c["status"] = json!("retired");
                            c["replaced_by"] = json!(by.iter().map(|c| format!("c-{c}")).collect::<Vec<_>>());
                        }
                        if let Some((months, before)) = exp {
                            c["experience"] = json!({ "months": months, "area": "it", "before_exam": before });
                        }
                        c
                    })
                    .collect();
                let roles: Vec<serde_json::Value> = roles
                    .iter()
                    .enumerate()
                    .map(|(i, (skills, certs))| {
                        json!({
                            "id": format!("r-{i}"), "name": format!("Role {i}"),
                            "skills": skills.iter().map(|(s, l)| json!({"skill": format!("s-{s}"), "level": l})).collect::<Vec<_>>(),
                            "certifications": certs.iter().map(|o| json!({"any_of": o.iter().map(|c| format!("c-{c}")).collect::<Vec<_>>()})).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                let (levels, held, months) = profile;
                let profile = json!({
                    "format": 1,
                    "skills": levels.iter().map(|(s, l)| (format!("s-{s}"), json!(l))).collect::<serde_json::Map<_, _>>(),
                    "certifications": held.iter().map(|c| format!("c-{c}")).collect::<std::collections::BTreeSet<_>>(),
                    "experience_months": { "security": months },
                });
                (json!({ "skills": skills, "certifications": certs, "roles": roles }), profile)
            })
    })
}

proptest! {
    #![proptest_config(config(64))]

    /// A catalog either fails validation (65) or plans every role, for a
    /// profile and for nobody, with any options, without a panic or a
    /// stack overflow.
    #[test]
    fn fuzz_random_catalogs_plan_or_fail_cleanly(
        (catalog, profile) in random_world(),
        skip in any::<bool>(),
        avoid in any::<bool>(),
        prefer in proptest::option::of(0usize..8),
    ) {
            let source = Source { name: "world.json".into(), text: catalog.to_string().into() };
        match Catalog::load(&[source]) {
            Err(e) => expect_bad_data(&e)?,
            Ok(cat) => {
                let profile = match Profile::parse("p.json", &profile.to_string(), &cat) {
                    Ok(p) => p,
                    Err(e) => return expect_bad_data(&e),
                };
                let mut opts = Options::new(today());
                opts.skip_recommended = skip;
                if avoid {
                    opts.avoid = vec!["A".into()];
                }
                opts.prefer = prefer.map(|c| format!("c-{c}")).into_iter().collect();
                let nobody = Profile::default();
                let planner = Planner::new(&cat, &profile, opts.clone());
                let empty = Planner::new(&cat, &nobody, opts);
                for role in &cat.roles {
                    let plan = planner.plan_against(role, &empty);
                    prop_assert!(plan.summary.readiness_percent <= 100);
                }
                let ranked = certpath::commands::rank::rank(&planner.fork().lean(), &empty.fork().lean());
                prop_assert_eq!(ranked.len(), cat.roles.len());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The profile loader

/// A profile that uses every field, on the bundled catalog.
fn full_profile() -> String {
    serde_json::json!({
        "format": 1,
        "name": "Fuzz Person",
        "skills": { "networking-fundamentals": 2, "ip-addressing": 3, "windows-client": 4 },
        "certifications": ["comptia-a-plus", { "id": "comptia-network-plus", "earned": "2025-03-14" }],
        "experience_months": { "security": 12, "networking": 30 },
        "degree": "bachelor",
        "hours_per_week": 8,
        "target_role": "network-engineer",
        "history": [{ "date": "2026-11-20", "id": "comptia-a-plus", "from": null, "to": "held" }]
    })
    .to_string()
}

/// Any JSON value, with profile field names among the keys.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let key = prop_oneof![
        proptest::sample::select(vec![
            "format",
            "name",
            "skills",
            "certifications",
            "experience_months",
            "degree",
            "hours_per_week",
            "target_role",
            "history",
            "id",
            "earned",
            "date",
            "from",
            "to",
            "ip-addressing",
            "comptia-a-plus",
            "security",
        ])
        .prop_map(str::to_string),
        "[a-z_-]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(vec![0u64, 1, 2, 4, 5, 168, 169, u64::MAX]).prop_map(Value::from),
        texts().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn parse_profile(text: &str) -> Result<(), TestCaseError> {
    match Profile::parse("fuzz-profile.json", text, bundled()) {
        Ok(p) => {
            // What was read is written back and read again alike.
            let again = Profile::parse("again.json", &p.to_json(), bundled());
            prop_assert!(again.is_ok(), "{:?}", again.err());
        }
        Err(e) => expect_bad_data(&e)?,
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn fuzz_profile_mutated(ms in proptest::collection::vec(mutation(), 1..5)) {
        let mut text = full_profile();
        for m in &ms {
            text = apply(&text, m);
        }
        parse_profile(&text)?;
    }

    #[test]
    fn fuzz_profile_random_json(v in json_value()) {
        parse_profile(&v.to_string())?;
    }

    #[test]
    fn fuzz_profile_random_text(text in any::<String>()) {
        parse_profile(&text)?;
    }
}

// ---------------------------------------------------------------------------
// The argument parser and the commands behind it

/// A folder for what the commands may read and write, shared by the
/// cases: a profile, a catalog file, a folder.
fn playground() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().expect("temp dir");
        std::fs::write(d.path().join("profile.json"), full_profile()).expect("profile");
        std::fs::write(
            d.path().join("catalog.json"),
            r#"{"skills": [{"id": "fuzz-skill", "name": "Fuzz", "domain": "it", "hours": [1, 2, 3, 4]}],
                "roles": [{"id": "fuzz-role", "name": "Fuzz role", "skills": [{"skill": "fuzz-skill", "level": 2}]}]}"#,
        )
        .expect("catalog");
        std::fs::write(d.path().join("broken.json"), "{\"skills\": [").expect("broken");
        d
    })
    .path()
}

fn token() -> impl Strategy<Value = String> {
    let dir = playground().display().to_string();
    let fixed: Vec<String> = [
        "plan",
        "gap",
        "next",
        "why",
        "rank",
        "check",
        "roles",
        "role",
        "certs",
        "cert",
        "skills",
        "skill",
        "graph",
        "catalog",
        "validate",
        "export",
        "schema",
        "profile",
        "show",
        "set",
        "unset",
        "done",
        "progress",
        "completions",
        "man",
        "bash",
        "zsh",
        "--role",
        "-r",
        "--format",
        "json",
        "csv",
        "markdown",
        "table",
        "dot",
        "mermaid",
        "ics",
        "taskwarrior",
        "--color",
        "always",
        "never",
        "--have",
        "--catalog",
        "--no-builtin",
        "--no-profile",
        "-q",
        "--hours-per-week",
        "--start",
        "--prefer",
        "--avoid",
        "--skip-recommended",
        "--budget",
        "--max-cost",
        "--max-hours",
        "--top",
        "--undo",
        "--force",
        "--redo",
        "--out-dir",
        "--help",
        "--version",
        "-h",
        "--",
        "-",
        "",
        "network-engineer",
        "network",
        "comptia",
        "comptia-a-plus",
        "comptia-a-plus=2",
        "ip-addressing",
        "ip-addressing=3",
        "ip-addressing=9",
        "ip-addressing=-1",
        "cisco-ccna",
        "CompTIA",
        "Cisco",
        "networking-fundamentals",
        "comptia-casp-plus",
        "0",
        "-1",
        "1e308",
        "168",
        "169",
        "18446744073709551616",
        "2026-11-24",
        "2026-02-30",
        "name",
        "degree",
        "bachelor",
        "hours_per_week",
        "experience_months.security",
        "target_role",
        "history",
        "fuzz-role",
        "fuzz-skill",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let paths: Vec<String> = [
        "profile.json",
        "catalog.json",
        "broken.json",
        "missing.json",
        "",
        "out",
        "export",
    ]
    .iter()
    .map(|p| format!("{dir}/{p}"))
    .collect();
    prop_oneof![
        8 => proptest::sample::select(fixed),
        2 => proptest::sample::select(paths),
        1 => "[ -~]{0,20}",
        1 => any::<String>(),
    ]
}

/// `run()` on `args`: never a panic, an exit code of DESIGN.md section 4.
fn run_args(args: Vec<OsString>) -> Result<(), TestCaseError> {
    let shown = format!("{args:?}");
    match certpath::run(args) {
        Ok(out) => prop_assert!(out.code <= 1, "exit {} for {}", out.code, shown),
        Err(e) => {
            let code = e.exit_code();
            prop_assert!(
                [1, 2, 65, 66, 73, 74].contains(&code),
                "exit {code} for {shown}: {e}"
            );
        }
    }
    Ok(())
}

/// The arguments as a user gives them, with a profile in the playground
/// unless the tokens name one: nothing reads stdin (`--profile -` and
/// `assess` are left out) and nothing writes outside the playground (what
/// follows `export` or `--out-dir` is a folder in it).
fn command_line(mut tokens: Vec<String>) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["certpath".into()];
    if !tokens.iter().any(|t| t == "--no-profile") {
        args.push("--profile".into());
        args.push(playground().join("profile.json").into());
    }
    tokens.retain(|t| t != "-");
    let out = playground().join("out").display().to_string();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "export" || tokens[i] == "--out-dir" {
            match tokens.get_mut(i + 1) {
                Some(next) => *next = out.clone(),
                None => tokens.push(out.clone()),
            }
            i += 1;
        } else if tokens[i].starts_with("--out-dir=") {
            tokens[i] = format!("--out-dir={out}");
        }
        i += 1;
    }
    args.extend(tokens.into_iter().map(OsString::from));
    args
}

/// A command that parses, with options and values that may not fit it.
fn command() -> impl Strategy<Value = Vec<String>> {
    let name = || {
        prop_oneof![
            4 => proptest::sample::select(vec![
                "network-engineer", "cloud-engineer", "security-analyst", "comptia-a-plus",
                "cisco-ccna", "comptia-casp-plus", "ip-addressing", "networking-fundamentals",
                "network", "comptia", "Network+", "CCNA",
            ])
            .prop_map(str::to_string),
            1 => "[ -~]{0,12}",
        ]
    };
    let role = || name().prop_map(|n| vec!["--role".to_string(), n]);
    let base = prop_oneof![
        role().prop_map(|r| [vec!["plan".to_string()], r].concat()),
        role().prop_map(|r| [vec!["gap".to_string()], r].concat()),
        role().prop_map(|r| [vec!["next".to_string()], r].concat()),
        role().prop_map(|r| [vec!["check".to_string()], r].concat()),
        role().prop_map(|r| [vec!["progress".to_string()], r].concat()),
        (name(), role()).prop_map(|(n, r)| [vec!["why".to_string(), n], r].concat()),
        (name(), role()).prop_map(|(n, r)| [vec!["graph".to_string()], r, vec![n]].concat()),
        name().prop_map(|n| vec!["role".to_string(), n]),
        name().prop_map(|n| vec!["cert".to_string(), n]),
        name().prop_map(|n| vec!["skill".to_string(), n]),
        name().prop_map(|n| vec!["done".to_string(), n]),
        name().prop_map(|n| vec!["done".to_string(), n, "--undo".to_string()]),
        (name(), name()).prop_map(|(k, v)| vec!["profile".to_string(), "set".to_string(), k, v]),
        name().prop_map(|k| vec!["profile".to_string(), "unset".to_string(), k]),
        Just(vec!["rank".to_string()]),
        Just(vec!["roles".to_string()]),
        Just(vec!["certs".to_string()]),
        Just(vec!["skills".to_string()]),
        Just(vec!["profile".to_string(), "show".to_string()]),
        Just(vec!["catalog".to_string(), "export".to_string()]),
        Just(vec!["catalog".to_string(), "schema".to_string()]),
    ];
    let option = (
        proptest::sample::select(vec![
            "--format",
            "--color",
            "--have",
            "--hours-per-week",
            "--start",
            "--prefer",
            "--avoid",
            "--budget",
            "--max-cost",
            "--max-hours",
            "--top",
            "--catalog",
            "--skip-recommended",
            "--no-builtin",
            "-q",
        ]),
        prop_oneof![
            proptest::sample::select(vec![
                "json",
                "csv",
                "markdown",
                "table",
                "dot",
                "mermaid",
                "ics",
                "taskwarrior",
                "always",
                "never",
                "0",
                "1",
                "10",
                "168",
                "169",
                "-1",
                "1e308",
                "18446744073709551616",
                "2026-11-24",
                "2026-02-30",
                "CompTIA",
                "Cisco",
                "comptia-a-plus",
                "ip-addressing=2",
                "ip-addressing=9",
                "comptia-a-plus=2",
            ])
            .prop_map(str::to_string),
            name(),
        ],
    );
    (base, proptest::collection::vec(option, 0..4)).prop_map(|(mut args, options)| {
        for (flag, value) in options {
            args.push(flag.to_string());
            if !matches!(flag, "--skip-recommended" | "--no-builtin" | "-q") {
                args.push(value);
            }
        }
        args
    })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn fuzz_arguments(tokens in proptest::collection::vec(token(), 0..8)) {
        run_args(command_line(tokens))?;
    }

    #[test]
    fn fuzz_commands(tokens in command()) {
        run_args(command_line(tokens))?;
    }
}

#[test]
fn fuzz_arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStringExt;
    let bad = || OsString::from_vec(vec![b'n', b'e', 0xff, b't']);
    for args in [
        vec![
            "certpath".into(),
            "--no-profile".into(),
            "plan".into(),
            "--role".into(),
            bad(),
        ],
        vec!["certpath".into(), "--no-profile".into(), bad()],
        vec![
            "certpath".into(),
            "--no-profile".into(),
            "--have".into(),
            bad(),
            "gap".into(),
        ],
        vec![
            "certpath".into(),
            "--catalog".into(),
            bad(),
            "--no-profile".into(),
            "roles".into(),
        ],
        vec![
            "certpath".into(),
            "--profile".into(),
            bad(),
            "gap".into(),
            "--role".into(),
            "network-engineer".into(),
        ],
    ] {
        let shown = format!("{args:?}");
        match certpath::run(args) {
            Ok(out) => panic!("{shown} succeeded: {}", out.text),
            Err(e) => assert!([2, 65, 66].contains(&e.exit_code()), "{shown}: {e}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Inputs too big or too odd for random generation

#[test]
fn fuzz_deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = |d: usize| format!("{}1{}", "[".repeat(d), "]".repeat(d));
    for text in [
        deep(10_000),
        format!("{{\"skills\": {}}}", deep(10_000)),
        format!(
            "{{\"skills\": [{{\"id\": \"deep\", \"name\": \"Deep\", \"domain\": \"it\", \"hours\": {}}}]}}",
            deep(10_000)
        ),
        format!("{{\"roles\": [{{\"id\": \"r\", \"name\": \"R\", \"note\": {}}}]}}", deep(129)),
    ] {
        let e = Catalog::load(&[Source { name: "deep.json".into(), text: text.clone().into() }])
            .expect_err("too deep");
        assert_eq!(e.code, Code::Data);
        assert!(e.to_text().contains("recursion limit exceeded"), "{}", e.to_text());
        let e = Profile::parse("deep.json", &text, bundled()).expect_err("too deep");
        assert_eq!(e.code, Code::Data);
    }
}

#[test]
fn fuzz_empty_and_blank_files_are_bad_data() {
    for text in ["", " ", "\n\t\n", "\u{feff}"] {
        let e = Catalog::load(&[Source {
            name: "blank.json".into(),
            text: text.into(),
        }])
        .expect_err("blank");
        assert_eq!(e.code, Code::Data);
        assert!(e.to_text().contains("the file is empty"), "{}", e.to_text());
        let e = Profile::parse("blank.json", text, bundled()).expect_err("blank");
        assert_eq!(e.code, Code::Data);
    }
}

#[test]
fn fuzz_invalid_utf8_files_are_bad_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut bundled_bytes = BUNDLED[0].1.as_bytes().to_vec();
    bundled_bytes.insert(bundled_bytes.len() / 2, 0xff);
    for (name, bytes) in [
        (
            "latin1.json",
            b"{\"skills\": [{\"id\": \"caf\xe9\"}]}".to_vec(),
        ),
        ("half.json", b"\xe2\x82".to_vec()),
        ("bundled-with-a-bad-byte.json", bundled_bytes),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let e = Source::from_path(&p).expect_err("not UTF-8");
        assert_eq!(e.code, Code::Data);
        assert!(e.to_text().contains("not valid UTF-8"), "{}", e.to_text());
    }
}

#[test]
fn fuzz_a_100_mb_string_is_read_in_bounded_time() {
    // One huge unknown reference: read, reported, and no did-you-mean
    // comparing it with every id character by character (that would run
    // for hours; no clock is read: the suite would not finish).
    let huge = "x".repeat(100 * 1024 * 1024);
    let text = format!(
        "{{\"skills\": [{{\"id\": \"big-ref\", \"name\": \"Big\", \"domain\": \"it\", \"hours\": [1, 2, 3, 4], \"requires\": [{{\"skill\": \"{huge}\", \"level\": 1}}]}}]}}"
    );
    drop(huge);
    let mut sources = Source::bundled();
    sources.push(Source {
        name: "huge.json".into(),
        text: text.into(),
    });
    let e = Catalog::load(&sources).expect_err("an unknown skill");
    assert_eq!(e.code, Code::Data);
    assert_eq!(e.problems.len(), 1);
    assert!(e.problems[0].message.starts_with("unknown skill `xxxx"));
}
