//! Questions to a person. The [`Prompter`] trait is what the interactive
//! commands talk to: [`Terminal`] asks through dialoguer on stderr, and
//! [`Scripted`] answers from a list, so that the flows are tested without a
//! terminal.

use crate::error::{Error, Result};
use crate::text::{escape, escape_lines};
use std::collections::VecDeque;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

/// Checks that a text answer is acceptable; the error is shown and the
/// question asked again.
pub type Check<'a> = &'a dyn Fn(&str) -> std::result::Result<(), String>;

/// Something that can ask questions.
pub trait Prompter {
    /// A line of information (not a question).
    fn say(&mut self, text: &str);
    /// A line of text; Enter keeps `default`.
    fn text(&mut self, prompt: &str, default: &str, check: Check) -> Result<String>;
    /// One of a few items, by arrow keys; returns its index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// One of many items, by typing part of it; returns its index.
    fn fuzzy(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
}

/// Whether questions can be asked: dialoguer reads keys from the terminal
/// and draws on stderr, so both must be terminals. (Without one, its fuzzy
/// select redraws forever instead of failing.)
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// On Ctrl-C (which dialoguer turns into SIGINT while it waits for a key),
/// SIGTERM or SIGHUP: put the terminal back as it was when the questions
/// began (echo on, the cursor shown), print `message` and exit with 128 +
/// the signal (130 for Ctrl-C). Everything answered is already saved, and
/// a write cut short leaves the old profile whole (crate::write).
///
/// The signals are taken by signal-hook and handled on a thread of their
/// own, so the restoring is ordinary code, not a signal handler.
pub fn on_interrupt(message: &str) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let saved = nix::sys::termios::tcgetattr(std::io::stdin()).ok();
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let message = message.to_string();
        INSTALLED.store(true, Ordering::SeqCst);
        std::thread::spawn(move || {
            if let Some(first) = signals.forever().next() {
                SIGNALLED.store(true, Ordering::SeqCst);
                // A read cut short by SIGTERM makes the terminal library
                // raise SIGINT too: the signal that came from outside wins.
                let sig = std::iter::once(first)
                    .chain(signals.pending())
                    .max_by_key(|s| *s != SIGINT)
                    .unwrap_or(first);
                if let Some(t) = &saved {
                    let _ = nix::sys::termios::tcsetattr(
                        std::io::stdin(),
                        nix::sys::termios::SetArg::TCSANOW,
                        t,
                    );
                }
                let _ = std::io::Write::write_all(
                    &mut std::io::stderr(),
                    format!("\x1b[?25h\n{message}\n").as_bytes(),
                );
                std::process::exit(128 + sig);
            }
        });
    }
    #[cfg(not(unix))]
    let _ = message;
}

static INSTALLED: AtomicBool = AtomicBool::new(false);
static SIGNALLED: AtomicBool = AtomicBool::new(false);

