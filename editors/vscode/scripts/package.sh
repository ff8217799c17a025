#!/usr/bin/env bash
# Packages the VS Code extension.
#
#   bash scripts/package.sh --target linux-x64 --binary path/to/secmd --out secmd-linux-x64.vsix
#   bash scripts/package.sh --out secmd.vsix            # universal: no binary, secmd from PATH
#
# A platform-specific package (`vsce package --target T`) carries the secmd
# binary for T as server/secmd (server/secmd.exe for win32-*), which the
# extension starts when `secmd.server.path` is not set. The Marketplace and
# Open VSX serve each user the package of their platform, and the universal
# one to platforms without their own. Which binary goes with which target
# (the release archives of dist/release.sh):
#
#   vsce target    binary from
#   linux-x64      secmd-<v>-x86_64-unknown-linux-musl.tar.gz   (static: any distribution)
#   alpine-x64     secmd-<v>-x86_64-unknown-linux-musl.tar.gz
#   linux-arm64    secmd-<v>-aarch64-unknown-linux-musl.tar.gz
#   alpine-arm64   secmd-<v>-aarch64-unknown-linux-musl.tar.gz
#   darwin-x64     secmd-<v>-x86_64-apple-darwin.tar.gz
#   darwin-arm64   secmd-<v>-aarch64-apple-darwin.tar.gz
#   win32-x64      secmd-<v>-x86_64-pc-windows-msvc.tar.gz      (secmd.exe)
#
# Needs `npm ci` done in editors/vscode. The binary is copied into server/
# only for the packaging and removed afterwards.
set -euo pipefail
EXT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

target="" binary="" out=""
while (($#)); do
  case $1 in
    --target) target=${2:?}; shift 2 ;;
    --binary) binary=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    *) echo "error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -n $out ]] || { echo "error: --out FILE.vsix is required" >&2; exit 2; }
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

case $target in
  "") [[ -z $binary ]] || { echo "error: --binary needs --target (a universal package carries no binary)" >&2; exit 2; } ;;
  linux-x64 | linux-arm64 | alpine-x64 | alpine-arm64 | darwin-x64 | darwin-arm64 | win32-x64 | win32-arm64)
    [[ -n $binary ]] || { echo "error: --target $target needs --binary" >&2; exit 2; }
    [[ -f $binary ]] || { echo "error: binary $binary not found" >&2; exit 2; }
    ;;
  *) echo "error: unknown vsce target '$target'" >&2; exit 2 ;;
esac

cd "$EXT"
rm -rf server
trap 'rm -rf "$EXT/server"' EXIT
args=(--no-dependencies --out "$out")
if [[ -n $target ]]; then
  exe=secmd
  [[ $target == win32-* ]] && exe=secmd.exe
  mkdir -p server
  install -m 0755 "$binary" "server/$exe"
  args+=(--target "$target")
fi
npm run --silent build
npx vsce package "${args[@]}"
