//! `shinchoku bench-data`: synthetic plans and actuals at benchmark scale.
//!
//! The benchmarks (DESIGN.md → Benchmarks) evaluate thousands of plans end to end
//! (`shinchoku evaluate DIR/plans --actuals DIR/actuals.csv`), and no public body publishes
//! that much data in our formats. This module makes it: one plan file per synthetic
//! government (`DIR/plans/bench-0001.toml`, …, with no observations inline) and every
//! observation in one Actuals CSV (`DIR/actuals.csv`).
//!
//! Guarantees:
//!
//! - **Readable.** Every plan is a core [`Plan`] written by [`shinchoku_import::write_plan`],
//!   so the plan-file reader reads it back, and every plan with its observations passes
//!   [`Plan::check`].
//! - **Deterministic.** The output is a function of `--seed`, `--years` and the position of a
//!   plan or an indicator only (a PRNG of our own, splitmix64, seeded per government and per
//!   indicator, and nothing but IEEE-exact arithmetic: `+ − × ÷` and rounding). The same
//!   arguments give byte-identical files; `--governments 10` begins with the three plans of
//!   `--governments 3`.
//! - **Like real plans.** Kinds in roughly the mix of published plans (level, cumulative,
//!   period_total, annual, a few milestones with their states, a few monitors), both
//!   directions, the units 件 人 % 億円 社 回, rates with one or two decimals, baselines in
//!   the year before the plan period, targets at its end, values drifting toward (or away
//!   from) the target with noise, and a few of the awkward cases evaluation must handle (no
//!   baseline, a level to hold, a target equal to its baseline, a target in words, a
//!   baseline that is a three-year mean, yearly targets, the `final` grading scheme).
//! - **Gaps.** Each indicator misses at most ⌊0.3 × Y⌋ of its Y years (chosen at random), so
//!   at most 30 % of the cells are empty overall; a missing cell is simply no row.
//! - **Bounded memory.** Plans are made, written and dropped one government at a time; the
//!   CSV is streamed through a [`BufWriter`].
//! - **No half-written output.** Both outputs are written under temporary names in DIR and
//!   renamed into place at the end; existing output is refused unless `--force`.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _};
use shinchoku_core::grading::GradingScheme;
use shinchoku_core::indicator::{
    Baseline, BaselineStat, Comparator, Direction, Indicator, IndicatorKind, Observation,
    ObservedValue, Target, YearlyTarget,
};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Issuer, Node, Plan, PlanCode, PlanIndicator};
use shinchoku_core::Decimal;

use shinchoku_core::lang::Lang;

use crate::error::{CliError, Input, Usage};

/// Arguments of `shinchoku bench-data`.
#[derive(Debug, clap::Args)]
pub struct BenchDataArgs {
    /// How many governments to make, one plan each: `bench-0001` … issued by `サンプル市0001`
    /// … (1–100000).
    #[arg(long, value_name = "N")]
    pub governments: u32,
    /// How many indicators each plan has (1–10000), spread over its measures.
    #[arg(long, value_name = "M")]
    pub indicators_per: u32,
    /// How many fiscal years the plans run and every indicator has actuals for (1–50). The
    /// plans end in FY2024 (`--years 12`: FY2013-FY2024, baselines in FY2012).
    #[arg(long, value_name = "Y")]
    pub years: u32,
    /// Seed of the generator: the same seed and sizes give byte-identical files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Directory to write `plans/<code>.toml` and `actuals.csv` into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace an existing DIR/plans (the whole directory) and DIR/actuals.csv.
    #[arg(long)]
    pub force: bool,
}

const MAX_GOVERNMENTS: u32 = 100_000;
const MAX_INDICATORS: u32 = 10_000;
const MAX_YEARS: u32 = 50;
/// Every plan ends in this fiscal year; its period is the `--years` before it.
const LAST_YEAR: i32 = 2024;
/// The Actuals CSV header (DESIGN.md → Actuals CSV), without the optional columns.
const CSV_HEADER: &str = "plan,indicator,period,value\n";

/// Runs `bench-data`.
pub fn run(args: &BenchDataArgs, lang: Lang) -> Result<(), CliError> {
    let cfg = Config::new(args)?;
    let out = &args.out;
    let plans_dir = out.join("plans");
    let csv_path = out.join("actuals.csv");
    refuse_to_overwrite(&plans_dir, &csv_path, args.force)?;
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create the output directory {}", out.display()))
        .map_err(CliError::Files)?;

    let pid = std::process::id();
    let tmp_plans = out.join(format!(".plans.tmp-{pid}"));
    let tmp_csv = out.join(format!(".actuals.csv.tmp-{pid}"));
    let mut cleanup = Cleanup(vec![tmp_plans.clone(), tmp_csv.clone()]);
    cleanup.remove_all();
    let totals = write_all(&cfg, &tmp_plans, &tmp_csv).map_err(CliError::Files)?;
    put_in_place(out, &tmp_plans, &plans_dir, &tmp_csv, &csv_path).map_err(CliError::Files)?;
    cleanup.0.clear();

    let cells = totals.rows + totals.gaps;
    let share = if cells == 0 {
        0.0
    } else {
        totals.gaps as f64 * 100.0 / cells as f64
    };
    let (plans, indicators) = (cfg.governments, totals.indicators);
    let (rows, gaps, out) = (totals.rows, totals.gaps, out.display());
    match lang {
        Lang::En => eprintln!(
            "bench-data: {plans} plans, {indicators} indicators, {rows} rows ({gaps} gaps, \
             {share:.1} %) in {out}"
        ),
        Lang::Ja => eprintln!(
            "bench-data: 計画{plans}件、指標{indicators}件、{rows}行（欠け{gaps}件、{share:.1} %）を \
             {out} に書きました"
        ),
    }
    Ok(())
}

