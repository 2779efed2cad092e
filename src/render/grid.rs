//! A grid of cells (headers and rows) that renders as a terminal table,
//! a Markdown table or CSV, so each command builds its rows once.

#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns that never wrap in a terminal table (ids, numbers, dates).
    pub keep: Vec<usize>,
    /// Columns whose cells are Markdown already (a link the caller built
    /// and escaped), written as they are in a Markdown table.
    pub raw_markdown: Vec<usize>,
    /// Columns a terminal table leaves out, in this order, when the width
    /// cannot hold every column without splitting a word.
    pub drop: Vec<usize>,
    /// Stacked list: the columns of a row's title line, the first as the
    /// text, the others after it in parentheses. Default: the first column.
    pub title: Vec<usize>,
    /// Stacked list: a column shown as `N. ` before the title.
    pub number: Option<usize>,
    /// Stacked list: columns whose values speak for themselves (no
    /// `Header:` label).
    pub bare: Vec<usize>,
    /// Stacked list: columns shown as paragraphs on lines of their own.
    pub para: Vec<usize>,
    /// A two-column grid of names and values, shown as `name: value` lines.
    pub pairs: bool,
    /// Terminal only: the id column shown as a second line under the name
    /// column, `(name, id)`, instead of a column of its own.
    pub id_under: Option<(usize, usize)>,
    /// Per row, a bit per column: cells coloured as not to be missed.
    alerts: Vec<u64>,
}

impl Grid {
    pub fn new(headers: &[&str]) -> Grid {
        Grid {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            ..Grid::default()
        }
    }

    /// A grid of `Field`, `Value` rows (empty values left out), shown as
    /// `name: value` lines on a terminal.
    pub fn fields(rows: &[(&str, String)]) -> Grid {
        let mut g = Grid::new(&["Field", "Value"]).keep(&[0]);
        g.pairs = true;
        for (k, v) in rows {
            if !v.is_empty() {
                g.row(vec![k.to_string(), v.clone()]);
            }
        }
        g
    }

    pub fn keep(mut self, columns: &[usize]) -> Grid {
        self.keep = columns.to_vec();
        self
    }

    pub fn raw_markdown(mut self, columns: &[usize]) -> Grid {
        self.raw_markdown = columns.to_vec();
        self
    }

    pub fn drop_first(mut self, columns: &[usize]) -> Grid {
        self.drop = columns.to_vec();
        self
    }

    pub fn title(mut self, columns: &[usize]) -> Grid {
        self.title = columns.to_vec();
        self
    }

    pub fn number(mut self, column: usize) -> Grid {
        self.number = Some(column);
        self
    }

    pub fn bare(mut self, columns: &[usize]) -> Grid {
        self.bare = columns.to_vec();
        self
    }

    pub fn para(mut self, columns: &[usize]) -> Grid {
        self.para = columns.to_vec();
        self
    }

    /// On a terminal, the `id` column goes under the `name` column (one
    /// column less; an id never wraps, so the pair reads whole).
    pub fn id_under(mut self, name: usize, id: usize) -> Grid {
        self.id_under = Some((name, id));
        self
    }

    /// The grid with `id_under` applied: the id column removed, its cells
    /// on a second line of the name cells.
    pub fn folded(&self) -> Option<Grid> {
        let (name, id) = self.id_under?;
        if name == id || id >= self.headers.len() || name >= self.headers.len() {
            return None;
        }
        let at = |c: usize| -> Option<usize> {
            match c.cmp(&id) {
                std::cmp::Ordering::Less => Some(c),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(c - 1),
            }
        };
        let map = |cs: &[usize]| -> Vec<usize> {
            let mut out: Vec<usize> = cs.iter().filter_map(|&c| at(c)).collect();
            out.dedup();
            out
        };
        let mut headers = self.headers.clone();
        headers.remove(id);
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut r = r.clone();
                if r.len() > id {
                    let idv = r.remove(id);
                    if let Some(n) = at(name).and_then(|n| r.get_mut(n)) {
                        if !idv.is_empty() {
                            n.push('\n');
                            n.push_str(&idv);
                        }
                    }
                }
                r
            })
            .collect();
        let alerts = self
            .alerts
            .iter()
            .map(|&a| {
                let mut out = 0u64;
                for c in 0..64.min(self.headers.len()) {
                    if a & (1 << c) != 0 {
                        if let Some(n) = at(c).or(at(name)) {
                            out |= 1 << n;
                        }
                    }
                }
                out
            })
            .collect();
        Some(Grid {
            headers,
            rows,
            keep: map(&self.keep),
            drop: map(&self.drop),
            title: map(&self.title),
            number: self.number.and_then(at),
            bare: map(&self.bare),
            para: map(&self.para),
            pairs: self.pairs,
            id_under: None,
            alerts,
            raw_markdown: map(&self.raw_markdown),
        })
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
        self.alerts.push(0);
    }

    /// Marks a cell of the last row as not to be missed (red when colour
    /// is on).
    pub fn alert(&mut self, column: usize) {
        if let Some(a) = self.alerts.last_mut() {
            if column < 64 {
                *a |= 1 << column;
            }
        }
    }

    pub fn is_alert(&self, row: usize, column: usize) -> bool {
        column < 64 && self.alerts.get(row).is_some_and(|a| a & (1 << column) != 0)
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        self.write_markdown(&mut |line: &str| {
            out.push_str(line);
            Ok(())
        })
        .expect("writing to memory does not fail");
        out
    }

    /// [`Grid::markdown`], given to `put` a line at a time.
    pub fn write_markdown(
        &self,
        put: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        put(&md_row(&self.headers, &[]))?;
        let mut rule = String::from("|");
        for _ in &self.headers {
            rule.push_str(" --- |");
        }
        rule.push('\n');
        put(&rule)?;
        for r in &self.rows {
            put(&md_row(r, &self.raw_markdown))?;
        }
        Ok(())
    }

    /// Whether a line of [`Grid::markdown`] is longer than `max` characters.
    pub fn markdown_lines_longer_than(&self, max: usize) -> bool {
        let long = |text: &str| text.lines().any(|l| l.chars().count() > max);
        // The rule under the header: `|` and ` --- |` per column.
        1 + 6 * self.headers.len() > max
            || long(&md_row(&self.headers, &[]))
            || self
                .rows
                .iter()
                .any(|r| long(&md_row(r, &self.raw_markdown)))
    }

    /// RFC 4180 CSV with a snake_case header line (see `render::csv`).
    pub fn csv(&self) -> String {
        super::csv::document(&self.headers, &self.rows)
    }
}

fn md_row(cells: &[String], raw: &[usize]) -> String {
    // Room for the cells and their bars (escapes may add a little more).
    let room: usize = cells.iter().map(|c| c.len() + 3).sum();
    let mut out = String::with_capacity(room + 2);
    out.push('|');
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
    fn the_rule_under_a_narrow_header_counts_toward_line_length() {
        // `| # |` is 5 characters, the rule `| --- |` 7.
        let mut g = Grid::new(&["#"]);
        g.row(vec!["1".into()]);
        assert!(g.markdown_lines_longer_than(6));
        assert!(!g.markdown_lines_longer_than(7));
    }

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
