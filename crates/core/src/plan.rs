//! Plans: the tree of measures, the indicators hung on it, the roadmap and the people.
//!
//! A [`Plan`] is what every edge converts into and out of: the plan file (TOML) in `import`,
//! rows in `store`, pages in `web`. It holds data only and checks its own consistency with
//! [`Plan::check`], which reports every problem at once instead of stopping at the first.

use std::fmt;

use std::collections::HashMap;

use crate::evaluate::{evaluate, Context, Evaluation, ForecastMethod};
use crate::grading::GradingScheme;
use crate::indicator::{Indicator, Observation};
use crate::lang::{Lang, Localize};
use crate::period::{FiscalStart, Period};
use crate::Decimal;

/// A plan's code: `[a-z0-9-]+`, unique, used in URLs and on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlanCode(String);

impl PlanCode {
    /// `None` unless the text is 1–64 characters of `a-z`, `0-9` and `-`.
    pub fn new(code: &str) -> Option<Self> {
        let ok = !code.is_empty()
            && code.len() <= 64
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| PlanCode(code.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PlanCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The government that issues a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Issuer {
    /// `山口県`.
    pub name: String,
    /// 全国地方公共団体コード, six digits with the check digit (`350001`).
    pub code: Option<String>,
}

/// How a node changed in a revision, as the document marks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `新`: added in this version.
    New,
    /// `修正`: retitled; the old title when the document prints it (`(旧:…)`).
    Modified {
        /// The title before the revision.
        old_title: Option<String>,
    },
    /// `再掲`: printed again from elsewhere in the plan.
    Relisted,
}

impl Marker {
    /// `new`, `modified` or `relisted`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Marker::New => "new",
            Marker::Modified { .. } => "modified",
            Marker::Relisted => "relisted",
        }
    }
}

/// One node of the plan's tree: a basic direction, a measure, a project, an initiative.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Node {
    /// Unique within the plan.
    pub id: String,
    /// The parent's id; `None` at the top.
    pub parent: Option<String>,
    /// The kind as the document names it (`基本方向`, `施策`, `プロジェクト`).
    pub kind: Option<String>,
    /// The number label as printed (`1`, `(1)`, `①`, `◆`).
    pub label: Option<String>,
    /// The title.
    pub title: String,
    /// Body text kept on the node (現状と課題, 概要).
    pub body: Option<String>,
    /// Revision marker.
    pub marker: Option<Marker>,
    /// How much its indicators count in the scores above it (`weight = 2`): an indicator
    /// weighs the product of the weights of its node and the node's ancestors, each 1 unless
    /// the plan says otherwise (`Plan::grade_weights`).
    pub weight: Option<Decimal>,
}

/// How two nodes are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// `対応`: the project that carries a growth field.
    Corresponds,
    /// `関連`: a related project.
    Related,
    /// `再掲`: the same item printed again.
    Relisted,
}

impl LinkKind {
    /// `corresponds`, `related` or `relisted`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Corresponds => "corresponds",
            LinkKind::Related => "related",
            LinkKind::Relisted => "relisted",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "corresponds" => Some(LinkKind::Corresponds),
            "related" => Some(LinkKind::Related),
            "relisted" => Some(LinkKind::Relisted),
            _ => None,
        }
    }
}

/// A typed link between two nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The node the link starts from.
    pub from: String,
    /// The node it points to.
    pub to: String,
    /// What the link means.
    pub kind: LinkKind,
}

/// An indicator as it stands in a plan: where it hangs, where its data come from, what was
/// observed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanIndicator {
    /// The indicator itself.
    pub indicator: Indicator,
    /// The node it belongs to.
    pub node: Option<String>,
    /// The bracketed category printed before the name in a summary table (`港湾`).
    pub category: Option<String>,
    /// The source of its data (資料: `工業統計`).
    pub source: Option<String>,
    /// A definition or other note printed with it.
    pub note: Option<String>,
    /// Links the same indicator across successive plans (lineage).
    pub series_key: Option<String>,
    /// Its actual values.
    pub observations: Vec<Observation>,
    /// For a ratio indicator: the two indicators its values are computed from each year
    /// (`Plan::with_ratios`).
    pub ratio: Option<crate::derived::RatioSpec>,
}

