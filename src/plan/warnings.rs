//! What a plan should tell the person beside its steps, as data: each
//! warning has a stable code and the ids it is about; render/ words it.

use super::closure::Closure;
use super::{Planner, Step, StepKind};
use jiff::civil::Date;
use jiff::ToSpan;

/// Something a plan should tell the person beside its steps. Each kind
/// has a stable [`Warning::code`]; the ids it is about travel with it, and
/// the names render/ needs to word it (see `render::warning`).
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A cert asked for is met by a held cert that `satisfies` it.
    SatisfiedByHeld {
        cert: String,
        cert_name: String,
        cert_short: String,
        held: String,
        held_name: String,
    },
    /// A cert of an avoided vendor is planned: nothing else will do.
    AvoidedVendorPlanned { cert: String, cert_name: String },
    /// A held cert's validity ran out before the plan starts.
    LapsedHeld {
        cert: String,
        cert_name: String,
        lapsed_on: Date,
    },
    /// A retired cert met on the way: its replacement is planned.
    RetiredReplaced {
        cert: String,
        replacement: String,
        replacement_name: String,
    },
    /// An exam of a planned cert retires before the plan reaches it.
    ExamAfterRetirement {
        cert: String,
        cert_name: String,
        exam: String,
        retires: Date,
        exam_date: Date,
        successor: Option<String>,
        /// Booked under the successor at the old price, its own unknown.
        price_assumed: bool,
    },
    /// A planned cert's price (exam fees, or mandatory training when
    /// `exams` is empty) is unknown.
    UnknownPrice {
        cert: String,
        cert_name: String,
        exams: Vec<String>,
    },
    /// A planned cert's facts are more than 12 months old.
    StaleFact {
        cert: String,
        cert_name: String,
        as_of: String,
    },
    /// A planned cert's facts carry no date.
    MissingAsOf { cert: String, cert_name: String },
    /// A renewal whose fee the catalog does not know.
    UnknownRenewalFee { cert: String, cert_name: String },
    /// A cert held directly is retired.
    RetiredHeld {
        cert: String,
        cert_name: String,
        /// The replacements: (id, name).
        replacements: Vec<(String, String)>,
    },
}

impl Warning {
    /// The stable code scripts can match on.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::SatisfiedByHeld { .. } => "satisfied-by-held",
            Warning::AvoidedVendorPlanned { .. } => "avoided-vendor-planned",
            Warning::LapsedHeld { .. } => "lapsed-held",
            Warning::RetiredReplaced { .. } => "retired-replaced",
            Warning::ExamAfterRetirement { .. } => "exam-after-retirement",
            Warning::UnknownPrice { .. } => "unknown-price",
            Warning::StaleFact { .. } => "stale-fact",
            Warning::MissingAsOf { .. } => "missing-as-of",
            Warning::UnknownRenewalFee { .. } => "unknown-renewal-fee",
            Warning::RetiredHeld { .. } => "retired-held",
        }
    }

    /// The cert the warning is about.
    pub fn cert(&self) -> &str {
        match self {
            Warning::SatisfiedByHeld { cert, .. }
            | Warning::AvoidedVendorPlanned { cert, .. }
            | Warning::LapsedHeld { cert, .. }
            | Warning::RetiredReplaced { cert, .. }
            | Warning::ExamAfterRetirement { cert, .. }
            | Warning::UnknownPrice { cert, .. }
            | Warning::StaleFact { cert, .. }
            | Warning::MissingAsOf { cert, .. }
            | Warning::UnknownRenewalFee { cert, .. }
            | Warning::RetiredHeld { cert, .. } => cert,
        }
    }
}

