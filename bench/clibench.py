"""Whole-process CLI timing and peak RSS.

Commands of one case are interleaved round by round (A B C, A B C, ...) after
one warm-up round, so slow phases of a shared, noisy machine hit every command
alike; each figure is the median over the rounds. Output goes to /dev/null.
Exit codes 0 and 1 ("found problems") count as success; anything else is
recorded as an error and the timing is not used (for the corpus, exit code 2
with a message on stderr and no panic is accepted too: the corpus holds one
deliberately non-UTF-8 file, which `secmd check` reports as a file error).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time

OK_CODES = (0, 1)


def _run_once(argv: list[str], env: dict, cwd: str) -> tuple[float, int, int]:
    """Return (wall seconds, exit code, peak RSS kB) of one run."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=env, cwd=cwd,
    )
    _, status, rusage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return dt, p.returncode, rusage.ru_maxrss


def time_case(commands: dict[str, list[str]], envs: dict[str, dict], cwd: str,
              rounds: int, warmup: int = 1, budget_s: float = 240.0,
              ok_codes: tuple[int, ...] = OK_CODES) -> dict:
    """Time every command of a case, interleaved. Stops early (keeping at
    least 3 rounds) if the case exceeds budget_s."""
    res = {name: {"times_s": [], "codes": set(), "maxrss_kb": 0} for name in commands}
    start = time.perf_counter()
    for r in range(warmup + rounds):
        for name, argv in commands.items():
            env = dict(os.environ)
            env.update(envs.get(name, {}))
            dt, code, rss = _run_once(argv, env, cwd)
            entry = res[name]
            entry["codes"].add(code)
            entry["maxrss_kb"] = max(entry["maxrss_kb"], rss)
            if r >= warmup:
                entry["times_s"].append(dt)
        if r >= warmup + 2 and time.perf_counter() - start > budget_s:
            break
    for entry in res.values():
        bad = sorted(c for c in entry["codes"] if c not in ok_codes)
        entry["codes"] = sorted(entry["codes"])
        if bad:
            entry["error"] = f"exit code(s) {bad}"
        elif entry["times_s"]:
            entry["median_s"] = statistics.median(entry["times_s"])
            entry["min_s"] = min(entry["times_s"])
    return res


def peak_rss(argv: list[str], env_extra: dict, cwd: str) -> dict:
    """Peak RSS of one run, read by GNU time (/usr/bin/time -f %M).

    Not wait4() from Python: a child forked or vforked by a process inherits
    that process's RSS high-water mark across exec, so ru_maxrss would never
    read below this Python interpreter's own ~25 MB. GNU time is tiny.
    """
    env = dict(os.environ)
    env.update(env_extra)
    gnu_time = "/usr/bin/time"
    if not os.access(gnu_time, os.X_OK):
        dt, code, rss = _run_once(argv, env, cwd)
        out = {"maxrss_kb": rss, "code": code, "wall_s": dt,
               "note": "no /usr/bin/time: ru_maxrss includes the Python parent's RSS"}
    else:
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            dt, code, _ = _run_once([gnu_time, "-f", "%M", "-o", tf.name, *argv], env, cwd)
            text = tf.read().strip().splitlines()
        out = {"maxrss_kb": int(text[-1]) if text and text[-1].isdigit() else None,
               "code": code, "wall_s": dt}
    if code not in OK_CODES:
        out["error"] = f"exit code {code}"
    return out
