#!/usr/bin/env bash
# Builds the extractor's fuzz target and runs it for SECONDS (default 600) on one core.
#
#   fuzz/run.sh 600            # inputs up to 4 KB (fast: most bugs are in small shapes)
#   MAX_LEN=100000 fuzz/run.sh 600   # whole documents
#
# cargo-fuzz asks for nightly Rust (libFuzzer's instrumentation and AddressSanitizer use -Z
# flags); RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them, and the ASan runtime ships
# with rustc for x86_64-unknown-linux-gnu. The target is built once and the binary run
# directly, so edits made while it runs do not trigger a rebuild. Crashes land in
# fuzz/artifacts/extract/; replay one with
# `fuzz/target/x86_64-unknown-linux-gnu/release/extract fuzz/artifacts/extract/crash-…`.
# RELIABILITY.md records the runs.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
./seed-corpus.sh
export RUSTC_BOOTSTRAP=1
cargo fuzz build extract
mkdir -p artifacts/extract
# -timeout: an input taking over 10 s is a hang (a 4 KB piece extracts in milliseconds);
# -rss_limit_mb: memory per input, far above what a document needs.
exec target/x86_64-unknown-linux-gnu/release/extract corpus/extract \
    -artifact_prefix=artifacts/extract/ -max_total_time="$secs" -max_len="${MAX_LEN:-4096}" \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
