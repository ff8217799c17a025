#!/usr/bin/env bash
# Tests action.yml by running its steps (tests/action/run_action.py) with a
# GitHub runner's environment on fixture repositories, offline: the release
# archive is served from a local folder through the `release-base-url` input
# (file://), laid out as on GitHub (v<version>/secmd-<version>-<target>.tar.gz
# and .sha256).
#
#   bash tests/action/test-action.sh target/dist
#
# target/dist holds secmd-<version>-x86_64-unknown-linux-musl.tar.gz(.sha256)
# from dist/release.sh. Prints "ok - ..." / "not ok - ..." and
# "N passed, M failed". Needs python3 with PyYAML (pip install pyyaml).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIST=$(cd "${1:?usage: test-action.sh DIR-WITH-RELEASE-ARCHIVE}" && pwd)
FIX=$ROOT/tests/dist/fixtures
WORK=$(mktemp -d /tmp/secmd-action.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

pass=0 fail=0
ok() { echo "ok - action: $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - action: $1"; [[ -n ${2:-} ]] && sed 's/^/    /' <<<"$2"; fail=$((fail + 1)); }
expect() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-$log}"; fi; }

PY=$(python3 -c "import sys, yaml; print(sys.executable)") || { not_ok "python3 with PyYAML (pip install pyyaml)"; echo "$pass passed, $fail failed"; exit 1; }
archive=$(cd "$DIST" && ls secmd-*-x86_64-unknown-linux-musl.tar.gz 2>/dev/null | head -1 || true)
[[ -n $archive ]] || { not_ok "release archive in $DIST"; echo "$pass passed, $fail failed"; exit 1; }
version=${archive#secmd-}
version=${version%-x86_64-unknown-linux-musl.tar.gz}
action_version=$(python3 -c 'import sys,yaml; print(yaml.safe_load(open(sys.argv[1]))["inputs"]["version"]["default"])' "$ROOT/action.yml")
expect "action.yml's default version ($action_version) is the release's ($version)" '[[ $action_version == "$version" ]]' ""

releases=$WORK/releases
mkdir -p "$releases/v$version"
cp "$DIST/$archive" "$DIST/$archive.sha256" "$releases/v$version/"
BASE=file://$releases

# make_repo NAME FILE:PATH... -> a git repository with those policies.
make_repo() {
  local dir=$WORK/repos/$1 spec
  shift
  mkdir -p "$dir"
  git -C "$dir" init -q
  for spec in "$@"; do
    mkdir -p "$(dirname "$dir/${spec#*:}")"
    cp "$FIX/${spec%%:*}.md" "$dir/${spec#*:}"
  done
  echo "$dir"
}

# run_action REPO [ENV=VALUE ...] -- [INPUT=VALUE ...]: runs the action in
# REPO as a runner would; sets rc, log, result (JSON file), temp.
run_action() {
  local repo=$1 envs=()
  shift
  while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
  [[ ${1:-} == -- ]] && shift
  temp=$(mktemp -d "$WORK/runner-temp.XXXXXX")
  : >"$temp/github_path"
  : >"$temp/github_env"
  result=$temp/result.json
  rc=0
  log=$(env -i HOME="$HOME" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    CI=true GITHUB_ACTIONS=true GITHUB_WORKSPACE="$repo" GITHUB_REPOSITORY=secmd-fixture/widget \
    GITHUB_SHA=0000000000000000000000000000000000000000 GITHUB_REF=refs/heads/main GITHUB_EVENT_NAME=push \
    GITHUB_ACTION=secmd GITHUB_PATH="$temp/github_path" GITHUB_ENV="$temp/github_env" \
    GITHUB_STEP_SUMMARY="$temp/summary.md" RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$temp" \
    RUNNER_TOOL_CACHE="$temp/tool-cache" SECMD_TODAY=2026-11-23 "${envs[@]}" \
    "$PY" "$ROOT/tests/action/run_action.py" "$ROOT" "$result" "release-base-url=$BASE" "$@" 2>&1) || rc=$?
}
json() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$result" "$1"; }
sarif() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# 1. A bad policy: the binary is installed from the archive, the check fails
#    the job with annotations, and the SARIF log has the findings.
repo=$(make_repo bad bad:SECURITY.md)
run_action "$repo"
expect "bad policy: the action fails with secmd's status 1" '[[ $rc == 1 && $(json "r[\"outputs\"][\"exit-code\"]") == 1 ]]'
expect "install step: binary from the archive in RUNNER_TEMP, on GITHUB_PATH" \
  '[[ $(json "r[\"outputs\"][\"secmd-path\"]") == "$temp/secmd-download/secmd-$version-x86_64-unknown-linux-musl/secmd" && $(cat "$temp/github_path") == "$temp/secmd-download/secmd-$version-x86_64-unknown-linux-musl" ]]'
expect "install step logs the version it installed" 'grep -qx "Installed secmd $version at $temp/secmd-download/secmd-$version-x86_64-unknown-linux-musl/secmd" <<<"$log"'
expect "bad policy: workflow annotations for both findings" \
  'grep -qx "::error file=SECURITY.md,line=14,col=53,endLine=14,endColumn=67,title=placeholder::template placeholder \`\[INSERT EMAIL\]\` left in the policy; replace it with the real value" <<<"$log" &&
   grep -q "^::error file=SECURITY.md,line=12,col=1,endLine=12,endColumn=29,title=missing-contact::" <<<"$log"'
expect "bad policy: SARIF written to secmd.sarif with both results" \
  '[[ $(json "r[\"outputs\"][\"sarif-file\"]") == secmd.sarif &&
     $(sarif "$repo/secmd.sarif" "sorted((x[\"ruleId\"], x[\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"], x[\"locations\"][0][\"physicalLocation\"][\"region\"][\"startLine\"]) for x in r[\"runs\"][0][\"results\"])") == "[('"'"'missing-contact'"'"', '"'"'SECURITY.md'"'"', 12), ('"'"'placeholder'"'"', '"'"'SECURITY.md'"'"', 14)]" ]]' \
  "$log
$(cat "$repo/secmd.sarif" 2>&1 | head -40)"

# 2. A good policy passes, with an empty SARIF run.
repo=$(make_repo good good:SECURITY.md)
run_action "$repo"
expect "good policy: the action passes, exit-code 0" '[[ $rc == 0 && $(json "r[\"outputs\"][\"exit-code\"]") == 0 ]]'
expect "good policy: SARIF has no results" '[[ $(sarif "$repo/secmd.sarif" "len(r[\"runs\"][0][\"results\"])") == 0 ]]'

# 3. fail-on: a warning passes by default and fails with fail-on: warning.
repo=$(make_repo warn warn:SECURITY.md)
run_action "$repo"
expect "warning only, fail-on error (default): passes with a warning annotation" \
  '[[ $rc == 0 ]] && grep -q "^::warning file=SECURITY.md,line=15,col=19,endLine=15,endColumn=51,title=insecure-link::" <<<"$log"'
run_action "$repo" -- fail-on=warning
expect "warning only, fail-on: warning: fails with exit-code 1" '[[ $rc == 1 && $(json "r[\"outputs\"][\"exit-code\"]") == 1 ]]'

# 4. format, args and sarif-file inputs.
repo=$(make_repo json bad:SECURITY.md)
run_action "$repo" -- format=json sarif-file=reports/secmd.sarif
expect "format: json prints secmd's JSON report" \
  'sed -n "/^::group::step check$/,/^::endgroup::$/p" <<<"$log" | sed "1d;\$d" | python3 -c "import json,sys; d=json.load(sys.stdin); print(sorted(x[\"code\"] for x in d[\"files\"][0][\"diagnostics\"]))" | grep -qx "\[.missing-contact., .placeholder.\]"'
expect "sarif-file: reports/secmd.sarif (folder created)" '[[ -s $repo/reports/secmd.sarif && $(json "r[\"outputs\"][\"sarif-file\"]") == reports/secmd.sarif ]]'
run_action "$repo" -- "args=--ignore placeholder,missing-contact" sarif-file=
expect "args: --ignore both codes passes; sarif-file empty writes none" \
  '[[ $rc == 0 && $(json "r[\"outputs\"][\"sarif-file\"]") == "" && ! -e $repo/secmd.sarif ]]'

# 5. paths and recursive: policies outside ., .github/ and docs/.
repo=$(make_repo mono good:SECURITY.md bad:packages/api/SECURITY.md)
run_action "$repo"
expect "paths: . (default) checks only the top-level policy" '[[ $rc == 0 ]]'
run_action "$repo" -- recursive=true
expect "recursive: true finds packages/api/SECURITY.md" \
  '[[ $rc == 1 ]] && grep -q "^::error file=packages/api/SECURITY.md,line=14,col=53," <<<"$log"'
run_action "$repo" -- "paths=SECURITY.md
packages/api"
expect "paths: two lines, a file and a folder" \
  '[[ $rc == 1 ]] && grep -q "^::error file=packages/api/SECURITY.md,line=14," <<<"$log" && grep -qx "2 errors, 2 warnings in 2 files" <<<"$log"'

# 6. Install failures are clear errors.
bad_releases=$WORK/bad-releases
mkdir -p "$bad_releases/v$version"
cp "$DIST/$archive" "$bad_releases/v$version/"
echo "0000000000000000000000000000000000000000000000000000000000000000  $archive" >"$bad_releases/v$version/$archive.sha256"
repo=$(make_repo tampered good:SECURITY.md)
run_action "$repo" -- "release-base-url=file://$bad_releases"
expect "a SHA-256 mismatch stops the install" \
  '[[ $rc == 1 && $(json "r[\"steps\"][-1][\"id\"]") == install ]] && grep -q "^::error title=secmd action::SHA-256 mismatch for $archive: got [0-9a-f]\{64\}, the release says 0\{64\}$" <<<"$log"'
run_action "$repo" RUNNER_ARCH=ARM64
expect "Linux ARM64 asks for the aarch64-unknown-linux-musl archive" \
  '[[ $rc == 1 ]] && grep -qx "::error title=secmd action::cannot download $BASE/v$version/secmd-$version-aarch64-unknown-linux-musl.tar.gz (is there a secmd $version release for aarch64-unknown-linux-musl?)" <<<"$log"'
run_action "$repo" RUNNER_OS=macOS RUNNER_ARCH=ARM64
expect "macOS ARM64 asks for the aarch64-apple-darwin archive" 'grep -q "^Downloading $BASE/v$version/secmd-$version-aarch64-apple-darwin.tar.gz$" <<<"$log"'
run_action "$repo" RUNNER_OS=Windows RUNNER_ARCH=X64
expect "Windows X64 asks for the x86_64-pc-windows-msvc archive" 'grep -q "^Downloading $BASE/v$version/secmd-$version-x86_64-pc-windows-msvc.tar.gz$" <<<"$log"'
run_action "$repo" RUNNER_ARCH=X86
expect "an unsupported runner is a clear error" \
  '[[ $rc == 1 ]] && grep -qx "::error title=secmd action::no secmd release for RUNNER_OS=Linux RUNNER_ARCH=X86; set the '"'"'ref'"'"' input to build it with cargo" <<<"$log"'

# 7. ref: built with cargo install (a stand-in cargo records the call and
#    installs the archive's binary, so the check step still runs for real).
fake=$WORK/fake-cargo
mkdir -p "$fake"
tar -xzf "$DIST/$archive" -C "$fake"
cat >"$fake/cargo" <<EOF
#!/usr/bin/env bash
printf '%s\n' "\$@" >"\$RUNNER_TEMP/cargo-args"
root=\${@: -2:1}
mkdir -p "\$root/bin" && cp "$fake/${archive%.tar.gz}/secmd" "\$root/bin/secmd"
EOF
chmod +x "$fake/cargo"
repo=$(make_repo ref bad:SECURITY.md)
run_action "$repo" PATH="$fake:/usr/local/bin:/usr/bin:/bin" -- ref=v9.9.9 repository=https://example.invalid/secmd.git
expect "ref: cargo install --locked --git REPOSITORY --rev REF --root RUNNER_TEMP/secmd-ref secmd" \
  '[[ $(tr "\n" " " <"$temp/cargo-args") == "install --locked --git https://example.invalid/secmd.git --rev v9.9.9 --root $temp/secmd-ref secmd " ]]' \
  "$log
$(cat "$temp/cargo-args" 2>&1)"
expect "ref: the built binary runs the check (exit-code 1 on the bad policy)" \
  '[[ $rc == 1 && $(json "r[\"outputs\"][\"secmd-path\"]") == "$temp/secmd-ref/bin/secmd" && $(json "r[\"outputs\"][\"exit-code\"]") == 1 ]]'

echo "$pass passed, $fail failed"
((fail == 0))
