#!/usr/bin/env bash
# Proves `cargo install secmd` works from the packaged crates, offline, the
# way it will from crates.io:
#
#   bash tests/dist/cargo-install.sh
#
# 1. `cargo package --workspace --no-verify` writes target/package/*.crate
#    (every workspace crate but the pre-commit shim, read from cargo metadata);
# 2. a directory source is laid out from those .crate files plus the
#    third-party crates (`cargo fetch`, then `cargo vendor` offline), each with its
#    .cargo-checksum.json, and crates-io is replaced by it;
# 3. `cargo install secmd --locked --offline` resolves secmd and its sibling
#    crates from that source only (with the Cargo.lock packaged in the
#    .crate) and builds it; the installed binary checks a policy.
# Builds with --debug: the point is that the packaged crates resolve and
# build; the release profile is built by dist/release.sh.
# Prints "ok - ..." / "not ok - ..." and "N passed, M failed".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d /tmp/secmd-cargo-install.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
pass=0 fail=0
ok() { echo "ok - cargo install: $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - cargo install: $1"; [[ -n ${2:-} ]] && sed 's/^/    /' <<<"$2" | tail -40; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; ((fail == 0)); exit; }

version=$(cargo pkgid -p secmd --offline)
version=${version##*[#@]}
# The crates to package and the siblings secmd depends on come from cargo
# metadata, so a new workspace crate cannot be forgotten here.
read -r -a crates < <(cargo metadata --no-deps --format-version 1 --offline |
  python3 -c 'import json,sys; print(" ".join(sorted(p["name"] for p in json.load(sys.stdin)["packages"] if p["name"] != "secmd-pre-commit")))')
siblings=$(cargo metadata --no-deps --format-version 1 --offline |
  python3 -c 'import json,sys; ps=json.load(sys.stdin)["packages"]; names={p["name"] for p in ps}; s=[p for p in ps if p["name"]=="secmd"][0]; print(" ".join(sorted({d["name"] for d in s["dependencies"] if d["name"] in names and d["kind"] is None})))')

# 1. Package.
rc=0
out=$(cargo package --workspace --exclude secmd-pre-commit --no-verify --locked --offline 2>&1) || rc=$?
if ((rc == 0)); then ok "cargo package --workspace"; else not_ok "cargo package --workspace" "$out"; finish; fi
for c in "${crates[@]}"; do
  [[ -f target/package/$c-$version.crate ]] || { not_ok "target/package/$c-$version.crate exists"; finish; }
done
ok "packaged ${crates[*]} $version"

# 2. A directory source: third-party crates from the local cache, ours from the .crate files.
vendor=$WORK/vendor
rc=0
# The lock holds crates for every platform (Windows' anstyle-wincon among
# them) that a Linux build never downloads: fetch them from the registry
# first, as `cargo install` would, so the vendoring itself stays offline.
out=$(cargo fetch --locked 2>&1) || rc=$?
if ((rc != 0)); then not_ok "cargo fetch --locked (every platform's crates, from the registry)" "$out"; finish; fi
out=$(cargo vendor --locked --offline --versioned-dirs "$vendor" 2>&1) || rc=$?
if ((rc != 0)); then not_ok "cargo vendor (offline, from the local cache)" "$out"; finish; fi
for c in "${crates[@]}"; do
  rm -rf "${vendor:?}/$c-$version"
  tar -xzf "target/package/$c-$version.crate" -C "$vendor"
  sum=$(sha256sum "target/package/$c-$version.crate" | cut -d' ' -f1)
  printf '{"files":{},"package":"%s"}\n' "$sum" >"$vendor/$c-$version/.cargo-checksum.json"
done
deps=$(python3 - "$vendor/secmd-$version/Cargo.toml" "$siblings" <<'PY'
import sys, tomllib
m = tomllib.load(open(sys.argv[1], "rb"))
deps = m.get("dependencies", {})
ours = {n: d for n, d in deps.items() if n.startswith("secmd")}
good = sorted(ours) == sys.argv[2].split() and all(
    isinstance(d, dict) and d.get("version") and "path" not in d for d in ours.values())
print("ok" if good else f"secmd's dependencies on its siblings: {ours}")
PY
)
[[ $deps == ok ]] &&
  ok "the packaged secmd manifest names its sibling crates by version, not by path" ||
  not_ok "the packaged secmd manifest names its sibling crates by version, not by path" "$deps"

# 3. Install as a user would, with crates.io replaced by the directory source.
export CARGO_HOME=$WORK/cargo-home
mkdir -p "$CARGO_HOME"
cat >"$CARGO_HOME/config.toml" <<EOF
[source.crates-io]
replace-with = "packaged"
[source.packaged]
directory = "$vendor"
EOF
rc=0
out=$(cargo install secmd --version "=$version" --locked --offline --debug --root "$WORK/root" \
  --target-dir "$WORK/target" 2>&1) || rc=$?
if ((rc == 0)) && [[ -x $WORK/root/bin/secmd ]]; then
  ok "cargo install secmd --locked --offline (crates-io = the packaged crates) installed bin/secmd"
else
  not_ok "cargo install secmd --locked --offline" "$out"
  finish
fi
grep -q "Installing secmd v$version" <<<"$out" && ! grep -q "Compiling secmd.* (/" <<<"$out" &&
  ok "every secmd crate was built from its package, none from a path" ||
  not_ok "every secmd crate was built from its package, none from a path" "$(grep -E 'Installing|Compiling secmd' <<<"$out")"
[[ $("$WORK/root/bin/secmd" --version) == "secmd $version" ]] && ok "installed secmd --version is secmd $version" ||
  not_ok "installed secmd --version" "$("$WORK/root/bin/secmd" --version 2>&1)"
rc=0
# Outside this repository, where the workspace rules would also compare the
# fixture's versions table with secmd's own Cargo.toml.
mkdir -p "$WORK/policy" && cp "$ROOT/tests/dist/fixtures/bad.md" "$WORK/policy/"
out=$(cd "$WORK/policy" && SECMD_TODAY=2026-11-23 "$WORK/root/bin/secmd" check bad.md 2>&1) || rc=$?
[[ $rc == 1 ]] && grep -qx "2 errors, 0 warnings in 1 file" <<<"$out" && ok "installed secmd checks a policy (exit 1, 2 errors)" ||
  not_ok "installed secmd checks a policy" "$out"
finish
