"""CPU time per keystroke of two secmd binaries, for a before/after check on a
busy machine.

Wall-clock latency on a loaded 2-core machine mostly measures the load; the
CPU time the server process itself spends (user + system, all threads, from
/proc/PID/stat) is far less sensitive to it. For each document size this
starts one server per binary, opens the same generated document (bench/
gendocs.py), waits for its diagnostics, then sends the same one-character
edits (bench/lspbench.plan_edits), waiting for each edit's publish; the CPU
time spent between the first and the last publish, divided by the number of
edits, is the cost of a keystroke. Binaries alternate order on every round
and every round starts fresh processes; the medians over rounds and their
ratio (after / before) are printed as a Markdown table.

  python3 bench/cpucompare.py BEFORE_BIN AFTER_BIN [--sizes 10k,100k,1m,10m-quiet]
                              [--rounds 3] [--edits 60]

A size written `shape:NAME:SIZE` (`shape:table:1m`, `shape:faq:10m`) is a
document of bench/genshapes.py instead, edited as bench/shapes.py edits it:
one character in the middle of every third non-empty line from the middle
on (issue 12's keystroke). `shape:NAME:SIZE:heading` edits heading lines
instead: one character at the end of each heading from the middle on, so
every edit renames a heading. The `xfile` shape is not supported (its linked
files are not written).

Limits: clock-tick resolution (10 ms) — the edit count is scaled so that each
measurement spans at least about a second of CPU; cache and memory-bandwidth
contention from other processes still inflate CPU time a little (equally for
both binaries when they alternate).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from gendocs import SIZES, generate  # noqa: E402
import genshapes  # noqa: E402
from lspbench import Workspace, _change_params, _open_params, _start, plan_edits  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of the whole process (every thread), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


async def one_run(binary: str, text: str, edits: list[tuple[int, int]], timeout: float) -> dict:
    """Fresh server: open, then every edit; CPU seconds for the open and per edit."""
    with Workspace() as ws:
        srv, _ = await _start([binary, "lsp"], None, ws)
        try:
            uri = ws.doc_uri(0)
            c0 = cpu_seconds(srv.pid)
            t0 = await srv.notify("textDocument/didOpen", _open_params(uri, text), timeout)
            await srv.next_publish(uri, t0, 1, timeout)
            await srv.drain_publishes(quiet=0.2, limit=timeout)
            c1 = cpu_seconds(srv.pid)
            for i, (line, col) in enumerate(edits):
                v = i + 2
                t = await srv.notify("textDocument/didChange", _change_params(uri, v, line, col), timeout)
                await srv.next_publish(uri, t, v, timeout)
            c2 = cpu_seconds(srv.pid)
            return {"open": c1 - c0, "edit": (c2 - c1) / len(edits)}
        finally:
            await srv.stop()


def heading_edits(text: str, n: int) -> list[tuple[int, int]]:
    """n one-character insertions at the end of heading lines from the
    middle on: each renames a heading (its anchor goes, another comes)."""
    lines = text.split("\n")
    edits = [(i, len(line)) for i, line in enumerate(lines)
             if i >= len(lines) // 2 and line.startswith("#")][:n]
    if not edits:
        raise SystemExit("no heading after the middle of the document")
    return edits


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--sizes", default="10k,100k,1m,10m,10m-quiet")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--edits", type=int, default=60, help="edits per run at 1 MB (scaled by size)")
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args()
    bins = {"before": os.path.abspath(args.before), "after": os.path.abspath(args.after)}
    print(f"before = {bins['before']}\nafter  = {bins['after']}\n")
    print("| document | edits/run | before CPU/edit | after CPU/edit | after ÷ before "
          "| before CPU open | after CPU open | after ÷ before |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes.split(","):
        shape = size.split(":") if size.startswith("shape:") else None
        if shape:
            text = genshapes.generate(shape[1], shape[2], 0).text
        else:
            text = generate(SIZES[size], quiet=size.endswith("-quiet"))
        # small documents cost little per edit: more edits keep the total well
        # above the clock tick; big ones fewer, to bound the run.
        scale = 4 if len(text) < 200_000 else 1 if len(text) < 2_000_000 else 0.3
        n = max(10, int(args.edits * scale))
        if shape and shape[3:] == ["heading"]:
            edits = heading_edits(text, n)
        elif shape:
            edits = genshapes.generate(shape[1], shape[2], n).edits
        else:
            edits = plan_edits(text, n)
        got: dict[str, list[dict]] = {k: [] for k in bins}
        for r in range(args.rounds):
            order = list(bins) if r % 2 == 0 else list(reversed(bins))
            for name in order:
                got[name].append(await one_run(bins[name], text, edits, args.timeout))
        med = {k: {m: statistics.median(x[m] for x in v) for m in ("open", "edit")} for k, v in got.items()}
        b, a = med["before"], med["after"]
        print(f"| {size} ({len(text):,} B) | {n} | {b['edit'] * 1e3:.2f} ms | {a['edit'] * 1e3:.2f} ms | "
              f"{a['edit'] / b['edit']:.2f} | {b['open'] * 1e3:.0f} ms | {a['open'] * 1e3:.0f} ms | "
              f"{a['open'] / b['open']:.2f} |", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
