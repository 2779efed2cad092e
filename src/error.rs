//! One error type for the whole tool. Every error knows its exit code
//! (DESIGN.md section 4) and prints as one line per problem, with a hint.

use serde::Serialize;
use std::fmt;

/// The exit codes of DESIGN.md section 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// `check` found a gap, or `why` found no chain.
    Gap = 1,
    /// A bad flag or value.
    Usage = 2,
    /// Bad data: catalog, profile, unknown or ambiguous name, invalid UTF-8.
    Data = 65,
    /// An input path missing or unreadable.
    NoInput = 66,
    /// A bug in certpath (EX_SOFTWARE).
    Software = 70,
    /// An output file cannot be created.
    CantCreate = 73,
    /// Any other I/O error.
    Io = 74,
}

/// One thing wrong, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            hint: None,
            file: None,
            path: None,
        }
    }

    pub fn at(file: &str, path: &str, message: impl Into<String>) -> Self {
        Problem {
            file: Some(file.to_string()),
            path: if path.is_empty() {
                None
            } else {
                Some(path.to_string())
            },
            ..Problem::new(message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// `file: path: message`, the line a person reads.
    pub fn line(&self) -> String {
        let mut out = String::new();
        if let Some(file) = &self.file {
            out.push_str(file);
            out.push_str(": ");
        }
        if let Some(path) = &self.path {
            out.push_str(path);
            out.push_str(": ");
        }
        out.push_str(&self.message);
        out
    }
}

/// An error that ends the run with `code`.
#[derive(Debug, Clone)]
pub struct Error {
    pub code: Code,
    pub problems: Vec<Problem>,
}

impl Error {
    pub fn new(code: Code, problem: Problem) -> Self {
        Error {
            code,
            problems: vec![problem],
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(Code::Usage, Problem::new(message))
    }

    pub fn data(problem: Problem) -> Self {
        Error::new(Code::Data, problem)
    }

    pub fn data_many(problems: Vec<Problem>) -> Self {
        Error {
            code: Code::Data,
            problems,
        }
    }

    /// A path that could not be read: 66 when it is missing or unreadable.
    pub fn read(path: &str, err: &std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        let code = match err.kind() {
            NotFound | PermissionDenied | IsADirectory => Code::NoInput,
            InvalidData | FileTooLarge => Code::Data,
            _ => Code::Io,
        };
        let (message, hint) = match err.kind() {
            NotFound => (
                "no such file or folder".to_string(),
                Some("check the path".to_string()),
            ),
            PermissionDenied => (
                "permission denied".to_string(),
                Some("make the file readable for this user".to_string()),
            ),
            IsADirectory => (
                "is a folder, not a file".to_string(),
                Some("name a file".to_string()),
            ),
            InvalidData => (
                "not valid UTF-8".to_string(),
                Some("save the file as UTF-8".to_string()),
            ),
            FileTooLarge => (
                err.to_string(),
                Some(format!(
                    "if the input is meant to be this big, raise the limit, e.g. {}=1G",
                    crate::input::VAR
                )),
            ),
            _ => (format!("cannot read: {err}"), None),
        };
        Error::new(
            code,
            Problem {
                message,
                hint,
                file: Some(path.to_string()),
                path: None,
            },
        )
    }

    pub fn io(message: impl Into<String>) -> Self {
        Error::new(Code::Io, Problem::new(message))
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        if let Some(p) = self.problems.last_mut() {
            p.hint = Some(hint.into());
        }
        self
    }

    /// The same error with every hint passed through `f`.
    pub fn map_hints(mut self, f: impl Fn(&str) -> String) -> Self {
        for p in &mut self.problems {
            if let Some(h) = &p.hint {
                p.hint = Some(f(h));
            }
        }
        self
    }

    pub fn exit_code(&self) -> u8 {
        self.code as u8
    }

    /// The text form: `error: ...` then `hint: ...`, one line each.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for p in &self.problems {
            // Text from files must not drive the terminal (crate::text).
            out.push_str("error: ");
            out.push_str(&crate::text::escape(&p.line()));
            out.push('\n');
            if let Some(h) = &p.hint {
                out.push_str("hint: ");
                out.push_str(&crate::text::escape(h));
                out.push('\n');
            }
        }
        if self.problems.len() > 1 {
            out.push_str(&format!("{} problems found\n", self.problems.len()));
        }
        out
    }

    /// The JSON form of DESIGN.md section 4.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct One<'a> {
            code: u8,
            #[serde(flatten)]
            problem: &'a Problem,
        }
        let code = self.exit_code();
        let value = if self.problems.len() == 1 {
            serde_json::json!({ "format": 1, "error": One { code, problem: &self.problems[0] } })
        } else {
            let all: Vec<One> = self
                .problems
                .iter()
                .map(|problem| One { code, problem })
                .collect();
            serde_json::json!({ "format": 1, "errors": all })
        };
        let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
        s.push('\n');
        s
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.to_text().trim_end())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
