//! The ruled lines of a PDF's pages, as `pdftocairo -svg` draws them: what a table's cells are
//! drawn with.
//!
//! A table printed by a browser or a word processor draws its borders either as thin filled
//! rectangles (chromium: a rectangle 0.75 pt high per cell edge) or as stroked lines
//! (LibreOffice: `M x y L x' y` with a transform); a shaded cell is a filled rectangle whose
//! edges are the cell's. This module turns every such drawing into horizontal and vertical
//! [`Rule`]s in page coordinates (points, y downwards, as `pdftotext -bbox-layout` gives the
//! words). Glyphs (`<defs>`, `<symbol>`, `<use>`), curves, slanted lines, white and
//! transparent paint are not rules.
//!
//! The SVG holds one `<page>` per page inside a `<pageSet>`, or is the one page itself.
//! Broken markup ends the reading where it breaks; a page with more than [`MAX_RULES`] rules
//! (a map, a chart of many lines) keeps only the first. Nothing here panics on any input.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::extract::input::package::{attr, local};

/// The most rules kept on one page.
pub const MAX_RULES: usize = 20_000;

/// A line shorter than this (points) is no rule: a tick, a bullet, a dot.
const MIN_LENGTH: f64 = 2.0;

/// A filled rectangle at most this thick (points) is a line; a thicker one is an area (a
/// shaded cell) whose four edges are rules.
const THIN: f64 = 3.0;

/// How far from level (points) a line may run and still be horizontal (or vertical).
const LEVEL: f64 = 0.5;

/// A horizontal or vertical line on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// True for a horizontal line (`at` is its y), false for a vertical one (`at` is its x).
    pub horizontal: bool,
    /// Where the line stands: y for a horizontal line, x for a vertical one.
    pub at: f64,
    /// Where it starts along its length (x for a horizontal line, y for a vertical one).
    pub from: f64,
    /// Where it ends along its length; `to >= from`.
    pub to: f64,
}

/// An affine transform `[a c e; b d f]`, as SVG's `matrix(a,b,c,d,e,f)`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn apply(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// `self` then `inner`: the transform of an element inside one transformed by `self`.
    fn then(&self, inner: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = inner.0;
        Matrix([
            a * a2 + c * b2,
            b * a2 + d * b2,
            a * c2 + c * d2,
            b * c2 + d * d2,
            a * e2 + c * f2 + e,
            b * e2 + d * f2 + f,
        ])
    }
}

/// The rules of every page, in page order.
pub fn pages(svg: &[u8]) -> Vec<Vec<Rule>> {
    let mut reader = Reader::from_reader(svg);
    reader.config_mut().expand_empty_elements = true;
    let mut pages: Vec<Vec<Rule>> = vec![Vec::new()];
    // Each page's dots (a dotted border is a row of tiny squares): their middles.
    let mut dots: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    let mut paged = false;
    // Inside `<defs>`, `<symbol>`, `<clipPath>`, `<mask>` or `<pattern>`: nothing is drawn.
    let mut hidden = 0usize;
    let mut transforms = vec![Matrix::IDENTITY];
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if matches!(name, "defs" | "symbol" | "clipPath" | "mask" | "pattern") {
                    hidden += 1;
                    continue;
                }
                let outer = transforms.last().copied().unwrap_or(Matrix::IDENTITY);
                let m = outer.then(&transform(&e));
                match name {
                    "page" => {
                        if !paged {
                            paged = true;
                            pages.clear();
                            dots.clear();
                        }
                        pages.push(Vec::new());
                        dots.push(Vec::new());
                    }
                    "path" | "rect" | "line" if hidden == 0 => {
                        if let (Some(page), Some(dots)) = (pages.last_mut(), dots.last_mut()) {
                            if page.len() < MAX_RULES && dots.len() < MAX_RULES {
                                draw(&e, name, &m, page, dots);
                                page.truncate(MAX_RULES);
                            }
                        }
                    }
                    _ => {}
                }
                transforms.push(m);
            }
            Event::End(e) => {
                let name = e.local_name();
                if matches!(
                    name.as_ref(),
                    "defs" | "symbol" | "clipPath" | "mask" | "pattern"
                ) {
                    hidden = hidden.saturating_sub(1);
                } else if transforms.len() > 1 {
                    transforms.pop();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for (page, dots) in pages.iter_mut().zip(&mut dots) {
        dotted(dots, page);
    }
    pages
}

/// The rules a page's dots draw: at least [`MIN_DOTS`] dots in a row, level and no more than
/// [`DOT_GAP`] points apart, are a dotted line (`border: 1px dotted`).
fn dotted(dots: &mut [(f64, f64)], page: &mut Vec<Rule>) {
    for horizontal in [true, false] {
        let key = |&(x, y): &(f64, f64)| if horizontal { (y, x) } else { (x, y) };
        dots.sort_by(|a, b| {
            let (a, b) = (key(a), key(b));
            a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
        });
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut flush = |run: &mut Vec<(f64, f64)>| {
            if let (Some(first), Some(last)) = (run.first(), run.last()) {
                if run.len() >= MIN_DOTS {
                    push(page, horizontal, first.0, first.1, last.1);
                }
            }
            run.clear();
        };
        for d in dots.iter().map(key) {
            match run.last() {
                Some(&(at, along)) if (d.0 - at).abs() <= LEVEL && d.1 - along <= DOT_GAP => {}
                _ => flush(&mut run),
            }
            run.push(d);
        }
        flush(&mut run);
    }
}

/// The fewest dots that make a dotted line.
const MIN_DOTS: usize = 4;

/// The most space between two dots' middles of one dotted line, in points.
const DOT_GAP: f64 = 3.0;

/// How an element is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Paint {
    fill: bool,
    stroke: bool,
}

