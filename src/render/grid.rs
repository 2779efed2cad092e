//! A grid of cells (headers and rows) that renders as a terminal table,
//! a Markdown table or CSV, so each command builds its rows once.

use super::table;
use crate::config::Config;

#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns that keep their content width in a terminal table.
    pub keep: Vec<usize>,
    /// Columns whose cells are Markdown already (a link the caller built
    /// and escaped), written as they are in a Markdown table.
    pub raw_markdown: Vec<usize>,
}

impl Grid {
    pub fn new(headers: &[&str]) -> Grid {
        Grid {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            keep: Vec::new(),
            raw_markdown: Vec::new(),
        }
    }

    pub fn keep(mut self, columns: &[usize]) -> Grid {
        self.keep = columns.to_vec();
        self
    }

    pub fn raw_markdown(mut self, columns: &[usize]) -> Grid {
        self.raw_markdown = columns.to_vec();
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// A comfy-table: boxed on a terminal, ASCII otherwise.
    pub fn table(&self, cfg: &Config) -> String {
        let headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        let mut t = table::new(cfg, &headers);
        for r in &self.rows {
            table::row(&mut t, r.clone());
        }
        table::keep(&mut t, &self.keep);
        table::finish(t)
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(&md_row(&self.headers, &[]));
        out.push('|');
        for _ in &self.headers {
            out.push_str(" --- |");
        }
        out.push('\n');
        for r in &self.rows {
            out.push_str(&md_row(r, &self.raw_markdown));
        }
        out
    }

    /// RFC 4180 CSV with a snake_case header line (see `render::csv`).
    pub fn csv(&self) -> String {
        super::csv::document(&self.headers, &self.rows)
    }
}

fn md_row(cells: &[String], raw: &[usize]) -> String {
    let mut out = String::from("|");
    for (i, c) in cells.iter().enumerate() {
        // One space each side; an empty cell is `| |` (markdownlint MD060).
        let c = if raw.contains(&i) {
            c.clone()
        } else {
            md_cell(c)
        };
        if !c.is_empty() {
            out.push(' ');
            out.push_str(&c);
        }
        out.push_str(" |");
    }
    out.push('\n');
    out
}

/// A cell's text made safe inside a Markdown table row (see `md`).
pub fn md_cell(s: &str) -> String {
    super::md::cell(s)
}

/// Markdown-escapes a line of prose or a heading's text (see `md`).
pub fn md_text(s: &str) -> String {
    super::md::text(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b; c");
        let mut g = Grid::new(&["A", "B"]);
        g.row(vec!["1".into(), "x|y".into()]);
        g.row(vec![String::new(), "z".into()]);
        assert_eq!(
            g.markdown(),
            "| A | B |\n| --- | --- |\n| 1 | x\\|y |\n| | z |\n"
        );
    }
}
