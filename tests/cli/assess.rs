//! `certpath assess` as a person meets it: through a real pseudo-terminal
//! (rexpect), on the small catalog. The question logic itself is tested
//! through the scripted prompter in src/commands/assess.rs; here we check
//! the real thing: keys, saving after every answer, a kill mid-way, Ctrl-C,
//! resuming, and no terminal at all.

use crate::util::{certpath, fixture, run, TODAY};
use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{spawn_command, PtySession};
use std::path::{Path, PathBuf};
use std::time::Duration;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

/// `certpath --no-builtin --catalog small.json assess --role small-role -o
/// FILE` in a pseudo-terminal, with the hermetic environment of util.rs.
fn spawn_assess(file: &Path, role: bool) -> PtySession {
    spawn_assess_with(file, role, None)
}

/// The same, with `extra` loaded on top of the small catalog.
fn spawn_assess_with(file: &Path, role: bool, extra: Option<&Path>) -> PtySession {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-home");
    std::fs::create_dir_all(&home).expect("temp home");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_certpath"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("CERTPATH_TODAY", TODAY)
        .arg("--no-builtin")
        .arg("--catalog")
        .arg(fixture("small.json"));
    if let Some(extra) = extra {
        cmd.arg("--catalog").arg(extra);
    }
    cmd.arg("assess").arg("-o").arg(file);
    if role {
        cmd.args(["--role", "small-role"]);
    }
    spawn_command(cmd, Some(10_000)).expect("spawns in a pty")
}

/// Sends keys; rexpect needs a flush after each send.
fn keys(p: &mut PtySession, s: &str) {
    p.send(s).expect("send");
    p.flush().expect("flush");
}

fn expect(p: &mut PtySession, s: &str) {
    if let Err(e) = p.exp_string(s) {
        panic!("waiting for {s:?}: {e}");
    }
}

fn read_json(file: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(file).expect("profile written");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[cfg(unix)]
fn mode(file: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_short_assessment_in_a_terminal_writes_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.json");
    let mut p = spawn_assess(&file, false);
    expect(&mut p, "Your name");
    keys(&mut p, "Ada Lovelace");
    keys(&mut p, ENTER);
    expect(&mut p, "Which role are you aiming for?");
    keys(&mut p, "small");
    keys(&mut p, ENTER);
    expect(&mut p, "A certification you hold");
    keys(&mut p, "starter");
    keys(&mut p, ENTER);
    expect(&mut p, "When did you earn Starter Cert?");
    keys(&mut p, "2025-03-14");
    keys(&mut p, ENTER);
    expect(&mut p, "Held: Starter Cert");
    expect(&mut p, "A certification you hold");
    keys(&mut p, ENTER); // No more
                         // Basics is not asked: Starter Cert vouches for the level 2 needed.
    expect(&mut p, "1 skill not asked");
    expect(&mut p, "Your level in Advanced");
    keys(&mut p, DOWN); // 1 awareness
    keys(&mut p, ENTER);
    expect(&mut p, "Your highest degree");
    keys(&mut p, DOWN);
    keys(&mut p, DOWN); // bachelor
    keys(&mut p, ENTER);
    expect(&mut p, "Hours a week you can study");
    keys(&mut p, "6");
    keys(&mut p, ENTER);
    expect(&mut p, "Saved to");
    expect(&mut p, "Gap to Small Role (small-role)");
    expect(&mut p, "certpath plan --no-builtin --catalog");
    p.exp_eof().expect("ends");
    let status = p.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    let v = read_json(&file);
    assert_eq!(
        v,
        serde_json::json!({
            "format": 1,
            "name": "Ada Lovelace",
            "skills": { "advanced": 1 },
            "certifications": [{ "id": "starter-cert", "earned": "2025-03-14" }],
            "degree": "bachelor",
            "hours_per_week": 6,
            "target_role": "small-role"
        })
    );
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600, "profiles are private");
    // The plan continues from there.
    let (out, err, code) = run(certpath()
        .args(["--no-builtin", "--catalog"])
        .arg(fixture("small.json"))
        .args(["plan", "--format", "json", "--profile"])
        .arg(&file));
    assert_eq!(code, 0, "{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["summary"]["hours_per_week"], 6);
}

#[test]
fn a_kill_midway_keeps_the_answers_so_far_and_the_next_run_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.json");
    let mut p = spawn_assess(&file, true);
    expect(&mut p, "Your name");
    keys(&mut p, "Grace");
    keys(&mut p, ENTER);
    expect(&mut p, "A certification you hold");
    keys(&mut p, ENTER); // None
    expect(&mut p, "Your level in Basics");
    keys(&mut p, DOWN);
    keys(&mut p, DOWN); // 2 working
    keys(&mut p, ENTER);
    // The next question is on screen: the answer before it is saved.
    expect(&mut p, "Your level in Advanced");
    p.process_mut().kill(Signal::SIGKILL).expect("killed");
    let v = read_json(&file);
    assert_eq!(v["name"], "Grace");
    assert_eq!(v["target_role"], "small-role");
    assert_eq!(v["skills"]["basics"], 2);
    assert!(v["skills"].get("advanced").is_none(), "{v}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left beside it");

    // Again: it continues with the first question not answered.
    let mut p = spawn_assess(&file, false);
    expect(&mut p, "Continuing with");
    let before = p
        .exp_string("Your level in Advanced")
        .expect("Advanced asked");
    assert!(
        !before.contains("Your name") && !before.contains("Your level in Basics"),
        "answered questions are not asked again: {before}"
    );
    keys(&mut p, ENTER); // keeps the default, 0
    expect(&mut p, "Your highest degree");
    keys(&mut p, ENTER);
    expect(&mut p, "Hours a week you can study");
    keys(&mut p, ENTER); // default 10
    expect(&mut p, "Saved to");
    p.exp_eof().expect("ends");
    let v = read_json(&file);
    assert_eq!(v["name"], "Grace");
    assert_eq!(
        v["skills"],
        serde_json::json!({ "advanced": 0, "basics": 2 })
    );
    assert_eq!(v["hours_per_week"], 10);
    assert_eq!(v["degree"], "none");
}

