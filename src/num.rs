//! Numbers as certpath writes them: whole hours and dollars without a
//! needless `.0`, in text and in JSON. Shared by the planner's report
//! structs and the renderers, so neither imports the other for it.

/// A number without a needless `.0`.
pub fn fmt_num(n: f64) -> String {
    if (n - n.round()).abs() < 1e-9 {
        format!("{}", n.round() as i64)
    } else {
        format!("{:.1}", n)
    }
}

/// Serializes a whole number of hours or dollars as an integer (`40`, not
/// `40.0`), anything else as it is.
pub fn num<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

pub fn opt_num<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => num(v, s),
        None => s.serialize_none(),
    }
}

pub fn num4<S: serde::Serializer>(v: &[f64; 4], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(4))?;
    for x in v {
        if x.fract() == 0.0 && x.abs() < 9e15 {
            seq.serialize_element(&(*x as i64))?;
        } else {
            seq.serialize_element(x)?;
        }
    }
    seq.end()
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn whole_numbers_lose_their_point() {
        assert_eq!(fmt_num(40.0), "40");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(-3.0), "-3");
        let json = |v: f64| {
            let mut out = Vec::new();
            super::num(&v, &mut serde_json::Serializer::new(&mut out)).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(json(40.0), "40");
        assert_eq!(json(0.5), "0.5");
    }
}
