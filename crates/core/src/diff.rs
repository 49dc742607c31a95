//! Revisions (DESIGN.md → "Revise"): what a new version of a plan changed, the changes a
//! document marks itself, and the key that links one indicator across successive plans.
//!
//! Node ids are not stable between versions (a re-imported document numbers its nodes by
//! position), so [`diff`] matches nodes by content, in three steps:
//!
//! 1. **Title.** Nodes of the same kind whose titles are equal in [`fold_text`]'s form (NFKC,
//!    runs of spaces as one) are paired one-to-one. A title that occurs once on each side pairs
//!    first; a repeated one goes in tree order (parents first), preferring a partner under the
//!    matched parent at the same place among the siblings with its label, then under the
//!    matched parent with the same label, then under the matched parent, then anywhere with
//!    the same label, then the first unmatched in document order. A pair whose parents do not
//!    correspond is [`NodeChange::Moved`].
//! 2. **Position.** Among the nodes still unmatched, under parents that are matched (or both at
//!    the top): same kind and same label in the same gap between matched siblings, then same
//!    kind, same label and the same index among the siblings with that label. Such a pair is
//!    [`NodeChange::Modified`] (a retitled node).
//! 3. The rest are [`NodeChange::Added`] (in the new version) or [`NodeChange::Removed`].
//!
//! Matched nodes whose body text differs (after whitespace compaction) are also reported as
//! [`NodeChange::BodyChanged`]. Label changes of matched nodes (renumbering after an insertion)
//! are not reported.
//!
//! Indicators are matched by [`lineage_key`], one-to-one in document order, preferring the
//! partner that hangs on the matched node; each changed field is an [`IndicatorChange`].
//! [`carry_ids`] uses the same key to give each indicator of a new version the id its series
//! had, so actuals follow the indicator when a re-read document numbers them anew.
//!
//! Guarantees: pure; deterministic (changes come in the new document's order, each removed item
//! right after the partner of the nearest matched item before it in the old document); `diff(p, p)` is empty for every plan; the cost
//! is linear in the size of the plans (hash maps, no pairwise comparison); nothing panics, not
//! even on an inconsistent plan (duplicate ids, dangling parents, cycles).

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::Hash;

use rust_decimal::Decimal;

use crate::indicator::{Comparator, Direction, Indicator, IndicatorKind};
use crate::lang::Lang;
use crate::period::Period;
use crate::plan::{Marker, Node, Plan, PlanIndicator};
use crate::quantity::{format_decimal, format_grouped, Unit};
use crate::text::{fold_name, fold_text};

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/// Everything a new version changed against an old one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanDiff {
    /// Node changes, in the new document's order; a removed node comes right after the
    /// partner of the nearest matched node before it in the old document.
    pub nodes: Vec<NodeChange>,
    /// Indicator changes, in the same order.
    pub indicators: Vec<IndicatorDiff>,
}

impl PlanDiff {
    /// True when the two versions agree on everything the diff compares.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.indicators.is_empty()
    }
}

/// A node as a change names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeRef {
    /// Its position in its plan's `nodes`.
    pub index: usize,
    /// Its id in its own plan (not stable between versions).
    pub id: String,
    /// Its kind (`施策`).
    pub kind: Option<String>,
    /// Its number label (`(1)`, `◆`).
    pub label: Option<String>,
    /// Its title as printed.
    pub title: String,
}

impl NodeRef {
    fn of(index: usize, node: &Node) -> Self {
        NodeRef {
            index,
            id: node.id.clone(),
            kind: node.kind.clone(),
            label: node.label.clone(),
            title: node.title.clone(),
        }
    }

    /// The label and the title as a reader sees them: `◆ 研究開発機能の強化`.
    pub fn display(&self) -> String {
        match self
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            Some(l) => format!("{l} {}", self.title.trim()),
            None => self.title.trim().to_owned(),
        }
    }
}

/// How one node changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeChange {
    /// `新`: only in the new version.
    Added {
        /// The node in the new version.
        new: NodeRef,
    },
    /// Only in the old version.
    Removed {
        /// The node in the old version.
        old: NodeRef,
    },
    /// `修正`: the same place (kind, label, position under matched parents), a new title.
    Modified {
        /// The node in the old version; its title is the old title.
        old: NodeRef,
        /// The node in the new version.
        new: NodeRef,
    },
    /// The same title and kind under a parent that does not correspond to the old one.
    Moved {
        /// The node in the old version.
        old: NodeRef,
        /// The node in the new version.
        new: NodeRef,
        /// Its parent in the old version; `None` at the top (or a missing parent).
        old_parent: Option<NodeRef>,
        /// Its parent in the new version; `None` at the top.
        new_parent: Option<NodeRef>,
    },
    /// A matched node whose body text changed (reported besides any other change).
    BodyChanged {
        /// The node in the old version.
        old: NodeRef,
        /// The node in the new version.
        new: NodeRef,
        /// The old body.
        old_body: Option<String>,
        /// The new body.
        new_body: Option<String>,
    },
}

