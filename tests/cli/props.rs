//! Property tests on random acyclic catalogs and random profiles: every plan
//! respects every edge, plans nothing already met and nothing the role does
//! not need, adds up, and is deterministic, also from process to process.
//!
//! The expectations are computed here from the generated data ([`Oracle`]),
//! never by the planner's own code. Failing cases are kept in
//! tests/proptest-regressions/ and replayed first.

use certpath::catalog::{Catalog, Source};
use certpath::model::{Prereq, RoleCert};
use certpath::plan::{Options, Plan, Planner, StepKind};
use certpath::profile::{HeldCert, Profile};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
struct World {
    catalog: Value,
    skills: Vec<(usize, u8)>,
    held: Vec<usize>,
    degree_bachelor: bool,
    months: u32,
}

fn skill_id(i: usize) -> String {
    format!("skill-{i}")
}
fn cert_id(i: usize) -> String {
    format!("cert-{i}")
}

/// A random catalog: prerequisites only point at lower indexes, so it is
/// acyclic by construction.
fn world() -> impl Strategy<Value = World> {
    (2usize..10, 0usize..7).prop_flat_map(|(ns, nc)| {
        let skills = proptest::collection::vec(
            (
                proptest::collection::vec(0u32..20, 4),
                proptest::collection::vec((0usize..ns, 1u8..5), 0..3),
            ),
            ns,
        );
        let certs = proptest::collection::vec(
            (
                proptest::collection::vec((0usize..ns, 1u8..5), 1..4),
                proptest::collection::vec(0usize..nc.max(1), 0..3),
                proptest::collection::vec(0usize..nc.max(1), 0..2),
                0u32..40,
                proptest::option::of(0u32..500),
                proptest::option::of((1u32..40, any::<bool>())),
            ),
            nc,
        );
        let role = (
            proptest::collection::vec((0usize..ns, 1u8..5), 0..4),
            proptest::collection::vec(proptest::collection::vec(0usize..nc.max(1), 1..3), 0..3),
        );
        let profile = (
            proptest::collection::vec((0usize..ns, 0u8..5), 0..4),
            proptest::collection::vec(0usize..nc.max(1), 0..2),
            any::<bool>(),
            0u32..30,
        );
        (skills, certs, role, profile).prop_map(move |(skills, certs, role, profile)| {
            let skills_json: Vec<Value> = skills
                .iter()
                .enumerate()
                .map(|(i, (hours, reqs))| {
                    let mut h: Vec<u32> = hours.clone();
                    h.sort_unstable();
                    let mut seen = HashSet::new();
                    let reqs: Vec<Value> = reqs
                        .iter()
                        .filter(|(j, _)| *j < i && seen.insert(*j))
                        .map(|(j, l)| json!({"skill": skill_id(*j), "level": l}))
                        .collect();
                    json!({"id": skill_id(i), "name": format!("Skill {i}"), "domain": "test", "hours": h, "requires": reqs})
                })
                .collect();
            let certs_json: Vec<Value> = certs
                .iter()
                .enumerate()
                .map(|(i, (covers, requires, recommends, study, cost, exp))| {
                    let mut seen = HashSet::new();
                    let covers: Vec<Value> = covers
                        .iter()
                        .filter(|(s, _)| seen.insert(*s))
                        .map(|(s, l)| json!({"skill": skill_id(*s), "level": l}))
                        .collect();
                    let lower = |v: &Vec<usize>| -> Vec<usize> {
                        let mut x: Vec<usize> = v.iter().copied().filter(|j| *j < i).collect();
                        x.sort_unstable();
                        x.dedup();
                        x
                    };
                    let mut reqs: Vec<Value> = lower(requires).iter().map(|j| json!({"cert": cert_id(*j)})).collect();
                    let recs: Vec<Value> = lower(recommends).iter().map(|j| json!({"cert": cert_id(*j)})).collect();
                    if i >= 2 && requires.len() == 2 {
                        reqs.push(json!({"any_of": [cert_id(0), cert_id(1)]}));
                    }
                    let experience = exp.map(|(m, before)| {
                        json!({"months": m, "area": "it", "before_exam": before, "waivers": [{"degree": "bachelor", "months": m / 2}]})
                    });
                    json!({
                        "id": cert_id(i), "name": format!("Cert {i}"), "vendor": "Test",
                        "exams": [{"code": format!("T-{i}"), "cost_usd": cost}],
                        "study_hours": study, "covers": covers, "requires": reqs, "recommends": recs,
                        "experience": experience, "sources": ["https://example.org"], "as_of": "2026-11",
                        "validity_years": if study % 3 == 0 { Some(1) } else { None },
                        "renewal": {"by": if study % 2 == 0 { "ce" } else { "retake" }}
                    })
                })
                .collect();
            let (role_skills, role_certs) = role;
            let mut seen = HashSet::new();
            let mut rs: Vec<Value> = role_skills
                .iter()
                .filter(|(s, _)| seen.insert(*s))
                .map(|(s, l)| json!({"skill": skill_id(*s), "level": l}))
                .collect();
            if rs.is_empty() {
                rs.push(json!({"skill": skill_id(ns - 1), "level": 2}));
            }
            let rc: Vec<Value> = if nc == 0 {
                vec![]
            } else {
                role_certs
                    .iter()
                    .map(|opts| {
                        let mut o: Vec<String> = opts.iter().map(|j| cert_id(*j)).collect();
                        o.dedup();
                        if o.len() == 1 {
                            json!(o[0])
                        } else {
                            json!({"any_of": o})
                        }
                    })
                    .collect()
            };
            let catalog = json!({
                "format": 1,
                "skills": skills_json,
                "certifications": certs_json,
                "roles": [{"id": "target", "name": "Target", "skills": rs, "certifications": rc}]
            });
            let (pskills, pheld, bachelor, months) = profile;
            World {
                catalog,
                skills: pskills,
                held: if nc == 0 { vec![] } else { pheld },
                degree_bachelor: bachelor,
                months,
            }
        })
    })
}

