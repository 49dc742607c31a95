"""The DuckDB peer of `shinchoku evaluate DIR/plans --actuals DIR/actuals.csv --fy Y --format csv`.

Computes DESIGN.md's metrics (-> Indicators) for every indicator of every plan in the
directory, with the observations of the Actuals CSV, and writes the same CSV as shinchoku
(crates/cli/src/output.rs): a UTF-8 BOM, the header, one CRLF line per indicator in the
order of the plan files (by name) and of their indicators.

The work is SQL, the way a DuckDB user would write it: the plans (read by plans.py) are
registered as a table; the Actuals CSV is read by read_csv and joined to them once; one
GROUP BY with FILTER clauses takes every per-indicator aggregate (the latest value, the
year's value, the window's sum, the least-squares sums, the latest milestone state) in a
single pass; the metrics are CASE expressions over the indicators; COPY writes the CSV.
DuckDB runs all of it on every core.

Exactness. Values are DECIMAL(18, 6), so sums, differences and the cross-products that
decide the grades are exact (20 x pace numerator >= 19 x pace denominator for pace >= 0.95:
DESIGN.md's exact-fraction rule, a pace of exactly 0.5 is C); DuckDB raises an error rather
than overflow a DECIMAL. A value with more than six decimal places or twelve integer digits
is refused. The printed ratios and the forecast are one DOUBLE division of exact DECIMALs;
`value` and `target` print their exact decimal.

Scope: the shapes `shinchoku bench-data` writes (plans.py says which); an Actuals CSV whose
`indicator` is the indicator's id, whose periods are fiscal years (`FY2024`) and whose values
are plain numbers (a milestone's are states), each indicator and year given once (as
shinchoku requires of one file). The reasons `overflow` and `non_positive_values` never
arise (exact DECIMALs, linear forecast only).
"""

from __future__ import annotations

import os
import sys
import time

import duckdb
import numpy as np

from contract import arguments  # beside this script
from plans import PlanError, read_plans  # beside this script, so on its sys.path

NUMBER = r"-?[0-9]{1,12}(\.[0-9]{1,6})?"
PERIOD = r"FY[0-9]{4}(-FY[0-9]{4})?"


class InputError(Exception):
    pass


