//! What the indicator chart and the Gantt chart draw alike: the `<svg>` element with its title
//! and description, series styles, marker shapes, the year labels, the current-year line and
//! the legend.
//!
//! Colours, line widths and dash patterns are written as presentation attributes, not `style`
//! attributes or a `<style>` element: a page served under a strict Content-Security-Policy
//! (no `'unsafe-inline'` styles) still draws them, and any rule of the page's stylesheet on the
//! class (`.series-actual { stroke: … }`) wins over them, since presentation attributes come
//! before every author rule in the cascade. Each series is one `<g class="series-…">` holding
//! the colours, so one rule restyles a series in the plot and in the legend at once.

use shinchoku_core::era::{format_en, format_ja, format_short};
use shinchoku_core::period::Period;
use shinchoku_core::Lang;

use crate::scale::YearAxis;
use crate::svg::{text_width, truncate, w, Esc, N};

/// The drawing's width in user units. The `<svg>` has no fixed size: it is as wide as its
/// container (`width="100%"`) and keeps its proportions. 420 units across a 390 px phone's
/// content width (about 358 px) draw the 12-unit text at 10 px, still readable; on a wide
/// screen the page caps the width (`max-width`) rather than let the text grow.
pub(crate) const WIDTH: f64 = 420.0;
/// The font size of ordinary text, in user units.
pub(crate) const FONT: f64 = 12.0;
/// The font size of small text (notes, the second line of year labels).
pub(crate) const SMALL: f64 = 11.0;
/// The colour of grid lines.
pub(crate) const GRID: &str = "#d9d9d9";
/// The colour of axis lines.
pub(crate) const AXIS: &str = "#666666";

/// A drawing's frame: `<svg>` with `viewBox`, `role="img"`, `lang`, `<title>` and `<desc>`
/// around `body`.
pub(crate) fn frame(
    class: &str,
    height: f64,
    lang: Lang,
    title: &str,
    desc: &str,
    body: &str,
) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    w!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" \
         role=\"img\" lang=\"{}\" class=\"shinchoku-chart {}\" font-size=\"{}\">",
        N(WIDTH),
        N(height),
        lang.as_str(),
        Esc(class),
        N(FONT)
    );
    w!(
        out,
        "<title>{}</title><desc>{}</desc>",
        Esc(title),
        Esc(desc)
    );
    out.push_str(body);
    out.push_str("</svg>");
    out
}

/// How one series is drawn: its class, and the default colours and line that the page's
/// stylesheet may override.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Series {
    /// `series-actual`, …: the class the web's stylesheet restyles.
    pub class: &'static str,
    /// The line and marker outline colour.
    pub stroke: &'static str,
    /// The marker fill colour.
    pub fill: &'static str,
    /// The line width.
    pub width: f64,
    /// The dash pattern of its line (`6 4`); `None` for a solid line.
    pub dash: Option<&'static str>,
}

impl Series {
    /// Opens the series' group; `extra` adds classes (`series-earlier-2`).
    pub(crate) fn open(&self, out: &mut String, extra: &str) {
        w!(out, "<g class=\"{}", self.class);
        if !extra.is_empty() {
            w!(out, " {}", Esc(extra));
        }
        w!(
            out,
            "\" stroke=\"{}\" fill=\"{}\" stroke-width=\"{}\">",
            self.stroke,
            self.fill,
            N(self.width)
        );
    }

    /// A line through `points` (at least two), with the series' dash pattern.
    pub(crate) fn line(&self, out: &mut String, points: &[(f64, f64)]) {
        if points.len() < 2 {
            return;
        }
        out.push_str("<path class=\"line\" fill=\"none\"");
        if let Some(d) = self.dash {
            w!(out, " stroke-dasharray=\"{d}\"");
        }
        out.push_str(" d=\"");
        for (i, (x, y)) in points.iter().enumerate() {
            w!(
                out,
                "{}{},{}",
                if i == 0 { "M" } else { " L" },
                N(*x),
                N(*y)
            );
        }
        out.push_str("\"/>");
    }
}

