//! The command line and environment, resolved once into what the commands
//! need: output format, colour, width, today, the catalog and the profile.

use crate::catalog::{Catalog, Source};
use crate::cli::{ColorChoice, Format, Global};
use crate::error::{Error, Result};
use crate::profile::{self, Profile};
use jiff::civil::Date;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Where the profile comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    Empty,
    Stdin,
    /// A file; `announce` when stderr should say which file was used.
    File {
        path: PathBuf,
        announce: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Config {
    pub format: Format,
    pub color: bool,
    /// Colour for the `warning:` lines on stderr (the same rules, for
    /// stderr's terminal).
    pub color_stderr: bool,
    /// Output width in columns: `COLUMNS`, else the terminal's (stdout,
    /// then stderr), else [`DEFAULT_WIDTH`].
    pub width: u16,
    /// Whether stdout is a terminal.
    pub tty: bool,
    pub quiet: bool,
    /// `-v`: list every entry an overlay patches or replaces.
    pub verbose: bool,
    pub today: Date,
    /// The time of this run, for the time stamps of calendars and task
    /// lists: the clock, or midnight UTC of CERTPATH_TODAY when it pins
    /// the day (so tests and reproducible reports get the same bytes).
    pub now: jiff::Timestamp,
    pub catalog_paths: Vec<PathBuf>,
    pub no_builtin: bool,
    pub profile: ProfileSource,
    /// Every profile given, when several were (or a folder): for
    /// `plan --out-dir`. Empty for a single profile.
    pub batch: Vec<PathBuf>,
    pub have: Vec<String>,
}

/// The width when COLUMNS is unset and neither stdout nor stderr is a
/// terminal.
pub const DEFAULT_WIDTH: u16 = 80;

impl Config {
    pub fn new(g: &Global) -> Result<Config> {
        let tty = std::io::stdout().is_terminal();
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let color_on = |terminal: bool| match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && env("NO_COLOR").is_none() && env("TERM").as_deref() != Some("dumb")
            }
        };
        let color = color_on(tty);
        let color_stderr = color_on(std::io::stderr().is_terminal());
        let width = match env("COLUMNS").map(|c| c.trim().parse::<u16>()) {
            Some(Ok(n)) => n.clamp(40, 1000),
            // Piped stdout in a terminal: stderr still knows the width.
            _ => terminal_width(1)
                .or_else(|| terminal_width(2))
                .map_or(DEFAULT_WIDTH, |n| n.clamp(40, 1000)),
        };
        let (today, now) = match unicode_var("CERTPATH_TODAY", "YYYY-MM-DD")? {
            Some(s) if !s.is_empty() => {
                let day = crate::json::parse_date(&s).ok_or_else(|| {
                    Error::usage(format!("CERTPATH_TODAY=`{s}` is not a date"))
                        .with_hint("write it as YYYY-MM-DD, or unset it to use the clock")
                })?;
                let midnight = day
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .map(|z| z.timestamp())
                    .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
                (day, midnight)
            }
            _ => {
                let now = jiff::Timestamp::now();
                (now.to_zoned(local_zone()).date(), now)
            }
        };
        let batch = batch_profiles(&g.profile)?;
        let profile = if g.no_profile {
            ProfileSource::Empty
        } else if let Some(p) = g.profile.first() {
            if p == "-" {
                ProfileSource::Stdin
            } else {
                ProfileSource::File {
                    path: PathBuf::from(p),
                    announce: false,
                }
            }
        } else if let Some(p) =
            unicode_var("CERTPATH_PROFILE", "a UTF-8 path")?.filter(|v| !v.is_empty())
        {
            ProfileSource::File {
                path: PathBuf::from(p),
                announce: true,
            }
        } else {
            match default_profile_path() {
                Some(p) if p.is_file() => ProfileSource::File {
                    path: p,
                    announce: true,
                },
                _ => ProfileSource::Empty,
            }
        };
        Ok(Config {
            format: g.format,
            color,
            color_stderr,
            width,
            tty,
            quiet: g.quiet,
            verbose: g.verbose,
            today,
            now,
            catalog_paths: g.catalog.clone(),
            no_builtin: g.no_builtin,
            profile,
            batch,
            have: g.have.clone(),
        })
    }

    /// A note on stderr, unless `-q`.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "note: {}", crate::text::escape(msg));
        }
    }

    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            let label = if self.color_stderr {
                "\x1b[1m\x1b[33mwarning:\x1b[0m"
            } else {
                "warning:"
            };
            let _ = writeln!(std::io::stderr(), "{label} {}", crate::text::escape(msg));
        }
    }

    /// The bundled catalog (unless --no-builtin), then --catalog paths,
    /// then `extra`; stderr says which entries the overlays patched or
    /// replaced (each one with `-v`).
    pub fn load_catalog(&self, extra: &[PathBuf]) -> Result<Catalog> {
        let cat = self.load_catalog_only(extra)?;
        self.say_overlaid(&cat);
        Ok(cat)
    }

    /// [`Config::load_catalog`] for a command that reads the catalog's
    /// graph ([`Catalog::load_with_graph`]).
    pub fn load_catalog_with_graph(&self) -> Result<Catalog> {
        let cat = self.load_sources(&[], Catalog::load_with_graph)?;
        self.say_overlaid(&cat);
        Ok(cat)
    }

    /// Which entries the overlays patched or replaced: each on its line
    /// with `-v`, else one line of ids.
    fn say_overlaid(&self, cat: &Catalog) {
        if cat.overlaid.is_empty() {
            return;
        }
        if self.verbose {
            for o in &cat.overlaid {
                self.note(&crate::catalog::describe_overlaid(o));
            }
            return;
        }
        const SHOWN: usize = 8;
        let ids: Vec<&str> = cat.overlaid.iter().map(|o| o.id.as_str()).collect();
        let mut list = ids
            .iter()
            .take(SHOWN)
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > SHOWN {
            list.push_str(&format!(" and {} more", ids.len() - SHOWN));
        }
        self.note(&format!(
            "--catalog files patch or replace {} existing {}: {list} (-v says where)",
            ids.len(),
            if ids.len() == 1 { "entry" } else { "entries" }
        ));
    }

    /// `load_catalog` without the note on patched entries: for
    /// `catalog validate`, which lists them on stdout.
    pub fn load_catalog_only(&self, extra: &[PathBuf]) -> Result<Catalog> {
        self.load_sources(extra, Catalog::load)
    }

    /// The bundled catalog (unless --no-builtin), the --catalog files and
    /// `extra`, loaded by `load`.
    fn load_sources(
        &self,
        extra: &[PathBuf],
        load: fn(&[Source]) -> Result<Catalog>,
    ) -> Result<Catalog> {
        let mut sources = if self.no_builtin {
            Vec::new()
        } else {
            Source::bundled()
        };
        for p in self.catalog_paths.iter().chain(extra) {
            sources.extend(Source::from_path(p)?);
        }
        let mut cat = load(&sources)?;
        cat.notes = !self.quiet;
        for w in &cat.warnings {
            self.warn(w);
        }
        Ok(cat)
    }

    /// The profile with `--have` applied on top.
    pub fn load_profile(&self, cat: &Catalog) -> Result<Profile> {
        let mut p = match &self.profile {
            ProfileSource::Empty => Profile::default(),
            ProfileSource::Stdin => {
                let bytes = crate::input::read_stdin().map_err(|e| Error::read("<stdin>", &e))?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    Error::data(crate::error::Problem::at("<stdin>", "", "not valid UTF-8"))
                        .with_hint("send the profile as UTF-8 JSON")
                })?;
                Profile::parse("<stdin>", &text, cat)?
            }
            ProfileSource::File { path, announce } => {
                let shown = path.display().to_string();
                if *announce {
                    self.note(&format!("using profile {shown}"));
                }
                let bytes =
                    crate::input::read_file(path).map_err(|e| profile::not_found(&shown, &e))?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    Error::data(crate::error::Problem::at(&shown, "", "not valid UTF-8"))
                        .with_hint("save the profile as UTF-8")
                })?;
                Profile::parse(&shown, &text, cat)?
            }
        };
        for h in &self.have {
            p.apply_have(h, cat)?;
        }
        Ok(p)
    }
}

