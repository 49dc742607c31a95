//! The canonical form's own reader: the text [`write_plan`](super::write_plan) writes, read in
//! one pass into the file's structs, without the TOML reader's tree.
//!
//! Every plan file `shinchoku` writes (`extract --format toml`, `bench-data`, the exports) is in
//! this form, and reading them is most of what `evaluate` does with plan files: the general TOML
//! reader spent about half of its time there building a tree of spanned values that the plan
//! structs then took apart. This reader knows only the form: the section headers and keys the
//! writer writes, values laid out as the writer lays them out (`key = value`, inline tables as
//! `{ k = v, k = v }`, arrays on one line or one item per line, strings with the escapes the
//! writer uses, numbers without `+`, `_` or exponents), nothing else. Anything outside it — a
//! comment, another spacing, a quoted key, a key given twice, an unknown key, a missing one, a
//! value of another type — makes it answer `None`, and [`read_plan`](super::read_plan) reads the
//! file with the TOML reader as before. It never decides that a file is wrong: errors, and their
//! places, always come from the TOML path.
//!
//! What it gives is what the TOML reader gives for the same text: the same values, and spans
//! over the same text (the float's span is read back as the number written). A plan read this
//! way is used only when it converts without a single problem; the property tests and the
//! `planfile` fuzz target hold `read_plan` to the TOML path's answer on every text.

use std::ops::Range;

use toml::Spanned;

use super::{
    BaselineDe, FileDe, GradeDe, GradingDe, IndicatorDe, IssuerDe, LinkDe, MemberDe, NodeDe, Num,
    ObservationDe, OrganizationDe, PeriodList, PeriodTable, PlanDe, RatioDe, RoadmapDe, SchemeDe,
    TargetDe,
};

/// The file's structs, or `None` when the text is not in the canonical form.
pub(super) fn parse(text: &str) -> Option<FileDe> {
    let mut p = Cursor { text, at: 0 };
    let mut file = Sections::default();
    while p.at < text.len() {
        if p.eat("\n") {
            continue;
        }
        p.section(&mut file)?;
    }
    file.finish()
}

/// The sections as they are read; `None` fields are keys not (yet) seen.
#[derive(Default)]
struct Sections {
    plan: Option<(Range<usize>, PlanB)>,
    grading_table: bool,
    nodes: Vec<Spanned<NodeDe>>,
    links: Vec<Spanned<LinkDe>>,
    indicators: Vec<Spanned<IndicatorDe>>,
    roadmap: Vec<Spanned<RoadmapDe>>,
    organizations: Vec<Spanned<OrganizationDe>>,
    members: Vec<Spanned<MemberDe>>,
}

impl Sections {
    fn finish(self) -> Option<FileDe> {
        let (span, plan) = self.plan?;
        Some(FileDe {
            plan: Spanned::new(span, plan.finish()?),
            nodes: self.nodes,
            links: self.links,
            indicators: self.indicators,
            roadmap: self.roadmap,
            organizations: self.organizations,
            members: self.members,
        })
    }
}

#[derive(Default)]
struct PlanB {
    code: Option<Spanned<String>>,
    title: Option<String>,
    period: Option<Spanned<String>>,
    fiscal_year_start_month: Option<Spanned<Num>>,
    grading: Option<Spanned<GradingDe>>,
    actuals_from_lineage: Option<bool>,
    issuer: Option<IssuerDe>,
    source: Option<String>,
}

impl PlanB {
    fn finish(self) -> Option<PlanDe> {
        Some(PlanDe {
            code: self.code?,
            title: self.title?,
            period: self.period,
            fiscal_year_start_month: self.fiscal_year_start_month,
            grading: self.grading,
            actuals_from_lineage: self.actuals_from_lineage,
            issuer: self.issuer,
            source: self.source,
        })
    }
}