/// A roadmap item (工程表): what is done from when to when.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoadmapItem {
    /// The node it belongs to.
    pub node: Option<String>,
    /// What is done.
    pub title: String,
    /// First year.
    pub start: Option<Period>,
    /// Last year.
    pub end: Option<Period>,
    /// Notes printed under single years.
    pub notes: Vec<(Period, String)>,
}

/// A support institution (支援機関) and the roles it plays.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Organization {
    /// `やまぐち産業振興財団`.
    pub name: String,
    /// Roles from the plan's vocabulary (`創業支援`).
    pub roles: Vec<String>,
}

/// A member of a committee.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Member {
    /// Their organisation.
    pub organization: Option<String>,
    /// Their position.
    pub position: Option<String>,
    /// Their name as printed (`安達 秀樹`).
    pub name: String,
    /// The reading (`あだち ひでき`).
    pub reading: Option<String>,
}

/// A plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Unique code.
    pub code: PlanCode,
    /// Title as printed.
    pub title: String,
    /// Who issues it.
    pub issuer: Option<Issuer>,
    /// Its period (`FY2022-FY2026`); some documents state none.
    pub period: Option<Period>,
    /// The month its fiscal years start in.
    pub fiscal_start: FiscalStart,
    /// How its indicators are graded.
    pub grading: GradingScheme,
    /// The document it was read from.
    pub source: Option<String>,
    /// Its evaluation takes actuals from the same series in other stored plans (lineage),
    /// its own observations winning (DESIGN.md's `actuals_from_lineage`; which values, in
    /// [`crate::follow`]). Off by default.
    pub actuals_from_lineage: bool,
    /// The tree, in document order.
    pub nodes: Vec<Node>,
    /// Links between nodes.
    pub links: Vec<Link>,
    /// The indicators, in document order.
    pub indicators: Vec<PlanIndicator>,
    /// The roadmap.
    pub roadmap: Vec<RoadmapItem>,
    /// Support institutions.
    pub organizations: Vec<Organization>,
    /// Committee members.
    pub members: Vec<Member>,
}

/// A problem that makes a plan inconsistent: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    /// What it concerns: `nodes[3].parent`, `indicators[i2].node`.
    pub field: String,
    /// What is wrong, with the values that are; [`Localize`] tells it in either language.
    pub kind: PlanProblemKind,
}

/// What can make a plan inconsistent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanProblemKind {
    /// A node whose id is empty.
    NodeWithoutId,
    /// A node id used by an earlier node.
    DuplicateNodeId,
    /// A reference (a parent, a link's end, an indicator's node) to a node id that no node has.
    NoSuchNode(String),
    /// Parents that lead round in a circle.
    ParentCycle,
    /// An indicator whose id is empty.
    IndicatorWithoutId,
    /// An indicator id used by an earlier indicator.
    DuplicateIndicatorId,
    /// A milestone's observation that is none of its states.
    NotAState {
        /// The observation as written.
        state: String,
        /// The milestone's states, in order.
        states: Vec<String>,
    },
    /// Text observed for an indicator that takes numbers.
    TextForNumber {
        /// The text.
        text: String,
        /// The indicator's kind.
        kind: crate::indicator::IndicatorKind,
    },
    /// A number observed for a milestone.
    NumberForMilestone,
    /// A node's weight below zero.
    NegativeWeight(Decimal),
    /// A ratio indicator that cannot be computed (an unknown operand, a circle, a factor not
    /// above zero).
    Ratio(crate::derived::RatioProblemKind),
}