/// `assess` with the name answered (Linus), waiting at the list of certs:
/// a question that reads single keys, the terminal in raw mode.
fn at_the_cert_question(file: &Path) -> PtySession {
    let mut p = spawn_assess(file, true);
    expect(&mut p, "Your name");
    keys(&mut p, "Linus");
    keys(&mut p, ENTER);
    expect(&mut p, "A certification you hold");
    p
}

#[test]
fn ctrl_c_says_where_the_answers_are_and_how_to_continue() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.json");
    let mut p = at_the_cert_question(&file);
    p.send_control('c').expect("ctrl-c");
    expect(&mut p, "Stopped. Your answers so far are saved in");
    expect(&mut p, "to continue");
    p.exp_eof().expect("ends");
    let status = p.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
    assert_eq!(read_json(&file)["name"], "Linus");
}

#[test]
fn without_a_terminal_assess_exits_2_at_once_and_names_the_other_ways() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("me.json");
    // A run that waited for answers would be killed by the timeout (and
    // not exit 2); no assertion on the clock, which a busy machine breaks.
    let (out, err, code) = run(certpath()
        .args(["assess", "--role", "network-engineer", "-o"])
        .arg(&file)
        .timeout(Duration::from_secs(30))
        .write_stdin("0\n0\n0\n"));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("--have") && err.contains("--profile"), "{err}");
    assert!(!file.exists(), "nothing written");
}

#[test]
fn a_file_that_cannot_be_written_fails_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-such-folder").join("me.json");
    let mut p = spawn_assess(&file, true);
    let out = p.exp_eof().expect("ends");
    assert!(out.contains("cannot write"), "{out}");
    assert!(!out.contains("Your name"), "no question asked: {out}");
    let status = p.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 73)), "{status:?}");
}

/// SIGTERM and SIGHUP while a question waits for a key (dialoguer has the
/// terminal in raw mode then): the terminal is put back as it was when the
/// questions began (canonical mode, the cursor shown), the answers so far
/// are kept, and the exit code is 128 + the signal.
#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    use nix::sys::termios::{tcgetattr, LocalFlags};
    for (sig, code) in [(Signal::SIGTERM, 143), (Signal::SIGHUP, 129)] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("me.json");
        let mut p = at_the_cert_question(&file);
        let pty = p.process().get_file_handle().expect("the pty");
        // Raw mode while the select waits for a key; poll until it is on.
        let raw = (0..200).any(|_| {
            let t = tcgetattr(&pty).expect("termios");
            let raw = !t.local_flags.contains(LocalFlags::ICANON);
            if !raw {
                std::thread::sleep(Duration::from_millis(10));
            }
            raw
        });
        assert!(
            raw,
            "{sig:?}: the select never put the terminal in raw mode"
        );
        p.process_mut().signal(sig).expect("signalled");
        expect(&mut p, "\x1b[?25h");
        expect(&mut p, "Stopped. Your answers so far are saved in");
        p.exp_eof().expect("ends");
        let status = p.process().wait().unwrap();
        assert!(
            matches!(status, WaitStatus::Exited(_, c) if c == code),
            "{sig:?}: {status:?}"
        );
        let t = tcgetattr(&pty).expect("termios");
        assert!(
            t.local_flags.contains(LocalFlags::ICANON),
            "{sig:?}: the terminal is left in raw mode"
        );
        assert_eq!(read_json(&file)["name"], "Linus");
    }
}

#[test]
fn names_with_control_characters_reach_the_terminal_escaped() {
    // A catalog file whose role name would set the window title and
    // ring the bell: the prompt lists it with the characters shown.
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil.json");
    std::fs::write(
        &evil,
        serde_json::json!({
            "roles": [{
                "id": "evil-role",
                "name": "Evil\u{1b}]0;pwned\u{7} Role",
                "skills": [{ "skill": "basics", "level": 1 }]
            }]
        })
        .to_string(),
    )
    .unwrap();
    let file = dir.path().join("me.json");
    let mut p = spawn_assess_with(&file, false, Some(&evil));
    expect(&mut p, "Your name");
    keys(&mut p, ENTER);
    expect(&mut p, "Which role are you aiming for?");
    // Shown as text: backslash, x, 1, b.
    let before = match p.exp_string("pwned") {
        Ok(text) => text,
        Err(e) => panic!("the role is not listed: {e}"),
    };
    assert!(before.ends_with("Evil\\x1b]0;"), "{before:?}");
    assert!(
        !before.contains("\u{1b}]0;"),
        "a raw escape reached the terminal"
    );
    p.process_mut().kill(Signal::SIGKILL).ok();
}
