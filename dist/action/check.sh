#!/usr/bin/env bash
# Step 2 of action.yml: run `secmd check` on the workspace.
#
# Writes the SARIF log first (INPUT_SARIF_FILE, unless empty), then checks
# again in INPUT_FORMAT for the job log (`github`: annotations), and exits
# with secmd's status: 0 clean, 1 something at or above INPUT_FAIL_ON,
# 2 usage or IO error. Writes `sarif-file` and `exit-code` to GITHUB_OUTPUT.
# INPUT_PATHS and INPUT_ARGS are split on white space.
set -euo pipefail

: "${SECMD:?the install step did not give a secmd path}"
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
cd "${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set}"

read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
((${#paths[@]})) || paths=(.)
read -r -d '' -a extra <<<"${INPUT_ARGS:-}" || true
opts=(--fail-on "${INPUT_FAIL_ON:-error}")
[[ ${INPUT_RECURSIVE:-false} == true ]] && opts+=(--recursive)

sarif=${INPUT_SARIF_FILE:-}
if [[ -n $sarif ]]; then
  mkdir -p "$(dirname "$sarif")"
  status=0
  "$SECMD" check --format sarif "${opts[@]}" ${extra[@]+"${extra[@]}"} -- "${paths[@]}" >"$sarif" || status=$?
  if ((status > 1)); then
    echo "::warning title=secmd::writing $sarif: secmd exited with status $status"
  fi
  echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
else
  echo "sarif-file=" >>"$GITHUB_OUTPUT"
fi

status=0
"$SECMD" check --format "${INPUT_FORMAT:-github}" "${opts[@]}" ${extra[@]+"${extra[@]}"} -- "${paths[@]}" || status=$?
echo "exit-code=$status" >>"$GITHUB_OUTPUT"
exit "$status"