impl Localize for PlanProblemKind {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PlanProblemKind as K;
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (Lang::Ja, K::NodeWithoutId) => f.write_str("ノードには id が必要です"),
            (Lang::En, K::NodeWithoutId) => f.write_str("a node needs an id"),
            (Lang::Ja, K::DuplicateNodeId) => {
                f.write_str("同じ id が前のノードで使われています。別の id にしてください")
            }
            (Lang::En, K::DuplicateNodeId) => f.write_str("the same id is used by an earlier node"),
            (Lang::Ja, K::NoSuchNode(id)) => write!(f, "id が{}のノードはありません", q(id)),
            (Lang::En, K::NoSuchNode(id)) => write!(f, "no node has the id {}", q(id)),
            (Lang::Ja, K::ParentCycle) => {
                f.write_str("親をたどると元のノードに戻ります（親子関係が循環しています）")
            }
            (Lang::En, K::ParentCycle) => f.write_str("the parents form a cycle"),
            (Lang::Ja, K::IndicatorWithoutId) => f.write_str("指標には id が必要です"),
            (Lang::En, K::IndicatorWithoutId) => f.write_str("an indicator needs an id"),
            (Lang::Ja, K::DuplicateIndicatorId) => {
                f.write_str("同じ id が前の指標で使われています。別の id にしてください")
            }
            (Lang::En, K::DuplicateIndicatorId) => {
                f.write_str("the same id is used by an earlier indicator")
            }
            (Lang::Ja, K::NotAState { state, states }) => write!(
                f,
                "{}はこのマイルストーンの段階ではありません（段階: {}）",
                q(state),
                states.join("、")
            ),
            (Lang::En, K::NotAState { state, states }) => {
                write!(f, "{} is not one of the states {states:?}", q(state))
            }
            (Lang::Ja, K::TextForNumber { text, kind }) => write!(
                f,
                "{}は文字です。種別{}の指標の実績は数値で書いてください",
                q(text),
                q(kind.label_ja())
            ),
            (Lang::En, K::TextForNumber { text, kind }) => write!(
                f,
                "{} is text, but a {kind} indicator needs a number",
                q(text)
            ),
            (Lang::Ja, K::NegativeWeight(w)) => {
                write!(f, "重み{w}は負です。0以上の数にしてください")
            }
            (Lang::En, K::NegativeWeight(w)) => {
                write!(f, "the weight {w} is negative; give a number of 0 or more")
            }
            (_, K::Ratio(kind)) => kind.localize(lang, f),
            (Lang::Ja, K::NumberForMilestone) => {
                f.write_str("マイルストーンの実績は段階（文字）で書きます。数値ではありません")
            }
            (Lang::En, K::NumberForMilestone) => {
                f.write_str("a milestone's observations are states (text), not numbers")
            }
        }
    }
}

impl Localize for PlanProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.kind.in_lang(lang))
    }
}

