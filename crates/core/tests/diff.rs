//! Rules of `shinchoku_core::diff` as data: two versions of a plan written as outlines, and the
//! lines `shinchoku diff` would print. The outlines are taken from seed 003 (a revision list of
//! the 総合戦略アクションプラン) and the indicator figures from seeds 001 and 004
//! (中小企業のIoT導入率 in the FY2021–23 and FY2022–26 plans).

#![allow(clippy::unwrap_used)] // test helpers: a failure here is a broken fixture

use shinchoku_core::diff::{
    carry_ids, diff, lineage_key, marked, IndicatorChange, IndicatorDiff, NodeChange, PlanDiff,
};
use shinchoku_core::indicator::{Baseline, Comparator, Indicator, Target};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Marker, Node, Plan, PlanCode, PlanIndicator};
use shinchoku_core::Decimal;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A plan from an outline: one node per line, two spaces of indent per level, an optional
/// label (`1`, `(1)`, `①`, `◆`, `○`) then the title, and `¶ body` for body text. The kind
/// follows the label, as in seed 003. Ids are `n1`, `n2`… by position, as a re-import numbers
/// them, so the diff cannot lean on them.
fn outline(text: &str) -> Plan {
    let mut plan = Plan::new(PlanCode::new("x").unwrap(), "x");
    let mut stack: Vec<(usize, String)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let depth = (line.len() - line.trim_start_matches(' ').len()) / 2;
        let (head, body) = match line.trim().split_once('¶') {
            Some((h, b)) => (h.trim(), Some(b.trim().to_owned())),
            None => (line.trim(), None),
        };
        let (label, title) = match head.split_once(' ') {
            Some((l, t)) if is_label(l) => (Some(l.to_owned()), t.to_owned()),
            _ => (None, head.to_owned()),
        };
        let kind = label.as_deref().map(kind_of);
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            stack.pop();
        }
        let id = format!("n{}", plan.nodes.len() + 1);
        plan.nodes.push(Node {
            weight: None,
            id: id.clone(),
            parent: stack.last().map(|(_, p)| p.clone()),
            kind: kind.map(str::to_owned),
            label,
            title,
            body,
            marker: None,
        });
        stack.push((depth, id));
    }
    assert!(plan.check().is_empty(), "{:?}", plan.check());
    plan
}

fn is_label(s: &str) -> bool {
    s == "◆"
        || s == "○"
        || s.starts_with('(')
        || s.chars().all(|c| c.is_ascii_digit())
        || s.chars().all(|c| ('①'..='⑳').contains(&c))
}

fn kind_of(label: &str) -> &'static str {
    match label {
        "◆" => "施策",
        "○" => "取組",
        l if l.starts_with('(') => "政策",
        l if l.chars().all(|c| c.is_ascii_digit()) => "分野",
        _ => "施策の柱",
    }
}

fn lines(d: &PlanDiff) -> Vec<String> {
    d.nodes.iter().map(NodeChange::describe).collect()
}

/// The node changes from `old` to `new`, as `shinchoku diff` prints them.
fn check(old: &str, new: &str, expected: &[&str]) {
    let d = diff(&outline(old), &outline(new));
    assert_eq!(lines(&d), expected, "\n--- old\n{old}\n--- new\n{new}");
}

fn fy(y: i32) -> Option<Period> {
    Some(Period::FiscalYear(y))
}