/// The width of the terminal on file descriptor `fd` (1 stdout, 2 stderr),
/// if it is one. Asked through the console crate (dialoguer's), which does
/// the ioctl, so this crate stays free of unsafe code.
fn terminal_width(fd: i32) -> Option<u16> {
    let term = match fd {
        1 => dialoguer::console::Term::stdout(),
        2 => dialoguer::console::Term::stderr(),
        _ => return None,
    };
    term.size_checked().map(|(_, cols)| cols).filter(|c| *c > 0)
}

/// An environment variable that must be UTF-8 when set: a value that is
/// not is a usage error, not silently ignored.
fn unicode_var(name: &str, want: &str) -> Result<Option<String>> {
    match std::env::var(name) {
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(v)) => Err(Error::usage(format!(
            "{name}=`{}` is not valid UTF-8",
            crate::text::escape(&v.to_string_lossy())
        ))
        .with_hint(format!("set it to {want}, or unset it"))),
    }
}

/// The profiles of a batch: several `--profile` files, or a folder of
/// `*.json` in name order. Empty when there is one file or none.
fn batch_profiles(given: &[String]) -> Result<Vec<PathBuf>> {
    if given.len() == 1 && !std::path::Path::new(&given[0]).is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for p in given {
        if p == "-" {
            return Err(
                Error::usage("--profile - (stdin) cannot be part of a batch")
                    .with_hint("give the profiles as files or a folder"),
            );
        }
        let path = PathBuf::from(p);
        if path.is_dir() {
            out.extend(crate::catalog::json_files(
                &path,
                p,
                "folder has no *.json profiles",
                "name profile files or a folder of them",
            )?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// `certpath/profile.json` in the platform's config folder.
pub fn default_profile_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("certpath").join("profile.json"))
}

/// The local time zone, for today's date. Without `TZ`, read straight from
/// /etc/localtime: asking jiff for the system zone also indexes the whole
/// zoneinfo folder, a millisecond of every run.
fn local_zone() -> jiff::tz::TimeZone {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none() {
        if let Some(tz) = std::fs::read("/etc/localtime")
            .ok()
            .and_then(|bytes| jiff::tz::TimeZone::tzif("localtime", &bytes).ok())
        {
            return tz;
        }
    }
    jiff::tz::TimeZone::system()
}
