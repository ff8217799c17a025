"""Run the server, CLI and memory benchmarks; write a JSON results file.

Normally started by `bench/run` (which builds the binaries, creates the
virtualenv with rumdl and runs the criterion engine benchmarks first). See
bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import clibench  # noqa: E402
import gendocs  # noqa: E402
import lspbench  # noqa: E402

SECMD_ENV = {"SECMD_TODAY": "2026-11-23"}

FULL = {
    "lsp_sizes": ["10k", "100k", "1m", "10m", "10k-quiet", "10m-quiet"],
    "edits": 50,
    "opens": 5,
    "init_runs": 7,
    "timeout": 180.0,
    "cli_cases": {"corpus": 11, "10k": 21, "100k": 11, "1m": 7, "10m": 3},
    "mem_lsp": {"1m": ["1m"], "10m": ["10m"], "100m": ["10m"] * 10},
    "mem_check": "10m",
    "mem_edits": 2,
}
SMOKE = {
    "lsp_sizes": ["10k"],
    "edits": 5,
    "opens": 1,
    "init_runs": 1,
    "timeout": 60.0,
    "cli_cases": {"corpus": 1, "10k": 1},
    "mem_lsp": {"100k": ["100k"]},
    "mem_check": "100k",
    "mem_edits": 1,
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:
        return f"? ({e})"


def machine() -> dict:
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "nproc": sh(["nproc"]),
        "cpu": cpu,
        "kernel": f"{platform.system()} {platform.release()}",
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "loadavg_start": os.getloadavg(),
        "python": platform.python_version(),
        "rustc": sh(["rustc", "--version"]),
    }


def lsp_argv(args) -> dict[str, tuple[list[str], dict]]:
    return {
        "rumdl": ([args.rumdl, "server", "--no-config"], {}),
        "secmd": ([args.secmd, "lsp"], SECMD_ENV),
    }


async def run_lsp(args, cfg, docs, results) -> None:
    servers = lsp_argv(args)
    results["lsp"] = {name: {} for name in servers}
    results["init"] = {}
    for name, (argv, env) in servers.items():
        log(f"initialize x{cfg['init_runs']}: {name}")
        try:
            results["init"][name] = await lspbench.measure_init(argv, env, cfg["init_runs"])
        except Exception as e:
            results["init"][name] = {"error": f"{type(e).__name__}: {e}"}
    for i, size in enumerate(cfg["lsp_sizes"]):
        with open(docs[size]) as f:
            text = f.read()
        names = list(servers) if i % 2 == 0 else list(reversed(servers))
        opens = min(cfg["opens"], 3) if size.startswith("10m") else cfg["opens"]
        log(f"latency {size}: {' and '.join(names)} interleaved, {opens} didOpen + {cfg['edits']} edits")
        rs = await lspbench.measure_latency(
            {n: servers[n] for n in names}, text, cfg["edits"], cfg["timeout"],
            opens=opens, edit_budget=args.edit_budget,
        )
        for name, r in rs.items():
            results["lsp"][name][size] = r
            if "error" in r:
                log(f"  {name} ERROR {r['error']}")
            else:
                log(f"  {name}: open {r['open_s']*1e3:.1f} ms, edit median {r['median_s']*1e3:.2f} ms"
                    f" p95 {r['p95_s']*1e3:.2f} ms, {r['diagnostics']} diagnostics")


async def run_mem(args, cfg, docs, results) -> None:
    servers = lsp_argv(args)
    results["mem_lsp"] = {name: {} for name in servers}
    texts = {}
    for scen, names in cfg["mem_lsp"].items():
        for n in names:
            if n not in texts:
                with open(docs[n]) as f:
                    texts[n] = f.read()
        for name, (argv, env) in servers.items():
            if name != "secmd" and len(names) > 1:
                continue  # the peer's 100 MB figure is informational and costs minutes
            log(f"memory {name}: {scen} open ({len(names)} doc(s))")
            r = await lspbench.measure_memory(
                argv, env, [texts[n] for n in names], cfg["mem_edits"], cfg["timeout"] * 2
            )
            results["mem_lsp"][name][scen] = r
            if "error" in r:
                log(f"  ERROR {r['error']}")
            else:
                log(f"  idle {r['idle_rss_kb']} kB, peak {r['hwm_kb']} kB")
    results["mem_check"] = {"doc": cfg["mem_check"]}
    path = docs[cfg["mem_check"]]
    if "cli_sanity" in results:
        bad = {k for k, v in results["cli_sanity"].items() if "error" in v}
    else:
        bad = sanity(args, docs, results)
    for name, argv in cli_commands(args, [path]).items():
        if name in bad:
            results["mem_check"][name] = {"error": "skipped: failed the sanity check (see cli_sanity)"}
            continue
        env = SECMD_ENV if name == "secmd" else {}
        results["mem_check"][name] = clibench.peak_rss(argv, env, args.workdir)
        log(f"peak RSS {name} on {cfg['mem_check']}: {results['mem_check'][name]}")


def cli_commands(args, paths: list[str]) -> dict[str, list[str]]:
    return {
        "secmd": [args.secmd, "check", *paths],
        "rumdl": [args.rumdl, "check", "--no-cache", "--no-config", *paths],
        "ts-floor": [args.ts_floor, *paths],
    }


def sanity(args, docs, results) -> set[str]:
    """Tools whose `check` of the 10 KB document (plain-http links, a stale
    date: problems every SECURITY.md linter reports) exits 0 or 1 but prints
    nothing are not really checking (a stub or an unfinished binary): they
    are reported as failed instead of timed as impossibly fast."""
    bad = set()
    results["cli_sanity"] = {}
    for name, argv in cli_commands(args, [docs["10k"]]).items():
        env = dict(os.environ)
        if name == "secmd":
            env.update(SECMD_ENV)
        try:
            p = subprocess.run(argv, capture_output=True, env=env, cwd=args.workdir, timeout=120)
            entry = {"code": p.returncode, "stdout_bytes": len(p.stdout)}
            if p.returncode not in clibench.OK_CODES:
                entry["error"] = f"exit code {p.returncode}: {p.stderr.decode(errors='replace')[-300:]}"
            elif not p.stdout.strip():
                entry["error"] = "printed nothing for a document with known problems"
        except Exception as e:
            entry = {"error": f"{type(e).__name__}: {e}"}
        results["cli_sanity"][name] = entry
        if "error" in entry:
            bad.add(name)
            log(f"cli sanity {name}: FAILED {entry['error']}")
    return bad


def run_cli(args, cfg, docs, results) -> None:
    results["cli"] = {}
    bad = sanity(args, docs, results)
    for case, rounds in cfg["cli_cases"].items():
        if case == "corpus":
            if not os.path.isdir(args.corpus):
                log(f"cli corpus: SKIPPED, no corpus at {args.corpus}")
                results["cli"][case] = {"skipped": f"no corpus at {args.corpus}"}
                continue
            paths = sorted(
                os.path.join(args.corpus, f) for f in os.listdir(args.corpus)
                if os.path.isfile(os.path.join(args.corpus, f))
            )
            label = f"{len(paths)} files, {sum(os.path.getsize(p) for p in paths)} bytes"
        else:
            paths = [docs[case]]
            label = f"{os.path.getsize(docs[case])} bytes"
        log(f"cli {case} ({label}): {rounds} interleaved rounds")
        commands = {k: v for k, v in cli_commands(args, paths).items() if k not in bad}
        case_bad: dict[str, str] = {}
        ok_codes = clibench.OK_CODES
        if case == "corpus":
            # The corpus holds one non-UTF-8 file: exit code 2 is a result there
            # when stderr says why and nothing panicked (as in .ci/corpus.sh).
            ok_codes = (0, 1, 2)
            for name, argv in list(commands.items()):
                env = dict(os.environ)
                env.update(SECMD_ENV if name == "secmd" else {})
                p = subprocess.run(argv, capture_output=True, env=env, cwd=args.workdir,
                                   timeout=300)
                err = p.stderr.decode(errors="replace")
                if p.returncode == 2 and (not err.strip() or "panicked" in err):
                    case_bad[name] = (f"exit code 2 with {'a panic' if err.strip() else 'no message'}"
                                      f": {err[-300:]}")
                    del commands[name]
                elif p.returncode == 2:
                    log(f"  note: {name} exits 2 on the corpus: {err.strip()[:200]}")
        r = clibench.time_case(
            commands, {"secmd": SECMD_ENV}, args.workdir, rounds,
            # no warm-up round for the large inputs: one run of each is long enough
            warmup=0 if args.smoke or case in ("1m", "10m") else 1, ok_codes=ok_codes,
        )
        for name in bad:
            r[name] = {"error": "skipped: failed the sanity check (see cli_sanity)"}
        for name, err in case_bad.items():
            r[name] = {"error": err}
        r["input"] = label
        results["cli"][case] = r
        for name, e in r.items():
            if isinstance(e, dict):
                log(f"  {name}: " + (e.get("error") or f"median {e['median_s']*1e3:.1f} ms"))


def run_async(coro) -> None:
    """asyncio.run, with SIGTERM cancelling the run so that every `finally`
    (which kills the servers by PID) still runs."""

    async def wrapper():
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, task.cancel)
        try:
            await coro
        finally:
            loop.remove_signal_handler(signal.SIGTERM)

    try:
        asyncio.run(wrapper())
    except asyncio.CancelledError:
        log("interrupted (SIGTERM); servers stopped")
        sys.exit(143)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--secmd", default=os.path.join(REPO, "target/release/secmd"))
    ap.add_argument("--rumdl", default=os.path.join(HERE, ".venv/bin/rumdl"))
    ap.add_argument("--ts-floor", default=os.path.join(REPO, "target/release/ts-floor"))
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(REPO), "shared/corpus/files"))
    ap.add_argument("--docs", default=os.path.join(HERE, ".cache/docs"))
    ap.add_argument("--out", default=os.path.join(HERE, ".cache/results.json"))
    ap.add_argument("--smoke", action="store_true", help="each benchmark once, small docs")
    ap.add_argument("--only", default="lsp,cli,mem", help="comma list of: lsp,cli,mem")
    ap.add_argument("--edit-budget", type=float, default=None,
                    help="seconds per document size for the edit loop; stops early (after at "
                         "least 10 edits) on a machine too loaded for the full count")
    ap.add_argument("--secmd-label", default=None,
                    help="what the secmd binary was built from (default: this checkout's "
                         "`git describe`)")
    args = ap.parse_args()
    for attr in ("secmd", "rumdl", "ts_floor", "corpus", "docs", "out"):
        setattr(args, attr, os.path.abspath(getattr(args, attr)))
    cfg = SMOKE if args.smoke else FULL
    only = set(args.only.split(","))

    names = sorted({*cfg["lsp_sizes"], *[c for c in cfg["cli_cases"] if c != "corpus"],
                    *[n for v in cfg["mem_lsp"].values() for n in v], cfg["mem_check"]},
                   key=lambda n: gendocs.SIZES[n])
    log(f"generating documents {names} in {args.docs}")
    docs = gendocs.ensure(args.docs, names)
    args.workdir = os.path.join(HERE, ".cache/cwd")  # empty dir: no config files found
    os.makedirs(args.workdir, exist_ok=True)

    results: dict = {
        "mode": "smoke" if args.smoke else "full",
        "machine": machine(),
        "config": {k: v for k, v in cfg.items()},
        "docs": {n: os.path.getsize(p) for n, p in docs.items()},
        "binaries": {
            "secmd": args.secmd, "rumdl": args.rumdl, "ts-floor": args.ts_floor,
            "rumdl_version": sh([args.rumdl, "--version"]),
            "secmd_rev": args.secmd_label
            or sh(["git", "-C", REPO, "describe", "--always", "--dirty"]),
            "secmd_version": sh([args.secmd, "--version"]),
        },
    }
    t0 = time.perf_counter()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)

    def save() -> None:
        # after every phase, so an interrupted run still leaves what it measured
        results["machine"]["loadavg_end"] = os.getloadavg()
        results["elapsed_s"] = time.perf_counter() - t0
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1, default=list)

    if "lsp" in only:
        run_async(run_lsp(args, cfg, docs, results))
        save()
    if "cli" in only:
        run_cli(args, cfg, docs, results)
        save()
    if "mem" in only:
        run_async(run_mem(args, cfg, docs, results))
    save()
    log(f"wrote {args.out} ({results['elapsed_s']:.0f} s)")
    errors = list(find_errors(results))
    for where, err in errors:
        log(f"FAILED {where}: {err}")
    return 3 if errors else 0


def find_errors(node, where=""):
    """Yield (path, message) for every recorded error in the results."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "error":
                yield where, v
            else:
                yield from find_errors(v, f"{where}/{k}")


if __name__ == "__main__":
    sys.exit(main())
