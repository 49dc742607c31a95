//! The round's rules by example (each stage by its role, returns, explanations, the order of the
//! checks), the draft of an explanation, and a property: whatever anyone tries, an item moves
//! only as its round allows.

use proptest::prelude::*;

use super::*;
use crate::grading::{Grade, GradingScheme};

fn person(role: Role, group: Option<&str>) -> Person<'_> {
    Person {
        name: "x",
        role,
        group,
    }
}

const OWNER: Option<&str> = Some("商工振興課");

fn plain() -> Submission<'static> {
    Submission::default()
}

#[test]
fn an_item_passes_each_stage_by_its_role_and_is_confirmed_at_the_last() {
    let stages = Stages::default();
    let editor = person(Role::Editor, OWNER);
    let mut pos = Position::start(&stages);
    assert_eq!(pos.acting(&stages), Some(Stage::SelfEvaluation));
    pos = submit(&stages, pos, false, &editor, OWNER, &plain()).unwrap();
    assert_eq!(
        pos,
        Position {
            stage: Stage::SelfEvaluation,
            state: ItemState::Submitted
        }
    );
    assert_eq!(pos.acting(&stages), Some(Stage::First));
    // The editor is done: the planning office acts now.
    assert_eq!(
        submit(&stages, pos, false, &editor, OWNER, &plain()),
        Err(RoundError::NotYours {
            stage: Stage::First
        })
    );
    for role in [Role::Planner, Role::Executive] {
        pos = submit(&stages, pos, false, &person(role, None), OWNER, &plain()).unwrap();
        assert_eq!(pos.state, ItemState::Submitted);
    }
    pos = submit(
        &stages,
        pos,
        false,
        &person(Role::Committee, None),
        OWNER,
        &plain(),
    )
    .unwrap();
    assert_eq!(
        pos,
        Position {
            stage: Stage::External,
            state: ItemState::Confirmed
        }
    );
    assert_eq!(pos.acting(&stages), None);
}

#[test]
fn a_round_of_two_stages_confirms_at_the_first_review() {
    let stages = Stages::parse("self, first").unwrap();
    let pos = submit(
        &stages,
        Position::start(&stages),
        false,
        &person(Role::Editor, OWNER),
        OWNER,
        &plain(),
    )
    .unwrap();
    let pos = submit(
        &stages,
        pos,
        false,
        &person(Role::Planner, None),
        OWNER,
        &plain(),
    )
    .unwrap();
    assert_eq!(pos.state, ItemState::Confirmed);
    assert_eq!(
        Stages::parse("self,self"),
        Err(StagesError::Twice(Stage::SelfEvaluation))
    );
    assert_eq!(Stages::parse(""), Err(StagesError::Empty));
    assert_eq!(
        Stages::parse("self,third"),
        Err(StagesError::Unknown("third".into()))
    );
}

#[test]
fn a_confirmed_item_refuses_everyone_before_rights_are_checked() {
    let stages = Stages::parse("self").unwrap();
    let pos = Position {
        stage: Stage::SelfEvaluation,
        state: ItemState::Confirmed,
    };
    for role in [Role::Viewer, Role::Editor, Role::Admin] {
        let who = person(role, Some("観光課"));
        assert_eq!(
            submit(&stages, pos, false, &who, OWNER, &plain()),
            Err(RoundError::Confirmed)
        );
        assert_eq!(
            send_back(&stages, pos, false, &who, OWNER, "理由"),
            Err(RoundError::Confirmed)
        );
    }
}

#[test]
fn only_the_owning_department_evaluates_itself_and_an_admin_acts_anywhere() {
    let stages = Stages::default();
    let start = Position::start(&stages);
    let other = person(Role::Editor, Some("観光課"));
    assert_eq!(
        submit(&stages, start, false, &other, OWNER, &plain()),
        Err(RoundError::NotYours {
            stage: Stage::SelfEvaluation
        })
    );
    assert!(submit(
        &stages,
        start,
        false,
        &person(Role::Editor, None),
        None,
        &plain()
    )
    .is_err());
    assert!(submit(
        &stages,
        start,
        false,
        &person(Role::Planner, None),
        OWNER,
        &plain()
    )
    .is_err());
    assert!(submit(
        &stages,
        start,
        false,
        &person(Role::Admin, None),
        OWNER,
        &plain()
    )
    .is_ok());
    assert_eq!(
        submit(
            &stages,
            start,
            true,
            &person(Role::Admin, None),
            OWNER,
            &plain()
        ),
        Err(RoundError::Closed)
    );
}

