#!/usr/bin/env bash
# Fills fuzz/corpus/extract/ (gitignored) with the fuzzer's starting corpus: the seed documents
# whole, and cut into pieces of at most 4 KB at line ends, which the fuzzer mutates faster.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract
for doc in ../examples/documents/*.txt; do
    name=$(basename "$doc" .txt)
    cp "$doc" "corpus/extract/$name.txt"
    split -C 4096 -d -a 3 "$doc" "corpus/extract/$name.part-"
done
echo "fuzz/corpus/extract: $(ls corpus/extract | wc -l) files"
