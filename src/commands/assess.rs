//! `certpath assess`: the interactive self-assessment. It asks, in order:
//! name, target role, certifications held, one question per skill, degree,
//! experience where a certification in reach needs it, and study hours a
//! week. Every answer is saved at once (atomically, mode 0600), so a
//! Ctrl-C or a closed terminal loses at most the question on screen, and
//! running it again continues where it stopped.
//!
//! The questions go through a [`Prompter`], so the flow is tested with a
//! scripted one; only one test needs a real terminal.

use super::profile_cmd::{self, catalog_flags, load, save, write_target, Target};
use super::{gap, target_role, Output, Setup};
use crate::catalog::Catalog;
use crate::cli::{AssessArgs, Format};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Degree, Prereq, Role, Skill, LEVEL_NAMES};
use crate::names;
use crate::plan::Have;
use crate::profile::Profile;
use crate::prompt::{self, Prompter};
use crate::render;
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What `--redo` can name besides a skill domain.
const SECTIONS: &[&str] = &[
    "name",
    "role",
    "certs",
    "skills",
    "degree",
    "experience",
    "hours",
];

/// How to run the questions.
#[derive(Debug, Clone)]
pub struct AskOptions {
    /// The role from `--role`: set without asking.
    pub role: Option<String>,
    /// Leave out skills only recommended certifications bring in.
    pub skip_recommended: bool,
    /// Sections and skill domains to ask again.
    pub redo: BTreeSet<String>,
    /// For checking dates earned.
    pub today: Date,
}

impl AskOptions {
    fn redo(&self, what: &str) -> bool {
        self.redo.contains(what)
    }
}

pub fn run(cfg: &Config, args: &AssessArgs) -> Result<Output> {
    // Before anything else: without a terminal nothing may wait for keys.
    if !prompt::interactive() {
        return Err(no_terminal());
    }
    let target = write_target(cfg, args.output.as_deref())?;
    let cat = cfg.load_catalog(&[])?;
    let (mut profile, existed) = load(cfg, &cat, &target)?;
    let role = match &args.choice.role {
        Some(r) => Some(cat.resolve_role(r)?.id.clone()),
        None => None,
    };
    let opts = AskOptions {
        role,
        skip_recommended: args.choice.skip_recommended,
        redo: parse_redo(&cat, &args.redo)?,
        today: cfg.today,
    };
    let again = format!(
        "certpath{} assess{}",
        catalog_flags(cfg),
        target
            .flag
            .as_deref()
            .map(|f| format!(" -o {}", profile_cmd::shell_word(f)))
            .unwrap_or_default()
    );
    // Write once before the first question: a folder that cannot take the
    // file fails now (73), not after the person has answered.
    save(&cat, &target, &profile)?;
    let mut term = prompt::Terminal::new();
    intro(&mut term, &target, existed);
    prompt::on_interrupt(&format!(
        "Stopped. Your answers so far are saved in {}; run `{again}` to continue.",
        target.shown()
    ));
    let mut saver = |p: &Profile| save(&cat, &target, p);
    let asked = ask(&cat, &mut profile, &opts, &mut term, &mut saver)?;
    if asked == 0 {
        term.say(&format!(
            "Every question is answered already. To change answers: `{again} --redo DOMAIN` (a skill domain, or one of {}), or `certpath profile set`.",
            SECTIONS.join(", ")
        ));
    }
    term.say(&format!("Saved to {}.", target.shown()));
    term.say("");
    summary(cfg, Setup { cat, profile }, &args.choice, &target)
}

/// The error when there is no terminal to ask on.
pub fn no_terminal() -> Error {
    Error::usage("`certpath assess` asks questions and needs a terminal, but stdin or stderr is not one")
        .with_hint("without a terminal, say what you know with --have CERT and --have SKILL=LEVEL (e.g. `certpath plan --role network-engineer --have comptia-a-plus --have python=2`), or keep it in a profile file and pass --profile FILE (`certpath profile set KEY VALUE` writes one)")
}

fn intro(p: &mut dyn Prompter, target: &Target, existed: bool) {
    p.say("certpath assess: what you know and hold, to plan your route to a role.");
    if existed {
        p.say(&format!(
            "Continuing with {}: questions answered before are skipped.",
            target.shown()
        ));
    }
    p.say(&format!(
        "Each answer is saved to {} at once; stop any time with Ctrl-C and run the same command to continue.",
        target.shown()
    ));
    p.say("");
}

