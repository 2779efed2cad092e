//! A small document model (title, paragraphs, lists, grids) that renders
//! as terminal text or as Markdown, so a report is built once.

use super::grid::{md_text, Grid};
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

    /// GitHub-flavoured Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Title(t) => out.push_str(&format!("# {}\n\n", md_text(t))),
                Part::Section(s) => out.push_str(&format!("## {}\n\n", md_text(s))),
                Part::Para(s) => {
                    // Two spaces end a line inside a paragraph.
                    out.push_str(&s.lines().map(md_text).collect::<Vec<_>>().join("  \n"));
                    out.push_str("\n\n");
                }
                Part::List(items) => {
                    for i in items {
                        out.push_str(&format!("- {}\n", md_text(i)));
                    }
                    out.push('\n');
                }
                Part::Warnings(items) => {
                    out.push_str("## Warnings\n\n");
                    for i in items {
                        out.push_str(&format!("- {}\n", md_text(i)));
                    }
                    out.push('\n');
                }
                Part::Grid(g) => {
                    out.push_str(&g.markdown());
                    out.push('\n');
                }
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}
