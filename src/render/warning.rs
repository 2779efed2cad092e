//! A plan's warnings in words, and as JSON objects:
//! `{ "code": ..., "message": ..., plus the ids involved }`.

use crate::plan::Warning;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The warning as a sentence for people.
pub fn message(w: &Warning) -> String {
    match w {
        Warning::SatisfiedByHeld {
            cert_name,
            cert_short,
            held_name,
            ..
        } => format!("{held_name} counts for {cert_name}: you hold it, and it stands in for {cert_short}"),
        Warning::AvoidedVendorPlanned { cert_name, .. } => format!(
            "{cert_name} is planned although its vendor is avoided: nothing else meets the requirement"
        ),
        Warning::LapsedHeld {
            cert_name,
            lapsed_on,
            ..
        } => format!(
            "your {cert_name} lapsed on {lapsed_on}: it counts for its skills, not as held; renew or retake it where a role asks for it"
        ),
        Warning::RetiredReplaced {
            cert,
            replacement,
            replacement_name,
        } => format!(
            "`{cert}` is retired: planning its replacement `{replacement}` ({replacement_name}) instead"
        ),
        Warning::ExamAfterRetirement {
            cert_name,
            exam,
            retires,
            exam_date,
            successor,
            price_assumed,
            ..
        } => {
            let then = match successor {
                Some(n) if *price_assumed => {
                    format!("booked as {n}, at {exam}'s price (assumed: {n}'s is not known)")
                }
                Some(n) => format!("booked as {n} instead"),
                None => "check the vendor for its successor".to_string(),
            };
            format!(
                "{cert_name}: exam {exam} retires on {retires}, before this plan's exam date {exam_date}: {then}"
            )
        }
        Warning::UnknownPrice {
            cert_name, exams, ..
        } => {
            let what = if exams.is_empty() {
                "the mandatory training".to_string()
            } else {
                format!("exam {}", exams.join(", "))
            };
            format!("{cert_name}: the price of {what} is unknown and not counted in the total")
        }
        Warning::StaleFact {
            cert_name, as_of, ..
        } => format!(
            "{cert_name}: the catalog's facts date from {as_of}, more than 12 months ago: check the vendor's page"
        ),
        Warning::MissingAsOf { cert_name, .. } => {
            format!("{cert_name}: the catalog's facts carry no as_of date: check the vendor's page")
        }
        Warning::UnknownRenewalFee { cert_name, .. } => format!(
            "Renew {cert_name}: the renewal fee is not in the catalog and not counted in the total"
        ),
        Warning::RetiredHeld {
            cert_name,
            replacements,
            ..
        } => {
            let repl: Vec<String> = replacements
                .iter()
                .map(|(id, name)| format!("{name} ({id})"))
                .collect();
            format!(
                "you hold {cert_name}, which is retired: it still counts for the skills it covered; its replacement is {}",
                repl.join(" or ")
            )
        }
    }
}

/// The warnings in words, each once: a warning repeated (one retired
/// exam met through several certs) says how many times it came up.
pub fn messages(warnings: &[Warning]) -> Vec<String> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for w in warnings {
        let m = message(w);
        match out.iter_mut().find(|(x, _)| *x == m) {
            Some((_, n)) => *n += 1,
            None => out.push((m, 1)),
        }
    }
    out.into_iter()
        .map(|(m, n)| if n > 1 { format!("{m} ({n} times)") } else { m })
        .collect()
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &message(self))?;
        m.serialize_entry("cert", self.cert())?;
        match self {
            Warning::SatisfiedByHeld { held, .. } => m.serialize_entry("held", held)?,
            Warning::LapsedHeld { lapsed_on, .. } => m.serialize_entry("lapsed_on", lapsed_on)?,
            Warning::RetiredReplaced { replacement, .. } => {
                m.serialize_entry("replacement", replacement)?
            }
            Warning::ExamAfterRetirement {
                exam,
                retires,
                exam_date,
                successor,
                price_assumed,
                ..
            } => {
                m.serialize_entry("exam", exam)?;
                m.serialize_entry("retires", retires)?;
                m.serialize_entry("exam_date", exam_date)?;
                m.serialize_entry("successor", successor)?;
                if *price_assumed {
                    m.serialize_entry("price_assumed", price_assumed)?;
                }
            }
            Warning::UnknownPrice { exams, .. } => m.serialize_entry("exams", exams)?,
            Warning::StaleFact { as_of, .. } => m.serialize_entry("as_of", as_of)?,
            Warning::RetiredHeld { replacements, .. } => {
                let ids: Vec<&str> = replacements.iter().map(|(id, _)| id.as_str()).collect();
                m.serialize_entry("replacements", &ids)?
            }
            Warning::AvoidedVendorPlanned { .. }
            | Warning::MissingAsOf { .. }
            | Warning::UnknownRenewalFee { .. } => {}
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_warning_is_an_object_with_its_code_message_and_ids() {
        let w = Warning::LapsedHeld {
            cert: "x-cert".into(),
            cert_name: "X Cert".into(),
            lapsed_on: date(2025, 1, 2),
        };
        let v = serde_json::to_value(&w).unwrap();
        assert_eq!(v["code"], "lapsed-held");
        assert_eq!(v["cert"], "x-cert");
        assert_eq!(v["lapsed_on"], "2025-01-02");
        assert!(v["message"]
            .as_str()
            .unwrap()
            .starts_with("your X Cert lapsed on 2025-01-02"));
    }

    #[test]
    fn unknown_training_price_says_training() {
        let w = Warning::UnknownPrice {
            cert: "c".into(),
            cert_name: "C".into(),
            exams: vec![],
        };
        assert_eq!(
            message(&w),
            "C: the price of the mandatory training is unknown and not counted in the total"
        );
    }
}