impl NodeChange {
    /// `added`, `removed`, `modified`, `moved` or `body_changed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            NodeChange::Added { .. } => "added",
            NodeChange::Removed { .. } => "removed",
            NodeChange::Modified { .. } => "modified",
            NodeChange::Moved { .. } => "moved",
            NodeChange::BodyChanged { .. } => "body_changed",
        }
    }

    /// `新`, `削除`, `修正`, `移動` or `本文修正`.
    pub fn label_ja(&self) -> &'static str {
        match self {
            NodeChange::Added { .. } => "新",
            NodeChange::Removed { .. } => "削除",
            NodeChange::Modified { .. } => "修正",
            NodeChange::Moved { .. } => "移動",
            NodeChange::BodyChanged { .. } => "本文修正",
        }
    }

    /// The node the change is about: the new version's, or the old one's when removed.
    pub fn node(&self) -> &NodeRef {
        match self {
            NodeChange::Removed { old } => old,
            NodeChange::Added { new }
            | NodeChange::Modified { new, .. }
            | NodeChange::Moved { new, .. }
            | NodeChange::BodyChanged { new, .. } => new,
        }
    }

    /// The node in the old version, unless added.
    pub fn old_node(&self) -> Option<&NodeRef> {
        match self {
            NodeChange::Added { .. } => None,
            NodeChange::Removed { old }
            | NodeChange::Modified { old, .. }
            | NodeChange::Moved { old, .. }
            | NodeChange::BodyChanged { old, .. } => Some(old),
        }
    }

    /// The node in the new version, unless removed.
    pub fn new_node(&self) -> Option<&NodeRef> {
        match self {
            NodeChange::Removed { .. } => None,
            NodeChange::Added { new }
            | NodeChange::Modified { new, .. }
            | NodeChange::Moved { new, .. }
            | NodeChange::BodyChanged { new, .. } => Some(new),
        }
    }

    /// The title before a `修正`.
    pub fn old_title(&self) -> Option<&str> {
        match self {
            NodeChange::Modified { old, .. } => Some(&old.title),
            _ => None,
        }
    }

    /// What a table prints beside the node: `旧: …` for a retitled node, `旧の親 → 新の親` for
    /// a moved one, empty otherwise.
    pub fn detail_ja(&self) -> String {
        self.detail_in(Lang::Ja)
    }

    /// [`NodeChange::detail_ja`] in `lang` (`was: …` in English).
    fn detail_in(&self, lang: Lang) -> String {
        match self {
            NodeChange::Modified { old, .. } => match lang {
                Lang::Ja => format!("旧: {}", old.title.trim()),
                Lang::En => format!("was: {}", old.title.trim()),
            },
            NodeChange::Moved {
                old_parent,
                new_parent,
                ..
            } => format!(
                "{} → {}",
                parent_in(old_parent, lang),
                parent_in(new_parent, lang)
            ),
            _ => String::new(),
        }
    }

    /// One line: `修正 ○ 新しい題（旧: 古い題）`.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::Ja)
    }

    /// [`NodeChange::describe`] in `lang`: `modified ○ New title (was: Old title)` in English.
    pub fn describe_in(&self, lang: Lang) -> String {
        let label = match (lang, self) {
            (Lang::Ja, _) => self.label_ja(),
            (Lang::En, NodeChange::BodyChanged { .. }) => "body changed",
            (Lang::En, other) => other.as_str(),
        };
        let detail = self.detail_in(lang);
        match (detail.is_empty(), lang) {
            (true, _) => format!("{label} {}", self.node().display()),
            (false, Lang::Ja) => format!("{label} {}（{detail}）", self.node().display()),
            (false, Lang::En) => format!("{label} {} ({detail})", self.node().display()),
        }
    }
}

fn parent_in(p: &Option<NodeRef>, lang: Lang) -> String {
    p.as_ref().map_or_else(
        || match lang {
            Lang::Ja => "（最上位）".to_owned(),
            Lang::En => "(top level)".to_owned(),
        },
        NodeRef::display,
    )
}

/// A node that carries the document's own revision marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedNode {
    /// The node.
    pub node: NodeRef,
    /// Its marker.
    pub marker: Marker,
}

impl MarkedNode {
    /// `新`, `修正` or `再掲`.
    pub fn label_ja(&self) -> &'static str {
        match self.marker {
            Marker::New => "新",
            Marker::Modified { .. } => "修正",
            Marker::Relisted => "再掲",
        }
    }

    /// One line, in the same form as [`NodeChange::describe`]: `修正 ○ 題（旧: 古い題）`.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::Ja)
    }

    /// [`MarkedNode::describe`] in `lang`: `modified ○ Title (was: Old title)` in English.
    pub fn describe_in(&self, lang: Lang) -> String {
        let label = match (lang, &self.marker) {
            (Lang::Ja, _) => self.label_ja(),
            (Lang::En, Marker::New) => "new",
            (Lang::En, Marker::Modified { .. }) => "modified",
            (Lang::En, Marker::Relisted) => "relisted",
        };
        match (&self.marker, lang) {
            (
                Marker::Modified {
                    old_title: Some(old),
                },
                Lang::Ja,
            ) => format!("{label} {}（旧: {}）", self.node.display(), old.trim()),
            (
                Marker::Modified {
                    old_title: Some(old),
                },
                Lang::En,
            ) => format!("{label} {} (was: {})", self.node.display(), old.trim()),
            _ => format!("{label} {}", self.node.display()),
        }
    }
}

/// An indicator as a change names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRef {
    /// Its position in its plan's `indicators`.
    pub index: usize,
    /// Its id in its own plan.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Its [`lineage_key`].
    pub lineage_key: String,
}

impl IndicatorRef {
    fn of(index: usize, pi: &PlanIndicator, lineage_key: &str) -> Self {
        IndicatorRef {
            index,
            id: pi.indicator.id.clone(),
            name: pi.indicator.name.clone(),
            unit: pi.indicator.unit.clone(),
            lineage_key: lineage_key.to_owned(),
        }
    }
}

/// How one indicator changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorDiff {
    /// Only in the new version.
    Added {
        /// The indicator in the new version.
        new: IndicatorRef,
    },
    /// Only in the old version.
    Removed {
        /// The indicator in the old version.
        old: IndicatorRef,
    },
    /// In both, with at least one field changed.
    Changed {
        /// The indicator in the old version.
        old: IndicatorRef,
        /// The indicator in the new version.
        new: IndicatorRef,
        /// Every changed field, in the order of [`IndicatorChange`]'s variants.
        changes: Vec<IndicatorChange>,
    },
}

