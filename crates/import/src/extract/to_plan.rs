//! An accepted extraction → a core [`Plan`], and so the plan file a user corrects by hand.
//!
//! `shinchoku extract DOC --format toml` prints [`to_plan_file`]: the draft in the canonical,
//! hand-editable form (DESIGN.md → Plan file), which `shinchoku import` reads back. What
//! becomes what:
//!
//! - **Title, code, issuer**: the title the document prints, gives itself or is given a name
//!   from ([`super::title`]), and its code from that title, its issuer and its date
//!   ([`crate::naming::plan_code`]: `yamaguchi-commerce-industry-2022`); a document with no
//!   title at all is named after its file, and coded by the file's stem
//!   ([`crate::naming::file_code`]: `004_af65…txt` → `004-af65…`). The issuer as found
//!   ([`super::issuer`]).
//! - **Nodes, links, roadmap, organisations, members** as extracted. A node's `修正` marker
//!   carries its old title.
//! - **Indicators** as extracted (the definition printed with a name becomes the `note`).
//! - **Progress entries** (`name：actual/target`) become observations of the indicator of the
//!   same name, or of an indicator made for them (per project and name: name, unit, target,
//!   `milestone` for a state entry). An observation is dated by the entry's as-of note, else
//!   the document's: a month (`R1.8`) is a provisional mid-year count as of that month, a
//!   year (`H30`) a final value for the year.
//! - **Series** from data tables become the observations of the indicator of the same name
//!   (their targets its yearly targets), converted to its unit; a series that names no
//!   indicator becomes a `monitor` indicator of its own (or a `level` one with yearly targets
//!   when the table pairs targets with actuals), so no figure of the document is lost.
//!
//! Guarantee: the plan returned is sound — [`Plan::check`] is empty and every roadmap item names
//! a node — so `read_plan(&to_plan_file(ex))` succeeds for every extraction. Whatever had to be
//! changed for that (a duplicate id renamed, a reference to no node dropped, a value in a unit
//! that does not convert left out) is reported by [`to_plan_with_warnings`], at its line.

use std::collections::{HashMap, HashSet};

use shinchoku_core::indicator::{
    Baseline, BaselineStat, Comparator, Indicator, IndicatorKind, Observation, ObservationStatus,
    ObservedValue, Target, YearlyTarget, DEFAULT_MILESTONE_STATES,
};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::{
    Issuer, Link, LinkKind, Marker, Member, Node, Organization, Plan, PlanIndicator, RoadmapItem,
};
use shinchoku_core::quantity::Unit;
use shinchoku_core::text::fold_printed_name;
use shinchoku_core::Decimal;

use super::model::{Extraction, IndicatorOut, ProgressEntry, SeriesOut, ValueAt, Warning};
use super::scan::label_number;
use crate::naming;

/// The plan an extraction describes (see the module doc).
pub fn to_plan(ex: &Extraction) -> Plan {
    to_plan_with_warnings(ex).0
}

/// The plan file (TOML) of [`to_plan`]: what `shinchoku extract --format toml` prints.
pub fn to_plan_file(ex: &Extraction) -> String {
    crate::planfile::write_plan(&to_plan(ex))
}

/// [`to_plan`], with a warning for everything that had to be renamed, dropped or left out to
/// make the plan sound.
pub fn to_plan_with_warnings(ex: &Extraction) -> (Plan, Vec<Warning>) {
    let issuer = ex.plan.issuer.as_ref().map(|i| Issuer {
        name: i.name.clone(),
        code: i.code.clone(),
    });
    let (code, title) = match ex.plan.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => {
            let date = ex.plan.as_of.or(ex.plan.period);
            (naming::plan_code(t, issuer.as_ref(), date), t.to_owned())
        }
        _ => {
            let t = naming::file_name(&ex.document);
            (naming::file_code(&ex.document, t), t.to_owned())
        }
    };
    let mut b = Builder::new(Plan::new(code, title), ex);
    b.plan.issuer = issuer;
    b.plan.period = ex.plan.period;
    // `-` is standard input: no source to name.
    b.plan.source = Some(ex.document.clone()).filter(|s| !s.is_empty() && s != "-");
    b.nodes(ex);
    b.index_nodes();
    b.links(ex);
    for ind in &ex.indicators {
        b.indicator(ind);
    }
    for e in &ex.progress_entries {
        b.entry(ex, e);
    }
    for s in &ex.series {
        b.series(ex, s);
    }
    b.roadmap(ex);
    b.plan.organizations = ex
        .organizations
        .iter()
        .map(|o| Organization {
            name: o.name.clone(),
            roles: o.roles.clone(),
        })
        .collect();
    b.plan.members = ex
        .members
        .iter()
        .map(|m| Member {
            organization: m.organization.clone(),
            position: m.position.clone(),
            name: m.name.clone(),
            reading: m.reading.clone(),
        })
        .collect();
    b.milestone_states();
    // The construction above makes the plan sound. `Plan::check` is not run here to prove
    // it: it compares every node with every other, which on a document of many thousand
    // nodes costs seconds; the tests, the property tests and the fuzz target check it instead.
    (b.plan, b.warnings)
}

