//! A plan as JSON, its steps written on every core: a long plan's steps
//! are nearly all of its text. The bytes are those of
//! [`super::json_to`]: the fields around the steps are written by serde
//! as one object would have them, each step at the depth it has there.

use crate::plan::{Choice, Plan, RoleRef, Step, Suggestion, Summary, Warning};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// Plans with fewer steps are written on one thread.
const PARALLEL_FROM: usize = 4096;
/// Steps a thread writes at a time: the text in memory at once is a few
/// of these blocks, not the whole plan.
const BLOCK: usize = 2048;

/// The fields of [`Plan`] before its steps, in its order.
#[derive(Serialize)]
struct Head<'a> {
    format: u32,
    role: &'a RoleRef,
    choices: &'a [Choice],
}

/// The fields of [`Plan`] after its steps, in its order.
#[derive(Serialize)]
struct Tail<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suggestions: &'a [Suggestion],
    summary: &'a Summary,
    warnings: &'a [Warning],
}

/// Writes `plan` as [`super::json_to`] does.
pub fn plan_json_to(w: &mut dyn Write, plan: &Plan) -> io::Result<()> {
    write_plan(w, plan, PARALLEL_FROM, BLOCK)
}

fn write_plan(
    w: &mut dyn Write,
    plan: &Plan,
    parallel_from: usize,
    block: usize,
) -> io::Result<()> {
    if plan.steps.len() < parallel_from || plan.steps.is_empty() {
        return super::json_to(w, plan);
    }
    // Every field of the plan named: one added to `Plan` must be placed
    // in the head or the tail here before this compiles.
    let Plan {
        format,
        role,
        choices,
        steps,
        suggestions,
        summary,
        warnings,
    } = plan;
    // `{` and the head's fields, without the object's end.
    let head = object(&Head {
        format: *format,
        role,
        choices,
    })?;
    // The tail's fields after the object's `{`.
    let tail = object(&Tail {
        suggestions,
        summary,
        warnings,
    })?;
    let (Some(head), Some(tail)) = (head.strip_suffix(b"\n}"), tail.strip_prefix(b"{")) else {
        return super::json_to(w, plan);
    };
    super::buffered(w, |b| {
        b.write_all(head)?;
        b.write_all(b",\n  \"steps\": [")?;
        let threads = rayon::current_num_threads().max(1);
        let mut first = 0;
        for window in steps.chunks(block * threads) {
            let texts: Vec<io::Result<Vec<u8>>> = window
                .par_chunks(block)
                .enumerate()
                .map(|(k, steps)| steps_text(steps, first + k * block))
                .collect();
            for text in texts {
                b.write_all(&text?)?;
            }
            first += window.len();
        }
        b.write_all(b"\n  ],")?;
        b.write_all(tail)?;
        b.write_all(b"\n")
    })
}

/// Steps as items of the plan's `steps` array, the first of them the
/// array's item `first`.
fn steps_text(steps: &[Step], first: usize) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(steps.len() * 512);
    for (i, s) in steps.iter().enumerate() {
        out.extend_from_slice(if first + i == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        write_step(&mut out, s)?;
    }
    Ok(out)
}

