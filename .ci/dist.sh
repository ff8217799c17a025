#!/usr/bin/env bash
# Distribution checks: builds the release archive and tests each way of
# installing secmd that can be tested here.
#
#   bash .ci/dist.sh
#
#   1. dist/release.sh: secmd-<version>-x86_64-unknown-linux-musl.tar.gz and
#      .sha256 in target/dist; the archive's files, a static and stripped
#      binary that runs, the checksum, the sizes;
#   2. the fish and zsh completion scripts in real fish and zsh;
#   3. the per-target configuration agrees everywhere it is written
#      (dist/release.sh, the release workflow, the action's runner mapping,
#      the mason package.yaml, the VS Code packaging script);
#   4. tests/action/test-action.sh: action.yml's steps with a runner's
#      environment, the archive served from a file:// URL;
#   5. tests/pre-commit/test-pre-commit.sh: `pre-commit try-repo` on fixture
#      repositories;
#   6. tests/dist/cargo-install.sh: `cargo install` from the packaged crates,
#      offline.
# The platform .vsix is built and tested by .ci/editors.sh (SECMD_VSIX_BINARY
# = the release binary). Installs what it needs from apt, PyPI and rustup.
# Prints "ok - ..." / "not ok - ..." and a final "N passed, M failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=$ROOT/target/dist
TARGET=x86_64-unknown-linux-musl
WORK=$(mktemp -d /tmp/secmd-dist.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
START=$(date +%s)
stamp() { echo "[dist +$(($(date +%s) - START))s] $*"; }

pass=0 fail=0 failed=()
ok() { echo "ok - dist: $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - dist: $1"; [[ -n ${2:-} ]] && sed 's/^/    /' <<<"$2"; fail=$((fail + 1)); }
expect() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }
# suite NAME CMD...: runs a test script, counts its ok/not ok lines.
suite() {
  local name=$1 log=$WORK/suite-$RANDOM.log rc=0 p f
  shift
  stamp "$name"
  "$@" >"$log" 2>&1 || rc=$?
  sed 's/^/    /' "$log"
  p=$(grep -c '^ok - ' "$log" || true)
  f=$(grep -c '^not ok - ' "$log" || true)
  ((rc == 0 || f > 0)) || f=1
  ((p + f > 0)) || f=1
  pass=$((pass + p)) fail=$((fail + f))
  ((f == 0)) || failed+=("$name")
}

# ------------------------------------------------------------------ installs
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
apt_install "$WORK/apt.log" musl-tools fish zsh file binutils man-db || {
  echo "not ok - dist: apt-get install"; echo "0 passed, 1 failed"; exit 1; }
if ! python3 -c 'import yaml' 2>/dev/null || ! command -v pre-commit >/dev/null; then
  stamp "pip install pre-commit pyyaml"
  python3 -m pip install -q pre-commit pyyaml >"$WORK/pip.log" 2>&1 || {
    tail -20 "$WORK/pip.log"; echo "not ok - dist: pip install pre-commit pyyaml"; echo "0 passed, 1 failed"; exit 1; }
  hash -r
fi

# ------------------------------------------------------ 1. release archive
stamp "dist/release.sh --target $TARGET"
rm -rf "$OUT" && mkdir -p "$OUT"
if ! bash dist/release.sh --target "$TARGET" --out "$OUT" >"$WORK/release.log" 2>&1; then
  tail -40 "$WORK/release.log"
  echo "not ok - dist: dist/release.sh failed"; echo "$pass passed, 1 failed"; exit 1