/// The rules one drawing element makes, added to `page`.
fn draw(
    e: &BytesStart<'_>,
    name: &str,
    m: &Matrix,
    page: &mut Vec<Rule>,
    dots: &mut Vec<(f64, f64)>,
) {
    let paint = paint(e, name);
    if !paint.fill && !paint.stroke {
        return;
    }
    let num = |n: &str| {
        attr(e, n)
            .and_then(|v| v.trim().trim_end_matches("pt").parse::<f64>().ok())
            .filter(|v| v.is_finite())
    };
    let subpaths = match name {
        "rect" => {
            let (Some(x), Some(y), Some(w), Some(h)) = (
                num("x").or(Some(0.0)),
                num("y").or(Some(0.0)),
                num("width"),
                num("height"),
            ) else {
                return;
            };
            vec![Subpath {
                points: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)],
                curves: vec![false; 5],
                straight: true,
                closed: true,
            }]
        }
        "line" => {
            let (Some(x1), Some(y1), Some(x2), Some(y2)) =
                (num("x1"), num("y1"), num("x2"), num("y2"))
            else {
                return;
            };
            vec![Subpath {
                points: vec![(x1, y1), (x2, y2)],
                curves: vec![false; 2],
                straight: true,
                closed: false,
            }]
        }
        _ => parse_path(&attr(e, "d").unwrap_or_default()),
    };
    for sp in subpaths {
        let pts: Vec<(f64, f64)> = sp.points.iter().map(|&p| m.apply(p)).collect();
        if paint.fill && sp.straight {
            if let Some((x0, y0, x1, y1)) = rectangle(&pts).or_else(|| thin(&pts)) {
                let (w, h) = (x1 - x0, y1 - y0);
                if w < MIN_LENGTH && h < MIN_LENGTH {
                    dots.push(((x0 + x1) / 2.0, (y0 + y1) / 2.0));
                } else if h <= THIN && w >= MIN_LENGTH {
                    push(page, true, (y0 + y1) / 2.0, x0, x1);
                } else if w <= THIN && h >= MIN_LENGTH {
                    push(page, false, (x0 + x1) / 2.0, y0, y1);
                } else if w > THIN && h > THIN {
                    push(page, true, y0, x0, x1);
                    push(page, true, y1, x0, x1);
                    push(page, false, x0, y0, y1);
                    push(page, false, x1, y0, y1);
                }
                continue;
            }
        }
        if paint.stroke {
            for (seg, curve) in pts.windows(2).zip(sp.curves.iter().skip(1)) {
                if *curve {
                    continue;
                }
                let [(xa, ya), (xb, yb)] = [seg[0], seg[1]];
                if (ya - yb).abs() <= LEVEL {
                    push(page, true, (ya + yb) / 2.0, xa.min(xb), xa.max(xb));
                } else if (xa - xb).abs() <= LEVEL {
                    push(page, false, (xa + xb) / 2.0, ya.min(yb), ya.max(yb));
                }
            }
        }
    }
}

