#!/usr/bin/env python3
"""Soak test of `secmd lsp`: one server, many open documents, a long stream of
random incremental edits in paranoid mode (SECMD_PARANOID=1).

Fails (exit 1) on any desync, crash or memory growth:
- after every batch of edits, the server's copy of each edited document
  (`secmd/debugDocument`) must equal the client's text, and its incremental
  trees must equal a fresh parse (`verify` is null);
- the server must never log a paranoid mismatch or a panic;
- the live heap (`heapInUse` of `secmd/debugDocument`: glibc's bytes in
  use) is read after warm-up (the first --warmup edits, by default half the
  run), halfway through the rest and at the end. A leak grows with the
  edits, so the last quarter of the run must add at most --heap-tolerance
  (10 %) of the warm-up heap, and the whole second half at most three times
  that. Caches and buffers that keep their largest size settle instead:
  with 10 documents of 3 KB (a 5 MiB heap) the heap rose 0.7 MiB over the
  second half of 16,000 edits and only 0.8 MiB over 40,000, which a single
  10 % bound on the second half failed. Resident memory must stay within
  --rss-tolerance (25 %) of its warm-up value. All are read at rest, 1.5 s
  after the last edit, once the server has trimmed the allocator. Resident memory also
  counts the allocator's free and fragmented pages: with 10 documents it
  moved between -10 % and +15 % over the second half from run to run with no
  change to the server, so it catches only gross retention; the live heap
  is what a leak raises. Where the allocator does not report (not glibc),
  resident memory is the only gate.

Why half the run: resident memory climbs while every document's caches,
trees and allocator arenas settle, then mostly levels off (about 60 edits
per document; see docs/ROBUSTNESS.md, "Memory"). Warmed up for 10 % of the run, a short
soak compared the plateau with a point still on the climb (+25 % with 20
documents, 25 edits each) though nothing leaked. After the plateau, a leak
still shows as growth proportional to the edits, which the second half sees.

Edits are positioned as an editor would, in UTF-16 or UTF-8 columns
(--encoding), over multi-byte and astral characters and CRLF line breaks,
never between a CR and its LF. Documents come from bench/gendocs.py, so the
run is deterministic for a given --seed.

    python3 tests/soak/soak.py --secmd target/release/secmd            # full: 100 docs, 100,000 edits
    python3 tests/soak/soak.py --secmd target/release/secmd --edits 5000 --docs 20   # CI
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench"))

import gendocs  # noqa: E402
from lspclient import LspServer, file_uri, read_status  # noqa: E402

# What edits insert: plain words, Markdown structure, links the rules look
# at, multi-byte and astral characters, CRLF and LF breaks.
PIECES = [
    "a", "x", " ", "word ", "\n", "\r\n", "\n\n", "# ", "## Reporting\n", "### Supported Versions\n",
    "| 1.x | yes |\n", "- item\n", "> quote ", "`code` ", "```\n", "<!-- secmd-disable -->",
    "http://example.org/x ", "[link](#reporting) ", "[doc](./missing.md) ", "security@example.org ",
    "Last updated: 2020-01-01\n", "within 30 days ", "é", "—", "中文", "😀", "🔒 ", "\t", "*", "_",
    "<details>", "</details>\n", "[^1]: note\n",
]


def utf16_len(s: str) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in s)


class Doc:
    """The client's copy of one document."""

    def __init__(self, uri: str, text: str):
        self.uri = uri
        self.text = text
        self.version = 1
        # Edits keep the size near this, so memory can be compared over time.
        self.target = len(text)

    def position(self, offset: int, enc: str) -> dict:
        """LSP position of a character offset (lines end at LF, CRLF or CR)."""
        before = self.text[:offset]
        line = before.count("\n") + before.count("\r") - before.count("\r\n")
        start = max(before.rfind("\n"), before.rfind("\r")) + 1
        col_text = before[start:]
        col = utf16_len(col_text) if enc == "utf-16" else len(col_text.encode())
        return {"line": line, "character": col}

    def valid_offset(self, offset: int) -> int:
        """Moves an offset that falls between CR and LF before the CR."""
        if 0 < offset < len(self.text) and self.text[offset - 1] == "\r" and self.text[offset] == "\n":
            return offset - 1
        return offset