fi
grep '^release:' "$WORK/release.log"
version=$(cargo pkgid -p secmd --offline)
version=${version##*[#@]}
name=secmd-$version-$TARGET
archive=$OUT/$name.tar.gz
bin=$ROOT/target/$TARGET/release/secmd

expect "archive $name.tar.gz and its .sha256 exist" '[[ -s $archive && -s $archive.sha256 ]]'
expect "sha256sum -c $name.tar.gz.sha256" '(cd "$OUT" && sha256sum -c --status "$name.tar.gz.sha256")' "$(cat "$archive.sha256")"
listing=$(tar -tzf "$archive" | sort)
want=$(printf '%s\n' "$name/" "$name/README.md" "$name/completions/" "$name/completions/_secmd" \
  "$name/completions/secmd.bash" "$name/completions/secmd.fish" "$name/man/" "$name/man/secmd-check.1" \
  "$name/man/secmd-completions.1" "$name/man/secmd-init.1" "$name/man/secmd-lsp.1" "$name/man/secmd-man.1" "$name/man/secmd-rules.1" \
  "$name/man/secmd.1" "$name/secmd" $(cd "$ROOT" && ls LICENSE* 2>/dev/null | sed "s|^|$name/|") | sort)
expect "archive holds the binary, README, licenses, completions and man pages" '[[ $listing == "$want" ]]' "got:
$listing
want:
$want"
tar -xzf "$archive" -C "$WORK"
xbin=$WORK/$name/secmd
info=$(file -b "$xbin")
# `file` says "static-pie linked"; glibc's ldd says "statically linked" (or
# "not a dynamic executable") and lists no libraries.
expect "binary is statically linked" \
  'grep -Eq "static(-pie)? linked|statically linked" <<<"$info" && ! ldd "$xbin" 2>&1 | grep -q "=>"' "$info
$(ldd "$xbin" 2>&1)"
expect "binary is stripped (no symbol table, no debug info)" \
  '! readelf -S "$xbin" | grep -Eq "\.(symtab|debug_)"' "$(readelf -S "$xbin" | grep -E 'symtab|debug' || true)"
expect "binary runs: secmd --version is secmd $version" '[[ $("$xbin" --version) == "secmd $version" ]]' "$("$xbin" --version 2>&1)"
rc=0
# Checked outside this repository: inside it the workspace rules would also
# compare the fixture's versions table with secmd's own Cargo.toml.
mkdir -p "$WORK/policy" && cp tests/dist/fixtures/bad.md "$WORK/policy/bad.md"
out=$(cd "$WORK/policy" && SECMD_TODAY=2026-11-23 "$xbin" check bad.md 2>&1) || rc=$?
expect "binary checks a policy (exit 1, 2 errors)" '[[ $rc == 1 ]] && grep -qx "2 errors, 0 warnings in 1 file" <<<"$out"' "$out"
expect "archive man page is groff-clean" '! LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$WORK/$name/man/secmd-check.1" 2>&1 >/dev/null | grep .' \
  "$(LC_ALL=C.UTF-8 man --warnings -l "$WORK/$name/man/secmd-check.1" 2>&1 >/dev/null)"
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
arch_size=$(stat -c %s "$archive") bin_size=$(stat -c %s "$xbin")
sizes="archive $arch_size bytes ($(mib "$arch_size")), stripped static binary $bin_size bytes ($(mib "$bin_size"))"
if [[ -x $ROOT/target/release/secmd ]]; then
  rel_size=$(stat -c %s "$ROOT/target/release/secmd")
  sizes="$sizes; target/release/secmd (glibc, line tables) $rel_size bytes ($(mib "$rel_size"))"
fi
echo "# sizes: $sizes"
expect "stripped binary is under 20 MiB ($(mib "$bin_size"))" '((bin_size < 20 * 1048576))'

# ------------------------------------------------------- 2. completions
comp=$WORK/$name/completions
out=$(fish --no-config -c "source $comp/secmd.fish; complete -C 'secmd check --format '" 2>&1 | cut -f1 | sort | tr '\n' ' ')
expect "fish: secmd check --format <Tab> offers the formats" '[[ $out == "github human json sarif " ]]' "$out"
out=$(fish --no-config -c "source $comp/secmd.fish; complete -C 'secmd '" 2>&1 | cut -f1 | sort | tr '\n' ' ')
expect "fish: secmd <Tab> offers the subcommands" '[[ $out == "check completions help init lsp man rules " ]]' "$out"
# zsh: load the script through compinit from an fpath folder, as a user does.
mkdir -p "$WORK/zfunc"
cp "$comp/_secmd" "$WORK/zfunc/_secmd"
out=$(ZDOTDIR=$WORK zsh -fc "fpath=($WORK/zfunc \$fpath); autoload -Uz compinit; compinit -u -d $WORK/zcompdump; print -r -- \${_comps[secmd]}; autoload +X _secmd && print loaded" 2>&1 | tr '\n' ' ')
expect "zsh: compinit registers _secmd for secmd and it loads" '[[ $out == "_secmd loaded " ]]' "$out"

# ------------------------------------------- 3. one target matrix everywhere
matrix=$(python3 - "$ROOT" <<'PY'
import re, sys, yaml, os
root = sys.argv[1]
def read(p): return open(os.path.join(root, p), encoding="utf-8").read()
problems = []
triple = r"\b((?:x86_64|aarch64)-(?:unknown-linux-musl|apple-darwin|pc-windows-msvc))\b"
release = set(re.findall(triple, read("dist/release.sh")))
wf = yaml.safe_load(read(".github/workflows/release.yml"))
wf_targets = {m["target"] for m in wf["jobs"]["build"]["strategy"]["matrix"]["include"]}
action = set(re.findall(r"target=([a-z0-9_-]+)", read("dist/action/install.sh"))) - {"source"}
mason = yaml.safe_load(read("editors/neovim/package.yaml"))
mason_targets = set()
for a in mason["source"]["asset"]:
    m = re.fullmatch(r'secmd-\{\{ version \| strip_prefix "v" \}\}-(.+)\.tar\.gz', a["file"])
    if not m: problems.append(f"mason file {a['file']!r}")
    else:
        mason_targets.add(m.group(1))
        exe = "secmd.exe" if "windows" in m.group(1) else "secmd"
        if a["bin"] != f'secmd-{{{{ version | strip_prefix "v" }}}}-{m.group(1)}/{exe}':
            problems.append(f"mason bin {a['bin']!r}")
vsix = set(re.findall(r"secmd-<v>-([a-z0-9_-]+)\.tar\.gz", read("editors/vscode/scripts/package.sh")))
for label, s in [("release workflow", wf_targets), ("action", action), ("mason", mason_targets), ("vscode", vsix)]:
    if s != release: problems.append(f"{label}: {sorted(s)} != release.sh {sorted(release)}")
print("; ".join(problems) if problems else "same: " + ", ".join(sorted(release)))
PY
)
expect "release.sh, release workflow, action, mason and vsce packaging name the same targets" '[[ $matrix == same:* ]]' "$matrix"
echo "# targets: ${matrix#same: }"

# ----------------------------------------------------- 4.-6. test scripts
suite "action.yml (tests/action/test-action.sh)" bash tests/action/test-action.sh "$OUT"
suite "pre-commit (tests/pre-commit/test-pre-commit.sh)" bash tests/pre-commit/test-pre-commit.sh
suite "cargo install from the packaged crates (tests/dist/cargo-install.sh)" bash tests/dist/cargo-install.sh

stamp "artifacts in $OUT:"
(cd "$OUT" && ls -l)
if ((${#failed[@]})); then echo "failed suites: ${failed[*]}"; fi
echo "$pass passed, $fail failed"
((fail == 0))
