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
}

impl Grid {
    pub fn new(headers: &[&str]) -> Grid {
        Grid {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            keep: Vec::new(),
        }
    }

    pub fn keep(mut self, columns: &[usize]) -> Grid {
        self.keep = columns.to_vec();
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
        out.push_str(&md_row(&self.headers));
        out.push('|');
        for _ in &self.headers {
            out.push_str(" --- |");
        }
        out.push('\n');
        for r in &self.rows {
            out.push_str(&md_row(r));
        }
        out
    }

    /// RFC 4180 CSV with a snake_case header line (see `render::csv`).
    pub fn csv(&self) -> String {
        super::csv::document(&self.headers, &self.rows)
    }
}

fn md_row(cells: &[String]) -> String {
    let mut out = String::from("|");
    for c in cells {
        out.push(' ');
        out.push_str(&md_cell(c));
        out.push_str(" |");
    }
    out.push('\n');
    out
}

/// A cell's text made safe inside a Markdown table row.
pub fn md_cell(s: &str) -> String {
    let s = s.trim();
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => out.push_str(&crate::text::escape(&c.to_string())),
            // Only `<` can start markup inside a cell (`->` stays readable).
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown-escapes prose (a name in a heading).
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '<' | '>' | '|'
        ) {
            out.push('\\');
        }
        if ch.is_control() {
            out.push_str(&crate::text::escape(&ch.to_string()));
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b<br>c");
        let mut g = Grid::new(&["A", "B"]);
        g.row(vec!["1".into(), "x|y".into()]);
        assert_eq!(g.markdown(), "| A | B |\n| --- | --- |\n| 1 | x\\|y |\n");
    }
}
