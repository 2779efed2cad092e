//! The terminal layout of a [`Grid`]: a boxed table when every column fits
//! the width without breaking a word, else a stacked list (one short block
//! per row). No word is ever split across lines: text wraps between words
//! only, and a single word wider than the width keeps its line whole.

use super::grid::Grid;
use crate::config::Config;
use std::borrow::Cow;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Below this width every grid is a stacked list.
pub const STACK_BELOW: usize = 90;
/// The narrowest a paragraph column (Why) may be in a table; narrower,
/// the stacked list is used.
const MIN_PARA: usize = 24;
/// How many rows decide the column widths of a table (the rest only
/// need their widest word to fit, so no word breaks in them either).
const FIT_SAMPLE: usize = 200;
/// How far a stacked row's details sit under its title.
const INDENT: usize = 4;
/// Between two short fields on one stacked line.
const GAP: &str = "  ";

const RED: &str = "\x1b[31m";
const BOLD: &str = "\x1b[1m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// Appends `n` spaces.
fn pad(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let k = left.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        left -= k;
    }
}

/// Display width of a string (wide characters count two).
pub fn width(s: &str) -> usize {
    // Printable ASCII, most of what is shown: a column a byte, without a
    // lookup per character.
    if crate::text::printable_ascii(s) {
        s.len()
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// A heading, wrapped to the width between words, bold when colour is on.
pub fn heading(cfg: &Config, text: &str) -> String {
    styled_lines(cfg, text, BOLD)
}

/// A heading for what must not be missed (warnings): bold yellow when
/// colour is on.
pub fn warning_heading(cfg: &Config, text: &str) -> String {
    styled_lines(cfg, text, &format!("{BOLD}{YELLOW}"))
}

fn styled_lines(cfg: &Config, text: &str, style: &str) -> String {
    let mut out = String::new();
    hang_each(
        &crate::text::escape(text),
        cfg.width as usize,
        INDENT,
        |line| {
            if cfg.color {
                out.push_str(style);
                out.push_str(line);
                out.push_str(RESET);
            } else {
                out.push_str(line);
            }
            out.push('\n');
        },
    );
    out
}

/// The lines [`pack_each`] makes of `text` at `max` columns, as a list.
#[cfg(test)]
fn wrap_lines(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    pack_each(text, max, max, |l| out.push(l.to_string()));
    out
}

/// The words of `text` packed into lines, the first at most `first`
/// columns wide and the others `rest`. Line breaks in the text are kept; a
/// word wider than its line gets a line of its own, whole. Each line is
/// handed to `each` as it is made, in one buffer: a long plan wraps a cell
/// or two per row.
fn pack_each(text: &str, first: usize, rest: usize, mut each: impl FnMut(&str)) {
    let mut line = String::with_capacity(text.len().min(first.max(rest) * 4));
    let mut lines = 0;
    for para in text.split('\n') {
        let mut w = 0;
        for word in para.split_whitespace() {
            let ww = width(word);
            let max = if lines == 0 { first } else { rest };
            if w > 0 && w + 1 + ww > max {
                each(&line);
                lines += 1;
                line.clear();
                w = 0;
            }
            if w > 0 {
                line.push(' ');
                w += 1;
            }
            line.push_str(word);
            w += ww;
        }
        each(&line);
        lines += 1;
        line.clear();
    }
}

/// The display widths of a text's words, paragraph by paragraph: the
/// lines it wraps to are counted at many widths while a table's columns
/// are fitted, without splitting and measuring the text again each time.
struct Words {
    paras: Vec<Vec<usize>>,
    /// The widest paragraph on one line: from this width on, each
    /// paragraph is one line.
    widest: usize,
}

impl Words {
    fn of(text: &str) -> Words {
        let paras: Vec<Vec<usize>> = text
            .split('\n')
            .map(|p| p.split_whitespace().map(width).collect())
            .collect();
        let widest = paras
            .iter()
            .map(|p: &Vec<usize>| p.iter().sum::<usize>() + p.len().saturating_sub(1))
            .max()
            .unwrap_or(0);
        Words { paras, widest }
    }

    /// The lines the text wraps to at `max` columns (as [`pack_each`]).
    fn lines(&self, max: usize) -> usize {
        if max >= self.widest {
            return self.paras.len();
        }
        let mut n = 0;
        for para in &self.paras {
            n += 1;
            let mut w = 0;
            for &ww in para {
                if w > 0 && w + 1 + ww > max {
                    n += 1;
                    w = 0;
                }
                w += if w > 0 { 1 + ww } else { ww };
            }
        }
        n
    }
}

/// The widest word of a cell (its narrowest width without a split word).
fn widest_word(text: &str) -> usize {
    text.split_whitespace().map(width).max().unwrap_or(0)
}

/// The widest line of a cell.
fn widest_line(text: &str) -> usize {
    text.lines().map(|l| width(l.trim())).max().unwrap_or(0)
}

/// Box-drawing characters: rounded UTF-8 on a terminal, ASCII otherwise.
struct Frame {
    top: [char; 4],
    bottom: [char; 4],
    /// Left, inner, right border of a row.
    side: [char; 3],
    /// The line under the header: left, fill, cross, right.
    head: [char; 4],
}

const ASCII: Frame = Frame {
    top: ['+', '-', '+', '+'],
    bottom: ['+', '-', '+', '+'],
    side: ['|', '|', '|'],
    head: ['+', '=', '=', '+'],
};

const UTF8: Frame = Frame {
    top: ['╭', '─', '┬', '╮'],
    bottom: ['╰', '─', '┴', '╯'],
    side: ['│', '┆', '│'],
    head: ['╞', '═', '╪', '╡'],
};

/// How a grid is laid out at a width.
enum Layout {
    /// A boxed table; `None` for a column left out.
    Table(Vec<Option<usize>>),
    Stacked,
}

impl Grid {
    /// The grid for a terminal (or a pipe): at [`STACK_BELOW`] columns or
    /// more, the boxed table when its columns fit `cfg.width` without
    /// splitting a word (leaving out the `drop` columns in order if they
    /// must) and no paragraph column is squeezed; else the stacked list.
    pub fn text(&self, cfg: &Config) -> String {
        super::written(|w| self.write_text(cfg, w))
    }

    /// [`Grid::text`], written to `w` a row at a time.
    pub fn write_text(&self, cfg: &Config, w: &mut dyn Write) -> io::Result<()> {
        if let Some(g) = self.escaped() {
            return g.write_text(cfg, w);
        }
        if let Some(g) = self.folded() {
            return g.write_text(cfg, w);
        }
        let width = cfg.width as usize;
        let shown = self.shown_columns();
        let stacked = |w: &mut dyn Write| -> io::Result<()> {
            let title_cols = self.title_columns();
            // One row's pieces at a time, in buffers reused from row to
            // row: a plan of 80,000 steps held every row's pieces at once,
            // half a million strings.
            let mut row = Stacked::default();
            // Short fields on the title's line when they fit there in
            // every row (so the rows look alike), else under it. The
            // first row that does not fit settles it.
            let inline = self.rows.iter().all(|r| {
                self.row_pieces(r, &shown, &title_cols, &mut row);
                row.inline_width().is_some_and(|w| w <= width)
            });
            let mut out = String::new();
            for (i, r) in self.rows.iter().enumerate() {
                self.row_pieces(r, &shown, &title_cols, &mut row);
                row.write(&mut out, width, inline, cfg.color, |text, c| {
                    if cfg.color && self.is_alert(i, c) {
                        Cow::Owned(format!("{RED}{text}{RESET}"))
                    } else {
                        Cow::Borrowed(text)
                    }
                });
                w.write_all(out.as_bytes())?;
                out.clear();
            }
            Ok(())
        };
        match self.layout(width, &shown) {
            Layout::Stacked => stacked(w),
            Layout::Table(widths) => {
                // A paragraph squeezed into a narrow column reads worse
                // than the same words under the row's title.
                let squeezed = self.para.iter().any(|&c| {
                    widths
                        .get(c)
                        .copied()
                        .flatten()
                        .is_some_and(|w| w < MIN_PARA && w < self.widest_cell(c))
                });
                if squeezed && !self.rows.is_empty() {
                    stacked(w)
                } else {
                    self.boxed(&widths, cfg, w)
                }
            }
        }
    }

    /// The grid with the control characters of its cells escaped
    /// (crate::text), so none reaches the terminal; `None` when no cell
    /// has one.
    fn escaped(&self) -> Option<Grid> {
        let unsafe_cell = |c: &String| c.split('\n').any(|l| crate::text::escape(l) != *l);
        if !self
            .headers
            .iter()
            .chain(self.rows.iter().flatten())
            .any(unsafe_cell)
        {
            return None;
        }
        let mut g = self.clone();
        for c in g.headers.iter_mut().chain(g.rows.iter_mut().flatten()) {
            *c = crate::text::escape_lines(c);
        }
        Some(g)
    }

    /// The widest line of column `c`, header included.
    fn widest_cell(&self, c: usize) -> usize {
        std::iter::once(&self.headers[c])
            .chain(self.rows.iter().filter_map(|r| r.get(c)))
            .map(|v| widest_line(v))
            .max()
            .unwrap_or(0)
    }

    /// Columns with something in them (all of them when there are no rows).
    fn shown_columns(&self) -> Vec<bool> {
        (0..self.headers.len())
            .map(|c| {
                self.rows.is_empty()
                    || self
                        .rows
                        .iter()
                        .any(|r| r.get(c).is_some_and(|v| !v.trim().is_empty()))
            })
            .collect()
    }

    fn layout(&self, width: usize, shown: &[bool]) -> Layout {
        if width < STACK_BELOW || self.pairs {
            return Layout::Stacked;
        }
        let n = self.headers.len();
        let mut min = vec![0; n];
        let mut max = vec![0; n];
        for c in 0..n {
            let cells =
                std::iter::once(&self.headers[c]).chain(self.rows.iter().filter_map(|r| r.get(c)));
            for v in cells {
                let line = widest_line(v);
                max[c] = max[c].max(line);
                min[c] = min[c].max(if self.keep.contains(&c) {
                    line
                } else {
                    widest_word(v)
                });
            }
        }
        let mut on: Vec<bool> = shown.to_vec();
        let mut drops = self.drop.iter();
        loop {
            let k = on.iter().filter(|&&o| o).count();
            let frame = 3 * k + 1;
            let need: usize = (0..n).filter(|&c| on[c]).map(|c| min[c]).sum();
            if k > 0 && need + frame <= width {
                let avail = width - frame;
                let cols: Vec<usize> = (0..n).filter(|&c| on[c]).collect();
                let lo: Vec<usize> = cols.iter().map(|&c| min[c]).collect();
                let hi: Vec<usize> = cols.iter().map(|&c| max[c].max(min[c])).collect();
                let got = self.fit(&cols, &lo, &hi, avail);
                let mut widths = vec![None; n];
                for (i, &c) in cols.iter().enumerate() {
                    widths[c] = Some(got[i].max(1));
                }
                return Layout::Table(widths);
            }
            match drops.next() {
                Some(&c) if c < n => on[c] = false,
                Some(_) => {}
                None => return Layout::Stacked,
            }
        }
    }

    /// Widths for the columns `cols` (between `lo` and `hi`, summing to at
    /// most `avail`) that make the table as short as they can: room goes
    /// where it saves the most lines per column of width, then what is
    /// left is shared out evenly. The first [`FIT_SAMPLE`] rows decide.
    fn fit(&self, cols: &[usize], lo: &[usize], hi: &[usize], avail: usize) -> Vec<usize> {
        let rows: Vec<&Vec<String>> = self.rows.iter().take(FIT_SAMPLE).collect();
        // lines[i][w - lo[i]][r]: the height of row r's cell in column
        // cols[i] at width w.
        let lines: Vec<Vec<Vec<usize>>> = cols
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let text = |k: usize| rows[k].get(c).map_or("", String::as_str);
                // The height of each cell at a width: a kept cell's lines
                // whatever the width; a wrapped cell measured once and
                // counted at every width.
                let heights: Box<dyn Fn(usize) -> Vec<usize>> = if self.keep.contains(&c) {
                    let fixed: Vec<usize> = (0..rows.len())
                        .map(|k| text(k).lines().count().max(1))
                        .collect();
                    Box::new(move |_| fixed.clone())
                } else {
                    let cells: Vec<Words> = (0..rows.len()).map(|k| Words::of(text(k))).collect();
                    Box::new(move |w| cells.iter().map(|x| x.lines(w)).collect())
                };
                (lo[i]..=hi[i].max(lo[i])).map(heights).collect()
            })
            .collect();
        let height = |w: &[usize]| -> usize {
            (0..rows.len())
                .map(|r| {
                    (0..w.len())
                        .map(|i| lines[i][w[i] - lo[i]][r])
                        .max()
                        .unwrap_or(1)
                })
                .sum()
        };
        let mut w = lo.to_vec();
        let mut extra = avail.saturating_sub(lo.iter().sum());
        let mut h = height(&w);
        loop {
            // (lines saved per column of width, column, added width, height)
            let mut best: Option<(f64, usize, usize, usize)> = None;
            for i in 0..w.len() {
                let mut trial = w.clone();
                for k in 1..=extra.min(hi[i].saturating_sub(w[i])) {
                    trial[i] = w[i] + k;
                    let h2 = height(&trial);
                    if h2 < h {
                        let rate = (h - h2) as f64 / k as f64;
                        if best.is_none_or(|b| rate > b.0) {
                            best = Some((rate, i, k, h2));
                        }
                        break;
                    }
                }
            }
            match best {
                Some((_, i, k, h2)) => {
                    w[i] += k;
                    extra -= k;
                    h = h2;
                }
                None => break,
            }
        }
        // Long text reads fine narrower; a short cell (a name) reads worse
        // wrapped: move width from columns of longer text to columns of
        // shorter text while no line is added.
        let mut order: Vec<usize> = (0..w.len()).collect();
        order.sort_by_key(|&i| hi[i]);
        for (n, &i) in order.iter().enumerate() {
            for &j in order[n + 1..].iter().rev() {
                // The largest move that adds no line.
                for k in (1..=(hi[i] - w[i]).min(w[j] - lo[j])).rev() {
                    let mut trial = w.clone();
                    trial[i] += k;
                    trial[j] -= k;
                    let h2 = height(&trial);
                    if h2 <= h {
                        w = trial;
                        h = h2;
                        break;
                    }
                }
            }
        }
        allocate(&w, hi, avail)
    }

    /// A row's cells cut into lines of their columns' widths: a kept
    /// column's line by line, others wrapped between words.
    fn cell_lines(&self, cells: &[String], cols: &[(usize, usize)], into: &mut RowLines) {
        into.clear();
        for &(c, w) in cols {
            let text = cells.get(c).map_or("", String::as_str);
            if self.keep.contains(&c) {
                text.lines().for_each(|l| into.push(l.trim()));
            } else {
                pack_each(text, w, w, |l| into.push(l));
            }
            into.end_cell();
        }
    }

    fn boxed(&self, widths: &[Option<usize>], cfg: &Config, w: &mut dyn Write) -> io::Result<()> {
        let f = if cfg.tty { &UTF8 } else { &ASCII };
        let cols: Vec<(usize, usize)> = widths
            .iter()
            .enumerate()
            .filter_map(|(c, w)| w.map(|w| (c, w)))
            .collect();
        let rule = |ends: [char; 4]| {
            let mut s = String::new();
            s.push(ends[0]);
            for (i, &(_, w)) in cols.iter().enumerate() {
                if i > 0 {
                    s.push(ends[2]);
                }
                s.extend(std::iter::repeat_n(ends[1], w + 2));
            }
            s.push(ends[3]);
            s.push('\n');
            s
        };
        let mut out = rule(f.top);
        let mut lines = RowLines::default();
        self.table_row(&mut out, &mut lines, &self.headers, &cols, f, |_| {
            if cfg.color {
                Some(BOLD)
            } else {
                None
            }
        });
        out.push_str(&rule(f.head));
        for (i, r) in self.rows.iter().enumerate() {
            self.table_row(&mut out, &mut lines, r, &cols, f, |c| {
                (cfg.color && self.is_alert(i, c)).then_some(RED)
            });
            w.write_all(out.as_bytes())?;
            out.clear();
        }
        out.push_str(&rule(f.bottom));
        w.write_all(out.as_bytes())
    }

    fn table_row(
        &self,
        out: &mut String,
        lines: &mut RowLines,
        cells: &[String],
        cols: &[(usize, usize)],
        f: &Frame,
        style: impl Fn(usize) -> Option<&'static str>,
    ) {
        self.cell_lines(cells, cols, lines);
        let height = lines.height().max(1);
        for l in 0..height {
            out.push(f.side[0]);
            for (i, &(c, w)) in cols.iter().enumerate() {
                if i > 0 {
                    out.push(f.side[1]);
                }
                let text = lines.line(i, l);
                out.push(' ');
                match style(c) {
                    Some(s) if !text.is_empty() => {
                        out.push_str(s);
                        out.push_str(text);
                        out.push_str(RESET);
                    }
                    _ => out.push_str(text),
                }
                pad(out, w.saturating_sub(width(text)) + 1);
            }
            out.push(f.side[2]);
            out.push('\n');
        }
    }

    /// A row cut into the parts of its stacked form, in `into` (whose
    /// strings are reused).
    fn row_pieces(
        &self,
        cells: &[String],
        shown: &[bool],
        title_cols: &[usize],
        into: &mut Stacked,
    ) {
        let cell = |c: usize| cells.get(c).map_or("", |v| v.trim());
        into.title.clear();
        if self.pairs {
            into.title.push_str(cell(0));
            into.title.push_str(": ");
            into.title.push_str(cell(1));
            into.title_column = Some(1);
            into.pieces.clear();
            return;
        }
        into.title_column = None;
        self.stacked_title(title_cols, cell, &mut into.title);
        let mut k = 0;
        for c in (0..self.headers.len())
            .filter(|&c| shown[c] && !title_cols.contains(&c) && self.number != Some(c))
        {
            let v = cell(c);
            if v.is_empty() {
                continue;
            }
            if k == into.pieces.len() {
                into.pieces.push((String::new(), c, None));
            }
            let (piece, column, w) = &mut into.pieces[k];
            piece.clear();
            if !self.bare.contains(&c) {
                piece.push_str(&self.headers[c]);
                piece.push_str(": ");
            }
            piece.push_str(v);
            *column = c;
            *w = width_one_line(piece).filter(|_| !self.para.contains(&c));
            k += 1;
        }
        into.pieces.truncate(k);
    }

    /// `N. Text (more, more)`: the number column, the first title column,
    /// then the other title columns (and further lines of a title cell) in
    /// parentheses; into `title` (empty), trimmed.
    fn stacked_title<'a>(
        &self,
        cols: &[usize],
        cell: impl Fn(usize) -> &'a str,
        title: &mut String,
    ) {
        if let Some(c) = self.number {
            if !cell(c).is_empty() {
                title.push_str(cell(c));
                title.push_str(". ");
            }
        }
        let mut extra = 0;
        for (n, &c) in cols.iter().enumerate() {
            let mut lines = cell(c).lines().map(str::trim).filter(|l| !l.is_empty());
            if n == 0 {
                title.push_str(lines.next().unwrap_or(""));
            }
            for l in lines {
                title.push_str(if extra == 0 { " (" } else { ", " });
                title.push_str(l);
                extra += 1;
            }
        }
        if extra > 0 {
            title.push(')');
        }
        let end = title.trim_end().len();
        title.truncate(end);
        let start = title.len() - title.trim_start().len();
        title.drain(..start);
    }

    fn title_columns(&self) -> Vec<usize> {
        if self.title.is_empty() {
            (0..self.headers.len())
                .find(|c| Some(*c) != self.number)
                .into_iter()
                .collect()
        } else {
            self.title.clone()
        }
    }
}

