//! A seeded synthetic catalog, shaped like an organisation's framework:
//! skills in domains of 200, each building on a few earlier skills of its
//! domain; a tenth as many certs, each testing ten skills of one domain and
//! often requiring or recommending a lower cert; a hundredth as many roles,
//! each asking for skills of two domains, one cert and an `any_of` of three.
//! About four edges per skill in all. The same seed gives the same bytes.
//!
//! Used by `benches/scale.rs`; not part of the product.

use serde_json::{json, Value};

/// SplitMix64: small, seeded, good enough to spread edges.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const DOMAIN: usize = 200;

/// Cert `c` with its level, covered skills and prerequisites; its price,
/// hours and covered levels drawn from `rng`, in this order.
fn cert_value(
    rng: &mut Rng,
    c: usize,
    level: &str,
    covers: &[usize],
    requires: Vec<Value>,
    recommends: Vec<Value>,
) -> Value {
    json!({
        "id": cert_id(c),
        "name": format!("Cert {c}"),
        "vendor": format!("Vendor {}", c % 37),
        "level": level,
        "exams": [{"code": format!("EX-{c}"), "cost_usd": if rng.chance(10) { Value::Null } else { json!(100 + rng.below(500)) }}],
        "study_hours": 10 + rng.below(40),
        "validity_years": 3,
        "renewal": {"by": "ce"},
        "covers": covers.iter().map(|s| json!({"skill": skill_id(*s), "level": 1 + rng.below(3)})).collect::<Vec<_>>(),
        "requires": requires,
        "recommends": recommends,
        "as_of": "2026-10",
    })
}
const AREAS: &[&str] = &["networking", "systems", "security", "cloud", "database"];

pub fn skill_id(i: usize) -> String {
    format!("skill-{i:06}")
}

pub fn cert_id(i: usize) -> String {
    format!("cert-{i:05}")
}

pub fn role_id(i: usize) -> String {
    format!("role-{i:04}")
}

/// The catalog sizes: skills, certs, roles.
pub fn sizes(skills: usize) -> (usize, usize, usize) {
    (skills, (skills / 10).max(1), (skills / 100).max(1))
}