impl fmt::Display for PlanProblemKind {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl fmt::Display for PlanProblem {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl Plan {
    /// An empty plan with the default settings.
    pub fn new(code: PlanCode, title: impl Into<String>) -> Self {
        Plan {
            code,
            title: title.into(),
            issuer: None,
            period: None,
            fiscal_start: FiscalStart::default(),
            grading: GradingScheme::pace(),
            source: None,
            actuals_from_lineage: false,
            nodes: Vec::new(),
            links: Vec::new(),
            indicators: Vec::new(),
            roadmap: Vec::new(),
            organizations: Vec::new(),
            members: Vec::new(),
        }
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&PlanIndicator> {
        self.indicators.iter().find(|i| i.indicator.id == id)
    }

    /// The latest fiscal year that has an observation, on the plan's year line.
    pub fn latest_observed_year(&self) -> Option<i32> {
        self.indicators
            .iter()
            .flat_map(|i| &i.observations)
            .map(|o| o.period.end_year(self.fiscal_start))
            .max()
    }

    /// Every inconsistency: duplicate ids, dangling references, cycles in the tree,
    /// milestone observations that are not states. Empty when the plan is sound.
    pub fn check(&self) -> Vec<PlanProblem> {
        let mut problems = Vec::new();
        let mut push =
            |field: String, kind: PlanProblemKind| problems.push(PlanProblem { field, kind });
        // Ids to positions once (the first node with each id), so that every lookup below is
        // a map access and the check stays linear in the size of the plan.
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(self.nodes.len());
        for (i, n) in self.nodes.iter().enumerate() {
            ids.entry(n.id.as_str()).or_insert(i);
        }
        let rooted = self.rooted(&ids);
        for (i, n) in self.nodes.iter().enumerate() {
            if n.id.trim().is_empty() {
                push(format!("nodes[{i}].id"), PlanProblemKind::NodeWithoutId);
            }
            if ids.get(n.id.as_str()) != Some(&i) {
                push(
                    format!("nodes[{}].id", n.id),
                    PlanProblemKind::DuplicateNodeId,
                );
            }
            if let Some(p) = &n.parent {
                if !ids.contains_key(p.as_str()) {
                    push(
                        format!("nodes[{}].parent", n.id),
                        PlanProblemKind::NoSuchNode(p.clone()),
                    );
                } else if !rooted.get(i).copied().unwrap_or(false) {
                    push(
                        format!("nodes[{}].parent", n.id),
                        PlanProblemKind::ParentCycle,
                    );
                }
            }
        }
        for n in &self.nodes {
            if let Some(w) = n.weight.filter(Decimal::is_sign_negative) {
                push(
                    format!("nodes[{}].weight", n.id),
                    PlanProblemKind::NegativeWeight(w),
                );
            }
        }
        if self.indicators.iter().any(|pi| pi.ratio.is_some()) {
            let mut trial = self.clone();
            for p in trial.with_ratios() {
                if p.kind.refuses() {
                    push(
                        format!("indicators[{}].ratio", p.ratio),
                        PlanProblemKind::Ratio(p.kind),
                    );
                }
            }
        }
        for l in &self.links {
            for end in [&l.from, &l.to] {
                if !ids.contains_key(end.as_str()) {
                    push(
                        format!("links[{}→{}]", l.from, l.to),
                        PlanProblemKind::NoSuchNode(end.clone()),
                    );
                }
            }
        }
        let mut indicator_ids: HashMap<&str, usize> = HashMap::new();
        for (i, pi) in self.indicators.iter().enumerate() {
            indicator_ids.entry(pi.indicator.id.as_str()).or_insert(i);
        }
        for (i, pi) in self.indicators.iter().enumerate() {
            let ind = &pi.indicator;
            if ind.id.trim().is_empty() {
                push(
                    format!("indicators[{i}].id"),
                    PlanProblemKind::IndicatorWithoutId,
                );
            }
            if indicator_ids.get(ind.id.as_str()) != Some(&i) {
                push(
                    format!("indicators[{}].id", ind.id),
                    PlanProblemKind::DuplicateIndicatorId,
                );
            }
            if let Some(n) = &pi.node {
                if !ids.contains_key(n.as_str()) {
                    push(
                        format!("indicators[{}].node", ind.id),
                        PlanProblemKind::NoSuchNode(n.clone()),
                    );
                }
            }
            let milestone = ind.kind == crate::indicator::IndicatorKind::Milestone;
            for o in &pi.observations {
                match (&o.value, milestone) {
                    (crate::indicator::ObservedValue::State(s), true)
                        if ind.state_rank(s).is_none() =>
                    {
                        push(
                            format!("indicators[{}].observations.{}", ind.id, o.period),
                            PlanProblemKind::NotAState {
                                state: s.clone(),
                                states: ind.milestone_states().map(str::to_owned).collect(),
                            },
                        )
                    }
                    (crate::indicator::ObservedValue::State(s), false) => push(
                        format!("indicators[{}].observations.{}", ind.id, o.period),
                        PlanProblemKind::TextForNumber {
                            text: s.clone(),
                            kind: ind.kind,
                        },
                    ),
                    (crate::indicator::ObservedValue::Number(_), true) => push(
                        format!("indicators[{}].observations.{}", ind.id, o.period),
                        PlanProblemKind::NumberForMilestone,
                    ),
                    _ => {}
                }
            }
        }
        problems
    }

    /// Fills every ratio indicator's observations from its numerator and denominator
    /// (`crate::derived::resolve_ratios`); returns what could not be computed, and the typed
    /// values the computation replaced. A plan without ratios is left as it is.
    pub fn with_ratios(&mut self) -> Vec<crate::derived::RatioProblem> {
        let specs: Vec<(String, crate::derived::RatioSpec)> = self
            .indicators
            .iter()
            .filter_map(|pi| Some((pi.indicator.id.clone(), pi.ratio.clone()?)))
            .collect();
        if specs.is_empty() {
            return Vec::new();
        }
        crate::derived::resolve_ratios(self, &specs)
    }

    /// Each indicator's weight in the scores (in the plan's order): the product of the
    /// weights of its node and the node's ancestors, each 1 unless set; 1 for an indicator
    /// without a node. A plan without weights gives every indicator 1, so its scores are plain
    /// averages of the grades.
    pub fn indicator_weights(&self) -> Vec<Decimal> {
        if self.nodes.iter().all(|n| n.weight.is_none()) {
            return vec![Decimal::ONE; self.indicators.len()];
        }
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(self.nodes.len());
        for (i, n) in self.nodes.iter().enumerate() {
            ids.entry(n.id.as_str()).or_insert(i);
        }
        self.indicators
            .iter()
            .map(|pi| {
                let mut w = Decimal::ONE;
                let mut cur = pi.node.as_deref().and_then(|n| ids.get(n).copied());
                // Bounded by the number of nodes, so a cycle cannot loop for ever.
                for _ in 0..=self.nodes.len() {
                    let Some(node) = cur.and_then(|i| self.nodes.get(i)) else {
                        break;
                    };
                    if let Some(nw) = node.weight {
                        w = w.checked_mul(nw).unwrap_or(Decimal::MAX);
                    }
                    cur = node.parent.as_deref().and_then(|p| ids.get(p).copied());
                }
                w
            })
            .collect()
    }

    /// The score of the whole plan (`node = None`) or of the indicators beneath a node:
    /// [`GradingScheme::weighted_score`] of their grades, each indicator counting its
    /// [`Plan::indicator_weights`]. `evaluations` is [`Plan::evaluate`]'s result.
    pub fn score(&self, evaluations: &[Evaluation], node: Option<&str>) -> Option<Decimal> {
        let weights = self.indicator_weights();
        let graded = self
            .indicators
            .iter()
            .zip(evaluations)
            .zip(weights)
            .filter(|((pi, _), _)| match (node, pi.node.as_deref()) {
                (None, _) => true,
                (Some(n), Some(at)) => self.is_within(at, n),
                (Some(_), None) => false,
            })
            .map(|((_, e), w)| (self.grading.label(e.grade), w));
        self.grading.weighted_score(graded)
    }

    /// [`Plan::score`] of every node at once, in the order of `nodes`.
    pub fn scores_by_node(&self, evaluations: &[Evaluation]) -> Vec<Option<Decimal>> {
        let weights = self.indicator_weights();
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(self.nodes.len());
        for (i, n) in self.nodes.iter().enumerate() {
            ids.entry(n.id.as_str()).or_insert(i);
        }
        let mut graded: Vec<Vec<(&str, Decimal)>> = vec![Vec::new(); self.nodes.len()];
        for ((pi, e), w) in self.indicators.iter().zip(evaluations).zip(weights) {
            let label = self.grading.label(e.grade);
            let mut cur = pi.node.as_deref().and_then(|n| ids.get(n).copied());
            for _ in 0..=self.nodes.len() {
                let Some(i) = cur else { break };
                if let Some(g) = graded.get_mut(i) {
                    g.push((label, w));
                }
                cur = self
                    .nodes
                    .get(i)
                    .and_then(|n| n.parent.as_deref())
                    .and_then(|p| ids.get(p).copied());
            }
        }
        graded
            .into_iter()
            .map(|g| self.grading.weighted_score(g))
            .collect()
    }

    /// Evaluates every indicator in the year `fy`, in the plan's order.
    pub fn evaluate(&self, fy: i32, forecast: ForecastMethod) -> Vec<Evaluation> {
        let ctx = Context {
            fy,
            plan_period: self.period,
            fiscal_start: self.fiscal_start,
            scheme: &self.grading,
            forecast,
        };
        self.indicators
            .iter()
            .map(|pi| evaluate(&pi.indicator, &pi.observations, &ctx))
            .collect()
    }

    /// True if `node` is `ancestor` or lies beneath it.
    pub fn is_within(&self, node: &str, ancestor: &str) -> bool {
        let mut current = Some(node);
        for _ in 0..=self.nodes.len() {
            match current {
                None => return false,
                Some(id) if id == ancestor => return true,
                Some(id) => current = self.node(id).and_then(|n| n.parent.as_deref()),
            }
        }
        false
    }

    /// How many indicators have each grade: the whole plan (`node = None`) or the indicators
    /// beneath a node. `evaluations` is [`Plan::evaluate`]'s result. The labels come in the
    /// scheme's order, then `—`.
    pub fn grade_counts(
        &self,
        evaluations: &[Evaluation],
        node: Option<&str>,
    ) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self
            .grading
            .labels()
            .into_iter()
            .chain(std::iter::once("—"))
            .map(|l| (l.to_owned(), 0))
            .collect();
        for (pi, e) in self.indicators.iter().zip(evaluations) {
            let inside = match (node, pi.node.as_deref()) {
                (None, _) => true,
                (Some(n), Some(at)) => self.is_within(at, n),
                (Some(_), None) => false,
            };
            if !inside {
                continue;
            }
            let label = self.grading.label(e.grade);
            if let Some(c) = counts.iter_mut().find(|(l, _)| l == label) {
                c.1 += 1;
            }
        }
        counts
    }