impl IndicatorDiff {
    /// `added`, `removed` or `changed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            IndicatorDiff::Added { .. } => "added",
            IndicatorDiff::Removed { .. } => "removed",
            IndicatorDiff::Changed { .. } => "changed",
        }
    }

    /// `新`, `削除` or `変更`.
    pub fn label_ja(&self) -> &'static str {
        match self {
            IndicatorDiff::Added { .. } => "新",
            IndicatorDiff::Removed { .. } => "削除",
            IndicatorDiff::Changed { .. } => "変更",
        }
    }

    /// The indicator the change is about: the new version's, or the old one's when removed.
    pub fn indicator(&self) -> &IndicatorRef {
        match self {
            IndicatorDiff::Removed { old } => old,
            IndicatorDiff::Added { new } | IndicatorDiff::Changed { new, .. } => new,
        }
    }

    /// The changed fields (empty when added or removed).
    pub fn changes(&self) -> &[IndicatorChange] {
        match self {
            IndicatorDiff::Changed { changes, .. } => changes,
            _ => &[],
        }
    }

    /// The changes in Japanese, one line each, a target's value and period together:
    /// `目標値 24% (FY2023) → 28% (FY2026)`. Empty when added or removed.
    pub fn describe(&self) -> Vec<String> {
        self.describe_in(Lang::Ja)
    }

    /// [`IndicatorDiff::describe`] in `lang`: `target 24% (FY2023) → 28% (FY2026)` in English.
    pub fn describe_in(&self, lang: Lang) -> Vec<String> {
        let IndicatorDiff::Changed { old, new, changes } = self else {
            return Vec::new();
        };
        let target_period = changes.iter().find_map(|c| match c {
            IndicatorChange::TargetPeriod { old, new } => Some((old, new)),
            _ => None,
        });
        let baseline_period = changes.iter().find_map(|c| match c {
            IndicatorChange::BaselinePeriod { old, new } => Some((old, new)),
            _ => None,
        });
        let has = |f: &str| changes.iter().any(|c| c.field() == f);
        let (target_value, baseline_value) = (has("target_value"), has("baseline_value"));
        let side = |v: &Option<Decimal>, unit: &str, p: Option<&Option<Period>>| match p {
            Some(p) => format!("{} ({})", value_ja(v, unit), period_ja(p)),
            None => value_ja(v, unit),
        };
        changes
            .iter()
            .filter_map(|c| match c {
                IndicatorChange::TargetValue { old: a, new: b } => Some(format!(
                    "{} {} → {}",
                    c.field_in(lang),
                    side(a, &old.unit, target_period.map(|p| p.0)),
                    side(b, &new.unit, target_period.map(|p| p.1)),
                )),
                IndicatorChange::BaselineValue { old: a, new: b } => Some(format!(
                    "{} {} → {}",
                    c.field_in(lang),
                    side(a, &old.unit, baseline_period.map(|p| p.0)),
                    side(b, &new.unit, baseline_period.map(|p| p.1)),
                )),
                IndicatorChange::TargetPeriod { .. } if target_value => None,
                IndicatorChange::BaselinePeriod { .. } if baseline_value => None,
                other => {
                    let (a, b) = other.values_in(lang);
                    Some(format!("{} {a} → {b}", other.field_in(lang)))
                }
            })
            .collect()
    }
}

fn value_ja(v: &Option<Decimal>, unit: &str) -> String {
    v.map_or_else(
        || "—".to_owned(),
        |d| format!("{}{}", format_grouped(d), Unit::new(unit)),
    )
}

fn period_ja(p: &Option<Period>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| p.to_string())
}

fn text_ja(t: Option<&String>) -> String {
    t.map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map_or_else(|| "—".to_owned(), str::to_owned)
}