fn dec(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// An indicator with a baseline and a target, as a plan's numeric-target table prints it.
fn indicator(
    id: &str,
    name: &str,
    unit: &str,
    baseline: (&str, Option<Period>),
    target: (&str, Option<Period>),
) -> PlanIndicator {
    PlanIndicator {
        indicator: Indicator {
            id: id.into(),
            name: name.into(),
            unit: unit.into(),
            baseline: Some(Baseline {
                value: dec(baseline.0),
                period: baseline.1,
                ..Baseline::default()
            }),
            target: Some(Target {
                value: dec(target.0),
                period: target.1,
                text: None,
            }),
            ..Indicator::default()
        },
        ..PlanIndicator::default()
    }
}

fn with_indicators(inds: Vec<PlanIndicator>) -> Plan {
    let mut p = Plan::new(PlanCode::new("x").unwrap(), "x");
    p.indicators = inds;
    p
}

// ---------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------

const BEFORE: &str = "
1 産業振興による雇用の創出
  (1) 雇用を生み出す産業力の強化
    ② 産業の国際競争力強化に向けた産業基盤の整備促進
      ◆ コンビナート企業間の連携促進
        ○ 「次世代型コンビナート」企業間連携モデルの構築
      ◆ 研究開発力の強化及び人材の育成
        ○ 研究開発力の強化及び人材の育成
        ○ 高度産業人材確保に向けた支援の充実
    ⑤ 強みを活かした水素利活用による産業振興と地域づくり
      ◆ 水素製造・供給インフラの整備促進
        ○ 県内への水素ステーションの誘致拡大等
  (2) 地域の雇用を支える中堅・中小企業の応援
    ① 新たなビジネスや雇用を創出する創業や事業拡大に対する支援の強化
      ◆ 円滑な事業承継に向けた支援の強化
        ○ 計画的な事業承継に向けたきめ細かな支援
      ◆ 産業支援サービス業の振興
        ○ 情報サービス産業等の誘致・育成
";

#[test]
fn a_plan_against_itself_has_no_changes() {
    check(BEFORE, BEFORE, &[]);
    assert!(diff(&outline(BEFORE), &outline(BEFORE)).is_empty());
}

#[test]
fn ids_are_not_used_to_match() {
    let old = outline(BEFORE);
    let mut new = old.clone();
    // Same content, every id different (as another importer would number them).
    for n in &mut new.nodes {
        n.id = format!("x-{}", n.id);
        n.parent = n.parent.as_ref().map(|p| format!("x-{p}"));
    }
    assert!(diff(&old, &new).is_empty());
}

#[test]
fn a_measure_inserted_before_the_others_is_the_only_change() {
    // 003: 新 ◆ 自動車新時代に対応したイノベーションの創出, before the ◆ that were there.
    let after = BEFORE.replace(
        "      ◆ コンビナート企業間の連携促進\n",
        "      ◆ 自動車新時代に対応したイノベーションの創出\n        ○ 関連企業のイノベーション創出支援\n      ◆ コンビナート企業間の連携促進\n",
    );
    check(
        BEFORE,
        &after,
        &[
            "新 ◆ 自動車新時代に対応したイノベーションの創出",
            "新 ○ 関連企業のイノベーション創出支援",
        ],
    );
}

#[test]
fn a_retitled_measure_is_modified_with_its_old_title() {
    // 003 line 27: 修正 ◆ 商業・サービス産業の振興(旧:産業支援サービス業の振興).
    let after = BEFORE.replace("産業支援サービス業の振興", "商業・サービス産業の振興");
    check(
        BEFORE,
        &after,
        &["修正 ◆ 商業・サービス産業の振興（旧: 産業支援サービス業の振興）"],
    );
    let d = diff(&outline(BEFORE), &outline(&after));
    assert_eq!(d.nodes[0].old_title(), Some("産業支援サービス業の振興"));
    assert_eq!(d.nodes[0].as_str(), "modified");
}

#[test]
fn a_retitled_sub_measure_among_others_with_the_same_label() {
    let after = BEFORE.replace(
        "○ 高度産業人材確保に向けた支援の充実",
        "○ 医薬品等の製造管理及び品質管理(GMP)研修プログラムの検討",
    );
    check(
        BEFORE,
        &after,
        &["修正 ○ 医薬品等の製造管理及び品質管理(GMP)研修プログラムの検討（旧: 高度産業人材確保に向けた支援の充実）"],
    );
}

#[test]
fn a_retitle_next_to_an_insertion_is_still_a_retitle() {
    // The inserted ◆ shifts the index of the retitled one among the ◆; the gap between its
    // unchanged neighbours still pairs it.
    let old = "
◆ 円滑な事業承継に向けた支援の強化
◆ 産業支援サービス業の振興
◆ ハンズオン支援体制等の整備
";
    let new = "
◆ 地域中核企業の創出・成長支援
◆ 円滑な事業承継に向けた支援の強化
◆ 商業・サービス産業の振興
◆ ハンズオン支援体制等の整備
";
    check(
        old,
        new,
        &[
            "新 ◆ 地域中核企業の創出・成長支援",
            "修正 ◆ 商業・サービス産業の振興（旧: 産業支援サービス業の振興）",
        ],
    );
}

#[test]
fn an_insertion_and_a_removal_in_different_places_are_not_a_retitle() {
    let old = "
◆ 円滑な事業承継に向けた支援の強化
◆ 産業支援サービス業の振興
◆ ハンズオン支援体制等の整備
";
    let new = "
◆ 円滑な事業承継に向けた支援の強化
◆ ハンズオン支援体制等の整備
◆ 海外販路開拓支援
";
    check(
        old,
        new,
        &["削除 ◆ 産業支援サービス業の振興", "新 ◆ 海外販路開拓支援"],
    );
}

#[test]
fn a_removed_measure_takes_its_sub_measures_with_it() {
    let after = BEFORE.replace(
        "      ◆ 水素製造・供給インフラの整備促進\n        ○ 県内への水素ステーションの誘致拡大等\n",
        "",
    );
    check(
        BEFORE,
        &after,
        &[
            "削除 ◆ 水素製造・供給インフラの整備促進",
            "削除 ○ 県内への水素ステーションの誘致拡大等",
        ],
    );
}

#[test]
fn a_removed_node_is_listed_where_it_stood() {
    let old = "
◆ 円滑な事業承継に向けた支援の強化
◆ 産業支援サービス業の振興
◆ ハンズオン支援体制等の整備
";
    let new = "
◆ 地域中核企業の創出・成長支援
◆ 円滑な事業承継に向けた支援の強化
◆ ハンズオン支援体制等の整備
◆ 海外販路開拓支援
";
    check(
        old,
        new,
        &[
            "新 ◆ 地域中核企業の創出・成長支援",
            "削除 ◆ 産業支援サービス業の振興",
            "新 ◆ 海外販路開拓支援",
        ],
    );
}

#[test]
fn renumbering_after_an_insertion_is_not_a_change() {
    // A new ⑥ in 003 would renumber what follows it; labels of matched nodes are not compared.
    let old = "
① 新たなビジネスや雇用を創出する創業や事業拡大に対する支援の強化
② 地域のものづくり企業のポテンシャルを引き出す支援の強化
③ 地域産業を支え、次世代に引き継ぐ人材の確保・育成
";
    let new = "
① 新たなビジネスや雇用を創出する創業や事業拡大に対する支援の強化
② 新たな可能性を拓くバイオ関連産業イノベーションの創出
③ 地域のものづくり企業のポテンシャルを引き出す支援の強化
④ 地域産業を支え、次世代に引き継ぐ人材の確保・育成
";
    check(
        old,
        new,
        &["新 ② 新たな可能性を拓くバイオ関連産業イノベーションの創出"],
    );
}

#[test]
fn a_numbered_node_retitled_keeps_its_number() {
    let old = "
(1) 雇用を生み出す産業力の強化
(2) 地域の雇用を支える中堅・中小企業の応援
";
    let new = "
(1) 雇用を生み出す産業力の強化
(2) 地域の雇用を支える中堅・中小企業の成長支援
";
    check(
        old,
        new,
        &["修正 (2) 地域の雇用を支える中堅・中小企業の成長支援（旧: 地域の雇用を支える中堅・中小企業の応援）"],
    );
}

#[test]
fn a_retitled_parent_keeps_its_children() {
    let after = BEFORE.replace(
        "◆ 研究開発力の強化及び人材の育成\n",
        "◆ 研究開発力の強化及び高度産業人材の育成\n",
    );
    check(
        BEFORE,
        &after,
        &["修正 ◆ 研究開発力の強化及び高度産業人材の育成（旧: 研究開発力の強化及び人材の育成）"],
    );
}

#[test]
fn a_title_used_twice_matches_by_kind_and_parent() {
    // 003 prints 研究開発力の強化及び人材の育成 both as a ◆ and as its own ○; a second ○ of that
    // title under another ◆ must pair with the one under the matching parent.
    let old = "
◆ 研究開発力の強化及び人材の育成
  ○ 研究開発力の強化及び人材の育成
◆ ヘルスケア関連産業の創出・育成支援
  ○ 研究開発力の強化及び人材の育成
";
    let new = "
◆ ヘルスケア関連産業の創出・育成支援
  ○ 研究開発力の強化及び人材の育成
◆ 研究開発力の強化及び人材の育成
  ○ 研究開発力の強化及び人材の育成
";
    check(old, new, &[]);
}

#[test]
fn a_sub_measure_under_another_measure_is_moved() {
    let old = "
◆ 水素製造・供給インフラの整備促進
  ○ 県内への水素ステーションの誘致拡大等
  ○ 小水力発電の普及促進
◆ 再生可能エネルギーの導入促進による産業振興
";
    let new = "
◆ 水素製造・供給インフラの整備促進
  ○ 県内への水素ステーションの誘致拡大等
◆ 再生可能エネルギーの導入促進による産業振興
  ○ 小水力発電の普及促進
";
    check(
        old,
        new,
        &["移動 ○ 小水力発電の普及促進（◆ 水素製造・供給インフラの整備促進 → ◆ 再生可能エネルギーの導入促進による産業振興）"],
    );
    let d = diff(&outline(old), &outline(new));
    assert_eq!(d.nodes[0].as_str(), "moved");
}

#[test]
fn whitespace_and_width_do_not_change_a_title() {
    let old = "
◆ 海外販路開拓支援
◆ やまぐちSPACE HILL構想の推進
";
    let new = "
◆  海外販路開拓支援
◆ やまぐちＳＰＡＣＥ　ＨＩＬＬ構想の推進
";
    check(old, new, &[]);
}

#[test]
fn half_width_katakana_and_compatibility_forms_do_not_change_a_title() {
    let old = "
◆ テレワークの推進
◆ 県土面積(km2)の把握
";
    let new = "
◆ ﾃﾚﾜｰｸの推進
◆ 県土面積（㎞２）の把握
";
    check(old, new, &[]);
}

#[test]
fn a_changed_body_is_its_own_kind_of_change() {
    let old = "
◆ 円滑な事業承継に向けた支援の強化 ¶ コーディネーターの調整のもと関係機関の連携による支援
";
    let new = "
◆ 円滑な事業承継に向けた支援の強化 ¶ 関係機関の連携による支援
";
    check(old, new, &["本文修正 ◆ 円滑な事業承継に向けた支援の強化"]);
    let d = diff(&outline(old), &outline(new));
    match &d.nodes[0] {
        NodeChange::BodyChanged {
            old_body, new_body, ..
        } => {
            assert_eq!(
                old_body.as_deref(),
                Some("コーディネーターの調整のもと関係機関の連携による支援")
            );
            assert_eq!(new_body.as_deref(), Some("関係機関の連携による支援"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_retitle_and_a_new_body_are_two_changes() {
    let old = "◆ 産業支援サービス業の振興 ¶ 誘致\n";
    let new = "◆ 商業・サービス産業の振興 ¶ 誘致・育成\n";
    check(
        old,
        new,
        &[
            "修正 ◆ 商業・サービス産業の振興（旧: 産業支援サービス業の振興）",
            "本文修正 ◆ 商業・サービス産業の振興",
        ],
    );
}

#[test]
fn changes_refer_to_both_versions() {
    let after = BEFORE.replace("産業支援サービス業の振興", "商業・サービス産業の振興");
    let (old, new) = (outline(BEFORE), outline(&after));
    let d = diff(&old, &new);
    let c = &d.nodes[0];
    let (o, n) = (c.old_node().unwrap(), c.new_node().unwrap());
    assert_eq!(old.nodes[o.index].id, o.id);
    assert_eq!(new.nodes[n.index].title, "商業・サービス産業の振興");
    assert_eq!(c.label_ja(), "修正");
    assert_eq!(c.detail_ja(), "旧: 産業支援サービス業の振興");
}

#[test]
fn an_inconsistent_plan_diffs_against_itself_without_changes() {
    let mut p = outline(BEFORE);
    // A cycle, a dangling parent and a duplicate id.
    p.nodes[3].parent = Some(p.nodes[4].id.clone());
    p.nodes[4].parent = Some(p.nodes[3].id.clone());
    p.nodes[6].parent = Some("nowhere".into());
    p.nodes[8].id = p.nodes[2].id.clone();
    assert!(!p.check().is_empty());
    assert!(diff(&p, &p).is_empty());
    let _ = diff(&p, &outline(BEFORE));
    let _ = diff(&outline(BEFORE), &p);
}

#[test]
fn a_large_plan_with_one_repeated_title_still_diffs_right() {
    // Speed is measured in the benchmark, not here; this checks the answer on the worst case
    // for title matching. 8,000 nodes, every ○ titled alike (the worst case for title matching), one ◆ inserted at
    // the front and one ○ retitled.
    let mut old = String::new();
    for i in 0..2000 {
        old.push_str(&format!("◆ 施策{i}\n"));
        for _ in 0..3 {
            old.push_str("  ○ 推進体制の整備\n");
        }
    }
    let mut new = String::from("◆ 新しい施策\n");
    new.push_str(&old.replacen("  ○ 推進体制の整備\n", "  ○ 推進体制の強化\n", 1));
    let d = diff(&outline(&old), &outline(&new));
    assert_eq!(
        lines(&d),
        [
            "新 ◆ 新しい施策",
            "修正 ○ 推進体制の強化（旧: 推進体制の整備）"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// The document's own markers
// ---------------------------------------------------------------------------------------------

#[test]
fn marked_lists_the_documents_own_markers_in_order() {
    let mut p = outline(
        "
◆ 自動車新時代に対応したイノベーションの創出
  ○ 関連企業のイノベーション創出支援
◆ 商業・サービス産業の振興
  ○ 高度産業人材確保に向けた支援の充実
◆ 水素製造・供給インフラの整備促進
",
    );
    p.nodes[0].marker = Some(Marker::New);
    p.nodes[1].marker = Some(Marker::New);
    p.nodes[2].marker = Some(Marker::Modified {
        old_title: Some("産業支援サービス業の振興".into()),
    });
    p.nodes[3].marker = Some(Marker::Relisted);
    let m: Vec<String> = marked(&p).iter().map(|m| m.describe()).collect();
    assert_eq!(
        m,
        [
            "新 ◆ 自動車新時代に対応したイノベーションの創出",
            "新 ○ 関連企業のイノベーション創出支援",
            "修正 ◆ 商業・サービス産業の振興（旧: 産業支援サービス業の振興）",
            "再掲 ○ 高度産業人材確保に向けた支援の充実",
        ]
    );
    assert_eq!(marked(&p)[2].node.id, "n3");
    assert!(marked(&outline(BEFORE)).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------------

fn iot_2021() -> PlanIndicator {
    // 001: 中小企業のIoT導入率 13.9 % (R元年度) → 24 % (R5年度).
    indicator(
        "i7",
        "中小企業のIoT導入率",
        "%",
        ("13.9", fy(2019)),
        ("24", fy(2023)),
    )
}

fn iot_2022() -> PlanIndicator {
    // 004: 中小企業の I o T 導入率 19.3% (2021 年度) → 28% (2026 年度), printed in full width.
    indicator(
        "i2",
        "中小企業の ＩｏＴ 導入率",
        "％",
        ("19.3", fy(2021)),
        ("28", fy(2026)),
    )
}

fn attraction() -> PlanIndicator {
    // 004: 企業誘致件数 25件 (2021) → 125件 (2022～2026).
    indicator(
        "i1",
        "企業誘致件数",
        "件",
        ("25", fy(2021)),
        (
            "125",
            Some(Period::FiscalYears {
                start: 2022,
                end: 2026,
            }),
        ),
    )
}

#[test]
fn lineage_keys_ignore_width_and_spaces() {
    assert_eq!(lineage_key(&iot_2021()), "中小企業のIoT導入率|%");
    assert_eq!(lineage_key(&iot_2022()), lineage_key(&iot_2021()));
    let spaced = indicator(
        "i",
        "中小企業の I o T 導入率",
        "%",
        ("0", None),
        ("0", None),
    );
    assert_eq!(lineage_key(&spaced), lineage_key(&iot_2021()));
}

#[test]
fn lineage_keys_ignore_half_width_katakana() {
    let full = indicator("i", "テレワーク導入企業数", "社", ("0", None), ("0", None));
    let half = indicator("i", "ﾃﾚﾜｰｸ導入企業数", "社", ("0", None), ("0", None));
    assert_eq!(lineage_key(&half), lineage_key(&full));
    assert_eq!(lineage_key(&half), "テレワーク導入企業数|社");
}

#[test]
fn lineage_keys_differ_when_units_differ() {
    let mut count = iot_2021();
    count.indicator.unit = "社".into();
    assert_ne!(lineage_key(&count), lineage_key(&iot_2021()));
}

#[test]
fn an_explicit_series_key_wins_unless_blank() {
    let mut a = iot_2021();
    a.series_key = Some("iot-adoption".into());
    assert_eq!(lineage_key(&a), "iot-adoption");
    a.series_key = Some("  ".into());
    assert_eq!(lineage_key(&a), "中小企業のIoT導入率|%");
}

#[test]
fn a_changed_target_lists_each_field_with_old_and_new() {
    let old = with_indicators(vec![attraction(), iot_2021()]);
    let new = with_indicators(vec![attraction(), iot_2022()]);
    let d = diff(&old, &new);
    assert!(d.nodes.is_empty());
    assert_eq!(d.indicators.len(), 1);
    let c = &d.indicators[0];
    assert_eq!(c.as_str(), "changed");
    assert_eq!(c.indicator().id, "i2");
    assert_eq!(
        c.changes(),
        [
            IndicatorChange::TargetValue {
                old: dec("24"),
                new: dec("28")
            },
            IndicatorChange::TargetPeriod {
                old: fy(2023),
                new: fy(2026)
            },
            IndicatorChange::BaselineValue {
                old: dec("13.9"),
                new: dec("19.3")
            },
            IndicatorChange::BaselinePeriod {
                old: fy(2019),
                new: fy(2021)
            },
        ]
    );
    assert_eq!(
        c.describe(),
        [
            "目標値 24% (FY2023) → 28% (FY2026)",
            "基準値 13.9% (FY2019) → 19.3% (FY2021)",
        ]
    );
    let fields: Vec<_> = c
        .changes()
        .iter()
        .map(|x| (x.field(), x.old_text(), x.new_text()))
        .collect();
    assert_eq!(
        fields[0],
        ("target_value", Some("24".into()), Some("28".into()))
    );
    assert_eq!(
        fields[1],
        (
            "target_period",
            Some("FY2023".into()),
            Some("FY2026".into())
        )
    );
}

#[test]
fn a_target_value_alone_is_described_alone() {
    let mut raised = attraction();
    raised.indicator.target.as_mut().unwrap().value = dec("150");
    let d = diff(
        &with_indicators(vec![attraction()]),
        &with_indicators(vec![raised]),
    );
    assert_eq!(d.indicators[0].describe(), ["目標値 125件 → 150件"]);
}

#[test]
fn a_target_period_alone_is_described_alone() {
    let mut later = iot_2021();
    later.indicator.target.as_mut().unwrap().period = fy(2024);
    let d = diff(
        &with_indicators(vec![iot_2021()]),
        &with_indicators(vec![later]),
    );
    assert_eq!(d.indicators[0].describe(), ["目標年度 FY2023 → FY2024"]);
}

#[test]
fn words_kind_direction_and_comparator_are_compared() {
    let mut b = iot_2021();
    b.indicator.target.as_mut().unwrap().text = Some("全国平均を上回る".into());
    b.indicator.kind = shinchoku_core::indicator::IndicatorKind::Cumulative;
    b.indicator.direction = shinchoku_core::indicator::Direction::Decrease;
    b.indicator.comparator = Comparator::AtLeast;
    let d = diff(
        &with_indicators(vec![iot_2021()]),
        &with_indicators(vec![b]),
    );
    let fields: Vec<&str> = d.indicators[0]
        .changes()
        .iter()
        .map(IndicatorChange::field)
        .collect();
    assert_eq!(fields, ["target_text", "kind", "direction", "comparator"]);
    assert_eq!(
        d.indicators[0].describe(),
        [
            "目標（文言） — → 全国平均を上回る",
            "種類 水準 → 累計",
            "方向 増加 → 減少",
            "比較 なし → 以上",
        ]
    );
}

#[test]
fn indicators_with_other_units_are_added_and_removed() {
    let mut count = iot_2021();
    count.indicator.id = "i9".into();
    count.indicator.unit = "社".into();
    let d = diff(
        &with_indicators(vec![attraction(), iot_2021()]),
        &with_indicators(vec![attraction(), count]),
    );
    let summary: Vec<(&str, &str)> = d
        .indicators
        .iter()
        .map(|c| (c.as_str(), c.indicator().unit.as_str()))
        .collect();
    assert_eq!(summary, [("removed", "%"), ("added", "社")]);
}

#[test]
fn a_series_key_links_a_renamed_indicator() {
    let mut a = iot_2021();
    a.series_key = Some("iot".into());
    let mut b = a.clone();
    b.indicator.name = "中小企業のIoT・AI導入率".into();
    let d = diff(&with_indicators(vec![a]), &with_indicators(vec![b]));
    assert_eq!(
        d.indicators[0].changes(),
        [IndicatorChange::Name {
            old: "中小企業のIoT導入率".into(),
            new: "中小企業のIoT・AI導入率".into()
        }]
    );
}

#[test]
fn a_repeated_indicator_pairs_in_document_order_and_by_node() {
    // The same indicator in a project table and in the summary table (【再掲】): each pairs with
    // the copy on the matching node, even when the copies swap places.
    let plan_with = |first: &str, second: &str| {
        let mut p = outline("◆ 地域中核企業の創出・成長支援\n◆ 数値目標\n");
        let mut a = attraction();
        a.node = Some(first.into());
        let mut b = attraction();
        b.indicator.id = "i1b".into();
        b.node = Some(second.into());
        b.indicator.target.as_mut().unwrap().value = dec("130");
        p.indicators = vec![a, b];
        p
    };
    let old = plan_with("n1", "n2");
    assert!(diff(&old, &old).is_empty());
    let mut swapped = old.clone();
    swapped.indicators.reverse();
    assert!(
        diff(&old, &swapped).is_empty(),
        "{:?}",
        diff(&old, &swapped)
    );
}

#[test]
fn added_and_removed_indicators_are_listed_in_order() {
    let d = diff(
        &with_indicators(vec![attraction(), iot_2021()]),
        &with_indicators(vec![iot_2021()]),
    );
    assert!(matches!(&d.indicators[..], [IndicatorDiff::Removed { old }] if old.id == "i1"));
    let d = diff(
        &with_indicators(vec![iot_2021()]),
        &with_indicators(vec![attraction(), iot_2021()]),
    );
    assert_eq!(d.indicators.len(), 1);
    assert_eq!(d.indicators[0].label_ja(), "新");
    assert_eq!(d.indicators[0].indicator().lineage_key, "企業誘致件数|件");
}

// ---------------------------------------------------------------------------------------------
// Ids carried over to a new version
// ---------------------------------------------------------------------------------------------

/// Indicators `(id, name)` in `件`, for the id rules.
fn ids(inds: &[(&str, &str)]) -> Plan {
    with_indicators(
        inds.iter()
            .map(|(id, name)| indicator(id, name, "件", ("0", None), ("1", None)))
            .collect(),
    )
}

fn ids_of(p: &Plan) -> Vec<&str> {
    p.indicators
        .iter()
        .map(|i| i.indicator.id.as_str())
        .collect()
}

#[test]
fn a_version_with_the_same_ids_is_kept_as_it_is() {
    let p = ids(&[("i1", "創業件数"), ("i2", "誘致件数")]);
    assert_eq!(carry_ids(&p, &p), (None, vec![]));
}

#[test]
fn an_indicator_inserted_first_leaves_every_series_its_id() {
    let old = ids(&[("i1", "創業件数"), ("i2", "誘致件数")]);
    // A re-read document numbers by position: the new indicator takes i1.
    let new = ids(&[("i1", "新しい指標"), ("i2", "創業件数"), ("i3", "誘致件数")]);
    let (plan, renamed) = carry_ids(&new, &old);
    let plan = plan.unwrap();
    assert_eq!(ids_of(&plan), ["i3", "i1", "i2"]);
    assert_eq!(
        renamed,
        [
            ("i1".to_owned(), "i3".to_owned()),
            ("i2".to_owned(), "i1".to_owned()),
            ("i3".to_owned(), "i2".to_owned()),
        ]
    );
}

#[test]
fn a_series_is_found_whatever_width_and_spaces_its_name_is_printed_in() {
    let old = ids(&[("a", "中小企業のIoT導入率")]);
    let new = ids(&[("b", "中小企業の ＩｏＴ 導入率")]);
    let (plan, renamed) = carry_ids(&new, &old);
    assert_eq!(ids_of(&plan.unwrap()), ["a"]);
    assert_eq!(renamed, [("b".to_owned(), "a".to_owned())]);
}

#[test]
fn a_new_series_holding_an_id_another_series_keeps_gets_a_fresh_one() {
    let old = ids(&[("kpi", "創業件数"), ("x1", "誘致件数")]);
    let new = ids(&[
        ("x1", "新しい指標"),
        ("kpi", "新しい指標2"),
        ("b", "創業件数"),
    ]);
    let (plan, _) = carry_ids(&new, &old);
    // `kpi` goes back to 創業件数, whose series it was, so the new indicator that held it
    // becomes `kpi-2`; no series of the new version claims `x1`, so its holder keeps it.
    assert_eq!(ids_of(&plan.unwrap()), ["x1", "kpi-2", "kpi"]);
}

#[test]
fn repeated_series_keep_their_ids_in_document_order() {
    let old = ids(&[("i1", "創業件数"), ("i2", "創業件数")]);
    let new = ids(&[("i2", "創業件数"), ("i9", "創業件数")]);
    let (plan, _) = carry_ids(&new, &old);
    assert_eq!(ids_of(&plan.unwrap()), ["i2", "i1"]);
}

/// Every change reads in English too: a move names both parents (or the top level), a
/// retitle its old title, an indicator change its field in English and its values as they are.
#[test]
fn changes_describe_themselves_in_english() {
    use shinchoku_core::diff::{NodeChange, NodeRef};
    use shinchoku_core::lang::Lang;
    let node = |index: usize, label: &str, title: &str| NodeRef {
        index,
        id: format!("n{index}"),
        kind: None,
        label: Some(label.into()),
        title: title.into(),
    };
    let moved = NodeChange::Moved {
        old: node(3, "(1)", "企業誘致"),
        new: node(5, "(1)", "企業誘致"),
        old_parent: None,
        new_parent: Some(node(1, "1", "産業の振興")),
    };
    assert_eq!(
        moved.describe_in(Lang::En),
        "moved (1) 企業誘致 ((top level) → 1 産業の振興)"
    );
    assert_eq!(
        moved.describe(),
        "移動 (1) 企業誘致（（最上位） → 1 産業の振興）"
    );
    let retitled = NodeChange::Modified {
        old: node(2, "(2)", "旧い題"),
        new: node(2, "(2)", "新しい題"),
    };
    assert_eq!(
        retitled.describe_in(Lang::En),
        "modified (2) 新しい題 (was: 旧い題)"
    );

    let old = with_indicators(vec![indicator(
        "i1",
        "企業誘致件数",
        "件",
        ("25", fy(2021)),
        ("125", fy(2026)),
    )]);
    let mut changed = indicator(
        "i1",
        "企業誘致件数",
        "件",
        ("25", fy(2021)),
        ("130", fy(2026)),
    );
    changed.indicator.comparator = Comparator::AtLeast;
    let new = with_indicators(vec![changed]);
    let d = diff(&old, &new);
    let lines = d.indicators[0].describe_in(Lang::En);
    assert!(
        lines.contains(&"target 125件 → 130件".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"comparator exact → at_least".to_owned()),
        "{lines:?}"
    );
}