/// A row of a stacked list: its title and its `Header: value` pieces
/// ([`Grid::row_pieces`]).
#[derive(Default)]
struct Stacked {
    title: String,
    /// The column whose colour the title takes (a `name: value` row).
    title_column: Option<usize>,
    /// Text, column, and width when it is one line that may share a line.
    pieces: Vec<(String, usize, Option<usize>)>,
}

impl Stacked {
    /// The width of the title line with every short piece on it, if the
    /// title is one line.
    fn inline_width(&self) -> Option<usize> {
        let mut w = width_one_line(&self.title)?;
        for p in &self.pieces {
            if let Some(pw) = p.2 {
                w += GAP.len() + pw;
            }
        }
        Some(w)
    }

    /// The title (bold), then the pieces. With `inline`, the short pieces
    /// share the title's line; else they are packed onto indented lines.
    /// A long piece is wrapped on indented lines of its own.
    fn write(
        &self,
        out: &mut String,
        width: usize,
        inline: bool,
        color: bool,
        paint: impl for<'t> Fn(&'t str, usize) -> Cow<'t, str>,
    ) {
        let title = |out: &mut String, t: &str| match self.title_column {
            Some(c) => out.push_str(&paint(t, c)),
            None if color && !t.trim().is_empty() => {
                out.push_str(BOLD);
                out.push_str(t);
                out.push_str(RESET);
            }
            None => out.push_str(t),
        };
        let room = width.saturating_sub(INDENT).max(1);
        let pad = " ".repeat(INDENT);
        // A long piece on indented lines of its own.
        let wrapped = |out: &mut String, piece: &str, c: usize| {
            pack_each(piece, room, room, |l| {
                if !l.is_empty() {
                    out.push_str(&pad);
                    out.push_str(&paint(l, c));
                    out.push('\n');
                }
            });
        };
        if inline {
            title(out, &self.title);
            for (p, c, _) in self.pieces.iter().filter(|p| p.2.is_some()) {
                out.push_str(GAP);
                out.push_str(&paint(p, *c));
            }
            out.push('\n');
            for (p, c, _) in self.pieces.iter().filter(|p| p.2.is_none()) {
                wrapped(out, p, *c);
            }
            return;
        }
        hang_each(&self.title, width, INDENT, |l| {
            title(out, l);
            out.push('\n');
        });
        let mut line = String::with_capacity(room);
        let mut used = 0;
        let flush = |out: &mut String, line: &mut String, used: &mut usize| {
            if *used > 0 {
                out.push_str(&pad);
                out.push_str(line);
                out.push('\n');
                line.clear();
                *used = 0;
            }
        };
        for (piece, c, pw) in &self.pieces {
            match *pw {
                Some(pw) if pw <= room => {
                    if used > 0 && used + GAP.len() + pw > room {
                        flush(out, &mut line, &mut used);
                    }
                    if used > 0 {
                        line.push_str(GAP);
                        used += GAP.len();
                    }
                    line.push_str(&paint(piece, *c));
                    used += pw;
                }
                _ => {
                    flush(out, &mut line, &mut used);
                    wrapped(out, piece, *c);
                }
            }
        }
        flush(out, &mut line, &mut used);
    }
}

