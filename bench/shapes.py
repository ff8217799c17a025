"""Shape benchmark (issue 12): per-keystroke cost on documents of every shape.

For each shape of genshapes.py and each size, every server under test (one or
more secmd binaries, and rumdl's server as the peer) is started in its own
temporary workspace holding the shape's extra files, opens the policy
(didOpen -> first publishDiagnostics) and then gets the same one-character
edits in the middle of the document (didChange -> the publish carrying that
version), servers interleaved step by step so they meet the same load.

Every wait is bounded: a server that does not answer within the timeout is
killed and reported as "> N s"; a server over the limit at one size is not
run at the larger sizes of that shape ("not run"). Results go to a JSON file
and, as a Markdown section, into a report (`--into`, replacing the section
between the shape markers, or appended).

    python3 bench/shapes.py --server after=target/release/secmd \
        [--server before=/tmp/main-rel/target/release/secmd] --rumdl bench/.venv/bin/rumdl \
        [--sizes 100k,1m,10m] [--shapes faq,table] [--smoke] --json OUT.json [--into docs/PERFORMANCE.md]

`--changes N` sends each edit as one didChange of N one-character content
changes (batch edits, issue 13.8); render such a run's JSON on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import genshapes  # noqa: E402
from lspclient import LspServer, file_uri  # noqa: E402

SECMD_ENV = {"SECMD_TODAY": "2026-11-23"}
BEGIN, END = "<!-- shapes:begin -->", "<!-- shapes:end -->"


def log(msg: str) -> None:
    print(f"[shapes {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _open(uri: str, text: str) -> dict:
    return {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}


def _change(uri: str, version: int, line: int, col: int, changes: int = 1) -> dict:
    """One didChange typing `changes` characters at (line, col), one content
    change each (as a macro or a multi-cursor edit sends them)."""
    def one(k: int) -> dict:
        pos = {"line": line, "character": col + k}
        return {"range": {"start": pos, "end": pos}, "text": "x"}
    return {"textDocument": {"uri": uri, "version": version},
            "contentChanges": [one(k) for k in range(changes)]}


class Live:
    def __init__(self, name: str, srv: LspServer, root: str, uri: str):
        self.name, self.srv, self.root, self.uri = name, srv, root, uri


async def _start(name: str, argv: list[str], env: dict | None, files: dict[str, str]) -> Live:
    root = tempfile.mkdtemp(prefix="secmd-shapes-")
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    srv = LspServer(argv, env=env, cwd=root)
    try:
        await srv.start()
        await srv.initialize(root, timeout=30.0)
    except BaseException:
        await srv.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return Live(name, srv, root, file_uri(os.path.join(root, "SECURITY.md")))


async def measure(servers: dict, shape: genshapes.Shape, n_edits: int, open_timeout: float,
                  edit_timeout: float, budget: float, changes: int = 1) -> dict[str, dict]:
    """didOpen and edit latencies of every server on one document."""
    res = {n: {"edits_s": []} for n in servers}
    live: list[Live] = []

    async def drop(lv: Live, what: str, limit: float, e: BaseException) -> None:
        timed_out = isinstance(e, asyncio.TimeoutError)
        res[lv.name]["over"] = limit if timed_out else None
        res[lv.name]["error"] = f"no {what} within {limit:.0f} s" if timed_out else f"{type(e).__name__}: {e}"
        await lv.srv.stop()
        shutil.rmtree(lv.root, ignore_errors=True)
        live.remove(lv)

    try:
        for name, (argv, env) in servers.items():
            try:
                live.append(await _start(name, argv, env, shape.files))
            except Exception as e:
                res[name]["error"] = f"start: {type(e).__name__}: {e}"
        for lv in list(live):
            try:
                t0 = await lv.srv.notify("textDocument/didOpen", _open(lv.uri, shape.text), open_timeout)
                pub = await lv.srv.next_publish(lv.uri, t0, 1, open_timeout)
                res[lv.name]["open_s"] = pub.t - t0
                res[lv.name]["diagnostics"] = pub.count
                await lv.srv.drain_publishes(quiet=0.3, limit=open_timeout)
            except Exception as e:
                await drop(lv, "diagnostics after didOpen", open_timeout, e)
        t_start = time.perf_counter()
        for i, (line, col) in enumerate(shape.edits[:n_edits]):
            if i >= 3 and time.perf_counter() - t_start > budget:
                break
            order = live if i % 2 == 0 else list(reversed(live))
            for lv in list(order):
                try:
                    t0 = await lv.srv.notify("textDocument/didChange", _change(lv.uri, i + 2, line, col, changes),
                                             edit_timeout)
                    pub = await lv.srv.next_publish(lv.uri, t0, i + 2, edit_timeout)
                    res[lv.name]["edits_s"].append(pub.t - t0)
                    res[lv.name]["diagnostics"] = pub.count
                    res[lv.name]["publish_bytes"] = pub.size
                    await lv.srv.drain_publishes(quiet=0.05, limit=edit_timeout)
                except Exception as e:
                    await drop(lv, "diagnostics after an edit", edit_timeout, e)
    finally:
        for lv in live:
            await lv.srv.stop()
            shutil.rmtree(lv.root, ignore_errors=True)
    for r in res.values():
        if r["edits_s"]:
            r["edit_s"] = statistics.median(r["edits_s"])
    return res


async def run(args) -> dict:
    servers = {}
    for spec in args.server:
        label, _, path = spec.partition("=")
        servers[label] = ([os.path.abspath(path), "lsp"], SECMD_ENV)
    if args.rumdl:
        servers["rumdl"] = ([os.path.abspath(args.rumdl), "server", "--no-config"], {})
    floor_argv = [sys.executable, os.path.join(HERE, "transport_floor.py")]
    sizes = args.sizes.split(",")
    limits = {}
    for spec in args.only_sizes:
        name, _, only = spec.partition("=")
        limits[name] = only.split(",")
    shapes = args.shapes.split(",") if args.shapes else list(genshapes.SHAPES)
    out = {"sizes": sizes, "shapes": shapes, "servers": list(servers) + (["floor"] if args.floor else []),
           "results": {},
           "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "loadavg_start": os.getloadavg(), "nproc": os.cpu_count(),
           "edits": args.edits, "changes": args.changes, "open_timeout": args.open_timeout, "edit_timeout": args.edit_timeout}
    for shape_name in shapes:
        per = out["results"].setdefault(shape_name, {})
        given_up: set[str] = set()
        for size in sizes:
            shape = genshapes.generate(shape_name, size, args.edits)
            todo = {n: servers[n] for n in servers if n not in given_up
                    and size in limits.get(n, [size])}
            log(f"{shape_name} {size} ({len(shape.text)} bytes): {', '.join(todo) or 'nothing to run'}")
            rs = await measure(todo, shape, args.edits, args.open_timeout, args.edit_timeout, args.budget,
                               args.changes)
            if args.floor:
                # The floor publishes as many bytes as the first secmd did.
                first = rs.get(next(iter(todo), ""), {})
                if first.get("publish_bytes"):
                    env = {"FLOOR_BYTES": str(first["publish_bytes"])}
                    rs.update(await measure({"floor": (floor_argv, env)}, shape, args.edits,
                                            args.open_timeout, args.edit_timeout, args.budget))
                else:
                    rs["floor"] = {"not_run": True, "edits_s": []}
            for n in list(servers) + (["floor"] if args.floor else []):
                if n not in todo and n != "floor":
                    rs[n] = {"not_run": True, "edits_s": []}
                r = rs[n]
                per.setdefault(n, {})[size] = r
                if "error" in r:
                    given_up.add(n)
                log(f"  {n}: {fmt_cell(r, 'open_s')} open, {fmt_cell(r, 'edit_s')} edit"
                    f" ({len(r['edits_s'])} edits, {r.get('diagnostics')} diagnostics)"
                    + (f" ERROR {r['error']}" if "error" in r else ""))
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)
    return out


def fmt_s(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 0.01:
        return f"{s * 1e3:.0f} ms"
    return f"{s * 1e3:.1f} ms"


def fmt_cell(r: dict, key: str) -> str:
    if key in r:
        return fmt_s(r[key])
    if r.get("not_run"):
        return "not run"
    if r.get("over") is not None:
        return f"> {r['over']:.0f} s"
    if "error" in r:
        return "error"
    return "-"


def _ratio(a: dict, b: dict, key: str) -> str:
    if key in a and key in b and b[key] > 0:
        return f"{a[key] / b[key]:.2f}"
    if key in b and a.get("over") is not None:
        return f"> {a['over'] / b[key]:.1f}"
    return "-"


def render(res: dict) -> str:
    """The Markdown section: one row per shape and size, each secmd binary's
    didOpen and edit medians, edit growth from the previous size, and the
    ratio of its edit median to rumdl's."""
    secmds = [s for s in res["servers"] if s not in ("rumdl", "floor")]
    has_rumdl = "rumdl" in res["servers"]
    has_floor = "floor" in res["servers"]
    head = ["shape", "size"]
    for s in secmds:
        head += [f"{s} didOpen", f"{s} edit", f"{s} growth"]
        if has_rumdl:
            head += [f"{s} ÷ rumdl"]
    if has_rumdl:
        head += ["rumdl didOpen", "rumdl edit"]
    if has_floor:
        head += ["floor edit", "floor growth"]
    lines = [BEGIN, "## Document shapes", "",
             f"`bench/shapes.py` ({res['date']}, {res['nproc']} cores, load average at start "
             f"{', '.join(f'{x:.1f}' for x in res['loadavg_start'])}): each shape of `bench/genshapes.py`, "
             f"didOpen → first diagnostics and the median of up to {res['edits']} one-character edits in "
             "the middle of the document → the diagnostics carrying that version, all servers interleaved "
             f"in one run. Waits are bounded ({res['open_timeout']:.0f} s for didOpen, "
             f"{res['edit_timeout']:.0f} s per edit): \"> N s\" is a server killed at that bound, \"not run\" "
             "a larger size skipped after it. Growth is the edit median over the previous size's."
             + (" The floor (`bench/transport_floor.py`) is a stand-in server that does no analysis and "
                "publishes as many bytes as the first secmd did: what the pipe and this client alone cost."
                if has_floor else "")
             + (f" Cells marked * come from an earlier run of the same driver on the same machine "
                f"({res['before_run']}); ratios in their rows mix the two runs." if res.get("before_run") else ""),
             "",
             "| " + " | ".join(head) + " |", "|" + " --- |" * 2 + " ---: |" * (len(head) - 2)]
    for shape in res["shapes"]:
        per = res["results"].get(shape, {})
        desc = genshapes.SHAPES[shape][1]
        prev: dict[str, dict] = {}
        for size in res["sizes"]:
            row = [f"{shape}: {desc}" if size == res["sizes"][0] else "", size]
            for s in secmds:
                r = per.get(s, {}).get(size, {})
                star = " *" if r.get("earlier_run") else ""
                row += [fmt_cell(r, "open_s") + star, fmt_cell(r, "edit_s") + star,
                        _ratio(r, prev[s], "edit_s") if s in prev else ""]
                if has_rumdl:
                    row += [_ratio(r, per.get("rumdl", {}).get(size, {}), "edit_s")]
                prev[s] = r
            if has_rumdl:
                r = per.get("rumdl", {}).get(size, {})
                star = " *" if r.get("earlier_run") else ""
                row += [fmt_cell(r, "open_s") + star, fmt_cell(r, "edit_s") + star]
            if has_floor:
                r = per.get("floor", {}).get(size, {})
                row += [fmt_cell(r, "edit_s"), _ratio(r, prev["floor"], "edit_s") if "floor" in prev else ""]
                prev["floor"] = r
            lines.append("| " + " | ".join(row) + " |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def put_into(path: str, section: str) -> None:
    text = open(path).read() if os.path.exists(path) else ""
    if BEGIN in text and END in text:
        a, b = text.index(BEGIN), text.index(END) + len(END)
        text = text[:a] + section.rstrip("\n") + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w") as f:
        f.write(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", action="append", default=[], help="LABEL=PATH of a secmd binary")
    ap.add_argument("--rumdl", help="rumdl binary (the peer)")
    ap.add_argument("--sizes", default="100k,1m,10m")
    ap.add_argument("--shapes", default="")
    ap.add_argument("--edits", type=int, default=11)
    ap.add_argument("--changes", type=int, default=1,
                    help="content changes per didChange (one character each): batch edits")
    ap.add_argument("--open-timeout", type=float, default=60.0)
    ap.add_argument("--edit-timeout", type=float, default=20.0)
    ap.add_argument("--budget", type=float, default=30.0, help="seconds of edits per shape and size")
    ap.add_argument("--only-sizes", action="append", default=[],
                    help="NAME=SIZES: run that server only at these sizes (e.g. rumdl=100k,1m)")
    ap.add_argument("--before-json", help="take the 'before' server's results from this earlier run")
    ap.add_argument("--floor", action="store_true",
                    help="also run bench/transport_floor.py with the first secmd's publish size")
    ap.add_argument("--smoke", action="store_true", help="10 KB only, 3 edits, short bounds")
    ap.add_argument("--json", required=True)
    ap.add_argument("--render", action="store_true", help="only render --json into --into")
    ap.add_argument("--into", help="report file to write the Markdown section into")
    args = ap.parse_args()
    if args.smoke:
        args.sizes, args.edits, args.open_timeout, args.edit_timeout = "10k", 3, 20.0, 10.0
    if args.render:
        res = json.load(open(args.json))
    else:
        res = asyncio.run(run(args))
    if args.before_json:
        before = json.load(open(args.before_json))
        res["servers"] = ["before"] + [x for x in res["servers"] if x != "before"]
        if "rumdl" not in res["servers"]:
            res["servers"].append("rumdl")
        res["before_run"] = before["date"]
        # Only cells this run did not measure are filled in, marked.
        for shape, per in before["results"].items():
            for name in ("before", "rumdl"):
                mine = res["results"].get(shape, {}).setdefault(name, {})
                for size, r in per.get(name, {}).items():
                    if mine.get(size, {"not_run": True}).get("not_run"):
                        mine[size] = dict(r, earlier_run=True)
    section = render(res)
    if args.into:
        put_into(args.into, section)
    print(section)
    failed = [(sh, n, sz) for sh, per in res["results"].items() for n, by in per.items()
              for sz, r in by.items() if "error" in r and n != "rumdl"]
    if args.smoke and failed:
        log(f"failed: {failed}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
