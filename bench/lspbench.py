"""Server latency and memory benchmarks, run against any stdio LSP server.

Each scenario starts a fresh server process in an empty temporary workspace,
runs, and kills the server by PID in `finally` (rumdl ignores `exit`).
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import tempfile
import time

from lspclient import LspServer, file_uri, read_status

EDIT_SEED = 6  # issue 6


def plan_edits(text: str, n: int, seed: int = EDIT_SEED) -> list[tuple[int, int]]:
    """n one-character insertions as (line, column); even ones at a line
    start, odd ones mid-line. Deterministic for a given text and seed, so both
    servers receive exactly the same edits."""
    lens = [len(x) for x in text.split("\n")]
    rng = random.Random(seed * 7919 + len(text))
    edits = []
    for i in range(n):
        line = rng.randrange(len(lens))
        if i % 2 == 0 or lens[line] == 0:
            col = 0
        else:
            col = rng.randint(1, lens[line])
        edits.append((line, col))
        lens[line] += 1  # the inserted 'x'
    return edits


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


def _open_params(uri: str, text: str, version: int = 1) -> dict:
    return {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}


def _change_params(uri: str, version: int, line: int, col: int, new: str = "x") -> dict:
    pos = {"line": line, "character": col}
    return {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": pos, "end": pos}, "text": new}],
    }


class Workspace:
    """An empty temporary workspace folder (no config files, no documents on disk)."""

    def __enter__(self):
        self.root = tempfile.mkdtemp(prefix="secmd-bench-")
        return self

    def doc_uri(self, i: int) -> str:
        d = os.path.join(self.root, f"d{i}")
        os.makedirs(d, exist_ok=True)
        return file_uri(os.path.join(d, "SECURITY.md"))

    def __exit__(self, *exc):
        shutil.rmtree(self.root, ignore_errors=True)


async def _start(argv: list[str], env: dict | None, ws: Workspace) -> tuple[LspServer, float]:
    """Spawn and initialize; return the server and spawn->initialize-result seconds."""
    srv = LspServer(argv, env=env, cwd=ws.root)
    t0 = time.perf_counter()
    try:
        await srv.start()
        await srv.initialize(ws.root, timeout=30.0)
    except BaseException:
        await srv.stop()
        raise
    return srv, time.perf_counter() - t0


async def measure_init(argv: list[str], env: dict | None, runs: int) -> dict:
    """Cold start (spawn -> initialize result) and the initialize request's own
    round trip, fresh process each run."""
    out, rtt = [], []
    for _ in range(runs):
        with Workspace() as ws:
            srv = None
            try:
                t0 = time.perf_counter()
                srv = LspServer(argv, env=env, cwd=ws.root)
                await srv.start()
                rtt.append(await srv.initialize(ws.root, timeout=30.0))
                out.append(time.perf_counter() - t0)
            finally:
                if srv is not None:
                    await srv.stop()
    return {"times_s": out, "request_s": rtt}


async def measure_latency(
    argv: list[str], env: dict | None, text: str, n_edits: int, timeout: float
) -> dict:
    """didOpen -> first publish, then n one-char didChange -> matching publish."""
    res: dict = {"open_s": None, "edits_s": [], "extra_publishes": 0, "diagnostics": None}
    with Workspace() as ws:
        srv = None
        try:
            srv, _ = await _start(argv, env, ws)
            uri = ws.doc_uri(0)
            t0 = await srv.notify("textDocument/didOpen", _open_params(uri, text), timeout)
            pub = await srv.next_publish(uri, t0, 1, timeout)
            res["open_s"] = pub.t - t0
            res["open_version_sent"] = pub.version is not None
            # servers may publish again right after open (rumdl does once)
            res["extra_publishes"] += await srv.drain_publishes(quiet=0.3, limit=timeout)
            versions_seen = []
            for i, (line, col) in enumerate(plan_edits(text, n_edits)):
                v = i + 2
                t0 = await srv.notify(
                    "textDocument/didChange", _change_params(uri, v, line, col), timeout
                )
                pub = await srv.next_publish(uri, t0, v, timeout)
                res["edits_s"].append(pub.t - t0)
                versions_seen.append(pub.version)
                res["diagnostics"] = pub.count
                res["extra_publishes"] += await srv.drain_publishes(quiet=0.05, limit=timeout)
            res["versioned"] = all(v is not None for v in versions_seen)
            res["server_requests"] = srv.stats.server_requests
        except Exception as e:  # recorded in the report, never hidden
            res["error"] = f"{type(e).__name__}: {e}"
            if srv is not None and srv.stderr_tail:
                res["stderr"] = srv.stderr_tail.decode(errors="replace")[-800:]
        finally:
            if srv is not None:
                await srv.stop()
    if res["edits_s"]:
        res["median_s"] = statistics.median(res["edits_s"])
        res["p95_s"] = pct(res["edits_s"], 95)
    return res


async def measure_memory(
    argv: list[str], env: dict | None, texts: list[str], edits: int, timeout: float
) -> dict:
    """Idle RSS after initialize, then open every text (distinct URIs), wait for
    each first publish, make a few one-char edits to the last one, and read the
    peak (VmHWM) and current RSS."""
    res: dict = {"open_bytes": sum(len(t) for t in texts), "docs": len(texts)}
    with Workspace() as ws:
        srv = None
        try:
            srv, _ = await _start(argv, env, ws)
            await asyncio.sleep(0.5)
            st = read_status(srv.pid)
            res["idle_rss_kb"] = st["VmRSS"]
            res["idle_hwm_kb"] = st["VmHWM"]
            for i, text in enumerate(texts):
                uri = ws.doc_uri(i)
                t0 = await srv.notify("textDocument/didOpen", _open_params(uri, text), timeout)
                await srv.next_publish(uri, t0, 1, timeout)
            await srv.drain_publishes(quiet=0.3, limit=timeout)
            for i, (line, col) in enumerate(plan_edits(texts[-1], edits)):
                t0 = await srv.notify(
                    "textDocument/didChange", _change_params(uri, i + 2, line, col), timeout
                )
                await srv.next_publish(uri, t0, i + 2, timeout)
            await srv.drain_publishes(quiet=0.3, limit=timeout)
            st = read_status(srv.pid)
            res["hwm_kb"] = st["VmHWM"]
            res["rss_kb"] = st["VmRSS"]
        except Exception as e:
            res["error"] = f"{type(e).__name__}: {e}"
            if srv is not None and srv.stderr_tail:
                res["stderr"] = srv.stderr_tail.decode(errors="replace")[-800:]
        finally:
            if srv is not None:
                await srv.stop()
    return res
