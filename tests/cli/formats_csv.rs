//! CSV as a spreadsheet and a script read it (issue 14): every CSV the tool
//! writes parses with the `csv` crate, uses one snake_case header style,
//! keeps values plain (numbers without units, ids apart from names) and
//! never hands a spreadsheet a formula.

use crate::util::{certpath, csv_table, fixture, run};

/// `certpath` on the crafted catalog whose names look like formulas and
/// markup, with an empty profile.
pub fn hostile() -> assert_cmd::Command {
    let mut c = certpath();
    c.arg("--no-builtin")
        .arg("--catalog")
        .arg(fixture("hostile.json"))
        .arg("--no-profile");
    c
}

fn csv_of(cmd: &mut assert_cmd::Command) -> (Vec<String>, Vec<Vec<String>>) {
    let (out, err, code) = run(cmd.args(["--format", "csv"]));
    assert_eq!(code, 0, "stderr: {err}");
    csv_table(&out)
}

fn is_number(s: &str) -> bool {
    s.parse::<f64>().is_ok() && !s.starts_with('+')
}

/// What every CSV must hold to: snake_case headers, and no cell that a
/// spreadsheet would evaluate.
fn check(what: &str, headers: &[String], rows: &[Vec<String>]) {
    for h in headers {
        assert!(
            !h.is_empty()
                && h.starts_with(|c: char| c.is_ascii_lowercase())
                && h.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{what}: header `{h}` is not snake_case"
        );
    }
    for r in rows {
        for cell in r {
            let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(
                !risky || is_number(cell),
                "{what}: cell {cell:?} would be a formula in a spreadsheet"
            );
        }
    }
}

fn col(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"))
}

#[test]
fn every_csv_is_snake_case_and_formula_free() {
    let commands: &[&[&str]] = &[
        &["plan", "--role", "hostile-role"],
        &["gap", "--role", "hostile-role"],
        &["next", "--role", "hostile-role"],
        &["why", "at-skill", "--role", "hostile-role"],
        &["rank"],
        &["roles"],
        &["role", "hostile-role"],
        &["certs"],
        &["skills"],
    ];
    for args in commands {
        let (headers, rows) = csv_of(hostile().args(*args));
        assert!(!rows.is_empty(), "{args:?} wrote no rows");
        check(&args.join(" "), &headers, &rows);
    }
    // The bundled catalog too: the roles header used to be capitalised.
    let (headers, _) = csv_of(certpath().arg("roles"));
    assert_eq!(headers, ["id", "name", "skills", "certifications"]);
}

#[test]
fn formula_looking_names_come_back_as_text() {
    let (headers, rows) = csv_of(hostile().args(["plan", "--role", "hostile-role"]));
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r[col(&headers, "name")].as_str())
        .collect();
    assert!(names.contains(&"'=1+1"), "{names:?}");
    assert!(names.contains(&"'@SUM(A1:A2)"), "{names:?}");
    assert!(names.contains(&"'-2+3 Cert"), "{names:?}");
    assert!(names.contains(&"'\tTabbed, \"quoted\""), "{names:?}");
    // Numbers stay plain numbers.
    for r in &rows {
        assert!(is_number(&r[col(&headers, "hours")]), "{r:?}");
    }
    let (headers, rows) = csv_of(hostile().arg("certs"));
    assert_eq!(rows[0][col(&headers, "vendor")], "'+Vendor");
    assert!(rows.iter().any(|r| r[col(&headers, "exams")] == "'=X-1"));
}