/// The checked arguments.
#[derive(Debug, Clone, Copy)]
struct Config {
    governments: u32,
    indicators: u32,
    years: u32,
    seed: u64,
    /// First fiscal year of every plan's period.
    first_year: i32,
}

impl Config {
    fn new(args: &BenchDataArgs) -> Result<Self, CliError> {
        let check = |flag: &'static str, value: u32, max: u32| {
            if (1..=max).contains(&value) {
                Ok(value)
            } else {
                Err(CliError::Usage(Usage::OutOfRange { flag, value, max }))
            }
        };
        let governments = check("governments", args.governments, MAX_GOVERNMENTS)?;
        let indicators = check("indicators-per", args.indicators_per, MAX_INDICATORS)?;
        let years = check("years", args.years, MAX_YEARS)?;
        // years ≤ 50, so this is at least 1975: the baseline year and a three-year window
        // before it stay well inside Period's 1000–9999.
        let first_year = LAST_YEAR - years as i32 + 1;
        Ok(Config {
            governments,
            indicators,
            years,
            seed: args.seed,
            first_year,
        })
    }
}

/// Refuses, before anything is generated, to replace output that is there unless `--force`.
fn refuse_to_overwrite(plans_dir: &Path, csv_path: &Path, force: bool) -> Result<(), CliError> {
    if plans_dir.exists() && !plans_dir.is_dir() {
        return Err(CliError::Input(Input::NotADirectory(
            plans_dir.display().to_string(),
        )));
    }
    if force {
        return Ok(());
    }
    let nonempty = fs::read_dir(plans_dir).is_ok_and(|mut d| d.next().is_some());
    if nonempty {
        return Err(CliError::Usage(Usage::DirNotEmpty(
            plans_dir.display().to_string(),
        )));
    }
    if csv_path.exists() {
        return Err(CliError::Usage(Usage::FileExists(
            csv_path.display().to_string(),
        )));
    }
    Ok(())
}

/// Temporary paths removed (best effort) when generation stops half way.
struct Cleanup(Vec<PathBuf>);

