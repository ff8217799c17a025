#!/usr/bin/env bash
# Runs the pytest-lsp tests in tests/lsp/ against a release binary of secmd:
# a real external LSP client (pygls) spawning `secmd lsp` over stdio.
#
# Usage: .ci/lsp.sh path/to/release/secmd
# The venv lives under a cache dir ($SECMD_CACHE_DIR, else $XDG_CACHE_HOME/secmd,
# else ~/.cache/secmd) and is reused between runs.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 path/to/secmd" >&2
    exit 2
fi
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [[ ! -x "$binary" ]]; then
    echo "$0: $1 is not an executable" >&2
    exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${SECMD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/secmd}"
venv="$cache/lsp-venv"
# Pinned so a new release cannot change the client under the tests.
requirements="pytest-lsp==1.0.1"

if [[ ! -x "$venv/bin/python" ]] || [[ "$(cat "$venv/.requirements" 2>/dev/null)" != "$requirements" ]]; then
    rm -rf "$venv"
    mkdir -p "$cache"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check $requirements
    echo "$requirements" > "$venv/.requirements"
fi

export SECMD_BINARY="$binary"
export SECMD_PARANOID=1
export SECMD_TODAY=2026-11-23
cd "$root/tests/lsp"
# -p no:cacheprovider: do not write .pytest_cache into the repository.
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q -ra .