/// One changed field of a matched indicator, with its old and new values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorChange {
    /// The name (possible when an explicit series key links the two).
    Name {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// The target's value.
    TargetValue {
        /// Before.
        old: Option<Decimal>,
        /// After.
        new: Option<Decimal>,
    },
    /// The target's period.
    TargetPeriod {
        /// Before.
        old: Option<Period>,
        /// After.
        new: Option<Period>,
    },
    /// The target in words.
    TargetText {
        /// Before.
        old: Option<String>,
        /// After.
        new: Option<String>,
    },
    /// The baseline's value.
    BaselineValue {
        /// Before.
        old: Option<Decimal>,
        /// After.
        new: Option<Decimal>,
    },
    /// The baseline's period.
    BaselinePeriod {
        /// Before.
        old: Option<Period>,
        /// After.
        new: Option<Period>,
    },
    /// The unit (possible when an explicit series key links the two).
    Unit {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// The kind.
    Kind {
        /// Before.
        old: IndicatorKind,
        /// After.
        new: IndicatorKind,
    },
    /// The direction.
    Direction {
        /// Before.
        old: Direction,
        /// After.
        new: Direction,
    },
    /// The comparator.
    Comparator {
        /// Before.
        old: Comparator,
        /// After.
        new: Comparator,
    },
}

impl IndicatorChange {
    /// The field's canonical name: `name`, `target_value`, `target_period`, `target_text`,
    /// `baseline_value`, `baseline_period`, `unit`, `kind`, `direction`, `comparator`.
    pub fn field(&self) -> &'static str {
        match self {
            IndicatorChange::Name { .. } => "name",
            IndicatorChange::TargetValue { .. } => "target_value",
            IndicatorChange::TargetPeriod { .. } => "target_period",
            IndicatorChange::TargetText { .. } => "target_text",
            IndicatorChange::BaselineValue { .. } => "baseline_value",
            IndicatorChange::BaselinePeriod { .. } => "baseline_period",
            IndicatorChange::Unit { .. } => "unit",
            IndicatorChange::Kind { .. } => "kind",
            IndicatorChange::Direction { .. } => "direction",
            IndicatorChange::Comparator { .. } => "comparator",
        }
    }

    /// The field's Japanese name (`目標値`, `基準年度`, `単位`).
    pub fn field_ja(&self) -> &'static str {
        match self {
            IndicatorChange::Name { .. } => "指標名",
            IndicatorChange::TargetValue { .. } => "目標値",
            IndicatorChange::TargetPeriod { .. } => "目標年度",
            IndicatorChange::TargetText { .. } => "目標（文言）",
            IndicatorChange::BaselineValue { .. } => "基準値",
            IndicatorChange::BaselinePeriod { .. } => "基準年度",
            IndicatorChange::Unit { .. } => "単位",
            IndicatorChange::Kind { .. } => "種類",
            IndicatorChange::Direction { .. } => "方向",
            IndicatorChange::Comparator { .. } => "比較",
        }
    }

    /// The field's name in `lang`: [`IndicatorChange::field_ja`], or in English `target`,
    /// `baseline year`, `unit`.
    pub fn field_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.field_ja(),
            Lang::En => match self {
                IndicatorChange::Name { .. } => "name",
                IndicatorChange::TargetValue { .. } => "target",
                IndicatorChange::TargetPeriod { .. } => "target year",
                IndicatorChange::TargetText { .. } => "target (in words)",
                IndicatorChange::BaselineValue { .. } => "baseline",
                IndicatorChange::BaselinePeriod { .. } => "baseline year",
                IndicatorChange::Unit { .. } => "unit",
                IndicatorChange::Kind { .. } => "kind",
                IndicatorChange::Direction { .. } => "direction",
                IndicatorChange::Comparator { .. } => "comparator",
            },
        }
    }

    /// The old value in canonical text (numbers unformatted, periods as `FY2023`, names as
    /// `at_least`); `None` for no value. What a JSON output prints.
    pub fn old_text(&self) -> Option<String> {
        self.texts().0
    }

    /// The new value in canonical text; see [`IndicatorChange::old_text`].
    pub fn new_text(&self) -> Option<String> {
        self.texts().1
    }

    fn texts(&self) -> (Option<String>, Option<String>) {
        fn d(v: &Option<Decimal>) -> Option<String> {
            v.map(format_decimal)
        }
        fn p(v: &Option<Period>) -> Option<String> {
            v.map(|p| p.to_string())
        }
        match self {
            IndicatorChange::Name { old, new } | IndicatorChange::Unit { old, new } => {
                (Some(old.clone()), Some(new.clone()))
            }
            IndicatorChange::TargetText { old, new } => (old.clone(), new.clone()),
            IndicatorChange::TargetValue { old, new }
            | IndicatorChange::BaselineValue { old, new } => (d(old), d(new)),
            IndicatorChange::TargetPeriod { old, new }
            | IndicatorChange::BaselinePeriod { old, new } => (p(old), p(new)),
            IndicatorChange::Kind { old, new } => {
                (Some(old.as_str().into()), Some(new.as_str().into()))
            }
            IndicatorChange::Direction { old, new } => {
                (Some(old.as_str().into()), Some(new.as_str().into()))
            }
            IndicatorChange::Comparator { old, new } => {
                (Some(old.as_str().into()), Some(new.as_str().into()))
            }
        }
    }

    /// The old and new values as a table shows them in `lang`.
    fn values_in(&self, lang: Lang) -> (String, String) {
        match (lang, self) {
            (Lang::Ja, _) => self.ja(),
            (Lang::En, IndicatorChange::Kind { old, new }) => {
                (old.as_str().into(), new.as_str().into())
            }
            (Lang::En, IndicatorChange::Direction { old, new }) => {
                (old.as_str().into(), new.as_str().into())
            }
            (Lang::En, IndicatorChange::Comparator { old, new }) => {
                (old.as_str().into(), new.as_str().into())
            }
            // Names, numbers and periods read the same in both.
            (Lang::En, _) => self.ja(),
        }
    }

    fn ja(&self) -> (String, String) {
        fn dir(d: Direction) -> String {
            match d {
                Direction::Increase => "増加".into(),
                Direction::Decrease => "減少".into(),
            }
        }
        fn cmp(c: Comparator) -> String {
            match c {
                Comparator::Exact => "なし".into(),
                other => other.suffix_ja().into(),
            }
        }
        match self {
            IndicatorChange::Name { old, new } | IndicatorChange::Unit { old, new } => {
                (text_ja(Some(old)), text_ja(Some(new)))
            }
            IndicatorChange::TargetText { old, new } => {
                (text_ja(old.as_ref()), text_ja(new.as_ref()))
            }
            IndicatorChange::TargetValue { old, new }
            | IndicatorChange::BaselineValue { old, new } => (value_ja(old, ""), value_ja(new, "")),
            IndicatorChange::TargetPeriod { old, new }
            | IndicatorChange::BaselinePeriod { old, new } => (period_ja(old), period_ja(new)),
            IndicatorChange::Kind { old, new } => (old.label_ja().into(), new.label_ja().into()),
            IndicatorChange::Direction { old, new } => (dir(*old), dir(*new)),
            IndicatorChange::Comparator { old, new } => (cmp(*old), cmp(*new)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/// What `new` changed against `old`: nodes added, retitled, moved, removed, bodies changed;
/// indicators added, removed and changed. See the module documentation for the rules.
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let o = Side::new(&old.nodes);
    let n = Side::new(&new.nodes);
    let m = match_nodes(&o, &n);
    PlanDiff {
        nodes: node_changes(&o, &n, &m),
        indicators: indicator_changes(old, new, &o, &n, &m),
    }
}

/// The nodes that carry the document's own marker (`新`, `修正(旧: …)`, `再掲`), in document
/// order: what a revision list says it changed.
pub fn marked(plan: &Plan) -> Vec<MarkedNode> {
    plan.nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            n.marker.as_ref().map(|m| MarkedNode {
                node: NodeRef::of(i, n),
                marker: m.clone(),
            })
        })
        .collect()
}