/// The name an indicator is matched by: compacted, with a trailing `(累計)` dropped (it is the
/// kind, not the name).
fn match_name(name: &str) -> String {
    let c = fold_printed_name(name);
    c.strip_suffix("(累計)").map(str::to_owned).unwrap_or(c)
}

#[derive(Debug)]
struct Builder {
    plan: Plan,
    warnings: Vec<Warning>,
    /// Extraction node id → plan node id (the first node of an id, for duplicates).
    node_ids: HashMap<String, String>,
    node_id_pool: Ids,
    indicator_id_pool: Ids,
    /// Match name → index into `plan.indicators` (the first of a name).
    by_name: HashMap<String, usize>,
    /// (project number, match name) → index, for indicators made from progress entries.
    by_entry: HashMap<(Option<u32>, String), usize>,
    /// (match name, a `(累計)` row) → index, for indicators made from series.
    by_series: HashMap<(String, bool), usize>,
    /// Compact node title → node id, and label number → node id (see `index_nodes`).
    node_by_title: HashMap<String, String>,
    node_by_number: HashMap<u32, String>,
}

impl Builder {
    fn new(plan: Plan, ex: &Extraction) -> Self {
        Builder {
            plan,
            warnings: Vec::new(),
            node_ids: HashMap::new(),
            node_id_pool: Ids::new("n", ex.nodes.iter().map(|n| n.id.as_str())),
            indicator_id_pool: Ids::new("i", ex.indicators.iter().map(|i| i.id.as_str())),
            by_name: HashMap::new(),
            by_entry: HashMap::new(),
            by_series: HashMap::new(),
            node_by_title: HashMap::new(),
            node_by_number: HashMap::new(),
        }
    }
}

/// The ids of one kind (nodes or indicators): the extraction's own are kept where they are
/// usable and first; the others get `{prefix}{n}` ids that no extracted item uses, so a
/// renamed item never takes the id of a later one.
#[derive(Debug)]
struct Ids {
    prefix: &'static str,
    /// Every id the extraction gives, taken or not yet.
    reserved: HashSet<String>,
    taken: HashSet<String>,
    next: usize,
}

