#!/usr/bin/env bash
# SARIF validation: runs `secmd check --format sarif` over the fixtures and the
# example policy (plus a non-UTF-8 file, so tool notifications are covered) and
# validates the log with Microsoft's SARIF Multitool, which runs offline.
# Fails on any validator error or warning (notes are listed, not fatal).
# Usage: .ci/sarif.sh path/to/secmd
set -euo pipefail
bin=${1:?usage: sarif.sh path/to/secmd}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd "$(dirname "$0")/.."
cache=${SECMD_CI_CACHE:-/tmp/secmd-ci-cache}/sarif
version=5.7.0
tool="$cache/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
case "$(uname -s)" in
  Darwin) tool="$cache/node_modules/@microsoft/sarif-multitool-darwin/Sarif.Multitool" ;;
esac
if [ ! -e "$tool" ]; then
  echo "installing @microsoft/sarif-multitool@$version into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "@microsoft/sarif-multitool@$version"
fi
# npm may skip the package's postinstall `chmod u+x`.
chmod u+x "$tool"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '# Sicherheit\n\nMelden Sie L\xfccken an http://example.org\n' > "$work/latin1.md"

status=0
"$bin" check --today 2026-11-23 --format sarif --recursive \
  examples tests/fixtures "$work/latin1.md" > "$work/secmd.sarif" 2> "$work/stderr" || status=$?
if [ "$status" -gt 2 ] || grep -q panicked "$work/stderr"; then
  echo "FAIL: secmd exited $status"; cat "$work/stderr"; exit 1
fi

"$tool" validate "$work/secmd.sarif" --output "$work/validation.sarif" \
  --log ForceOverwrite --level "Error;Warning;Note" > "$work/validate.log" 2>&1 || {
  cat "$work/validate.log"; echo "FAIL: the SARIF Multitool did not run"; exit 1; }
[ -s "$work/validation.sarif" ] || { cat "$work/validate.log"; echo "FAIL: no validation log"; exit 1; }

# The Multitool exits 0 even when the log is invalid: read its own SARIF output.
node - "$work/validation.sarif" "$work/secmd.sarif" <<'JS'
const fs = require('fs');
const [validation, checked] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(validation, 'utf8'));
const results = log.runs.flatMap(r => r.results || []);
const notes = results.filter(r => r.level === 'note' || r.level === 'none');
// A result without a level is a warning (SARIF's default).
const bad = results.filter(r => !['note', 'none'].includes(r.level));
const notifications = log.runs.flatMap(r => (r.invocations || [])
  .flatMap(i => i.toolExecutionNotifications || []))
  .filter(n => n.level === 'error');
for (const r of bad.concat(notifications)) {
  console.log(`${r.level || 'warning'} ${r.ruleId || r.descriptor?.id || ''}: ${r.message.text}`);
}
const ids = [...new Set(notes.map(r => r.ruleId))].sort();
const secmd = JSON.parse(fs.readFileSync(checked, 'utf8'));
const count = secmd.runs[0].results.length;
if (bad.length || notifications.length || count === 0) {
  console.log(`FAIL: SARIF validation: ${bad.length} errors/warnings, ${count} secmd results`);
  process.exit(1);
}
console.log(`SARIF validation passed: ${count} results, 0 errors, 0 warnings` +
  (ids.length ? ` (notes: ${ids.join(', ')})` : ''));
JS
