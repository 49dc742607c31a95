"""What every evaluator of the benchmark shares (README.md): the command line of
`shinchoku evaluate DIR --actuals CSV --fy YEAR --format csv` and the header of the CSV it
writes. Standard library only, so that compare.py runs without the peers' virtualenv.
"""

from __future__ import annotations

import argparse

HEADER = [
    "plan",
    "id",
    "name",
    "kind",
    "unit",
    "value",
    "target",
    "achievement",
    "progress",
    "expected",
    "pace",
    "grade",
    "forecast",
    "required_pace",
    "reasons",
]


def arguments(doc: str) -> argparse.Namespace:
    """The evaluator's command line, as shinchoku's: plans, --actuals, --fy, -o."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("plans", help="directory of plan files (*.toml)")
    ap.add_argument("--actuals", required=True, help="the Actuals CSV")
    ap.add_argument("--fy", type=int, required=True, help="the fiscal year to evaluate")
    ap.add_argument("--format", choices=["csv"], default="csv")
    ap.add_argument("-o", "--out", help="write here instead of standard output")
    return ap.parse_args()
