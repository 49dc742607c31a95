//! Which values a plan takes from other plans of the same series, as data: the FY2021–23
//! plan (`p21`) borrowing from the FY2022–26 plan (`p22`) and a progress report (`r19`).

use super::*;
use crate::indicator::{Indicator, ObservationStatus};
use crate::plan::{PlanCode, PlanIndicator};
use crate::Decimal;

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn indicator(id: &str, name: &str, unit: &str, kind: IndicatorKind) -> PlanIndicator {
    PlanIndicator {
        indicator: Indicator {
            id: id.into(),
            name: name.into(),
            unit: unit.into(),
            kind,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The FY2021–23 plan: 中小企業のIoT導入率 (level, %) with its own FY2019 value, and whatever
/// else a test adds.
fn p21(extra: Vec<PlanIndicator>) -> Plan {
    let mut plan = Plan::new(PlanCode::new("p21").unwrap(), "産業戦略 2021");
    plan.period = Some(p("FY2021-FY2023"));
    let mut iot = indicator("i25", "中小企業の IoT 導入率", "%", IndicatorKind::Level);
    iot.observations
        .push(Observation::number(p("FY2019"), dec("13.9")));
    plan.indicators.push(iot);
    plan.indicators.extend(extra);
    plan
}

fn origin(plan: &str, period: Option<&str>, indicator: &str, role: Role) -> Origin {
    Origin {
        plan: plan.into(),
        title: format!("{plan} の計画"),
        period: period.map(p),
        indicator: indicator.into(),
        role,
        source: Some(format!("{plan}.txt")),
    }
}

/// An offer of `value` for `period` from plan `from` (its indicator `i5`, an observation,
/// final, FY2022–26 unless the name says `r19`, a report without a period).
fn offer(
    from: &str,
    series: &str,
    unit: &str,
    kind: IndicatorKind,
    period: &str,
    value: &str,
) -> Offer {
    let plan_period = (!from.starts_with('r')).then_some("FY2022-FY2026");
    Offer {
        series: series.into(),
        kind,
        unit: unit.into(),
        fiscal_start: FiscalStart::default(),
        observation: Observation::number(p(period), dec(value)),
        origin: origin(from, plan_period, "i5", Role::Observation),
    }
}

const IOT: &str = "中小企業のIoT導入率|%";

fn iot(from: &str, period: &str, value: &str) -> Offer {
    offer(from, IOT, "%", IndicatorKind::Level, period, value)
}

/// What `follow` took, as (indicator, period, value, lending plan).
fn taken(plan: &Plan, offers: &[Offer]) -> Vec<(String, String, String, String)> {
    follow(plan, offers)
        .borrowed
        .into_iter()
        .map(|b| {
            let v = match b.observation.value {
                ObservedValue::Number(d) => d.normalize().to_string(),
                ObservedValue::State(s) => s,
            };
            (
                b.indicator,
                b.observation.period.to_string(),
                v,
                b.origin.plan,
            )
        })
        .collect()
}

fn row(ind: &str, period: &str, value: &str, from: &str) -> (String, String, String, String) {
    (ind.into(), period.into(), value.into(), from.into())
}

#[test]
fn a_later_plans_value_finishes_the_series_and_names_its_origin() {
    let plan = p21(Vec::new());
    let offers = [iot("p22", "FY2021", "19.3")];
    let f = follow(&plan, &offers);
    assert_eq!(taken(&plan, &offers), [row("i25", "FY2021", "19.3", "p22")]);
    // Merged in time order after the plan's own value.
    let obs = &f.plan.indicators[0].observations;
    assert_eq!(
        obs.iter().map(|o| o.period.to_string()).collect::<Vec<_>>(),
        ["FY2019", "FY2021"]
    );
    let b = f.origin("i25", p("FY2021")).unwrap();
    assert_eq!(
        b.origin,
        origin("p22", Some("FY2022-FY2026"), "i5", Role::Observation)
    );
    assert_eq!(
        f.origin("i25", p("FY2019")),
        None,
        "its own value is not borrowed"
    );
    assert_eq!(f.borrowed_by("i25").count(), 1);
    // Everything else is the plan as it was.
    let mut back = f.plan.clone();
    back.indicators[0]
        .observations
        .retain(|o| o.period != p("FY2021"));
    assert_eq!(back, plan);
}

#[test]
fn its_own_observation_wins_whatever_its_status() {
    let mut plan = p21(Vec::new());
    plan.indicators[0].observations.push(Observation {
        status: ObservationStatus::Estimate,
        ..Observation::number(p("FY2021"), dec("18"))
    });
    assert_eq!(taken(&plan, &[iot("p22", "FY2021", "19.3")]), []);
    // A month of the same year is another period: it is taken, and the evaluation decides.
    assert_eq!(
        taken(&plan, &[iot("r19", "2021-08", "17")]),
        [row("i25", "2021-08", "17", "r19")]
    );
}

#[test]
fn only_the_same_series_kind_and_fiscal_start_lend() {
    let plan = p21(vec![indicator(
        "i12",
        "地域経済牽引事業計画承認件数",
        "件",
        IndicatorKind::Cumulative,
    )]);
    let approvals = "地域経済牽引事業計画承認件数|件";
    let mut april_to_march = iot("p22", "FY2021", "19.3");
    april_to_march.fiscal_start = FiscalStart::new(1).unwrap();
    let cases: [(&str, Offer); 4] = [
        (
            "another series",
            offer(
                "p22",
                "DXに取り組む割合|%",
                "%",
                IndicatorKind::Level,
                "FY2021",
                "13.4",
            ),
        ),
        // The FY2022–26 plan counts approvals per year (a window's flow); FY2021-23 counts
        // them cumulatively: 12 is no running total.
        (
            "a yearly flow for a running total",
            offer(
                "p22",
                approvals,
                "件",
                IndicatorKind::PeriodTotal,
                "FY2021",
                "12",
            ),
        ),
        (
            "a report's level for a running total",
            offer(
                "r19",
                approvals,
                "件",
                IndicatorKind::Level,
                "2019-08",
                "41",
            ),
        ),
        ("fiscal years that start in another month", april_to_march),
    ];
    for (what, o) in cases {
        assert_eq!(taken(&plan, std::slice::from_ref(&o)), [], "{what}");
    }
    let same = offer(
        "p22",
        approvals,
        "件",
        IndicatorKind::Cumulative,
        "FY2021",
        "62",
    );
    assert_eq!(taken(&plan, &[same]), [row("i12", "FY2021", "62", "p22")]);
}

#[test]
fn values_are_taken_in_the_borrowers_unit_or_not_at_all() {
    // Units differ only where plans name a series themselves (`series_key`).
    let key = "付加価値増加額";
    let mut added = indicator("i13", "付加価値増加額", "億円", IndicatorKind::Annual);
    added.series_key = Some(key.into());
    let plan = p21(vec![added]);
    let cases = [
        ("万円", "38300", Some("3.83")),
        ("億円", "98.1", Some("98.1")),
        ("兆円", "0.0001", Some("1")),
        ("件", "5", None),
        ("", "5", None),
    ];
    for (unit, value, expected) in cases {
        let o = offer("p22", key, unit, IndicatorKind::Annual, "FY2021", value);
        let got: Vec<String> = taken(&plan, &[o]).into_iter().map(|r| r.2).collect();
        let want: Vec<String> = expected.into_iter().map(str::to_owned).collect();
        assert_eq!(got, want, "{value} {unit:?}");
    }
    // A value without a unit is no value of a unit, nor a value in % one of none.
    let mut index = indicator("i9", "指数", "", IndicatorKind::Level);
    index.series_key = Some("指数".into());
    let bare = p21(vec![index]);
    let o = offer("p22", "指数", "%", IndicatorKind::Level, "FY2021", "5");
    assert_eq!(taken(&bare, &[o]), []);
}

#[test]
fn a_series_held_twice_is_ambiguous_and_neither_borrowed_nor_lent() {
    let key = "事業化案件数|件";
    let twice = p21(vec![
        indicator("i5", "事業化案件数", "件", IndicatorKind::Cumulative),
        indicator("i7", "事業化案件数", "件", IndicatorKind::Cumulative),
    ]);
    let o = offer("p22", key, "件", IndicatorKind::Cumulative, "FY2021", "100");
    assert_eq!(taken(&twice, std::slice::from_ref(&o)), []);

    let once = p21(vec![indicator(
        "i5",
        "事業化案件数",
        "件",
        IndicatorKind::Cumulative,
    )]);
    let mut other = o.clone();
    other.origin.indicator = "i6".into();
    other.observation = Observation::number(p("FY2020"), dec("99"));
    assert_eq!(taken(&once, &[o.clone(), other]), []);
    assert_eq!(taken(&once, &[o]), [row("i5", "FY2021", "100", "p22")]);
}

#[test]
fn one_value_per_period_chosen_the_same_whatever_the_order_of_the_offers() {
    let plan = p21(Vec::new());
    let provisional = Offer {
        observation: Observation {
            status: ObservationStatus::Provisional,
            ..Observation::number(p("FY2021"), dec("19"))
        },
        ..iot("p30", "FY2021", "19")
    };
    let mut baseline = iot("p22", "FY2021", "19.2");
    baseline.origin.role = Role::Baseline;
    let mut earlier = iot("p20", "FY2021", "19.1");
    earlier.origin.period = Some(p("FY2020-FY2022"));
    let mut no_period = iot("a-report", "FY2021", "19.0");
    no_period.origin.period = None;
    let best = iot("z22", "FY2021", "19.3");
    let mut same_but_later_code = iot("zz22", "FY2021", "19.4");
    same_but_later_code.origin.period = best.origin.period;
    // Each loses to the one before it: final over provisional, an observation over a
    // baseline, the later plan over the earlier, a plan with a period over one without, then
    // the plan code.
    let ranked = [
        best,
        same_but_later_code,
        earlier,
        no_period,
        baseline,
        provisional,
    ];
    for i in 0..ranked.len() {
        let mut offers = ranked[i..].to_vec();
        for turn in 0..offers.len() {
            offers.rotate_left(1);
            let got = taken(&plan, &offers);
            assert_eq!(got.len(), 1);
            assert_eq!(got[0].3, ranked[i].origin.plan, "{i} turned {turn}");
            offers.reverse();
            assert_eq!(taken(&plan, &offers), got, "{i} reversed");
        }
    }
}

#[test]
fn a_milestone_takes_only_its_own_states() {
    let mut m = indicator("i17", "水素ステーション整備", "", IndicatorKind::Milestone);
    m.indicator.states = vec!["未着手".into(), "整備中".into(), "完成".into()];
    let plan = p21(vec![m]);
    let state = |s: &str| Offer {
        observation: Observation::state(p("FY2021"), s),
        ..offer(
            "p22",
            "水素ステーション整備|",
            "",
            IndicatorKind::Milestone,
            "FY2021",
            "0",
        )
    };
    assert_eq!(taken(&plan, &[state("実施中")]), []);
    assert_eq!(
        taken(&plan, &[state("整備中")]),
        [row("i17", "FY2021", "整備中", "p22")]
    );
}

#[test]
fn a_baseline_lends_a_value_of_one_period_only() {
    let b = |value: Option<&str>, period: Option<&str>, stat: BaselineStat, state: Option<&str>| {
        baseline_observation(&Baseline {
            value: value.map(dec),
            period: period.map(p),
            stat,
            note: None,
            state: state.map(str::to_owned),
        })
    };
    use BaselineStat::{Mean, Value};
    assert_eq!(
        b(Some("19.3"), Some("FY2021"), Value, None),
        Some(Observation::number(p("FY2021"), dec("19.3")))
    );
    assert_eq!(
        b(Some("41"), Some("2019-08"), Value, None),
        Some(Observation::number(p("2019-08"), dec("41")))
    );
    assert_eq!(
        b(None, Some("FY2021"), Value, Some("実施中")),
        Some(Observation::state(p("FY2021"), "実施中"))
    );
    assert_eq!(
        b(Some("862"), Some("FY2018-FY2021"), Value, None),
        None,
        "a window's total"
    );
    assert_eq!(b(Some("98"), Some("FY2019"), Mean, None), None, "a mean");
    assert_eq!(b(Some("25"), None, Value, None), None, "no period");
    assert_eq!(b(None, Some("FY2021"), Value, None), None, "no value");
}

#[test]
fn a_plan_never_borrows_from_itself_and_nothing_offered_changes_nothing() {
    let plan = p21(Vec::new());
    assert_eq!(follow(&plan, &[]), Followed::own(plan.clone()));
    assert_eq!(taken(&plan, &[iot("p21", "FY2021", "19.3")]), []);
}
