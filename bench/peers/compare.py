"""Compares two evaluation CSVs (`shinchoku evaluate --format csv` and a peer's) row by row.

    python3 compare.py OURS.csv PEER.csv [--rtol 1e-9] [--atol 1e-9] [--show 20]

Exit 0 when they agree on every row, 1 with the first differences printed, 2 on a file that
is not such a CSV. Standard library only, so it runs without the peers' virtualenv.

What "agree" means:
- the same form: a UTF-8 BOM, CRLF line ends, the same header;
- the same rows in the same order (plan, id);
- name, kind, unit, grade and reasons equal as text (reasons as the same `;`-joined list);
- `value` and `target` equal as exact decimals (`7.50` = `7.5`), or as text where they are
  words (a milestone's state, `増加を目指す`);
- achievement, progress, expected, pace, forecast and required_pace both empty, or numbers
  with |a - b| <= rtol * max(|a|, |b|) + atol.

Why rtol = 1e-9 and atol = 1e-9 by default: shinchoku prints exact decimals to 28
significant digits; a float peer prints the double nearest its result, and each of those
results is one division of exactly computed integers (pandas) or a few dozen double
operations (DuckDB's regression), so a correct peer is within about 1e-13 relative of
shinchoku. A wrong formula moves a number by far more: a year off in a ten-year span moves a
ratio by 10 %, a rounded intermediate by 1e-2 or 1e-4 at the printed digits. 1e-9 leaves
four orders of magnitude for rounding and none for a mistake. atol covers a forecast that
falls near zero, where a relative bound says nothing (1e-9 of the indicator's own unit).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from decimal import Decimal, InvalidOperation

from contract import HEADER  # beside this script, so on its sys.path

TEXT = ["name", "kind", "unit", "grade", "reasons"]
EXACT = ["value", "target"]
CLOSE = ["achievement", "progress", "expected", "pace", "forecast", "required_pace"]


class FormError(Exception):
    pass


def read(path: str) -> list[list[str]]:
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"\xef\xbb\xbf"):
        raise FormError(f"{path}: no UTF-8 BOM")
    text = data[3:].decode("utf-8")
    if text and not text.endswith("\r\n"):
        raise FormError(f"{path}: the last line does not end in CRLF")
    if text.replace("\r\n", "").count("\n"):
        raise FormError(f"{path}: a line ends in LF alone (CRLF expected)")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != HEADER:
        raise FormError(f"{path}: the header is not {','.join(HEADER)}")
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(HEADER):
            raise FormError(f"{path}: line {i} has {len(r)} fields, not {len(HEADER)}")
    return rows[1:]


def decimal(s: str) -> Decimal | None:
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def differ(col: str, a: str, b: str, rtol: float, atol: float) -> bool:
    if a == b:
        return False
    if col in TEXT:
        return True
    da, db = decimal(a), decimal(b)
    if da is None or db is None:  # words, or one side empty
        return True
    if col in EXACT:
        return da != db
    x, y = float(da), float(db)
    return abs(x - y) > rtol * max(abs(x), abs(y)) + atol


def main() -> int:
    ap = argparse.ArgumentParser(description="Compare two evaluation CSVs row by row.")
    ap.add_argument("ours")
    ap.add_argument("peer")
    ap.add_argument("--rtol", type=float, default=1e-9)
    ap.add_argument("--atol", type=float, default=1e-9)
    ap.add_argument("--show", type=int, default=20, help="how many differences to print")
    args = ap.parse_args()
    try:
        ours, peer = read(args.ours), read(args.peer)
    except (FormError, OSError, UnicodeDecodeError) as e:
        print(f"compare: {e}", file=sys.stderr)
        return 2
    if len(ours) != len(peer):
        print(f"compare: {len(ours)} rows in {args.ours}, {len(peer)} in {args.peer}")
    shown = 0
    by_column: dict[str, int] = {}
    rows_differing = 0
    for n, (o, p) in enumerate(zip(ours, peer, strict=False), start=2):
        if o[:2] != p[:2]:
            print(
                f"line {n}: row {o[0]} {o[1]} in {args.ours}, {p[0]} {p[1]} in {args.peer}"
                " (the rows are not in the same order)"
            )
            return 1
        bad = [
            c
            for i, c in enumerate(HEADER[2:], start=2)
            if differ(c, o[i], p[i], args.rtol, args.atol)
        ]
        if not bad:
            continue
        rows_differing += 1
        for c in bad:
            by_column[c] = by_column.get(c, 0) + 1
            if shown < args.show:
                i = HEADER.index(c)
                print(f"line {n}: {o[0]} {o[1]} ({o[3]}) {c}: ours {o[i]!r}, peer {p[i]!r}")
                shown += 1
    if rows_differing == 0 and len(ours) == len(peer):
        print(
            f"compare: {len(ours)} rows agree ({args.ours} = {args.peer}; "
            f"rtol {args.rtol:g}, atol {args.atol:g})"
        )
        return 0
    summary = ", ".join(f"{c} {k}" for c, k in sorted(by_column.items()))
    print(f"compare: {rows_differing} of {min(len(ours), len(peer))} rows differ ({summary})")
    return 1


if __name__ == "__main__":
    sys.exit(main())
