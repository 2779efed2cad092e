//! `cargo bench`: how certpath scales (README, "Performance").
//!
//! Measures, on synthetic catalogs of 1k, 10k and 100k skills (see
//! `support/synth.rs`) and on the bundled catalog:
//! - `plan` on the bundled catalog, the whole process (targets < 5 ms,
//!   and 3 ms since issue 10);
//! - load + validate + plan at each size, the whole process, with its peak
//!   memory (targets at 100k: < 500 ms, < 200 MB);
//! - `rank` over every role (1,000 at 100k skills; target < 1 s);
//! - growth from 10k to 100k (target: no more than 12 times);
//! - in-process phases (parse + validate, one plan, rank) for profiling.
//!
//! `cargo bench` passes `--bench`; without it (`cargo test --all-targets`)
//! this binary only checks that the generator's catalogs load.
//! `CERTPATH_BENCH_RUNS=N` sets the runs per measurement (default 21 for
//! the bundled catalog, 7 for the large ones); `CERTPATH_BENCH_KEEP=DIR`
//! keeps the generated catalogs there (for a profiler);
//! `CERTPATH_BENCH_BINARY=PATH` measures another certpath binary.

#[path = "support/synth.rs"]
mod synth;

use certpath::catalog::{Catalog, Source};
use certpath::plan::{Options, Planner};
use certpath::profile::Profile;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 7;
const SIZES: &[usize] = &[1_000, 10_000, 100_000];
const TODAY: &str = "2026-11-24";
/// The deep-closure catalogs' sizes (issue 10).
const DEEP_SIZES: &[usize] = &[10_000, 100_000, 300_000];
/// Profiles in the deep `--out-dir` batch.
const BATCH: usize = 20;