/// The key that links the same indicator across plans: the explicit `series_key` when there is
/// a non-blank one, else the normalised name, `|` and the normalised unit.
///
/// The name is in [`fold_name`]'s form (NFKC with list labels kept, every space removed); the
/// unit is [`Unit::new`]'s form.
/// So `中小企業の ＩｏＴ 導入率` in `％` and `中小企業のIoT導入率` in `%` share the key
/// `中小企業のIoT導入率|%`.
pub fn lineage_key(ind: &PlanIndicator) -> String {
    if let Some(k) = ind
        .series_key
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        return k.to_owned();
    }
    let mut key = fold_name(&ind.indicator.name);
    key.push('|');
    key.push_str(Unit::new(&ind.indicator.unit).as_str());
    key
}

/// Gives every indicator of a new version the id its series had in the previous version.
///
/// Observations belong to the plan and the indicator id. A plan file keeps its ids, but a
/// document re-read after a revision numbers its indicators anew (`i1`, `i2`, … by position),
/// so one inserted indicator would shift every id and hang each series' actuals on its
/// neighbour. So: an indicator whose [`lineage_key`] (name and unit, or series key) was in
/// the previous version takes that indicator's id; an indicator whose own id is now taken by
/// another series gets a fresh one (`i1` → the next free `iN`, any other id → `id-2`,
/// `id-3`, …). Returns the plan to store (`None`: unchanged) and the renames made, as
/// (id in `new`, id given). The store calls it before it saves a new version of a plan.
pub fn carry_ids(new: &Plan, old: &Plan) -> (Option<Plan>, Vec<(String, String)>) {
    let mut old_by_key: HashMap<String, Vec<&str>> = HashMap::new();
    for pi in &old.indicators {
        old_by_key
            .entry(lineage_key(pi))
            .or_default()
            .push(pi.indicator.id.as_str());
    }
    // First the ids series keep, in document order, each old id claimed once.
    let mut wanted: Vec<Option<String>> = Vec::with_capacity(new.indicators.len());
    let mut claimed: HashSet<String> = HashSet::new();
    for pi in &new.indicators {
        let key = lineage_key(pi);
        let candidates = old_by_key.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        // Its own id if that is one of its series' old ids, else the first unclaimed one.
        let pick = candidates
            .iter()
            .find(|c| **c == pi.indicator.id && !claimed.contains(**c))
            .or_else(|| candidates.iter().find(|c| !claimed.contains(**c)))
            .map(|c| (*c).to_owned());
        if let Some(id) = &pick {
            claimed.insert(id.clone());
        }
        wanted.push(pick);
    }
    // Then the new series: their own id unless another series holds it now.
    let mut taken: HashSet<String> = claimed.clone();
    let mut ids: Vec<String> = Vec::with_capacity(new.indicators.len());
    for (pi, w) in new.indicators.iter().zip(&wanted) {
        let id = match w {
            Some(id) => id.clone(),
            None => {
                let own = &pi.indicator.id;
                let mut id = own.clone();
                // `i1` → the next free `iN`; any other id → `id-2`, `id-3`, …
                let digits = own.len() - own.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let (stem, numbered) = if digits > 0 && digits < own.len() {
                    (&own[..own.len() - digits], true)
                } else {
                    (own.as_str(), false)
                };
                let mut n: u64 = if numbered { 1 } else { 2 };
                while taken.contains(&id) {
                    id = if numbered {
                        format!("{stem}{n}")
                    } else {
                        format!("{stem}-{n}")
                    };
                    n += 1;
                }
                id
            }
        };
        taken.insert(id.clone());
        ids.push(id);
    }
    let renamed: Vec<(String, String)> = new
        .indicators
        .iter()
        .zip(&ids)
        .filter(|(pi, id)| pi.indicator.id != **id)
        .map(|(pi, id)| (pi.indicator.id.clone(), id.clone()))
        .collect();
    if renamed.is_empty() {
        return (None, renamed);
    }
    let mut plan = new.clone();
    for (pi, id) in plan.indicators.iter_mut().zip(ids) {
        pi.indicator.id = id;
    }
    (Some(plan), renamed)
}

/// [`fold_text`] of an optional text; `None` as the empty text.
fn fold_text_opt(s: &Option<String>) -> String {
    s.as_deref().map(fold_text).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Node matching
// ---------------------------------------------------------------------------------------------

/// One version's nodes, normalised once and indexed.
struct Side<'a> {
    nodes: &'a [Node],
    ids: HashMap<&'a str, usize>,
    title: Vec<String>,
    kind: Vec<String>,
    label: Vec<String>,
    /// The first node with the parent's id; `None` at the top or when no node has it.
    parent: Vec<Option<usize>>,
    /// Children in document order: `[0]` the top, `[i + 1]` node `i`.
    children: Vec<Vec<usize>>,
    /// The index among the siblings with the same kind and label (the third `○` is 2).
    rank: Vec<usize>,
}