    /// [`Plan::grade_counts`] for every node at once, in the order of `nodes`: each indicator
    /// is added to its node and that node's ancestors, so the cost is the indicators times
    /// the depth of the tree, not the nodes times the indicators.
    pub fn grade_counts_by_node(&self, evaluations: &[Evaluation]) -> Vec<Vec<(String, usize)>> {
        let labels: Vec<&str> = self
            .grading
            .labels()
            .into_iter()
            .chain(std::iter::once("—"))
            .collect();
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(self.nodes.len());
        for (i, n) in self.nodes.iter().enumerate() {
            ids.entry(n.id.as_str()).or_insert(i);
        }
        let mut counts = vec![vec![0usize; labels.len()]; self.nodes.len()];
        for (pi, e) in self.indicators.iter().zip(evaluations) {
            let label = self.grading.label(e.grade);
            let Some(slot) = labels.iter().position(|l| *l == label) else {
                continue;
            };
            let mut cur = pi.node.as_deref().and_then(|n| ids.get(n).copied());
            // Bounded by the number of nodes, so a cycle cannot loop for ever.
            for _ in 0..=self.nodes.len() {
                let Some(i) = cur else { break };
                if let Some(c) = counts.get_mut(i).and_then(|c| c.get_mut(slot)) {
                    *c += 1;
                }
                cur = self
                    .nodes
                    .get(i)
                    .and_then(|n| n.parent.as_deref())
                    .and_then(|p| ids.get(p).copied());
            }
        }
        counts
            .into_iter()
            .map(|c| labels.iter().map(|l| (*l).to_owned()).zip(c).collect())
            .collect()
    }