/// The shape of a point. Shapes differ between series so that no series is told by its colour
/// alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Cross,
    Plus,
}

/// One point: its shape at (x, y), hollow (white inside, as for a provisional value) or
/// filled, with `class` and a tooltip (`<title>`) when given.
pub(crate) fn marker(
    out: &mut String,
    shape: Shape,
    (x, y): (f64, f64),
    hollow: bool,
    class: &str,
    tooltip: Option<&str>,
) {
    let r = 4.5;
    let mut attrs = String::new();
    if !class.is_empty() {
        w!(attrs, " class=\"{}\"", Esc(class));
    }
    if hollow {
        attrs.push_str(" fill=\"#ffffff\"");
    }
    match shape {
        Shape::Circle => w!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{attrs}",
            N(x),
            N(y),
            N(r)
        ),
        Shape::Square => {
            let s = r * 0.9;
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{attrs}",
                N(x - s),
                N(y - s),
                N(2.0 * s),
                N(2.0 * s)
            )
        }
        Shape::Diamond => {
            let s = r * 1.3;
            w!(
                out,
                "<path d=\"M{},{} L{},{} L{},{} L{},{} Z\"{attrs}",
                N(x),
                N(y - s),
                N(x + s),
                N(y),
                N(x),
                N(y + s),
                N(x - s),
                N(y)
            )
        }
        Shape::Triangle => {
            let s = r * 1.2;
            w!(
                out,
                "<path d=\"M{},{} L{},{} L{},{} Z\"{attrs}",
                N(x),
                N(y - s),
                N(x + s),
                N(y + s * 0.8),
                N(x - s),
                N(y + s * 0.8)
            )
        }
        Shape::Cross | Shape::Plus => {
            let s = r * 0.8;
            let d = if shape == Shape::Cross {
                format!(
                    "M{},{} L{},{} M{},{} L{},{}",
                    N(x - s),
                    N(y - s),
                    N(x + s),
                    N(y + s),
                    N(x - s),
                    N(y + s),
                    N(x + s),
                    N(y - s)
                )
            } else {
                format!(
                    "M{},{} L{},{} M{},{} L{},{}",
                    N(x - s),
                    N(y),
                    N(x + s),
                    N(y),
                    N(x),
                    N(y - s),
                    N(x),
                    N(y + s)
                )
            };
            w!(out, "<path fill=\"none\" d=\"{d}\"{attrs}")
        }
    }
    match tooltip {
        Some(t) => {
            let tag = match shape {
                Shape::Circle => "circle",
                Shape::Square => "rect",
                _ => "path",
            };
            w!(out, "><title>{}</title></{tag}>", Esc(t));
        }
        None => out.push_str("/>"),
    }
}

/// A fiscal year as a person reads it: `令和5年度（2023年度）` or `FY2023`.
pub(crate) fn year_text(year: i32, lang: Lang) -> String {
    period_text(Period::FiscalYear(year), lang)
}

/// Any period as a person reads it.
pub(crate) fn period_text(p: Period, lang: Lang) -> String {
    match lang {
        Lang::Ja => format_ja(p),
        Lang::En => format_en(p),
    }
}

/// A fiscal year's era in the short form of tables (`R5`), if it has one.
pub(crate) fn era_short(year: i32) -> Option<String> {
    let p = Period::FiscalYear(year);
    let s = format_short(p);
    (s != p.to_string()).then_some(s)
}

/// The text-colour attributes every `<text>` group takes: the page's text colour and no
/// outline (a text inside a stroked group would otherwise be outlined).
pub(crate) const TEXT: &str = "fill=\"currentColor\" stroke=\"none\"";

