//! Writes that lose nothing (DESIGN.md section 3): a write that fails
//! leaves the old file whole and nothing half-written beside it, and exits
//! 73. The disk is "filled" with a file-size limit (RLIMIT_FSIZE, which
//! binds root too); a read-only folder is tried where permissions are
//! enforced.

use crate::bad_table::permissions_enforced;
use crate::util::{certpath, TODAY};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `certpath ARGS` as util.rs runs it, with files limited to `limit` bytes:
/// a write past it fails as on a full disk (EFBIG, SIGXFSZ ignored).
fn certpath_with_full_disk(limit: u64, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-home");
    std::fs::create_dir_all(&home).expect("temp home");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_certpath"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("CERTPATH_TODAY", TODAY)
        .args(args);
    // SAFETY: setrlimit and signal are async-signal-safe; nothing else
    // runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    cmd.output().expect("runs")
}

fn ok(args: &[&str]) -> String {
    let out = certpath().args(args).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "certpath {}: {err}", args.join(" "));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fails unless the run exited 73 saying it could not write.
fn expect_73(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(73), "stderr:\n{err}");
    assert!(err.contains("cannot write"), "stderr:\n{err}");
    assert!(!err.contains("internal error"), "stderr:\n{err}");
}

/// The names in a folder: nothing half-written may be left beside.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

#[test]
fn a_failed_profile_write_keeps_the_old_profile() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.json");
    ok(&["--profile", s(&file), "profile", "set", "name", "Alex Old"]);
    ok(&[
        "--profile",
        s(&file),
        "profile",
        "set",
        "ip-addressing",
        "2",
    ]);
    let before = std::fs::read(&file).unwrap();
    for args in [
        vec!["profile", "set", "name", "Alex New"],
        vec!["profile", "unset", "ip-addressing"],
        vec!["done", "comptia-a-plus"],
    ] {
        let mut all = vec!["--profile", s(&file)];
        all.extend(args);
        let out = certpath_with_full_disk(16, &all);
        expect_73(&out);
        assert_eq!(std::fs::read(&file).unwrap(), before, "{all:?}");
        assert_eq!(names(dir.path()), ["me.json"], "{all:?}");
    }
    // And with room on the disk, the same write goes through.
    let out = certpath_with_full_disk(
        1 << 20,
        &["--profile", s(&file), "profile", "set", "name", "Alex New"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&file).unwrap().contains("Alex New"));
}

#[test]
fn a_failed_report_write_keeps_the_old_report() {
    let dir = tempfile::tempdir().unwrap();
    let clients = dir.path().join("clients");
    std::fs::create_dir(&clients).unwrap();
    let client = clients.join("alex.json");
    std::fs::write(&client, r#"{"format": 1, "name": "Alex"}"#).unwrap();
    let reports = dir.path().join("reports");
    let args = [
        "--profile",
        s(&clients),
        "plan",
        "--role",
        "network-engineer",
        "--out-dir",
        s(&reports),
    ];
    ok(&args);
    let files = names(&reports);
    assert!(files.len() >= 2, "a report and an index: {files:?}");
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(reports.join(f)).unwrap())
        .collect();
    // The client learned something: the report would change.
    std::fs::write(
        &client,
        r#"{"format": 1, "name": "Alex", "certifications": ["comptia-a-plus"]}"#,
    )
    .unwrap();
    let out = certpath_with_full_disk(64, &args);
    expect_73(&out);
    assert_eq!(names(&reports), files);
    for (f, b) in files.iter().zip(&before) {
        assert_eq!(&std::fs::read(reports.join(f)).unwrap(), b, "{f} changed");
    }
}

#[test]
fn a_failed_export_keeps_the_old_files() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("catalog");
    ok(&["catalog", "export", s(&out_dir)]);
    let files = names(&out_dir);
    assert!(files.contains(&"skills.json".to_string()), "{files:?}");
    for f in &files {
        std::fs::write(out_dir.join(f), format!("old {f}")).unwrap();
    }
    let out = certpath_with_full_disk(64, &["catalog", "export", "--force", s(&out_dir)]);
    expect_73(&out);
    assert_eq!(names(&out_dir), files);
    for f in &files {
        assert_eq!(
            std::fs::read_to_string(out_dir.join(f)).unwrap(),
            format!("old {f}")
        );
    }
}

#[test]
fn a_folder_where_the_file_should_be_is_73_and_the_rest_stays() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("catalog");
    ok(&["catalog", "export", s(&out_dir)]);
    let files = names(&out_dir);
    // The first file export writes is a folder now.
    std::fs::remove_file(out_dir.join("skills.json")).unwrap();
    std::fs::create_dir(out_dir.join("skills.json")).unwrap();
    std::fs::write(out_dir.join("roles.json"), "old roles").unwrap();
    let out = certpath()
        .args(["catalog", "export", "--force", s(&out_dir)])
        .output()
        .unwrap();
    expect_73(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a folder"));
    assert!(out_dir.join("skills.json").is_dir());
    assert_eq!(
        std::fs::read_to_string(out_dir.join("roles.json")).unwrap(),
        "old roles"
    );
    assert_eq!(names(&out_dir), files);
}

#[test]
fn a_path_through_a_file_is_73_and_the_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "keep me").unwrap();
    let target = plain.join("me.json");
    let out = certpath()
        .args(["--profile", s(&target), "profile", "set", "name", "Alex"])
        .output()
        .unwrap();
    expect_73(&out);
    assert_eq!(std::fs::read_to_string(&plain).unwrap(), "keep me");
    assert_eq!(names(dir.path()), ["plain"]);
}

#[test]
fn a_read_only_folder_keeps_the_old_profile() {
    use std::os::unix::fs::PermissionsExt;
    if !permissions_enforced() {
        eprintln!("skipped: file permissions are not enforced for this user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("ro");
    std::fs::create_dir(&sub).unwrap();
    let file = sub.join("me.json");
    ok(&["--profile", s(&file), "profile", "set", "name", "Alex Old"]);
    let before = std::fs::read(&file).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = certpath()
        .args(["--profile", s(&file), "profile", "set", "name", "Alex New"])
        .output()
        .unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    expect_73(&out);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert_eq!(names(&sub), ["me.json"]);
}