/// The gap table and the command that prints the plan.
fn summary(
    cfg: &Config,
    setup: Setup,
    choice: &crate::cli::RoleChoice,
    target: &Target,
) -> Result<Output> {
    let flags = format!(
        "{}{}",
        catalog_flags(cfg),
        profile_cmd::profile_flag(target)
    );
    if setup.profile.target_role.is_none() && choice.role.is_none() {
        return Ok(Output::ok(format!(
            "No target role chosen. See the roles with `certpath roles`, then the plan with:\n  certpath plan --role ROLE{flags}\n"
        )));
    }
    let role = target_role(&setup.cat, &setup.profile, choice)?;
    let planner = setup.planner(cfg, choice, None, None)?;
    let plan = super::dated(planner.plan(role))?;
    let standing = crate::plan::Standing::of(&plan);
    let g = gap::gap(&setup.cat, &planner.have, role, &standing, cfg.today);
    if cfg.format == Format::Json {
        return Ok(Output::ok(render::json(&g)));
    }
    let mut out = gap::gap_table(cfg, &g);
    out.push_str(&format!(
        "\nYour plan: {} study hours, done by {} at {} hours a week. See it step by step with:\n  certpath plan{flags}\n",
        crate::plan::fmt_num(plan.summary.total_hours),
        plan.summary.finish,
        crate::plan::fmt_num(plan.summary.hours_per_week),
    ));
    Ok(Output::ok(out))
}

/// Checks the `--redo` words: sections and skill domains.
pub fn parse_redo(cat: &Catalog, words: &[String]) -> Result<BTreeSet<String>> {
    let domains: BTreeSet<&str> = cat.skills.iter().map(|s| s.domain.as_str()).collect();
    let mut out = BTreeSet::new();
    for w in words {
        let w = w.trim().to_lowercase();
        let w = match w.as_str() {
            "certifications" | "certificates" | "cert" => "certs".to_string(),
            "target_role" | "target-role" => "role".to_string(),
            "hours_per_week" | "hours-per-week" => "hours".to_string(),
            "experience_months" => "experience".to_string(),
            _ => w,
        };
        if SECTIONS.contains(&w.as_str()) || domains.contains(w.as_str()) {
            out.insert(w);
            continue;
        }
        let all: Vec<&str> = SECTIONS
            .iter()
            .copied()
            .chain(domains.iter().copied())
            .collect();
        let hint = match names::closest_word(&w, all.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("give a skill domain or one of: {}", all.join(", ")),
        };
        return Err(
            Error::usage(format!("--redo {w}: no such domain or question")).with_hint(hint),
        );
    }
    Ok(out)
}