fn load(w: &World) -> (Catalog, Profile) {
    let src = Source {
        name: "random.json".to_string(),
        text: w.catalog.to_string().into(),
    };
    let cat = Catalog::load(&[src])
        .unwrap_or_else(|e| panic!("generated catalog invalid: {e}\n{}", w.catalog));
    let mut p = Profile::default();
    for (s, l) in &w.skills {
        p.skills.insert(skill_id(*s), *l);
    }
    for c in &w.held {
        if !p.holds(&cert_id(*c)) {
            p.certifications.push(HeldCert {
                id: cert_id(*c),
                earned: None,
            });
        }
    }
    if w.degree_bachelor {
        p.degree = certpath::model::Degree::Bachelor;
    }
    p.experience_months.insert("systems".into(), w.months);
    (cat, p)
}

/// What the profile has, worked out from the generated data alone (not
/// with `certpath::plan::Have`): levels self-assessed or covered by a held
/// cert, the certs held, the months of experience missing for a cert.
struct Oracle {
    levels: HashMap<String, u8>,
    held: HashSet<String>,
    months: u32,
    bachelor: bool,
    certs: HashMap<String, Value>,
}

impl Oracle {
    fn new(w: &World) -> Oracle {
        let certs: HashMap<String, Value> = w.catalog["certifications"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| (c["id"].as_str().unwrap().to_string(), c.clone()))
            .collect();
        let mut levels: HashMap<String, u8> = HashMap::new();
        for (s, l) in &w.skills {
            levels.insert(skill_id(*s), *l);
        }
        let held: HashSet<String> = w.held.iter().map(|c| cert_id(*c)).collect();
        for c in &held {
            for cov in certs[c]["covers"].as_array().into_iter().flatten() {
                let id = cov["skill"].as_str().unwrap().to_string();
                let l = cov["level"].as_u64().unwrap() as u8;
                let e = levels.entry(id).or_insert(0);
                *e = (*e).max(l);
            }
        }
        Oracle {
            levels,
            held,
            months: w.months,
            bachelor: w.degree_bachelor,
            certs,
        }
    }

    fn level(&self, skill: &str) -> u8 {
        self.levels.get(skill).copied().unwrap_or(0)
    }

    fn holds(&self, cert: &str) -> bool {
        self.held.contains(cert)
    }

    /// Months of experience the cert still asks for: a bachelor's degree
    /// waives half (as the generator writes the waiver); every area counts
    /// toward `it`.
    fn missing_months(&self, cert: &str) -> u32 {
        let e = &self.certs[cert]["experience"];
        let Some(m) = e["months"].as_u64() else {
            return 0;
        };
        let m = m as u32;
        let need = if self.bachelor { m - m / 2 } else { m };
        need.saturating_sub(self.months)
    }
}

