//! Numbers as certpath writes them: whole hours and dollars without a
//! needless `.0`, in text and in JSON; and dates in JSON. Shared by the planner's report
//! structs and the renderers, so neither imports the other for it.

/// A number without a needless `.0`.
pub fn fmt_num(n: f64) -> String {
    if (n - n.round()).abs() < 1e-9 {
        format!("{}", n.round() as i64)
    } else {
        format!("{:.1}", n)
    }
}

/// Appends a small number's digits, as `Display` would write them, without
/// the formatting machinery (a picture labels 350,000 edges with levels).
pub fn push_u8(out: &mut String, n: u8) {
    if n >= 100 {
        out.push(char::from(b'0' + n / 100));
    }
    if n >= 10 {
        out.push(char::from(b'0' + n / 10 % 10));
    }
    out.push(char::from(b'0' + n % 10));
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

/// Serializes a date as jiff does (`2026-12-07`), without going through
/// `Display` for the four-digit years every plan has: a long plan writes
/// two dates a step.
pub fn date<S: serde::Serializer>(d: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
    match date_digits(*d) {
        Some(text) => s.serialize_str(std::str::from_utf8(&text).expect("ASCII digits")),
        None => serde::Serialize::serialize(d, s),
    }
}

/// A date as jiff's `Display` writes it (`2026-12-07`), in text: by
/// [`date_digits`] for the years a plan has.
pub fn date_string(d: jiff::civil::Date) -> String {
    match date_digits(d) {
        Some(text) => String::from_utf8(text.to_vec()).expect("ASCII digits"),
        None => d.to_string(),
    }
}

/// `YYYY-MM-DD` for a year from 0 to 9999; other years are for jiff to
/// write (a sign, six digits).
pub(crate) fn date_digits(d: jiff::civil::Date) -> Option<[u8; 10]> {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return None;
    }
    let digits = |n: i16, out: &mut [u8]| {
        let mut n = n as u16;
        for b in out.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    let mut text = *b"0000-00-00";
    digits(year, &mut text[0..4]);
    digits(i16::from(d.month()), &mut text[5..7]);
    digits(i16::from(d.day()), &mut text[8..10]);
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::{fmt_num, push_u8};

    #[test]
    fn small_numbers_are_pushed_as_display_writes_them() {
        for n in 0..=u8::MAX {
            let mut s = String::from("x");
            push_u8(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }

    #[test]
    fn a_date_is_written_as_jiff_writes_it() {
        use jiff::civil::{date, Date};
        let ours = |d: Date| {
            let mut out = Vec::new();
            super::date(&d, &mut serde_json::Serializer::new(&mut out)).unwrap();
            String::from_utf8(out).unwrap()
        };
        for d in [
            date(2026, 12, 7),
            date(2027, 1, 1),
            date(9, 2, 3),
            date(0, 1, 1),
            date(-1, 5, 6),
            Date::MIN,
            Date::MAX,
        ] {
            assert_eq!(ours(d), serde_json::to_string(&d).unwrap());
            assert_eq!(super::date_string(d), d.to_string());
        }
    }

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