impl<'a> Side<'a> {
    fn new(nodes: &'a [Node]) -> Self {
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            ids.entry(n.id.as_str()).or_insert(i);
        }
        let parent: Vec<Option<usize>> = nodes
            .iter()
            .map(|n| n.parent.as_deref().and_then(|p| ids.get(p).copied()))
            .collect();
        let mut children = vec![Vec::new(); nodes.len() + 1];
        for (i, p) in parent.iter().enumerate() {
            if let Some(c) = children.get_mut(slot(*p)) {
                c.push(i);
            }
        }
        let kind: Vec<String> = nodes.iter().map(|n| fold_text_opt(&n.kind)).collect();
        let label: Vec<String> = nodes
            .iter()
            .map(|n| n.label.as_deref().map(fold_name).unwrap_or_default())
            .collect();
        let mut rank = vec![0; nodes.len()];
        let mut seen: HashMap<(Option<usize>, &str, &str), usize> = HashMap::new();
        for i in 0..nodes.len() {
            let k = (
                parent.get(i).copied().flatten(),
                kind.get(i).map_or("", String::as_str),
                label.get(i).map_or("", String::as_str),
            );
            let c = seen.entry(k).or_default();
            if let Some(r) = rank.get_mut(i) {
                *r = *c;
            }
            *c += 1;
        }
        drop(seen);
        Side {
            nodes,
            ids,
            title: nodes.iter().map(|n| fold_text(&n.title)).collect(),
            kind,
            label,
            parent,
            children,
            rank,
        }
    }

    fn rank(&self, i: usize) -> usize {
        self.rank.get(i).copied().unwrap_or(0)
    }

    fn len(&self) -> usize {
        self.nodes.len()
    }

    fn title(&self, i: usize) -> &str {
        self.title.get(i).map_or("", String::as_str)
    }

    fn kind(&self, i: usize) -> &str {
        self.kind.get(i).map_or("", String::as_str)
    }

    fn label(&self, i: usize) -> &str {
        self.label.get(i).map_or("", String::as_str)
    }

    /// What a title match compares: the kind and the title.
    fn key(&self, i: usize) -> Key<'_> {
        (self.kind(i), self.title(i))
    }

    fn parent(&self, i: usize) -> Option<usize> {
        self.parent.get(i).copied().flatten()
    }

    fn kids(&self, p: Option<usize>) -> &[usize] {
        self.children.get(slot(p)).map_or(&[], Vec::as_slice)
    }

    fn node_ref(&self, i: usize) -> Option<NodeRef> {
        self.nodes.get(i).map(|n| NodeRef::of(i, n))
    }

    /// Every node once, parents before children (siblings in document order); nodes caught in
    /// a cycle of parents come last, in document order.
    fn tree_order(&self) -> Vec<usize> {
        let mut seen = vec![false; self.len()];
        let mut order = Vec::with_capacity(self.len());
        let mut stack: Vec<usize> = Vec::new();
        let roots = self.kids(None).to_vec();
        let starts = roots.into_iter().chain(0..self.len());
        for start in starts {
            stack.push(start);
            while let Some(i) = stack.pop() {
                match seen.get_mut(i) {
                    Some(s) if !*s => *s = true,
                    _ => continue,
                }
                order.push(i);
                stack.extend(self.kids(Some(i)).iter().rev());
            }
        }
        order
    }
}

fn slot(p: Option<usize>) -> usize {
    p.map_or(0, |i| i + 1)
}

/// The pairs found so far, both ways.
struct Matching {
    old_to_new: Vec<Option<usize>>,
    new_to_old: Vec<Option<usize>>,
    /// Per new node: paired by position (a retitle), not by title.
    by_position: Vec<bool>,
}

impl Matching {
    fn old_of(&self, n: usize) -> Option<usize> {
        self.new_to_old.get(n).copied().flatten()
    }

    fn new_of(&self, o: usize) -> Option<usize> {
        self.old_to_new.get(o).copied().flatten()
    }

    fn pair(&mut self, o: usize, n: usize, by_position: bool) {
        if let (Some(a), Some(b), Some(c)) = (
            self.old_to_new.get_mut(o),
            self.new_to_old.get_mut(n),
            self.by_position.get_mut(n),
        ) {
            *a = Some(n);
            *b = Some(o);
            *c = by_position;
        }
    }
}

/// The first old node in the queue that is still unmatched; matched ones are dropped on the
/// way, so every queue is walked once in all.
fn take<K: Hash + Eq>(
    queues: &mut HashMap<K, VecDeque<usize>>,
    key: &K,
    old_to_new: &[Option<usize>],
) -> Option<usize> {
    let q = queues.get_mut(key)?;
    while let Some(o) = q.pop_front() {
        if old_to_new.get(o).is_some_and(Option::is_none) {
            return Some(o);
        }
    }
    None
}

type Key<'a> = (&'a str, &'a str);

fn match_nodes(o: &Side, n: &Side) -> Matching {
    let mut m = Matching {
        old_to_new: vec![None; o.len()],
        new_to_old: vec![None; n.len()],
        by_position: vec![false; n.len()],
    };

    // Step 1a: a title (with its kind) that occurs once on each side.
    let mut old_by_key: HashMap<Key, VecDeque<usize>> = HashMap::new();
    for i in 0..o.len() {
        old_by_key.entry(o.key(i)).or_default().push_back(i);
    }
    let mut new_count: HashMap<Key, usize> = HashMap::new();
    for i in 0..n.len() {
        *new_count.entry(n.key(i)).or_default() += 1;
    }
    for j in 0..n.len() {
        let k = n.key(j);
        if new_count.get(&k) == Some(&1) {
            if let Some(q) = old_by_key.get(&k).filter(|q| q.len() == 1) {
                if let Some(&i) = q.front() {
                    m.pair(i, j, false);
                }
            }
        }
    }

    // Step 1b: in tree order, a partner under the matched parent: at the same place among the
    // siblings with its label, then with its label, then any.
    let mut by_place: HashMap<(Key, Option<usize>, &str, usize), usize> = HashMap::new();
    let mut by_parent_label: HashMap<(Key, Option<usize>, &str), VecDeque<usize>> = HashMap::new();
    let mut by_parent: HashMap<(Key, Option<usize>), VecDeque<usize>> = HashMap::new();
    let mut by_label: HashMap<(Key, &str), VecDeque<usize>> = HashMap::new();
    for i in 0..o.len() {
        if m.new_of(i).is_some() {
            continue;
        }
        let k = o.key(i);
        by_place.insert((k, o.parent(i), o.label(i), o.rank(i)), i);
        by_parent_label
            .entry((k, o.parent(i), o.label(i)))
            .or_default()
            .push_back(i);
        by_parent.entry((k, o.parent(i))).or_default().push_back(i);
        by_label.entry((k, o.label(i))).or_default().push_back(i);
    }
    let order = n.tree_order();
    for &j in &order {
        if m.old_of(j).is_some() {
            continue;
        }
        let parent = match n.parent(j) {
            None => None,
            Some(p) => match m.old_of(p) {
                Some(op) => Some(op),
                None => continue,
            },
        };
        let k = n.key(j);
        let same_place = by_place
            .get(&(k, parent, n.label(j), n.rank(j)))
            .copied()
            .filter(|&i| m.new_of(i).is_none());
        let found = same_place
            .or_else(|| {
                take(
                    &mut by_parent_label,
                    &(k, parent, n.label(j)),
                    &m.old_to_new,
                )
            })
            .or_else(|| take(&mut by_parent, &(k, parent), &m.old_to_new));
        if let Some(i) = found {
            m.pair(i, j, false);
        }
    }

    // Step 1c: anywhere, same label first, then the first in document order.
    for j in 0..n.len() {
        if m.old_of(j).is_some() {
            continue;
        }
        let k = n.key(j);
        let found = take(&mut by_label, &(k, n.label(j)), &m.old_to_new)
            .or_else(|| take(&mut old_by_key, &k, &m.old_to_new));
        if let Some(i) = found {
            m.pair(i, j, false);
        }
    }

    // Step 2: by position under matched parents, parents before children.
    match_positions(o, n, &mut m, None, None);
    for &j in &order {
        if let Some(i) = m.old_of(j) {
            match_positions(o, n, &mut m, Some(i), Some(j));
        }
    }
    m
}

