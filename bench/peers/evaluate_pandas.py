"""The pandas peer of `shinchoku evaluate DIR/plans --actuals DIR/actuals.csv --fy Y --format csv`.

Computes DESIGN.md's metrics (-> Indicators) for every indicator of every plan in the
directory, with the observations of the Actuals CSV, and writes the same CSV as shinchoku
(crates/cli/src/output.rs): a UTF-8 BOM, the header, one CRLF line per indicator in the
order of the plan files (by name) and of their indicators.

The work is done the way a pandas user would do it: one read_csv (pandas' pyarrow engine, the
key columns as categoricals), one merge on those categoricals to find each row's indicator,
one groupby that sums every per-indicator aggregate (window sums, least-squares sums) in a
single pass, and the metrics as column arithmetic over all indicators at once. No Python loop
runs per observation or per indicator, except in reading the TOML (plans.py), which has no
vectorised form.

Exactness. Grades follow the exact-fraction rule (DESIGN.md: every ratio is one fraction of
the decimals as written, so a pace of exactly 0.5 is C). Every number is read as its double
and then scaled to an integer of 10^-k units, where k (0-6) is the fewest decimal places that
every value of the plans and the CSV has (checked: a value with more places is refused).
Sums, differences and products of those integers are exact in float64 below 2^53, and the
grade thresholds are decided by cross-multiplying integers (20 x pace numerator >= 19 x pace
denominator for pace >= 0.95), with a check that every operand stays below 2^53. The printed
ratios are one float division of an exact numerator by an exact denominator, so they are the
correctly rounded double of the exact ratio; `value` and `target` print their exact decimal.

Scope: the shapes `shinchoku bench-data` writes (plans.py says which); an Actuals CSV whose
`indicator` is the indicator's id, whose periods are fiscal years (`FY2024`) and whose values
are plain numbers (a milestone's are states), each indicator and year given once (shinchoku
refuses a file that gives one twice, and so does this peer). The reasons `overflow` and
`non_positive_values` never arise (exact integers, linear forecast only).
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from contract import HEADER, arguments  # beside this script
from plans import PlanError, read_plans  # beside this script, so on its sys.path

# crates/core/src/evaluate.rs: Reason::ALL, in its order (the order reasons print in).
REASONS = [
    "no_data",
    "no_baseline",
    "no_target",
    "no_period",
    "window_not_started",
    "window_incomplete",
    "not_due",
    "target_equals_baseline",
    "maintenance",
    "text_target",
    "too_few_points",
    "target_met",
    "target_period_passed",
    "division_by_zero",
    "overflow",
    "unknown_state",
    "not_numeric",
    "non_positive_values",
]
KINDS = {"level", "cumulative", "period_total", "annual", "milestone", "monitor"}
EXACT = 2.0**53
MAX_PLACES = 6


class InputError(Exception):
    pass


def fy_span(periods: pd.Series, what: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first year, last year, is a window) of canonical fiscal-year periods; NaN where none.
    A plan set holds a handful of distinct periods, so each is parsed once (as a category)."""
    cat = periods.astype("category")
    cats = cat.cat.categories.astype(str)
    m = cats.str.extract(r"^FY(\d{4})(?:-FY(\d{4}))?$")
    if m[0].isna().any():
        raise InputError(
            f"{what}: {cats[m[0].isna()][0]!r} is not a fiscal year or a window of them"
        )
    codes = cat.cat.codes.to_numpy()
    first = np.append(pd.to_numeric(m[0]).to_numpy(dtype=float), np.nan)[codes]
    last = np.append(pd.to_numeric(m[1]).to_numpy(dtype=float), np.nan)[codes]
    window = ~np.isnan(last)
    last = np.where(window, last, first)
    return first, last, window


def decimal_places(values: np.ndarray) -> int:
    """The fewest decimal places k (0-6) that every value has, read back from the doubles."""
    v = values[~np.isnan(values)]
    for k in range(MAX_PLACES + 1):
        scaled = np.rint(v * 10.0**k)
        if np.all(scaled / 10.0**k == v):
            if np.any(np.abs(scaled) >= 1e15):
                raise InputError(
                    "a value has more than 15 digits: beyond what the peer reads exactly"
                )
            return k
    raise InputError(f"a value has more than {MAX_PLACES} decimal places")