/// Sets a key's value once: a key given twice is not the canonical form (and an error to TOML).
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// Where the reader is in the text.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &'t str {
        self.text.get(self.at..).unwrap_or("")
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Steps over `s` if the text goes on with it.
    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.at += s.len();
            true
        } else {
            false
        }
    }

    fn need(&mut self, s: &str) -> Option<()> {
        self.eat(s).then_some(())
    }

    /// The end of a line, or of the text.
    fn end_of_line(&mut self) -> Option<()> {
        (self.eat("\n") || self.at == self.text.len()).then_some(())
    }

    /// A bare key (`[A-Za-z0-9_-]+`) and where it starts.
    fn key(&mut self) -> Option<(&'t str, usize)> {
        let start = self.at;
        let len = self
            .rest()
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
            .count();
        if len == 0 {
            return None;
        }
        self.at += len;
        Some((self.text.get(start..self.at)?, start))
    }

    /// One section: its header line and its `key = value` lines, up to a blank line or the end.
    fn section(&mut self, file: &mut Sections) -> Option<()> {
        let start = self.at;
        let line_end = self
            .rest()
            .find('\n')
            .map_or(self.text.len(), |i| self.at + i);
        let header = self.text.get(self.at..line_end)?;
        self.at = line_end;
        self.end_of_line()?;
        let span = start..line_end;
        match header {
            "[plan]" => {
                if file.plan.is_some() {
                    return None;
                }
                let mut plan = PlanB::default();
                self.keys(|p, key, _| p.plan_key(&mut plan, key))?;
                file.plan = Some((span, plan));
            }
            "[plan.grading]" => {
                // After `[plan]` and only once; `grading = "…"` there as well is a key twice.
                let (_, plan) = file.plan.as_mut()?;
                if file.grading_table {
                    return None;
                }
                file.grading_table = true;
                let mut b = SchemeB::default();
                self.keys(|p, key, _| p.scheme_key(&mut b, key))?;
                once(&mut plan.grading, Spanned::new(span, b.finish()?))?;
            }
            "[[nodes]]" => {
                let mut b = NodeB::default();
                self.keys(|p, key, _| p.node_key(&mut b, key))?;
                file.nodes.push(Spanned::new(span, b.finish()?));
            }
            "[[links]]" => {
                let (mut from, mut to, mut kind) = (None, None, None);
                self.keys(|p, key, _| match key {
                    "from" => once(&mut from, p.spanned_string()?),
                    "to" => once(&mut to, p.spanned_string()?),
                    "kind" => once(&mut kind, p.spanned_string()?),
                    _ => None,
                })?;
                let link = LinkDe {
                    from: from?,
                    to: to?,
                    kind: kind?,
                };
                file.links.push(Spanned::new(span, link));
            }
            "[[indicators]]" => {
                let mut b = IndicatorB::default();
                self.keys(|p, key, _| p.indicator_key(&mut b, key))?;
                file.indicators.push(Spanned::new(span, b.finish()?));
            }
            "[[roadmap]]" => {
                let mut b = RoadmapB::default();
                self.keys(|p, key, _| p.roadmap_key(&mut b, key))?;
                let item = RoadmapDe {
                    node: b.node,
                    title: b.title?,
                    start: b.start,
                    end: b.end,
                    notes: b.notes,
                };
                file.roadmap.push(Spanned::new(span, item));
            }
            "[[organizations]]" => {
                let (mut name, mut roles) = (None, None);
                self.keys(|p, key, _| match key {
                    "name" => once(&mut name, p.string()?),
                    "roles" => once(&mut roles, p.strings()?),
                    _ => None,
                })?;
                let o = OrganizationDe {
                    name: name?,
                    roles: roles.unwrap_or_default(),
                };
                file.organizations.push(Spanned::new(span, o));
            }
            "[[members]]" => {
                let (mut organization, mut position, mut name, mut reading) =
                    (None, None, None, None);
                self.keys(|p, key, _| match key {
                    "organization" => once(&mut organization, p.string()?),
                    "position" => once(&mut position, p.string()?),
                    "name" => once(&mut name, p.string()?),
                    "reading" => once(&mut reading, p.string()?),
                    _ => None,
                })?;
                let m = MemberDe {
                    organization,
                    position,
                    name: name?,
                    reading,
                };
                file.members.push(Spanned::new(span, m));
            }
            _ => return None,
        }
        Some(())
    }

    /// The `key = value` lines of a section, each value read by `value`, up to a blank line,
    /// the next header or the end of the text.
    fn keys(&mut self, mut value: impl FnMut(&mut Self, &str, usize) -> Option<()>) -> Option<()> {
        while !matches!(self.peek(), None | Some(b'\n' | b'[')) {
            let (key, at) = self.key()?;
            self.need(" = ")?;
            value(self, key, at)?;
            self.end_of_line()?;
        }
        Some(())
    }

    fn plan_key(&mut self, b: &mut PlanB, key: &str) -> Option<()> {
        match key {
            "code" => once(&mut b.code, self.spanned_string()?),
            "title" => once(&mut b.title, self.string()?),
            "period" => once(&mut b.period, self.spanned_string()?),
            "fiscal_year_start_month" => once(&mut b.fiscal_year_start_month, self.number()?),
            "grading" => {
                let (name, span) = self.string_at()?;
                once(&mut b.grading, Spanned::new(span, GradingDe::Named(name)))
            }
            "actuals_from_lineage" => once(&mut b.actuals_from_lineage, self.boolean()?),
            "issuer" => {
                let (mut name, mut code) = (None, None);
                self.inline(|p, key, _| match key {
                    "name" => once(&mut name, p.string()?),
                    "code" => once(&mut code, p.string()?),
                    _ => None,
                })?;
                let issuer = IssuerDe { name: name?, code };
                once(&mut b.issuer, issuer)
            }
            "source" => once(&mut b.source, self.string()?),
            _ => None,
        }
    }

    fn scheme_key(&mut self, b: &mut SchemeB, key: &str) -> Option<()> {
        match key {
            "name" => once(&mut b.name, self.string()?),
            "timing" => once(&mut b.timing, self.spanned_string()?),
            "grades" => {
                let mut grades = Vec::new();
                self.array(|p| {
                    let start = p.at;
                    let (mut label, mut name, mut rule) = (None, None, None);
                    p.inline(|p, key, _| match key {
                        "label" => once(&mut label, p.string()?),
                        "name" => once(&mut name, p.string()?),
                        "rule" => once(&mut rule, p.spanned_string()?),
                        _ => None,
                    })?;
                    let grade = GradeDe {
                        label: label?,
                        name: name?,
                        rule: rule?,
                    };
                    grades.push(Spanned::new(start..p.at, grade));
                    Some(())
                })?;
                once(&mut b.grades, grades)
            }
            _ => None,
        }
    }

    fn node_key(&mut self, b: &mut NodeB, key: &str) -> Option<()> {
        match key {
            "id" => once(&mut b.id, self.spanned_string()?),
            "parent" => once(&mut b.parent, self.spanned_string()?),
            "label" => once(&mut b.label, self.string()?),
            "kind" => once(&mut b.kind, self.string()?),
            "title" => once(&mut b.title, self.string()?),
            "body" => once(&mut b.body, self.string()?),
            "marker" => once(&mut b.marker, self.spanned_string()?),
            "old_title" => once(&mut b.old_title, self.spanned_string()?),
            "weight" => once(&mut b.weight, self.number()?),
            _ => None,
        }
    }

    fn indicator_key(&mut self, b: &mut IndicatorB, key: &str) -> Option<()> {
        match key {
            "id" => once(&mut b.id, self.spanned_string()?),
            "node" => once(&mut b.node, self.spanned_string()?),
            "name" => once(&mut b.name, self.string()?),
            "unit" => once(&mut b.unit, self.string()?),
            "kind" => once(&mut b.kind, self.spanned_string()?),
            "direction" => once(&mut b.direction, self.spanned_string()?),
            "comparator" => once(&mut b.comparator, self.spanned_string()?),
            "baseline" => {
                let mut v = BaselineDe {
                    value: None,
                    period: None,
                    stat: None,
                    note: None,
                    state: None,
                };
                self.inline(|p, key, _| match key {
                    "value" => once(&mut v.value, p.number()?),
                    "period" => once(&mut v.period, p.spanned_string()?),
                    "stat" => once(&mut v.stat, p.spanned_string()?),
                    "note" => once(&mut v.note, p.string()?),
                    "state" => once(&mut v.state, p.string()?),
                    _ => None,
                })?;
                once(&mut b.baseline, v)
            }
            "target" => {
                let mut v = TargetDe {
                    value: None,
                    period: None,
                    text: None,
                };
                self.inline(|p, key, _| match key {
                    "value" => once(&mut v.value, p.number()?),
                    "period" => once(&mut v.period, p.spanned_string()?),
                    "text" => once(&mut v.text, p.string()?),
                    _ => None,
                })?;
                once(&mut b.target, v)
            }
            "yearly_targets" => {
                let entries = self.period_list(Self::number)?;
                once(&mut b.yearly_targets, PeriodList(entries))
            }
            "observations" => {
                let entries = self.period_table(Self::number)?;
                once(&mut b.observations, PeriodTable(entries))
            }
            "observation_details" => {
                let mut rows = Vec::new();
                self.array(|p| {
                    let start = p.at;
                    let (mut period, mut value, mut status, mut as_of) = (None, None, None, None);
                    p.inline(|p, key, _| match key {
                        "period" => once(&mut period, p.spanned_string()?),
                        "value" => once(&mut value, p.number()?),
                        "status" => once(&mut status, p.spanned_string()?),
                        "as_of" => once(&mut as_of, p.spanned_string()?),
                        _ => None,
                    })?;
                    let row = ObservationDe {
                        period: period?,
                        value: value?,
                        status,
                        as_of,
                    };
                    rows.push(Spanned::new(start..p.at, row));
                    Some(())
                })?;
                once(&mut b.observation_details, rows)
            }
            "states" => once(&mut b.states, self.strings()?),
            "category" => once(&mut b.category, self.string()?),
            "source" => once(&mut b.source, self.string()?),
            "note" => once(&mut b.note, self.string()?),
            "series_key" => once(&mut b.series_key, self.string()?),
            "ratio" => {
                let (mut numerator, mut denominator, mut factor) = (None, None, None);
                self.inline(|p, key, _| match key {
                    "numerator" => once(&mut numerator, p.string()?),
                    "denominator" => once(&mut denominator, p.string()?),
                    "factor" => once(&mut factor, p.number()?),
                    _ => None,
                })?;
                let ratio = RatioDe {
                    numerator: numerator?,
                    denominator: denominator?,
                    factor,
                };
                once(&mut b.ratio, ratio)
            }
            _ => None,
        }
    }

    fn roadmap_key(&mut self, b: &mut RoadmapB, key: &str) -> Option<()> {
        match key {
            "node" => once(&mut b.node, self.spanned_string()?),
            "title" => once(&mut b.title, self.string()?),
            "start" => once(&mut b.start, self.spanned_string()?),
            "end" => once(&mut b.end, self.spanned_string()?),
            "notes" => {
                let entries = self.period_list(Self::spanned_string)?;
                once(&mut b.notes, PeriodList(entries))
            }
            _ => None,
        }
    }

    // --- values ---

    /// An inline table as the writer writes it, `{}` or `{ k = v, k = v }`; `value` reads each
    /// key's value and refuses a key it does not know.
    fn inline(
        &mut self,
        mut value: impl FnMut(&mut Self, &str, usize) -> Option<()>,
    ) -> Option<()> {
        if self.eat("{}") {
            return Some(());
        }
        self.need("{ ")?;
        loop {
            let (key, at) = self.key()?;
            self.need(" = ")?;
            value(self, key, at)?;
            if self.eat(" }") {
                return Some(());
            }
            self.need(", ")?;
        }
    }

    /// An array as the writer writes it: `[]`, `[a, b]` on one line, or one item a line
    /// (`[\n  a,\n  b,\n]`).
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        if self.eat("[]") {
            return Some(());
        }
        if self.eat("[\n") {
            while !self.eat("]") {
                self.need("  ")?;
                item(self)?;
                self.need(",\n")?;
            }
            return Some(());
        }
        self.need("[")?;
        loop {
            item(self)?;
            if self.eat("]") {
                return Some(());
            }
            self.need(", ")?;
        }
    }

    /// `["a", "b"]`.
    fn strings(&mut self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        self.array(|p| {
            out.push(p.string()?);
            Some(())
        })?;
        Some(out)
    }

    /// `{ PERIOD = value, … }`, each key once, in the order written.
    fn period_table<V>(
        &mut self,
        mut value: impl FnMut(&mut Self) -> Option<Spanned<V>>,
    ) -> Option<Vec<(Spanned<String>, Spanned<V>)>> {
        let mut out: Vec<(Spanned<String>, Spanned<V>)> = Vec::new();
        self.inline(|p, key, at| {
            if out.iter().any(|(k, _)| k.get_ref() == key) {
                return None;
            }
            let v = value(p)?;
            out.push((Spanned::new(at..at + key.len(), key.to_owned()), v));
            Some(())
        })?;
        Some(out)
    }

    /// A [`period_table`](Self::period_table) or `[{ period = "…", value = … }, …]`.
    fn period_list<V>(
        &mut self,
        mut value: impl FnMut(&mut Self) -> Option<Spanned<V>>,
    ) -> Option<Vec<(Spanned<String>, Spanned<V>)>> {
        if self.peek() == Some(b'{') {
            return self.period_table(value);
        }
        let mut out = Vec::new();
        self.array(|p| {
            let (mut period, mut v) = (None, None);
            p.inline(|p, key, _| match key {
                "period" => once(&mut period, p.spanned_string()?),
                "value" => once(&mut v, value(p)?),
                _ => None,
            })?;
            out.push((period?, v?));
            Some(())
        })?;
        Some(out)
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.eat("true") {
            Some(true)
        } else if self.eat("false") {
            Some(false)
        } else {
            None
        }
    }

    /// A number: `-?(0|[1-9][0-9]*)` within `i64`, the same with `.[0-9]+` (a float, finite),
    /// or a basic string (a decimal string, checked later like every other).
    fn number(&mut self) -> Option<Spanned<Num>> {
        if self.peek() == Some(b'"') {
            let (s, span) = self.string_at()?;
            return Some(Spanned::new(span, Num::Text(s)));
        }
        let start = self.at;
        let bytes = self.rest().as_bytes();
        let sign = usize::from(bytes.first() == Some(&b'-'));
        let digits = |from: usize| {
            bytes
                .get(from..)
                .map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count())
        };
        let int = digits(sign);
        // TOML allows no leading zero, and a number runs to the end of its value.
        if int == 0 || (int > 1 && bytes.get(sign) == Some(&b'0')) {
            return None;
        }
        let mut len = sign + int;
        let float = bytes.get(len) == Some(&b'.');
        if float {
            let frac = digits(len + 1);
            if frac == 0 {
                return None;
            }
            len += 1 + frac;
        }
        if bytes
            .get(len)
            .is_some_and(|b| !matches!(b, b'\n' | b',' | b' ' | b']'))
        {
            return None;
        }
        let raw = self.text.get(start..start + len)?;
        self.at += len;
        let num = if float {
            let x = raw.parse::<f64>().ok().filter(|x| x.is_finite())?;
            Num::Float(x)
        } else {
            Num::Int(raw.parse::<i64>().ok()?)
        };
        Some(Spanned::new(start..self.at, num))
    }

    fn string(&mut self) -> Option<String> {
        self.string_at().map(|(s, _)| s)
    }

    fn spanned_string(&mut self) -> Option<Spanned<String>> {
        self.string_at().map(|(s, span)| Spanned::new(span, s))
    }

    /// A basic string on one line, or a multi-line one (`"""` and a line break) where the
    /// writer puts one, with the span of its quotes and all.
    fn string_at(&mut self) -> Option<(String, Range<usize>)> {
        let start = self.at;
        let multi = self.eat("\"\"\"\n");
        if !multi {
            self.need("\"")?;
        }
        let mut out = String::new();
        loop {
            // The run of characters that stand for themselves, then what ends it.
            let rest = self.rest();
            let run = rest
                .bytes()
                .position(|b| ends_run(b, multi))
                .unwrap_or(rest.len());
            out.push_str(rest.get(..run)?);
            self.at += run;
            match self.peek()? {
                b'"' => {
                    if multi {
                        // The writer escapes every quote: the closing `"""` and nothing after.
                        self.need("\"\"\"")?;
                        if self.peek() == Some(b'"') {
                            return None;
                        }
                    } else {
                        self.at += 1;
                    }
                    return Some((out, start..self.at));
                }
                b'\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                // A raw control character (a tab, a carriage return, …): left to TOML.
                _ => return None,
            }
        }
    }

    /// The character of an escape, the backslash read: the ones the writer writes.
    fn escape(&mut self) -> Option<char> {
        let c = match self.peek()? {
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' => {
                let hex = self.text.get(self.at + 1..self.at + 5)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                self.at += 5;
                return Some(c);
            }
            _ => return None,
        };
        self.at += 1;
        Some(c)
    }
}

