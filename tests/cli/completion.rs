//! Completion in real shells: the scripts `certpath completions` writes,
//! loaded into bash, zsh and fish, asked what they offer after TAB.

use crate::util::{certpath, fixture, run, tool};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The script for `shell`, written where the shell looks for it.
fn script(shell: &str, dir: &Path, extra: &[&str]) -> PathBuf {
    let (out, err, code) = run(certpath().args(["completions", shell]).args(extra));
    assert_eq!(code, 0, "{err}");
    let file = dir.join(match shell {
        "zsh" => "_certpath",
        "fish" => "certpath.fish",
        _ => "certpath.bash",
    });
    std::fs::write(&file, out).unwrap();
    file
}

/// What `shell` offers for `line` (the cursor at its end), one word each.
fn offered(shell: &Path, script: &Path, line: &str) -> Vec<String> {
    let name = shell.file_name().unwrap().to_string_lossy().into_owned();
    let out = match name.as_str() {
        "bash" => {
            let mut words: Vec<&str> = line.split(' ').collect();
            if words.len() < 2 {
                words.push("");
            }
            let cur = words[words.len() - 1];
            let prev = words[words.len() - 2];
            let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
            let program = format!(
                "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; \
                 COMP_POINT=${{#COMP_LINE}}; _certpath certpath '{cur}' '{prev}'; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                script.display(),
                quoted.join(" "),
                words.len() - 1
            );
            Command::new(shell)
                .args(["--norc", "--noprofile", "-c", &program])
                .output()
        }
        "zsh" => Command::new(shell)
            .arg("-f")
            .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/capture.zsh"))
            .arg(script.parent().unwrap())
            .arg(line)
            .output(),
        _ => Command::new(shell)
            .args(["--no-config", "-c"])
            .arg(format!(
                "source '{}'; complete -C '{line}'",
                script.display()
            ))
            .output(),
    }
    .expect("the shell runs");
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            // fish: "word\tdescription"; zsh: "word -- description".
            let w = l.split('\t').next().unwrap_or("");
            w.split(" -- ").next().unwrap_or("").trim().to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn check_shell(shell: &str) {
    let Some(path) = tool(shell) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bundled = script(shell, dir.path(), &[]);
    for (line, want, not) in [
        (
            "certpath plan --role netw",
            "network-engineer",
            "network-engineer.json",
        ),
        ("certpath gap -r cloud", "cloud-engineer", ""),
        ("certpath cert cisco-ccn", "cisco-ccna", "cloud-engineer"),
        ("certpath plan --have ip-add", "ip-addressing", ""),
        (
            "certpath plan --prefer comptia-sec",
            "comptia-security-plus",
            "ip-addressing",
        ),
        ("certpath why ip-add", "ip-addressing", ""),
        ("certpath done comptia-a", "comptia-a-plus", ""),
        ("certpath skill ip-add", "ip-addressing", ""),
        ("certpath profile set hours", "hours_per_week", ""),
        ("certpath certs --vendor Cis", "Cisco", ""),
    ] {
        let got = offered(&path, &bundled, line);
        assert!(
            got.iter().any(|w| w == want),
            "{shell}: `{line}` offers {got:?}, not {want}"
        );
        assert!(
            !got.iter().any(|w| w == not),
            "{shell}: `{line}` offers {not}"
        );
    }
    // Ids of --catalog files are written in too.
    let own = tempfile::tempdir().unwrap();
    let small = fixture("small.json");
    let with_overlay = script(shell, own.path(), &["--catalog", small.to_str().unwrap()]);
    let got = offered(&path, &with_overlay, "certpath role small");
    assert_eq!(got, ["small-role"], "{shell}");
}

#[test]
fn bash_completes_ids() {
    check_shell("bash");
}

#[test]
fn zsh_completes_ids() {
    check_shell("zsh");
}

#[test]
fn fish_completes_ids() {
    check_shell("fish");
}
