#!/usr/bin/env bash
# Corpus sweep: `secmd check` over every policy in ../shared/corpus, one file at a time,
# so that a crash names its file. Exit codes 0 and 1 are results; 2 is allowed only with
# a clear message on stderr (the corpus holds one deliberately non-UTF-8 file).
# A panic, a signal or a silent exit 2 fails the sweep. Also times one invocation over
# all files, the way an organisation's CI would run it.
set -euo pipefail
bin=${1:?usage: corpus.sh path/to/secmd}
corpus="$(cd "$(dirname "$0")/../.." && pwd)/shared/corpus/files"
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus: skipping the sweep (a user's clone has no ../shared)"
  exit 0
fi
pass=0; fail=0
err=$(mktemp)
for f in "$corpus"/*; do
  set +e
  "$bin" check --today 2026-11-23 --format json "$f" >/dev/null 2>"$err"
  code=$?
  set -e
  if { [ "$code" -eq 0 ] || [ "$code" -eq 1 ]; } && ! grep -q panicked "$err"; then
    pass=$((pass + 1))
  elif [ "$code" -eq 2 ] && [ -s "$err" ] && ! grep -q panicked "$err"; then
    echo "note: $(basename "$f"): $(head -c 200 "$err")"
    pass=$((pass + 1))
  else
    echo "FAIL: $(basename "$f") exited $code: $(head -c 500 "$err")"
    fail=$((fail + 1))
  fi
done
rm -f "$err"
set +e
summary=$("$bin" check --today 2026-11-23 --format json "$corpus"/* 2>/dev/null | python3 -c '
import json, sys, collections
data = json.load(sys.stdin)
counts = collections.Counter(d["code"] for f in data["files"] for d in f.get("diagnostics", []))
print(", ".join(f"{c}={n}" for c, n in sorted(counts.items())))
')
set -e
echo "findings per code over the corpus: $summary"
echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