/// A catalog of `skills` skills as one JSON document.
pub fn catalog(skills: usize, seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let (ns, nc, nr) = sizes(skills);
    let domains = ns.div_ceil(DOMAIN);
    let domain_of = |i: usize| i / DOMAIN;
    let mut skill_list = Vec::with_capacity(ns);
    for i in 0..ns {
        let start = domain_of(i) * DOMAIN;
        let mut reqs: Vec<usize> = Vec::new();
        if i > start {
            let want = rng.below(7); // 0-6, about 3 an edge
            for _ in 0..want {
                let back = 1 + rng.below(30.min(i - start));
                let j = i - back;
                if !reqs.contains(&j) {
                    reqs.push(j);
                }
            }
        }
        let base = 2 + rng.below(6) as u64;
        skill_list.push(json!({
            "id": skill_id(i),
            "name": format!("Skill {i}"),
            "domain": format!("domain-{}", domain_of(i)),
            "hours": [base, base * 2, base * 3, base * 5],
            "requires": reqs.iter().map(|j| json!({"skill": skill_id(*j), "level": 1 + rng.below(3)})).collect::<Vec<_>>(),
        }));
    }
    // Cert c belongs to domain c % domains; `rank` is its place there.
    let certs_of = |d: usize| -> Vec<usize> { (d..nc).step_by(domains).collect() };
    let mut cert_list = Vec::with_capacity(nc);
    for c in 0..nc {
        let d = c % domains;
        let rank = c / domains;
        let lo = d * DOMAIN;
        let hi = ((d + 1) * DOMAIN).min(ns);
        let mut covers: Vec<usize> = Vec::new();
        for _ in 0..10 {
            let s = lo + rng.below(hi - lo);
            if !covers.contains(&s) {
                covers.push(s);
            }
        }
        let lower: Vec<usize> = certs_of(d).into_iter().filter(|x| *x < c).collect();
        let mut requires = Vec::new();
        let mut recommends = Vec::new();
        if !lower.is_empty() {
            if rng.chance(30) {
                requires.push(json!({"cert": cert_id(lower[rng.below(lower.len())])}));
            }
            if rng.chance(30) {
                recommends.push(json!({"cert": cert_id(lower[rng.below(lower.len())])}));
            }
            if lower.len() >= 2 && rng.chance(10) {
                let a = lower[rng.below(lower.len())];
                let b = lower[rng.below(lower.len())];
                if a != b {
                    requires.push(json!({"any_of": [cert_id(a), cert_id(b)]}));
                }
            }
        }
        let s = covers[0];
        recommends.push(json!({"skill": skill_id(s), "level": 1}));
        let per_domain = nc.div_ceil(domains).max(1);
        let level =
            ["entry", "associate", "professional", "expert"][(rank * 4 / per_domain).min(3)];
        let mut cert = cert_value(&mut rng, c, level, &covers, requires, recommends);
        if rng.chance(5) {
            cert["experience"] = json!({
                "months": 12 + rng.below(48),
                "area": AREAS[rng.below(AREAS.len())],
                "before_exam": rng.chance(50),
                "waivers": [{"degree": "bachelor", "months": 12}],
            });
        }
        if !lower.is_empty() && rng.chance(5) {
            cert["satisfies"] = json!([cert_id(lower[rng.below(lower.len())])]);
        }
        cert_list.push(cert);
    }
    let mut role_list = Vec::with_capacity(nr);
    for r in 0..nr {
        let a = rng.below(domains);
        let b = rng.below(domains);
        let mut skills: Vec<usize> = Vec::new();
        for k in 0..6 {
            let d = if k % 2 == 0 { a } else { b };
            let lo = d * DOMAIN;
            let hi = ((d + 1) * DOMAIN).min(ns);
            let s = lo + rng.below(hi - lo);
            if !skills.contains(&s) {
                skills.push(s);
            }
        }
        let pick = |rng: &mut Rng, d: usize| -> usize {
            let list = certs_of(d);
            if list.is_empty() {
                rng.below(nc)
            } else {
                list[rng.below(list.len())]
            }
        };
        let one = pick(&mut rng, a);
        let mut any: Vec<usize> = Vec::new();
        for d in [a, b, b] {
            let c = pick(&mut rng, d);
            if !any.contains(&c) && c != one {
                any.push(c);
            }
        }
        let mut certs = vec![json!(cert_id(one))];
        if !any.is_empty() {
            certs.push(json!({"any_of": any.iter().map(|c| cert_id(*c)).collect::<Vec<_>>()}));
        }
        role_list.push(json!({
            "id": role_id(r),
            "name": format!("Role {r}"),
            "skills": skills.iter().map(|s| json!({"skill": skill_id(*s), "level": 2 + rng.below(3)})).collect::<Vec<_>>(),
            "certifications": certs,
        }));
    }
    json!({"format": 1, "skills": skill_list, "certifications": cert_list, "roles": role_list})
}

/// A profile for a catalog of `skills` skills: the first skill of each
/// domain at level 2, the first two certs, a year of security experience
/// and a bachelor's degree: enough to differ from an empty profile
/// everywhere.
pub fn profile(skills: usize) -> String {
    let (ns, nc, _) = sizes(skills);
    let levels: serde_json::Map<String, Value> = (0..ns)
        .step_by(DOMAIN)
        .map(|i| (skill_id(i), json!(2)))
        .collect();
    let certs: Vec<String> = (0..nc.min(2)).map(cert_id).collect();
    let p = json!({
        "format": 1,
        "name": "Bench Person",
        "skills": levels,
        "certifications": certs,
        "experience_months": {"security": 12},
        "degree": "bachelor",
    });
    serde_json::to_string_pretty(&p).expect("serializes")
}

/// The number of edges (requires, covers, recommends, role needs) in a
/// generated catalog.
pub fn edges(cat: &Value) -> usize {
    let len = |v: &Value, k: &str| v.get(k).and_then(Value::as_array).map_or(0, Vec::len);
    let mut n = 0;
    for s in cat["skills"].as_array().into_iter().flatten() {
        n += len(s, "requires");
    }
    for c in cat["certifications"].as_array().into_iter().flatten() {
        n += len(c, "covers") + len(c, "requires") + len(c, "recommends");
    }
    for r in cat["roles"].as_array().into_iter().flatten() {
        n += len(r, "skills");
        for c in r["certifications"].as_array().into_iter().flatten() {
            n += c
                .get("any_of")
                .and_then(Value::as_array)
                .map_or(1, Vec::len);
        }
    }
    n
}

/// How far back a deep catalog's skill may build on (`deep`).
pub const DEEP_WINDOW: usize = 2_000;