def fmt(x: np.ndarray) -> np.ndarray:
    """Doubles printed as shinchoku prints decimals: shortest round-trip digits, no `.0` on
    an integer, no exponent, nothing (None) for a missing value."""
    x = np.asarray(x, dtype=float)
    text = x.astype(str)  # numpy's shortest round-trip repr
    out = text.astype(object)
    whole = np.isfinite(x) & (x == np.trunc(x)) & (np.abs(x) < 1e15)
    out[whole] = x[whole].astype(np.int64).astype(str)
    out[np.isnan(x)] = None
    sci = ~whole & ~np.isnan(x) & (np.char.find(text, "e") >= 0)
    if sci.any():  # rare: |x| < 1e-4 or >= 1e16
        out[sci] = [format(Decimal(repr(v)), "f") for v in x[sci].tolist()]
    return out


def exact(*arrays: np.ndarray) -> None:
    """Refuses to decide a grade from integers that float64 no longer holds exactly."""
    for a in arrays:
        if np.nanmax(np.abs(a), initial=0.0) >= EXACT:
            raise InputError("a grade's cross-product exceeds 2^53: beyond the peer's exact range")


def evaluate(plans_dir: str, actuals: str, t: int) -> tuple[pd.DataFrame, float]:
    """The CSV's rows for year t, and the seconds spent reading the plan files."""
    clock = time.perf_counter()
    cols, states = read_plans(plans_dir)
    ind = pd.DataFrame(cols)
    st = pd.DataFrame(states).astype({"plan": str, "id": str, "state": str, "rank": np.int64})
    del cols, states  # the lists are copied into the frames
    n_ind = len(ind)
    ind["k"] = np.arange(n_ind)
    unknown_kinds = set(ind["kind"].unique()) - KINDS
    if unknown_kinds:
        raise InputError(f"unknown indicator kinds: {sorted(unknown_kinds)}")
    t_plans = time.perf_counter() - clock

    # --- The observations: one row each, with its indicator's row number k and its year.
    obs = pd.read_csv(
        actuals,
        usecols=["plan", "indicator", "period", "value"],
        engine="pyarrow",
        dtype={"plan": "category", "indicator": "category", "period": "category", "value": str},
    )
    cats = obs["period"].cat.categories.astype(str)
    fy = cats.str.fullmatch(r"FY\d{4}")
    if not fy.all():
        raise InputError(f"{actuals}: period {cats[~fy][0]!r} is not a fiscal year (FYnnnn)")
    obs["year"] = np.append(cats.str.slice(2).astype(int).to_numpy(), -1)[
        obs["period"].cat.codes.to_numpy()
    ]
    # Plan and indicator as categoricals of one vocabulary on both sides: the merge joins codes.
    plan_t = pd.CategoricalDtype(obs["plan"].cat.categories.union(pd.Index(ind["plan"].unique())))
    id_t = pd.CategoricalDtype(obs["indicator"].cat.categories.union(pd.Index(ind["id"].unique())))
    keys = pd.DataFrame(
        {"plan": ind["plan"].astype(plan_t), "indicator": ind["id"].astype(id_t), "k": ind["k"]}
    )
    obs = obs.astype({"plan": plan_t, "indicator": id_t}).merge(
        keys, on=["plan", "indicator"], how="left"
    )
    if obs["k"].isna().any():
        row = obs[obs["k"].isna()].iloc[0]
        raise InputError(f"{actuals}: no indicator {row['indicator']!r} in plan {row['plan']!r}")
    twice = obs.duplicated(["k", "year"])
    if twice.any():
        row = obs[twice].iloc[0]
        raise InputError(
            f"{actuals}: {row['plan']} {row['indicator']} {row['period']} is given twice"
        )
    obs = obs.sort_values(["k", "year"], kind="stable")
    k = obs["k"].to_numpy(dtype=np.int64)
    year = obs["year"].to_numpy(dtype=float)
    kind_r = ind["kind"].to_numpy()[k]
    ms_r = kind_r == "milestone"

    # --- Per-indicator facts from the plan.
    kind = ind["kind"].to_numpy()
    is_ = {kk: kind == kk for kk in KINDS}
    milestone, monitor, period_total = is_["milestone"], is_["monitor"], is_["period_total"]
    inc = ind["direction"].to_numpy() == "increase"
    ps, pe, _ = fy_span(ind["plan_period"], "plan period")
    ts, te, twin = fy_span(ind["target_period"], "target period")
    _, bp_end, _ = fy_span(ind["base_period"], "baseline period")
    has_tp = ind["target_period"].notna().to_numpy()
    # The target's span of years (evaluate.rs: target_span).
    pt_year = period_total & has_tp & ~twin
    ws = np.where(pt_year, np.where(ps < te, ps, te), np.where(has_tp, ts, ps))
    we = np.where(has_tp, te, pe)
    by = np.where(np.isnan(bp_end), ps - 1, bp_end)  # baseline year, or the year before the plan

    # --- Numbers, exactly: every value as an integer count of 10^-k.
    try:
        num = (
            obs["value"]
            .where(~ms_r)
            .astype("float64[pyarrow]")
            .to_numpy(dtype=float, na_value=np.nan)
        )
    except (ValueError, TypeError) as e:
        raise InputError(f"{actuals}: a value is not a plain number ({e})") from None
    bv_f = pd.to_numeric(ind["base_value"]).to_numpy(dtype=float)
    tv_f = pd.to_numeric(ind["target_value"]).to_numpy(dtype=float)
    places = decimal_places(np.concatenate([num, bv_f, tv_f]))
    unit = 10.0**places
    S = np.rint(num * unit)
    B = np.rint(bv_f * unit)
    T = np.rint(tv_f * unit)

    # --- One pass of groupby: every sum an indicator needs.
    ws_r, we_r, bp_r = ws[k], we[k], bp_end[k]
    numeric = ~ms_r
    upto = year <= t
    win = numeric & (year >= ws_r) & (year <= np.minimum(t, we_r))
    reg = numeric & upto & (year > bp_r)
    x = year - bp_r
    parts = pd.DataFrame(
        {
            "k": k,
            "w_sum": np.where(win, S, 0.0),
            "w_cnt": win.astype(np.int64),
            "r_n": reg.astype(np.int64),
            "r_x": np.where(reg, x, 0.0),
            "r_y": np.where(reg, S, 0.0),
            "r_xx": np.where(reg, x * x, 0.0),
            "r_xy": np.where(reg, x * S, 0.0),
        }
    )
    sums = parts.groupby("k", sort=False).sum().reindex(np.arange(n_ind), fill_value=0)
    # The latest number at or before t, the number of year t (rows are sorted by k, year).
    latest = (
        obs.loc[numeric & upto, ["k"]].assign(v=S[numeric & upto]).drop_duplicates("k", keep="last")
    )
    last_num = np.full(n_ind, np.nan)
    last_num[latest["k"].to_numpy(dtype=np.int64)] = latest["v"].to_numpy()
    this_year = numeric & (year == t)
    at_t = np.full(n_ind, np.nan)
    at_t[k[this_year]] = S[this_year]
    # A milestone's latest state at or before t, and its rank among the indicator's states.
    st = st.merge(ind[["plan", "id", "k"]], on=["plan", "id"])
    ms_obs = obs.loc[ms_r & upto, ["k", "value"]].drop_duplicates("k", keep="last")
    ms_obs = ms_obs.assign(state=ms_obs["value"].str.strip()).merge(
        st[["k", "state", "rank"]], on=["k", "state"], how="left"
    )
    state_rank = np.full(n_ind, np.nan)
    ms_k = ms_obs["k"].to_numpy(dtype=np.int64)
    state_rank[ms_k] = ms_obs["rank"].to_numpy(dtype=float)
    state_seen = np.zeros(n_ind, bool)
    state_seen[ms_k] = True
    state_text = pd.Series(np.full(n_ind, None, dtype=object))
    state_text[ms_k] = ms_obs["state"].to_numpy()
    ranks = st.groupby("k")["rank"]
    n_states = ranks.size().reindex(np.arange(n_ind)).to_numpy(dtype=float)
    rank_of = st.set_index(["k", "state"])["rank"]
    t_rank = pd.MultiIndex.from_arrays([ind["k"], ind["target_text"].str.strip()])
    b_rank = pd.MultiIndex.from_arrays([ind["k"], ind["base_state"].str.strip()])
    tr = rank_of.reindex(t_rank).to_numpy(dtype=float)
    br = rank_of.reindex(b_rank).to_numpy(dtype=float)
    tr = np.where(np.isnan(tr), n_states - 1, tr)
    br = np.where(np.isnan(br), 0.0, br)

    R = {r: np.zeros(n_ind, bool) for r in REASONS}

    # --- Targets.
    has_T = ~np.isnan(T)
    text_target = ~milestone & ~monitor & ~has_T & ind["target_text"].notna().to_numpy()
    untargeted = monitor | (~has_T & ~text_target & ~milestone)
    R["no_target"] |= untargeted

    # --- A(t).
    A = np.full(n_ind, np.nan)
    lvl = is_["level"] | is_["cumulative"] | monitor
    A[lvl] = last_num[lvl]
    A[is_["annual"]] = at_t[is_["annual"]]
    span_known = ~np.isnan(ws)
    R["no_period"] |= period_total & ~span_known
    not_started = period_total & span_known & (t < ws)
    R["window_not_started"] |= not_started
    w_cnt = sums["w_cnt"].to_numpy(dtype=float)
    w_sum = sums["w_sum"].to_numpy(dtype=float)
    summed = period_total & span_known & ~not_started & (w_cnt > 0)
    A[summed] = w_sum[summed]
    R["window_incomplete"] |= summed & (w_cnt < np.minimum(t, we) - ws + 1)
    R["unknown_state"] |= milestone & state_seen & np.isnan(state_rank)
    has_value = ~np.isnan(A) | (milestone & ~np.isnan(state_rank))
    R["no_data"] |= ~has_value & ~R["window_not_started"] & ~R["unknown_state"]

    # --- One numeric scale for the comparisons: a milestone's states by rank.
    a = np.where(milestone, state_rank, A)
    b = np.where(milestone, br, B)
    tv = np.where(milestone, tr, T)
    has_a, has_b, has_t = ~np.isnan(a), ~np.isnan(b), ~np.isnan(tv)

    def better(p, q):  # p strictly better than q in the indicator's direction
        return np.where(inc, p > q, p < q)

    uses_baseline = is_["level"] | is_["cumulative"] | is_["annual"] | milestone
    R["no_baseline"] |= (is_["level"] | is_["cumulative"] | is_["annual"]) & np.isnan(B)
    maintenance = uses_baseline & has_b & has_t & better(b, tv)
    R["maintenance"] |= maintenance
    worse = uses_baseline & has_a & has_b & better(b, a)
    # met: 1, 0, or NaN when it cannot be judged.
    met = np.full(n_ind, np.nan)
    both = ~monitor & has_a & has_t
    cap = period_total & ~inc
    met_num = np.where(cap, (t >= we) & (a <= tv), ~better(tv, a))
    met[both] = met_num[both]
    by_words = ~monitor & has_a & ~has_t & text_target & has_b
    met[by_words] = better(a, b)[by_words]
    R["text_target"] |= text_target
    is_met, not_met = met == 1, met == 0

    # --- Achievement and progress, as fractions num / den with den > 0.
    ach_n = np.where(inc, a, tv)
    ach_d = np.where(inc, tv, a)
    ach_ok = has_a & has_t & (ach_d != 0)
    R["division_by_zero"] |= has_a & has_t & (ach_d == 0)
    sign = np.where(ach_d < 0, -1.0, 1.0)
    ach_n, ach_d = np.where(ach_ok, ach_n * sign, np.nan), np.where(ach_ok, ach_d * sign, np.nan)
    window = period_total
    teb = has_a & has_t & ~maintenance & has_b & ~window & (b == tv)
    R["target_equals_baseline"] |= teb
    from_base = has_a & has_t & ~maintenance & has_b & ~window & (b != tv)
    as_ach = has_a & has_t & ~maintenance & ~(has_b & ~window)
    pr_n = np.select([teb, from_base, as_ach], [np.where(is_met, 1.0, 0.0), a - b, ach_n], np.nan)
    pr_d = np.select([teb, from_base, as_ach], [1.0, tv - b, ach_d], np.nan)
    sign = np.where(pr_d < 0, -1.0, 1.0)
    pr_n, pr_d = pr_n * sign, pr_d * sign

    # --- Expected by t, as done / span.
    ty = we
    pt_len = np.maximum(we - ws + 1, 1)
    ex_n = np.full(n_ind, np.nan)
    ex_d = np.full(n_ind, np.nan)
    c_pt = period_total & span_known
    ex_n[c_pt] = np.clip(t - ws + 1, 0, pt_len)[c_pt]
    ex_d[c_pt] = pt_len[c_pt]
    other = ~monitor & ~period_total & span_known
    R["no_period"] |= (~monitor & ~span_known) | (other & np.isnan(by))
    c_flat = other & ~np.isnan(by) & (ty <= by)
    ex_n[c_flat] = (t >= ty)[c_flat]
    ex_d[c_flat] = 1.0
    c_span = other & ~np.isnan(by) & (ty > by)
    ex_n[c_span] = np.clip(t - by, 0, ty - by)[c_span]
    ex_d[c_span] = (ty - by)[c_span]
    not_due = ex_n == 0

    # --- Pace = progress / expected, one fraction.
    has_pace = ~np.isnan(pr_n) & ~np.isnan(ex_n) & (ex_n != 0)
    pa_n = np.where(has_pace, pr_n * ex_d, np.nan)
    pa_d = np.where(has_pace, pr_d * ex_n, np.nan)

    # --- Grade under the plan's scheme.
    final = ind["grading"].to_numpy() == "final"
    ungraded = untargeted | ~has_value | np.isnan(met)
    early_final = final & (np.isnan(ty) | (t < ty))
    early_pace = ~final & not_due & not_met & ~maintenance
    too_early = ~ungraded & (early_final | early_pace)
    R["not_due"] |= too_early
    no_pace = ~final & ~has_pace & not_met & ~maintenance & ~text_target & ~worse
    graded = ~ungraded & ~too_early & ~no_pace
    exact(20 * pa_n, 19 * pa_d, 5 * ach_n, 4 * ach_d)

    def pace_ge(p, q):  # pace >= p / q, by cross-multiplication (the denominator is > 0)
        return has_pace & (q * pa_n >= p * pa_d)

    def ach_ge(p, q):
        return ach_ok & (q * ach_n >= p * ach_d)

    grade_pace = np.select(
        [is_met, worse, pace_ge(19, 20), pace_ge(1, 2)], ["A", "D", "B", "C"], "D"
    )
    grade_final = np.select([is_met, ach_ge(4, 5), ach_ge(1, 2)], ["A", "B", "C"], "D")
    grade = np.where(graded, np.where(final, grade_final, grade_pace), "—")

    # --- Forecast and required pace (numbers only).
    R["not_numeric"] |= milestone
    fc = np.full(n_ind, np.nan)
    numeric_ind = ~milestone & ~np.isnan(ty)
    c = numeric_ind & period_total & ~np.isnan(A) & (w_cnt > 0)
    remaining = np.maximum(ty - t, 0)
    fc[c] = (w_sum * (w_cnt + remaining) / np.where(c, w_cnt, 1))[c] / unit
    line = numeric_ind & ~period_total
    based = line & ~np.isnan(B) & ~np.isnan(bp_end)
    R["no_baseline"] |= line & ~based
    n = 1 + sums["r_n"].to_numpy(dtype=float)
    sx, sxx = sums["r_x"].to_numpy(dtype=float), sums["r_xx"].to_numpy(dtype=float)
    sy = B + sums["r_y"].to_numpy(dtype=float)
    sxy = sums["r_xy"].to_numpy(dtype=float)
    den = n * sxx - sx * sx
    fits = based & (n >= 2) & (den != 0)
    R["too_few_points"] |= based & ~fits
    at = ty - bp_end
    with np.errstate(invalid="ignore", divide="ignore"):
        line_fc = (sy * den + (n * sxy - sx * sy) * (n * at - sx)) / (n * den * unit)
    fc[fits] = line_fc[fits]
    rp = np.full(n_ind, np.nan)
    asked = ~milestone & ~np.isnan(A) & has_T & ~np.isnan(ty)
    R["target_met"] |= asked & is_met
    R["target_period_passed"] |= asked & ~is_met & (t >= ty)
    c = asked & ~is_met & (t < ty)
    with np.errstate(invalid="ignore", divide="ignore"):
        rp[c] = ((T - A) / ((ty - t) * unit))[c]

    # --- The reasons as text: one bit mask per indicator, one join per distinct mask.
    bits = np.zeros(n_ind, np.int64)
    for i, r in enumerate(REASONS):
        bits |= R[r].astype(np.int64) << i
    masks = np.unique(bits)
    names = {m: ";".join(r for i, r in enumerate(REASONS) if m >> i & 1) for m in masks}
    reasons = pd.Series(bits).map(names)

    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame(
            {
                "plan": ind["plan"],
                "id": ind["id"],
                "name": ind["name"],
                "kind": ind["kind"],
                "unit": ind["unit"],
                "value": np.where(
                    milestone, state_text.where(~np.isnan(state_rank)).to_numpy(), fmt(A / unit)
                ),
                "target": np.where(
                    has_T, fmt(T / unit), ind["target_text"].to_numpy(dtype=object, na_value=None)
                ),
                "achievement": fmt(ach_n / ach_d),
                "progress": fmt(pr_n / pr_d),
                "expected": fmt(ex_n / ex_d),
                "pace": fmt(pa_n / pa_d),
                "grade": grade,
                "forecast": fmt(fc),
                "required_pace": fmt(rp),
                "reasons": reasons,
            },
            dtype=object,
        )
    return out, t_plans


def main() -> int:
    args = arguments(__doc__)
    clock = time.perf_counter()
    try:
        out, plans_read = evaluate(args.plans, args.actuals, args.fy)
    except (InputError, PlanError) as e:
        print(f"evaluate_pandas: {e}", file=sys.stderr)
        return 1
    text = "\ufeff" + out.to_csv(index=False, lineterminator="\r\n", na_rep="")
    data = text.encode("utf-8")
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    print(
        f"evaluate_pandas: {len(out)} indicators; plans read in {plans_read:.2f} s, total "
        f"{time.perf_counter() - clock:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