/// Asks what is not answered yet (and what `--redo` names), saving after
/// every answer. Returns how many questions were asked.
pub fn ask(
    cat: &Catalog,
    profile: &mut Profile,
    opts: &AskOptions,
    p: &mut dyn Prompter,
    save: &mut dyn FnMut(&Profile) -> Result<()>,
) -> Result<usize> {
    let mut asked = 0;
    // Name.
    if (profile.name.is_none() && !profile.has("name")) || opts.redo("name") {
        let old = profile.name.clone().unwrap_or_default();
        let t = p.text("Your name (shown on reports; Enter to skip)", &old, &|_| {
            Ok(())
        })?;
        asked += 1;
        let t = t.trim();
        profile.name = (!t.is_empty()).then(|| t.to_string());
        profile.mark("name");
        save(profile)?;
    }
    // Target role.
    if let Some(r) = &opts.role {
        if profile.target_role.as_deref() != Some(r.as_str()) {
            if let Some(old) = &profile.target_role {
                p.say(&format!(
                    "Target role: {} (from --role; it was {})",
                    cat.name_of(r),
                    cat.name_of(old)
                ));
            }
            profile.target_role = Some(r.clone());
            profile.mark("target_role");
            save(profile)?;
        }
        p.say(&format!("Target role: {} ({r})", cat.name_of(r)));
    } else if (profile.target_role.is_none() && !profile.has("target_role")) || opts.redo("role") {
        let mut items: Vec<String> = cat.roles.iter().map(role_label).collect();
        items.push("No particular role yet: ask about every skill".to_string());
        let default = profile
            .target_role
            .as_deref()
            .and_then(|r| cat.roles.iter().position(|x| x.id == r))
            .unwrap_or(0);
        let i = p.fuzzy(
            "Which role are you aiming for? (type to search, Enter to choose)",
            &items,
            default,
        )?;
        asked += 1;
        profile.target_role = cat.roles.get(i).map(|r| r.id.clone());
        profile.mark("target_role");
        save(profile)?;
    }
    // Certifications held.
    // "None held" leaves no trace in the file: the question counts as
    // answered once a later one is.
    let certs_answered = !profile.certifications.is_empty()
        || !profile.skills.is_empty()
        || profile.has("degree")
        || profile.hours_per_week.is_some();
    if !certs_answered || opts.redo("certs") {
        asked += ask_certs(cat, profile, opts, p, save)?;
    }
    // Skills.
    let role = profile.target_role.as_deref().and_then(|r| cat.role(r));
    let scope = Scope::new(cat, role, !opts.skip_recommended, profile);
    asked += ask_skills(cat, profile, &scope, opts, p, save)?;
    // Degree, before experience: it can waive some.
    if (profile.degree == Degree::None && !profile.has("degree")) || opts.redo("degree") {
        let items = vec![
            "none: no degree (or a secondary-school diploma)".to_string(),
            "associate (two-year degree)".to_string(),
            "bachelor (four-year degree)".to_string(),
            "master or higher".to_string(),
        ];
        let i = p.select(
            "Your highest degree (some certifications accept it for part of their experience)",
            &items,
            profile.degree as usize,
        )?;
        asked += 1;
        profile.degree = match i {
            1 => Degree::Associate,
            2 => Degree::Bachelor,
            3 => Degree::Master,
            _ => Degree::None,
        };
        profile.mark("degree");
        save(profile)?;
    }
    // Experience, where a certification in reach asks for it.
    for (area, needs) in scope.experience(cat, profile) {
        if profile.experience_months.contains_key(&area) && !opts.redo("experience") {
            continue;
        }
        let old = profile
            .experience_months
            .get(&area)
            .map_or("0".to_string(), |m| m.to_string());
        let what = if area == "it" {
            "any IT work".to_string()
        } else {
            area.clone()
        };
        let t = p.text(
            &format!(
                "Months of paid work experience in {what} ({})",
                needs.join("; ")
            ),
            &old,
            &|s| match s.trim().parse::<u32>() {
                Ok(n) if n <= crate::json::MAX_MONTHS => Ok(()),
                _ => Err(format!(
                    "give a whole number of months from 0 to {}, e.g. 18",
                    crate::json::MAX_MONTHS
                )),
            },
        )?;
        asked += 1;
        let months = t.trim().parse::<u32>().unwrap_or(0);
        profile.experience_months.insert(area, months);
        save(profile)?;
    }
    // Hours a week.
    if profile.hours_per_week.is_none() || opts.redo("hours") {
        let old = profile
            .hours_per_week
            .map_or("10".to_string(), crate::plan::fmt_num);
        let t = p.text("Hours a week you can study (1-168)", &old, &|s| match s
            .trim()
            .parse::<f64>()
        {
            Ok(h) if (1.0..=168.0).contains(&h) => Ok(()),
            _ => Err("give a number of hours from 1 to 168, e.g. 8".to_string()),
        })?;
        asked += 1;
        profile.hours_per_week = t.trim().parse::<f64>().ok();
        save(profile)?;
    }
    Ok(asked)
}

fn role_label(r: &Role) -> String {
    let mut s = format!("{} ({})", r.name, r.id);
    if !r.aliases.is_empty() {
        s.push_str(": ");
        s.push_str(&r.aliases.join(", "));
    }
    s
}

fn cert_label(cat: &Catalog, id: &str) -> String {
    let Some(c) = cat.cert(id) else {
        return id.to_string();
    };
    let mut s = format!("{} ({})", c.name, c.id);
    if c.is_retired() {
        s.push_str(" [retired: still counts]");
    }
    // Aliases and exam codes, so that typing either finds it.
    let mut extra: Vec<String> = Vec::new();
    for a in c.aliases.iter().cloned().chain(c.exam_codes()) {
        let seen = extra.iter().any(|e| e.eq_ignore_ascii_case(&a));
        if !seen && !c.name.to_lowercase().contains(&a.to_lowercase()) {
            extra.push(a);
        }
    }
    if !extra.is_empty() {
        s.push_str(": ");
        s.push_str(&extra.join(", "));
    }
    s
}

