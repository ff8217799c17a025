#!/usr/bin/env python3
"""Runs a composite GitHub Action's steps the way a runner does, here.

    run_action.py ACTION_DIR RESULT_JSON [NAME=VALUE ...]

Reads ACTION_DIR/action.yml, fills `${{ inputs.* }}` (given values, else the
defaults), `${{ steps.<id>.outputs.* }}` and `${{ github.action_path }}`, and
runs each `run:` step as GitHub does for `shell: bash`
(`bash --noprofile --norc -eo pipefail FILE`) with the step's `env:`, a fresh
GITHUB_OUTPUT file, GITHUB_ACTION_PATH, and the folders earlier steps added
to GITHUB_PATH in front of PATH. The runner's own variables (GITHUB_WORKSPACE,
RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH, GITHUB_ENV, ...) come from
this process's environment, as the caller sets them. Stops at the first step
that fails, like a runner. Writes {"steps": [{id, exit_code, outputs}],
"outputs": {...}, "exit_code": N} to RESULT_JSON; the steps' output goes to
stdout and stderr. Exits with the failing step's status (0 if none failed).

Only what composite actions with bash steps use is supported; anything else
(`uses:` steps, other shells, other expressions) is an error, so the test
cannot silently skip part of the action.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def substitute(text, inputs, steps, action_path):
    def value(match):
        expr = match.group(1)
        m = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            if m.group(1) not in inputs:
                raise SystemExit(f"run_action: unknown input {m.group(1)!r} in {text!r}")
            return inputs[m.group(1)]
        m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            return steps.get(m.group(1), {}).get(m.group(2), "")
        if expr == "github.action_path":
            return action_path
        raise SystemExit(f"run_action: unsupported expression ${{{{ {expr} }}}}")

    return EXPR.sub(value, str(text))


def read_outputs(path):
    """GITHUB_OUTPUT: `name=value` lines and `name<<DELIM` ... `DELIM` blocks."""
    outputs = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            body = []
            while i < len(lines) and lines[i] != delim:
                body.append(lines[i])
                i += 1
            i += 1
            outputs[name] = "\n".join(body)
        else:
            name, _, val = line.partition("=")
            outputs[name] = val
    return outputs


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    action_dir = os.path.abspath(sys.argv[1])
    result_path = sys.argv[2]
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    runs = action["runs"]
    if runs.get("using") != "composite":
        raise SystemExit("run_action: only composite actions are supported")

    given = {}
    for arg in sys.argv[3:]:
        name, sep, val = arg.partition("=")
        if not sep:
            raise SystemExit(f"run_action: input {arg!r} is not NAME=VALUE")
        if name not in action.get("inputs", {}):
            raise SystemExit(f"run_action: the action has no input {name!r}")
        given[name] = val
    inputs = {
        name: given.get(name, str(spec.get("default", "")))
        for name, spec in action.get("inputs", {}).items()
    }

    temp = os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp()
    path_file = os.environ["GITHUB_PATH"]
    steps, record, failed = {}, [], 0
    for n, step in enumerate(runs["steps"]):
        if "uses" in step or "run" not in step:
            raise SystemExit(f"run_action: step {n} is not a run step")
        if step.get("shell") != "bash":
            raise SystemExit(f"run_action: step {n} has shell {step.get('shell')!r}, not bash")
        sid = step.get("id", f"__{n}")
        env = dict(os.environ)
        with open(path_file, encoding="utf-8") as f:
            added = [line for line in f.read().split("\n") if line]
        env["PATH"] = os.pathsep.join(list(reversed(added)) + [os.environ["PATH"]])
        env["GITHUB_ACTION_PATH"] = action_dir
        for name, val in (step.get("env") or {}).items():
            env[name] = substitute(val, inputs, steps, action_dir)
        out_file = os.path.join(temp, f"github-output-{sid}")
        open(out_file, "w").close()
        env["GITHUB_OUTPUT"] = out_file
        script = os.path.join(temp, f"step-{sid}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(substitute(step["run"], inputs, steps, action_dir))
        print(f"::group::step {sid}", flush=True)
        code = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
            env=env,
            cwd=os.environ["GITHUB_WORKSPACE"],
            check=False,
        ).returncode
        print("::endgroup::", flush=True)
        steps[sid] = read_outputs(out_file)
        record.append({"id": sid, "exit_code": code, "outputs": steps[sid]})
        if code != 0:
            failed = code
            break

    outputs = {
        name: substitute(spec.get("value", ""), inputs, steps, action_dir)
        for name, spec in (action.get("outputs") or {}).items()
    }
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump({"steps": record, "outputs": outputs, "exit_code": failed}, f, indent=2)
    sys.exit(failed)


if __name__ == "__main__":
    main()
