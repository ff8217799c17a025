"""Deterministic generator of SECURITY.md-like Markdown documents.

The output depends only on the target size and the seed, never on the
machine, so every run of the benchmark measures the same bytes. Documents are
pure ASCII (so LSP UTF-16 columns equal byte columns) and use LF line endings.

Usage as a script:  python3 bench/gendocs.py OUT_DIR [SIZE ...]
  SIZE is e.g. 10k, 100k, 1m, 10m (decimal: 1k = 1000 bytes).
"""

from __future__ import annotations

import hashlib
import os
import random
import sys

SEED = 20261123

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000,
         # "quiet": the same documents with real-looking domains and https
         # only, so that findings do not grow with the size (a few in all):
         # the edit latency then shows the engine, not the payload.
         "10k-quiet": 10_000, "10m-quiet": 10_000_000}

_QUIET = (("security.example.net", "security.widgets.net"), ("project.example", "project.widgets"),
          ("example.com", "widgets.com"), ("example.org", "widgets.org"), ("http://", "https://"),
          ("Http://", "Https://"))

_WORDS = (
    "security vulnerability report disclosure maintainers release patch advisory "
    "please responsible coordinated embargo affected versions upgrade mitigation "
    "severity critical high medium low researcher acknowledge triage confirm "
    "within business days encrypted channel private public issue tracker team "
    "credit fix backport supported branch deprecated token credentials exposure "
    "denial service injection remote code execution privilege escalation bypass "
    "we will the a to of and for in on with by as our your this that any all"
).split()

_DOMAINS = ("example.com", "example.org", "project.example", "security.example.net")


def _sentence(rng: random.Random) -> str:
    n = rng.randint(6, 14)
    words = [rng.choice(_WORDS) for _ in range(n)]
    r = rng.random()
    if r < 0.12:
        words.insert(rng.randint(0, n), f"security@{rng.choice(_DOMAINS)}")
    elif r < 0.24:
        words.insert(
            rng.randint(0, n),
            f"[advisory](https://{rng.choice(_DOMAINS)}/advisories/{rng.randint(1, 9999)})",
        )
    elif r < 0.32:
        # plain-http URL: insecure reporting link
        words.insert(rng.randint(0, n), f"http://{rng.choice(_DOMAINS)}/pgp-key.txt")
    elif r < 0.38:
        words.insert(rng.randint(0, n), f"<https://{rng.choice(_DOMAINS)}/security>")
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def _paragraph(rng: random.Random) -> list[str]:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
    # wrap at 78 columns so line-length rules do not flood either linter
    lines, cur = [], ""
    for w in text.split(" "):
        if cur and len(cur) + 1 + len(w) > 78:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines + [""]


def _version_table(rng: random.Random) -> list[str]:
    major = rng.randint(1, 9)
    rows = ["| Version | Supported          |", "| ------- | ------------------ |"]
    for i in range(rng.randint(3, 6)):
        ok = ":white_check_mark:" if i < 2 else ":x:               "
        rows.append(f"| {major}.{max(0, 5 - i)}.x   | {ok} |")
    return rows + [""]


def _list(rng: random.Random) -> list[str]:
    ordered = rng.random() < 0.4
    out = []
    for i in range(rng.randint(3, 7)):
        mark = f"{i + 1}." if ordered else "-"
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 9)))
        if rng.random() < 0.2:
            words += f" (see https://{rng.choice(_DOMAINS)}/docs)"
        out.append(f"{mark} {words[0].upper()}{words[1:]}")
    return out + [""]


def _code_block(rng: random.Random) -> list[str]:
    lang = rng.choice(("bash", "sh", "text", "python"))
    out = [f"```{lang}"]
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.4:
            # '#' lines inside a fence must not be taken for headings
            out.append("# " + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 6))))
        else:
            out.append(
                rng.choice(
                    (
                        f"gpg --recv-keys {rng.getrandbits(64):016X}",
                        f"curl -sSf https://{rng.choice(_DOMAINS)}/key.asc | gpg --import",
                        f"pip install --upgrade project=={rng.randint(1, 9)}.{rng.randint(0, 20)}",
                        "echo 'report' | gpg --encrypt --armor",
                    )
                )
            )
    return out + ["```", ""]


def _section(rng: random.Random, idx: int) -> list[str]:
    out = [f"## {rng.choice(('Component', 'Area', 'Module', 'Service'))} {idx}", ""]
    out += _paragraph(rng)
    for sub in range(rng.randint(1, 3)):
        out += [f"### Details {idx}.{sub + 1}", ""]
        kind = rng.random()
        if kind < 0.25:
            out += _version_table(rng)
        elif kind < 0.5:
            out += _list(rng)
        elif kind < 0.7:
            out += _code_block(rng)
        out += _paragraph(rng)
        if rng.random() < 0.3:
            out += [f"#### Notes {idx}.{sub + 1}", ""] + _paragraph(rng)
    return out


def generate(size: int, seed: int = SEED, quiet: bool = False) -> str:
    """Return a document of at least `size` bytes (ends at a section boundary,
    overshooting by at most one section, i.e. well under 1 KB). `quiet`
    rewrites placeholder domains and plain-http links (see SIZES)."""
    rng = random.Random(seed * 1_000_003 + size)
    lines = ["# Security Policy", "", "Last Updated: 2024-01-15", ""]
    lines += _paragraph(rng)
    lines += ["## Supported Versions", ""] + _version_table(rng)
    lines += ["## Reporting a Vulnerability", ""] + _paragraph(rng) + _list(rng)
    lines += _code_block(rng)
    total = sum(len(x) + 1 for x in lines)
    idx = 1
    while total < size:
        sec = _section(rng, idx)
        idx += 1
        lines += sec
        total += sum(len(x) + 1 for x in sec)
    while lines and lines[-1] == "":
        lines.pop()
    text = "\n".join(lines) + "\n"
    if quiet:
        for old, new in _QUIET:
            text = text.replace(old, new)
    text.encode("ascii")  # generator must stay ASCII-only
    return text


def ensure(out_dir: str, names: list[str]) -> dict[str, str]:
    """Write the named sizes into out_dir (if missing or stale); return paths."""
    os.makedirs(out_dir, exist_ok=True)
    paths = {}
    for name in names:
        size = SIZES[name]
        path = os.path.join(out_dir, f"SECURITY-{name}.md")
        text = generate(size, quiet=name.endswith("-quiet"))
        digest = hashlib.sha256(text.encode()).hexdigest()
        stamp = path + ".sha256"
        fresh = False
        if os.path.exists(path) and os.path.exists(stamp):
            with open(stamp) as f:
                fresh = f.read().strip() == digest
        if not fresh:
            with open(path, "w", newline="\n") as f:
                f.write(text)
            with open(stamp, "w") as f:
                f.write(digest + "\n")
        paths[name] = path
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name, p in ensure(sys.argv[1], sys.argv[2:] or list(SIZES)).items():
        print(f"{name}\t{os.path.getsize(p)}\t{p}")