def sql_text(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def first(con, query: str):
    """The first row of a query, or None."""
    return con.execute(query).fetchone()


def load(con, plans_dir: str, actuals: str) -> float:
    """Registers the plans and reads the actuals into DuckDB; returns the seconds spent
    reading the plan files."""
    clock = time.perf_counter()
    cols, states = read_plans(plans_dir)
    plans_read = time.perf_counter() - clock
    ind = {c: np.array(v, dtype=object) for c, v in cols.items()}
    for c in ("plan_no", "ind_no"):
        ind[c] = np.array(cols[c], dtype=np.int64)
    ind["k"] = np.arange(len(cols["id"]), dtype=np.int64)
    st = {c: np.array(v, dtype=object) for c, v in states.items()}
    st["rank"] = np.array(states["rank"], dtype=np.int64)
    con.register("ind_src", ind)
    con.register("st_src", st)
    del cols, states

    bad = first(
        con,
        f"""
        SELECT plan, id, p FROM (
            SELECT plan, id, unnest([plan_period, target_period, base_period]) AS p FROM ind_src)
        WHERE p IS NOT NULL AND NOT regexp_full_match(p, '{PERIOD}') LIMIT 1""",
    )
    if bad:
        raise InputError(
            f"plan {bad[0]} indicator {bad[1]}: {bad[2]!r} is not a fiscal year or a window of them"
        )
    bad = first(
        con,
        f"""
        SELECT plan, id, v FROM (
            SELECT plan, id, unnest([base_value, target_value]) AS v FROM ind_src)
        WHERE v IS NOT NULL AND NOT regexp_full_match(v, '{NUMBER}') LIMIT 1""",
    )
    if bad:
        raise InputError(f"plan {bad[0]} indicator {bad[1]}: {bad[2]!r} is beyond DECIMAL(18, 6)")
    bad = first(
        con,
        """
        SELECT plan, id, kind FROM ind_src WHERE kind NOT IN
            ('level', 'cumulative', 'period_total', 'annual', 'milestone', 'monitor') LIMIT 1""",
    )
    if bad:
        raise InputError(f"plan {bad[0]} indicator {bad[1]}: unknown kind {bad[2]!r}")

    # The indicators, with their spans of years (evaluate.rs: target_span, base_year).
    con.execute("""
        CREATE TABLE ix AS
        WITH p AS (
            SELECT *,
                CAST(substr(plan_period, 3, 4) AS INTEGER) AS ps,
                CAST(right(plan_period, 4) AS INTEGER) AS pe,
                CAST(substr(target_period, 3, 4) AS INTEGER) AS ts,
                CAST(right(target_period, 4) AS INTEGER) AS te,
                length(target_period) > 6 AS twin,
                CAST(right(base_period, 4) AS INTEGER) AS bp,
                CAST(base_value AS DECIMAL(18, 6)) AS base,
                CAST(target_value AS DECIMAL(18, 6)) AS tgt
            FROM ind_src)
        SELECT *,
            CASE WHEN kind = 'period_total' AND target_period IS NOT NULL AND NOT twin
                     THEN CASE WHEN ps < te THEN ps ELSE te END
                 WHEN target_period IS NOT NULL THEN ts
                 ELSE ps END AS ws,
            coalesce(te, pe) AS we,
            coalesce(bp, ps - 1) AS by_
        FROM p""")

    # The observations, each with its indicator.
    con.execute(f"""
        CREATE TABLE obs AS
        SELECT i.k, i.kind = 'milestone' AS ms, o.plan, o.indicator, o.period, o.value,
               TRY_CAST(substr(o.period, 3) AS INTEGER) AS year
        FROM read_csv({sql_text(actuals)}, header = true, all_varchar = true) o
        LEFT JOIN ix i ON i.plan = o.plan AND i.id = o.indicator""")
    checks = first(
        con,
        f"""
        SELECT count(*) FILTER (WHERE k IS NULL),
               count(*) FILTER (WHERE NOT regexp_full_match(period, 'FY[0-9]{{4}}')),
               count(*) FILTER (WHERE NOT ms AND NOT regexp_full_match(value, '{NUMBER}'))
        FROM obs""",
    )
    if any(checks):
        row = first(
            con,
            f"""
            SELECT plan, indicator, period, value FROM obs
            WHERE k IS NULL OR NOT regexp_full_match(period, 'FY[0-9]{{4}}')
               OR (NOT ms AND NOT regexp_full_match(value, '{NUMBER}')) LIMIT 1""",
        )
        raise InputError(
            f"{actuals}: row {','.join(map(str, row))}: no such indicator, not a "
            "fiscal year (FYnnnn), or not a plain number within DECIMAL(18, 6)"
        )
    dup = first(con, "SELECT k, year FROM obs GROUP BY k, year HAVING count(*) > 1 LIMIT 1")
    if dup:
        row = first(
            con,
            f"SELECT plan, indicator, period FROM obs "
            f"WHERE k = {dup[0]} AND year = {dup[1]} LIMIT 1",
        )
        raise InputError(f"{actuals}: {row[0]} {row[1]} {row[2]} is given twice")
    return plans_read


def evaluate_sql(t: int) -> str:
    """The query: one row per indicator, in the columns of the CSV."""
    return f"""
    WITH agg AS (
        SELECT o.k,
            arg_max(o.num, o.year) FILTER (WHERE NOT o.ms AND o.year <= {t}) AS last_num,
            any_value(o.num) FILTER (WHERE NOT o.ms AND o.year = {t}) AS at_t,
            sum(o.num) FILTER (WHERE o.win) AS w_sum,
            count(*) FILTER (WHERE o.win) AS w_cnt,
            count(*) FILTER (WHERE o.reg) AS r_n,
            sum(o.x) FILTER (WHERE o.reg) AS r_x,
            sum(o.x * o.x) FILTER (WHERE o.reg) AS r_xx,
            sum(o.num) FILTER (WHERE o.reg) AS r_y,
            sum(o.x * o.num) FILTER (WHERE o.reg) AS r_xy,
            arg_max(trim(o.value), o.year) FILTER (WHERE o.ms AND o.year <= {t}) AS last_state
        FROM (
            SELECT o.k, o.ms, o.year, o.value,
                CASE WHEN NOT o.ms THEN CAST(o.value AS DECIMAL(18, 6)) END AS num,
                NOT o.ms AND o.year BETWEEN i.ws AND least({t}, i.we) AS win,
                NOT o.ms AND o.year > i.bp AND o.year <= {t} AS reg,
                o.year - i.bp AS x
            FROM obs o JOIN ix i USING (k)) o
        GROUP BY o.k
    ),
    s AS (
        SELECT i.k, st.state, st.rank FROM st_src st JOIN ix i ON i.plan = st.plan AND i.id = st.id
    ),
    ns AS (SELECT k, count(*) AS n_states FROM s GROUP BY k),
    e0 AS (
        SELECT i.*, g.* EXCLUDE (k),
            sr.rank AS state_rank,
            coalesce(trk.rank, ns.n_states - 1) AS tr,
            coalesce(brk.rank, 0) AS br,
            i.kind = 'milestone' AS ms, i.kind = 'monitor' AS mon, i.kind = 'period_total' AS pt,
            i.direction = 'increase' AS inc, i.grading = 'final' AS final
        FROM ix i
        LEFT JOIN agg g USING (k)
        LEFT JOIN ns USING (k)
        LEFT JOIN s sr ON sr.k = i.k AND sr.state = g.last_state
        LEFT JOIN s trk ON trk.k = i.k AND trk.state = trim(i.target_text)
        LEFT JOIN s brk ON brk.k = i.k AND brk.state = trim(i.base_state)
    ),
    e1 AS (
        SELECT *,
            NOT ms AND NOT mon AND tgt IS NULL AND target_text IS NOT NULL AS text_target,
            CASE WHEN kind IN ('level', 'cumulative', 'monitor') THEN last_num
                 WHEN kind = 'annual' THEN at_t
                 WHEN pt AND ws IS NOT NULL AND {t} >= ws AND w_cnt > 0
                     THEN CAST(w_sum AS DECIMAL(18, 6)) END AS val,
            pt AND ws IS NOT NULL AND {t} < ws AS not_started,
            ms AND last_state IS NOT NULL AND state_rank IS NULL AS unknown_state,
            kind IN ('level', 'cumulative', 'annual') AS compares_base,
            NOT ms AND NOT pt AND we IS NOT NULL AS line
        FROM e0
    ),
    e2 AS (
        SELECT *,
            mon OR (tgt IS NULL AND NOT text_target AND NOT ms) AS untargeted,
            val IS NOT NULL OR (ms AND state_rank IS NOT NULL) AS has_value,
            -- One numeric scale for the comparisons: a milestone's states by rank.
            CASE WHEN ms THEN CAST(state_rank AS DECIMAL(18, 6)) ELSE val END AS ca,
            CASE WHEN ms THEN CAST(br AS DECIMAL(18, 6)) ELSE base END AS cb,
            CASE WHEN ms THEN CAST(tr AS DECIMAL(18, 6)) ELSE tgt END AS ct,
            line AND base IS NOT NULL AND bp IS NOT NULL AS based
        FROM e1
    ),
    e3 AS (
        SELECT *,
            (compares_base OR ms) AND coalesce(CASE WHEN inc THEN cb > ct ELSE cb < ct END, false)
                AS maintenance,
            (compares_base OR ms) AND coalesce(CASE WHEN inc THEN cb > ca ELSE cb < ca END, false)
                AS worse,
            CASE WHEN mon THEN NULL
                 WHEN ca IS NOT NULL AND ct IS NOT NULL THEN
                     CASE WHEN pt AND NOT inc THEN coalesce({t} >= we, false) AND ca <= ct
                          ELSE NOT (CASE WHEN inc THEN ct > ca ELSE ct < ca END) END
                 WHEN ca IS NOT NULL AND text_target THEN
                     CASE WHEN inc THEN ca > cb ELSE ca < cb END
            END AS met,
            ca IS NOT NULL AND ct IS NOT NULL AS has_both,
            CASE WHEN inc THEN ca ELSE ct END AS an0,
            CASE WHEN inc THEN ct ELSE ca END AS ad0
        FROM e2
    ),
    e4 AS (
        SELECT *,
            has_both AND ad0 <> 0 AS ach_ok,
            CASE WHEN has_both AND ad0 <> 0
                THEN CASE WHEN ad0 < 0 THEN -an0 ELSE an0 END END AS ach_n,
            CASE WHEN has_both AND ad0 <> 0 THEN abs(ad0) END AS ach_d,
            has_both AND NOT maintenance AND cb IS NOT NULL AND NOT pt AND cb = ct AS teb,
            has_both AND NOT maintenance AND cb IS NOT NULL AND NOT pt AND cb <> ct AS from_base,
            has_both AND NOT maintenance AND NOT (cb IS NOT NULL AND NOT pt) AS as_ach,
            -- Expected by t, as done / span.
            CASE WHEN mon OR ws IS NULL THEN NULL
                 WHEN pt THEN least(greatest({t} - ws + 1, 0), greatest(we - ws + 1, 1))
                 WHEN by_ IS NULL THEN NULL
                 WHEN we <= by_ THEN CASE WHEN {t} >= we THEN 1 ELSE 0 END
                 ELSE least(greatest({t} - by_, 0), we - by_) END AS ex_n,
            CASE WHEN mon OR ws IS NULL THEN NULL
                 WHEN pt THEN greatest(we - ws + 1, 1)
                 WHEN by_ IS NULL THEN NULL
                 WHEN we <= by_ THEN 1
                 ELSE we - by_ END AS ex_d
        FROM e3
    ),
    e5 AS (
        SELECT *,
            CASE WHEN teb THEN CASE WHEN met THEN 1 ELSE 0 END
                 WHEN from_base THEN CASE WHEN ct - cb < 0 THEN cb - ca ELSE ca - cb END
                 WHEN as_ach THEN ach_n END AS pr_n,
            CASE WHEN teb THEN 1
                 WHEN from_base THEN abs(ct - cb)
                 WHEN as_ach THEN ach_d END AS pr_d
        FROM e4
    ),
    e6 AS (
        SELECT *,
            pr_n IS NOT NULL AND ex_n IS NOT NULL AND ex_n <> 0 AS has_pace,
            pr_n * ex_d AS pa_n,
            pr_d * ex_n AS pa_d,
            NOT (untargeted OR NOT has_value OR met IS NULL) AS gradable
        FROM e5
    ),
    e7 AS (
        SELECT *,
            gradable AND ((final AND (we IS NULL OR {t} < we))
                          OR (NOT final AND ex_n = 0 AND NOT met AND NOT maintenance)) AS too_early
        FROM e6
    ),
    e8 AS (
        SELECT *,
            CASE WHEN NOT gradable OR too_early THEN '—'
                 WHEN NOT final AND NOT has_pace AND NOT met AND NOT maintenance
                      AND NOT text_target AND NOT worse THEN '—'
                 WHEN met THEN 'A'
                 WHEN final THEN CASE WHEN ach_ok AND 5 * ach_n >= 4 * ach_d THEN 'B'
                                      WHEN ach_ok AND 2 * ach_n >= ach_d THEN 'C'
                                      ELSE 'D' END
                 WHEN worse THEN 'D'
                 WHEN has_pace AND 20 * pa_n >= 19 * pa_d THEN 'B'
                 WHEN has_pace AND 2 * pa_n >= pa_d THEN 'C'
                 ELSE 'D' END AS grade,
            1 + coalesce(r_n, 0) AS n,
            coalesce(r_x, 0) AS sx,
            coalesce(r_xx, 0) AS sxx,
            base + coalesce(r_y, 0) AS sy,
            coalesce(r_xy, 0) AS sxy,
            we - bp AS at_x,
            NOT ms AND val IS NOT NULL AND tgt IS NOT NULL AND we IS NOT NULL AS asked
        FROM e7
    ),
    e9 AS (
        SELECT *,
            n * sxx - sx * sx AS den
        FROM e8
    ),
    e10 AS (
        SELECT *,
            based AND n >= 2 AND den <> 0 AS fits,
            CASE WHEN ms OR we IS NULL THEN NULL
                 WHEN pt THEN CASE WHEN val IS NOT NULL AND w_cnt > 0
                     THEN w_sum * (w_cnt + greatest(we - {t}, 0)) / w_cnt END
                 WHEN based AND n >= 2 AND den <> 0
                     THEN (sy * den + (n * sxy - sx * sy) * (n * at_x - sx)) / (n * den)
            END AS forecast,
            CASE WHEN asked AND NOT met AND {t} < we
                THEN (tgt - val) / (we - {t}) END AS required_pace
        FROM e9
    )
    SELECT
        plan AS "\ufeffplan", id, name, kind, NULLIF(unit, '') AS unit,
        CASE WHEN ms THEN CASE WHEN state_rank IS NOT NULL THEN last_state END
             ELSE dec_txt(val) END AS value,
        CASE WHEN tgt IS NOT NULL THEN dec_txt(tgt) ELSE NULLIF(target_text, '') END AS target,
        num_txt(ach_n / ach_d) AS achievement,
        num_txt(pr_n / pr_d) AS progress,
        num_txt(ex_n / ex_d) AS expected,
        num_txt(CASE WHEN has_pace THEN pa_n / pa_d END) AS pace,
        grade,
        num_txt(forecast) AS forecast,
        num_txt(required_pace) AS required_pace,
        NULLIF(concat_ws(';',
            CASE WHEN NOT has_value AND NOT not_started AND NOT unknown_state THEN 'no_data' END,
            CASE WHEN (compares_base AND base IS NULL) OR (line AND NOT based)
                THEN 'no_baseline' END,
            CASE WHEN untargeted THEN 'no_target' END,
            CASE WHEN NOT mon AND (ws IS NULL OR (NOT pt AND by_ IS NULL)) THEN 'no_period' END,
            CASE WHEN not_started THEN 'window_not_started' END,
            CASE WHEN pt AND val IS NOT NULL AND w_cnt < least({t}, we) - ws + 1
                THEN 'window_incomplete' END,
            CASE WHEN too_early THEN 'not_due' END,
            CASE WHEN teb THEN 'target_equals_baseline' END,
            CASE WHEN maintenance THEN 'maintenance' END,
            CASE WHEN text_target THEN 'text_target' END,
            CASE WHEN based AND NOT fits THEN 'too_few_points' END,
            CASE WHEN asked AND met THEN 'target_met' END,
            CASE WHEN asked AND NOT met AND {t} >= we THEN 'target_period_passed' END,
            CASE WHEN has_both AND ad0 = 0 THEN 'division_by_zero' END,
            CASE WHEN unknown_state THEN 'unknown_state' END,
            CASE WHEN ms THEN 'not_numeric' END), '') AS reasons
    FROM e10
    ORDER BY k
    """


MACROS = """
    -- A DECIMAL as shinchoku prints it: no trailing zeros, no trailing point.
    CREATE MACRO dec_txt(d) AS
        CASE WHEN CAST(d AS VARCHAR) LIKE '%.%'
             THEN rtrim(rtrim(CAST(d AS VARCHAR), '0'), '.') ELSE CAST(d AS VARCHAR) END;
    -- A DOUBLE likewise: shortest round-trip digits, no `.0` on an integer, no exponent.
    CREATE MACRO num_txt(x) AS
        CASE WHEN x IS NULL THEN NULL
             WHEN x = trunc(x) AND abs(x) < 1e38 THEN CAST(CAST(x AS HUGEINT) AS VARCHAR)
             WHEN abs(x) < 1e-4 THEN dec_txt(CAST(CAST(x AS VARCHAR) AS DECIMAL(38, 30)))
             ELSE CAST(x AS VARCHAR) END;
"""


def main() -> int:
    args = arguments(__doc__)
    clock = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET threads = {os.cpu_count() or 1}")
    try:
        plans_read = load(con, args.plans, args.actuals)
    except (InputError, PlanError) as e:
        print(f"evaluate_duckdb: {e}", file=sys.stderr)
        return 1
    con.execute(MACROS)
    target = args.out or "/dev/stdout"
    sys.stdout.flush()
    con.execute(
        f"COPY ({evaluate_sql(args.fy)}) TO {sql_text(target)} "
        "(FORMAT csv, HEADER true, DELIMITER ',', NEW_LINE '\r\n')"
    )
    print(
        f"evaluate_duckdb: plans read in {plans_read:.2f} s, total "
        f"{time.perf_counter() - clock:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
