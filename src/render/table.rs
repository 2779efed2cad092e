//! Tables by comfy-table: boxed on a terminal, plain ASCII otherwise,
//! fitted to the width the configuration gives.

use crate::config::Config;
use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table};

pub fn new(cfg: &Config, headers: &[&str]) -> Table {
    let mut t = Table::new();
    if cfg.tty {
        t.load_style(UTF8_FULL_CONDENSED.with_rounded_corners());
    } else {
        t.force_no_tty();
        t.load_style(ASCII_FULL_CONDENSED);
    }
    if cfg.color {
        t.enforce_styling();
    }
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = cfg.width {
        t.set_width(w);
    }
    let header: Vec<Cell> = headers
        .iter()
        .map(|h| {
            let c = Cell::new(h);
            if cfg.color {
                c.add_attribute(Attribute::Bold).fg(Color::Cyan)
            } else {
                c
            }
        })
        .collect();
    t.set_header(header);
    t
}

/// Keeps columns at their content width (ids, numbers, dates): only the
/// other columns wrap.
pub fn keep(t: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

/// A two-column table of field names and values.
pub fn fields(cfg: &Config, rows: &[(&str, String)]) -> String {
    let mut t = new(cfg, &["Field", "Value"]);
    for (k, v) in rows {
        if !v.is_empty() {
            row(&mut t, vec![k.to_string(), v.clone()]);
        }
    }
    keep(&mut t, &[0]);
    finish(t)
}

/// Adds a row, its cells' control characters escaped (crate::text).
pub fn row(t: &mut Table, cells: Vec<String>) {
    t.add_row(
        cells
            .into_iter()
            .map(|c| crate::text::escape_lines(&c))
            .collect::<Vec<_>>(),
    );
}

/// The table as text, trailing spaces removed, with a final newline.
pub fn finish(t: Table) -> String {
    let mut out = String::new();
    for line in t.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A heading line, bold when colour is on.
pub fn heading(cfg: &Config, text: &str) -> String {
    let text = crate::text::escape(text);
    if cfg.color {
        format!("\x1b[1m{text}\x1b[0m\n")
    } else {
        format!("{text}\n")
    }
}