/// One step as serde writes it among a plan's steps (its fields six
/// spaces in), field by field without serde's machinery: a long plan's
/// text is nearly all steps. A string serde would escape, a number with
/// a fraction and a date outside years 0-9999 are written by serde_json
/// itself, so every byte is the one it writes.
fn write_step(out: &mut Vec<u8>, s: &Step) -> io::Result<()> {
    // Every field named: one added to `Step` must be written here too
    // before this compiles (in the place `Step` gives it).
    let Step {
        n,
        kind,
        id,
        name,
        from_level,
        to_level,
        exams,
        area,
        months,
        by,
        hours,
        cost_usd,
        known_cost_usd,
        required,
        for_,
        over_budget,
        start,
        end,
        why,
        deps,
        late,
        cost_assumed,
    } = s;
    let mut o = Fields { out };
    o.raw(b"{\n      \"n\": ");
    o.uint(*n as u64);
    o.key(key!("kind")).string(kind.word())?;
    o.key(key!("id")).string(id)?;
    o.key(key!("name")).string(name)?;
    if let Some(l) = from_level {
        o.key(key!("from_level")).uint(u64::from(*l));
    }
    if let Some(l) = to_level {
        o.key(key!("to_level")).uint(u64::from(*l));
    }
    if let Some(codes) = exams {
        o.key(key!("exams")).strings(codes)?;
    }
    if let Some(a) = area {
        o.key(key!("area")).string(a)?;
    }
    if let Some(m) = months {
        o.key(key!("months")).uint(u64::from(*m));
    }
    if let Some(b) = by {
        o.key(key!("by")).string(b)?;
    }
    o.key(key!("hours")).num(*hours)?;
    match cost_usd {
        Some(c) => o.key(key!("cost_usd")).num(*c)?,
        None => o.key(key!("cost_usd")).raw(b"null"),
    }
    if let Some(k) = known_cost_usd {
        o.key(key!("known_cost_usd")).num(*k)?;
    }
    o.key(key!("required")).raw(bool_text(*required));
    o.key(key!("for")).strings(for_)?;
    if let Some(b) = over_budget {
        o.key(key!("over_budget")).raw(bool_text(*b));
    }
    o.key(key!("start")).date(*start)?;
    o.key(key!("end")).date(*end)?;
    o.key(key!("why")).string(why)?;
    o.key(key!("after"));
    if deps.is_empty() {
        o.raw(b"[]");
    } else {
        o.raw(b"[");
        for (k, d) in deps.iter().enumerate() {
            o.raw(if k == 0 { ITEM_FIRST } else { ITEM });
            o.uint(*d as u64 + 1);
        }
        o.raw(END_LIST);
    }
    if *late {
        o.key(key!("late")).raw(b"true");
    }
    if *cost_assumed {
        o.key(key!("cost_assumed")).raw(b"true");
    }
    o.out.extend_from_slice(b"\n    }");
    Ok(())
}

/// A step's field after the first: a comma, a break, the indent, the key.
macro_rules! key {
    ($key:literal) => {
        concat!(",\n      \"", $key, "\": ").as_bytes()
    };
}
use key;

/// A break and the indent of an item of a field's list, and the end of a
/// list that has items.
const ITEM_FIRST: &[u8] = b"\n        ";
const ITEM: &[u8] = b",\n        ";
const END_LIST: &[u8] = b"\n      ]";

fn bool_text(b: bool) -> &'static [u8] {
    if b {
        b"true"
    } else {
        b"false"
    }
}

/// The fields of one step being written ([`write_step`]).
struct Fields<'o> {
    out: &'o mut Vec<u8>,
}

impl Fields<'_> {
    /// A field's start, as [`key!`] writes it.
    fn key(&mut self, start: &[u8]) -> &mut Self {
        self.out.extend_from_slice(start);
        self
    }

    fn raw(&mut self, text: &[u8]) {
        self.out.extend_from_slice(text);
    }

    fn uint(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// A number as [`crate::num::num`] has serde write it.
    fn num(&mut self, v: f64) -> io::Result<()> {
        if v.fract() == 0.0 && v.abs() < 9e15 {
            if v < 0.0 {
                self.out.push(b'-');
            }
            self.uint((v as i64).unsigned_abs());
            Ok(())
        } else {
            serde_json::to_writer(&mut *self.out, &v).map_err(io::Error::other)
        }
    }

    /// A string, quoted: as it is when serde would escape none of it.
    fn string(&mut self, s: &str) -> io::Result<()> {
        // The bytes serde escapes are those a JSON string scan stops at.
        if crate::json::string_stop(s.as_bytes(), 0).is_some() {
            return serde_json::to_writer(&mut *self.out, s).map_err(io::Error::other);
        }
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'"');
        Ok(())
    }

    fn strings(&mut self, list: &[String]) -> io::Result<()> {
        if list.is_empty() {
            self.raw(b"[]");
            return Ok(());
        }
        self.raw(b"[");
        for (k, s) in list.iter().enumerate() {
            self.raw(if k == 0 { ITEM_FIRST } else { ITEM });
            self.string(s)?;
        }
        self.raw(END_LIST);
        Ok(())
    }

    /// A date as [`crate::num::date`] has serde write it.
    fn date(&mut self, d: jiff::civil::Date) -> io::Result<()> {
        match crate::num::date_digits(d) {
            Some(text) => {
                self.out.push(b'"');
                self.out.extend_from_slice(&text);
                self.out.push(b'"');
                Ok(())
            }
            None => serde_json::to_writer(&mut *self.out, &d).map_err(io::Error::other),
        }
    }
}