impl Ids {
    fn new<'a>(prefix: &'static str, extracted: impl Iterator<Item = &'a str>) -> Self {
        Ids {
            prefix,
            reserved: extracted.map(|s| s.trim().to_owned()).collect(),
            taken: HashSet::new(),
            next: 0,
        }
    }

    /// `wanted` if it is a usable id not yet taken, else a fresh one.
    fn assign(&mut self, wanted: &str) -> String {
        let wanted = wanted.trim();
        if !wanted.is_empty() && self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        loop {
            self.next += 1;
            let id = format!("{}{}", self.prefix, self.next);
            if !self.reserved.contains(&id) && self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

impl Builder {
    fn warn(&mut self, line: usize, code: &str, message: String) {
        self.warnings.push(Warning {
            line,
            code: code.to_owned(),
            message,
            evidence: None,
        });
    }

    fn node_id(&self, extracted: &str) -> Option<String> {
        self.node_ids.get(extracted).cloned()
    }

    /// A node reference that must resolve, or be dropped with a warning.
    fn node_ref(&mut self, id: Option<&str>, line: usize, what: &str) -> Option<String> {
        let id = id?;
        let found = self.node_id(id);
        if found.is_none() {
            self.warn(
                line,
                "dropped_reference",
                format!("{what} refers to node {id:?}, which is not in the plan: left out"),
            );
        }
        found
    }

    fn nodes(&mut self, ex: &Extraction) {
        for n in &ex.nodes {
            let id = self.node_id_pool.assign(&n.id);
            if id != n.id {
                self.warn(
                    n.line,
                    "duplicate_id",
                    format!("node id {:?} is empty or used before: renamed {id:?}", n.id),
                );
            }
            // Only nodes already placed can be parents, so the tree has no cycle.
            let parent = match &n.parent {
                None => None,
                Some(p) => {
                    let found = self.node_id(p);
                    if found.is_none() {
                        self.warn(
                            n.line,
                            "dropped_reference",
                            format!(
                                "the parent {p:?} of node {:?} is no node before it: the node \
                                 is placed at the top",
                                n.id
                            ),
                        );
                    }
                    found
                }
            };
            self.node_ids
                .entry(n.id.clone())
                .or_insert_with(|| id.clone());
            let marker = match n.marker.as_deref() {
                None => None,
                Some("new") => Some(Marker::New),
                Some("modified") => Some(Marker::Modified {
                    old_title: n.old_title.clone(),
                }),
                Some("relisted") => Some(Marker::Relisted),
                Some(other) => {
                    self.warn(
                        n.line,
                        "unknown_marker",
                        format!(
                            "node {:?}: {other:?} is not a revision marker (new, modified, \
                             relisted): left out",
                            n.id
                        ),
                    );
                    None
                }
            };
            self.plan.nodes.push(Node {
                weight: None,
                id,
                parent,
                kind: n.kind.clone(),
                label: n.label.clone(),
                title: n.title.clone(),
                body: n.body.clone(),
                marker,
            });
        }
    }

    fn links(&mut self, ex: &Extraction) {
        let mut seen = HashSet::new();
        for l in &ex.links {
            let Some(kind) = LinkKind::parse(&l.kind) else {
                self.warn(
                    l.line,
                    "unknown_link_kind",
                    format!(
                        "{:?} is not a link kind (corresponds, related, relisted): the link \
                         {} → {} is left out",
                        l.kind, l.from, l.to
                    ),
                );
                continue;
            };
            let from = self.node_ref(Some(&l.from), l.line, "a link");
            let to = self.node_ref(Some(&l.to), l.line, "a link");
            if let (Some(from), Some(to)) = (from, to) {
                if seen.insert((from.clone(), to.clone(), kind)) {
                    self.plan.links.push(Link { from, to, kind });
                }
            }
        }
    }

    /// Adds an indicator, giving it a free id; returns its index. `by_name`: whether later
    /// progress entries and series may find it by its name.
    fn push_indicator(
        &mut self,
        wanted_id: &str,
        line: usize,
        mut pi: PlanIndicator,
        by_name: bool,
    ) -> usize {
        let id = self.indicator_id_pool.assign(wanted_id);
        if !wanted_id.is_empty() && id != wanted_id {
            self.warn(
                line,
                "duplicate_id",
                format!("indicator id {wanted_id:?} is used before: renamed {id:?}"),
            );
        }
        pi.indicator.id = id;
        let index = self.plan.indicators.len();
        if by_name {
            self.by_name
                .entry(match_name(&pi.indicator.name))
                .or_insert(index);
        }
        self.plan.indicators.push(pi);
        index
    }

    fn indicator(&mut self, ind: &IndicatorOut) {
        let node = self.node_ref(
            ind.node.as_deref(),
            ind.source_line,
            &format!("indicator {:?}", ind.name),
        );
        let pi = PlanIndicator {
            ratio: None,
            indicator: Indicator {
                id: String::new(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                kind: ind.kind,
                direction: ind.direction,
                comparator: ind.comparator,
                baseline: baseline(&ind.baseline),
                target: target(&ind.target),
                yearly_targets: ind
                    .yearly_targets
                    .iter()
                    .map(|&(period, value)| YearlyTarget { period, value })
                    .collect(),
                states: Vec::new(),
            },
            node,
            category: ind.category.clone(),
            source: ind.source.clone(),
            note: ind.definition.clone(),
            series_key: None,
            observations: Vec::new(),
        };
        self.push_indicator(&ind.id, ind.source_line, pi, true);
    }

    /// The node a progress entry's project is: the node titled with the project's name, else
    /// the first whose label carries the project's number.
    fn entry_node(&self, e: &ProgressEntry) -> Option<String> {
        let by_title = e
            .project
            .as_deref()
            .map(fold_printed_name)
            .and_then(|p| self.node_by_title.get(&p));
        by_title
            .or_else(|| self.node_by_number.get(&e.project_no?))
            .cloned()
    }

    /// Indexes the nodes by folded title and by label number (the first of each), for
    /// placing progress entries without a scan of the tree per entry.
    fn index_nodes(&mut self) {
        for n in &self.plan.nodes {
            let title = fold_printed_name(&n.title);
            if !title.is_empty() {
                self.node_by_title
                    .entry(title)
                    .or_insert_with(|| n.id.clone());
            }
            if let Some(no) = n.label.as_deref().and_then(label_number) {
                self.node_by_number
                    .entry(no)
                    .or_insert_with(|| n.id.clone());
            }
        }
    }

    fn entry(&mut self, ex: &Extraction, e: &ProgressEntry) {
        let name = match_name(&e.name);
        let is_state =
            e.actual.is_none() && e.actual_text.is_some() || e.kind.as_deref() == Some("milestone");
        let found = self
            .by_entry
            .get(&(e.project_no, name.clone()))
            .or_else(|| self.by_name.get(&name))
            .copied();
        let index = match found {
            Some(i) => i,
            None => {
                let kind = if is_state {
                    IndicatorKind::Milestone
                } else {
                    e.kind
                        .as_deref()
                        .and_then(|k| {
                            IndicatorKind::parse(k).or(match k {
                                "累計" => Some(IndicatorKind::Cumulative),
                                "単年" => Some(IndicatorKind::Annual),
                                _ => None,
                            })
                        })
                        .unwrap_or_default()
                };
                let comparator = e
                    .comparator
                    .as_deref()
                    .and_then(Comparator::parse)
                    .unwrap_or_default();
                let final_value = e.final_target.or(e.target);
                let mut yearly_targets = Vec::new();
                if let (Some(_), Some(year_target), Some(fy)) = (
                    e.final_target,
                    e.target,
                    e.as_of.or(ex.plan.as_of).and_then(fiscal_year),
                ) {
                    yearly_targets.push(YearlyTarget {
                        period: fy,
                        value: year_target,
                    });
                }
                let target = (final_value.is_some() || e.target_text.is_some()).then(|| Target {
                    value: final_value,
                    period: None,
                    text: e.target_text.clone(),
                });
                let pi = PlanIndicator {
                    indicator: Indicator {
                        id: String::new(),
                        name: e.name.clone(),
                        unit: e.unit.clone(),
                        kind,
                        comparator,
                        target,
                        yearly_targets,
                        ..Indicator::default()
                    },
                    node: self.entry_node(e),
                    ..PlanIndicator::default()
                };
                let i = self.push_indicator("", e.line, pi, true);
                self.by_entry.insert((e.project_no, name), i);
                i
            }
        };
        self.entry_observation(ex, e, index, is_state);
    }

    fn entry_observation(
        &mut self,
        ex: &Extraction,
        e: &ProgressEntry,
        index: usize,
        is_state: bool,
    ) {
        if e.actual.is_none() && e.actual_text.is_none() {
            return;
        }
        let Some(date) = e.as_of.or(ex.plan.as_of) else {
            self.warn(
                e.line,
                "undated_value",
                format!(
                    "{}: the value has no date (no as-of note, and the document states none): \
                     left out of the observations",
                    e.name
                ),
            );
            return;
        };
        let Some(pi) = self.plan.indicators.get(index) else {
            return;
        };
        let milestone = pi.indicator.kind == IndicatorKind::Milestone;
        let value = match (milestone, is_state, e.actual, e.actual_text.as_deref()) {
            (true, _, _, Some(state)) => ObservedValue::State(state.trim().to_owned()),
            (false, false, Some(v), _) => match in_unit(v, &e.unit, &pi.indicator.unit) {
                Some(v) => ObservedValue::Number(v),
                None => {
                    let msg = format!(
                        "{}: the value is in {:?} but the indicator in {:?}, which do not \
                             convert: left out",
                        e.name, e.unit, pi.indicator.unit
                    );
                    self.warn(e.line, "unit_mismatch", msg);
                    return;
                }
            },
            _ => {
                let msg = format!(
                    "{}: a {} value for a {} indicator: left out",
                    e.name,
                    if is_state { "state" } else { "numeric" },
                    pi.indicator.kind
                );
                self.warn(e.line, "kind_mismatch", msg);
                return;
            }
        };
        let (period, status, as_of) = dated(date);
        self.add_observation(
            index,
            Observation {
                period,
                value,
                status,
                as_of,
            },
            e.line,
        );
    }

    /// Adds an observation unless the indicator already has one for the period; a different
    /// value for the same period is reported.
    fn add_observation(&mut self, index: usize, o: Observation, line: usize) {
        let Some(pi) = self.plan.indicators.get_mut(index) else {
            return;
        };
        match pi.observations.iter().find(|x| x.period == o.period) {
            None => pi.observations.push(o),
            Some(x) if x.value == o.value => {}
            Some(x) => {
                let msg = format!(
                    "{}: {} is given as {} and as {}: the first is kept",
                    pi.indicator.name,
                    o.period,
                    shown(&x.value),
                    shown(&o.value)
                );
                self.warn(line, "conflicting_values", msg);
            }
        }
    }

    fn series(&mut self, ex: &Extraction, s: &SeriesOut) {
        // A `(累計)` row holds running totals, the row without it the year's counts: each
        // goes to an indicator that is taken that way, and two rows of one name stay apart.
        let cumulative = fold_printed_name(&s.name).ends_with("(累計)");
        let key = (match_name(&s.name), cumulative);
        let found = self.by_series.get(&key).copied().or_else(|| {
            self.by_name.get(&key.0).copied().filter(|&i| {
                self.plan
                    .indicators
                    .get(i)
                    .is_some_and(|pi| takes_series(pi.indicator.kind, cumulative))
            })
        });
        let index = match found {
            Some(i) => i,
            None => {
                let node = super::node_at(ex, s.line).and_then(|n| self.node_id(n));
                let name = if s.name.trim().is_empty() {
                    format!("系列 (line {})", s.line)
                } else {
                    s.name.clone()
                };
                let (kind, target) = match s.targets.last() {
                    None => (IndicatorKind::Monitor, None),
                    Some(&(period, value)) => (
                        IndicatorKind::Level,
                        Some(Target {
                            value: Some(value),
                            period: Some(period),
                            text: None,
                        }),
                    ),
                };
                let pi = PlanIndicator {
                    indicator: Indicator {
                        id: String::new(),
                        name,
                        unit: s.unit.clone(),
                        kind,
                        target,
                        ..Indicator::default()
                    },
                    node,
                    source: s.source.clone(),
                    ..PlanIndicator::default()
                };
                let i = self.push_indicator("", s.line, pi, false);
                self.by_series.insert(key, i);
                i
            }
        };
        let Some(pi) = self.plan.indicators.get(index) else {
            return;
        };
        let unit = pi.indicator.unit.clone();
        let convert = |v: Decimal, this: &mut Self| {
            let c = in_unit(v, &s.unit, &unit);
            if c.is_none() {
                this.warn(
                    s.line,
                    "unit_mismatch",
                    format!(
                        "{}: the series is in {:?} but the indicator in {unit:?}, which do not \
                         convert: {v} left out",
                        s.name, s.unit
                    ),
                );
            }
            c
        };
        for &(period, v) in &s.values {
            if let Some(v) = convert(v, self) {
                self.add_observation(index, Observation::number(period, v), s.line);
            }
        }
        for &(period, v) in &s.targets {
            if let Some(value) = convert(v, self) {
                if let Some(pi) = self.plan.indicators.get_mut(index) {
                    if !pi
                        .indicator
                        .yearly_targets
                        .iter()
                        .any(|t| t.period == period)
                    {
                        pi.indicator
                            .yearly_targets
                            .push(YearlyTarget { period, value });
                    }
                }
            }
        }
    }

    fn roadmap(&mut self, ex: &Extraction) {
        for r in &ex.roadmap {
            let node = self.node_ref(
                r.node.as_deref(),
                r.line,
                &format!("roadmap item {:?}", r.title),
            );
            self.plan.roadmap.push(RoadmapItem {
                node,
                title: r.title.clone(),
                start: r.start,
                end: r.end,
                notes: r.notes.clone(),
            });
        }
    }

    /// Gives a milestone the states its observations and target use when they are not the
    /// default ones: the default states, then the new ones met, the target's last (it is the
    /// state aimed at). Without this the plan would not check.
    fn milestone_states(&mut self) {
        for pi in &mut self.plan.indicators {
            let ind = &mut pi.indicator;
            if ind.kind != IndicatorKind::Milestone || !ind.states.is_empty() {
                continue;
            }
            let target_state = ind
                .target
                .as_ref()
                .and_then(|t| t.text.as_deref())
                .map(str::trim)
                .filter(|t| !t.is_empty());
            let mut states: Vec<String> = DEFAULT_MILESTONE_STATES
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
            let mut added = false;
            for o in &pi.observations {
                if let ObservedValue::State(s) = &o.value {
                    let s = s.trim();
                    if !states.iter().any(|x| x == s) && Some(s) != target_state {
                        // Below the target when the target is a known state.
                        let at = target_state
                            .and_then(|t| states.iter().position(|x| x == t))
                            .unwrap_or(states.len());
                        states.insert(at, s.to_owned());
                        added = true;
                    }
                }
            }
            if let Some(t) = target_state {
                if !states.iter().any(|x| x == t) {
                    states.push(t.to_owned());
                    added = true;
                }
            }
            if added {
                ind.states = states;
            }
        }
    }
}

/// Whether a series' values can be an indicator's observations: running totals (a `(累計)`
/// row) for a stock, the year's counts for a flow, numbers for anything but a milestone.
fn takes_series(kind: IndicatorKind, cumulative_row: bool) -> bool {
    match kind {
        IndicatorKind::Milestone => false,
        IndicatorKind::Cumulative => cumulative_row,
        IndicatorKind::PeriodTotal | IndicatorKind::Annual => !cumulative_row,
        IndicatorKind::Level | IndicatorKind::Monitor => true,
    }
}

fn baseline(v: &ValueAt) -> Option<Baseline> {
    if v.value.is_none() && v.period.is_none() && v.note.is_none() && v.stat.is_none() {
        return None;
    }
    Some(Baseline {
        value: v.value,
        period: v.period,
        stat: v
            .stat
            .as_deref()
            .and_then(BaselineStat::parse)
            .unwrap_or_default(),
        note: v.note.clone(),
        state: None,
    })
}

fn target(v: &ValueAt) -> Option<Target> {
    if v.value.is_none() && v.period.is_none() && v.note.is_none() {
        return None;
    }
    Some(Target {
        value: v.value,
        period: v.period,
        text: v.note.clone(),
    })
}

/// `value` (in `from`) in the unit `to`: the same when the units agree or `from` is not
/// printed, converted within a scale family (`万円` → `億円`), else `None`.
fn in_unit(value: Decimal, from: &str, to: &str) -> Option<Decimal> {
    let (from, to) = (Unit::new(from), Unit::new(to));
    if from.is_empty() || from == to {
        Some(value)
    } else {
        Unit::convert(value, &from, &to)
    }
}

/// An observation's period, status and as-of date from the date a value is given for. A
/// year (`H30`) is the year's figure. A month or a day is a count during the year, provisional,
/// as of that date (`R1.8`) — except in the fiscal year's last month (`令和2年3月末時点`),
/// where it is the year's own figure.
fn dated(date: Period) -> (Period, ObservationStatus, Option<Period>) {
    let year_end = match date {
        Period::Month { month, .. } | Period::Date { month, .. } => {
            let last = (FiscalStart::default().month() + 10) % 12 + 1;
            if month == last {
                fiscal_year(date)
            } else {
                return (date, ObservationStatus::Provisional, Some(date));
            }
        }
        _ => None,
    };
    match year_end {
        Some(fy) => (fy, ObservationStatus::Final, None),
        None => (date, ObservationStatus::Final, None),
    }
}

/// The fiscal year (April start) a date falls in; a year or window is its own.
fn fiscal_year(p: Period) -> Option<Period> {
    let fy = match p {
        Period::Month { year, month } | Period::Date { year, month, .. } => {
            FiscalStart::default().fiscal_year_of(year, month)
        }
        Period::FiscalYear(_) | Period::CalendarYear(_) => return Some(p),
        _ => return None,
    };
    Period::fiscal_year(fy).ok()
}

fn shown(v: &ObservedValue) -> String {
    match v {
        ObservedValue::Number(d) => d.normalize().to_string(),
        ObservedValue::State(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::model::{LinkOut, NodeOut, PlanInfo};
    use crate::planfile::read_plan;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn period(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    fn node(id: &str, parent: Option<&str>, title: &str, line: usize) -> NodeOut {
        NodeOut {
            id: id.into(),
            parent: parent.map(Into::into),
            title: title.into(),
            line,
            ..NodeOut::default()
        }
    }

    /// Converts, checks that the plan is sound and reads back from its file unchanged.
    fn convert(ex: &Extraction) -> (Plan, Vec<Warning>) {
        let (plan, warnings) = to_plan_with_warnings(ex);
        assert_eq!(plan.check(), [], "{warnings:?}");
        let back = read_plan(&crate::planfile::write_plan(&plan), "t.toml")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, plan);
        (plan, warnings)
    }

    #[test]
    fn every_seed_document_gives_a_plan_file_that_reads_back() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/documents");
        let mut docs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        docs.sort();
        assert!(docs.len() >= 5);
        let mut codes = std::collections::HashSet::new();
        for path in docs {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let ex = crate::extract::extract(&std::fs::read(&path).unwrap(), &name).unwrap();
            let (plan, warnings) = to_plan_with_warnings(&ex);
            assert_eq!(plan.check(), [], "{name}: {warnings:?}");
            let back = read_plan(&to_plan_file(&ex), &name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, plan, "{name}");
            assert_eq!(plan.source.as_deref(), Some(name.as_str()));
            // Every seed prints or gives itself a name: none is coded by its file's hex.
            let hex = name.get(4..20).unwrap_or_default();
            assert!(!plan.code.as_str().contains(hex), "{name}: {}", plan.code);
            assert!(
                codes.insert(plan.code.clone()),
                "{name}: {} twice",
                plan.code
            );
        }
    }

    #[test]
    fn a_title_falls_back_to_the_file_name() {
        let ex = Extraction {
            document: "docs/kpi.txt".into(),
            ..Extraction::default()
        };
        let (plan, _) = convert(&ex);
        assert_eq!(plan.title, "kpi.txt");
        assert_eq!(plan.source.as_deref(), Some("docs/kpi.txt"));
    }

    #[test]
    fn duplicate_and_dangling_node_references_are_repaired_with_warnings() {
        let ex = Extraction {
            document: "t.txt".into(),
            nodes: vec![
                node("n1", None, "基本方向", 1),
                node("n2", Some("n1"), "施策", 2),
                node("n2", Some("n9"), "施策の重複", 3),
                node("", Some("n4"), "空のid", 4),
                node("n4", Some("n4"), "自分が親", 5),
            ],
            links: vec![
                LinkOut {
                    from: "n1".into(),
                    to: "n2".into(),
                    kind: "related".into(),
                    line: 6,
                },
                LinkOut {
                    from: "n1".into(),
                    to: "n7".into(),
                    kind: "related".into(),
                    line: 7,
                },
                LinkOut {
                    from: "n1".into(),
                    to: "n2".into(),
                    kind: "見る".into(),
                    line: 8,
                },
            ],
            ..Extraction::default()
        };
        let (plan, warnings) = convert(&ex);
        let ids: Vec<&str> = plan.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["n1", "n2", "n3", "n5", "n4"]);
        assert_eq!(plan.nodes[1].parent.as_deref(), Some("n1"));
        assert_eq!(plan.nodes[2].parent, None);
        assert_eq!(plan.nodes[4].parent, None);
        assert_eq!(plan.links.len(), 1);
        let lines: Vec<(usize, &str)> =
            warnings.iter().map(|w| (w.line, w.code.as_str())).collect();
        assert_eq!(
            lines,
            [
                (3, "duplicate_id"),
                (3, "dropped_reference"),
                (4, "duplicate_id"),
                (4, "dropped_reference"),
                (5, "dropped_reference"),
                (7, "dropped_reference"),
                (8, "unknown_link_kind"),
            ]
        );
    }

    #[test]
    fn markers_carry_the_old_title() {
        let mut n = node("n1", None, "新しい名前", 1);
        n.marker = Some("modified".into());
        n.old_title = Some("古い名前".into());
        let mut m = node("n2", None, "追加", 2);
        m.marker = Some("new".into());
        m.old_title = Some("無視される".into());
        let ex = Extraction {
            nodes: vec![n, m],
            ..Extraction::default()
        };
        let (plan, _) = convert(&ex);
        assert_eq!(
            plan.nodes[0].marker,
            Some(Marker::Modified {
                old_title: Some("古い名前".into())
            })
        );
        assert_eq!(plan.nodes[1].marker, Some(Marker::New));
    }

    fn report() -> Extraction {
        Extraction {
            document: "report.txt".into(),
            plan: PlanInfo {
                title: Some("進捗状況".into()),
                as_of: Some(period("2019-08")),
                ..PlanInfo::default()
            },
            nodes: vec![
                NodeOut {
                    label: Some("①".into()),
                    ..node("n1", None, "企業誘致プロジェクト", 2)
                },
                NodeOut {
                    label: Some("②".into()),
                    ..node("n2", None, "産業基盤プロジェクト", 5)
                },
            ],
            progress_entries: vec![
                ProgressEntry {
                    project_no: Some(1),
                    name: "企業誘致件数".into(),
                    actual: Some(dec("42")),
                    target: Some(dec("75")),
                    unit: "件".into(),
                    line: 3,
                    ..ProgressEntry::default()
                },
                ProgressEntry {
                    project_no: Some(1),
                    name: "付加価値増加額".into(),
                    actual: Some(dec("67")),
                    target: Some(dec("115")),
                    unit: "億円".into(),
                    as_of: Some(period("FY2018")),
                    line: 4,
                    ..ProgressEntry::default()
                },
                ProgressEntry {
                    project_no: Some(2),
                    name: "大規模連携事業の実現".into(),
                    kind: Some("milestone".into()),
                    actual_text: Some("実施中".into()),
                    target_text: Some("実現".into()),
                    line: 6,
                    ..ProgressEntry::default()
                },
                ProgressEntry {
                    project_no: Some(2),
                    name: "拠点施設の整備".into(),
                    kind: Some("milestone".into()),
                    actual_text: Some("設計中".into()),
                    target_text: Some("供用開始".into()),
                    line: 7,
                    ..ProgressEntry::default()
                },
            ],
            ..Extraction::default()
        }
    }

    #[test]
    fn a_progress_report_becomes_indicators_with_dated_observations() {
        let (plan, warnings) = convert(&report());
        assert_eq!(warnings, []);
        let names: Vec<&str> = plan
            .indicators
            .iter()
            .map(|i| i.indicator.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "企業誘致件数",
                "付加価値増加額",
                "大規模連携事業の実現",
                "拠点施設の整備"
            ]
        );
        let i1 = &plan.indicators[0];
        assert_eq!(i1.node.as_deref(), Some("n1"));
        assert_eq!(i1.indicator.target.as_ref().unwrap().value, Some(dec("75")));
        // Dated by the document: a mid-year count as of August 2019.
        assert_eq!(
            i1.observations,
            [Observation {
                period: period("2019-08"),
                value: ObservedValue::Number(dec("42")),
                status: ObservationStatus::Provisional,
                as_of: Some(period("2019-08")),
            }]
        );
        // Dated by its own note (H30): the year's figure.
        assert_eq!(
            plan.indicators[1].observations,
            [Observation::number(period("FY2018"), dec("67"))]
        );
        let m = &plan.indicators[2];
        assert_eq!(m.indicator.kind, IndicatorKind::Milestone);
        assert_eq!(m.node.as_deref(), Some("n2"));
        assert_eq!(
            m.observations[0].value,
            ObservedValue::State("実施中".into())
        );
        assert!(m.indicator.states.is_empty());
        // States the defaults lack are added, the target's last.
        let own = &plan.indicators[3].indicator;
        assert_eq!(
            own.states,
            ["未着手", "検討中", "実施中", "実現", "設計中", "供用開始"]
        );
    }

    #[test]
    fn progress_entries_find_projects_numbered_with_any_enclosed_numeral() {
        // `⒈` and `㊱` number projects as `①` does; the plan placed entries under `①` only.
        let mut ex = report();
        ex.nodes[0].label = Some("⒈".into());
        ex.nodes[1].label = Some("㊱".into());
        for e in &mut ex.progress_entries {
            e.project_no = e.project_no.map(|n| if n == 2 { 36 } else { n });
        }
        let (plan, _) = convert(&ex);
        let nodes: Vec<Option<&str>> = plan.indicators.iter().map(|i| i.node.as_deref()).collect();
        assert_eq!(nodes, [Some("n1"), Some("n1"), Some("n2"), Some("n2")]);
    }

    #[test]
    fn entries_of_a_known_indicator_become_its_observations_in_its_unit() {
        let mut ex = report();
        ex.indicators.push(IndicatorOut {
            id: "i1".into(),
            name: "付加価値増加額(累計)".into(),
            unit: "万円".into(),
            kind: IndicatorKind::Cumulative,
            direction: Default::default(),
            comparator: Default::default(),
            baseline: ValueAt::default(),
            target: ValueAt {
                value: Some(dec("1150000")),
                ..ValueAt::default()
            },
            yearly_targets: Vec::new(),
            node: Some("n1".into()),
            project: None,
            category: None,
            label: None,
            definition: Some("定義".into()),
            source: None,
            source_line: 1,
            also_at: Vec::new(),
        });
        let (plan, warnings) = convert(&ex);
        assert_eq!(warnings, []);
        let i = plan.indicator("i1").unwrap();
        assert_eq!(i.note.as_deref(), Some("定義"));
        assert_eq!(
            i.observations,
            [Observation::number(period("FY2018"), dec("670000"))]
        );
        assert_eq!(plan.indicators.len(), 4);
    }

    #[test]
    fn entries_without_any_date_keep_their_indicator_but_no_value() {
        let mut ex = report();
        ex.plan.as_of = None;
        let (plan, warnings) = convert(&ex);
        assert!(plan.indicators[0].observations.is_empty());
        assert_eq!(plan.indicators[1].observations.len(), 1);
        assert!(warnings
            .iter()
            .any(|w| w.line == 3 && w.code == "undated_value"));
    }

    #[test]
    fn a_count_at_the_fiscal_year_end_is_the_years_figure() {
        let check = |date: &str, want: (&str, ObservationStatus, Option<&str>)| {
            let (p, s, a) = dated(period(date));
            assert_eq!(
                (p, s, a),
                (period(want.0), want.1, want.2.map(period)),
                "{date}"
            );
        };
        use ObservationStatus::{Final, Provisional};
        check("2019-08", ("2019-08", Provisional, Some("2019-08")));
        check(
            "2019-09-30",
            ("2019-09-30", Provisional, Some("2019-09-30")),
        );
        check("2020-03", ("FY2019", Final, None));
        check("2020-03-31", ("FY2019", Final, None));
        check("FY2018", ("FY2018", Final, None));
        check("CY2018", ("CY2018", Final, None));
    }

    #[test]
    fn a_year_target_and_a_final_target_become_yearly_and_final() {
        let mut ex = report();
        ex.progress_entries.truncate(1);
        ex.progress_entries[0].final_target = Some(dec("125"));
        let (plan, _) = convert(&ex);
        let ind = &plan.indicators[0].indicator;
        assert_eq!(ind.target.as_ref().unwrap().value, Some(dec("125")));
        assert_eq!(
            ind.yearly_targets,
            [YearlyTarget {
                period: period("FY2019"),
                value: dec("75")
            }]
        );
    }

    fn series(name: &str, unit: &str, values: &[(&str, &str)], line: usize) -> SeriesOut {
        SeriesOut {
            name: name.into(),
            unit: unit.into(),
            values: values.iter().map(|(p, v)| (period(p), dec(v))).collect(),
            line,
            ..SeriesOut::default()
        }
    }

    #[test]
    fn series_feed_the_indicator_they_name_and_the_rest_become_monitors() {
        let mut ex = Extraction {
            nodes: vec![node("n1", None, "産業", 1)],
            indicators: vec![IndicatorOut {
                id: "i1".into(),
                name: "創業数".into(),
                unit: "件".into(),
                kind: IndicatorKind::PeriodTotal,
                direction: Default::default(),
                comparator: Default::default(),
                baseline: ValueAt::default(),
                target: ValueAt::default(),
                yearly_targets: Vec::new(),
                node: None,
                project: None,
                category: None,
                label: None,
                definition: None,
                source: None,
                source_line: 2,
                also_at: Vec::new(),
            }],
            ..Extraction::default()
        };
        let mut s = series("創業数", "件", &[("FY2018", "239"), ("FY2019", "200")], 10);
        s.targets = vec![(period("FY2019"), dec("210"))];
        ex.series.push(s);
        ex.series.push(series(
            "製造品出荷額",
            "億円",
            &[("CY2018", "6.5"), ("CY2019", "6.1")],
            12,
        ));
        ex.series
            .push(series("創業数", "人", &[("FY2020", "1")], 14));
        let (plan, warnings) = convert(&ex);
        let i1 = plan.indicator("i1").unwrap();
        assert_eq!(i1.observations.len(), 2);
        assert_eq!(i1.indicator.yearly_targets.len(), 1);
        let m = &plan.indicators[1];
        assert_eq!(m.indicator.name, "製造品出荷額");
        assert_eq!(m.indicator.kind, IndicatorKind::Monitor);
        assert_eq!(m.node.as_deref(), Some("n1"));
        assert_eq!(m.observations.len(), 2);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            (warnings[0].line, warnings[0].code.as_str()),
            (14, "unit_mismatch")
        );
    }

    #[test]
    fn a_running_total_row_and_a_yearly_row_of_one_name_stay_apart() {
        let mut ex = Extraction::default();
        ex.indicators.push(IndicatorOut {
            id: "i1".into(),
            name: "承認件数".into(),
            unit: "件".into(),
            kind: IndicatorKind::Cumulative,
            direction: Default::default(),
            comparator: Default::default(),
            baseline: ValueAt::default(),
            target: ValueAt::default(),
            yearly_targets: Vec::new(),
            node: None,
            project: None,
            category: None,
            label: None,
            definition: None,
            source: None,
            source_line: 1,
            also_at: Vec::new(),
        });
        ex.series = vec![
            series("承認件数", "件", &[("FY2017", "68"), ("FY2018", "76")], 10),
            series(
                "承認件数(累計)",
                "件",
                &[("FY2017", "1229"), ("FY2018", "1305")],
                11,
            ),
            series("達成件数", "件", &[("FY2017", "24")], 12),
            series("達成件数(累計)", "件", &[("FY2017", "300")], 13),
        ];
        let (plan, warnings) = convert(&ex);
        assert_eq!(warnings, []);
        let got: Vec<(&str, IndicatorKind, Vec<String>)> = plan
            .indicators
            .iter()
            .map(|pi| {
                let values = pi.observations.iter().map(|o| shown(&o.value)).collect();
                (pi.indicator.name.as_str(), pi.indicator.kind, values)
            })
            .collect();
        let v = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                ("承認件数", IndicatorKind::Cumulative, v(&["1229", "1305"])),
                ("承認件数", IndicatorKind::Monitor, v(&["68", "76"])),
                ("達成件数", IndicatorKind::Monitor, v(&["24"])),
                ("達成件数(累計)", IndicatorKind::Monitor, v(&["300"])),
            ]
        );
    }

    #[test]
    fn dangling_indicator_and_roadmap_nodes_are_dropped() {
        let ex = Extraction {
            roadmap: vec![crate::extract::model::RoadmapOut {
                node: Some("n5".into()),
                title: "企業誘致活動".into(),
                start: Some(period("FY2022")),
                end: Some(period("FY2026")),
                line: 9,
                ..Default::default()
            }],
            ..Extraction::default()
        };
        let (plan, warnings) = convert(&ex);
        assert_eq!(plan.roadmap[0].node, None);
        assert_eq!(warnings[0].line, 9);
    }
}