#[test]
fn a_return_goes_back_with_a_reason_and_is_submitted_again() {
    let stages = Stages::default();
    let editor = person(Role::Editor, OWNER);
    let planner = person(Role::Planner, None);
    let start = Position::start(&stages);
    assert_eq!(
        send_back(&stages, start, false, &editor, OWNER, "理由"),
        Err(RoundError::NothingToReturn)
    );
    let submitted = submit(&stages, start, false, &editor, OWNER, &plain()).unwrap();
    assert_eq!(
        send_back(&stages, submitted, false, &editor, OWNER, "理由"),
        Err(RoundError::NotYours {
            stage: Stage::First
        })
    );
    assert_eq!(
        send_back(&stages, submitted, false, &planner, OWNER, "  "),
        Err(RoundError::NoReason)
    );
    let returned = send_back(&stages, submitted, false, &planner, OWNER, "数値の出典を").unwrap();
    assert_eq!(
        returned,
        Position {
            stage: Stage::SelfEvaluation,
            state: ItemState::Returned
        }
    );
    assert_eq!(returned.acting(&stages), Some(Stage::SelfEvaluation));
    assert_eq!(
        submit(&stages, returned, false, &editor, OWNER, &plain()).unwrap(),
        submitted
    );
}

#[test]
fn an_item_that_needs_an_explanation_is_not_submitted_without_one_nor_with_the_draft() {
    let stages = Stages::default();
    let editor = person(Role::Editor, OWNER);
    let start = Position::start(&stages);
    let mut s = Submission {
        needs_explanation: true,
        ..Submission::default()
    };
    assert_eq!(
        submit(&stages, start, false, &editor, OWNER, &s),
        Err(RoundError::Explanation {
            cause: true,
            next: true
        })
    );
    s.cause = Some("誘致の引き合いが減った");
    assert_eq!(
        submit(&stages, start, false, &editor, OWNER, &s),
        Err(RoundError::Explanation {
            cause: false,
            next: true
        })
    );
    s.next = Some("説明会を増やす");
    s.draft = Some(" 誘致の引き合いが減った");
    assert_eq!(
        submit(&stages, start, false, &editor, OWNER, &s),
        Err(RoundError::DraftUnedited)
    );
    s.draft = Some("下書き");
    assert!(submit(&stages, start, false, &editor, OWNER, &s).is_ok());
    // The reviews need none.
    let submitted = submit(&stages, start, false, &editor, OWNER, &s).unwrap();
    let bare = Submission {
        needs_explanation: true,
        ..Submission::default()
    };
    assert!(submit(
        &stages,
        submitted,
        false,
        &person(Role::Planner, None),
        OWNER,
        &bare
    )
    .is_ok());
}

#[test]
fn grades_c_and_d_a_worse_value_and_no_value_need_an_explanation() {
    let scheme = GradingScheme::pace();
    let labels = scheme.labels();
    let grade_of = |label: &str| {
        (0..scheme.rules.len())
            .map(|i| Grade(u8::try_from(i).unwrap_or(0)))
            .find(|g| scheme.label(Some(*g)) == label)
    };
    let mut ev = Evaluation {
        value: Some(10.into()),
        ..Evaluation::default()
    };
    for label in labels {
        ev.grade = grade_of(label);
        let want = matches!(label, "C" | "D");
        assert_eq!(needs_explanation(&ev, &scheme), want, "{label}");
    }
    ev.grade = grade_of("A");
    ev.worse_than_baseline = true;
    assert!(needs_explanation(&ev, &scheme));
    ev.worse_than_baseline = false;
    ev.value = None;
    assert!(needs_explanation(&ev, &scheme), "no value");
}