    /// For each node: does following its parents end at a root (or at a missing parent,
    /// reported separately) rather than go round a cycle? Each node is walked once.
    fn rooted(&self, ids: &HashMap<&str, usize>) -> Vec<bool> {
        // 0 = not yet known, 1 = on the current walk, 2 = ends at a root, 3 = in or into a cycle.
        let mut state = vec![0u8; self.nodes.len()];
        let mut path = Vec::new();
        for start in 0..self.nodes.len() {
            let mut cur = Some(start);
            let verdict = loop {
                let Some(i) = cur else { break 2 };
                match state.get(i).copied() {
                    Some(2) => break 2,
                    Some(1) | Some(3) => break 3,
                    Some(_) => {}
                    None => break 2,
                }
                state[i] = 1;
                path.push(i);
                cur = self
                    .nodes
                    .get(i)
                    .and_then(|n| n.parent.as_deref())
                    .and_then(|p| ids.get(p).copied());
            };
            for i in path.drain(..) {
                state[i] = verdict;
            }
        }
        state.into_iter().map(|s| s == 2).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan::new(PlanCode::new("t").unwrap(), "t")
    }

    fn node(id: &str, parent: Option<&str>) -> Node {
        Node {
            id: id.into(),
            parent: parent.map(Into::into),
            title: id.into(),
            ..Node::default()
        }
    }

