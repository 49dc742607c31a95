//! Tests of the plan file: DESIGN.md's example, exact numbers, and an error for each way a
//! file can be wrong, each naming its line and key.

use super::*;

const DESIGN: &str = include_str!("../../tests/fixtures/design-example.toml");
const CANONICAL: &str = include_str!("../../tests/fixtures/design-example.canonical.toml");

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn read(text: &str) -> Plan {
    match read_plan(text, "t.toml") {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

fn errors(text: &str) -> Vec<PlanFileError> {
    match read_plan(text, "plans/x.toml") {
        Ok(p) => panic!("expected errors, read {p:?}"),
        Err(e) => e.into_vec(),
    }
}

/// The one error about `key`, which must be on `line`.
#[track_caller]
fn check_error(text: &str, line: usize, key: &str, kind: PlanFileErrorKind) -> PlanFileError {
    let all = errors(text);
    let found: Vec<&PlanFileError> = all
        .iter()
        .filter(|e| e.key.as_deref() == Some(key))
        .collect();
    assert_eq!(found.len(), 1, "one error about {key} in {all:#?}");
    let e = found[0].clone();
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.column.is_some(), "{e}");
    assert_eq!(e.kind, kind, "{e}");
    assert_eq!(e.file, "plans/x.toml");
    e
}

const HEAD: &str = "[plan]\ncode = \"t\"\ntitle = \"t\"\n";

/// A plan with one indicator whose extra lines are `lines`, from line 8.
fn with_indicator(lines: &str) -> String {
    format!("{HEAD}\n[[indicators]]\nid = \"i1\"\nname = \"n\"\n{lines}")
}

#[test]
fn design_example_reads_into_the_plan_it_describes() {
    let p = read(DESIGN);
    assert_eq!(p.code.as_str(), "yamaguchi-industry-2022");
    assert_eq!(p.title, "山口県 商工業振興 産業編");
    assert_eq!(
        p.period,
        Some(Period::FiscalYears {
            start: 2022,
            end: 2026
        })
    );
    assert_eq!(p.fiscal_start, FiscalStart::APRIL);
    assert_eq!(p.grading, GradingScheme::pace());
    assert_eq!(p.nodes.len(), 2);
    assert_eq!(p.nodes[1].parent.as_deref(), Some("d1"));
    assert_eq!(p.nodes[1].label.as_deref(), Some("(1)"));
    let i1 = p.indicator("i1").unwrap();
    assert_eq!(i1.node.as_deref(), Some("m1"));
    let ind = &i1.indicator;
    assert_eq!(ind.kind, IndicatorKind::PeriodTotal);
    assert_eq!(ind.direction, Direction::Increase);
    assert_eq!(ind.comparator, Comparator::Exact);
    let b = ind.baseline.as_ref().unwrap();
    assert_eq!(
        (b.value, b.period),
        (Some(dec("25")), Some(Period::FiscalYear(2021)))
    );
    let t = ind.target.as_ref().unwrap();
    assert_eq!(t.value, Some(dec("125")));
    assert_eq!(ind.states, ["未着手", "検討中", "実施中", "実現"]);
    let obs: Vec<(Period, Option<Decimal>)> = i1
        .observations
        .iter()
        .map(|o| (o.period, o.as_number()))
        .collect();
    assert_eq!(
        obs,
        [
            (Period::FiscalYear(2022), Some(dec("30"))),
            (Period::FiscalYear(2023), Some(dec("28"))),
            (Period::FiscalYear(2024), Some(dec("20"))),
        ]
    );
}

#[test]
fn design_example_is_written_in_the_canonical_form() {
    assert_eq!(write_plan(&read(DESIGN)), CANONICAL);
    assert_eq!(read(CANONICAL), read(DESIGN));
}

#[test]
fn canonical_text_is_written_back_unchanged() {
    assert_eq!(write_plan(&read(CANONICAL)), CANONICAL);
}

#[test]
fn a_float_is_the_decimal_written_not_the_double() {
    let p = read(&with_indicator(
        "kind = \"level\"\nbaseline = { value = 19.3 }\n\
         observations = { FY2021 = 19.3, FY2022 = 1_000.25, FY2023 = 6.02e23, FY2024 = 1.5E-7, \
         FY2025 = 0.1234567890123456789 }\n",
    ));
    let i = &p.indicators[0];
    let b = i.indicator.baseline.as_ref().unwrap().value.unwrap();
    assert_eq!(b, dec("19.3"));
    assert_eq!(b.to_string(), "19.3");
    let obs: Vec<String> = i
        .observations
        .iter()
        .map(|o| o.as_number().unwrap().to_string())
        .collect();
    assert_eq!(
        obs,
        [
            "19.3",
            "1000.25",
            "602000000000000000000000",
            "0.00000015",
            "0.1234567890123456789"
        ]
    );
}

#[test]
fn integers_beyond_2_pow_53_survive_as_strings() {
    let text = with_indicator(
        "kind = \"level\"\ntarget = { value = \"9007199254740993\" }\n\
         observations = { FY2022 = \"12345678901234567890123456789\", FY2023 = \"-98.10\" }\n",
    );
    let p = read(&text);
    let i = &p.indicators[0];
    assert_eq!(
        i.indicator.target.as_ref().unwrap().value,
        Some(dec("9007199254740993"))
    );
    assert_eq!(
        i.observations[0].as_number(),
        Some(dec("12345678901234567890123456789"))
    );
    assert_eq!(i.observations[1].as_number(), Some(dec("-98.1")));
    let written = write_plan(&p);
    assert!(
        written.contains("target = { value = \"9007199254740993\" }"),
        "{written}"
    );
    assert!(written.contains("FY2023 = -98.1 }"), "{written}");
    assert_eq!(read(&written), p);
}

#[test]
fn numbers_are_written_as_toml_numbers_only_when_every_reader_gets_them_exactly() {
    let check = |d: &str, expected: &str| assert_eq!(number(dec(d)), expected, "{d}");
    check("125", "125");
    check("19.30", "19.3");
    check("-0.50", "-0.5");
    check("0.1", "0.1");
    check("38300", "38300");
    check("9007199254740992", "9007199254740992");
    check("9007199254740993", "\"9007199254740993\"");
    check("1.23456789012345678", "\"1.23456789012345678\"");
    check("0.0000001", "0.0000001");
}

#[test]
fn a_number_that_is_not_a_decimal_is_refused() {
    let e = check_error(
        &with_indicator("kind = \"level\"\ntarget = { value = \"38,300\" }\n"),
        9,
        "indicators[i1].target.value",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("\"38300\""), "{e}");
    let e = check_error(
        &with_indicator("kind = \"level\"\ntarget = { value = 0.00000000000000000000000000001 }\n"),
        9,
        "indicators[i1].target.value",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("28 digits"), "{e}");
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    let all = errors("[plan]\ncode = \"t\"\ntitle = \"unterminated\n");
    assert_eq!(all.len(), 1);
    let e = &all[0];
    assert_eq!(e.kind, PlanFileErrorKind::Syntax);
    assert_eq!((e.line, e.column), (Some(3), Some(22)), "{e}");
    assert!(e.to_string().starts_with("plans/x.toml:3:22: "), "{e}");
}

#[test]
fn unknown_key_names_the_key_its_line_and_the_allowed_keys() {
    let text = format!("{HEAD}\n[[nodes]]\nid = \"d1\"\ntitel = \"産業基盤の整備\"\n");
    let e = check_error(&text, 7, "nodes[d1].titel", PlanFileErrorKind::Invalid);
    assert!(
        e.problem.to_string().contains("unknown key `titel`")
            && e.problem.to_string().contains("`title`"),
        "{e}"
    );
    // Misspelt section names too.
    let e = check_error(
        &format!("{HEAD}\n[[indicator]]\nid = \"i1\"\n"),
        5,
        "indicator",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("`indicators`"), "{e}");
    // And keys inside inline tables.
    let e = check_error(
        &with_indicator("kind = \"level\"\nbaseline = { value = 1, year = \"FY2021\" }\n"),
        9,
        "indicators[i1].baseline.year",
        PlanFileErrorKind::Invalid,
    );
    assert_eq!(e.column, Some(25), "{e}");
}

#[test]
fn a_missing_required_key_names_the_table_that_lacks_it() {
    let text = format!("{HEAD}\n[[nodes]]\nid = \"d1\"\nlabel = \"1\"\n");
    let e = check_error(&text, 5, "nodes[d1].title", PlanFileErrorKind::Invalid);
    assert!(e.problem.to_string().contains("missing key `title`"), "{e}");
}

#[test]
fn a_value_of_the_wrong_type_names_its_key() {
    let e = check_error(
        &with_indicator("kind = \"level\"\nobservations = { FY2022 = true }\n"),
        9,
        "indicators[i1].observations.FY2022",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("boolean"), "{e}");
}

#[test]
fn bad_kind_names_line_key_and_the_kinds() {
    let e = check_error(
        &with_indicator("kind = \"levle\"\n"),
        8,
        "indicators[i1].kind",
        PlanFileErrorKind::Invalid,
    );
    assert_eq!(
        e.to_string(),
        "plans/x.toml:8:8: indicators[i1].kind: \"levle\" is not a kind; expected one of \
         level, cumulative, period_total, annual, milestone, monitor"
    );
}

#[test]
fn bad_period_names_line_and_key() {
    let e = check_error(
        &with_indicator("kind = \"level\"\nbaseline = { value = 25, period = \"2021\" }\n"),
        9,
        "indicators[i1].baseline.period",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("FY2021-FY2023"), "{e}");
    let e = check_error(
        &format!("{HEAD}period = \"FY2026-FY2022\"\n"),
        4,
        "plan.period",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("not a window"), "{e}");
}

#[test]
fn a_japanese_period_is_refused_with_its_canonical_spelling() {
    let e = check_error(
        &with_indicator("kind = \"level\"\nobservations = { FY2022 = 1 }\ntarget = { period = \"令和8年度\" }\n"),
        10,
        "indicators[i1].target.period",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("write \"FY2026\""), "{e}");
}

#[test]
fn bad_comparator_names_line_and_key() {
    let e = check_error(
        &with_indicator("kind = \"level\"\ncomparator = \"以上\"\n"),
        9,
        "indicators[i1].comparator",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("at_least"), "{e}");
}

#[test]
fn node_with_a_missing_parent_is_inconsistent() {
    let text = format!(
        "{HEAD}\n[[nodes]]\nid = \"d1\"\ntitle = \"a\"\n\n[[nodes]]\nid = \"m1\"\nparent = \"d9\"\ntitle = \"b\"\n"
    );
    let e = check_error(
        &text,
        11,
        "nodes[m1].parent",
        PlanFileErrorKind::Inconsistent,
    );
    assert!(e.problem.to_string().contains("\"d9\""), "{e}");
}

#[test]
fn duplicate_indicator_id_is_reported_where_it_is_used_again() {
    let text = format!(
        "{HEAD}\n[[indicators]]\nid = \"i1\"\nname = \"a\"\nkind = \"level\"\n\n\
         [[indicators]]\nid = \"i1\"\nname = \"b\"\nkind = \"level\"\n"
    );
    let e = check_error(
        &text,
        11,
        "indicators[i1].id",
        PlanFileErrorKind::Inconsistent,
    );
    assert!(e.problem.to_string().contains("earlier"), "{e}");
}

#[test]
fn milestone_observation_that_is_not_a_state_is_inconsistent() {
    let text = with_indicator(
        "kind = \"milestone\"\nstates = [\"構想\", \"着工\", \"完成\"]\n\
         observations = { FY2022 = \"構想\", FY2023 = \"実施中\" }\n",
    );
    let e = check_error(
        &text,
        10,
        "indicators[i1].observations.FY2023",
        PlanFileErrorKind::Inconsistent,
    );
    assert!(e.problem.to_string().contains("実施中"), "{e}");
}

#[test]
fn text_observation_on_a_numeric_indicator_is_refused() {
    let e = check_error(
        &with_indicator("kind = \"annual\"\nobservations = { FY2022 = 30, FY2023 = \"実施中\" }\n"),
        9,
        "indicators[i1].observations.FY2023",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("needs a number"), "{e}");
    // In the detailed form too.
    check_error(
        &with_indicator(
            "kind = \"annual\"\nobservation_details = [{ period = \"2019-08\", value = \"n/a\" }]\n",
        ),
        9,
        "indicators[i1].observation_details[0].value",
        PlanFileErrorKind::Invalid,
    );
}

#[test]
fn every_problem_in_the_values_is_reported_at_once_in_text_order() {
    let text = format!(
        "{HEAD}period = \"FY22-FY26\"\n\n\
         [[nodes]]\nid = \"m1\"\nparent = \"nowhere\"\ntitle = \"t\"\nmarker = \"新\"\n\n\
         [[indicators]]\nid = \"i1\"\nnode = \"m2\"\nname = \"n\"\nkind = \"level\"\n\
         direction = \"up\"\n\n\
         [[roadmap]]\nnode = \"m1\"\ntitle = \"r\"\nstart = \"FY2022\"\nend = \"2026\"\n"
    );
    let all = errors(&text);
    let got: Vec<(Option<usize>, Option<&str>)> =
        all.iter().map(|e| (e.line, e.key.as_deref())).collect();
    assert_eq!(
        got,
        [
            (Some(4), Some("plan.period")),
            (Some(8), Some("nodes[m1].parent")),
            (Some(10), Some("nodes[m1].marker")),
            (Some(14), Some("indicators[i1].node")),
            (Some(17), Some("indicators[i1].direction")),
            (Some(23), Some("roadmap[0].end")),
        ],
        "{all:#?}"
    );
    let shown = PlanFileErrors { errors: all }.to_string();
    assert_eq!(shown.lines().count(), 6, "{shown}");
    assert!(
        shown.lines().all(|l| l.starts_with("plans/x.toml:")),
        "{shown}"
    );
}

#[test]
fn a_roadmap_item_on_a_missing_node_is_inconsistent() {
    check_error(
        &format!("{HEAD}\n[[roadmap]]\nnode = \"m1\"\ntitle = \"r\"\n"),
        6,
        "roadmap[0].node",
        PlanFileErrorKind::Inconsistent,
    );
}

#[test]
fn a_link_to_a_missing_node_is_inconsistent() {
    let text = format!(
        "{HEAD}\n[[nodes]]\nid = \"a\"\ntitle = \"a\"\n\n[[links]]\nfrom = \"a\"\nto = \"b\"\nkind = \"related\"\n"
    );
    check_error(&text, 9, "links[a→b]", PlanFileErrorKind::Inconsistent);
}

#[test]
fn bad_plan_code_and_start_month_are_refused() {
    let text = "[plan]\ncode = \"Yamaguchi\"\ntitle = \"t\"\nfiscal_year_start_month = 13\n";
    check_error(text, 2, "plan.code", PlanFileErrorKind::Invalid);
    check_error(
        text,
        4,
        "plan.fiscal_year_start_month",
        PlanFileErrorKind::Invalid,
    );
}

#[test]
fn observation_details_hold_status_and_as_of_and_keep_their_order() {
    let text = with_indicator(
        "kind = \"level\"\nobservations = { FY2018 = 38 }\nobservation_details = [\n  \
         { period = \"2019-08\", value = 41, status = \"provisional\", as_of = \"2019-08-31\" },\n  \
         { period = \"FY2019\", value = 45, status = \"estimate\" },\n]\n",
    );
    let p = read(&text);
    let obs = &p.indicators[0].observations;
    assert_eq!(obs.len(), 3);
    assert_eq!(obs[1].status, ObservationStatus::Provisional);
    assert_eq!(
        obs[1].as_of,
        Some(Period::Date {
            year: 2019,
            month: 8,
            day: 31
        })
    );
    assert_eq!(obs[2].status, ObservationStatus::Estimate);
    let written = write_plan(&p);
    assert!(
        written.contains("observations = { FY2018 = 38 }\n"),
        "{written}"
    );
    assert_eq!(read(&written), p);

    // A detailed observation first: all of them stay in order in the details.
    let mut q = p.clone();
    q.indicators[0].observations.rotate_left(1);
    let written = write_plan(&q);
    assert!(!written.contains("observations = {"), "{written}");
    assert_eq!(read(&written), q);
}

#[test]
fn two_values_for_one_period_use_the_array_form() {
    let mut p = read(CANONICAL);
    let ind = &mut p.indicators[0].indicator;
    ind.yearly_targets = vec![
        YearlyTarget {
            period: Period::FiscalYear(2023),
            value: dec("20"),
        },
        YearlyTarget {
            period: Period::FiscalYear(2023),
            value: dec("25"),
        },
    ];
    p.roadmap.push(RoadmapItem {
        title: "r".into(),
        notes: vec![
            (Period::FiscalYear(2023), "a".into()),
            (Period::FiscalYear(2023), "b".into()),
        ],
        ..RoadmapItem::default()
    });
    let obs = p.indicators[0].observations[0].clone();
    p.indicators[0].observations.push(obs);
    let written = write_plan(&p);
    assert!(
        written.contains(
            "yearly_targets = [{ period = \"FY2023\", value = 20 }, { period = \"FY2023\", value = 25 }]"
        ),
        "{written}"
    );
    assert!(
        written.contains("observation_details = [\n  { period = \"FY2022\", value = 30 },\n]"),
        "{written}"
    );
    assert_eq!(read(&written), p);
}

#[test]
fn custom_grading_is_a_table_and_round_trips() {
    let text = format!(
        "{HEAD}grading = {{ name = \"city\", timing = \"after_target\", grades = [\
         {{ label = \"S\", name = \"大幅に達成\", rule = \"achievement >= 1.2\" }}, \
         {{ label = \"A\", name = \"達成\", rule = \"met\" }}, \
         {{ label = \"B\", name = \"未達成\", rule = \"always\" }}] }}\n"
    );
    let p = read(&text);
    assert_eq!(p.grading.name, "city");
    assert_eq!(p.grading.timing, Timing::AfterTarget);
    assert_eq!(p.grading.labels(), ["S", "A", "B"]);
    let written = write_plan(&p);
    assert!(
        written.ends_with(
            "[plan.grading]\nname = \"city\"\ntiming = \"after_target\"\ngrades = [\n  \
             { label = \"S\", name = \"大幅に達成\", rule = \"achievement >= 1.2\" },\n  \
             { label = \"A\", name = \"達成\", rule = \"met\" },\n  \
             { label = \"B\", name = \"未達成\", rule = \"always\" },\n]\n"
        ),
        "{written}"
    );
    assert_eq!(read(&written), p);
}

#[test]
fn built_in_grading_is_written_by_name_and_pace_not_at_all() {
    let mut p = read(CANONICAL);
    p.grading = GradingScheme::final_achievement();
    let written = write_plan(&p);
    assert!(written.contains("\ngrading = \"final\"\n"), "{written}");
    assert_eq!(read(&written), p);
    let e = check_error(
        &format!("{HEAD}grading = \"strict\"\n"),
        4,
        "plan.grading",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("\"final\""), "{e}");
}

#[test]
fn actuals_from_lineage_is_read_written_when_on_and_must_be_a_boolean() {
    let p = read(&format!("{HEAD}actuals_from_lineage = true\n"));
    assert!(p.actuals_from_lineage);
    let written = write_plan(&p);
    assert!(
        written.contains("\nactuals_from_lineage = true\n"),
        "{written}"
    );
    assert_eq!(read(&written), p);
    // Off is the default, and the default is left out.
    let off = read(&format!("{HEAD}actuals_from_lineage = false\n"));
    assert!(!off.actuals_from_lineage);
    assert!(!write_plan(&off).contains("actuals_from_lineage"));
    assert_eq!(off, read(HEAD));
    let e = check_error(
        &format!("{HEAD}actuals_from_lineage = \"yes\"\n"),
        4,
        "plan.actuals_from_lineage",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("boolean"), "{e}");
}

#[test]
fn a_grading_rule_that_is_not_a_condition_is_refused() {
    let text = format!(
        "{HEAD}\n[plan.grading]\nname = \"city\"\ngrades = [\n  {{ label = \"A\", name = \"a\", rule = \"pace => 1\" }},\n]\n"
    );
    let e = check_error(
        &text,
        8,
        "plan.grading.grades[0].rule",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("pace >= 0.95"), "{e}");
}

#[test]
fn markers_round_trip_and_old_title_needs_modified() {
    let text = format!(
        "{HEAD}\n[[nodes]]\nid = \"a\"\ntitle = \"新しい\"\nmarker = \"modified\"\nold_title = \"古い\"\n\n\
         [[nodes]]\nid = \"b\"\ntitle = \"b\"\nmarker = \"new\"\n"
    );
    let p = read(&text);
    assert_eq!(
        p.nodes[0].marker,
        Some(Marker::Modified {
            old_title: Some("古い".into())
        })
    );
    assert_eq!(p.nodes[1].marker, Some(Marker::New));
    assert_eq!(read(&write_plan(&p)), p);
    check_error(
        &format!("{HEAD}\n[[nodes]]\nid = \"a\"\ntitle = \"a\"\nold_title = \"古い\"\n"),
        8,
        "nodes[a].old_title",
        PlanFileErrorKind::Invalid,
    );
}

#[test]
fn strings_with_quotes_breaks_and_controls_round_trip() {
    let mut p = read(CANONICAL);
    p.nodes[0].body = Some("現状と課題\n- \"引用\" と \\ と\ttab\r\n\u{1}終わり\"".into());
    p.nodes[1].title = "a\nb \"\"\" c".into();
    p.indicators[0].indicator.states = vec!["\"".into(), "\\".into(), "\u{7f}".into()];
    p.source = Some(String::new());
    let written = write_plan(&p);
    assert!(written.contains("body = \"\"\"\n現状と課題\n"), "{written}");
    assert_eq!(read(&written), p);
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{CANONICAL}");
    assert_eq!(read(&text), read(CANONICAL));
    let e = check_error(
        &format!("\u{feff}{HEAD}period = \"x\"\n"),
        4,
        "plan.period",
        PlanFileErrorKind::Invalid,
    );
    assert_eq!(e.column, Some(10));
}

#[test]
fn read_plan_file_names_the_path_it_cannot_read() {
    let path = Path::new("/nonexistent/shinchoku/plan.toml");
    let e = read_plan_file(path).unwrap_err();
    assert_eq!(e.len(), 1);
    let e = &e.errors()[0];
    assert_eq!(e.kind, PlanFileErrorKind::Io);
    assert_eq!(e.file, "/nonexistent/shinchoku/plan.toml");
    assert!(e.problem.to_string().contains("check the path"), "{e}");
}

#[test]
fn read_plan_file_reads_utf8_with_a_byte_order_mark() {
    let dir = std::env::temp_dir().join(format!("shinchoku-planfile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.toml");
    std::fs::write(&path, format!("\u{feff}{CANONICAL}")).unwrap();
    assert_eq!(read_plan_file(&path).unwrap(), read(CANONICAL));
    std::fs::write(&path, b"[plan]\ncode = \"t\"\ntitle = \"\x93\xfa\"\n").unwrap();
    let e = read_plan_file(&path).unwrap_err();
    assert_eq!(e.errors()[0].kind, PlanFileErrorKind::Io);
    assert_eq!(e.errors()[0].line, Some(3));
    assert!(e.errors()[0].problem.to_string().contains("UTF-8"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unquoted_date_is_refused_with_a_hint() {
    let e = check_error(
        &with_indicator(
            "kind = \"level\"\nobservation_details = [{ period = \"2019-08\", value = 1, as_of = 2019-08-31 }]\n",
        ),
        9,
        "indicators[i1].observation_details[0].as_of",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("quote it"), "{e}");
    check_error(
        &format!("{HEAD}period = 2019-08-31\n"),
        4,
        "plan.period",
        PlanFileErrorKind::Invalid,
    );
}

#[test]
fn a_date_as_an_observation_key_is_a_period() {
    let p = read(&with_indicator(
        "kind = \"level\"\nobservations = { 2019-08-31 = 1, 2019-09 = 2 }\n",
    ));
    let periods: Vec<Period> = p.indicators[0]
        .observations
        .iter()
        .map(|o| o.period)
        .collect();
    assert_eq!(
        periods,
        [
            Period::Date {
                year: 2019,
                month: 8,
                day: 31
            },
            Period::Month {
                year: 2019,
                month: 9
            }
        ]
    );
}

#[test]
fn an_empty_file_is_missing_its_plan_table() {
    let all = errors("");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].key.as_deref(), Some("plan"), "{:?}", all[0]);
    let e = check_error(
        "[plan]\ntitle = \"t\"\n",
        1,
        "plan.code",
        PlanFileErrorKind::Invalid,
    );
    assert!(e.problem.to_string().contains("missing key `code`"), "{e}");
}

/// Every way a plan file is refused, told in Japanese and in English: the same place
/// (`FILE:LINE:COLUMN: key: `), the value as written, and what would be right, in both.
/// `(text, English, Japanese)`: the start of the first error's message after its place.
#[test]
fn every_problem_is_told_in_japanese_and_in_english_at_the_same_place() {
    let ind = |lines: &str| with_indicator(lines);
    let nodes = |lines: &str| format!("{HEAD}\n[[nodes]]\nid = \"d1\"\ntitle = \"t\"\n{lines}");
    let table: Vec<(String, &str, &str)> = vec![
        (
            "[plan]\ncode = \"t\"\ntitle = \"unterminated\n".into(),
            "",
            "TOML の書き方に誤りがあります（",
        ),
        (
            ind("kind = \"level\"\nobservations = { FY2022 = true }\n"),
            "invalid type: boolean",
            "計画ファイルの値として読めません（invalid type: boolean",
        ),
        (
            nodes("titel = \"x\"\n"),
            "unknown key `titel`; expected one of",
            "キー `titel` は計画ファイルにありません。ここで使えるキー: `id`",
        ),
        (
            format!("{HEAD}\n[[nodes]]\nid = \"d1\"\n"),
            "missing key `title`; it is required here",
            "キー `title` がありません。ここでは必須です",
        ),
        (
            ind("kind = \"level\"\nobservation_details = [{ period = 2019-08-31, value = 1 }]\n"),
            "a TOML date",
            "引用符のない日付は TOML の日付になり",
        ),
        (
            ind("kind = \"level\"\ntarget = { period = \"令和8年度\" }\n"),
            "\"令和8年度\" is not in the canonical form; write \"FY2026\"",
            "「令和8年度」は標準の書き方ではありません。\"FY2026\" と書いてください",
        ),
        (
            format!("{HEAD}period = \"FY2026-FY2022\"\n"),
            "\"FY2026-FY2022\" is not a window",
            "「FY2026-FY2022」は期間として正しくありません",
        ),
        (
            format!("{HEAD}period = \"sometime\"\n"),
            "\"sometime\" is not a period; expected FY2023",
            "「sometime」は期間として読めません。FY2023、",
        ),
        (
            ind("kind = \"level\"\ntarget = { value = inf }\n"),
            "inf is not a number a plan can hold",
            "inf は計画で扱える数値ではありません",
        ),
        (
            ind("kind = \"level\"\ntarget = { value = 0.00000000000000000000000000001 }\n"),
            "0.00000000000000000000000000001 does not fit a decimal exactly",
            "0.00000000000000000000000000001 は正確に扱える桁数",
        ),
        (
            ind("kind = \"level\"\ntarget = { value = \"38,300\" }\n"),
            "\"38,300\" is not a number; write it without separators, e.g. \"38300\"",
            "「38,300」は数値ではありません。桁区切りを付けずに \"38300\"",
        ),
        (
            ind("kind = \"level\"\ntarget = { value = \"many\" }\n"),
            "\"many\" is not a number; write e.g. 30",
            "「many」は数値ではありません。30、19.3",
        ),
        (
            ind("kind = \"levle\"\n"),
            "\"levle\" is not a kind; expected one of level,",
            "「levle」は指標の種別ではありません。level、cumulative、",
        ),
        (
            ind("kind = \"level\"\ncomparator = \"以上\"\n"),
            "\"以上\" is not a comparator",
            "「以上」は目標の比較（以上・以下）ではありません。exact、at_least、at_most のいずれかを",
        ),
        (
            "[plan]\ncode = \"Yamaguchi\"\ntitle = \"t\"\n".into(),
            "\"Yamaguchi\" is not a plan code",
            "「Yamaguchi」は計画のコードに使えません。a-z、0-9、- の1～64文字に",
        ),
        (
            format!("{HEAD}fiscal_year_start_month = 13\n"),
            "13 is not a month",
            "13 は月ではありません。1～12の整数",
        ),
        (
            format!("{HEAD}grading = \"strict\"\n"),
            "\"strict\" is not a built-in grading scheme",
            "「strict」は組み込みの評価方式ではありません",
        ),
        (
            format!(
                "{HEAD}grading = {{ name = \"c\", grades = [{{ label = \"A\", name = \"a\", rule = \"pace > x\" }}] }}\n"
            ),
            "not a grading rule: \"pace > x\"",
            "「pace > x」は評価の規則として読めません",
        ),
        (
            nodes("marker = \"new\"\nold_title = \"o\"\n"),
            "old_title goes with marker = \"modified\", not \"new\"",
            "old_title は marker = \"modified\" のときに書きます（marker は「new」）",
        ),
        (
            nodes("old_title = \"o\"\n"),
            "old_title needs marker = \"modified\"",
            "old_title には同じノードに marker = \"modified\" が必要です",
        ),
        (
            ind("kind = \"annual\"\nobservations = { FY2022 = \"実施中\" }\n"),
            "\"実施中\" is text, but an annual indicator needs a number",
            "「実施中」は文字です。種別「単年」の指標の実績は",
        ),
        (
            nodes("parent = \"d9\"\n"),
            "no node has the id \"d9\"",
            "id が「d9」のノードはありません",
        ),
        (
            nodes("parent = \"d1\"\n"),
            "the parents form a cycle",
            "親をたどると元のノードに戻ります",
        ),
        (
            nodes("\n[[nodes]]\nid = \"d1\"\ntitle = \"u\"\n"),
            "the same id is used by an earlier node",
            "同じ id が前のノードで使われています",
        ),
        (
            ind("kind = \"milestone\"\nobservations = { FY2022 = \"着工\" }\n"),
            "\"着工\" is not one of the states",
            "「着工」はこのマイルストーンの段階ではありません（段階: 未着手、",
        ),
        (
            ind("kind = \"milestone\"\nobservations = { FY2022 = 3 }\n"),
            "a milestone's observations are states",
            "マイルストーンの実績は段階（文字）で書きます",
        ),
        (
            format!("{HEAD}\n[[roadmap]]\nnode = \"m1\"\ntitle = \"r\"\n"),
            "no node has the id \"m1\"",
            "id が「m1」のノードはありません",
        ),
    ];
    for (text, en, ja) in table {
        let all = errors(&text);
        let e = &all[0];
        assert!(e.line.is_some() && e.column.is_some(), "{e}");
        let (english, japanese) = (e.problem.message(Lang::En), e.problem.message(Lang::Ja));
        assert!(
            english.starts_with(en),
            "{text}\n{english}\nshould start with\n{en}"
        );
        assert!(
            japanese.starts_with(ja),
            "{text}\n{japanese}\nshould start with\n{ja}"
        );
        // The place is the same in both languages, and Display is the English text.
        let place = e
            .message(Lang::En)
            .strip_suffix(english.as_str())
            .map(str::to_owned);
        assert!(
            place
                .as_deref()
                .is_some_and(|p| p.starts_with("plans/x.toml:")),
            "{e}"
        );
        assert_eq!(
            e.message(Lang::Ja).strip_suffix(japanese.as_str()),
            place.as_deref(),
            "{e}"
        );
        assert_eq!(e.message(Lang::En), e.to_string());
    }
}

#[test]
fn a_file_that_cannot_be_read_is_told_in_both_languages() {
    let e = read_plan_file(Path::new("/nonexistent/plan.toml")).unwrap_err();
    let e = &e.errors()[0];
    assert!(
        e.message(Lang::En)
            .starts_with("/nonexistent/plan.toml: cannot read the plan file: "),
        "{e}"
    );
    assert!(e.message(Lang::En).ends_with("; check the path"), "{e}");
    let ja = e.message(Lang::Ja);
    assert!(
        ja.starts_with("/nonexistent/plan.toml: 計画ファイルを読めません（")
            && ja.ends_with("。パスを確かめてください"),
        "{ja}"
    );
    let p = PlanFileProblem::NotUtf8 { at: 7 };
    assert_eq!(
        p.message(Lang::Ja),
        "計画ファイルが UTF-8 ではありません（7バイト目）。UTF-8 で保存してください（Shift_JIS のファイルは先に変換が必要です）"
    );
    assert!(p
        .message(Lang::En)
        .starts_with("the plan file is not UTF-8 (byte 7)"));
}

/// Values keyed by period keep the order they are written in, whatever order their keys would
/// sort in: a tie between two values for the same year is settled by which comes later in the
/// file (core's `counts`), so the order is part of what a file says.
#[test]
fn period_tables_keep_the_order_of_the_file() {
    let p = read(&with_indicator(
        "kind = \"level\"\n\
         observations = { FY2024 = 3, CY2023 = 1, FY2023 = 2, FY2022 = 4 }\n\
         yearly_targets = { FY2026 = 9, FY2025 = 8 }\n",
    ));
    let periods: Vec<String> = p.indicators[0]
        .observations
        .iter()
        .map(|o| o.period.to_string())
        .collect();
    assert_eq!(periods, ["FY2024", "CY2023", "FY2023", "FY2022"]);
    let targets: Vec<String> = p.indicators[0]
        .indicator
        .yearly_targets
        .iter()
        .map(|t| t.period.to_string())
        .collect();
    assert_eq!(targets, ["FY2026", "FY2025"]);
}