def random_edit(rng: random.Random, doc: Doc, enc: str) -> dict:
    n = len(doc.text)
    start = doc.valid_offset(rng.randint(0, n))
    # Mostly typing and small deletions; sometimes a larger cut or paste.
    # A document 10 % off its starting size is steered back towards it.
    kind = rng.random()
    if n > doc.target * 1.1:
        kind = 0.55 + kind * 0.45
    elif n < doc.target * 0.9:
        kind = kind * 0.55
    if kind < 0.55:
        end = start
    elif kind < 0.9:
        end = doc.valid_offset(min(n, start + rng.randint(1, 8)))
    else:
        end = doc.valid_offset(min(n, start + rng.randint(1, 400)))
    if kind < 0.55:
        new = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
    elif kind < 0.9:
        new = rng.choice(["", "", rng.choice(PIECES)])
    else:
        new = ""
    rng_range = {"start": doc.position(start, enc), "end": doc.position(end, enc)}
    doc.text = doc.text[:start] + new + doc.text[end:]
    doc.version += 1
    return {"range": rng_range, "text": new}


class SoakServer(LspServer):
    """Counts publishes instead of queueing them (100,000 would pile up)."""

    published = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.log_problems: list[str] = []

    async def _drain_stderr(self) -> None:
        # Every line is looked at (the base class keeps only a tail).
        assert self.proc and self.proc.stderr
        while True:
            line = await self.proc.stderr.readline()
            if not line:
                return
            text = line.decode("utf-8", "replace").rstrip()
            self.stderr_tail = (self.stderr_tail + line)[-4000:]
            if "paranoid" in text or "panic" in text:
                self.log_problems.append(text)

    async def _dispatch(self, msg: dict, t: float, size: int = 0) -> None:
        if msg.get("method") == "textDocument/publishDiagnostics":
            self.published += 1
            return
        await super()._dispatch(msg, t, size)


async def check_docs(server: LspServer, docs: list[Doc]) -> list[str]:
    problems = []
    for d in docs:
        _, _, got = await server.request("secmd/debugDocument", {"textDocument": {"uri": d.uri}}, 120)
        if got["text"] != d.text:
            problems.append(f"{d.uri} v{d.version}: server text differs from the client's")
        if got["verify"] is not None:
            problems.append(f"{d.uri} v{d.version}: {got['verify']}")
        if got["version"] != d.version:
            problems.append(f"{d.uri}: server at version {got['version']}, client at {d.version}")
    return problems


async def idle_memory(server: "SoakServer", doc: Doc) -> tuple[int, int | None]:
    """Resident memory (KiB) and the live heap (bytes, None when the
    allocator does not say) once the server has been idle long enough to
    give freed memory back (secmd-lsp's memory.rs trims 500 ms after a
    burst of work): both reference points are then read at rest, so the
    comparison sees memory kept, not a parse's transient peak."""
    await asyncio.sleep(1.5)
    rss = read_status(server.pid)["VmRSS"]
    _, _, got = await server.request("secmd/debugDocument", {"textDocument": {"uri": doc.uri}}, 120)
    return rss, got.get("heapInUse")


def mib(n: int | None, unit: int) -> str:
    return "unknown" if n is None else f"{n / unit:.1f} MiB"