/// Everything the role could need, read from the generated catalog: the
/// highest level of each skill asked for (by the role, a cert's covers, or
/// a needed skill's requires) and every cert that could be needed (each
/// option of an any_of; recommends unless skipped). A superset: a plan step
/// outside it was planned for nothing.
fn needed(w: &World, skip: bool) -> (HashMap<String, u8>, HashSet<String>) {
    let cat = &w.catalog;
    let role = &cat["roles"][0];
    let by_id = |list: &str, id: &str| -> Value {
        cat[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap()
    };
    let mut certs: HashSet<String> = HashSet::new();
    let mut todo: Vec<String> = Vec::new();
    for rc in role["certifications"].as_array().into_iter().flatten() {
        match rc {
            Value::String(id) => todo.push(id.clone()),
            other => todo.extend(
                other["any_of"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o.as_str().unwrap().to_string()),
            ),
        }
    }
    while let Some(c) = todo.pop() {
        if !certs.insert(c.clone()) {
            continue;
        }
        let cert = by_id("certifications", &c);
        let mut lists = vec![&cert["requires"]];
        if !skip {
            lists.push(&cert["recommends"]);
        }
        for p in lists.into_iter().filter_map(Value::as_array).flatten() {
            if let Some(id) = p["cert"].as_str() {
                todo.push(id.to_string());
            }
            for o in p["any_of"].as_array().into_iter().flatten() {
                todo.push(o.as_str().unwrap().to_string());
            }
        }
    }
    // A `{"skill": ID, "level": L}` of the generated JSON.
    let at = |v: &Value| {
        (
            v["skill"].as_str().unwrap().to_string(),
            v["level"].as_u64().unwrap() as u8,
        )
    };
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let mut levels: HashMap<String, u8> = HashMap::new();
    let mut todo: Vec<(String, u8)> = list(&role["skills"]).iter().map(at).collect();
    for c in &certs {
        todo.extend(list(&by_id("certifications", c)["covers"]).iter().map(at));
    }
    while let Some((s, l)) = todo.pop() {
        let e = levels.entry(s.clone()).or_insert(0);
        if l <= *e {
            continue;
        }
        *e = l;
        todo.extend(list(&by_id("skills", &s)["requires"]).iter().map(at));
    }
    (levels, certs)
}

fn options(skip: bool) -> Options {
    let mut o = Options::new(jiff::civil::date(2026, 11, 24));
    o.skip_recommended = skip;
    o.hours_per_week = 7.0;
    o
}

fn plan(cat: &Catalog, p: &Profile, skip: bool) -> Plan {
    let planner = Planner::new(cat, p, options(skip));
    planner.plan(cat.role("target").unwrap())
}

/// Walks the plan in order and checks that each step's prerequisites are
/// there when it starts, and that the role is met at the end.
fn check(cat: &Catalog, have: &Oracle, plan: &Plan, skip: bool) -> Result<(), TestCaseError> {
    let mut levels: HashMap<String, u8> = cat
        .skills
        .iter()
        .map(|s| (s.id.clone(), have.level(&s.id)))
        .collect();
    let mut held: HashSet<String> = cat
        .certs
        .iter()
        .filter(|c| have.holds(&c.id))
        .map(|c| c.id.clone())
        .collect();
    let mut experienced: HashSet<String> = HashSet::new();
    let planned_certs: HashSet<&str> = plan
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Exam)
        .map(|s| s.id.as_str())
        .collect();
    for (i, s) in plan.steps.iter().enumerate() {
        for d in &s.deps {
            prop_assert!(*d < i, "step {} depends on later step {}", i + 1, d + 1);
        }
        match s.kind {
            StepKind::Skill => {
                let from = s.from_level.unwrap();
                let to = s.to_level.unwrap();
                prop_assert!(to > from);
                prop_assert_eq!(
                    levels[&s.id],
                    from,
                    "step {} starts from the level reached",
                    i + 1
                );
                prop_assert!(
                    from >= have.level(&s.id),
                    "nothing already known is planned"
                );
                if from == 0 {
                    for r in &cat.skill(&s.id).unwrap().requires {
                        prop_assert!(
                            levels[&r.skill] >= r.level,
                            "{} needs {} at {}",
                            s.id,
                            r.skill,
                            r.level
                        );
                    }
                }
                let skill = cat.skill(&s.id).unwrap();
                prop_assert!((s.hours - skill.hours_between(from, to)).abs() < 1e-9);
                levels.insert(s.id.clone(), to);
            }
            StepKind::Exam => {
                let c = cat.cert(&s.id).unwrap();
                prop_assert!(!have.holds(&c.id), "held cert planned");
                for cov in &c.covers {
                    prop_assert!(
                        levels[&cov.skill] >= cov.level,
                        "{} exam before {} reaches {}",
                        c.id,
                        cov.skill,
                        cov.level
                    );
                }
                let mut prereqs: Vec<&Prereq> = c.requires.iter().collect();
                if !skip {
                    prereqs.extend(c.recommends.iter());
                }
                for p in prereqs {
                    let soft = c.recommends.contains(p) && !c.requires.contains(p);
                    match p {
                        Prereq::Cert { cert } => {
                            if !soft || planned_certs.contains(cert.as_str()) {
                                prop_assert!(
                                    held.contains(cert)
                                        || (soft && !planned_certs.contains(cert.as_str())),
                                    "{} before {}",
                                    cert,
                                    c.id
                                );
                            }
                        }
                        Prereq::Skill { skill, level } => prop_assert!(levels[skill] >= *level),
                        Prereq::AnyOf { any_of } => {
                            if !soft {
                                prop_assert!(
                                    any_of.iter().any(|o| held.contains(o)),
                                    "{} needs one of {:?}",
                                    c.id,
                                    any_of
                                );
                            }
                        }
                    }
                }
                if c.experience.as_ref().is_some_and(|e| e.before_exam)
                    && have.missing_months(&c.id) > 0
                {
                    prop_assert!(experienced.contains(&c.id), "experience before {}", c.id);
                    let x = plan
                        .steps
                        .iter()
                        .find(|x| x.id == format!("experience:{}", c.id))
                        .unwrap();
                    prop_assert!(s.end >= x.end, "gated exam dated after the experience");
                }
                prop_assert_eq!(s.cost_usd, c.cost());
                held.insert(c.id.clone());
                for sat in &c.satisfies {
                    held.insert(sat.clone());
                }
            }
            StepKind::Renewal => {
                let id = s.id.strip_prefix("renewal:").unwrap();
                prop_assert!(
                    held.contains(id) || have.holds(id),
                    "renewal of {} before it is earned",
                    id
                );
                prop_assert_eq!(s.hours, 0.0);
            }
            StepKind::Experience => {
                let id = s.id.strip_prefix("experience:").unwrap();
                prop_assert!(s.months.unwrap() > 0);
                experienced.insert(id.to_string());
            }
        }
    }
    let role = cat.role("target").unwrap();
    for r in &role.skills {
        prop_assert!(
            levels[&r.skill] >= r.level,
            "role needs {} at {}",
            r.skill,
            r.level
        );
    }
    for rc in &role.certifications {
        match rc {
            RoleCert::One(id) => prop_assert!(held.contains(id), "role needs {}", id),
            RoleCert::AnyOf { any_of, .. } => prop_assert!(
                any_of.iter().any(|o| held.contains(o)),
                "role needs one of {:?}",
                any_of
            ),
        }
    }
    // Totals add up.
    let hours: f64 = plan.steps.iter().map(|s| s.hours).sum();
    prop_assert!((plan.summary.total_hours - hours).abs() < 1e-6);
    let cost: f64 = plan
        .steps
        .iter()
        .filter_map(|s| s.cost_usd.or(s.known_cost_usd))
        .sum();
    prop_assert!((plan.summary.total_cost_usd - cost).abs() < 1e-6);
    prop_assert_eq!(
        plan.summary.unknown_costs,
        plan.steps.iter().filter(|s| s.cost_usd.is_none()).count()
    );
    prop_assert_eq!(plan.summary.steps, plan.steps.len());
    prop_assert!(plan.steps.iter().all(|s| s.end >= s.start));
    prop_assert!(plan.steps.iter().all(|s| s.end <= plan.summary.finish));
    prop_assert!(plan.summary.readiness_percent <= 100);
    prop_assert_eq!(plan.summary.readiness_percent == 100, plan.steps.is_empty());
    Ok(())
}