/// The current fiscal year's vertical line from `top` to `bottom`, with its label on the
/// baseline `label_y` above it.
pub(crate) fn current_year(
    out: &mut String,
    axis: YearAxis,
    year: i32,
    label_y: f64,
    (top, bottom): (f64, f64),
    lang: Lang,
) {
    if !axis.contains(year) {
        return;
    }
    let x = axis.x(year);
    let label = match lang {
        Lang::Ja => "今年度",
        Lang::En => "current FY",
    };
    let lw = text_width(label, SMALL);
    // Keep the label inside the drawing near either edge.
    let (tx, anchor) = if x - lw / 2.0 < 2.0 {
        (x - 2.0, "start")
    } else if x + lw / 2.0 > WIDTH - 2.0 {
        (x + 2.0, "end")
    } else {
        (x, "middle")
    };
    w!(
        out,
        "<g class=\"current-year\" stroke=\"{CURRENT}\" fill=\"{CURRENT}\" stroke-width=\"1.5\">\
         <line x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{b}\" stroke-dasharray=\"4 2\"/>\
         <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"{anchor}\" font-size=\"{fs}\" stroke=\"none\">{label}</text>\
         <title>{title}</title></g>",
        x = N(x),
        t = N(top),
        b = N(bottom),
        tx = N(tx),
        ty = N(label_y),
        fs = N(SMALL),
        label = Esc(label),
        title = Esc(&year_text(year, lang)),
    );
}

/// The colour of the current-year line and its label (dark enough for text on white).
pub(crate) const CURRENT: &str = "#b30000";

/// What a legend entry shows beside its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    pub series: Series,
    /// A short piece of the series' line.
    pub line: bool,
    /// A point of the series.
    pub shape: Option<Shape>,
    pub hollow: bool,
    /// A bar, as the Gantt chart draws a period.
    pub bar: bool,
    /// Extra classes of the series' group (`series-earlier-2`).
    pub extra: &'static str,
}

impl Sample {
    pub(crate) fn line(series: Series, shape: Option<Shape>) -> Sample {
        Sample {
            series,
            line: true,
            shape,
            hollow: false,
            bar: false,
            extra: "",
        }
    }

    pub(crate) fn bar(series: Series) -> Sample {
        Sample {
            series,
            line: false,
            shape: None,
            hollow: false,
            bar: true,
            extra: "",
        }
    }

    pub(crate) fn point(series: Series, shape: Shape, hollow: bool) -> Sample {
        Sample {
            series,
            line: false,
            shape: Some(shape),
            hollow,
            bar: false,
            extra: "",
        }
    }
}

/// The legend: each entry a sample and its text, flowing left to right and wrapping to new
/// rows. Returns the height it took.
pub(crate) fn legend(out: &mut String, entries: &[(Sample, String)], top: f64) -> f64 {
    const SAMPLE: f64 = 26.0;
    const GAP: f64 = 14.0;
    const ROW: f64 = 18.0;
    let margin = 8.0;
    let max_text = WIDTH - 2.0 * margin - SAMPLE - 4.0;
    if entries.is_empty() {
        return 0.0;
    }
    out.push_str("<g class=\"legend\">");
    let mut x = margin;
    let mut y = top + ROW / 2.0;
    for (sample, text) in entries {
        let text = truncate(text, max_text, FONT);
        let width = SAMPLE + 4.0 + text_width(&text, FONT);
        if x > margin && x + width > WIDTH - margin {
            x = margin;
            y += ROW;
        }
        let s = sample.series;
        s.open(out, sample.extra);
        if sample.bar {
            w!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" rx=\"2\"/>",
                N(x + 2.0),
                N(y - 4.0),
                N(SAMPLE - 4.0)
            );
        }
        if sample.line {
            s.line(out, &[(x, y), (x + SAMPLE, y)]);
        }
        if let Some(shape) = sample.shape {
            marker(out, shape, (x + SAMPLE / 2.0, y), sample.hollow, "", None);
        }
        out.push_str("</g>");
        w!(
            out,
            "<text x=\"{}\" y=\"{}\" {TEXT}>{}</text>",
            N(x + SAMPLE + 4.0),
            N(y + FONT * 0.35),
            Esc(&text)
        );
        x += width + GAP;
    }
    out.push_str("</g>");
    y + ROW / 2.0 - top
}