/// Pairs the unmatched children of corresponding parents `po` (old) and `pn` (new): same kind
/// and label in the same gap between matched siblings, then same kind, label and index among
/// the siblings with that label.
fn match_positions(o: &Side, n: &Side, m: &mut Matching, po: Option<usize>, pn: Option<usize>) {
    let old_kids = o.kids(po);
    let new_kids = n.kids(pn);
    // A sibling anchors a gap when its partner is a child of the corresponding parent.
    let old_anchor = |m: &Matching, i: usize| m.new_of(i).is_some_and(|j| n.parent(j) == pn);
    let new_anchor = |m: &Matching, j: usize| m.old_of(j).is_some_and(|i| o.parent(i) == po);

    let mut gaps: HashMap<(Option<usize>, &str, &str), VecDeque<usize>> = HashMap::new();
    let mut anchor = None;
    for &i in old_kids {
        if old_anchor(m, i) {
            anchor = Some(i);
        } else if m.new_of(i).is_none() {
            gaps.entry((anchor, o.kind(i), o.label(i)))
                .or_default()
                .push_back(i);
        }
    }
    if gaps.is_empty() {
        return;
    }
    // Anchors are fixed before pairing, so that a pair made here does not shift later gaps.
    let mut waiting = Vec::new();
    let mut anchor = None;
    for &j in new_kids {
        if new_anchor(m, j) {
            anchor = m.old_of(j);
        } else if m.old_of(j).is_none() {
            waiting.push((j, anchor));
        }
    }
    for &(j, anchor) in &waiting {
        if let Some(i) = take(&mut gaps, &(anchor, n.kind(j), n.label(j)), &m.old_to_new) {
            m.pair(i, j, true);
        }
    }

    // Fallback: the index among all siblings with the same kind and label.
    let old_at: HashMap<(&str, &str, usize), usize> = old_kids
        .iter()
        .filter(|&&i| m.new_of(i).is_none())
        .map(|&i| ((o.kind(i), o.label(i), o.rank(i)), i))
        .collect();
    if old_at.is_empty() {
        return;
    }
    for &j in new_kids {
        if m.old_of(j).is_some() {
            continue;
        }
        if let Some(&i) = old_at.get(&(n.kind(j), n.label(j), n.rank(j))) {
            if m.new_of(i).is_none() {
                m.pair(i, j, true);
            }
        }
    }
}

/// For each slot `0..=new_len`, the old items placed there: `[0]` before every new item,
/// `[j + 1]` after new item `j` — after the partner of the nearest matched item before it.
fn removed_slots(old_to_new: &[Option<usize>], new_len: usize) -> Vec<Vec<usize>> {
    let mut slots = vec![Vec::new(); new_len + 1];
    let mut at = 0;
    for (i, partner) in old_to_new.iter().enumerate() {
        match partner {
            Some(j) => at = j + 1,
            None => {
                if let Some(s) = slots.get_mut(at) {
                    s.push(i);
                }
            }
        }
    }
    slots
}