/// Printable ASCII, words one space apart, no space at either end: text
/// that packing into one line gives back as it is, a column a byte.
fn is_plain_line(text: &str) -> bool {
    // One pass: every piece of a long stacked list is measured by it.
    let b = text.as_bytes();
    let mut after_space = true; // no space first
    b.iter().all(|&c| {
        let space = c == b' ';
        let ok = (b'!'..=b'~').contains(&c) || (space && !after_space);
        after_space = space;
        ok
    }) && (!after_space || b.is_empty()) // no space last
}

/// The width of a text that holds no line break, after collapsing spaces.
fn width_one_line(text: &str) -> Option<usize> {
    // Its length, without splitting it into words, when it is plain.
    if is_plain_line(text) {
        return Some(text.len());
    }
    if text.contains('\n') {
        return None;
    }
    let (mut w, mut words) = (0, 0usize);
    for word in text.split_whitespace() {
        w += width(word);
        words += 1;
    }
    Some(w + words.saturating_sub(1))
}

/// `text` wrapped to `width`; lines after the first indented by `indent`.
#[cfg(test)]
fn hang(text: &str, width: usize, indent: usize) -> Vec<String> {
    let mut out = Vec::new();
    hang_each(text, width, indent, |l| out.push(l.to_string()));
    out
}