/// Adds a rule long enough to be one.
fn push(page: &mut Vec<Rule>, horizontal: bool, at: f64, from: f64, to: f64) {
    if to - from >= MIN_LENGTH && at.is_finite() && from.is_finite() && to.is_finite() {
        page.push(Rule {
            horizontal,
            at,
            from,
            to,
        });
    }
}

/// The box of a filled outline of straight sides that is thin in one direction: a border
/// drawn with a bevelled end (a browser's `border="1"` draws each edge as a four-sided shape
/// whose ends are slanted where two edges meet).
fn thin(pts: &[(f64, f64)]) -> Option<(f64, f64, f64, f64)> {
    if pts.len() < 3 {
        return None;
    }
    let (x0, y0, x1, y1) = bounds(pts);
    (x1 - x0 <= THIN || y1 - y0 <= THIN).then_some((x0, y0, x1, y1))
}

/// The box of a closed outline of four level sides (a rectangle), as (x0, y0, x1, y1).
fn rectangle(pts: &[(f64, f64)]) -> Option<(f64, f64, f64, f64)> {
    let mut pts = pts.to_vec();
    // The closing point, and cairo's `M` after `Z` that repeats the start.
    while pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    if pts.len() != 4 {
        return None;
    }
    let level = (0..4).all(|i| {
        let (a, b) = (pts[i], pts[(i + 1) % 4]);
        (a.0 - b.0).abs() <= LEVEL || (a.1 - b.1).abs() <= LEVEL
    });
    if !level {
        return None;
    }
    Some(bounds(&pts))
}

/// The box around points, as (x0, y0, x1, y1).
fn bounds(pts: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let x0 = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let x1 = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let y0 = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let y1 = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    (x0, y0, x1, y1)
}

/// Whether an element is filled or stroked with a visible colour: SVG's defaults (a path is
/// filled black unless it says otherwise), `style` over attributes, white and fully
/// transparent paint invisible (a page's or a cell's white background draws no line).
fn paint(e: &BytesStart<'_>, name: &str) -> Paint {
    let style = attr(e, "style").unwrap_or_default();
    let prop = |key: &str| -> Option<String> {
        style
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .find(|(k, _)| k.trim() == key)
            .map(|(_, v)| v.trim().to_owned())
            .or_else(|| attr(e, key))
    };
    let visible = |colour: Option<String>, opacity: Option<String>, default: bool| {
        let shown = match colour.as_deref().map(str::trim) {
            None => default,
            Some(c) => !(c == "none" || c == "transparent" || white(c)),
        };
        let opaque = opacity
            .and_then(|o| o.parse::<f64>().ok())
            .is_none_or(|o| o > 0.05);
        shown && opaque
    };
    Paint {
        fill: name != "line" && visible(prop("fill"), prop("fill-opacity"), true),
        stroke: visible(prop("stroke"), prop("stroke-opacity"), false),
    }
}

/// True for white (or nearly): `rgb(100%,100%,100%)`, `#fff`, `#ffffff`, `white`.
fn white(c: &str) -> bool {
    let c = c.to_ascii_lowercase();
    if c == "white" || c == "#fff" || c == "#ffffff" {
        return true;
    }
    let Some(inner) = c.strip_prefix("rgb(").and_then(|r| r.strip_suffix(')')) else {
        return false;
    };
    let parts: Vec<Option<f64>> = inner
        .split(',')
        .map(|p| {
            let p = p.trim();
            match p.strip_suffix('%') {
                Some(pc) => pc.trim().parse::<f64>().ok(),
                None => p.parse::<f64>().ok().map(|v| v / 255.0 * 100.0),
            }
        })
        .collect();
    parts.len() == 3 && parts.iter().all(|p| p.is_some_and(|v| v >= 97.0))
}