/// Writes the deep catalog of `n` skills to DIR/deep-N.json, a profile
/// knowing 3,000 of its skills to DIR/deep-N-profile.json and a batch of
/// 20 profiles to DIR/deep-N-batch/; returns the catalog's path.
fn write_deep(dir: &Path, n: usize) -> PathBuf {
    std::fs::create_dir_all(dir).expect("the catalog folder");
    let text = serde_json::to_string(&synth::deep(n, SEED)).expect("serializes");
    let file = dir.join(format!("deep-{n}.json"));
    std::fs::write(&file, text).expect("write the catalog");
    std::fs::write(
        dir.join(format!("deep-{n}-profile.json")),
        synth::deep_profile(n, 3_000, "Deep Person"),
    )
    .expect("write the profile");
    let batch = dir.join(format!("deep-{n}-batch"));
    std::fs::create_dir_all(&batch).expect("the batch folder");
    for i in 0..BATCH {
        std::fs::write(
            batch.join(format!("client-{i:02}.json")),
            synth::deep_profile(n, i * 150, &format!("Client {i:02}")),
        )
        .expect("write a batch profile");
    }
    file
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--runner") {
        runner(&args[2..]);
        return;
    }
    if args.get(1).map(String::as_str) == Some("--generate") {
        let dir = PathBuf::from(args.get(2).expect("--generate DIR [SKILLS...]"));
        let sizes: Vec<usize> = args[3..].iter().filter_map(|a| a.parse().ok()).collect();
        for n in if sizes.is_empty() {
            DEEP_SIZES.to_vec()
        } else {
            sizes
        } {
            write_deep(&dir, n);
        }
        return;
    }
    if args.get(1).map(String::as_str) == Some("--generate-wide") {
        let dir = PathBuf::from(args.get(2).expect("--generate-wide DIR [SKILLS...]"));
        std::fs::create_dir_all(&dir).expect("the catalog folder");
        let sizes: Vec<usize> = args[3..].iter().filter_map(|a| a.parse().ok()).collect();
        for &n in if sizes.is_empty() { SIZES } else { &sizes[..] } {
            let text = serde_json::to_string(&synth::catalog(n, SEED)).expect("serializes");
            std::fs::write(dir.join(format!("synth-{n}.json")), text).expect("write the catalog");
            std::fs::write(
                dir.join(format!("synth-{n}-profile.json")),
                synth::profile(n),
            )
            .expect("write the profile");
        }
        return;
    }
    let bench = args.iter().any(|a| a == "--bench");
    if !bench {
        smoke();
        return;
    }
    let runs = |default: usize| {
        std::env::var("CERTPATH_BENCH_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let keep = std::env::var_os("CERTPATH_BENCH_KEEP").map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("the catalog folder");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("a temp home");

    println!("certpath scale benchmark ({} CPUs)", cpus());
    let mut report = Report::default();

    // The bundled catalog, the whole process.
    let args = ["--no-profile", "plan", "--role", "network-engineer"];
    check(&home, &args);
    let bundled = median(&home, &args, runs(21));
    println!(
        "plan, bundled catalog, whole process: median {} (max RSS {:.1} MB) over {} runs",
        ms(bundled.time),
        mb(bundled.rss_kb),
        runs(21)
    );
    report.target(
        "plan on the bundled catalog < 5 ms",
        bundled.time < Duration::from_millis(5),
    );
    report.target(
        "plan on the bundled catalog <= 3 ms (issue 10)",
        bundled.time <= Duration::from_millis(3),
    );

    let mut whole = Vec::new();
    // CERTPATH_BENCH_DEEP=only measures the deep-closure shape alone.
    let sizes: &[usize] = if std::env::var("CERTPATH_BENCH_DEEP").as_deref() == Ok("only") {
        &[]
    } else {
        SIZES
    };
    for &n in sizes {
        let (ns, nc, nr) = synth::sizes(n);
        let t = Instant::now();
        let value = synth::catalog(n, SEED);
        let text = serde_json::to_string(&value).expect("serializes");
        let gen = t.elapsed();
        let file = dir.join(format!("synth-{n}.json"));
        std::fs::write(&file, &text).expect("write the catalog");
        println!(
            "\n{n} skills, {nc} certs, {nr} roles, {} edges ({:.1} per skill), {:.1} MB of JSON (generated in {})",
            synth::edges(&value),
            synth::edges(&value) as f64 / ns as f64,
            text.len() as f64 / 1e6,
            ms(gen)
        );
        drop(value);

        // In process, phase by phase.
        let sources = vec![Source {
            name: file.display().to_string(),
            text: text.into(),
        }];
        let t = Instant::now();
        let cat = Catalog::load(&sources).expect("the synthetic catalog is valid");
        let load = t.elapsed();
        let opts = Options::new(jiff::civil::date(2026, 11, 24));
        let nobody = Profile::default();
        let planner = Planner::new(&cat, &nobody, opts.clone());
        let role = heaviest_role(&cat, &planner);
        let t = Instant::now();
        let plan = planner.plan(cat.role(&role).expect("a role"));
        let one = t.elapsed();
        // As `certpath rank` ranks: planners without reasons.
        let lean = Planner::new(&cat, &nobody, opts.clone()).lean();
        let empty = Planner::new(&cat, &nobody, opts.clone()).lean();
        let t = Instant::now();
        let ranked = certpath::commands::rank::rank(&lean, &empty);
        let rank_in = t.elapsed();
        println!(
            "  in process: parse + validate {}, plan {role} ({} steps) {}, rank {} roles {}",
            ms(load),
            plan.steps.len(),
            ms(one),
            ranked.len(),
            ms(rank_in)
        );
        drop(sources);
        let profile_file = dir.join(format!("synth-{n}-profile.json"));
        std::fs::write(&profile_file, synth::profile(n)).expect("write the profile");

        // The whole process, as a user runs it.
        let catalog = file.display().to_string();
        let plan_args = [
            "--no-builtin",
            "--catalog",
            &catalog,
            "--no-profile",
            "plan",
            "--role",
            &role,
        ];
        check(&home, &plan_args);
        let r = runs(7);
        let p = median(&home, &plan_args, r);
        println!(
            "  load + validate + plan, whole process: median {} (max RSS {:.1} MB) over {r} runs",
            ms(p.time),
            mb(p.rss_kb)
        );
        let rank_args = [
            "--no-builtin",
            "--catalog",
            &catalog,
            "--no-profile",
            "rank",
        ];
        check(&home, &rank_args);
        let k = median(&home, &rank_args, r);
        println!(
            "  rank over {nr} roles, no profile, whole process: median {} (max RSS {:.1} MB)",
            ms(k.time),
            mb(k.rss_kb)
        );
        let profile_path = profile_file.display().to_string();
        let rank_profile_args = [
            "--no-builtin",
            "--catalog",
            &catalog,
            "--profile",
            &profile_path,
            "rank",
        ];
        check(&home, &rank_profile_args);
        let kp = median(&home, &rank_profile_args, r);
        println!(
            "  rank over {nr} roles, with a profile, whole process: median {} (max RSS {:.1} MB)",
            ms(kp.time),
            mb(kp.rss_kb)
        );
        if n == 100_000 {
            report.target(
                "load + validate + plan at 100k skills < 500 ms",
                p.time < Duration::from_millis(500),
            );
            report.target(
                "peak memory at 100k skills < 200 MB",
                p.rss_kb.max(k.rss_kb).max(kp.rss_kb) < 200 * 1024,
            );
            report.target(
                "rank over 1,000 roles at 100k skills < 1 s (no profile)",
                k.time < Duration::from_secs(1),
            );
            report.target(
                "rank over 1,000 roles at 100k skills < 1 s (with a profile)",
                kp.time < Duration::from_secs(1),
            );
        }
        whole.push((n, p.time, k.time));
    }
    let at = |n: usize| whole.iter().find(|w| w.0 == n).copied();
    if let (Some(a), Some(b)) = (at(10_000), at(100_000)) {
        let plan = b.1.as_secs_f64() / a.1.as_secs_f64();
        let rank = b.2.as_secs_f64() / a.2.as_secs_f64();
        println!("\ngrowth 10k -> 100k skills: plan x{plan:.1}, rank x{rank:.1}");
        report.target("growth 10k -> 100k at most 12x (plan)", plan <= 12.0);
        report.target("growth 10k -> 100k at most 12x (rank)", rank <= 12.0);
    }
    deep(&dir, &home, &mut report, runs(5));
    println!();
    for (what, ok) in &report.targets {
        println!("{} {what}", if *ok { "ok  " } else { "MISS" });
    }
    if report.targets.iter().any(|(_, ok)| !ok) {
        std::process::exit(1);
    }
}

/// The deep-closure shape (issue 10): every command at 10k, 100k and 300k
/// skills, each skill building on a few of the 2,000 before it and roles
/// reaching about 90% of the catalog.
fn deep(dir: &Path, home: &Path, report: &mut Report, r: usize) {
    let mut json_times = Vec::new();
    for &n in DEEP_SIZES {
        let file = write_deep(dir, n);
        let catalog = file.display().to_string();
        let profile = dir
            .join(format!("deep-{n}-profile.json"))
            .display()
            .to_string();
        let batch = dir.join(format!("deep-{n}-batch")).display().to_string();
        let out = dir.join(format!("deep-{n}-out"));
        let out = out.display().to_string();
        let (_, nc, nr) = synth::sizes(n);
        println!(
            "\ndeep: {n} skills, {nc} certs, {nr} roles, {:.1} MB of JSON",
            std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1e6
        );
        let low = synth::skill_id(n / 50);
        let base = ["--no-builtin", "--catalog", catalog.as_str()];
        let role = ["--role", "role-0000"];
        // At 10 hours a week the 300k plan would run past 9999-12-31 (an
        // error by design): plans are dated at 168 hours a week.
        let fast = ["--role", "role-0000", "--hours-per-week", "168"];
        let cases: Vec<(&str, Vec<&str>, Duration)> = vec![
            (
                "plan --format json",
                [
                    &base[..],
                    &["--no-profile", "plan", "--format", "json"],
                    &fast,
                ]
                .concat(),
                Duration::from_millis(250),
            ),
            (
                "plan (table)",
                [&base[..], &["--no-profile", "plan"], &fast].concat(),
                Duration::from_secs(1),
            ),
            (
                "plan --format csv",
                [
                    &base[..],
                    &["--no-profile", "plan", "--format", "csv"],
                    &fast,
                ]
                .concat(),
                Duration::from_secs(1),
            ),
            (
                "gap",
                [&base[..], &["--profile", &profile, "gap"], &role].concat(),
                Duration::from_secs(1),
            ),
            (
                "next, a profile knowing 3,000 skills",
                [&base[..], &["--profile", &profile, "next"], &role].concat(),
                Duration::from_secs(1),
            ),
            (
                "why",
                [&base[..], &["--no-profile", "why", &low], &role].concat(),
                Duration::from_secs(1),
            ),
            (
                "rank",
                [&base[..], &["--profile", &profile, "rank"]].concat(),
                Duration::from_secs(2),
            ),
            (
                "graph",
                [&base[..], &["--no-profile", "graph"], &role].concat(),
                Duration::from_secs(1),
            ),
            (
                "plan --out-dir, 20 profiles",
                [
                    &base[..],
                    &["--profile", &batch, "plan", "--out-dir", &out],
                    &role,
                ]
                .concat(),
                Duration::from_secs(1),
            ),
        ];
        for (what, args, target) in cases {
            // The largest size is measured for plan alone: the others would
            // take minutes on a shared machine.
            if n > 100_000 && !what.starts_with("plan (") && !what.starts_with("plan --format json")
            {
                continue;
            }
            // A command far past its target (rank at 100k deep takes
            // many minutes) is stopped and reported as such, not run the
            // median's seven times.
            let limit = (target * 30).max(Duration::from_secs(30));
            if !check_within(home, &args, limit) {
                println!("  {what}: over {} s, stopped", limit.as_secs());
                if n == 100_000 {
                    report.target(
                        &format!("deep 100k: {what} <= {} ms", target.as_millis()),
                        false,
                    );
                }
                continue;
            }
            let m = median(home, &args, r);
            println!(
                "  {what}: median {} (max RSS {:.1} MB)",
                ms(m.time),
                mb(m.rss_kb)
            );
            if what == "plan --format json" {
                json_times.push((n, m.time));
            }
            if n == 100_000 {
                report.target(
                    &format!("deep 100k: {what} <= {} ms", target.as_millis()),
                    m.time <= target,
                );
                if what == "plan --format json" {
                    report.target(
                        "deep 100k: plan --format json <= 200 MB",
                        m.rss_kb <= 200 * 1024,
                    );
                }
            }
        }
    }
    let at = |n: usize| json_times.iter().find(|w| w.0 == n).map(|w| w.1);
    if let (Some(a), Some(b)) = (at(10_000), at(100_000)) {
        let ratio = b.as_secs_f64() / a.as_secs_f64();
        println!("\ndeep growth 10k -> 100k skills, plan --format json: x{ratio:.1}");
        report.target("deep growth 10k -> 100k at most 11x", ratio <= 11.0);
    }
}

#[derive(Default)]
struct Report {
    targets: Vec<(String, bool)>,
}

impl Report {
    fn target(&mut self, what: &str, ok: bool) {
        self.targets.push((what.to_string(), ok));
    }
}

/// Without `--bench`: the generator's catalogs load and plan.
fn smoke() {
    let text = serde_json::to_string(&synth::catalog(1_000, SEED)).expect("serializes");
    let cat = Catalog::load(&[Source {
        name: "synth".into(),
        text: text.into(),
    }])
    .expect("the synthetic catalog is valid");
    let profile = Profile::default();
    let planner = Planner::new(
        &cat,
        &profile,
        Options::new(jiff::civil::date(2026, 11, 24)),
    );
    for role in &cat.roles {
        planner.plan(role);
    }
    println!("scale: generator ok (run `cargo bench` to measure)");
}

/// The role whose plan has the most steps: the hardest one to plan.
fn heaviest_role<'c>(cat: &'c Catalog, planner: &Planner<'c>) -> String {
    let mut best = (0, String::new());
    for role in cat.roles.iter().take(200) {
        let n = planner.plan(role).steps.len();
        if n > best.0 {
            best = (n, role.id.clone());
        }
    }
    best.1
}