/// `cases` cases; a failure is saved in tests/proptest-regressions/ (kept
/// in git) and replayed before any new case.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/proptest-regressions/props.txt",
            ),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn next_is_a_startable_subset_of_the_plan(w in world()) {
        let (cat, profile) = load(&w);
        let p = plan(&cat, &profile, false);
        let list = certpath::commands::next::startable(&p);
        // Exactly the study and exam steps with nothing before them.
        let free: Vec<usize> = p.steps.iter().enumerate()
            .filter(|(_, s)| matches!(s.kind, StepKind::Skill | StepKind::Exam) && s.deps.is_empty())
            .map(|(i, _)| i)
            .collect();
        let mut listed: Vec<usize> = list.iter().map(|s| s.index).collect();
        listed.sort_unstable();
        prop_assert_eq!(listed, free);
        prop_assert!(list.iter().filter(|s| s.next).count() <= 1);
        for s in &list {
            let st = &p.steps[s.index];
            prop_assert!(st.deps.is_empty(), "step {} has unmet prerequisites", st.n);
            prop_assert!(matches!(st.kind, StepKind::Skill | StepKind::Exam));
        }
        for w2 in list.windows(2) {
            prop_assert!(w2[0].unlocks >= w2[1].unlocks);
        }
    }

    #[test]
    fn rank_tallies_equal_the_plans_totals(w in world()) {
        let (cat, profile) = load(&w);
        let planner = Planner::new(&cat, &profile, options(false));
        let empty_profile = Profile::default();
        let empty = Planner::new(&cat, &empty_profile, options(false));
        let ranked = certpath::commands::rank::rank(&planner, &empty);
        prop_assert_eq!(ranked.len(), cat.roles.len());
        for r in &ranked {
            let p = plan(&cat, &profile, false);
            prop_assert_eq!(r.remaining_hours, p.summary.total_hours);
            prop_assert_eq!(r.readiness_percent, p.summary.readiness_percent);
            prop_assert_eq!(r.finish, p.summary.finish);
            // Rank counts what reaching the role costs: every step's price
            // but those of renewals during the plan.
            let counted: Vec<_> = p
                .steps
                .iter()
                .filter(|s| s.kind != StepKind::Renewal || s.late)
                .collect();
            let cost: f64 = counted.iter().filter_map(|s| s.cost_usd.or(s.known_cost_usd)).sum();
            prop_assert_eq!(r.remaining_cost_usd, cost);
            prop_assert_eq!(r.unknown_costs, counted.iter().filter(|s| s.cost_usd.is_none()).count());
            // Its top gaps are among the steps done for the role itself.
            let mut own: Vec<&str> = counted
                .iter()
                .filter(|s| s.for_.contains(&r.id))
                .map(|s| s.id.as_str())
                .collect();
            own.sort_unstable();
            own.dedup();
            prop_assert_eq!(r.top_gaps.len(), own.len().min(3));
            for g in &r.top_gaps {
                prop_assert!(own.contains(&g.as_str()), "{} not among {:?}", g, own);
            }
        }
    }

    #[test]
    fn plans_respect_every_edge_and_add_up(w in world(), skip in any::<bool>()) {
        let (cat, profile) = load(&w);
        let p = plan(&cat, &profile, skip);
        check(&cat, &Oracle::new(&w), &p, skip)?;
    }

    #[test]
    fn nothing_unneeded_is_planned(w in world(), skip in any::<bool>()) {
        let (cat, profile) = load(&w);
        let p = plan(&cat, &profile, skip);
        let have = Oracle::new(&w);
        let (levels, certs) = needed(&w, skip);
        let mut seen_exams = HashSet::new();
        for s in &p.steps {
            match s.kind {
                StepKind::Skill => {
                    let want = levels.get(&s.id).copied().unwrap_or(0);
                    prop_assert!(
                        s.to_level.unwrap() <= want,
                        "{} planned to {} but nothing needs more than {}",
                        s.id, s.to_level.unwrap(), want
                    );
                    prop_assert!(s.from_level.unwrap() >= have.level(&s.id));
                }
                StepKind::Exam => {
                    prop_assert!(certs.contains(&s.id), "{} planned but not needed", s.id);
                    prop_assert!(!have.holds(&s.id), "{} is held", s.id);
                    prop_assert!(seen_exams.insert(s.id.clone()), "{} planned twice", s.id);
                }
                StepKind::Experience => {
                    let id = s.id.strip_prefix("experience:").unwrap();
                    prop_assert!(certs.contains(id), "experience for {} not needed", id);
                    prop_assert_eq!(s.months, Some(have.missing_months(id)));
                }
                StepKind::Renewal => {
                    let id = s.id.strip_prefix("renewal:").unwrap();
                    prop_assert!(certs.contains(id) || have.holds(id), "renewal of {}", id);
                }
            }
        }
    }

}

proptest! {
    #![proptest_config(config(20))]

    /// Two separate runs of the binary (separate hash seeds, thread
    /// timings, allocations) print byte-identical plans.
    #[test]
    fn same_input_gives_the_same_plan_in_separate_processes(w in world()) {
        let dir = tempfile::tempdir().unwrap();
        let catalog = dir.path().join("catalog.json");
        std::fs::write(&catalog, w.catalog.to_string()).unwrap();
        let (_, profile) = load(&w);
        let p = dir.path().join("profile.json");
        std::fs::write(&p, profile.to_json()).unwrap();
        let run = || {
            let out = crate::util::certpath_std()
                .args(["--no-builtin", "--catalog"])
                .arg(&catalog)
                .arg("-p")
                .arg(&p)
                .args(["plan", "--role", "target", "--format", "json"])
                .output()
                .unwrap();
            prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            Ok(out.stdout)
        };
        let a = run()?;
        let b = run()?;
        prop_assert_eq!(a, b);
    }
}