/// A catalog of the deep-closure shape an organisation's framework can
/// have: each skill builds on one to four of the 2,000 skills before it,
/// so chains run the length of the catalog; a tenth as many certs, each
/// testing ten neighbouring skills and often requiring or recommending one
/// of the 200 certs before it; a hundredth as many roles, each asking for
/// skills and certs of the top tenth, so that a role reaches about 90% of
/// the skills. The same seed gives the same bytes.
pub fn deep(skills: usize, seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let (ns, nc, nr) = sizes(skills);
    let mut skill_list = Vec::with_capacity(ns);
    for i in 0..ns {
        let mut reqs: Vec<usize> = Vec::new();
        if i > 0 {
            let want = 1 + rng.below(4);
            for _ in 0..want {
                let j = i - 1 - rng.below(DEEP_WINDOW.min(i));
                if !reqs.contains(&j) {
                    reqs.push(j);
                }
            }
        }
        let base = 2 + rng.below(6) as u64;
        skill_list.push(json!({
            "id": skill_id(i),
            "name": format!("Skill {i}"),
            "domain": format!("domain-{}", i / DOMAIN),
            "hours": [base, base * 2, base * 3, base * 5],
            "requires": reqs.iter().map(|j| json!({"skill": skill_id(*j), "level": 1 + rng.below(3)})).collect::<Vec<_>>(),
        }));
    }
    let mut cert_list = Vec::with_capacity(nc);
    for c in 0..nc {
        let at = c * ns / nc;
        let mut covers: Vec<usize> = Vec::new();
        for _ in 0..10 {
            let s = (at + rng.below(50)).min(ns - 1);
            if !covers.contains(&s) {
                covers.push(s);
            }
        }
        let lower = |rng: &mut Rng| c - 1 - rng.below(200.min(c));
        let mut requires = Vec::new();
        let mut recommends = Vec::new();
        if c > 0 {
            if rng.chance(30) {
                requires.push(json!({"cert": cert_id(lower(&mut rng))}));
            }
            if rng.chance(30) {
                recommends.push(json!({"cert": cert_id(lower(&mut rng))}));
            }
            if c > 1 && rng.chance(10) {
                let a = lower(&mut rng);
                let b = lower(&mut rng);
                if a != b {
                    requires.push(json!({"any_of": [cert_id(a), cert_id(b)]}));
                }
            }
        }
        let level = ["entry", "associate", "professional", "expert"][(c * 4 / nc).min(3)];
        let mut cert = cert_value(&mut rng, c, level, &covers, requires, recommends);
        if rng.chance(5) {
            cert["experience"] = json!({
                "months": 12 + rng.below(48),
                "area": AREAS[rng.below(AREAS.len())],
                "before_exam": rng.chance(50),
            });
        }
        cert_list.push(cert);
    }
    let top = |rng: &mut Rng, n: usize| n - 1 - rng.below((n / 10).max(1));
    let mut role_list = Vec::with_capacity(nr);
    for r in 0..nr {
        let mut skills: Vec<usize> = Vec::new();
        for _ in 0..6 {
            let s = top(&mut rng, ns);
            if !skills.contains(&s) {
                skills.push(s);
            }
        }
        let one = top(&mut rng, nc);
        let mut any: Vec<usize> = Vec::new();
        for _ in 0..3 {
            let c = top(&mut rng, nc);
            if !any.contains(&c) && c != one {
                any.push(c);
            }
        }
        let mut certs = vec![json!(cert_id(one))];
        if !any.is_empty() {
            certs.push(json!({"any_of": any.iter().map(|c| cert_id(*c)).collect::<Vec<_>>()}));
        }
        role_list.push(json!({
            "id": role_id(r),
            "name": format!("Role {r}"),
            "skills": skills.iter().map(|s| json!({"skill": skill_id(*s), "level": 1 + rng.below(3)})).collect::<Vec<_>>(),
            "certifications": certs,
        }));
    }
    json!({"format": 1, "skills": skill_list, "certifications": cert_list, "roles": role_list})
}

/// A profile for a deep catalog of `skills` skills that knows many of
/// them: every skill of the first `known` at level 1, and the first two
/// certs. (`next` counts what each step unlocks over such a profile.)
pub fn deep_profile(skills: usize, known: usize, name: &str) -> String {
    let (ns, nc, _) = sizes(skills);
    let levels: serde_json::Map<String, Value> = (0..known.min(ns))
        .map(|i| (skill_id(i), json!(1)))
        .collect();
    let certs: Vec<String> = (0..nc.min(2)).map(cert_id).collect();
    let p = json!({
        "format": 1,
        "name": name,
        "skills": levels,
        "certifications": certs,
        "experience_months": {"security": 12},
        "degree": "bachelor",
    });
    serde_json::to_string_pretty(&p).expect("serializes")
}