struct Run {
    time: Duration,
    rss_kb: u64,
}

/// The certpath measured: this build's, or `CERTPATH_BENCH_BINARY` (to
/// compare another build on the same catalogs).
fn binary() -> String {
    std::env::var("CERTPATH_BENCH_BINARY")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_certpath").to_string())
}

fn command(home: &Path, args: &[&str]) -> Command {
    let mut cmd = hermetic(Command::new(binary()), home);
    cmd.args(args);
    cmd
}

/// No colour, 100 columns, an empty home, today pinned.
fn hermetic(mut cmd: Command, home: &Path) -> Command {
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("CERTPATH_TODAY", TODAY);
    cmd
}

/// Fails the benchmark unless the command succeeds.
fn check(home: &Path, args: &[&str]) {
    check_within(home, args, Duration::MAX);
}

/// Runs the command once like [`check`], but stops it after `limit`:
/// whether it finished in time.
fn check_within(home: &Path, args: &[&str], limit: Duration) -> bool {
    // stderr to a file: a pipe nobody reads while waiting could fill up
    // and stall the child.
    let mut errors = tempfile::tempfile().expect("a temporary file");
    let mut child = command(home, args)
        .stdout(Stdio::null())
        .stderr(errors.try_clone().expect("a second handle"))
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            let mut err = String::new();
            use std::io::{Read, Seek};
            let _ = errors.rewind();
            let _ = errors.read_to_string(&mut err);
            assert!(
                status.success(),
                "certpath {} failed:\n{err}",
                args.join(" ")
            );
            return true;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One run: wall time from spawn to exit, and the child's peak memory.
/// The child is started by a small runner (this binary with `--runner`):
/// a child forked straight from this large process would count this
/// process's pages in its own peak.
fn once(home: &Path, args: &[&str]) -> Run {
    let me = std::env::current_exe().expect("the bench binary");
    let out = hermetic(Command::new(me), home)
        .arg("--runner")
        .arg(binary())
        .args(args)
        .stderr(Stdio::null())
        .output()
        .expect("the runner runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut words = text.split_whitespace();
    let mut next = || -> u64 {
        words
            .next()
            .and_then(|w| w.parse().ok())
            .expect("the runner prints its measures")
    };
    let time = Duration::from_nanos(next());
    Run {
        time,
        rss_kb: next(),
    }
}

/// `--runner BINARY ARGS...`: runs BINARY once, its output to /dev/null,
/// and prints its wall time (ns) and peak memory (KB).
fn runner(args: &[String]) {
    let t = Instant::now();
    // Reaped by wait4 below, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(&args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let time = t.elapsed();
    assert!(pid > 0, "wait4 failed");
    println!("{} {}", time.as_nanos(), usage.ru_maxrss.max(0));
}

/// The median time of `n` runs (after one warm-up), and the largest RSS.
fn median(home: &Path, args: &[&str], n: usize) -> Run {
    once(home, args);
    let mut runs: Vec<Run> = (0..n.max(1)).map(|_| once(home, args)).collect();
    runs.sort_by_key(|r| r.time);
    let rss = runs.iter().map(|r| r.rss_kb).max().unwrap_or(0);
    Run {
        time: runs[runs.len() / 2].time,
        rss_kb: rss,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
