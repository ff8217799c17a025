#!/usr/bin/env bash
# Fuzzing for CI: installs the nightly toolchain and cargo-fuzz if missing,
# builds the targets in fuzz/ and runs each for a bounded time (FUZZ_SECONDS,
# default 60) from its committed seed corpus. New inputs go to a scratch
# folder, never into the repository. Any crash, panic, leak or input slower
# than FUZZ_TIMEOUT seconds (default 10: a hang) fails the run and leaves
# the input in fuzz/artifacts/TARGET/ to turn into a regression test.
#
#   .ci/fuzz.sh                     # every target, 60 s each
#   FUZZ_SECONDS=600 .ci/fuzz.sh sync
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-60}"
timeout="${FUZZ_TIMEOUT:-10}"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
cargo +nightly fuzz build -O
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t" "artifacts/$t"
  echo "fuzz: $t for ${seconds}s"
  # Seeds are read from corpus/$t; what the fuzzer finds goes to $scratch.
  status=0
  cargo +nightly fuzz run -O "$t" "$scratch/$t" "corpus/$t" -- \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 >"$scratch/$t.log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)' "$scratch/$t.log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$scratch/$t.log"
    echo "fuzz: $t failed (status $status); inputs in fuzz/artifacts/$t/"
    exit 1
  fi
done
