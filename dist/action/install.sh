#!/usr/bin/env bash
# Step 1 of action.yml: put secmd on the runner.
#
# Downloads <base>/v<version>/secmd-<version>-<target>.tar.gz for the runner
# (RUNNER_OS + RUNNER_ARCH), checks it against the .sha256 published beside
# it and unpacks it into RUNNER_TEMP; or, when INPUT_REF is set, builds
# secmd from that ref with `cargo install`. Adds the binary's folder to
# GITHUB_PATH and writes `secmd-path` and `version` to GITHUB_OUTPUT.
# Any URL curl understands works as the base (file:// in the tests).
set -euo pipefail

fail() { echo "::error title=secmd action::$*"; exit 1; }

: "${RUNNER_TEMP:?RUNNER_TEMP is not set (not running on a GitHub runner?)}"
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
: "${GITHUB_PATH:?GITHUB_PATH is not set}"

# On Windows runners bash is Git Bash: work with Unix-style paths inside
# (GNU tar reads "D:\..." as a remote host), give GITHUB_PATH a Windows one.
temp=$RUNNER_TEMP
windows=false
if [[ ${RUNNER_OS:-} == Windows ]] && command -v cygpath >/dev/null; then
  windows=true
  temp=$(cygpath -u "$RUNNER_TEMP")
fi

exe=secmd
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc exe=secmd.exe ;;
  *)
    # No release binary: building from a ref still works where cargo does.
    [[ -n ${INPUT_REF:-} ]] || fail "no secmd release for RUNNER_OS=${RUNNER_OS:-?} RUNNER_ARCH=${RUNNER_ARCH:-?}; set the 'ref' input to build it with cargo"
    target=source
    ;;
esac

if [[ -n ${INPUT_REF:-} ]]; then
  root=$temp/secmd-ref
  repository=${INPUT_REPOSITORY:-https://github.com/secmd/secmd}
  echo "Building secmd from $repository at $INPUT_REF"
  cargo install --locked --git "$repository" --rev "$INPUT_REF" --root "$root" secmd ||
    fail "cargo install of secmd from $repository at $INPUT_REF failed"
  dir=$root/bin
  version=$INPUT_REF
else
  version=${INPUT_VERSION:?the 'version' input is empty}
  version=${version#v}
  name=secmd-$version-$target
  url=${INPUT_RELEASE_BASE_URL%/}/v$version/$name.tar.gz
  download=$temp/secmd-download
  rm -rf "$download" && mkdir -p "$download"
  echo "Downloading $url"
  curl --fail --silent --show-error --location --retry 3 -o "$download/$name.tar.gz" "$url" ||
    fail "cannot download $url (is there a secmd $version release for $target?)"
  curl --fail --silent --show-error --location --retry 3 -o "$download/$name.tar.gz.sha256" "$url.sha256" ||
    fail "cannot download $url.sha256"
  want=$(cut -d' ' -f1 <"$download/$name.tar.gz.sha256")
  if command -v sha256sum >/dev/null; then
    got=$(sha256sum "$download/$name.tar.gz" | cut -d' ' -f1)
  else
    got=$(shasum -a 256 "$download/$name.tar.gz" | cut -d' ' -f1)
  fi
  [[ $got == "$want" ]] || fail "SHA-256 mismatch for $name.tar.gz: got $got, the release says $want"
  tar -xzf "$download/$name.tar.gz" -C "$download"
  dir=$download/$name
fi

[[ -x $dir/$exe ]] || fail "no $exe in $dir"
if $windows; then cygpath -w "$dir" >>"$GITHUB_PATH"; else echo "$dir" >>"$GITHUB_PATH"; fi
{
  echo "secmd-path=$dir/$exe"
  echo "version=$version"
} >>"$GITHUB_OUTPUT"
echo "Installed $("$dir/$exe" --version) at $dir/$exe"