/// An element's own `transform`: `matrix(…)`, `translate(…)` and `scale(…)`, in order; anything
/// else is the identity.
fn transform(e: &BytesStart<'_>) -> Matrix {
    let Some(t) = attr(e, "transform") else {
        return Matrix::IDENTITY;
    };
    let mut m = Matrix::IDENTITY;
    for part in t.split(')') {
        let Some((name, args)) = part.split_once('(') else {
            continue;
        };
        let v: Vec<f64> = args
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .collect();
        let step = match (name.trim(), v.as_slice()) {
            ("matrix", &[a, b, c, d, e, f]) => Matrix([a, b, c, d, e, f]),
            ("translate", &[x]) => Matrix([1.0, 0.0, 0.0, 1.0, x, 0.0]),
            ("translate", &[x, y]) => Matrix([1.0, 0.0, 0.0, 1.0, x, y]),
            ("scale", &[s]) => Matrix([s, 0.0, 0.0, s, 0.0, 0.0]),
            ("scale", &[sx, sy]) => Matrix([sx, 0.0, 0.0, sy, 0.0, 0.0]),
            _ => Matrix::IDENTITY,
        };
        m = m.then(&step);
    }
    m
}

/// One subpath of an outline: its points in order, whether each was reached by a curve,
/// whether every segment is a straight line, whether it was closed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Subpath {
    points: Vec<(f64, f64)>,
    curves: Vec<bool>,
    straight: bool,
    closed: bool,
}

/// The subpaths of SVG path data. Curves and arcs go to their end point and mark the subpath
/// as not straight; a command with too few numbers ends the reading.
fn parse_path(d: &str) -> Vec<Subpath> {
    let tokens = tokens(d);
    let mut out: Vec<Subpath> = Vec::new();
    let mut cur = Subpath {
        straight: true,
        ..Subpath::default()
    };
    let (mut x, mut y) = (0.0, 0.0);
    let (mut sx, mut sy) = (0.0, 0.0);
    let mut i = 0;
    let mut cmd = 'M';
    let finish = |cur: &mut Subpath, out: &mut Vec<Subpath>| {
        let done = std::mem::replace(
            cur,
            Subpath {
                straight: true,
                ..Subpath::default()
            },
        );
        if done.points.len() > 1 {
            out.push(done);
        }
    };
    while i < tokens.len() {
        if let Token::Command(c) = tokens[i] {
            cmd = c;
            i += 1;
            if c == 'Z' || c == 'z' {
                cur.points.push((sx, sy));
                cur.curves.push(false);
                cur.closed = true;
                finish(&mut cur, &mut out);
                (x, y) = (sx, sy);
            }
            continue;
        }
        let need = match cmd.to_ascii_uppercase() {
            'M' | 'L' | 'T' => 2,
            'H' | 'V' => 1,
            'C' => 6,
            'S' | 'Q' => 4,
            'A' => 7,
            _ => return out,
        };
        let nums: Vec<f64> = tokens[i..]
            .iter()
            .take(need)
            .map_while(|t| match t {
                Token::Number(v) => Some(*v),
                Token::Command(_) => None,
            })
            .collect();
        if nums.len() < need {
            break;
        }
        i += need;
        let rel = cmd.is_ascii_lowercase();
        let (bx, by) = if rel { (x, y) } else { (0.0, 0.0) };
        match cmd.to_ascii_uppercase() {
            'M' => {
                finish(&mut cur, &mut out);
                (x, y) = (bx + nums[0], by + nums[1]);
                (sx, sy) = (x, y);
                cur.points.push((x, y));
                cur.curves.push(false);
                // Further pairs after a move are lines.
                cmd = if rel { 'l' } else { 'L' };
            }
            'L' | 'T' => {
                (x, y) = (bx + nums[0], by + nums[1]);
                cur.points.push((x, y));
                let line = cmd.eq_ignore_ascii_case(&'L');
                cur.curves.push(!line);
                cur.straight &= line;
            }
            'H' => {
                x = if rel { x + nums[0] } else { nums[0] };
                cur.points.push((x, y));
                cur.curves.push(false);
            }
            'V' => {
                y = if rel { y + nums[0] } else { nums[0] };
                cur.points.push((x, y));
                cur.curves.push(false);
            }
            _ => {
                let n = nums.len();
                (x, y) = (bx + nums[n - 2], by + nums[n - 1]);
                cur.points.push((x, y));
                cur.curves.push(true);
                cur.straight = false;
            }
        }
    }
    finish(&mut cur, &mut out);
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Command(char),
    Number(f64),
}

