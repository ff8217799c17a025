#!/usr/bin/env python3
"""How large and how deeply nested a document secmd handles (issue 13).

For each shape and size, runs the real binary two ways and prints one row:

- CLI: `secmd check --format json FILE` with a timeout; wall time and the
  child's peak RSS (`wait4` rusage);
- server: one `secmd lsp`, didOpen of the document, time to its first
  publishDiagnostics, and the server's peak RSS (VmHWM) minus its RSS
  after `initialize`.

Shapes: a realistic policy of N bytes (`size`, from gendocs.py), and the
nestings Markdown parsers choke on, N levels deep: block quotes
(`> > > x`), list items (`- - - x`), brackets (`[[[x]]]`), and runs of
emphasis delimiters (`*` N times, then `*a ` N times). A row that times
out or crashes is printed as such, never retried.

    python3 bench/limits.py --secmd target/release/secmd                 # the default table
    python3 bench/limits.py --secmd target/release/secmd --shape quotes --n 1000 100000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gendocs  # noqa: E402
from lspclient import LspServer, file_uri, read_status  # noqa: E402

HEAD = "# Security Policy\n\n## Reporting a Vulnerability\n\nEmail security@example.org.\n\n"


def shape(name: str, n: int) -> str:
    if name == "size":
        return gendocs.generate(n, seed=13)
    if name == "quotes":
        return HEAD + "> " * n + "deep\n"
    if name == "lists":
        return HEAD + "- " * n + "deep\n"
    if name == "brackets":
        return HEAD + "[" * n + "deep" + "]" * n + "\n"
    if name == "stars":
        return HEAD + "a" + "*" * n + "b\n"
    if name == "emphasis":
        return HEAD + "*a " * n + "\n"
    if name == "underscores":
        return HEAD + "_a " * n + "\n"
    if name == "spread-brackets":
        return HEAD + "[a " * n + "\n"
    if name == "star-runs":
        # n runs of 1,000 `*` in one paragraph (each run within the limit).
        return HEAD + ("a" + "*" * 1000 + "b ") * n + "\n"
    if name == "emphasis-lines":
        return HEAD + "*a\n" * n
    raise ValueError(name)


DEFAULT = {
    "size": [1 << 20, 4 << 20, 16 << 20, 64 << 20],
    "quotes": [1_000, 10_000, 100_000],
    "lists": [1_000, 10_000, 100_000],
    "brackets": [1_000, 10_000, 100_000],
    "stars": [10_000, 100_000, 1_000_000],
    "emphasis": [1_000, 4_000, 16_000],
    "underscores": [1_000, 4_000, 16_000],
    "spread-brackets": [1_000, 4_000, 16_000],
    "emphasis-lines": [1_000, 4_000, 16_000],
    "star-runs": [1, 4, 16],
}


def run_cli(secmd: str, path: str, timeout: float) -> tuple[str, float, float]:
    """(status, seconds, peak RSS MiB) of one `secmd check`."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [secmd, "check", "--format", "json", "--max-size", "1GiB", path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return "timeout", timeout, usage.ru_maxrss / 1024
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - t0
    code = proc.returncode
    # 0: clean, 1: findings; anything else (a signal, 2) is a failure.
    state = "ok" if code in (0, 1) else f"exit {code}"
    return state, elapsed, usage.ru_maxrss / 1024


async def run_server(secmd: str, path: str, text: str, timeout: float) -> tuple[str, float, float, int]:
    """(status, seconds to first publish, peak RSS beyond idle MiB, diagnostics)."""
    server = LspServer([secmd, "lsp"], env={"SECMD_LOG": "error"}, cwd=os.path.dirname(path))
    await server.start()
    try:
        await server.initialize(os.path.dirname(path))
        idle = read_status(server.pid)["VmRSS"]
        uri = file_uri(path)
        t0 = await server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
            timeout,
        )
        try:
            pub = await server.next_publish(uri, t0, 1, timeout)
        except asyncio.TimeoutError:
            peak = read_status(server.pid)["VmHWM"]
            return "timeout", timeout, (peak - idle) / 1024, 0
        peak = read_status(server.pid)["VmHWM"]
        return "ok", pub.t - t0, (peak - idle) / 1024, pub.count
    except Exception as e:  # a crash: the server closed its pipes
        code = server.proc.returncode if server.proc else None
        return f"error {type(e).__name__} (exit {code})", 0.0, 0.0, 0
    finally:
        await server.stop()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--secmd", required=True)
    p.add_argument("--shape", action="append", choices=sorted(DEFAULT), help="default: all")
    p.add_argument("--n", type=int, nargs="+", help="sizes or depths (default: per shape)")
    p.add_argument("--timeout", type=float, default=120.0)
    p.add_argument("--skip-server", action="store_true")
    args = p.parse_args()
    secmd = os.path.abspath(args.secmd)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    work = tempfile.mkdtemp(prefix="secmd-limits-")
    print("| shape | n | bytes | CLI | CLI s | CLI peak MiB | server | open→diags s | server peak−idle MiB | diags |")
    print("|---|---:|---:|---|---:|---:|---|---:|---:|---:|")
    for name in args.shape or list(DEFAULT):
        for n in args.n or DEFAULT[name]:
            text = shape(name, n)
            folder = os.path.join(work, f"{name}-{n}")
            os.makedirs(folder, exist_ok=True)
            path = os.path.join(folder, "SECURITY.md")
            with open(path, "w") as f:
                f.write(text)
            cli = run_cli(secmd, path, args.timeout)
            if args.skip_server:
                srv = ("-", 0.0, 0.0, 0)
            else:
                srv = asyncio.run(run_server(secmd, path, text, args.timeout))
            print(
                f"| {name} | {n} | {len(text.encode())} | {cli[0]} | {cli[1]:.2f} | {cli[2]:.0f} "
                f"| {srv[0]} | {srv[1]:.2f} | {srv[2]:.0f} | {srv[3]} |",
                flush=True,
            )
            os.remove(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