fn ask_certs(
    cat: &Catalog,
    profile: &mut Profile,
    opts: &AskOptions,
    p: &mut dyn Prompter,
    save: &mut dyn FnMut(&Profile) -> Result<()>,
) -> Result<usize> {
    let mut asked = 0;
    p.say("Certifications you hold, one at a time; retired ones count too (for the skills they covered).");
    loop {
        let held: Vec<String> = profile
            .certifications
            .iter()
            .map(|c| cat.name_of(&c.id).to_string())
            .collect();
        if !held.is_empty() {
            p.say(&format!("Held: {}", held.join(", ")));
        }
        let mut ids: Vec<Option<&str>> = vec![None];
        let mut items = vec![if held.is_empty() {
            "None: I hold no certification (continue)".to_string()
        } else {
            "No more: continue".to_string()
        }];
        for c in &cat.certs {
            ids.push(Some(c.id.as_str()));
            if profile.holds(&c.id) {
                items.push(format!("Remove {} (held)", c.name));
            } else {
                items.push(cert_label(cat, &c.id));
            }
        }
        let i = p.fuzzy(
            "A certification you hold (type part of its name or exam code; Enter to choose)",
            &items,
            0,
        )?;
        asked += 1;
        let Some(id) = ids.get(i).copied().flatten() else {
            break;
        };
        if profile.holds(id) {
            profile.remove_cert(id);
            p.say(&format!("Removed {}.", cat.name_of(id)));
            save(profile)?;
            continue;
        }
        let today = opts.today;
        let t = p.text(
            &format!(
                "When did you earn {}? (YYYY-MM-DD; Enter if you don't remember)",
                cat.name_of(id)
            ),
            "",
            &|s| {
                let s = s.trim();
                if s.is_empty() {
                    return Ok(());
                }
                match crate::json::parse_date(s) {
                    Some(d) if d <= today => Ok(()),
                    Some(_) => Err("that date is in the future".to_string()),
                    None => Err("write the date as YYYY-MM-DD, e.g. 2025-03-14".to_string()),
                }
            },
        )?;
        asked += 1;
        profile.set_cert(id, crate::json::parse_date(t.trim()));
        if cat.cert(id).is_some_and(|c| c.is_retired()) {
            p.say(&profile_cmd::retired_note(cat, id));
        }
        save(profile)?;
    }
    Ok(asked)
}

/// The skills to ask about, in the order to ask them, and the certs in
/// reach (for experience questions).
pub struct Scope<'c> {
    /// Skills in the order to ask, each with whether the role needs it
    /// (false: only a recommended certification brings it in).
    pub skills: Vec<(&'c Skill, bool)>,
    pub certs: Vec<&'c str>,
    /// The highest level something in reach needs, and what needs it.
    pub needs: HashMap<&'c str, (u8, String)>,
    pub role: Option<&'c Role>,
}

/// What a role can lead to, walked from it: skills and certs.
struct Reach<'c> {
    skills: BTreeSet<&'c str>,
    certs: BTreeSet<&'c str>,
    needs: HashMap<&'c str, (u8, String)>,
}

impl<'c> Reach<'c> {
    /// The role's skills and certs (every option of an any_of none of whose
    /// options is held, a retired cert's replacements), and recursively
    /// what they cover and require, and recommend when `recommends`. Held
    /// certs are not walked: they are done, and vouch for their skills.
    fn walk(cat: &'c Catalog, role: &'c Role, have: &Have, recommends: bool) -> Reach<'c> {
        let mut r = Reach {
            skills: BTreeSet::new(),
            certs: BTreeSet::new(),
            needs: HashMap::new(),
        };
        let mut skill_stack: Vec<&'c str> = Vec::new();
        let mut cert_stack: Vec<&'c str> = Vec::new();
        let options = |ids: &'c [String]| -> Vec<&'c str> {
            if ids.iter().any(|o| have.holds(o)) {
                return Vec::new();
            }
            ids.iter()
                .flat_map(|o| cat.active_replacements(o))
                .collect()
        };
        for s in &role.skills {
            r.need(&s.skill, s.level, &role.name);
            skill_stack.push(&s.skill);
        }
        for rc in &role.certifications {
            cert_stack.extend(options(rc.options()));
        }
        while let Some(c) = cert_stack.pop() {
            if have.holds(c) || !r.certs.insert(c) {
                continue;
            }
            let Some(cert) = cat.cert(c) else { continue };
            let who = cat.short_name(c);
            for cov in &cert.covers {
                r.need(&cov.skill, cov.level, who);
                skill_stack.push(&cov.skill);
            }
            let lists: &[&'c [Prereq]] = if recommends {
                &[&cert.requires, &cert.recommends]
            } else {
                &[&cert.requires]
            };
            for list in lists {
                for pr in *list {
                    match pr {
                        Prereq::Skill { skill, level } => {
                            r.need(skill, *level, who);
                            skill_stack.push(skill);
                        }
                        Prereq::Cert { cert } => {
                            cert_stack.extend(options(std::slice::from_ref(cert)))
                        }
                        Prereq::AnyOf { any_of } => cert_stack.extend(options(any_of)),
                    }
                }
            }
        }
        while let Some(s) = skill_stack.pop() {
            if !r.skills.insert(s) {
                continue;
            }
            let Some(skill) = cat.skill(s) else { continue };
            for q in &skill.requires {
                r.need(&q.skill, q.level, &skill.name);
                skill_stack.push(&q.skill);
            }
        }
        r
    }

    fn need(&mut self, skill: &'c str, level: u8, who: &str) {
        let e = self.needs.entry(skill).or_insert((0, String::new()));
        if level > e.0 {
            *e = (level, who.to_string());
        }
    }
}

