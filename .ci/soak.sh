#!/usr/bin/env bash
# Short soak for CI: one `secmd lsp` in paranoid mode: 100 open documents and
# 5,000 random edits, once in UTF-16 and once in UTF-8 columns, then 10
# documents and 16,000 edits; each fails on any desync, logged paranoid mismatch, crash,
# live-heap growth over 10 % in the last quarter (30 % over the second half)
# or resident-memory growth over 25 % in the second half of the run (soak.py's
# default warm-up: memory climbs while caches and trees settle, so an earlier
# reference point reports growth that is not a leak; docs/ROBUSTNESS.md has
# the curves).
# The full run (100 documents, 100,000 edits) is documented in bench/README.md.
#
#   .ci/soak.sh target/release/secmd
set -euo pipefail
secmd="${1:?usage: .ci/soak.sh PATH/TO/secmd}"
cd "$(dirname "$0")/.."
python3 tests/soak/soak.py --secmd "$secmd" --docs 100 --edits 5000 --encoding utf-16
# The same shape in UTF-8 columns.
python3 tests/soak/soak.py --secmd "$secmd" --docs 100 --edits 5000 --encoding utf-8 --seed 14
# Few documents, many edits each: the case where resident memory used to keep
# growing (glibc kept the pages of transient parses; docs/ROBUSTNESS.md, "Memory").
python3 tests/soak/soak.py --secmd "$secmd" --docs 10 --edits 16000 --encoding utf-8 --seed 14
