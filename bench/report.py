"""Turn bench/.cache/results.json (+ criterion's estimates) into PERFORMANCE.md.

Usage: python3 bench/report.py RESULTS_JSON CRITERION_DIR OUT_MD [--command CMD]
"""

from __future__ import annotations

import argparse
import json
import os
import sys

SIZE_LABEL = {"10k": "10 KB", "100k": "100 KB", "1m": "1 MB", "10m": "10 MB",
              "10k-quiet": "10 KB quiet", "10m-quiet": "10 MB quiet"}
MB = 1_000_000
MANUAL: set[str] = set()  # engine ids timed by hand (3 runs) instead of by criterion


def fmt_ratio(x: float | None) -> str:
    if x is None:
        return "n/a"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 0.01:
        return f"{x:.2f}"
    return f"{x:.4f}"


def fmt_time(s: float | None) -> str:
    if s is None:
        return "n/a"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def fmt_bytes(n) -> str:
    if n is None:
        return "n/a"
    if n >= 1e6:
        return f"{n / 1e6:.1f} MB"
    if n >= 1e3:
        return f"{n / 1e3:.0f} KB"
    return f"{n} B"


def div(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def med(xs):
    if not xs:
        return None
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def criterion_estimates(root: str) -> dict[str, float]:
    """group/function -> median seconds per iteration, from criterion's
    estimates and from the hand-timed results in `<root>-manual` (benchmarks
    too slow for criterion's ten samples; see benches/engine.rs)."""
    out = {}
    manual = root.rstrip("/") + "-manual"
    if os.path.isdir(manual):
        for fn in sorted(os.listdir(manual)):
            if fn.endswith(".json"):
                with open(os.path.join(manual, fn)) as f:
                    m = json.load(f)
                out[f"{m['group']}/{m['id']}"] = m["median_s"]
                MANUAL.add(f"{m['group']}/{m['id']}")
    if not os.path.isdir(root):
        return out
    for group in sorted(os.listdir(root)):
        gdir = os.path.join(root, group)
        if not os.path.isdir(gdir):
            continue
        for fn in sorted(os.listdir(gdir)):
            est = os.path.join(gdir, fn, "new", "estimates.json")
            if os.path.isfile(est):
                with open(est) as f:
                    out[f"{group}/{fn}"] = json.load(f)["median"]["point_estimate"] * 1e-9
    return out


class Report:
    def __init__(self, res: dict, crit: dict[str, float], command: str):
        self.r = res
        self.c = crit
        self.cmd = command
        self.lines: list[str] = []
        self.targets: list[tuple[str, float | None, str, bool | None, str]] = []
        self.engine_note = ""

    def w(self, s: str = "") -> None:
        self.lines.append(s)

    # --- accessors -------------------------------------------------------
    def lsp(self, server, size, key):
        return self.r.get("lsp", {}).get(server, {}).get(size, {}).get(key)

    def lsp_err(self, server, size):
        return self.r.get("lsp", {}).get(server, {}).get(size, {}).get("error")

    def cli(self, case, tool):
        return self.r.get("cli", {}).get(case, {}).get(tool, {}).get("median_s")

    def mem_per_mb(self, server, scen):
        """Peak minus idle RSS per open MB; for a server killed at the RSS cap,
        the value reached with the documents sent so far (a lower bound)."""
        m = self.r.get("mem_lsp", {}).get(server, {}).get(scen, {})
        if "capped" in m:
            c = m["capped"]
            return (c["hwm_kb"] - m["idle_rss_kb"]) / 1024 / (c["open_bytes"] / MB)
        if "hwm_kb" not in m:
            return None
        return (m["hwm_kb"] - m["idle_rss_kb"]) / 1024 / (m["open_bytes"] / MB)

    def capped(self, server, scen):
        return "capped" in self.r.get("mem_lsp", {}).get(server, {}).get(scen, {})

    def target(self, name, value, goal_text, ok_fn, note=""):
        ok = None if value is None else ok_fn(value)
        self.targets.append((name, value, goal_text, ok, note))

    # --- sections --------------------------------------------------------
    def compute_targets(self):
        for size, goal, goal_text in (("10k", 1.0, "≤ 1"), ("1m", 0.1, "≤ 0.1 (1/10)"),
                                      ("10m", 1 / 30, "≤ 0.033 (1/30)")):
            v = div(self.lsp("secmd", size, "median_s"), self.lsp("rumdl", size, "median_s"))
            self.target(f"LSP edit → diagnostics, {SIZE_LABEL[size]}: secmd ÷ rumdl (median)",
                        v, goal_text, lambda x, g=goal: x <= g)
        v = div(self.lsp("secmd", "10m", "median_s"), self.lsp("secmd", "10k", "median_s"))
        grow = div(self.lsp("secmd", "10m", "edit_bytes"), self.lsp("secmd", "10k", "edit_bytes"))
        self.target("LSP edit → diagnostics: secmd 10 MB ÷ secmd 10 KB (median)", v, "≤ 3",
                    lambda x: x <= 3,
                    f"the 10 MB publish is {fmt_ratio(grow)} × the bytes of the 10 KB one "
                    "(see the payload column)")
        v = div(self.lsp("secmd", "10m-quiet", "median_s"),
                self.lsp("secmd", "10k-quiet", "median_s"))
        self.target("LSP edit → diagnostics, quiet documents (findings do not grow): "
                    "secmd 10 MB ÷ secmd 10 KB (median)", v, "≤ 3", lambda x: x <= 3,
                    "not an issue target: the same flatness without the payload")
        v = div(self.lsp("secmd", "10m-quiet", "median_s"),
                self.lsp("rumdl", "10m-quiet", "median_s"))
        self.target("LSP edit → diagnostics, 10 MB quiet: secmd ÷ rumdl (median)", v,
                    "≤ 0.033 (1/30)", lambda x: x <= 1 / 30, "not an issue target")
        for size in self.r.get("config", {}).get("lsp_sizes", []):
            v = div(self.lsp("secmd", size, "open_s"), self.lsp("rumdl", size, "open_s"))
            self.target(f"LSP didOpen → first diagnostics, {SIZE_LABEL[size]}: secmd ÷ rumdl",
                        v, "≤ 1", lambda x: x <= 1)
        v = div(self.cli("10k", "secmd"), self.cli("10k", "rumdl"))
        self.target("CLI check, one 10 KB policy: secmd ÷ rumdl", v, "≤ 1", lambda x: x <= 1)
        v = div(self.cli("corpus", "secmd"), self.cli("corpus", "rumdl"))
        self.target("CLI check, whole corpus: secmd ÷ rumdl", v, "≤ 3", lambda x: x <= 3)
        v = div(self.cli("corpus", "secmd"), self.cli("corpus", "ts-floor"))
        self.target("CLI check, whole corpus: secmd ÷ tree-sitter parse (ts-floor)", v, "≤ 1.3",
                    lambda x: x <= 1.3)
        for case in ("1m", "10m"):
            v = div(self.cli(case, "secmd"), self.cli(case, "rumdl"))
            floor = div(self.cli(case, "ts-floor"), self.cli(case, "rumdl"))
            self.target(f"CLI check, {SIZE_LABEL[case]} document: secmd ÷ rumdl", v, "≤ 3",
                        lambda x: x <= 3,
                        f"the tree-sitter parse alone is {fmt_ratio(floor)} × rumdl")
        for scen in self.r.get("config", {}).get("mem_lsp", {}):
            v = self.mem_per_mb("secmd", scen)
            capped = self.capped("secmd", scen)
            self.target(f"LSP peak RSS beyond idle per open MB, {scen.upper()}B open (MB/MB)"
                        + (" — stopped at the RSS cap, lower bound" if capped else ""),
                        v, "≤ 60", lambda x: x <= 60)

    def render(self) -> str:
        r = self.r
        m = r.get("machine", {})
        b = r.get("binaries", {})
        smoke = r.get("mode") == "smoke"
        self.w("# secmd performance")
        self.w()
        self.w("<!-- Generated by bench/run; do not edit by hand. See bench/README.md. -->")
        self.w()
        if smoke:
            self.w("**SMOKE RUN: each benchmark ran once on small documents. These numbers "
                   "only show that the harness works; they are not measurements.**")
            self.w()
        self.w(f"Command: `{self.cmd}`")
        self.w()
        self.w("| Machine | |")
        self.w("| --- | --- |")
        self.w(f"| nproc | {m.get('nproc')} |")
        self.w(f"| CPU | {m.get('cpu')} |")
        self.w(f"| kernel | {m.get('kernel')} |")
        self.w(f"| date | {m.get('date')} |")
        la0 = m.get("loadavg_start") or [None]
        la1 = m.get("loadavg_end") or [None]
        self.w(f"| load average (1 min) at start / end | {la0[0]:.2f} / {la1[0]:.2f} |"
               if la0[0] is not None and la1[0] is not None else "| load average | n/a |")
        self.w(f"| rustc | {m.get('rustc')} |")
        self.w(f"| secmd | {b.get('secmd_version') or ''} (`{b.get('secmd_rev')}`) |")
        self.w(f"| peer | {b.get('rumdl_version')} (PyPI wheel) |")
        self.w(f"| harness time | {r.get('elapsed_s', 0):.0f} s (without builds and criterion) |")
        self.w()
        self.w("Absolute times on this shared 2-core machine are noisy, so every figure is a "
               "**ratio** against a baseline measured in the same run: the peer linter "
               "(rumdl) or the raw tree-sitter-md parse (the floor). Below 1 means secmd "
               "is faster than the baseline.")
        self.w()

        self.compute_targets()
        self.w("## Targets")
        self.w()
        self.w("| Target | Measured | Goal | Result | Note |")
        self.w("| --- | ---: | --- | --- | --- |")
        for name, v, goal, ok, note in self.targets:
            res = "n/a" if ok is None else ("pass" if ok else "**miss**")
            self.w(f"| {name} | {fmt_ratio(v)} | {goal} | {res} | {note} |")
        self.w()

        self.render_lsp()
        self.render_cli()
        self.render_mem()
        self.render_engine()
        self.render_raw()
        self.render_method()
        return "\n".join(self.lines) + "\n"

    def render_lsp(self):
        sizes = self.r.get("config", {}).get("lsp_sizes", [])
        if not sizes:
            return
        docs = self.r.get("docs", {})
        self.w("## Language server over stdio")
        self.w()
        init = self.r.get("init", {})
        si, ri = med(init.get("secmd", {}).get("times_s")), med(init.get("rumdl", {}).get("times_s"))
        sq = med(init.get("secmd", {}).get("request_s"))
        rq = med(init.get("rumdl", {}).get("request_s"))
        self.w(f"`initialize`, median of {len(init.get('secmd', {}).get('times_s') or [])} "
               f"fresh starts: cold start (spawn → result) secmd ÷ rumdl = "
               f"**{fmt_ratio(div(si, ri))}**; the request's own round trip secmd ÷ rumdl = "
               f"**{fmt_ratio(div(sq, rq))}**.")
        self.w()
        self.w("| Document | didOpen → diags: secmd ÷ rumdl | didOpen: secmd ÷ ts-floor "
               "| edit → diags median: secmd ÷ rumdl | p95: secmd ÷ rumdl "
               "| edit median: secmd ÷ block re-parse floor | edit median: rumdl ÷ floor "
               "| diagnostics per publish: secmd / rumdl | payload per edit: secmd / rumdl |")
        self.w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in sizes:
            so, ro = self.lsp("secmd", size, "open_s"), self.lsp("rumdl", size, "open_s")
            sm, rm = self.lsp("secmd", size, "median_s"), self.lsp("rumdl", size, "median_s")
            sp, rp = self.lsp("secmd", size, "p95_s"), self.lsp("rumdl", size, "p95_s")
            # no cross-run ratios: engine figures from another run are not used here
            floor = None if self.engine_note else self.c.get(f"size_{size}/ts_block_reparse_char")
            tsf = self.cli(size, "ts-floor")
            self.w(f"| {SIZE_LABEL[size]} ({docs.get(size, '?')} B) | {fmt_ratio(div(so, ro))} "
                   f"| {fmt_ratio(div(so, tsf))} | {fmt_ratio(div(sm, rm))} | {fmt_ratio(div(sp, rp))} "
                   f"| {fmt_ratio(div(sm, floor))} | {fmt_ratio(div(rm, floor))} "
                   f"| {self.lsp('secmd', size, 'diagnostics')} / {self.lsp('rumdl', size, 'diagnostics')} "
                   f"| {fmt_bytes(self.lsp('secmd', size, 'edit_bytes'))} / "
                   f"{fmt_bytes(self.lsp('rumdl', size, 'edit_bytes'))} |")
        self.w()
        stops = [(z, self.lsp("secmd", z, "budget_stop")) for z in sizes]
        for z, stop in stops:
            if stop:
                self.w(f"- {SIZE_LABEL[z]}: {stop} (`--edit-budget`: the machine was too "
                       "loaded for the full count).")
        if any(stop for _, stop in stops):
            self.w()
        errs = [(s, z, self.lsp_err(s, z)) for s in ("secmd", "rumdl") for z in sizes
                if self.lsp_err(s, z)]
        for s, z, e in errs:
            self.w(f"- **{s} {SIZE_LABEL[z]} failed**: {e}")
        if errs:
            self.w()

    def render_cli(self):
        cli = self.r.get("cli", {})
        if not cli:
            return
        self.w("## CLI (`check`, process start included)")
        self.w()
        self.w("| Input | runs | secmd ÷ rumdl | secmd ÷ ts-floor | rumdl ÷ ts-floor |")
        self.w("| --- | ---: | ---: | ---: | ---: |")
        for case, e in cli.items():
            label = "corpus" if case == "corpus" else SIZE_LABEL.get(case, case)
            if "skipped" in e:
                self.w(f"| {label} | 0 | skipped: {e['skipped']} | | |")
                continue
            s, ru, t = self.cli(case, "secmd"), self.cli(case, "rumdl"), self.cli(case, "ts-floor")
            n = len(e.get("rumdl", {}).get("times_s", []))
            self.w(f"| {label} ({e.get('input')}) | {n} | {fmt_ratio(div(s, ru))} "
                   f"| {fmt_ratio(div(s, t))} | {fmt_ratio(div(ru, t))} |")
            for tool in ("secmd", "rumdl", "ts-floor"):
                if e.get(tool, {}).get("error"):
                    self.w(f"| | | **{tool} failed: {e[tool]['error']}** | | |")
        self.w()

    def render_mem(self):
        mem = self.r.get("mem_lsp", {})
        if not mem:
            return
        self.w("## Memory")
        self.w()
        self.w("Language server: peak RSS (VmHWM) after opening the documents, waiting for "
               "their diagnostics and making a few edits, minus the idle RSS after "
               "`initialize`, per MB of open text.")
        self.w()
        self.w("| Open text | secmd MB per open MB | rumdl MB per open MB | secmd ÷ rumdl (peak − idle) |")
        self.w("| --- | ---: | ---: | ---: |")
        for scen in self.r.get("config", {}).get("mem_lsp", {}):
            s, ru = self.mem_per_mb("secmd", scen), self.mem_per_mb("rumdl", scen)
            cs = " (≥, capped)" if self.capped("secmd", scen) else ""
            cr = " (≥, capped)" if self.capped("rumdl", scen) else ""
            self.w(f"| {scen.upper()}B | {fmt_ratio(s)}{cs} | {fmt_ratio(ru)}{cr} "
                   f"| {fmt_ratio(div(s, ru))} |")
        for server in ("secmd", "rumdl"):
            for scen, e in mem.get(server, {}).items():
                if e.get("error"):
                    self.w(f"| | **{server} {scen} failed: {e['error']}** | | |")
        mc = self.r.get("mem_check", {})
        if mc:
            s, ru, t = (mc.get(k, {}).get("maxrss_kb") for k in ("secmd", "rumdl", "ts-floor"))
            self.w()
            self.w(f"CLI `check` of the {SIZE_LABEL.get(mc.get('doc'), mc.get('doc'))} document, "
                   f"peak RSS: secmd ÷ rumdl = **{fmt_ratio(div(s, ru))}**, "
                   f"secmd ÷ ts-floor = **{fmt_ratio(div(s, t))}**.")
        self.w()

    def render_engine(self):
        if not self.c:
            self.w("## Engine (criterion)")
            self.w()
            self.w("Not run in this invocation (no criterion estimates found).")
            self.w()
            return
        self.w("## Engine (criterion, in-process)")
        self.w()
        if self.engine_note:
            self.w(f"**{self.engine_note}**")
            self.w()
        self.w("Parse = `Document::new` / `Document::edit` only; analysis = parse plus "
               "`Analyzer::analyze` (fresh analyzer for full, the warm per-chunk cache after "
               "an edit). Floors, measured in the same run: the full tree-sitter-md parse "
               "(block + inline) and the block-tree incremental re-parse after a "
               "one-character edit.")
        self.w()
        self.w("| Document | full parse ÷ ts full parse | full analysis ÷ ts full parse "
               "| one-char edit + analysis ÷ re-parse floor | 1 KB paste + analysis ÷ floor "
               "| open fence + analysis ÷ floor | one-char edit, parse only ÷ floor "
               "| one-char edit + analysis ÷ full analysis |")
        self.w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in ("10k", "100k", "1m", "10m"):
            g = f"size_{size}/"
            if g + "ts_parse_full" not in self.c:
                continue
            c = lambda k: self.c.get(g + k)  # noqa: E731
            fl, rf = c("ts_parse_full"), c("ts_block_reparse_char")
            self.w(f"| {SIZE_LABEL[size]} | {fmt_ratio(div(c('doc_new'), fl))} "
                   f"| {fmt_ratio(div(c('analyze_full'), fl))} "
                   f"| {fmt_ratio(div(c('analyze_edit_char'), rf))} "
                   f"| {fmt_ratio(div(c('analyze_edit_paste_1k'), rf))} "
                   f"| {fmt_ratio(div(c('analyze_edit_fence'), rf))} "
                   f"| {fmt_ratio(div(c('doc_edit_char'), rf))} "
                   f"| {fmt_ratio(div(c('analyze_edit_char'), c('analyze_full')))} |")
        if "corpus/ts_parse_full_all" in self.c:
            fl = self.c["corpus/ts_parse_full_all"]
            self.w(f"| corpus (every file) | {fmt_ratio(div(self.c.get('corpus/doc_new_all'), fl))} "
                   f"| {fmt_ratio(div(self.c.get('corpus/analyze_full_all'), fl))} | | | | | |")
        self.w()

    def render_raw(self):
        self.w("## Raw medians (noisy; for debugging only)")
        self.w()
        self.w("<details><summary>absolute times</summary>")
        self.w()
        self.w("| Measurement | secmd | rumdl | ts-floor |")
        self.w("| --- | ---: | ---: | ---: |")
        init = self.r.get("init", {})
        if init:
            for key, label in (("times_s", "cold start"), ("request_s", "initialize round trip")):
                self.w(f"| LSP {label} | {fmt_time(med(init.get('secmd', {}).get(key)))} "
                       f"| {fmt_time(med(init.get('rumdl', {}).get(key)))} | |")
        for size in self.r.get("config", {}).get("lsp_sizes", []):
            for key, label in (("open_s", "didOpen → diags"), ("median_s", "edit median"),
                               ("p95_s", "edit p95")):
                self.w(f"| LSP {label}, {SIZE_LABEL[size]} | {fmt_time(self.lsp('secmd', size, key))} "
                       f"| {fmt_time(self.lsp('rumdl', size, key))} | |")
            for s in ("secmd", "rumdl"):
                d = self.lsp(s, size, "diagnostics")
                x = self.lsp(s, size, "extra_publishes")
                if d is not None:
                    self.w(f"| LSP {s} {SIZE_LABEL[size]}: diagnostics / extra publishes | {d} / {x} | | |")
        for case in self.r.get("cli", {}):
            self.w(f"| CLI {case} | {fmt_time(self.cli(case, 'secmd'))} | {fmt_time(self.cli(case, 'rumdl'))} "
                   f"| {fmt_time(self.cli(case, 'ts-floor'))} |")
        for scen in self.r.get("config", {}).get("mem_lsp", {}):
            cells = []
            for s in ("secmd", "rumdl"):
                e = self.r.get("mem_lsp", {}).get(s, {}).get(scen, {})
                cells.append(f"{e['idle_rss_kb'] // 1024} → {e['hwm_kb'] // 1024} MB"
                             if "hwm_kb" in e else "n/a")
            self.w(f"| LSP RSS idle → peak, {scen.upper()}B open | {cells[0]} | {cells[1]} | |")
        mc = self.r.get("mem_check", {})
        if mc:
            cells = [f"{mc[k]['maxrss_kb'] // 1024} MB" if mc.get(k, {}).get("maxrss_kb") else "n/a"
                     for k in ("secmd", "rumdl", "ts-floor")]
            self.w(f"| CLI peak RSS, {mc.get('doc')} | {cells[0]} | {cells[1]} | {cells[2]} |")
        for k, v in self.c.items():
            how = "by hand, median of 3" if k in MANUAL else "criterion"
            self.w(f"| engine {k} ({how}) | {fmt_time(v)} | | |")
        self.w()
        self.w("</details>")
        self.w()

    def render_method(self):
        cfg = self.r.get("config", {})
        self.w("## Method")
        self.w()
        self.w("- Documents: `bench/gendocs.py`, deterministic SECURITY.md-like Markdown "
               "(headings of four levels, paragraphs with links, e-mail addresses and "
               "plain-http URLs, supported-version tables, lists, fenced code with `#` lines, "
               "a `Last Updated: 2024-01-15` line), ASCII, generated into `bench/.cache/docs`.")
        self.w("- Language server: `bench/lspclient.py`, a raw stdio client with Content-Length "
               "framing; a fresh server process and an empty temporary workspace per "
               "measurement; both servers are started together and every step (an open, an "
               "edit) is done on one, awaited, then on the other, the order alternating, so "
               "both meet the same machine load (only one works at a time); "
               "server-initiated requests are answered with null/empty results. "
               f"Edits: {cfg.get('edits')} one-character insertions per document (seeded RNG, "
               "half at line starts, half mid-line), each sent as a ranged `didChange`, the next "
               "sent only after the previous one's diagnostics arrived. Latency = from just "
               "before writing the notification to the moment the matching "
               "`publishDiagnostics` was read off the pipe (before JSON decoding). Matching: a "
               "publish must carry the version of the change; a server that omits versions "
               "is matched to the first publish for the URI after the change (both servers "
               "measured here send versions). Extra publishes are drained between edits and "
               "counted. secmd runs with `SECMD_TODAY=2026-11-23`; rumdl with `--no-config`.")
        self.w("- CLI: all commands of one input interleaved round by round after a warm-up "
               "round, median of the rounds; output to /dev/null; exit code 1 (findings) is "
               "success. `rumdl check --no-cache --no-config`. ts-floor (`bench/ts-floor`) "
               "reads the same files and parses each with `tree_sitter_md::MarkdownParser` "
               "(block + all inline trees). The corpus is read in place from "
               "`../shared/corpus/files`.")
        self.w("- Memory: `/proc/PID/status` VmRSS after initialize (idle) and VmHWM at the "
               "end; CLI peak RSS by GNU time (`%M`).")
        self.w("- Engine: criterion (`server/secmd-core/benches/engine.rs`), 10 samples, "
               "median per iteration; a benchmark whose single iteration exceeds 1 s is timed "
               "by hand instead (median of 3 iterations, marked in the raw table)"
               + (f": here {', '.join(sorted(MANUAL))}." if MANUAL else "."))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("criterion_dir")
    ap.add_argument("out")
    ap.add_argument("--command", default="bench/run")
    ap.add_argument("--engine-note", default="",
                    help="say where the engine estimates come from when not from this run")
    a = ap.parse_args()
    with open(a.results) as f:
        res = json.load(f)
    rep = Report(res, criterion_estimates(a.criterion_dir), a.command)
    rep.engine_note = a.engine_note
    text = rep.render()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(text)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