    #[test]
    fn plan_codes_are_lower_case_ascii_words() {
        assert!(PlanCode::new("yamaguchi-industry-2022").is_some());
        assert!(PlanCode::new("Yamaguchi").is_none());
        assert!(PlanCode::new("").is_none());
        assert!(PlanCode::new("山口").is_none());
    }

    #[test]
    fn check_finds_dangling_parents_and_cycles() {
        let mut p = plan();
        p.nodes = vec![
            node("a", Some("b")),
            node("b", Some("a")),
            node("c", Some("zz")),
        ];
        let problems = p.check();
        assert!(
            problems.iter().any(|x| x.to_string().contains("cycle")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|x| x.to_string().contains("\"zz\"")),
            "{problems:?}"
        );
    }

    #[test]
    fn grade_counts_cover_the_indicators_beneath_a_node() {
        use crate::indicator::{Indicator, Target};
        let mut p = plan();
        p.period = Some(Period::FiscalYears {
            start: 2022,
            end: 2026,
        });
        p.nodes = vec![node("a", None), node("b", Some("a")), node("c", None)];
        let target = |v: i64| Target {
            value: Some(v.into()),
            period: Some(Period::FiscalYear(2026)),
            text: None,
        };
        for (id, at, obs) in [("i1", "b", 200), ("i2", "a", 1), ("i3", "c", 1)] {
            p.indicators.push(PlanIndicator {
                indicator: Indicator {
                    id: id.into(),
                    target: Some(target(100)),
                    ..Indicator::default()
                },
                node: Some(at.into()),
                observations: vec![Observation::number(Period::FiscalYear(2024), obs.into())],
                ..PlanIndicator::default()
            });
        }
        let evals = p.evaluate(2024, ForecastMethod::Linear);
        let a = p.grade_counts(&evals, Some("a"));
        assert_eq!(
            a,
            [
                ("A".into(), 1),
                ("B".into(), 0),
                ("C".into(), 0),
                ("D".into(), 1),
                ("—".into(), 0)
            ]
        );
        let by_node = p.grade_counts_by_node(&evals);
        for (n, counts) in p.nodes.iter().zip(&by_node) {
            assert_eq!(*counts, p.grade_counts(&evals, Some(&n.id)), "{}", n.id);
        }
        let all = p.grade_counts(&evals, None);
        assert_eq!(all.iter().map(|c| c.1).sum::<usize>(), 3);
    }

    #[test]
    fn check_accepts_a_sound_tree() {
        let mut p = plan();
        p.nodes = vec![node("a", None), node("b", Some("a"))];
        assert!(p.check().is_empty());
    }
}