/// The commands and numbers of path data (`M 1.5 -2 L3,4e1Z`).
fn tokens(d: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut num = String::new();
    let flush = |num: &mut String, out: &mut Vec<Token>| {
        if !num.is_empty() {
            if let Ok(v) = num.parse::<f64>() {
                if v.is_finite() {
                    out.push(Token::Number(v));
                }
            }
            num.clear();
        }
    };
    let mut prev = ' ';
    for c in d.chars() {
        match c {
            '0'..='9' | '.' => {
                // A second point starts a new number (`1.5.5` is 1.5 and .5).
                if c == '.' && num.contains('.') && !num.contains(['e', 'E']) {
                    flush(&mut num, &mut out);
                }
                num.push(c);
            }
            '-' | '+' if !matches!(prev, 'e' | 'E') => {
                flush(&mut num, &mut out);
                num.push(c);
            }
            '-' | '+' => num.push(c),
            'e' | 'E' if !num.is_empty() => num.push(c),
            c if c.is_ascii_alphabetic() => {
                flush(&mut num, &mut out);
                out.push(Token::Command(c));
            }
            _ => flush(&mut num, &mut out),
        }
        prev = c;
    }
    flush(&mut num, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(svg: &str) -> Vec<Vec<Rule>> {
        pages(svg.as_bytes())
    }

    #[test]
    fn thin_filled_rectangles_are_rules_and_thick_ones_give_their_edges() {
        // As chromium prints a table's borders: 0.75 pt rectangles; a shaded header cell.
        let svg = r##"<svg><defs><symbol id="g"><path d="M 0 0 L 9 0 L 9 9 Z"/></symbol></defs>
<g id="surface1">
<path style="stroke:none;fill:rgb(40%,40%,40%);" d="M 67.5 139.5 L 248.25 139.5 L 248.25 140.25 L 67.5 140.25 Z M 67.5 139.5 "/>
<path style="stroke:none;fill:rgb(40%,40%,40%);" d="M 67.5 139.5 L 68.25 139.5 L 68.25 157.5 L 67.5 157.5 Z"/>
<path style="stroke:none;fill:rgb(89%,94%,87%);" d="M 248.25 139.5 L 279 139.5 L 279 175.5 L 248.25 175.5 Z"/>
<path style="stroke:none;fill:rgb(100%,100%,100%);" d="M 0 0 L 595 0 L 595 842 L 0 842 Z"/>
<use xlink:href="#g" x="70" y="150"/>
</g></svg>"##;
        let p = rules(svg);
        assert_eq!(p.len(), 1);
        let r = &p[0];
        assert_eq!(r.len(), 6, "{r:?}");
        assert!(r[0].horizontal && (r[0].at - 139.875).abs() < 1e-9);
        assert_eq!((r[0].from, r[0].to), (67.5, 248.25));
        assert!(!r[1].horizontal && (r[1].at - 67.875).abs() < 1e-9);
        // The shaded cell's four edges.
        assert_eq!(r.iter().skip(2).filter(|r| r.horizontal).count(), 2);
        assert!(r
            .iter()
            .any(|r| !r.horizontal && r.at == 279.0 && r.to == 175.5));
    }

    #[test]
    fn a_row_of_dots_is_a_dotted_rule() {
        let dots: String = (0..20)
            .map(|i| {
                let x = 10.0 + 1.5 * f64::from(i);
                format!(
                    r#"<path style="stroke:none;fill:rgb(50%,50%,50%);" d="M {x} 50 L {} 50 L {} 50.75 L {x} 50.75 Z"/>"#,
                    x + 0.75,
                    x + 0.75
                )
            })
            .collect();
        let p = rules(&format!("<svg><g>{dots}<path style=\"stroke:none;fill:rgb(0%,0%,0%);\" d=\"M 200 10 L 200.75 10 L 200.75 10.75 L 200 10.75 Z\"/></g></svg>"));
        assert_eq!(p[0].len(), 1, "{p:?}");
        assert!(p[0][0].horizontal && (p[0][0].at - 50.375).abs() < 1e-9);
        assert!((p[0][0].from - 10.375).abs() < 1e-9 && (p[0][0].to - 38.875).abs() < 1e-9);
    }

    #[test]
    fn bevelled_borders_are_rules() {
        // As chromium prints `<table border="1">`: each edge a four-sided shape, its ends
        // slanted, not closed.
        let svg = r#"<svg><g><path style="stroke:none;fill:rgb(50%,50%,50%);" d="M 330 131.25 L 330 163.5 L 330.75 163.5 L 330.75 130.5"/></g></svg>"#;
        let p = rules(svg);
        assert_eq!(p[0].len(), 1, "{p:?}");
        assert!(!p[0][0].horizontal && (p[0][0].at - 330.375).abs() < 1e-9);
        assert_eq!((p[0][0].from, p[0][0].to), (130.5, 163.5));
    }

    #[test]
    fn stroked_lines_are_read_through_their_transform() {
        // As LibreOffice prints a table: stroked lines in PDF coordinates, flipped.
        let svg = r#"<svg><pageSet><page><g clip-path="url(#c)">
<path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M 65 713 L 470 713 " transform="matrix(1,0,0,-1,0,841)"/>
<path style="fill:none;stroke:rgb(0%,0%,0%);" d="M 65.5 713 L 65.5 564 " transform="matrix(1,0,0,-1,0,841)"/>
<path style="fill:none;stroke:rgb(0%,0%,0%);" d="M 0 0 L 50 50"/>
<path style="fill:none;stroke:rgb(0%,0%,0%);" d="M 0 0 C 10 0 20 0 30 0"/>
</g></page><page><g transform="translate(0,10)"><line x1="0" y1="5" x2="100" y2="5" stroke="black"/></g></page></pageSet></svg>"#;
        let p = rules(svg);
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0],
            vec![
                Rule {
                    horizontal: true,
                    at: 128.0,
                    from: 65.0,
                    to: 470.0
                },
                Rule {
                    horizontal: false,
                    at: 65.5,
                    from: 128.0,
                    to: 277.0
                },
            ]
        );
        assert_eq!(
            p[1],
            vec![Rule {
                horizontal: true,
                at: 15.0,
                from: 0.0,
                to: 100.0
            }]
        );
    }

    #[test]
    fn path_data_in_every_spelling_reads() {
        let sp = parse_path("m10,10 h20 v5 H10 z M0 0L1e1 0");
        assert_eq!(sp.len(), 2);
        assert_eq!(
            sp[0].points,
            vec![
                (10.0, 10.0),
                (30.0, 10.0),
                (30.0, 15.0),
                (10.0, 15.0),
                (10.0, 10.0)
            ]
        );
        assert!(sp[0].closed && sp[0].straight);
        assert_eq!(sp[1].points, vec![(0.0, 0.0), (10.0, 0.0)]);
        assert!(parse_path("M 1 L").is_empty());
        assert!(parse_path("").is_empty());
        assert_eq!(
            tokens("1.5.5-2"),
            vec![Token::Number(1.5), Token::Number(0.5), Token::Number(-2.0)]
        );
    }

    #[test]
    fn broken_or_hostile_svg_reads_without_panic() {
        for s in ["", "<svg", "<path d=\"M 1e400 0 L 5 0\"/>", "<g></g></g></g><path d=\"M0 0 L 9 0\" style=\"stroke:red\"/>",
                  "<svg><path transform=\"matrix(nan,0,0,1,0,0)\" d=\"M0 0 L 9 0\" style=\"stroke:red\"/></svg>"] {
            let _ = rules(s);
        }
        assert!(white("rgb(100%, 100%, 100%)") && white("#FFFFFF") && !white("rgb(40%,40%,40%)"));
    }
}