/// `value` as pretty JSON.
fn object<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    super::pretty::to_writer(&mut out, value).map_err(io::Error::other)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{fixture, opts, profile};
    use crate::plan::Planner;
    use proptest::prelude::*;

    fn both(plan: &Plan) -> (String, String) {
        let one = crate::render::written(|w| crate::render::json_to(w, plan));
        // Blocks of one and two steps, every plan on the parallel path.
        let mut many = Vec::new();
        for block in [1, 2, 5] {
            many.push(crate::render::written(|w| write_plan(w, plan, 0, block)));
        }
        assert!(many.windows(2).all(|p| p[0] == p[1]));
        (one, many.remove(0))
    }

    #[test]
    fn a_plan_written_on_every_core_is_the_plan_serde_writes() {
        let cat = fixture();
        let people = [
            profile(&[], &[]),
            profile(&[("basics", 1)], &[("starter-cert", None)]),
        ];
        for person in &people {
            let p = Planner::new(&cat, person, opts());
            for role in &cat.roles {
                let plan = p.plan(role);
                let (one, many) = both(&plan);
                assert_eq!(one, many, "{}", role.id);
            }
        }
    }

    /// A step of arbitrary content: strings serde escapes or not, whole
    /// and fractional numbers, unknown costs, dates past year 9999.
    fn any_step() -> impl Strategy<Value = Step> {
        use crate::plan::StepKind;
        let text = || "[a-z \"\\\\\u{1}\u{7f}é→]{0,6}";
        let number = || {
            prop_oneof![
                (0u32..5000).prop_map(f64::from),
                (-5000i32..5000).prop_map(|n| f64::from(n) / 8.0),
                Just(1e16),
                Just(f64::NAN),
            ]
        };
        let date = || {
            prop_oneof![
                (0i16..=9999, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d)),
                Just(jiff::civil::Date::MAX),
                Just(jiff::civil::Date::MIN),
            ]
        };
        let kind = prop_oneof![
            Just(StepKind::Skill),
            Just(StepKind::Exam),
            Just(StepKind::Experience),
            Just(StepKind::Renewal)
        ];
        let head = (
            0usize..100_000,
            kind,
            text(),
            text(),
            proptest::option::of(0u8..5),
            proptest::option::of(0u8..5),
            proptest::option::of(prop::collection::vec(text(), 0..3)),
            proptest::option::of(text()),
            proptest::option::of(0u32..200),
            proptest::option::of(text()),
        );
        let tail = (
            number(),
            proptest::option::of(number()),
            proptest::option::of(number()),
            any::<bool>(),
            prop::collection::vec(text(), 0..3),
            proptest::option::of(any::<bool>()),
            (date(), date()),
            text(),
            prop::collection::vec(0usize..1000, 0..3),
            any::<bool>(),
            any::<bool>(),
        );
        (head, tail).prop_map(|(h, t)| Step {
            n: h.0,
            kind: h.1,
            id: h.2,
            name: h.3,
            from_level: h.4,
            to_level: h.5,
            exams: h.6,
            area: h.7,
            months: h.8,
            by: h.9,
            hours: t.0,
            cost_usd: t.1,
            known_cost_usd: t.2,
            required: t.3,
            for_: t.4,
            over_budget: t.5,
            start: t.6 .0,
            end: t.6 .1,
            why: t.7,
            deps: t.8,
            late: t.9,
            cost_assumed: t.10,
        })
    }

    proptest! {
        #[test]
        fn any_step_is_written_as_serde_writes_it(step in any_step()) {
            let mut ours = Vec::new();
            write_step(&mut ours, &step).unwrap();
            let mut theirs = Vec::new();
            step.serialize(&mut serde_json::Serializer::with_formatter(
                &mut theirs,
                crate::render::pretty::Pretty::at(2),
            ))
            .unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }

    #[test]
    fn the_bundled_plans_are_written_alike_too() {
        let cat = crate::catalog::Catalog::load(&crate::catalog::Source::bundled()).unwrap();
        let p = Planner::new(&cat, &crate::profile::Profile::default(), opts());
        for role in cat.roles.iter().take(8) {
            let plan = p.plan(role);
            assert!(!plan.steps.is_empty());
            let (one, many) = both(&plan);
            assert_eq!(one, many, "{}", role.id);
        }
    }
}