#[test]
fn gap_need_and_have_are_numbers_with_a_status() {
    let (headers, rows) = csv_of(certpath().args([
        "gap",
        "--role",
        "network-engineer",
        "--have",
        "cisco-ccna",
        "--have",
        "technical-documentation=1",
    ]));
    assert_eq!(
        headers,
        [
            "kind",
            "id",
            "name",
            "need",
            "have",
            "unit",
            "status",
            "met",
            "options",
            "held_cert",
            "held_via"
        ]
    );
    for r in &rows {
        for name in ["need", "have"] {
            let v = &r[col(&headers, name)];
            assert!(v.is_empty() || v.parse::<u32>().is_ok(), "{name}: {v:?}");
        }
        let status = r[col(&headers, "status")].as_str();
        assert!(
            ["met", "missing", "held", "satisfied"].contains(&status),
            "{r:?}"
        );
        assert_eq!(
            r[col(&headers, "met")],
            (status != "missing").to_string(),
            "{r:?}"
        );
    }
    let skill = rows
        .iter()
        .find(|r| r[1] == "technical-documentation")
        .expect("a skill requirement");
    assert_eq!(skill[col(&headers, "have")], "1");
    assert_eq!(skill[col(&headers, "unit")], "level");
    assert_eq!(skill[col(&headers, "status")], "missing");
    assert!(skill[col(&headers, "need")].parse::<u8>().unwrap() > 1);
    let any = rows.iter().find(|r| r[0] == "any_of").expect("an any_of");
    let options: Vec<&str> = any[col(&headers, "options")].split(';').collect();
    assert!(options.contains(&"cisco-ccna"), "{any:?}");
    assert_eq!(any[col(&headers, "held_cert")], "cisco-ccna");
    assert_eq!(any[col(&headers, "status")], "held");
    assert_eq!(any[col(&headers, "need")], "");
    // A cert held through another that satisfies it names both.
    let (headers, rows) = csv_of(certpath().args([
        "gap",
        "--role",
        "network-engineer",
        "--have",
        "cisco-ccnp-enterprise",
    ]));
    let any = rows.iter().find(|r| r[0] == "any_of").expect("an any_of");
    assert_eq!(any[col(&headers, "held_cert")], "cisco-ccna", "{any:?}");
    assert_eq!(any[col(&headers, "held_via")], "cisco-ccnp-enterprise");
    assert_eq!(any[col(&headers, "status")], "satisfied");
    // Experience is in months.
    let (headers, rows) =
        csv_of(certpath().args(["gap", "--role", "information-security-manager"]));
    let exp = rows
        .iter()
        .find(|r| r[0] == "experience")
        .expect("experience");
    assert!(exp[col(&headers, "need")].parse::<u32>().unwrap() > 0);
    assert_eq!(exp[col(&headers, "have")], "0");
    assert_eq!(exp[col(&headers, "unit")], "months");
}

#[test]
fn rank_counts_unknown_costs() {
    let (headers, rows) = csv_of(hostile().arg("rank"));
    let r = &rows[0];
    assert_eq!(r[col(&headers, "id")], "hostile-role");
    assert_eq!(r[col(&headers, "unknown_costs")], "1", "{r:?}");
    assert!(is_number(&r[col(&headers, "remaining_cost_usd")]));
    assert!(is_number(&r[col(&headers, "readiness_percent")]));
}

#[test]
fn batch_index_keeps_ids_apart_from_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.json");
    std::fs::write(
        &p,
        r#"{"name": "=cmd|' /C calc'!A0", "target_role": "hostile-role"}"#,
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let (_, err, code) = run(certpath()
        .args(["--no-builtin", "--catalog"])
        .arg(fixture("hostile.json"))
        .args(["plan", "--format", "csv", "--out-dir"])
        .arg(&out_dir)
        .arg("--profile")
        .arg(&p));
    assert_eq!(code, 0, "{err}");
    let (headers, rows) = csv_table(&std::fs::read_to_string(out_dir.join("index.csv")).unwrap());
    check("index.csv", &headers, &rows);
    let r = &rows[0];
    assert_eq!(r[col(&headers, "client")], "'=cmd|' /C calc'!A0");
    assert_eq!(r[col(&headers, "role_id")], "hostile-role");
    assert_eq!(
        r[col(&headers, "role_name")],
        "'=HYPERLINK(\"http://x\") [Role](http://x) #1; end"
    );
    assert_eq!(r[col(&headers, "readiness_percent")], "0");
    assert!(is_number(&r[col(&headers, "total_hours")]));
    let report = std::fs::read_to_string(out_dir.join(&r[col(&headers, "report")])).unwrap();
    let (h, rows) = csv_table(&report);
    check("report", &h, &rows);
}
