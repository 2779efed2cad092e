//! A small document model (title, paragraphs, lists, grids) that renders
//! as terminal text or as Markdown, so a report is built once.

use super::grid::Grid;
use super::table;
use crate::config::Config;
use crate::text::escape;
use std::io::{self, Write};

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
        super::written(|w| self.write_text(cfg, w))
    }

    /// [`Doc::text`], written to `w` part by part (a long table row by
    /// row), never as one string.
    pub fn write_text(&self, cfg: &Config, w: &mut dyn Write) -> io::Result<()> {
        let width = cfg.width as usize;
        for p in &self.parts {
            let mut out = String::new();
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
                Part::Grid(g) => g.write_text(cfg, w)?,
                Part::Warnings(items) => {
                    out.push_str(&table::warning_heading(cfg, "Warnings:"));
                    for i in items {
                        out.push_str(&super::wrap(&format!("  - {i}"), width, "    "));
                    }
                }
            }
            w.write_all(out.as_bytes())?;
        }
        Ok(())
    }

    /// GitHub-flavoured Markdown that passes markdownlint's default rules:
    /// prose and lists wrapped at 80 columns, every name escaped. A table
    /// row cannot be wrapped, so a table with a longer row (and a heading
    /// longer than 80) is fenced by markdownlint comments that lift the
    /// line-length rule (MD013) for those lines only.
    pub fn markdown(&self) -> String {
        super::written(|w| self.write_markdown(w))
    }

    /// [`Doc::markdown`], written to `w` part by part (a long table row by
    /// row). The document ends with one line break, however many the last
    /// part leaves.
    pub fn write_markdown(&self, w: &mut dyn Write) -> io::Result<()> {
        use super::md;
        let mut w = OneFinalBreak { w, held: 0 };
        let heading = |out: &mut String, marks: &str, t: &str| {
            let line = format!("{marks} {}", md::text(t));
            if line.chars().count() > md::LINE {
                out.push_str("<!-- markdownlint-disable-next-line MD013 -->\n");
            }
            out.push_str(&line);
            out.push_str("\n\n");
        };
        for p in &self.parts {
            let mut out = String::new();
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
                    let long = g.markdown_lines_longer_than(md::LINE);
                    if long {
                        w.put("<!-- markdownlint-disable MD013 -->\n\n")?;
                    }
                    g.write_markdown(&mut |row: &str| w.put(row))?;
                    out.push('\n');
                    if long {
                        out.push_str("<!-- markdownlint-enable MD013 -->\n\n");
                    }
                }
            }
            w.put(&out)?;
        }
        w.finish()
    }
}

/// Writes text through, holding back the line breaks it ends with: at the
/// end, one stands for them all.
struct OneFinalBreak<'w> {
    w: &'w mut dyn Write,
    /// Line breaks written but not passed on yet.
    held: usize,
}

impl OneFinalBreak<'_> {
    fn put(&mut self, text: &str) -> io::Result<()> {
        let body = text.trim_end_matches('\n');
        if body.is_empty() {
            self.held += text.len();
            return Ok(());
        }
        self.w.write_all("\n".repeat(self.held).as_bytes())?;
        self.w.write_all(body.as_bytes())?;
        self.held = text.len() - body.len();
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        if self.held > 0 {
            self.w.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_ends_with_one_line_break_and_keeps_those_inside() {
        let mut d = Doc::new("T");
        d.para("a");
        let mut g = Grid::new(&["A"]);
        g.row(vec!["1".into()]);
        d.grid(g);
        d.list(vec!["x".into()]);
        assert_eq!(d.markdown(), "# T\n\na\n\n| A |\n| --- |\n| 1 |\n\n- x\n");
        // Nothing after the table: its trailing breaks become one.
        let mut d = Doc::new("T");
        d.grid(Grid::new(&["A"]));
        assert_eq!(d.markdown(), "# T\n\n| A |\n| --- |\n");
    }

    #[test]
    fn a_long_markdown_table_is_fenced_for_markdownlint() {
        let mut d = Doc::new("T");
        let mut g = Grid::new(&["A"]);
        g.row(vec!["word ".repeat(20)]);
        d.grid(g);
        let md = d.markdown();
        assert!(
            md.starts_with("# T\n\n<!-- markdownlint-disable MD013 -->\n\n| A |\n"),
            "{md}"
        );
        assert!(
            md.ends_with(" |\n\n<!-- markdownlint-enable MD013 -->\n"),
            "{md}"
        );
    }
}