/// A C1 control character (U+0080 to U+009F), which TOML takes as it is in a string.
/// True for a byte of a string's text that ends a run of characters that stand for
/// themselves: a quote, a backslash, or a control character, except C1's (U+0080–U+009F,
/// which TOML takes as they are) and, in a multi-line string, the line break. Those are
/// U+0000–U+001F and U+007F: ASCII, and UTF-8 never has an ASCII byte inside a character,
/// so the text is scanned byte by byte without decoding it (what
/// `tests::a_byte_ends_a_run_where_its_character_does` holds to the rule on characters).
fn ends_run(b: u8, multi: bool) -> bool {
    matches!(b, b'"' | b'\\') || ((b < 0x20 || b == 0x7f) && !(multi && b == b'\n'))
}

#[derive(Default)]
struct SchemeB {
    name: Option<String>,
    timing: Option<Spanned<String>>,
    grades: Option<Vec<Spanned<GradeDe>>>,
}

impl SchemeB {
    fn finish(self) -> Option<GradingDe> {
        Some(GradingDe::Custom(SchemeDe {
            name: self.name?,
            timing: self.timing,
            grades: self.grades?,
        }))
    }
}

#[derive(Default)]
struct NodeB {
    id: Option<Spanned<String>>,
    parent: Option<Spanned<String>>,
    label: Option<String>,
    kind: Option<String>,
    title: Option<String>,
    body: Option<String>,
    marker: Option<Spanned<String>>,
    old_title: Option<Spanned<String>>,
    weight: Option<Spanned<Num>>,
}