/// A read cut short by a signal: the signal's thread restores the terminal
/// and ends the process; wait for it rather than report a read error
/// first. (A read interrupted by anything else goes on to fail after a
/// second.)
fn wait_for_the_signal_thread() {
    if !INSTALLED.load(Ordering::SeqCst) {
        return;
    }
    for _ in 0..100 {
        if SIGNALLED.load(Ordering::SeqCst) {
            loop {
                std::thread::park();
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Asks on the terminal through dialoguer.
pub struct Terminal {
    term: dialoguer::console::Term,
    theme: dialoguer::theme::ColorfulTheme,
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

impl Terminal {
    pub fn new() -> Terminal {
        Terminal {
            term: dialoguer::console::Term::stderr(),
            theme: dialoguer::theme::ColorfulTheme::default(),
        }
    }

    /// The terminal's width, for cutting long items to one line.
    pub fn width(&self) -> usize {
        self.term.size().1 as usize
    }

    /// The items as the terminal shows them: control characters escaped
    /// (names come from catalog files), cut to the width.
    fn fit(&self, items: &[String]) -> Vec<String> {
        let w = self.width().saturating_sub(6).max(20);
        items.iter().map(|i| cut(&escape(i), w)).collect()
    }
}

/// Cuts `s` to `width` characters, marking the cut with an ellipsis.
pub fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn failed(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    if e.kind() == std::io::ErrorKind::Interrupted {
        wait_for_the_signal_thread();
    }
    // The cursor is hidden while a list is shown; give it back.
    let _ = dialoguer::console::Term::stderr().show_cursor();
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => Error::io("the terminal was closed")
            .with_hint("the answers given so far are saved; run the same command to continue"),
        _ => Error::io(format!("cannot read the answer: {e}"))
            .with_hint("the answers given so far are saved; run the same command to continue"),
    }
}

impl Prompter for Terminal {
    fn say(&mut self, text: &str) {
        let _ = self.term.write_line(&escape_lines(text));
    }

    fn text(&mut self, prompt: &str, default: &str, check: Check) -> Result<String> {
        // A default with control characters is shown escaped; taken as it
        // is shown, it is the value it stands for.
        let shown = escape(default).into_owned();
        let mut input = dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(escape(prompt))
            .allow_empty(true)
            .validate_with(|s: &String| check(if *s == shown { default } else { s }));
        if !default.is_empty() {
            input = input.default(shown.clone());
        }
        let answer = input.interact_text_on(&self.term).map_err(failed)?;
        Ok(if answer == shown {
            default.to_string()
        } else {
            answer
        })
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        dialoguer::Select::with_theme(&self.theme)
            .with_prompt(escape(prompt))
            .items(self.fit(items))
            .default(default)
            .max_length(12)
            .interact_on(&self.term)
            .map_err(failed)
    }

    fn fuzzy(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        dialoguer::FuzzySelect::with_theme(&self.theme)
            .with_prompt(escape(prompt))
            .items(self.fit(items))
            .default(default)
            .max_length(10)
            .interact_on(&self.term)
            .map_err(failed)
    }
}

/// One scripted answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Press Enter: the default.
    Enter,
    /// Type this text (text questions).
    Type(String),
    /// Pick the first item that contains this text (select and fuzzy).
    Pick(String),
}

/// Answers from a script and records what was asked; when the script runs
/// out it fails as a closed terminal would.
#[derive(Debug, Default)]
pub struct Scripted {
    pub answers: VecDeque<Answer>,
    /// Every prompt asked and every line said, in order.
    pub transcript: Vec<String>,
}

impl Scripted {
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Scripted {
        Scripted {
            answers: answers.into_iter().collect(),
            transcript: Vec::new(),
        }
    }

    /// The prompts asked (lines starting with `? `), without the `? `.
    pub fn asked(&self) -> Vec<&str> {
        self.transcript
            .iter()
            .filter_map(|l| l.strip_prefix("? "))
            .collect()
    }

    fn next(&mut self, prompt: &str) -> Result<Answer> {
        self.transcript.push(format!("? {prompt}"));
        self.answers.pop_front().ok_or_else(|| {
            Error::io("the terminal was closed").with_hint(format!("script ran out at `{prompt}`"))
        })
    }

    fn pick(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        match self.next(prompt)? {
            Answer::Enter => Ok(default),
            Answer::Pick(s) => items
                .iter()
                .position(|i| i.contains(&s))
                .ok_or_else(|| Error::io(format!("no item contains `{s}` in {items:?}"))),
            Answer::Type(t) => Err(Error::io(format!("typed `{t}` at a list: {prompt}"))),
        }
    }
}

impl Prompter for Scripted {
    fn say(&mut self, text: &str) {
        self.transcript.push(text.to_string());
    }

    fn text(&mut self, prompt: &str, default: &str, check: Check) -> Result<String> {
        let t = match self.next(prompt)? {
            Answer::Enter => default.to_string(),
            Answer::Type(t) => t,
            Answer::Pick(p) => return Err(Error::io(format!("picked `{p}` at a text: {prompt}"))),
        };
        // dialoguer would ask again; a script that gives a bad answer is a
        // broken test.
        check(&t).map_err(|e| Error::io(format!("`{t}` refused at `{prompt}`: {e}")))?;
        Ok(t)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        self.pick(prompt, items, default)
    }

    fn fuzzy(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        self.pick(prompt, items, default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_answers_in_order_and_runs_out_like_a_closed_terminal() {
        let mut p = Scripted::new([
            Answer::Type("Ada".into()),
            Answer::Pick("two".into()),
            Answer::Enter,
        ]);
        let ok = |_: &str| Ok(());
        assert_eq!(p.text("Name", "", &ok).unwrap(), "Ada");
        let items = vec!["one".to_string(), "two".to_string()];
        assert_eq!(p.select("Which", &items, 0).unwrap(), 1);
        assert_eq!(p.fuzzy("Which again", &items, 0).unwrap(), 0);
        assert!(p.text("More", "", &ok).is_err());
        assert_eq!(p.asked(), ["Name", "Which", "Which again", "More"]);
    }

    #[test]
    fn cut_marks_the_cut() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
    }
}
