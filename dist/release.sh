#!/usr/bin/env bash
# Builds the release archive of secmd for one target:
#
#   bash dist/release.sh [--target TRIPLE] [--out DIR]
#
# -> DIR/secmd-<version>-<target>.tar.gz      (default DIR: target/dist)
#    DIR/secmd-<version>-<target>.tar.gz.sha256  (`sha256sum -c` format)
#
# The archive holds one folder, secmd-<version>-<target>/, with the stripped
# binary (secmd, or secmd.exe on Windows), README.md, the license files, shell
# completions (completions/secmd.bash, _secmd, secmd.fish) and man pages
# (man/secmd.1, man/secmd-check.1, ...). It is reproducible: fixed order,
# owners and mtimes (SOURCE_DATE_EPOCH, default: the last commit's time).
#
# Why a script and not cargo-dist: cargo-dist downloads its installers and
# tools from GitHub at build time, which neither this machine nor an offline
# CI can reach; a release here is one cargo build per target plus tar, and
# the per-target settings below are all there is to configure.
#
# The target matrix (dist/README.md documents it; .github/workflows/release.yml
# runs it on GitHub's runners):
#
#   target                      runner             how
#   x86_64-unknown-linux-musl   ubuntu (x86_64)    musl-gcc (apt musl-tools); static
#   aarch64-unknown-linux-musl  ubuntu-24.04-arm   musl-gcc (apt musl-tools); static
#   x86_64-apple-darwin         macos-13           Xcode clang; libSystem is dynamic on macOS
#   aarch64-apple-darwin        macos-14           Xcode clang
#   x86_64-pc-windows-msvc      windows-latest     MSVC; +crt-static (no VC++ runtime needed)
#
# Every target is built natively on a machine of its own kind (no cross
# linker to install); only x86_64-unknown-linux-musl can be built here.
#
# The binary is built with the release profile plus, through CARGO_PROFILE_*
# variables (so the workspace's line-table release profile for profiling stays
# as it is): no debug info, symbols stripped, fat LTO and one codegen unit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

target=x86_64-unknown-linux-musl
out=$ROOT/target/dist
while (($#)); do
  case $1 in
    --target) target=${2:?--target needs a value}; shift 2 ;;
    --target=*) target=${1#*=}; shift ;;
    --out) out=${2:?--out needs a value}; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    -h | --help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

exe=secmd
rustflags=${RUSTFLAGS:-}
case $target in
  x86_64-unknown-linux-musl | aarch64-unknown-linux-musl)
    # tree-sitter's C parsers need a musl C compiler; the Rust musl targets
    # link statically by default.
    if ! command -v musl-gcc >/dev/null; then
      echo "error: $target needs musl-gcc: apt-get install musl-tools" >&2
      exit 2
    fi
    cc_var=CC_${target//-/_}
    export "$cc_var=${!cc_var:-musl-gcc}"
    ;;
  x86_64-apple-darwin | aarch64-apple-darwin) ;;
  x86_64-pc-windows-msvc)
    exe=secmd.exe
    rustflags="$rustflags -C target-feature=+crt-static"
    ;;
  *)
    echo "error: unsupported target '$target' (supported: x86_64-unknown-linux-musl," \
      "aarch64-unknown-linux-musl, x86_64-apple-darwin, aarch64-apple-darwin, x86_64-pc-windows-msvc)" >&2
    exit 2
    ;;
esac
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  echo "release: rustup target add $target"
  rustup target add "$target"
fi

# `cargo pkgid` ends in "#secmd@<version>" (or "#<version>" on older cargo).
version=$(cargo pkgid -p secmd --offline 2>/dev/null || cargo pkgid -p secmd)
version=${version##*[#@]}
name=secmd-$version-$target
echo "release: building $name"

export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_PROFILE_RELEASE_STRIP=symbols
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
RUSTFLAGS=$rustflags cargo build --release --locked -p secmd --target "$target"
bin=$ROOT/target/$target/release/$exe

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/$name
mkdir -p "$dir/completions" "$dir/man"
install -m 0755 "$bin" "$dir/$exe"
cp README.md "$dir/"
for f in LICENSE*; do [[ -e $f ]] && cp "$f" "$dir/"; done

# Completions and man pages come from the clap definitions; any secmd built
# from this source writes the same ones, so a cross-built binary borrows the
# host's (cargo run) when it cannot run itself.
gen=("$bin")
if ! "$bin" --version >/dev/null 2>&1; then
  gen=(cargo run --quiet --release --locked -p secmd --)
fi
"${gen[@]}" completions bash >"$dir/completions/secmd.bash"
"${gen[@]}" completions zsh >"$dir/completions/_secmd"
"${gen[@]}" completions fish >"$dir/completions/secmd.fish"
"${gen[@]}" man --out-dir "$dir/man" 2>/dev/null

mkdir -p "$out"
archive=$out/$name.tar.gz
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
  --format=gnu -C "$stage" -cf - "$name" | gzip -9n >"$archive"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")

size() { stat -c %s "$1" 2>/dev/null || stat -f %z "$1"; }
echo "release: $archive ($(size "$archive") bytes; binary $(size "$bin") bytes)"
echo "release: $(cat "$archive.sha256")"