impl<'c> Scope<'c> {
    /// With a role: the skills and certs its plan can involve for this
    /// person, the role's own needs first, then what only recommended
    /// certifications bring in (unless left out); each part most
    /// foundational first. Without a role: every skill, domain by domain.
    pub fn new(
        cat: &'c Catalog,
        role: Option<&'c Role>,
        recommends: bool,
        profile: &Profile,
    ) -> Scope<'c> {
        let depth = depths(cat);
        let mut domain_rank: HashMap<&str, usize> = HashMap::new();
        for s in &cat.skills {
            let n = domain_rank.len();
            domain_rank.entry(s.domain.as_str()).or_insert(n);
        }
        let index = |id: &str| cat.skill_index(id).unwrap_or(usize::MAX);
        let Some(role) = role else {
            let mut skills: Vec<&Skill> = cat.skills.iter().collect();
            skills.sort_by_key(|s| {
                (
                    domain_rank[s.domain.as_str()],
                    depth[s.id.as_str()],
                    index(&s.id),
                )
            });
            let certs = cat
                .certs
                .iter()
                .filter(|c| !c.is_retired())
                .map(|c| c.id.as_str())
                .collect();
            return Scope {
                skills: skills.into_iter().map(|s| (s, true)).collect(),
                certs,
                needs: HashMap::new(),
                role: None,
            };
        };
        let have = Have::new(cat, profile);
        let required = Reach::walk(cat, role, &have, false);
        let all = Reach::walk(cat, role, &have, recommends);
        let mut skills: Vec<(&Skill, bool)> = all
            .skills
            .iter()
            .filter_map(|s| cat.skill(s))
            .map(|s| (s, required.skills.contains(s.id.as_str())))
            .collect();
        skills.sort_by_key(|(s, req)| {
            (
                !req,
                depth[s.id.as_str()],
                domain_rank[s.domain.as_str()],
                index(&s.id),
            )
        });
        // What the role itself needs speaks louder than a recommendation.
        let mut needs = all.needs;
        needs.extend(required.needs);
        Scope {
            skills,
            certs: all.certs.into_iter().collect(),
            needs,
            role: Some(role),
        }
    }

    /// The experience areas certs in reach ask for (and are not held), with
    /// a few words on who asks how much.
    pub fn experience(&self, cat: &Catalog, profile: &Profile) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for id in &self.certs {
            let Some(c) = cat.cert(id) else { continue };
            let Some(e) = &c.experience else { continue };
            if profile.holds(id) {
                continue;
            }
            let mine = e.months_for(profile.degree);
            let mut s = format!("{} asks for {}", cat.short_name(id), e.months);
            if mine < e.months {
                s.push_str(&format!(", {mine} with your degree"));
            }
            out.entry(e.area.clone()).or_default().push(s);
        }
        out
    }
}

/// How far each skill is from the ground: 0 without prerequisites, else
/// one more than its deepest prerequisite.
fn depths(cat: &Catalog) -> HashMap<&str, usize> {
    let mut depth: HashMap<&str, usize> = HashMap::new();
    for s in &cat.skills {
        // An explicit stack: a long chain of prerequisites must not
        // overflow the call stack.
        let mut stack = vec![(s.id.as_str(), false)];
        while let Some((id, done)) = stack.pop() {
            if depth.contains_key(id) {
                continue;
            }
            let Some(skill) = cat.skill(id) else {
                depth.insert(id, 0);
                continue;
            };
            if done {
                let d = skill
                    .requires
                    .iter()
                    .map(|r| depth.get(r.skill.as_str()).map_or(0, |d| d + 1))
                    .max()
                    .unwrap_or(0);
                depth.insert(skill.id.as_str(), d);
            } else {
                stack.push((skill.id.as_str(), true));
                for r in &skill.requires {
                    if !depth.contains_key(r.skill.as_str()) {
                        stack.push((r.skill.as_str(), false));
                    }
                }
            }
        }
    }
    depth
}

/// The five levels for one skill, each with what it means for that skill.
pub fn level_items(s: &Skill) -> Vec<String> {
    let n = &s.name;
    vec![
        format!("0 none: never worked with {n}"),
        format!("1 awareness: know the terms and concepts of {n}"),
        format!("2 working: do routine {n} tasks with notes or guidance"),
        format!("3 proficient: work with {n} on my own and troubleshoot it"),
        format!("4 expert: design and teach {n}, handle the unusual cases"),
    ]
}