impl Cleanup {
    fn remove_all(&self) {
        for p in &self.0 {
            if p.is_dir() {
                let _ = fs::remove_dir_all(p);
            } else if p.exists() {
                let _ = fs::remove_file(p);
            }
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.remove_all();
    }
}

/// What was written.
#[derive(Debug, Default)]
struct Totals {
    indicators: u64,
    rows: u64,
    gaps: u64,
}

/// Generates every plan into `plans_dir` and every observation into `csv_path`, government
/// by government.
fn write_all(cfg: &Config, plans_dir: &Path, csv_path: &Path) -> anyhow::Result<Totals> {
    fs::create_dir(plans_dir).with_context(|| format!("cannot create {}", plans_dir.display()))?;
    let file =
        File::create(csv_path).with_context(|| format!("cannot create {}", csv_path.display()))?;
    let csv_err = || format!("cannot write {}", csv_path.display());
    let mut csv = BufWriter::with_capacity(1 << 20, file);
    csv.write_all(CSV_HEADER.as_bytes()).with_context(csv_err)?;
    let mut totals = Totals::default();
    for g in 1..=cfg.governments {
        let (mut plan, gaps) = government(cfg, g)?;
        totals.gaps += gaps;
        totals.indicators += plan.indicators.len() as u64;
        for pi in &mut plan.indicators {
            // Observations go to the CSV only: the plan file is written without them.
            for o in std::mem::take(&mut pi.observations) {
                write_row(&mut csv, &plan.code, &pi.indicator.id, &o).with_context(csv_err)?;
                totals.rows += 1;
            }
        }
        let path = plans_dir.join(format!("{}.toml", plan.code));
        fs::write(&path, shinchoku_import::write_plan(&plan))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let file = csv
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(csv_err)?;
    file.sync_all().with_context(csv_err)?;
    Ok(totals)
}

/// One Actuals CSV line. Codes, ids, periods, numbers and our state names never hold a
/// comma, a quote or a line break, but a field that did would be quoted.
fn write_row(
    out: &mut impl Write,
    plan: &PlanCode,
    indicator: &str,
    o: &Observation,
) -> std::io::Result<()> {
    let value = match &o.value {
        ObservedValue::Number(d) => d.to_string(),
        ObservedValue::State(s) => s.clone(),
    };
    writeln!(
        out,
        "{},{},{},{}",
        csv_field(plan.as_str()),
        csv_field(indicator),
        o.period,
        csv_field(&value)
    )
}

fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// Moves the finished output into place: the old `plans` aside first, so that a failure
/// leaves the old or the new directory, never neither.
fn put_in_place(
    out: &Path,
    tmp_plans: &Path,
    plans_dir: &Path,
    tmp_csv: &Path,
    csv_path: &Path,
) -> anyhow::Result<()> {
    let old = out.join(format!(".plans.old-{}", std::process::id()));
    let had_old = plans_dir.exists();
    if had_old {
        fs::rename(plans_dir, &old)
            .with_context(|| format!("cannot move the old {} aside", plans_dir.display()))?;
    }
    fs::rename(tmp_plans, plans_dir)
        .with_context(|| format!("cannot rename the new plans into {}", plans_dir.display()))?;
    if had_old {
        fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the old plans in {}", old.display()))?;
    }
    // Renaming onto a file replaces it in one step.
    fs::rename(tmp_csv, csv_path)
        .with_context(|| format!("cannot rename the new actuals into {}", csv_path.display()))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The generator

/// splitmix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough for test data.
#[derive(Debug, Clone)]
struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// An independent stream for one place in the output (a government, an indicator), so
    /// that what is made there does not depend on how much was made before it.
    fn stream(seed: u64, parts: &[u64]) -> Self {
        let mut h = mix(seed.wrapping_add(GOLDEN));
        for p in parts {
            h = mix(h ^ mix(p.wrapping_add(GOLDEN)));
        }
        Rng(h)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Roughly standard normal: the sum of four uniforms, centred and scaled (no `ln`, `sqrt`
    /// or `cos`, whose last bit may differ between C libraries).
    fn noise(&mut self) -> f64 {
        let s = self.unit() + self.unit() + self.unit() + self.unit();
        (s - 2.0) * 1.732_050_807_568_877_2
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total as usize) as u32;
        for (item, w) in items {
            if r < *w {
                return *item;
            }
            r -= w;
        }
        items[items.len() - 1].0
    }
}

/// What an indicator counts, which decides its unit, its decimals and the kinds it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nature {
    /// A percentage, 0–100, one or two decimals.
    Rate,
    /// A count of a stock (members, firms).
    Stock,
    /// A count per year (visitors, cases, events).
    Flow,
    /// 億円, one decimal.
    Money,
    /// A project that passes through states.
    Project,
}

/// One kind of indicator a plan may carry.
#[derive(Debug)]
struct Template {
    name: &'static str,
    unit: &'static str,
    nature: Nature,
    direction: Direction,
    /// Range of the baseline value.
    lo: f64,
    hi: f64,
    source: &'static str,
}

const fn t(
    name: &'static str,
    unit: &'static str,
    nature: Nature,
    decrease: bool,
    lo: f64,
    hi: f64,
    source: &'static str,
) -> Template {
    Template {
        name,
        unit,
        nature,
        direction: if decrease {
            Direction::Decrease
        } else {
            Direction::Increase
        },
        lo,
        hi,
        source,
    }
}

use Nature::{Flow, Money, Project, Rate, Stock};

const TEMPLATES: &[Template] = &[
    t(
        "健康診断受診率",
        "%",
        Rate,
        false,
        30.0,
        70.0,
        "健康づくり課調べ",
    ),
    t(
        "中小企業のIoT導入率",
        "%",
        Rate,
        false,
        5.0,
        40.0,
        "企業アンケート",
    ),
    t("女性の就業率", "%", Rate, false, 45.0, 75.0, "国勢調査"),
    t(
        "ごみのリサイクル率",
        "%",
        Rate,
        false,
        15.0,
        35.0,
        "一般廃棄物処理実態調査",
    ),
    t("空き家率", "%", Rate, true, 8.0, 20.0, "住宅・土地統計調査"),
    t(
        "商店街の空き店舗率",
        "%",
        Rate,
        true,
        5.0,
        25.0,
        "商店街実態調査",
    ),
    t("市民満足度", "%", Rate, false, 40.0, 80.0, "市民意識調査"),
    t(
        "公共施設の耐震化率",
        "%",
        Rate,
        false,
        70.0,
        98.0,
        "施設管理課調べ",
    ),
    t(
        "子育て世帯の定住意向率",
        "%",
        Rate,
        false,
        50.0,
        85.0,
        "市民意識調査",
    ),
    t(
        "特定健診受診率",
        "%",
        Rate,
        false,
        30.0,
        60.0,
        "特定健診等実施状況",
    ),
    t(
        "認定農業者数",
        "人",
        Stock,
        false,
        100.0,
        2000.0,
        "農林水産課調べ",
    ),
    t(
        "待機児童数",
        "人",
        Stock,
        true,
        5.0,
        200.0,
        "保育所等利用待機児童数調査",
    ),
    t(
        "地域おこし協力隊員数",
        "人",
        Stock,
        false,
        5.0,
        60.0,
        "地域振興課調べ",
    ),
    t(
        "海外展開企業数",
        "社",
        Stock,
        false,
        20.0,
        300.0,
        "商工振興課調べ",
    ),
    t(
        "協定締結企業数",
        "社",
        Stock,
        false,
        10.0,
        150.0,
        "企画課調べ",
    ),
    t(
        "人口",
        "人",
        Stock,
        false,
        20000.0,
        800000.0,
        "住民基本台帳",
    ),
    t(
        "観光客数",
        "人",
        Flow,
        false,
        100000.0,
        5000000.0,
        "観光動態調査",
    ),
    t(
        "企業誘致件数",
        "件",
        Flow,
        false,
        3.0,
        40.0,
        "企業立地課調べ",
    ),
    t(
        "新規創業件数",
        "件",
        Flow,
        false,
        10.0,
        200.0,
        "商工振興課調べ",
    ),
    t(
        "移住者数",
        "人",
        Flow,
        false,
        50.0,
        1500.0,
        "移住定住課調べ",
    ),
    t(
        "交通事故死者数",
        "人",
        Flow,
        true,
        3.0,
        60.0,
        "交通事故統計",
    ),
    t(
        "刑法犯認知件数",
        "件",
        Flow,
        true,
        500.0,
        8000.0,
        "犯罪統計",
    ),
    t(
        "移住相談件数",
        "件",
        Flow,
        false,
        100.0,
        3000.0,
        "移住定住課調べ",
    ),
    t(
        "防災訓練実施回数",
        "回",
        Flow,
        false,
        5.0,
        60.0,
        "危機管理課調べ",
    ),
    t(
        "出前講座開催回数",
        "回",
        Flow,
        false,
        10.0,
        120.0,
        "生涯学習課調べ",
    ),
    t(
        "新規就農者数",
        "人",
        Flow,
        false,
        5.0,
        80.0,
        "農林水産課調べ",
    ),
    t(
        "研究開発の事業化件数",
        "件",
        Flow,
        false,
        2.0,
        30.0,
        "産業技術センター調べ",
    ),
    t(
        "ふるさと納税件数",
        "件",
        Flow,
        false,
        1000.0,
        100000.0,
        "財政課調べ",
    ),
    t(
        "空き家バンク成約件数",
        "件",
        Flow,
        false,
        5.0,
        80.0,
        "住宅課調べ",
    ),
    t(
        "創業支援を受けた企業数",
        "社",
        Flow,
        false,
        10.0,
        100.0,
        "商工振興課調べ",
    ),
    t(
        "製造品出荷額等",
        "億円",
        Money,
        false,
        500.0,
        30000.0,
        "経済構造実態調査",
    ),
    t(
        "観光消費額",
        "億円",
        Money,
        false,
        50.0,
        2000.0,
        "観光動態調査",
    ),
    t(
        "農林水産物の輸出額",
        "億円",
        Money,
        false,
        1.0,
        50.0,
        "貿易統計",
    ),
    t(
        "市内総生産",
        "億円",
        Money,
        false,
        1000.0,
        50000.0,
        "市町民経済計算",
    ),
    t(
        "ふるさと納税受入額",
        "億円",
        Money,
        false,
        1.0,
        100.0,
        "財政課調べ",
    ),
    t(
        "地域公共交通計画の策定",
        "",
        Project,
        false,
        0.0,
        0.0,
        "交通政策課調べ",
    ),
    t(
        "総合防災拠点の整備",
        "",
        Project,
        false,
        0.0,
        0.0,
        "危機管理課調べ",
    ),
    t(
        "DX推進計画の策定",
        "",
        Project,
        false,
        0.0,
        0.0,
        "デジタル推進課調べ",
    ),
    t(
        "新庁舎の建設",
        "",
        Project,
        false,
        0.0,
        0.0,
        "財産管理課調べ",
    ),
    t(
        "スマートシティ構想の推進",
        "",
        Project,
        false,
        0.0,
        0.0,
        "企画課調べ",
    ),
];

/// The kinds in roughly the mix of published plans.
const KIND_WEIGHTS: &[(IndicatorKind, u32)] = &[
    (IndicatorKind::Level, 30),
    (IndicatorKind::Cumulative, 12),
    (IndicatorKind::PeriodTotal, 15),
    (IndicatorKind::Annual, 28),
    (IndicatorKind::Milestone, 5),
    (IndicatorKind::Monitor, 10),
];

/// Whether an indicator of this template may be of this kind.
fn fits(tpl: &Template, kind: IndicatorKind) -> bool {
    use IndicatorKind as K;
    match kind {
        K::Level => matches!(tpl.nature, Rate | Stock | Money),
        // A running total only grows.
        K::Cumulative => matches!(tpl.nature, Stock | Flow) && tpl.direction == Direction::Increase,
        K::PeriodTotal => matches!(tpl.nature, Flow | Money),
        K::Annual => matches!(tpl.nature, Flow | Rate | Money),
        K::Milestone => tpl.nature == Project,
        K::Monitor => tpl.nature != Project,
    }
}

/// A plan's own milestone states, for some projects; the others use the default ones.
const BUILD_STATES: [&str; 5] = ["構想", "基本設計", "実施設計", "着工", "完成"];

/// How an indicator fares over the plan: the share of the planned change it makes
/// (above 1 ahead of the target, below 0 moving away from it).
const PERFORMANCE: &[(f64, u32)] = &[
    (1.25, 15),
    (1.0, 25),
    (0.8, 20),
    (0.55, 15),
    (0.25, 15),
    (-0.4, 10),
];

const PLAN_TITLES: &[&str] = &[
    "総合計画",
    "まち・ひと・しごと創生総合戦略",
    "産業振興ビジョン",
    "総合戦略",
    "地域活性化計画",
];

const DIRECTIONS: &[&str] = &[
    "産業の振興と雇用の創出",
    "安心して子どもを産み育てられる環境づくり",
    "健康で安全に暮らせるまちづくり",
    "観光と交流の推進",
    "移住・定住の促進",
    "環境と共生する持続可能なまちづくり",
    "デジタル化による行政サービスの向上",
];

const MEASURES: &[&str] = &[
    "戦略的な企業誘致の推進",
    "中小企業の経営基盤の強化",
    "創業・事業承継の支援",
    "農林水産業の担い手の確保",
    "保育サービスの充実",
    "子育て世帯への経済的支援",
    "健康づくりの推進",
    "防災・減災対策の強化",
    "交通安全対策の推進",
    "観光資源の磨き上げ",
    "国内外からの誘客の促進",
    "移住相談体制の充実",
    "空き家の利活用の促進",
    "ごみの減量化と資源化の推進",
    "再生可能エネルギーの導入促進",
    "行政手続のオンライン化",
    "公共施設の適正管理",
    "地域公共交通の確保",
];

/// The indicator templates that fit each kind, in [`IndicatorKind::ALL`]'s order.
fn templates_by_kind() -> Vec<(IndicatorKind, Vec<&'static Template>)> {
    IndicatorKind::ALL
        .into_iter()
        .map(|k| (k, TEMPLATES.iter().filter(|t| fits(t, k)).collect()))
        .collect()
}

/// 全国地方公共団体コード with its check digit, under the prefecture part 99, which no
/// prefecture has: a synthetic government never carries a real body's code.
fn body_code(g: u32) -> String {
    let digits = [9, 9, (g / 100) % 10, (g / 10) % 10, g % 10];
    let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
    let check = (11 - sum % 11) % 10;
    let mut s: String = digits.iter().map(|d| d.to_string()).collect();
    s.push_str(&check.to_string());
    s
}

/// The plan of government `g` (from 1), with its observations, and how many cells it left
/// empty.
fn government(cfg: &Config, g: u32) -> anyhow::Result<(Plan, u64)> {
    let mut rng = Rng::stream(cfg.seed, &[u64::from(g)]);
    let code = format!("bench-{g:04}");
    let code = PlanCode::new(&code).ok_or_else(|| anyhow!("{code:?} is not a plan code"))?;
    let issuer = format!("サンプル市{g:04}");
    let title = format!("{issuer} {}", rng.pick(PLAN_TITLES));
    let mut plan = Plan::new(code, title);
    plan.issuer = Some(Issuer {
        name: issuer,
        code: Some(body_code(g)),
    });
    let first = cfg.first_year;
    plan.period = Period::fiscal_years(first, LAST_YEAR).ok();
    if rng.chance(0.1) {
        plan.grading = GradingScheme::final_achievement();
    }
    plan.source = Some(format!("shinchoku bench-data --seed {}", cfg.seed));

    // 3–5 basic directions of 2–4 measures each.
    let directions = 3 + rng.below(3);
    let d0 = rng.below(DIRECTIONS.len());
    let m0 = rng.below(MEASURES.len());
    let mut measures = Vec::new();
    for d in 0..directions {
        let id = format!("d{}", d + 1);
        plan.nodes.push(Node {
            id: id.clone(),
            kind: Some("基本方向".into()),
            label: Some((d + 1).to_string()),
            title: DIRECTIONS[(d0 + d) % DIRECTIONS.len()].into(),
            ..Node::default()
        });
        for _ in 0..2 + rng.below(3) {
            let n = measures.len() + 1;
            let mid = format!("m{n}");
            plan.nodes.push(Node {
                id: mid.clone(),
                parent: Some(id.clone()),
                kind: Some("施策".into()),
                label: Some(format!("({n})")),
                title: MEASURES[(m0 + n - 1) % MEASURES.len()].into(),
                ..Node::default()
            });
            measures.push(mid);
        }
    }

    let by_kind = templates_by_kind();
    let mut used: HashMap<&str, u32> = HashMap::new();
    let mut gaps = 0;
    let m = cfg.indicators as usize;
    for i in 1..=m {
        let mut r = Rng::stream(cfg.seed, &[u64::from(g), i as u64]);
        let kind = r.weighted(KIND_WEIGHTS);
        let tpl = by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, ts)| (!ts.is_empty()).then(|| *r.pick(ts)))
            .ok_or_else(|| anyhow!("no indicator template fits the kind {kind}"))?;
        let seen = used.entry(tpl.name).or_insert(0);
        *seen += 1;
        let name = if *seen == 1 {
            tpl.name.to_owned()
        } else {
            format!("{}({})", tpl.name, seen)
        };
        let mut pi = indicator(&mut r, cfg, kind, tpl);
        pi.indicator.id = format!("i{i}");
        pi.indicator.name = name;
        // Contiguous blocks, so that the document order runs measure by measure.
        pi.node = measures.get((i - 1) * measures.len() / m).cloned();
        gaps += drop_gaps(&mut r, &mut pi.observations, cfg.years);
        plan.indicators.push(pi);
    }
    Ok((plan, gaps))
}

