#!/usr/bin/env bash
# Benchmark smoke test for CI: builds the harness (virtualenv with rumdl from
# PyPI, the ts-floor binary), then runs every server, CLI and memory benchmark
# once on small documents against the given secmd binary. Exits non-zero if any
# benchmark fails (a server that stalls, crashes or never publishes
# diagnostics; a CLI that exits other than 0 or 1), and the shape benchmark
# (bench/shapes.py --smoke: every shape at 10 KB, 3 edits, each wait bounded)
# fails if secmd misses a bound on any shape. Timings are not judged.
#
#   .ci/bench-smoke.sh target/release/secmd
#
# Set BENCH_SMOKE_ENGINE=1 to also compile the criterion engine benchmarks and
# run each once (`cargo bench ... -- --test`): about 1.5 extra minutes of
# compiling from a cold target/ on 2 cores.
set -euo pipefail
secmd="${1:?usage: .ci/bench-smoke.sh PATH/TO/secmd}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secmd="$(cd "$(dirname "$secmd")" && pwd)/$(basename "$secmd")"
args=(--smoke --secmd "$secmd")
if [ "${BENCH_SMOKE_ENGINE:-0}" = 1 ]; then args+=(--engine); fi
echo "bench-smoke: the harness's unit tests"
(cd "$repo/bench" && python3 -m unittest discover -s . -q)
echo "bench-smoke: $repo/bench/run ${args[*]}"
"$repo/bench/run" "${args[@]}"
echo "bench-smoke: ok"