impl<'c> Planner<'c> {
    pub(super) fn warnings(&self, c: &Closure, steps: &[Step]) -> Vec<Warning> {
        let cat = self.cat;
        let name = |id: &str| cat.name_of(id).to_string();
        let mut w = Vec::new();
        for (asked, held) in &c.satisfied {
            w.push(Warning::SatisfiedByHeld {
                cert: asked.to_string(),
                cert_name: name(asked),
                cert_short: cat.short_name(asked).to_string(),
                held: held.to_string(),
                held_name: name(held),
            });
        }
        for id in &c.unavoidable {
            w.push(Warning::AvoidedVendorPlanned {
                cert: id.to_string(),
                cert_name: name(id),
            });
        }
        for (cert, exp) in self.have.lapsed(cat, self.opts.start) {
            w.push(Warning::LapsedHeld {
                cert: cert.id.clone(),
                cert_name: cert.name.clone(),
                lapsed_on: exp,
            });
        }
        for (old, new) in &c.replaced {
            w.push(Warning::RetiredReplaced {
                cert: old.to_string(),
                replacement: new.to_string(),
                replacement_name: name(new),
            });
        }
        for s in steps.iter().filter(|s| s.kind == StepKind::Exam) {
            let cert = cat.cert(&s.id).expect("planned");
            for e in &cert.exams {
                if let Some(r) = e.retires.filter(|r| s.end > *r) {
                    w.push(Warning::ExamAfterRetirement {
                        cert: cert.id.clone(),
                        cert_name: cert.name.clone(),
                        exam: e.code.clone(),
                        retires: r,
                        exam_date: s.end,
                        successor: e.successor.clone(),
                        price_assumed: s.cost_assumed,
                    });
                }
            }
            if cert.cost().is_none() {
                w.push(Warning::UnknownPrice {
                    cert: cert.id.clone(),
                    cert_name: cert.name.clone(),
                    exams: cert
                        .exams
                        .iter()
                        .filter(|e| e.cost_usd.is_none())
                        .map(|e| e.code.clone())
                        .collect(),
                });
            }
            match cert.as_of.as_deref().and_then(as_of_date) {
                Some(d) if d < self.opts.today.checked_sub(12.months()).unwrap_or(d) => {
                    w.push(Warning::StaleFact {
                        cert: cert.id.clone(),
                        cert_name: cert.name.clone(),
                        as_of: cert.as_of.clone().unwrap_or_default(),
                    })
                }
                None => w.push(Warning::MissingAsOf {
                    cert: cert.id.clone(),
                    cert_name: cert.name.clone(),
                }),
                _ => {}
            }
        }
        let mut unknown_renewals: Vec<&str> = steps
            .iter()
            .filter(|s| s.kind == StepKind::Renewal && s.cost_usd.is_none())
            .filter_map(|s| s.for_.first().map(String::as_str))
            .collect();
        unknown_renewals.dedup();
        for id in unknown_renewals {
            w.push(Warning::UnknownRenewalFee {
                cert: id.to_string(),
                cert_name: name(id),
            });
        }
        for id in &self.have.direct {
            let cert = cat.cert(id).expect("held");
            if cert.is_retired() {
                w.push(Warning::RetiredHeld {
                    cert: cert.id.clone(),
                    cert_name: cert.name.clone(),
                    replacements: cert
                        .replaced_by
                        .iter()
                        .map(|r| (r.clone(), name(r)))
                        .collect(),
                });
            }
        }
        w
    }
}

/// `YYYY-MM` or `YYYY-MM-DD` as a date (the first of the month).
pub fn as_of_date(s: &str) -> Option<Date> {
    crate::json::parse_date(s).or_else(|| crate::json::parse_date(&format!("{s}-01")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{fixture, opts, profile};
    use crate::profile::Profile;
    use jiff::civil::date;

    fn codes(w: &[Warning]) -> Vec<&'static str> {
        w.iter().map(Warning::code).collect()
    }

    #[test]
    fn as_of_takes_a_month_or_a_day() {
        assert_eq!(as_of_date("2026-11"), Some(date(2026, 11, 1)));
        assert_eq!(as_of_date("2026-11-05"), Some(date(2026, 11, 5)));
        assert_eq!(as_of_date("soon"), None);
    }

    #[test]
    fn a_lapsed_held_cert_and_its_unknown_renewal_fee_are_warned() {
        let cat = fixture();
        let me = profile(&[], &[("starter-cert", Some(date(2025, 6, 1)))]);
        let plan = Planner::new(&cat, &me, opts()).plan(cat.role("small-role").unwrap());
        assert_eq!(
            codes(&plan.warnings),
            ["lapsed-held", "unknown-renewal-fee"]
        );
        assert_eq!(
            plan.warnings[0],
            Warning::LapsedHeld {
                cert: "starter-cert".into(),
                cert_name: "Starter Cert".into(),
                lapsed_on: date(2026, 6, 1),
            }
        );
        assert!(plan.warnings.iter().all(|w| w.cert() == "starter-cert"));
    }

    #[test]
    fn an_avoided_vendor_planned_anyway_and_stale_facts_are_warned() {
        let cat = fixture();
        let mut o = opts();
        o.avoid = vec!["example".into()];
        o.today = date(2028, 1, 1);
        let plan =
            Planner::new(&cat, &Profile::default(), o).plan(cat.role("starter-role").unwrap());
        assert_eq!(
            codes(&plan.warnings),
            ["avoided-vendor-planned", "stale-fact"]
        );
        assert_eq!(
            plan.warnings[1],
            Warning::StaleFact {
                cert: "starter-cert".into(),
                cert_name: "Starter Cert".into(),
                as_of: "2026-11".into(),
            }
        );
    }
}