fn node_changes(o: &Side, n: &Side, m: &Matching) -> Vec<NodeChange> {
    let mut out = Vec::new();
    let slots = removed_slots(&m.old_to_new, n.len());
    let removed = |out: &mut Vec<NodeChange>, s: usize| {
        for &i in slots.get(s).map_or(&[][..], Vec::as_slice) {
            if let Some(old) = o.node_ref(i) {
                out.push(NodeChange::Removed { old });
            }
        }
    };
    removed(&mut out, 0);
    for j in 0..n.len() {
        let Some(new) = n.node_ref(j) else { continue };
        match m.old_of(j) {
            None => out.push(NodeChange::Added { new }),
            Some(i) => {
                let Some(old) = o.node_ref(i) else { continue };
                if m.by_position.get(j).copied().unwrap_or(false) {
                    out.push(NodeChange::Modified {
                        old: old.clone(),
                        new: new.clone(),
                    });
                } else {
                    let moved = match (o.parent(i), n.parent(j)) {
                        (None, None) => false,
                        (Some(op), Some(np)) => m.new_of(op) != Some(np),
                        _ => true,
                    };
                    if moved {
                        out.push(NodeChange::Moved {
                            old: old.clone(),
                            new: new.clone(),
                            old_parent: o.parent(i).and_then(|p| o.node_ref(p)),
                            new_parent: n.parent(j).and_then(|p| n.node_ref(p)),
                        });
                    }
                }
                let old_body = o.nodes.get(i).and_then(|x| x.body.clone());
                let new_body = n.nodes.get(j).and_then(|x| x.body.clone());
                if fold_text_opt(&old_body) != fold_text_opt(&new_body) {
                    out.push(NodeChange::BodyChanged {
                        old,
                        new,
                        old_body,
                        new_body,
                    });
                }
            }
        }
        removed(&mut out, j + 1);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------------

fn indicator_changes(
    old: &Plan,
    new: &Plan,
    o: &Side,
    n: &Side,
    m: &Matching,
) -> Vec<IndicatorDiff> {
    let old_keys: Vec<String> = old.indicators.iter().map(lineage_key).collect();
    let new_keys: Vec<String> = new.indicators.iter().map(lineage_key).collect();
    let node_of = |s: &Side, pi: &PlanIndicator| -> Option<usize> {
        pi.node.as_deref().and_then(|id| s.ids.get(id).copied())
    };
    let mut by_node: HashMap<(&str, Option<usize>), VecDeque<usize>> = HashMap::new();
    let mut by_key: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, (pi, k)) in old.indicators.iter().zip(&old_keys).enumerate() {
        by_node
            .entry((k.as_str(), node_of(o, pi)))
            .or_default()
            .push_back(i);
        by_key.entry(k.as_str()).or_default().push_back(i);
    }
    let mut old_to_new: Vec<Option<usize>> = vec![None; old.indicators.len()];
    let mut new_to_old: Vec<Option<usize>> = vec![None; new.indicators.len()];
    for (j, (pi, k)) in new.indicators.iter().zip(&new_keys).enumerate() {
        // The node the partner should hang on: the match of this one's node, or none.
        let node = match node_of(n, pi) {
            None => Some(None),
            Some(nj) => m.old_of(nj).map(Some),
        };
        let found = node
            .and_then(|node| take(&mut by_node, &(k.as_str(), node), &old_to_new))
            .or_else(|| take(&mut by_key, &k.as_str(), &old_to_new));
        if let Some(i) = found {
            if let (Some(a), Some(b)) = (old_to_new.get_mut(i), new_to_old.get_mut(j)) {
                *a = Some(j);
                *b = Some(i);
            }
        }
    }

    let mut out = Vec::new();
    let slots = removed_slots(&old_to_new, new.indicators.len());
    let removed = |out: &mut Vec<IndicatorDiff>, s: usize| {
        for &i in slots.get(s).map_or(&[][..], Vec::as_slice) {
            if let (Some(pi), Some(k)) = (old.indicators.get(i), old_keys.get(i)) {
                out.push(IndicatorDiff::Removed {
                    old: IndicatorRef::of(i, pi, k),
                });
            }
        }
    };
    removed(&mut out, 0);
    for (j, (pi, k)) in new.indicators.iter().zip(&new_keys).enumerate() {
        let new_ref = IndicatorRef::of(j, pi, k);
        let partner = new_to_old.get(j).copied().flatten().and_then(|i| {
            old.indicators
                .get(i)
                .zip(old_keys.get(i))
                .map(|(opi, ok)| (i, opi, ok))
        });
        match partner {
            None => out.push(IndicatorDiff::Added { new: new_ref }),
            Some((i, opi, ok)) => {
                let changes = compare(&opi.indicator, &pi.indicator);
                if !changes.is_empty() {
                    out.push(IndicatorDiff::Changed {
                        old: IndicatorRef::of(i, opi, ok),
                        new: new_ref,
                        changes,
                    });
                }
            }
        }
        removed(&mut out, j + 1);
    }
    out
}

/// Every field of interest that differs, in the order of [`IndicatorChange`]'s variants.
fn compare(a: &Indicator, b: &Indicator) -> Vec<IndicatorChange> {
    let mut out = Vec::new();
    if fold_name(&a.name) != fold_name(&b.name) {
        out.push(IndicatorChange::Name {
            old: a.name.clone(),
            new: b.name.clone(),
        });
    }
    let (ta, tb) = (a.target.as_ref(), b.target.as_ref());
    let (va, vb) = (ta.and_then(|t| t.value), tb.and_then(|t| t.value));
    if va != vb {
        out.push(IndicatorChange::TargetValue { old: va, new: vb });
    }
    let (pa, pb) = (ta.and_then(|t| t.period), tb.and_then(|t| t.period));
    if pa != pb {
        out.push(IndicatorChange::TargetPeriod { old: pa, new: pb });
    }
    let (xa, xb) = (
        ta.and_then(|t| t.text.clone()),
        tb.and_then(|t| t.text.clone()),
    );
    if fold_text_opt(&xa) != fold_text_opt(&xb) {
        out.push(IndicatorChange::TargetText { old: xa, new: xb });
    }
    let (ba, bb) = (a.baseline.as_ref(), b.baseline.as_ref());
    let (va, vb) = (ba.and_then(|x| x.value), bb.and_then(|x| x.value));
    if va != vb {
        out.push(IndicatorChange::BaselineValue { old: va, new: vb });
    }
    let (pa, pb) = (ba.and_then(|x| x.period), bb.and_then(|x| x.period));
    if pa != pb {
        out.push(IndicatorChange::BaselinePeriod { old: pa, new: pb });
    }
    if Unit::new(&a.unit) != Unit::new(&b.unit) {
        out.push(IndicatorChange::Unit {
            old: a.unit.clone(),
            new: b.unit.clone(),
        });
    }
    if a.kind != b.kind {
        out.push(IndicatorChange::Kind {
            old: a.kind,
            new: b.kind,
        });
    }
    if a.direction != b.direction {
        out.push(IndicatorChange::Direction {
            old: a.direction,
            new: b.direction,
        });
    }
    if a.comparator != b.comparator {
        out.push(IndicatorChange::Comparator {
            old: a.comparator,
            new: b.comparator,
        });
    }
    out
}
