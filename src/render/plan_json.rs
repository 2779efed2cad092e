//! A plan as JSON, its steps written on every core: a long plan's steps
//! are nearly all of its text. The bytes are those of
//! [`super::json_to`]: the fields around the steps are written by serde
//! as one object would have them, each step at the depth it has there.

use super::pretty::Pretty;
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
        s.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out,
            Pretty::at(2),
        ))
        .map_err(io::Error::other)?;
    }
    Ok(out)
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
