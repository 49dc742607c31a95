#!/usr/bin/env bash
# Builds the fuzz targets and runs them one after the other, on one core, for SECONDS in all
# (default 600), split evenly between the targets run (rounded down, at least 1 s each):
#
#   fuzz/run.sh 700                  # all seven targets, 100 s each; inputs up to 4 KB
#   fuzz/run.sh 600 actuals          # the Actuals CSV reader alone, 600 s
#   fuzz/run.sh 600 extract          # the extractor alone, 600 s (what `fuzz/run.sh 600` was
#                                    # before the actuals target)
#   MAX_LEN=100000 fuzz/run.sh 600   # whole documents
#
# Targets: `extract` (fuzz_targets/extract.rs, the document extractor), `actuals`
# (fuzz_targets/actuals.rs, the streaming Actuals CSV reader), and the readers of the other
# forms: `html`, `xlsx`, `docx` and `pdf` (what is ours of the PDF path: form detection and
# pdftotext's output handling); and `planfile` (fuzz_targets/planfile.rs: the plan file reader,
# whose fast path for the canonical form must give the TOML reader's answer); with none named,
# all seven, in that order. So `.ci/run`'s
# `fuzz/run.sh 60` fuzzes each for 8 s, and the ten-minute runs of the new readers are
#
#   fuzz/run.sh 2400 html xlsx docx pdf   # 600 s each Every target named is run even
# when one before it finds a crash; the script fails if any did.
#
# cargo-fuzz asks for nightly Rust (libFuzzer's instrumentation and AddressSanitizer use -Z
# flags); RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them, and the ASan runtime ships
# with rustc for x86_64-unknown-linux-gnu. The targets are built once and the binaries run
# directly, so edits made while they run do not trigger a rebuild. Each target has its corpus
# in fuzz/corpus/TARGET/ (seeded by seed-corpus.sh) and its crashes land in
# fuzz/artifacts/TARGET/; replay one with
# `fuzz/target/x86_64-unknown-linux-gnu/release/TARGET fuzz/artifacts/TARGET/crash-…`.
# RELIABILITY.md records the runs.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
[[ "$secs" =~ ^[0-9]+$ ]] || { echo "usage: fuzz/run.sh [SECONDS] [TARGET...]" >&2; exit 2; }
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract actuals html xlsx docx pdf planfile)
for t in "${targets[@]}"; do
    [ -f "fuzz_targets/$t.rs" ] || { echo "fuzz/run.sh: no target $t (fuzz_targets/$t.rs)" >&2; exit 2; }
done
each=$((secs / ${#targets[@]}))
[ "$each" -ge 1 ] || each=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
./seed-corpus.sh
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
    cargo fuzz build "$t"
done
failed=()
for t in "${targets[@]}"; do
    echo "== fuzz/run.sh: $t for $each s =="
    mkdir -p "artifacts/$t"
    # -timeout: an input taking over 10 s is a hang (a 4 KB piece extracts, and a 4 KB CSV
    # reads, in milliseconds); -rss_limit_mb: memory per input, far above what either needs.
    target/x86_64-unknown-linux-gnu/release/"$t" "corpus/$t" \
        -artifact_prefix="artifacts/$t/" -max_total_time="$each" -max_len="${MAX_LEN:-4096}" \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz/run.sh: crash or error in: ${failed[*]} (see fuzz/artifacts/)" >&2
    exit 1
fi