/// `text` wrapped to `width`, lines after the first indented by
/// `indent`, each handed to `each` as it is made.
fn hang_each(text: &str, width: usize, indent: usize, mut each: impl FnMut(&str)) {
    // One line that fits (most titles): itself, as packing would give it.
    if width_one_line(text).is_some_and(|w| w <= width) && is_plain_line(text) {
        return each(text);
    }
    let mut hung = " ".repeat(indent);
    let mut first = true;
    pack_each(text, width, width.saturating_sub(indent).max(1), |l| {
        if first {
            first = false;
            each(l);
        } else {
            hung.truncate(indent);
            hung.push_str(l);
            each(&hung);
        }
    });
}

/// The lines of a table row's cells, column after column, in one buffer
/// that is reused row after row (a long plan is 80,000 rows).
#[derive(Default)]
struct RowLines {
    text: String,
    /// Each line as a range of `text`.
    lines: Vec<std::ops::Range<usize>>,
    /// Where each cell's lines start in `lines`, then where the last ends.
    cells: Vec<usize>,
}

impl RowLines {
    fn clear(&mut self) {
        self.text.clear();
        self.lines.clear();
        self.cells.clear();
        self.cells.push(0);
    }

    /// A line of the cell being cut.
    fn push(&mut self, line: &str) {
        let start = self.text.len();
        self.text.push_str(line);
        self.lines.push(start..self.text.len());
    }