/// The level held certs vouch for, and the cert that does.
fn implied<'c>(cat: &'c Catalog, profile: &Profile, skill: &str) -> Option<(u8, &'c str)> {
    let mut best: Option<(u8, &str)> = None;
    for hc in &profile.certifications {
        let Some(c) = cat.cert(&hc.id) else { continue };
        for cov in &c.covers {
            if cov.skill == skill && best.is_none_or(|(l, _)| cov.level > l) {
                best = Some((cov.level, cat.short_name(&c.id)));
            }
        }
    }
    best
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn ask_skills(
    cat: &Catalog,
    profile: &mut Profile,
    scope: &Scope,
    opts: &AskOptions,
    p: &mut dyn Prompter,
    save: &mut dyn FnMut(&Profile) -> Result<()>,
) -> Result<usize> {
    let redo = |s: &Skill| opts.redo("skills") || opts.redo(&s.domain);
    // A skill a held cert vouches for at the level needed changes nothing
    // in the plan: not asked, unless asked for again.
    let vouched = |s: &Skill| {
        let need = scope.needs.get(s.id.as_str()).map_or(0, |n| n.0);
        need > 0 && implied(cat, profile, &s.id).is_some_and(|(l, _)| l >= need)
    };
    let mut todo: Vec<(&Skill, bool)> = Vec::new();
    let mut covered = 0;
    for (s, req) in scope.skills.iter().copied() {
        if redo(s) || (!profile.skills.contains_key(&s.id) && !vouched(s)) {
            todo.push((s, req));
        } else if !profile.skills.contains_key(&s.id) {
            covered += 1;
        }
    }
    if covered > 0 {
        p.say(&format!(
            "{} not asked: your certifications vouch for the level needed.",
            plural(covered, "skill")
        ));
    }
    if todo.is_empty() {
        return Ok(0);
    }
    let levels = "Levels: 0 none, 1 awareness, 2 working, 3 proficient, 4 expert.";
    match scope.role {
        Some(r) => {
            let req = todo.iter().filter(|(_, req)| *req).count();
            let rec = match todo.len() - req {
                0 => String::new(),
                n => format!(
                    ", then {} on what recommended certifications cover",
                    plural(n, "question")
                ),
            };
            p.say(&format!(
                "Skills: {} on what {} needs, most foundational first{rec}.\n{levels}",
                plural(req, "question"),
                r.name
            ))
        }
        None => p.say(&format!(
            "Skills: {}, domain by domain; a domain you never worked with can be skipped at once.\n{levels}",
            plural(todo.len(), "question")
        )),
    }
    let mut asked = 0;
    let mut skipped: BTreeSet<&str> = BTreeSet::new();
    let mut told_recommended = false;
    for (k, (s, required)) in todo.iter().enumerate() {
        if skipped.contains(s.domain.as_str()) {
            continue;
        }
        if !required && !told_recommended {
            told_recommended = true;
            let rest = todo[k..]
                .iter()
                .filter(|(t, _)| !skipped.contains(t.domain.as_str()))
                .count();
            p.say("");
            p.say(&format!(
                "Next, {} that recommended certifications cover: the plan adds those certifications unless you know their skills (--skip-recommended leaves them out).",
                plural(rest, "skill")
            ));
        }
        p.say("");
        p.say(&format!(
            "[{}/{}] {} ({})",
            k + 1,
            todo.len(),
            s.name,
            s.domain
        ));
        if let Some(d) = &s.description {
            p.say(&format!("    {d}"));
        }
        if let Some((l, who)) = scope.needs.get(s.id.as_str()) {
            if *l > 0 {
                p.say(&format!(
                    "    {who} needs level {l} ({})",
                    LEVEL_NAMES[*l as usize]
                ));
            }
        }
        let implied = implied(cat, profile, &s.id);
        if let Some((l, who)) = implied {
            p.say(&format!("    {who} already vouches for level {l}"));
        }
        let mut items = level_items(s);
        let others = todo[k + 1..]
            .iter()
            .filter(|(t, _)| t.domain == s.domain)
            .count();
        items.push(if others > 0 {
            format!(
                "Skip {}: never worked with it (level 0 for this and {} more {} skill{})",
                s.domain,
                others,
                s.domain,
                if others == 1 { "" } else { "s" }
            )
        } else {
            format!("Skip {}: never worked with it (level 0)", s.domain)
        });
        let default = profile
            .skills
            .get(&s.id)
            .copied()
            .or(implied.map(|(l, _)| l))
            .unwrap_or(0) as usize;
        let i = p.select(&format!("Your level in {}", s.name), &items, default)?;
        asked += 1;
        if i <= 4 {
            profile.set_skill(&s.id, i as u8);
        } else {
            skipped.insert(s.domain.as_str());
            for (t, _) in todo[k..].iter().filter(|(t, _)| t.domain == s.domain) {
                profile.set_skill(&t.id, 0);
            }
        }
        save(profile)?;
    }
    Ok(asked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Source;
    use crate::prompt::{Answer, Scripted};

    fn small() -> Catalog {
        crate::catalog::fixture("small.json")
    }

    fn bundled() -> Catalog {
        Catalog::load(&Source::bundled()).unwrap()
    }

    fn opts(role: Option<&str>) -> AskOptions {
        AskOptions {
            role: role.map(str::to_string),
            skip_recommended: false,
            redo: BTreeSet::new(),
            today: "2026-11-24".parse().unwrap(),
        }
    }

    fn pick(s: &str) -> Answer {
        Answer::Pick(s.to_string())
    }

    fn typed(s: &str) -> Answer {
        Answer::Type(s.to_string())
    }

    /// Runs the questions; returns the profile, every saved version, and
    /// the prompter (for its transcript).
    fn run_script(
        cat: &Catalog,
        start: Profile,
        o: &AskOptions,
        answers: Vec<Answer>,
    ) -> (Result<usize>, Profile, Vec<String>, Scripted) {
        let mut p = Scripted::new(answers);
        let mut profile = start;
        let mut saved = Vec::new();
        let r = ask(cat, &mut profile, o, &mut p, &mut |pr: &Profile| {
            saved.push(pr.to_json());
            Ok(())
        });
        (r, profile, saved, p)
    }

    #[test]
    fn a_whole_assessment_on_the_small_catalog() {
        let cat = small();
        let answers = vec![
            typed("Ada Lovelace"),
            pick("Small Role"),
            pick("Starter Cert"),
            typed("2025-03-14"),
            pick("No more"),
            // Basics is not asked: the cert vouches for the level 2 needed.
            pick("1 awareness"),
            pick("bachelor"),
            typed("6"),
        ];
        let (r, p, saved, script) = run_script(&cat, Profile::default(), &opts(None), answers);
        assert_eq!(r.unwrap(), 8, "{:?}", script.transcript);
        assert!(script
            .transcript
            .iter()
            .any(|l| l.contains("1 skill not asked")));
        assert_eq!(p.name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(p.target_role.as_deref(), Some("small-role"));
        assert_eq!(p.certifications.len(), 1);
        assert_eq!(
            p.certifications[0].earned.unwrap().to_string(),
            "2025-03-14"
        );
        assert_eq!(p.skills.get("basics"), None);
        assert_eq!(p.skills["advanced"], 1);
        assert_eq!(p.degree, Degree::Bachelor);
        assert_eq!(p.hours_per_week, Some(6.0));
        // Every answer but "No more" (nothing new to save) was saved at once.
        assert_eq!(saved.len(), 6, "saved after every answer");
        let asked = script.asked();
        // No cert in reach needs experience: no such question.
        assert!(!asked.iter().any(|a| a.starts_with("Months")), "{asked:?}");
    }

    #[test]
    fn stopping_midway_keeps_what_was_answered_and_resumes_there() {
        let cat = small();
        let o = opts(Some("small-role"));
        let (r, p, saved, script) = run_script(
            &cat,
            Profile::default(),
            &o,
            vec![typed("Ada"), pick("None"), pick("2 working")],
        );
        assert!(r.is_err(), "the script ran out like a closed terminal");
        // Foundational first: Basics, which Advanced requires.
        assert_eq!(script.asked()[2], "Your level in Basics");
        assert_eq!(script.asked()[3], "Your level in Advanced");
        assert_eq!(p.skills.get("basics"), Some(&2));
        let last = saved.last().unwrap();
        let back = Profile::parse("saved", last, &cat).unwrap();
        assert_eq!(back.skills.get("basics"), Some(&2));

        // Again: only what is left is asked.
        let (r, p, _, script) = run_script(
            &cat,
            back,
            &o,
            vec![pick("3 proficient"), pick("none"), typed("8")],
        );
        assert_eq!(r.unwrap(), 3, "{:?}", script.transcript);
        let asked = script.asked();
        assert!(asked[0].contains("Advanced"), "{asked:?}");
        assert_eq!(p.skills.get("advanced"), Some(&3));
        assert_eq!(p.name.as_deref(), Some("Ada"));
        // Everything answered: nothing asked.
        let (r, _, saved, _) = run_script(&cat, p, &o, vec![]);
        assert_eq!(r.unwrap(), 0);
        assert!(saved.is_empty());
    }

    #[test]
    fn redo_asks_a_domain_again_with_the_answers_as_defaults() {
        let cat = small();
        let mut o = opts(Some("small-role"));
        let (_, p, _, _) = run_script(
            &cat,
            Profile::default(),
            &o,
            vec![
                Answer::Enter,
                pick("None"),
                pick("3 proficient"),
                pick("1 awareness"),
                pick("none"),
                typed("5"),
            ],
        );
        assert_eq!(p.name, None);
        assert!(p.to_json().contains("\"name\": null"), "{}", p.to_json());
        o.redo = parse_redo(&cat, &["general".to_string()]).unwrap();
        let (r, p2, _, script) =
            run_script(&cat, p.clone(), &o, vec![Answer::Enter, pick("2 working")]);
        assert_eq!(r.unwrap(), 2, "{:?}", script.transcript);
        assert_eq!(p2.skills["basics"], 3, "Enter keeps the earlier answer");
        assert_eq!(p2.skills["advanced"], 2);
        assert!(parse_redo(&cat, &["generl".to_string()])
            .unwrap_err()
            .to_text()
            .contains("`general`"));
    }

    #[test]
    fn a_domain_can_be_skipped_whole() {
        let cat = small();
        let (r, p, _, script) = run_script(
            &cat,
            Profile::default(),
            &opts(Some("small-role")),
            vec![
                Answer::Enter,
                pick("None"),
                pick("Skip general"),
                pick("none"),
                typed("10"),
            ],
        );
        assert_eq!(r.unwrap(), 5, "{:?}", script.transcript);
        assert_eq!(p.skills["basics"], 0);
        assert_eq!(p.skills["advanced"], 0);
    }

    #[test]
    fn role_scope_is_smaller_than_the_catalog_and_asks_experience_in_reach() {
        let cat = bundled();
        let empty = Profile::default();
        let soc = Scope::new(&cat, cat.role("cybersecurity-analyst"), true, &empty);
        assert!(soc.skills.len() < cat.skills.len());
        let ids: Vec<&str> = soc.skills.iter().map(|(s, _)| s.id.as_str()).collect();
        assert!(ids.contains(&"security-fundamentals"));
        // The role's needs first, then what recommendations bring in.
        let first_rec = soc.skills.iter().position(|(_, req)| !req).unwrap();
        assert!(soc.skills[first_rec..].iter().all(|(_, req)| !req));
        assert!(ids[first_rec..].contains(&"pc-hardware"), "{ids:?}");
        // Foundational first: a skill comes after what it requires.
        for (i, (s, _)) in soc.skills.iter().enumerate() {
            for r in &s.requires {
                let j = ids.iter().position(|x| *x == r.skill).unwrap();
                assert!(j < i, "{} before its prerequisite {}", s.id, r.skill);
            }
        }
        let fewer = Scope::new(&cat, cat.role("cybersecurity-analyst"), false, &empty);
        assert_eq!(fewer.skills.len(), first_rec);
        // Holding Security+ leaves out what it covers and recommends.
        let mut sec = Profile::default();
        sec.set_cert("comptia-security-plus", None);
        let held = Scope::new(&cat, cat.role("cybersecurity-analyst"), true, &sec);
        assert!(
            held.skills.len() < fewer.skills.len(),
            "{}",
            held.skills.len()
        );
        assert!(held.skills.iter().all(|(_, req)| *req));
        let mut p = Profile::default();
        let pm = Scope::new(&cat, cat.role("senior-it-project-manager"), true, &p);
        let exp = pm.experience(&cat, &p);
        assert!(exp.contains_key("project-management"), "{exp:?}");
        p.degree = Degree::Bachelor;
        let exp = pm.experience(&cat, &p);
        assert!(
            exp["project-management"][0].contains("with your degree"),
            "{exp:?}"
        );
    }

    #[test]
    fn held_certs_set_the_default_level() {
        let cat = small();
        let mut start = Profile::default();
        start.set_cert("starter-cert", None);
        start.name = Some("B".into());
        start.target_role = Some("small-role".into());
        let mut o = opts(None);
        o.redo = parse_redo(&cat, &["general".to_string()]).unwrap();
        let (r, p, _, script) = run_script(
            &cat,
            start,
            &o,
            vec![Answer::Enter, Answer::Enter, pick("none"), typed("10")],
        );
        r.unwrap();
        assert!(script
            .transcript
            .iter()
            .any(|l| l.contains("Starter Cert already vouches for level 2")));
        assert_eq!(p.skills["basics"], 2);
        assert_eq!(p.skills["advanced"], 0);
    }

    #[test]
    fn level_items_speak_of_the_skill() {
        let cat = small();
        let items = level_items(cat.skill("basics").unwrap());
        assert_eq!(items.len(), 5);
        assert!(items.iter().all(|i| i.contains("Basics")));
    }
}