#[test]
fn the_draft_states_the_numbers_and_asks_for_the_analysis() {
    let now = Evaluation {
        value: Some(20.into()),
        progress: Some(rust_decimal::Decimal::new(2, 1)),
        expected: Some(rust_decimal::Decimal::new(6, 1)),
        pace: Some(rust_decimal::Decimal::new(33, 2)),
        required_pace: Some(35.into()),
        ..Evaluation::default()
    };
    let behind_2023 = Evaluation {
        value: Some(28.into()),
        pace: Some(rust_decimal::Decimal::new(8, 1)),
        ..Evaluation::default()
    };
    let on_2022 = Evaluation {
        value: Some(30.into()),
        pace: Some(rust_decimal::Decimal::new(12, 1)),
        ..Evaluation::default()
    };
    let earlier = [(2022, on_2022), (2023, behind_2023)];
    let facts = DraftFacts {
        fy: 2024,
        unit: "件",
        baseline: Some(25.into()),
        now: &now,
        earlier: &earlier,
        previous: Some(("第1期計画", 2021, 24.into())),
    };
    let ja = draft(&facts, Lang::Ja);
    assert!(ja.contains("令和6年度（2024年度）の実績値は20件"), "{ja}");
    assert!(
        ja.contains("進捗率は20.0%（この年度に想定される進捗は60.0%）"),
        "{ja}"
    );
    assert!(
        ja.contains("令和5年度（2023年度）から目標への経路を下回っています"),
        "{ja}"
    );
    assert!(ja.contains("毎年度35件ずつ"), "{ja}");
    assert!(
        ja.contains("計画期間前の令和3年度（2021年度）に24件でした（第1期計画）"),
        "{ja}"
    );
    assert!(ja.ends_with("書き加えてください）"));
    let en = draft(&facts, Lang::En);
    assert!(en.contains("since FY2023"), "{en}");
    let none = Evaluation::default();
    let facts = DraftFacts {
        now: &none,
        earlier: &[],
        previous: None,
        ..facts
    };
    assert!(draft(&facts, Lang::Ja).contains("実績値はまだありません"));
}

fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(vec![
        Role::Admin,
        Role::Planner,
        Role::Executive,
        Role::Committee,
        Role::Editor,
        Role::Viewer,
    ])
}

proptest! {
    /// Whatever anyone tries in whatever order, an item stays at a stage of its round, moves
    /// only forward by a submission of the acting stage's role, and once confirmed never moves.
    #[test]
    fn an_item_only_moves_as_its_round_allows(
        stage_mask in 1u8..16,
        actions in prop::collection::vec((role(), any::<bool>(), any::<bool>(), any::<bool>()), 0..40),
    ) {
        let list: Vec<Stage> = Stage::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| stage_mask & (1 << i) != 0)
            .map(|(_, s)| s)
            .collect();
        let stages = Stages::parse(&list.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")).unwrap();
        let mut pos = Position::start(&stages);
        for (r, own, is_return, explained) in actions {
            let group = if own { OWNER } else { Some("観光課") };
            let who = person(r, group);
            let s = Submission {
                cause: explained.then_some("原因"),
                next: explained.then_some("対応"),
                needs_explanation: true,
                draft: None,
            };
            let before = pos;
            let result = if is_return {
                send_back(&stages, pos, false, &who, OWNER, "理由")
            } else {
                submit(&stages, pos, false, &who, OWNER, &s)
            };
            if before.state == ItemState::Confirmed {
                prop_assert_eq!(result.clone(), Err(RoundError::Confirmed));
            }
            if let Ok(next) = result {
                let acting = before.acting(&stages).unwrap();
                prop_assert!(who.acts_at(acting, OWNER));
                prop_assert!(stages.list().contains(&next.stage));
                if is_return {
                    prop_assert_eq!(next.stage, before.stage);
                    prop_assert_eq!(next.state, ItemState::Returned);
                } else {
                    prop_assert_eq!(next.stage, acting);
                    prop_assert!(matches!(next.state, ItemState::Submitted | ItemState::Confirmed));
                    prop_assert_eq!(next.state == ItemState::Confirmed, stages.after(acting).is_none());
                }
                pos = next;
            }
        }
    }
}
