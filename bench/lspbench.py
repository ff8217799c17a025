"""Server latency and memory benchmarks, run against any stdio LSP server.

Each scenario starts a fresh server process in an empty temporary workspace,
runs, and kills the server by PID in `finally` (rumdl ignores `exit`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shutil
import signal
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
    servers: dict[str, tuple[list[str], dict | None]], text: str, n_edits: int, timeout: float,
    opens: int = 1, edit_budget: float | None = None, min_edits: int = 10,
) -> dict[str, dict]:
    """didOpen -> first publish, then n one-char didChange -> matching publish,
    for several servers *interleaved*: all are started (each in its own empty
    workspace) and hold the same document; every step is done on one server,
    waited for, then on the next, alternating the order from step to step.
    On a shared, noisy machine the servers thus meet the same load, and the
    ratio of their medians compares like with like. Only one server works at
    any time: the others are idle, waiting for our next message."""
    names = list(servers)
    res = {n: {"open_s": None, "opens_s": [], "edits_s": [], "extra_publishes": 0, "diagnostics": None,
               "versions": []} for n in names}
    live: dict[str, tuple[LspServer, str]] = {}
    workspaces: dict[str, Workspace] = {}
    stack = contextlib.ExitStack()

    def fail(name: str, e: BaseException) -> None:
        res[name]["error"] = f"{type(e).__name__}: {e}"
        srv = live.get(name, (None,))[0]
        if srv is not None and srv.stderr_tail:
            res[name]["stderr"] = srv.stderr_tail.decode(errors="replace")[-800:]

    try:
        for name in names:
            ws = stack.enter_context(Workspace())
            workspaces[name] = ws
            argv, env = servers[name]
            try:
                srv, _ = await _start(argv, env, ws)
                live[name] = (srv, ws.doc_uri(0))
            except Exception as e:
                fail(name, e)
        # didOpen -> first diagnostics, `opens` times under fresh URIs (each
        # closed again but the last, which the edits then go to), interleaved.
        for k in range(opens):
            order = list(live) if k % 2 == 0 else list(reversed(live))
            for name in order:
                srv, _ = live[name]
                uri = workspaces[name].doc_uri(k)
                try:
                    t0 = await srv.notify("textDocument/didOpen", _open_params(uri, text), timeout)
                    pub = await srv.next_publish(uri, t0, 1, timeout)
                    res[name]["opens_s"].append(pub.t - t0)
                    # servers may publish again right after open (rumdl does once)
                    res[name]["extra_publishes"] += await srv.drain_publishes(
                        quiet=0.3, limit=timeout
                    )
                    if k < opens - 1:
                        await srv.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                        await srv.drain_publishes(quiet=0.1, limit=timeout)
                    live[name] = (srv, uri)
                except Exception as e:
                    fail(name, e)
                    await srv.stop()
                    del live[name]
        t_edits = time.perf_counter()
        for i, (line, col) in enumerate(plan_edits(text, n_edits)):
            if (edit_budget is not None and i >= min_edits
                    and time.perf_counter() - t_edits > edit_budget):
                for r in res.values():
                    r["budget_stop"] = f"{i} of {n_edits} edits within the {edit_budget:.0f} s budget"
                break
            v = i + 2
            order = list(live) if i % 2 == 0 else list(reversed(live))
            for name in order:
                srv, uri = live[name]
                try:
                    before = srv.stats.bytes_in
                    t0 = await srv.notify(
                        "textDocument/didChange", _change_params(uri, v, line, col), timeout
                    )
                    pub = await srv.next_publish(uri, t0, v, timeout)
                    # bytes the client read for this edit: the payload
                    res[name]["edit_bytes"] = srv.stats.bytes_in - before
                    res[name]["edits_s"].append(pub.t - t0)
                    res[name]["versions"].append(pub.version)
                    res[name]["diagnostics"] = pub.count
                    res[name]["extra_publishes"] += await srv.drain_publishes(
                        quiet=0.05, limit=timeout
                    )
                except Exception as e:
                    fail(name, e)
                    await srv.stop()
                    del live[name]
        for name, (srv, _) in live.items():
            res[name]["server_requests"] = srv.stats.server_requests
    finally:
        for srv, _ in live.values():
            await srv.stop()
        stack.close()
    for r in res.values():
        versions = r.pop("versions")
        r["versioned"] = bool(versions) and all(v is not None for v in versions)
        if r["opens_s"]:
            r["open_s"] = statistics.median(r["opens_s"])
        if r["edits_s"]:
            r["median_s"] = statistics.median(r["edits_s"])
            r["p95_s"] = pct(r["edits_s"], 95)
    return res


RSS_CAP_KB = int(os.environ.get("SECMD_BENCH_RSS_CAP_MB", "6144")) * 1024


async def measure_memory(
    argv: list[str], env: dict | None, texts: list[str], edits: int, timeout: float
) -> dict:
    """Idle RSS after initialize, then open every text (distinct URIs), wait for
    each first publish, make a few one-char edits to the last one, and read the
    peak (VmHWM) and current RSS.

    The machine is shared: a server whose RSS passes RSS_CAP_KB (6 GiB, or
    SECMD_BENCH_RSS_CAP_MB) is killed, and the result records the peak per
    open MB reached so far (a lower bound) with `capped`."""
    res: dict = {"open_bytes": sum(len(t) for t in texts), "docs": len(texts)}
    opened = [0]  # bytes of the documents sent so far
    watch: dict = {}

    async def watchdog(pid: int) -> None:
        while True:
            try:
                st = read_status(pid)
            except OSError:
                return
            watch["hwm_kb"] = st["VmHWM"]
            if st["VmRSS"] > RSS_CAP_KB:
                watch["capped"] = True
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                return
            await asyncio.sleep(0.2)

    with Workspace() as ws:
        srv = None
        try:
            srv, _ = await _start(argv, env, ws)
            await asyncio.sleep(0.5)
            st = read_status(srv.pid)
            res["idle_rss_kb"] = st["VmRSS"]
            res["idle_hwm_kb"] = st["VmHWM"]
            watcher = asyncio.create_task(watchdog(srv.pid))
            for i, text in enumerate(texts):
                uri = ws.doc_uri(i)
                opened[0] += len(text)
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
            watcher.cancel()
        except Exception as e:
            if watch.get("capped"):
                res["capped"] = {"cap_kb": RSS_CAP_KB, "hwm_kb": watch["hwm_kb"],
                                 "open_bytes": opened[0]}
                e = RuntimeError(
                    f"killed at the {RSS_CAP_KB // 1024} MB RSS cap with "
                    f"{opened[0] / 1e6:.1f} MB of documents sent")
            res["error"] = f"{type(e).__name__}: {e}"
            if srv is not None and srv.stderr_tail:
                res["stderr"] = srv.stderr_tail.decode(errors="replace")[-800:]
        finally:
            if srv is not None:
                await srv.stop()
    return res
