//! A small document model (title, paragraphs, lists, grids) that renders
//! as terminal text or as Markdown, so a report is built once.

use super::grid::Grid;
use super::table;
use crate::config::Config;
use crate::text::escape;

#[derive(Debug, Clone)]
pub enum Part {
    /// The document's title.
    Title(String),
    /// A section heading.
    Section(String),
    /// A line or paragraph of prose.
    Para(String),
    /// A bulleted list.
    List(Vec<String>),
    Grid(Box<Grid>),
    /// What must not be missed: a "Warnings" section, highlighted on a
    /// terminal.
    Warnings(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub parts: Vec<Part>,
}

impl Doc {
    pub fn new(title: impl Into<String>) -> Doc {
        Doc {
            parts: vec![Part::Title(title.into())],
        }
    }

    pub fn section(&mut self, s: impl Into<String>) -> &mut Doc {
        self.parts.push(Part::Section(s.into()));
        self
    }

    pub fn para(&mut self, s: impl Into<String>) -> &mut Doc {
        self.parts.push(Part::Para(s.into()));
        self
    }

    pub fn list(&mut self, items: Vec<String>) -> &mut Doc {
        if !items.is_empty() {
            self.parts.push(Part::List(items));
        }
        self
    }

    /// A "Warnings" section (nothing when there are none).
    pub fn warnings(&mut self, items: Vec<String>) -> &mut Doc {
        if !items.is_empty() {
            self.parts.push(Part::Warnings(items));
        }
        self
    }

    pub fn grid(&mut self, g: Grid) -> &mut Doc {
        self.parts.push(Part::Grid(Box::new(g)));
        self
    }

    /// Terminal text: a bold title, wrapped prose, tables.
    pub fn text(&self, cfg: &Config) -> String {
        let width = cfg.width as usize;
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Title(t) => out.push_str(&table::heading(cfg, t)),
                Part::Section(s) => out.push_str(&format!("{}:\n", escape(s))),
                Part::Para(s) => {
                    for line in s.lines() {
                        out.push_str(&super::wrap(&escape(line), width, ""));
                    }
                }
                Part::List(items) => {
                    for i in items {
                        let item = format!("  - {}", escape(i));
                        out.push_str(&super::wrap(&item, width, "    "));
                    }
                }
                Part::Grid(g) => out.push_str(&g.text(cfg)),
                Part::Warnings(items) => {
                    out.push_str(&table::warning_heading(cfg, "Warnings:"));
                    for i in items {
                        out.push_str(&super::wrap(&format!("  - {i}"), width, "    "));
                    }
                }
            }
        }
        out
    }

    /// GitHub-flavoured Markdown that passes markdownlint's default rules:
    /// prose and lists wrapped at 80 columns, every name escaped. A table
    /// row cannot be wrapped, so a table with a longer row (and a heading
    /// longer than 80) is fenced by markdownlint comments that lift the
    /// line-length rule (MD013) for those lines only.
    pub fn markdown(&self) -> String {
        use super::md;
        let mut out = String::new();
        let heading = |out: &mut String, marks: &str, t: &str| {
            let line = format!("{marks} {}", md::text(t));
            if line.chars().count() > md::LINE {
                out.push_str("<!-- markdownlint-disable-next-line MD013 -->\n");
            }
            out.push_str(&line);
            out.push_str("\n\n");
        };
        for p in &self.parts {
            match p {
                Part::Title(t) => heading(&mut out, "#", t),
                Part::Section(s) => heading(&mut out, "##", s),
                Part::Para(s) => {
                    // Two spaces end a line inside a paragraph.
                    let lines: Vec<String> =
                        s.lines().map(|l| md::wrap(l, "", "").join("\n")).collect();
                    out.push_str(&lines.join("  \n"));
                    out.push_str("\n\n");
                }
                Part::List(items) => {
                    for i in items {
                        for line in md::wrap(i, "- ", "  ") {
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                    out.push('\n');
                }
                Part::Warnings(items) => {
                    out.push_str("## Warnings\n\n");
                    for i in items {
                        for line in md::wrap(i, "- ", "  ") {
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                    out.push('\n');
                }
                Part::Grid(g) => {
                    let table = g.markdown();
                    let long = table.lines().any(|l| l.chars().count() > md::LINE);
                    if long {
                        out.push_str("<!-- markdownlint-disable MD013 -->\n\n");
                    }
                    out.push_str(&table);
                    out.push('\n');
                    if long {
                        out.push_str("<!-- markdownlint-enable MD013 -->\n\n");
                    }
                }
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}