impl NodeB {
    fn finish(self) -> Option<NodeDe> {
        Some(NodeDe {
            id: self.id?,
            parent: self.parent,
            label: self.label,
            kind: self.kind,
            title: self.title?,
            body: self.body,
            marker: self.marker,
            old_title: self.old_title,
            weight: self.weight,
        })
    }
}

#[derive(Default)]
struct IndicatorB {
    id: Option<Spanned<String>>,
    node: Option<Spanned<String>>,
    name: Option<String>,
    unit: Option<String>,
    kind: Option<Spanned<String>>,
    direction: Option<Spanned<String>>,
    comparator: Option<Spanned<String>>,
    baseline: Option<BaselineDe>,
    target: Option<TargetDe>,
    yearly_targets: Option<PeriodList<Num>>,
    observations: Option<PeriodTable<Num>>,
    observation_details: Option<Vec<Spanned<ObservationDe>>>,
    states: Option<Vec<String>>,
    category: Option<String>,
    source: Option<String>,
    note: Option<String>,
    series_key: Option<String>,
    ratio: Option<RatioDe>,
}

impl IndicatorB {
    fn finish(self) -> Option<IndicatorDe> {
        Some(IndicatorDe {
            id: self.id?,
            node: self.node,
            name: self.name?,
            unit: self.unit.unwrap_or_default(),
            kind: self.kind?,
            direction: self.direction,
            comparator: self.comparator,
            baseline: self.baseline,
            target: self.target,
            yearly_targets: self.yearly_targets,
            observations: self.observations,
            observation_details: self.observation_details,
            states: self.states.unwrap_or_default(),
            category: self.category,
            source: self.source,
            note: self.note,
            series_key: self.series_key,
            ratio: self.ratio,
        })
    }
}

#[derive(Default)]
struct RoadmapB {
    node: Option<Spanned<String>>,
    title: Option<String>,
    start: Option<Spanned<String>>,
    end: Option<Spanned<String>>,
    notes: Option<PeriodList<String>>,
}

#[cfg(test)]
mod tests;
