#!/usr/bin/env bash
# Prints every HTML fixture of the corpus that reads exactly, as itself and as PDF, once more in
# each of a few page styles, and scores the PDFs: how far the PDF reader holds when the same
# table is printed another way.
#
#   crates/import/tests/print-variants.sh                 # all variants, about 5 minutes
#   VARIANTS="norule narrow" crates/import/tests/print-variants.sh
#
# Each variant adds one CSS rule to the page (small or large type, a landscape page, a narrow
# page that wraps the cells, no borders at all), copies the fixture with its key into the
# corpus folder under the name `zz-VARIANT-STEM`, runs the corpus test's PDF printer
# (tests/forms.rs, chromium) once for all of them, and takes the copies out again (also when
# interrupted). It prints, per variant, the fixtures read exactly and the keyed rows read
# exactly, then each fixture that lost rows. Needs chromium, fonts-noto-cjk and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/../../.."
FORMS=crates/import/tests/forms
declare -A CSS=(
    [small]='body, table { font-size: 8pt !important; }'
    [big]='body, table { font-size: 13pt !important; }'
    [landscape]='@page { size: A4 landscape; }'
    [narrow]='body { width: 55% !important; }'
    [norule]='table, td, th, tr { border: none !important; }'
)
VARIANTS="${VARIANTS:-small big landscape narrow norule}"
ADDED=()
cleanup() {
    if [ ${#ADDED[@]} -gt 0 ]; then rm -f "${ADDED[@]}"; fi
}
trap cleanup EXIT
skip="$(grep -hv '^#' "$FORMS/PENDING" "$FORMS/PENDING-PDF" || true)"
for v in $VARIANTS; do
    css="${CSS[$v]:?unknown variant $v (small big landscape narrow norule)}"
    for h in "$FORMS"/[0-9]*.html; do
        s="$(basename "$h" .html)"
        if grep -qxF "$s" <<<"$skip"; then continue; fi
        n="zz-$v-$s"
        python3 - "$h" "$FORMS/$n.html" "$css" <<'PY'
import re, sys
src, dst, css = sys.argv[1:]
text = open(src, encoding="utf-8").read()
style = "<style>" + css + "</style>"
if re.search(r"</head>", text, re.I):
    text = re.sub(r"</head>", style + "</head>", text, count=1, flags=re.I)
else:
    text = style + text
open(dst, "w", encoding="utf-8").write(text)
PY
        cp "$FORMS/$s.key.json" "$FORMS/$n.key.json"
        ADDED+=("$FORMS/$n.html" "$FORMS/$n.key.json")
    done
done
# The copies are on no PENDING list, so the test fails on those that lose rows: only its table
# of `NAME.pdf  exact / keyed` lines is read.
OUT="$(cargo test -q -p shinchoku-import --test forms html_fixtures_printed_to_pdf -- --nocapture 2>&1 || true)"
LINES="$(printf '%s\n' "$OUT" | grep -E '^zz-[a-z]+-.*\.pdf +[0-9]+ / [0-9]+' || true)"
if [ -z "$LINES" ]; then
    echo "print-variants.sh: the PDF test printed nothing (is chromium installed?)" >&2
    exit 1
fi
printf '%s\n' "$LINES" | awk '
    { name = $1; sub(/^zz-/, "", name); v = name; sub(/-.*/, "", v)
      n[v]++; e[v] += $2; k[v] += $4; if ($2 == $4) x[v]++
      else lost[v] = lost[v] " " substr(name, length(v) + 2, 3) }
    END { for (v in n) printf "%-10s %3d of %3d fixtures exact, %4d of %4d rows; lost rows:%s\n",
          v, x[v], n[v], e[v], k[v], lost[v] }' | sort
