"""Reads shinchoku plan files (DESIGN.md -> Plan file) into flat columns for the peers.

Both peers (evaluate_pandas.py, evaluate_duckdb.py) start here, and the time spent here
counts as theirs: reading the plans is work every evaluator of the benchmark must do.
The files are parsed with Python's own TOML reader (tomllib, Python 3.11+), spread over
the machine's cores by a process pool, because 1,788 plan files are tens of megabytes of
TOML and tomllib is pure Python.

What comes out is deliberately raw: one row per indicator with the fields as written
(numbers as their decimal text, periods as their canonical text), and one row per
milestone state with its rank. Every decision about what the fields mean (target spans,
baseline years, the metrics) is left to the peer's own tool.

Supported: what `shinchoku bench-data` writes, and plan files like it: fiscal-year periods
(`FY2024`, `FY2015-FY2024`), the built-in grading schemes `pace` and `final`, milestone
states of the indicator or the default ones. Anything else (a custom grading table, a
calendar-year period, observations inline in the plan file) is refused with a message
naming the file, never evaluated wrongly.
"""

from __future__ import annotations

import os
import tomllib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# crates/core/src/indicator.rs: DEFAULT_MILESTONE_STATES.
DEFAULT_MILESTONE_STATES = ["未着手", "検討中", "実施中", "実現"]

INDICATOR_COLUMNS = [
    "plan",
    "plan_no",
    "ind_no",
    "id",
    "name",
    "unit",
    "kind",
    "direction",
    "plan_period",
    "grading",
    "base_value",
    "base_period",
    "base_state",
    "target_value",
    "target_period",
    "target_text",
]
STATE_COLUMNS = ["plan", "id", "state", "rank"]


class PlanError(Exception):
    """A plan file the peers cannot evaluate as shinchoku would."""


def _number(x, where: str):
    """A number as its exact decimal text (tomllib hands floats over as text: parse_float=str)."""
    if x is None:
        return None
    if isinstance(x, bool):
        raise PlanError(f"{where}: a boolean is not a number")
    if isinstance(x, (int, str)):
        return str(x)
    raise PlanError(f"{where}: not a number: {x!r}")


def _read_one(args):
    plan_no, path = args
    text = Path(path).read_text(encoding="utf-8")
    doc = tomllib.loads(text, parse_float=str)
    plan = doc.get("plan", {})
    code = plan.get("code")
    if not code:
        raise PlanError(f"{path}: [plan] has no code")
    grading = plan.get("grading", "pace")
    if grading not in ("pace", "final"):
        raise PlanError(f"{path}: only the built-in grading schemes pace and final are supported")
    plan_period = plan.get("period")
    cols = {c: [] for c in INDICATOR_COLUMNS}
    states = {c: [] for c in STATE_COLUMNS}
    for ind_no, ind in enumerate(doc.get("indicators", [])):
        iid = ind["id"]
        where = f"{path}: indicators[{iid}]"
        if "observations" in ind or "observation_details" in ind:
            raise PlanError(f"{where}: observations inline in a plan file are not supported")
        base = ind.get("baseline") or {}
        target = ind.get("target") or {}
        kind = ind["kind"]
        row = (
            code,
            plan_no,
            ind_no,
            iid,
            ind["name"],
            ind.get("unit", ""),
            kind,
            ind.get("direction", "increase"),
            plan_period,
            grading,
            _number(base.get("value"), where),
            base.get("period"),
            base.get("state"),
            _number(target.get("value"), where),
            target.get("period"),
            target.get("text"),
        )
        for c, v in zip(INDICATOR_COLUMNS, row, strict=True):
            cols[c].append(v)
        if kind == "milestone":
            for rank, s in enumerate(ind.get("states") or DEFAULT_MILESTONE_STATES):
                states["plan"].append(code)
                states["id"].append(iid)
                states["state"].append(s)
                states["rank"].append(rank)
    return cols, states


def plan_files(plans_dir: str | os.PathLike) -> list[Path]:
    """The `.toml` files of a directory in name order, as `shinchoku evaluate DIR` takes them."""
    files = sorted(p for p in Path(plans_dir).iterdir() if p.suffix == ".toml" and p.is_file())
    if not files:
        raise PlanError(f"{plans_dir}: no plan files (*.toml) in this directory")
    return files


def read_plans(plans_dir: str | os.PathLike, workers: int | None = None):
    """(indicator columns, milestone state columns): dicts of equal-length lists, in the
    order of the files (by name) and of the indicators within each."""
    files = plan_files(plans_dir)
    workers = workers or os.cpu_count() or 1
    jobs = [(i, str(p)) for i, p in enumerate(files)]
    if workers == 1 or len(files) < 8:
        parts = map(_read_one, jobs)
        return _concat(list(parts))
    # A few hundred files per task: the pool's own cost stays small beside the parsing.
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return _concat(list(pool.map(_read_one, jobs, chunksize=chunk)))


def _concat(parts):
    cols = {c: [] for c in INDICATOR_COLUMNS}
    states = {c: [] for c in STATE_COLUMNS}
    for c_part, s_part in parts:
        for c in INDICATOR_COLUMNS:
            cols[c].extend(c_part[c])
        for c in STATE_COLUMNS:
            states[c].extend(s_part[c])
    return cols, states
