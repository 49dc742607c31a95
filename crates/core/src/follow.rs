//! Actuals that follow the series: the values a plan takes from the same indicator in other
//! plans (DESIGN.md → Plans, `actuals_from_lineage`).
//!
//! A plan's final years are usually measured in documents published after it: the FY2022–26
//! plan prints the FY2021 values that finish the FY2021–23 plan. An edge that holds other
//! plans (the store) offers their values of each series ([`Offer`]: an observation, or a
//! baseline measured in one year or month); [`follow`] decides which a plan takes and returns
//! the plan with them merged in ([`Followed`]), each borrowed value naming where it came from
//! ([`Origin`]). Guarantees:
//!
//! - **Its own observations win.** No value is borrowed for a period the indicator has an
//!   observation of, whatever its status.
//! - **Nothing is mixed.** A value is taken only by an indicator of the same series (the
//!   [`crate::diff::lineage_key`]), the same kind (a progress report's count, read as a level,
//!   is no yearly flow of a window) and the same fiscal-year start (`FY2021` means the same
//!   months), in the indicator's own unit or one exactly converted to it within its scale
//!   family ([`Unit::value_from`]); a milestone's state must be one of the borrower's states.
//!   Values are taken as they are, never summed. A series that a plan holds twice (one name
//!   under two projects) is ambiguous: such a plan neither borrows nor lends it.
//! - **One value per period, chosen the same way every time**: final before provisional before
//!   estimate, an observation before a baseline, the later plan (by the start of its period)
//!   before the earlier, then by plan code and indicator id.
//! - Pure: no IO, no panics, the offers' order does not matter.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::actuals::check_value;
use crate::diff::lineage_key;
use crate::indicator::{
    Baseline, BaselineStat, IndicatorKind, Observation, ObservationStatus, ObservedValue,
};
use crate::period::{FiscalStart, Period};
use crate::plan::Plan;
use crate::quantity::Unit;

/// What a borrowed value was in the plan that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// One of its observations (実績値).
    Observation,
    /// Its baseline (現状値): a value the later plan prints for the year it starts from.
    Baseline,
}

impl Role {
    /// `observation` or `baseline`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Observation => "observation",
            Role::Baseline => "baseline",
        }
    }
}

/// Where a borrowed value comes from: enough for a reader to find it in the plan and the
/// document it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The lending plan's code.
    pub plan: String,
    /// Its title.
    pub title: String,
    /// Its period (`FY2022-FY2026`), if it states one.
    pub period: Option<Period>,
    /// The indicator's id in that plan.
    pub indicator: String,
    /// Whether the value is that indicator's observation or its baseline.
    pub role: Role,
    /// The file the value was read from: the document or plan file of that plan's version
    /// (`004_af65ec13672d85be.txt`), or the actuals file and line it was imported from
    /// (`実績.csv:12`). `None` when no file is known (a value typed in by hand).
    pub source: Option<String>,
}

/// A value another plan offers to a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The series: the lending indicator's [`lineage_key`].
    pub series: String,
    /// The lending indicator's kind.
    pub kind: IndicatorKind,
    /// The lending indicator's unit, the value's unit.
    pub unit: String,
    /// The lending plan's fiscal-year start.
    pub fiscal_start: FiscalStart,
    /// The value, for its period.
    pub observation: Observation,
    /// Where it comes from.
    pub origin: Origin,
}

/// A value a plan took from another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Borrowed {
    /// The id of the indicator that took it, in the borrowing plan.
    pub indicator: String,
    /// The value as taken: in the borrowing indicator's unit.
    pub observation: Observation,
    /// Where it comes from.
    pub origin: Origin,
}

/// A plan with the values it borrowed merged into its indicators' observations (in time
/// order, as the store gives them), and the list of those values with their origins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The plan, borrowed values included: evaluate this.
    pub plan: Plan,
    /// Every value borrowed, by indicator in the plan's order, then in time order.
    pub borrowed: Vec<Borrowed>,
}

impl Followed {
    /// A plan that borrows nothing (its ratio indicators filled from their operands, as in
    /// [`follow`]).
    pub fn own(mut plan: Plan) -> Self {
        plan.with_ratios();
        Followed {
            plan,
            borrowed: Vec::new(),
        }
    }

    /// The borrowed value of `indicator` for `period`, if that observation was borrowed (at
    /// most one per indicator and period, and never one the plan holds itself).
    pub fn origin(&self, indicator: &str, period: Period) -> Option<&Borrowed> {
        self.borrowed
            .iter()
            .find(|b| b.indicator == indicator && b.observation.period == period)
    }

    /// The values `indicator` borrowed, in time order.
    pub fn borrowed_by<'a>(&'a self, indicator: &'a str) -> impl Iterator<Item = &'a Borrowed> {
        self.borrowed
            .iter()
            .filter(move |b| b.indicator == indicator)
    }
}

/// A baseline as an observation another plan may borrow: a value (or a milestone's state)
/// measured in one year, month or day. A mean, a window's total and a baseline without a
/// period are no value of one period, and give `None`.
pub fn baseline_observation(b: &Baseline) -> Option<Observation> {
    let period = b.period.filter(|p| !p.is_window())?;
    if b.stat != BaselineStat::Value {
        return None;
    }
    let value = match (b.value, &b.state) {
        (Some(v), _) => ObservedValue::Number(v),
        (None, Some(s)) => ObservedValue::State(s.clone()),
        (None, None) => return None,
    };
    Some(Observation {
        period,
        value,
        status: ObservationStatus::Final,
        as_of: None,
    })
}

