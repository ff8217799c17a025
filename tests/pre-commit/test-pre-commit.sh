#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml the way a user meets it: `pre-commit try-repo`
# of this repository on a fixture git repository made here.
#
#   bash tests/pre-commit/test-pre-commit.sh
#
# pre-commit clones this repository (HEAD, or a snapshot of the uncommitted
# work tree), builds the hook with `cargo install --path .` (language: rust)
# and runs it on the fixture's staged files:
#   - try-repo, a staged SECURITY.md with a placeholder and no contact: fails,
#     and the output has the findings (path:line:col: error[code]);
#   - try-repo, the fixed policy: passes;
#   - installed as the git hook (pre-commit install): `git commit` of a bad
#     policy, also as docs/security.md in lower case, is refused with the
#     findings; a commit without a policy skips the hook; the good policy
#     is committed.
# Prints "ok - ..." / "not ok - ..." and "N passed, M failed".
#
# Needs pre-commit (pip install pre-commit) and cargo. try-repo uses a fresh
# pre-commit store each time, so the hook is built three times (twice by
# try-repo, once for the installed hook). What is tested is pre-commit's
# install and run of the hook, not the optimiser: the builds use the release
# profile at opt-level 0 without LTO or debug info (CARGO_PROFILE_RELEASE_*,
# which pre-commit passes on to cargo) in target/pre-commit-test, so only the
# first one compiles the dependencies.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIX=$ROOT/tests/dist/fixtures
WORK=$(mktemp -d /tmp/secmd-pre-commit.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PRE_COMMIT_HOME=$WORK/pre-commit-home
export CARGO_TARGET_DIR=$ROOT/target/pre-commit-test
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export SECMD_TODAY=2026-11-23
export GIT_AUTHOR_NAME=secmd-test GIT_AUTHOR_EMAIL=test@secmd-fixture.org
export GIT_COMMITTER_NAME=secmd-test GIT_COMMITTER_EMAIL=test@secmd-fixture.org
# The user's git configuration stays out (HOME is kept: rustup and cargo live there).
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$WORK/gitconfig
git config --global init.defaultBranch main
git config --global --add safe.directory '*'

pass=0 fail=0
ok() { echo "ok - pre-commit: $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - pre-commit: $1"; [[ -n ${2:-} ]] && sed 's/^/    /' <<<"$2"; fail=$((fail + 1)); }
expect() { # expect NAME COND OUTPUT
  if eval "$2"; then ok "$1"; else not_ok "$1" "$3"; fi
}

command -v pre-commit >/dev/null || { not_ok "pre-commit is installed (pip install pre-commit)"; echo "$pass passed, $fail failed"; exit 1; }
echo "# $(pre-commit --version), $(cargo --version)"

repo=$WORK/project
mkdir -p "$repo/docs"
git -C "$repo" init -q
printf '# Widget\n' >"$repo/README.md"
git -C "$repo" add README.md
git -C "$repo" commit -q -m init

# The hook repository: this one at HEAD, or, when the work tree has changes,
# a clone with them committed (what try-repo itself would do, but once, so
# every run below uses one rev and pre-commit builds the hook once).
src=$ROOT
rev=$(git -C "$ROOT" rev-parse HEAD)
if [[ -n $(git -C "$ROOT" status --porcelain) ]]; then
  src=$WORK/hook-repo
  git clone -q "$ROOT" "$src"
  git -C "$src" rm -rq --cached . && find "$src" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  (cd "$ROOT" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -C "$src" -xf -
  git -C "$src" add -A && git -C "$src" commit -qm "work tree of $ROOT"
  rev=$(git -C "$src" rev-parse HEAD)
  echo "# uncommitted changes in $ROOT: testing a snapshot of the work tree ($rev)"
fi

try_repo() { # runs `pre-commit try-repo SRC secmd` in the fixture; sets out/rc
  rc=0
  out=$(cd "$repo" && pre-commit try-repo "$src" secmd --ref "$rev" --verbose 2>&1) || rc=$?
}

# 1. A bad policy, staged: the hook is built, runs and fails with findings.
cp "$FIX/bad.md" "$repo/SECURITY.md"
git -C "$repo" add SECURITY.md
try_repo
expect "bad SECURITY.md: try-repo exits 1" '[[ $rc == 1 ]]' "exit $rc
$out"
expect "bad SECURITY.md: hook reported Failed" 'grep -q "^secmd (SECURITY.md)\.*Failed$" <<<"$out"' "$out"
expect "bad SECURITY.md: findings with path:line:col and code" \
  'grep -qx "SECURITY.md:14:53: error\[placeholder\] template placeholder \`\[INSERT EMAIL\]\` left in the policy; replace it with the real value" <<<"$out" &&
   grep -q "^SECURITY.md:12:1: error\[missing-contact\] " <<<"$out" &&
   grep -qx "2 errors, 0 warnings in 1 file" <<<"$out"' "$out"

# 2. The fixed policy passes.
cp "$FIX/good.md" "$repo/SECURITY.md"
git -C "$repo" add SECURITY.md
try_repo
expect "good SECURITY.md: try-repo exits 0, hook Passed" \
  '[[ $rc == 0 ]] && grep -q "^secmd (SECURITY.md)\.*Passed$" <<<"$out"' "exit $rc
$out"
git -C "$repo" commit -q -m policy

# 3. As the git hook: `git commit` is refused for a bad policy.
cat >"$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $src
    rev: $rev
    hooks:
      - id: secmd
EOF
git -C "$repo" add .pre-commit-config.yaml
(cd "$repo" && pre-commit install >/dev/null)
git -C "$repo" commit -q -m config >/dev/null 2>&1 || true
cp "$FIX/bad.md" "$repo/SECURITY.md"
git -C "$repo" add SECURITY.md
rc=0
out=$(cd "$repo" && git commit -m "bad policy" 2>&1) || rc=$?
expect "git commit of a bad policy is refused by the hook" \
  '[[ $rc != 0 ]] && grep -q "^SECURITY.md:14:53: error\[placeholder\]" <<<"$out" && [[ $(git -C "$repo" log -1 --format=%s) != "bad policy" ]]' "exit $rc
$out"
git -C "$repo" reset -q
cp "$FIX/bad.md" "$repo/docs/security.md"
git -C "$repo" add docs/security.md
rc=0
out=$(cd "$repo" && git commit -m "bad lower-case policy" 2>&1) || rc=$?
expect "git commit of a bad docs/security.md (lower case) is refused" \
  '[[ $rc != 0 ]] && grep -q "^docs/security.md:14:53: error\[placeholder\]" <<<"$out"' "exit $rc
$out"
git -C "$repo" reset -q && rm "$repo/docs/security.md"
printf '# Widget\n\nMore.\n' >"$repo/README.md"
git -C "$repo" add README.md
rc=0
out=$(cd "$repo" && git commit -m "readme" 2>&1) || rc=$?
expect "git commit without a policy: hook skipped, commit made" \
  '[[ $rc == 0 ]] && grep -q "^secmd (SECURITY.md)\.*(no files to check)Skipped$" <<<"$out" && [[ $(git -C "$repo" log -1 --format=%s) == readme ]]' "exit $rc
$out"
# (SECURITY.md is already the good policy from step 2: add it in .github/.)
git -C "$repo" checkout -q -- SECURITY.md
mkdir -p "$repo/.github"
cp "$FIX/good.md" "$repo/.github/SECURITY.md"
git -C "$repo" add .github/SECURITY.md
rc=0
out=$(cd "$repo" && git commit -m "good policy" 2>&1) || rc=$?
expect "git commit of the good policy goes through" \
  '[[ $rc == 0 ]] && grep -q "^secmd (SECURITY.md)\.*Passed$" <<<"$out" && [[ $rc == 0 && $(git -C "$repo" log -1 --format=%s) == "good policy" ]]' "exit $rc
$out"

echo "$pass passed, $fail failed"
((fail == 0))