/// Removes at most ⌊0.3 × years⌋ observations at random; returns how many it removed.
fn drop_gaps(r: &mut Rng, observations: &mut Vec<Observation>, years: u32) -> u64 {
    let max = (years as usize * 3) / 10;
    let n = r.below(max + 1).min(observations.len());
    // A partial Fisher–Yates shuffle of the positions picks n distinct ones.
    let mut positions: Vec<usize> = (0..observations.len()).collect();
    for k in 0..n {
        let j = k + r.below(positions.len() - k);
        positions.swap(k, j);
    }
    let mut drop = vec![false; observations.len()];
    for &p in &positions[..n] {
        drop[p] = true;
    }
    let mut k = 0;
    observations.retain(|_| {
        let keep = !drop[k];
        k += 1;
        keep
    });
    n as u64
}

/// A decimal with `scale` places from a float (rounded half away from zero), normalised.
fn dec(x: f64, scale: u32) -> Decimal {
    let f = match scale {
        0 => 1.0,
        1 => 10.0,
        _ => 100.0,
    };
    // `as` saturates, and every value here is far inside i64.
    Decimal::new((x * f).round() as i64, scale.min(2)).normalize()
}

fn fy(year: i32) -> Period {
    Period::FiscalYear(year)
}

/// The special case an indicator is, if any: the awkward paths evaluation must take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Normal,
    NoBaseline,
    /// A target on the wrong side of the baseline: a level to hold (維持).
    Maintain,
    TargetIsBaseline,
    /// `増加を目指す`: a direction and no number.
    Words,
    /// A baseline that is the mean of the three years before the plan.
    MeanBaseline,
}