/// The plan with the offers it takes merged in (see the module doc for which).
pub fn follow(plan: &Plan, offers: &[Offer]) -> Followed {
    // Series the plan holds more than once borrow nothing.
    let mut held: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, pi) in plan.indicators.iter().enumerate() {
        held.entry(lineage_key(pi)).or_default().push(i);
    }
    // Lending plans that hold a series more than once lend nothing of it.
    let mut lenders: HashMap<(&str, &str), HashSet<&str>> = HashMap::new();
    for o in offers {
        lenders
            .entry((o.series.as_str(), o.origin.plan.as_str()))
            .or_default()
            .insert(o.origin.indicator.as_str());
    }
    let mut chosen: HashMap<(usize, Period), (&Offer, Observation)> = HashMap::new();
    for offer in offers {
        let Some(&[i]) = held.get(&offer.series).map(Vec::as_slice) else {
            continue;
        };
        if offer.origin.plan == plan.code.as_str()
            || lenders
                .get(&(offer.series.as_str(), offer.origin.plan.as_str()))
                .is_some_and(|ids| ids.len() > 1)
            || offer.fiscal_start != plan.fiscal_start
        {
            continue;
        }
        let pi = &plan.indicators[i];
        let ind = &pi.indicator;
        let period = offer.observation.period;
        if offer.kind != ind.kind || pi.observations.iter().any(|o| o.period == period) {
            continue;
        }
        let Some(value) = in_unit(&offer.observation.value, &offer.unit, &ind.unit) else {
            continue;
        };
        if check_value(ind.kind, &ind.states, &value).is_err() {
            continue;
        }
        let taken = Observation {
            value,
            ..offer.observation.clone()
        };
        match chosen.get(&(i, period)) {
            Some((best, _)) if preference(best, offer) != Ordering::Greater => {}
            _ => {
                chosen.insert((i, period), (offer, taken));
            }
        }
    }
    let mut borrowed: Vec<(usize, Borrowed)> = chosen
        .into_iter()
        .map(|((i, _), (offer, observation))| {
            let b = Borrowed {
                indicator: plan.indicators[i].indicator.id.clone(),
                observation,
                origin: offer.origin.clone(),
            };
            (i, b)
        })
        .collect();
    let fs = plan.fiscal_start;
    borrowed.sort_by_key(|(i, b)| (*i, time_key(&b.observation, fs)));
    let mut merged = plan.clone();
    for (i, b) in &borrowed {
        merged.indicators[*i]
            .observations
            .push(b.observation.clone());
    }
    if !borrowed.is_empty() {
        for pi in &mut merged.indicators {
            // Stable: the plan's own order stays as it was where times are equal.
            pi.observations.sort_by_key(|o| time_key(o, fs));
        }
    }
    // A ratio is computed from its operands as they now stand, borrowed values included.
    merged.with_ratios();
    Followed {
        plan: merged,
        borrowed: borrowed.into_iter().map(|(_, b)| b).collect(),
    }
}

/// The order observations are kept in: by the period's last day, then period and as-of.
fn time_key(o: &Observation, fs: FiscalStart) -> ((i32, u8, u8), Period, Option<Period>) {
    (o.period.last_day(fs), o.period, o.as_of)
}

/// How `a` compares with `b` as a choice for one period: `Less` is better.
fn preference(a: &Offer, b: &Offer) -> Ordering {
    let sureness = |o: &Offer| match o.observation.status {
        ObservationStatus::Final => 0,
        ObservationStatus::Provisional => 1,
        ObservationStatus::Estimate => 2,
    };
    // A plan without a period sorts after every plan with one.
    let later_first =
        |o: &Offer| std::cmp::Reverse(o.origin.period.map(|p| p.first_day(o.fiscal_start)));
    sureness(a)
        .cmp(&sureness(b))
        .then(a.origin.role.cmp(&b.origin.role))
        .then(later_first(a).cmp(&later_first(b)))
        .then_with(|| a.origin.plan.cmp(&b.origin.plan))
        .then_with(|| a.origin.indicator.cmp(&b.origin.indicator))
        .then_with(|| a.observation.as_of.cmp(&b.observation.as_of))
}

/// `value`, written in `from`, in the unit `to`: the same unit once both are normalised, or an
/// exact conversion within one scale family. A bare number is no value of a unit, nor a value
/// with a unit one of none: unlike a cell typed by a person, another plan's value carries its
/// unit, and no unit is a unit.
fn in_unit(value: &ObservedValue, from: &str, to: &str) -> Option<ObservedValue> {
    let (from, to) = (Unit::new(from), Unit::new(to));
    match value {
        ObservedValue::State(_) => (from == to).then(|| value.clone()),
        ObservedValue::Number(_) if from == to => Some(value.clone()),
        ObservedValue::Number(_) if from.is_empty() || to.is_empty() => None,
        ObservedValue::Number(d) => to.value_from(*d, &from).ok().map(ObservedValue::Number),
    }
}

#[cfg(test)]
mod tests;