    /// The cell being cut has all its lines.
    fn end_cell(&mut self) {
        self.cells.push(self.lines.len());
    }

    /// The most lines of any cell.
    fn height(&self) -> usize {
        self.cells
            .windows(2)
            .map(|w| w[1] - w[0])
            .max()
            .unwrap_or(0)
    }

    /// Line `l` of cell `i`, or nothing when the cell has fewer lines.
    fn line(&self, i: usize, l: usize) -> &str {
        let at = self.cells[i] + l;
        if at < self.cells[i + 1] {
            &self.text[self.lines[at].clone()]
        } else {
            ""
        }
    }
}

/// Column widths between `lo` and `hi` summing to at most `avail`: every
/// column gets its minimum, then the room left is shared out evenly among
/// the columns that still want more.
fn allocate(lo: &[usize], hi: &[usize], avail: usize) -> Vec<usize> {
    let mut w = lo.to_vec();
    let mut extra = avail.saturating_sub(lo.iter().sum());
    loop {
        let want: Vec<usize> = (0..w.len()).filter(|&i| w[i] < hi[i]).collect();
        if want.is_empty() || extra == 0 {
            return w;
        }
        let share = (extra / want.len()).max(1);
        for i in want {
            let add = share.min(hi[i] - w[i]).min(extra);
            w[i] += add;
            extra -= add;
            if extra == 0 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_lines_are_its_cells_wrapped_in_one_reused_buffer() {
        let mut g = Grid::new(&["A", "B", "C"]).keep(&[2]);
        g.row(vec![
            "one two three".into(),
            "x".into(),
            " kept line \n next ".into(),
        ]);
        let cols = [(0, 7), (1, 5), (2, 20)];
        let mut lines = RowLines::default();
        for _ in 0..2 {
            g.cell_lines(&g.rows[0], &cols, &mut lines);
            assert_eq!(lines.height(), 2);
            assert_eq!((lines.line(0, 0), lines.line(0, 1)), ("one two", "three"));
            assert_eq!((lines.line(1, 0), lines.line(1, 1)), ("x", ""));
            assert_eq!((lines.line(2, 0), lines.line(2, 1)), ("kept line", "next"));
        }
        // A column past the row's cells is empty; so is an empty row.
        g.cell_lines(&[], &cols, &mut lines);
        assert_eq!((lines.height(), lines.line(2, 0)), (1, ""));
    }

    #[test]
    fn wrapping_never_splits_a_word() {
        assert_eq!(wrap_lines("one two three", 7), ["one two", "three"]);
        assert_eq!(
            wrap_lines("troubleshooting is long", 5),
            ["troubleshooting", "is", "long"]
        );
        assert_eq!(wrap_lines("a\nb c", 10), ["a", "b c"]);
    }

    #[test]
    fn counted_lines_match_the_wrapped_ones() {
        for text in [
            "",
            "a",
            "one two three",
            "troubleshooting is long",
            "a\nb c d",
        ] {
            for w in 1..20 {
                assert_eq!(
                    Words::of(text).lines(w),
                    wrap_lines(text, w).len(),
                    "{text:?} at {w}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn a_one_line_width_is_its_words_and_single_spaces(s in "[ -~]{0,30}|[ a\\n\t]{0,8}|\\PC{0,10}") {
            let words: Vec<&str> = s.split_whitespace().collect();
            let expected = (!s.contains('\n')).then(|| {
                words.iter().map(|w| UnicodeWidthStr::width(*w)).sum::<usize>()
                    + words.len().saturating_sub(1)
            });
            proptest::prop_assert_eq!(width_one_line(&s), expected);
        }

        #[test]
        fn a_plain_line_is_printable_ascii_single_spaced_and_trimmed(s in "[ a~!\\n]{0,8}|[ -~]{0,30}|\\PC{0,6}") {
            let b = s.as_bytes();
            let by_rules = crate::text::printable_ascii(&s)
                && b.first() != Some(&b' ')
                && b.last() != Some(&b' ')
                && !b.windows(2).any(|p| p[0] == b' ' && p[1] == b' ');
            proptest::prop_assert_eq!(is_plain_line(&s), by_rules);
        }

        #[test]
        fn a_width_is_unicode_widths_whatever_the_text(s in "\\PC{0,12}|[ -~]{0,40}|.{0,6}") {
            proptest::prop_assert_eq!(width(&s), UnicodeWidthStr::width(s.as_str()));
        }
    }

    #[test]
    fn hanging_lines_are_indented() {
        assert_eq!(
            hang("one two three four", 9, 2),
            ["one two", "  three", "  four"]
        );
    }

    #[test]
    fn allocation_fills_toward_the_widest_line() {
        assert_eq!(allocate(&[2, 5], &[2, 40], 20), [2, 18]);
        assert_eq!(allocate(&[3, 3], &[10, 10], 12), [6, 6]);
        assert_eq!(allocate(&[3, 3], &[4, 10], 30), [4, 10]);
    }
}