fn case(r: &mut Rng, kind: IndicatorKind) -> Case {
    let u = r.unit();
    let one_value = matches!(kind, IndicatorKind::Level | IndicatorKind::Annual);
    match u {
        _ if u < 0.03 => Case::NoBaseline,
        _ if u < 0.05 && one_value => Case::Maintain,
        _ if u < 0.06 && one_value => Case::TargetIsBaseline,
        _ if u < 0.08 => Case::Words,
        _ if u < 0.11 && one_value => Case::MeanBaseline,
        _ => Case::Normal,
    }
}

/// One indicator with an observation for every year of the plan (gaps come later).
fn indicator(r: &mut Rng, cfg: &Config, kind: IndicatorKind, tpl: &Template) -> PlanIndicator {
    let years = cfg.years;
    let first = cfg.first_year;
    let base_year = first - 1;
    let mut ind = Indicator {
        unit: tpl.unit.into(),
        kind,
        direction: tpl.direction,
        ..Indicator::default()
    };
    let performance = r.weighted(PERFORMANCE);
    let mut observations = Vec::with_capacity(years as usize);

    if kind == IndicatorKind::Milestone {
        let states: &[&str] = if r.chance(0.4) {
            ind.states = BUILD_STATES.iter().map(|s| (*s).to_owned()).collect();
            &BUILD_STATES
        } else {
            &shinchoku_core::indicator::DEFAULT_MILESTONE_STATES
        };
        let top = states.len() - 1;
        ind.baseline = Some(Baseline {
            period: Some(fy(base_year)),
            state: states.first().map(|s| (*s).to_owned()),
            ..Baseline::default()
        });
        ind.target = Some(Target {
            value: None,
            period: Some(fy(LAST_YEAR)),
            text: states.last().map(|s| (*s).to_owned()),
        });
        let mut reached = 0usize;
        for k in 1..=years {
            let pos = top as f64 * performance * f64::from(k) / f64::from(years) + 0.3 * r.noise();
            let idx = pos.round().clamp(0.0, top as f64) as usize;
            reached = reached.max(idx);
            let state = states.get(reached).copied().unwrap_or_default();
            observations.push(Observation::state(fy(first + k as i32 - 1), state));
        }
        return PlanIndicator {
            indicator: ind,
            source: Some(tpl.source.into()),
            observations,
            ..PlanIndicator::default()
        };
    }

    let scale = match tpl.nature {
        Rate if r.chance(0.2) => 2,
        Rate | Money => 1,
        _ => 0,
    };
    let ceiling = if tpl.nature == Rate { 100.0 } else { f64::MAX };
    let clamp = |x: f64| x.clamp(0.0, ceiling);
    let u = r.unit();
    let b = dec(tpl.lo + (tpl.hi - tpl.lo) * u * u, scale);
    let bf = f64::try_from(b).unwrap_or(0.0);
    let decrease = tpl.direction == Direction::Decrease;
    let gain = r.range(0.05, 0.5);
    let this_case = if kind == IndicatorKind::Monitor {
        Case::Normal
    } else {
        case(r, kind)
    };
    // One observation a year from `f(rng, k)` for the plan's k-th year (from 1).
    let series =
        |r: &mut Rng, obs: &mut Vec<Observation>, f: &mut dyn FnMut(&mut Rng, u32) -> f64| {
            for k in 1..=years {
                let x = f(r, k);
                obs.push(Observation::number(
                    fy(first + k as i32 - 1),
                    dec(clamp(x), scale),
                ));
            }
        };
    let y = f64::from(years);
    let end_target: f64;
    match kind {
        IndicatorKind::Monitor => {
            let drift = r.range(-0.03, 0.03);
            let mut x = bf;
            series(r, &mut observations, &mut |r, _| {
                x *= 1.0 + drift + 0.02 * r.noise();
                x
            });
            if r.chance(0.8) {
                ind.baseline = Some(Baseline {
                    value: Some(b),
                    period: Some(fy(base_year)),
                    ..Baseline::default()
                });
            }
            return PlanIndicator {
                indicator: ind,
                source: Some(tpl.source.into()),
                observations,
                ..PlanIndicator::default()
            };
        }
        IndicatorKind::PeriodTotal => {
            // The baseline is one year's flow; the target the sum over the whole window.
            let factor = if decrease { 1.0 - gain } else { 1.0 + gain };
            let total = bf * y * factor;
            let mean = total / y;
            let level = bf + (mean - bf) * performance;
            series(r, &mut observations, &mut |r, _| {
                level * (1.0 + 0.08 * r.noise())
            });
            end_target = total;
        }
        IndicatorKind::Cumulative => {
            // The baseline is the total so far; each year adds a non-negative flow.
            let (start, flow) = if tpl.nature == Flow {
                (bf * r.range(2.0, 10.0), bf)
            } else {
                (bf, bf * r.range(0.03, 0.1))
            };
            let start = f64::try_from(dec(start, scale)).unwrap_or(0.0);
            let mut sum = start;
            series(r, &mut observations, &mut |r, _| {
                sum += (flow * (1.0 + gain * performance) * (1.0 + 0.1 * r.noise())).max(0.0);
                sum
            });
            end_target = start + flow * y * (1.0 + gain);
            ind.baseline = Some(Baseline {
                value: Some(dec(start, scale)),
                period: Some(fy(base_year)),
                ..Baseline::default()
            });
        }
        _ => {
            // Level and annual: move from the baseline toward the target, with noise.
            let target = match (this_case, tpl.nature, decrease) {
                (Case::Maintain, _, false) => bf * 0.97,
                (Case::Maintain, _, true) => bf * 1.03,
                (Case::TargetIsBaseline, _, _) => bf,
                (_, _, true) => bf * (1.0 - gain),
                // A rate gains a few points: a share of the room left, and no more than half
                // of itself (7.5 % aims at 10 %, not at 45 %).
                (_, Rate, false) => {
                    bf + ((100.0 - bf) * r.range(0.1, 0.4)).min(bf * r.range(0.1, 0.5))
                }
                (_, _, false) => bf * (1.0 + gain),
            };
            let spread = if kind == IndicatorKind::Level {
                0.04 * (target - bf).abs() + 0.01 * bf
            } else {
                0.08 * (target - bf).abs() + 0.05 * bf
            };
            series(r, &mut observations, &mut |r, k| {
                bf + (target - bf) * performance * f64::from(k) / y + spread * r.noise()
            });
            end_target = target;
        }
    }

    let target = dec(clamp(end_target), scale);
    let target_period = if kind == IndicatorKind::PeriodTotal {
        Period::fiscal_years(first, LAST_YEAR).unwrap_or(fy(LAST_YEAR))
    } else {
        fy(LAST_YEAR)
    };
    if ind.baseline.is_none() {
        ind.baseline = Some(Baseline {
            value: Some(b),
            period: Some(fy(base_year)),
            ..Baseline::default()
        });
    }
    ind.target = Some(Target {
        value: Some(target),
        period: Some(target_period),
        text: None,
    });
    match this_case {
        Case::NoBaseline => ind.baseline = None,
        Case::Maintain => {
            ind.comparator = if decrease {
                Comparator::AtMost
            } else {
                Comparator::AtLeast
            };
        }
        Case::Words => {
            ind.target = Some(Target {
                value: None,
                period: Some(target_period),
                text: Some(
                    if decrease {
                        "減少を目指す"
                    } else {
                        "増加を目指す"
                    }
                    .into(),
                ),
            });
        }
        Case::MeanBaseline => {
            // The mean of the three years before the plan: near the baseline year's value.
            let mean = dec(bf * r.range(0.97, 1.03), scale);
            ind.baseline = Some(Baseline {
                value: Some(mean),
                period: Period::fiscal_years(base_year - 2, base_year).ok(),
                stat: BaselineStat::Mean,
                note: Some("3か年平均".into()),
                state: None,
            });
        }
        Case::Normal | Case::TargetIsBaseline => {
            if r.chance(0.15) {
                ind.comparator = if decrease {
                    Comparator::AtMost
                } else {
                    Comparator::AtLeast
                };
            }
            // A few plans print a target for every year (年度別目標).
            if this_case == Case::Normal && kind != IndicatorKind::PeriodTotal && r.chance(0.05) {
                let from = ind
                    .baseline
                    .as_ref()
                    .and_then(|b| b.value)
                    .and_then(|v| f64::try_from(v).ok())
                    .unwrap_or(bf);
                let to = f64::try_from(target).unwrap_or(from);
                ind.yearly_targets = (1..years)
                    .map(|k| YearlyTarget {
                        period: fy(first + k as i32 - 1),
                        value: dec(from + (to - from) * f64::from(k) / y, scale),
                    })
                    .collect();
            }
        }
    }
    PlanIndicator {
        indicator: ind,
        source: Some(tpl.source.into()),
        observations,
        ..PlanIndicator::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(governments: u32, indicators: u32, years: u32, seed: u64) -> Config {
        let args = BenchDataArgs {
            governments,
            indicators_per: indicators,
            years,
            seed,
            out: PathBuf::new(),
            force: false,
        };
        Config::new(&args).unwrap()
    }

    #[test]
    fn every_plan_is_sound_and_reads_back_equal_without_its_observations() {
        let c = cfg(5, 200, 12, 7);
        for g in 1..=c.governments {
            let (mut plan, _) = government(&c, g).unwrap();
            assert_eq!(plan.check(), vec![], "{}", plan.code);
            for pi in &mut plan.indicators {
                pi.observations.clear();
            }
            let text = shinchoku_import::write_plan(&plan);
            let back = shinchoku_import::read_plan(&text, "bench.toml").unwrap();
            assert_eq!(back, plan);
        }
    }

    #[test]
    fn every_kind_both_directions_and_every_unit_occur() {
        let c = cfg(3, 300, 10, 1);
        let mut kinds = std::collections::HashSet::new();
        let mut units = std::collections::HashSet::new();
        let mut dirs = std::collections::HashSet::new();
        for g in 1..=c.governments {
            let (plan, _) = government(&c, g).unwrap();
            for pi in &plan.indicators {
                kinds.insert(pi.indicator.kind);
                units.insert(pi.indicator.unit.clone());
                dirs.insert(pi.indicator.direction);
            }
        }
        assert_eq!(kinds.len(), IndicatorKind::ALL.len());
        assert_eq!(dirs.len(), 2);
        for u in ["件", "人", "%", "億円", "社", "回"] {
            assert!(units.contains(u), "{u}");
        }
    }

    #[test]
    fn evaluation_meets_every_grade_and_the_awkward_cases() {
        use shinchoku_core::evaluate::{ForecastMethod, Reason};
        let c = cfg(20, 100, 12, 1);
        let mut grades = std::collections::HashSet::new();
        let mut reasons = std::collections::HashSet::new();
        for g in 1..=c.governments {
            let (plan, _) = government(&c, g).unwrap();
            for fy in [2016, 2020, 2024] {
                for e in plan.evaluate(fy, ForecastMethod::Linear) {
                    grades.insert(plan.grading.label(e.grade).to_owned());
                    reasons.extend(e.reasons.iter());
                }
            }
        }
        for label in ["A", "B", "C", "D", "—"] {
            assert!(grades.contains(label), "{label}: {grades:?}");
        }
        for r in [
            Reason::NoTarget,
            Reason::NoBaseline,
            Reason::Maintenance,
            Reason::TargetEqualsBaseline,
            Reason::WindowIncomplete,
            Reason::NoData,
            Reason::TextTarget,
            Reason::TargetMet,
            Reason::NotNumeric,
        ] {
            assert!(reasons.contains(&r), "{r:?}: {reasons:?}");
        }
    }

    #[test]
    fn names_are_unique_within_a_plan() {
        let c = cfg(1, 500, 3, 3);
        let (plan, _) = government(&c, 1).unwrap();
        let names: std::collections::HashSet<_> =
            plan.indicators.iter().map(|i| &i.indicator.name).collect();
        assert_eq!(names.len(), plan.indicators.len());
    }

    #[test]
    fn gaps_never_exceed_thirty_percent_of_an_indicator() {
        for years in 1..=20 {
            let c = cfg(2, 50, years, 11);
            for g in 1..=2 {
                let (plan, _) = government(&c, g).unwrap();
                for pi in &plan.indicators {
                    let missing = years as usize - pi.observations.len();
                    assert!(missing * 10 <= years as usize * 3, "{years}: {missing}");
                }
            }
        }
    }

    #[test]
    fn zero_and_oversized_arguments_are_usage_errors() {
        for (n, m, y) in [(0, 1, 1), (1, 0, 1), (1, 1, 0), (1, 1, 51), (100_001, 1, 1)] {
            let args = BenchDataArgs {
                governments: n,
                indicators_per: m,
                years: y,
                seed: 1,
                out: PathBuf::new(),
                force: false,
            };
            assert!(matches!(Config::new(&args), Err(CliError::Usage(_))));
        }
    }

    #[test]
    fn body_codes_carry_their_check_digit() {
        // The check digit rule, on a real code: 山口県 is 35000 + 1.
        let digits = [3u32, 5, 0, 0, 0];
        let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
        assert_eq!((11 - sum % 11) % 10, 1);
        assert_eq!(body_code(1).len(), 6);
        assert!(body_code(1).starts_with("99001"));
    }
}