async def soak(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    workdir = tempfile.mkdtemp(prefix="secmd-soak-")
    server = SoakServer(
        [args.secmd, "lsp"],
        env={"SECMD_PARANOID": "1", "SECMD_TODAY": "2026-11-23", "SECMD_LOG": "error"},
        cwd=workdir,
    )
    import lspclient

    lspclient.CLIENT_CAPABILITIES["general"]["positionEncodings"] = [args.encoding]
    await server.start()
    t_start = time.perf_counter()
    try:
        await server.initialize(workdir)
        docs = []
        for i in range(args.docs):
            text = gendocs.generate(args.doc_size, seed=args.seed + i)
            doc = Doc(file_uri(os.path.join(workdir, f"p{i}", "SECURITY.md")), text)
            docs.append(doc)
            await server.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": doc.uri, "languageId": "markdown", "version": 1, "text": text}},
            )
        problems = await check_docs(server, docs)
        rss_warm = heap_warm = heap_mid = None
        mid_point = args.warmup + (args.edits - args.warmup) // 2
        done = 0
        while done < args.edits and not problems:
            batch = min(args.batch, args.edits - done)
            touched = {}
            for _ in range(batch):
                d = rng.choice(docs)
                change = random_edit(rng, d, args.encoding)
                touched[d.uri] = d
                await server.notify(
                    "textDocument/didChange",
                    {"textDocument": {"uri": d.uri, "version": d.version}, "contentChanges": [change]},
                )
            done += batch
            problems += await check_docs(server, list(touched.values()))
            problems += server.log_problems
            server.log_problems = []
            if server.proc.returncode is not None:
                problems.append(f"server exited with status {server.proc.returncode}")
            if rss_warm is None and done >= args.warmup:
                rss_warm, heap_warm = await idle_memory(server, docs[0])
                size = sum(len(d.text.encode()) for d in docs)
                print(
                    f"warm-up: {done} edits, RSS {rss_warm / 1024:.1f} MiB, "
                    f"heap {mib(heap_warm, 1 << 20)}, text {size / 1024:.0f} KiB",
                    flush=True,
                )
            if heap_warm is not None and heap_mid is None and done >= mid_point:
                _, heap_mid = await idle_memory(server, docs[0])
                print(f"halfway after warm-up: {done} edits, heap {mib(heap_mid, 1 << 20)}", flush=True)
            if done % args.report_every < batch:
                rss = read_status(server.pid)["VmRSS"]
                print(
                    f"{done} edits, {time.perf_counter() - t_start:.0f} s, RSS {rss / 1024:.1f} MiB, "
                    f"{server.published} publishes",
                    flush=True,
                )
        problems += await check_docs(server, docs)
        problems += server.log_problems
        rss_end, heap_end = await idle_memory(server, docs[0])
        status = read_status(server.pid)
        elapsed = time.perf_counter() - t_start
        size = sum(len(d.text.encode()) for d in docs)
        print(
            f"end: {done} edits on {len(docs)} documents ({args.encoding}, text {size / 1024:.0f} KiB) "
            f"in {elapsed:.0f} s, "
            f"{server.published} publishes, RSS {rss_end / 1024:.1f} MiB "
            f"(after warm-up {(rss_warm or 0) / 1024:.1f} MiB), peak {status['VmHWM'] / 1024:.1f} MiB, "
            f"heap {mib(heap_end, 1 << 20)} (after warm-up {mib(heap_warm, 1 << 20)})",
            flush=True,
        )
        if heap_warm and heap_mid and heap_end and heap_end - heap_mid > heap_warm * args.heap_tolerance:
            problems.append(
                f"the live heap grew {100 * (heap_end - heap_mid) / heap_warm:.1f} % of its warm-up size "
                f"in the last quarter of the run (limit {100 * args.heap_tolerance:.0f} %): it grows with the edits"
            )
        if heap_warm and heap_end and heap_end > heap_warm * (1 + 3 * args.heap_tolerance):
            problems.append(
                f"the live heap grew {100 * (heap_end / heap_warm - 1):.1f} % after warm-up "
                f"(limit {300 * args.heap_tolerance:.0f} %)"
            )
        if rss_warm and rss_end > rss_warm * (1 + args.rss_tolerance):
            problems.append(
                f"resident memory grew {100 * (rss_end / rss_warm - 1):.1f} % after warm-up "
                f"(limit {100 * args.rss_tolerance:.0f} %)"
            )
    finally:
        await server.stop()
    for p in problems[:20]:
        print(f"soak: {p}", file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--secmd", required=True)
    p.add_argument("--docs", type=int, default=100)
    p.add_argument("--edits", type=int, default=100_000)
    p.add_argument("--warmup", type=int, default=None, help="edits before the reference RSS (default: half)")
    p.add_argument("--batch", type=int, default=200, help="edits between two checks")
    p.add_argument("--report-every", type=int, default=10_000, help="edits between two RSS lines")
    p.add_argument("--doc-size", type=int, default=3000)
    p.add_argument("--encoding", choices=["utf-16", "utf-8"], default="utf-16")
    p.add_argument("--rss-tolerance", type=float, default=0.25)
    p.add_argument("--heap-tolerance", type=float, default=0.10)
    p.add_argument("--seed", type=int, default=13)
    args = p.parse_args()
    args.secmd = os.path.abspath(args.secmd)
    if args.warmup is None:
        args.warmup = max(args.batch, args.edits // 2)
    return asyncio.run(soak(args))


if __name__ == "__main__":
    sys.exit(main())
