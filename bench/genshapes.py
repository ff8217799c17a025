"""Deterministic SECURITY.md documents of unusual *shapes* (issue 12).

The main benchmark documents (gendocs.py) are sectioned policies; these are
the shapes that once made one keystroke cost far more at 1 MB than at
100 KB: many anchor links, one huge table, no headings at all, an unclosed
`<!--` near the top, a NUL byte in every section... Each shape is a function
of the target size only, so every run measures the same bytes. Documents are
ASCII (NUL included), so LSP UTF-16 columns equal byte columns.

A shape is a `Shape`: the text, extra files the policy links to (written
next to it in the benchmark's workspace), and the one-character edits to
make (line, column), placed in the middle of the document.

Usage as a script:  python3 bench/genshapes.py OUT_DIR [SIZE ...]
  writes OUT_DIR/<shape>-<size>.md (sizes: 10k, 100k, 1m, 10m; default 100k).
"""

from __future__ import annotations

import os
import random
import sys
from dataclasses import dataclass, field

import gendocs

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
SEED = 12  # issue 12


@dataclass
class Shape:
    text: str
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text
    edits: list[tuple[int, int]] = field(default_factory=list)


def _rng(name: str, size: int) -> random.Random:
    return random.Random(f"{SEED}-{name}-{size}")


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(gendocs._WORDS) for _ in range(rng.randint(lo, hi)))


def _quiet_paragraph(rng: random.Random) -> list[str]:
    """A wrapped paragraph without placeholder domains or plain-http links,
    so findings come only from what the shape is about."""
    lines = gendocs._paragraph(rng)
    out = []
    for line in lines:
        for old, new in gendocs._QUIET:
            line = line.replace(old, new)
        out.append(line)
    return out


def _fill(head: list[str], size: int, block) -> list[str]:
    """head, then block(i) for i = 1, 2, ... until `size` bytes."""
    lines = list(head)
    total = sum(len(x) + 1 for x in lines)
    i = 1
    while total < size:
        b = block(i)
        lines += b
        total += sum(len(x) + 1 for x in b)
        i += 1
    return lines


def _head(title: str = "Security Policy") -> list[str]:
    return [f"# {title}", "", "Please report vulnerabilities to security@widgets.com.", ""]


def faq(size: int) -> list[str]:
    """Many headings and in-document anchor links, one in ten broken."""
    rng = _rng("faq", size)

    def block(i: int) -> list[str]:
        links = []
        for _ in range(2):
            k = rng.randint(1, i)
            frag = f"question-{k}" if rng.random() >= 0.1 else f"questoin-{k}"
            links.append(f"[question {k}](#{frag})")
        return [f"## Question {i}", "", f"{_words(rng, 5, 12).capitalize()}, see {links[0]} and {links[1]}.",
                ""] + _quiet_paragraph(rng)

    return _fill(_head("Security FAQ"), size, block)


def suppressions(size: int) -> list[str]:
    """A suppression comment in every section."""
    rng = _rng("suppressions", size)

    def block(i: int) -> list[str]:
        return [f"## Component {i}", "", "<!-- secmd-disable-next-line insecure-link -->",
                f"Fetch the key from http://widgets.com/keys/{i}.asc before writing.", ""] + _quiet_paragraph(rng)

    return _fill(_head(), size, block)


XFILE_TARGETS = 20


def xfile_files() -> dict[str, str]:
    files = {}
    for n in range(XFILE_TARGETS):
        body = [f"# Guide {n}", ""]
        for m in range(10):
            body += [f"## Part {m}", "", "Text.", ""]
        files[f"docs/guide-{n}.md"] = "\n".join(body)
    return files


def xfile(size: int) -> list[str]:
    """Many relative links into other files' headings, one in ten to a missing file."""
    rng = _rng("xfile", size)

    def block(i: int) -> list[str]:
        links = []
        for _ in range(3):
            n, m = rng.randrange(XFILE_TARGETS), rng.randrange(10)
            name = f"guide-{n}" if rng.random() >= 0.1 else f"missing-{n}"
            links.append(f"[part {m}](docs/{name}.md#part-{m})")
        return [f"## Topic {i}", "", f"{_words(rng, 4, 9).capitalize()}: {', '.join(links)}.", ""] \
            + _quiet_paragraph(rng)

    return _fill(_head(), size, block)


def addresses(size: int) -> list[str]:
    """Many email addresses, one in ten malformed."""
    rng = _rng("addresses", size)

    def block(i: int) -> list[str]:
        addrs = []
        for j in range(4):
            ok = rng.random() >= 0.1
            addrs.append(f"team-{i}-{j}@widgets.com" if ok else f"team-{i}-{j}@widgets..com")
        return [f"## Team {i}", "", f"Write to {', '.join(addrs)} for {_words(rng, 3, 6)}.", ""] \
            + _quiet_paragraph(rng)

    return _fill(_head(), size, block)


def no_headings(size: int) -> list[str]:
    """A title, then only paragraphs and lists."""
    rng = _rng("no_headings", size)

    def block(i: int) -> list[str]:
        out = _quiet_paragraph(rng)
        if i % 3 == 0:
            out += [f"- {_words(rng, 3, 8)}" for _ in range(rng.randint(2, 5))] + [""]
        return out

    return _fill(_head(), size, block)


def table(size: int) -> list[str]:
    """One huge supported-versions table."""
    rng = _rng("table", size)
    head = _head() + ["## Supported Versions", "", "| Version | Supported |", "| ------- | --------- |"]

    def block(i: int) -> list[str]:
        mark = ":white_check_mark:" if rng.random() < 0.3 else ":x:"
        return [f"| {i // 100}.{i % 100}.x | {mark} |"]

    return _fill(head, size, block)


def big_list(size: int) -> list[str]:
    """One huge list."""
    rng = _rng("list", size)
    head = _head() + ["## Reporting a Vulnerability", ""]
    return _fill(head, size, lambda i: [f"- Step {i}: {_words(rng, 4, 12)}"])


def nesting(size: int) -> list[str]:
    """Deeply nested quote and list lines, no headings after the title."""
    rng = _rng("nesting", size)

    def block(i: int) -> list[str]:
        out = []
        for d in range(rng.randint(4, 10)):
            out.append("> " * d + f"- {_words(rng, 3, 7)}")
        return out + [""]

    return _fill(_head(), size, block)


def long_lines(size: int) -> list[str]:
    """Sections whose paragraphs are single lines of 2-6 KB."""
    rng = _rng("long_lines", size)

    def block(i: int) -> list[str]:
        line = " ".join(" ".join(" ".join(_quiet_paragraph(rng)).split()) for _ in range(rng.randint(8, 24)))
        return [f"## Area {i}", "", line, ""]

    return _fill(_head(), size, block)


def single_line(size: int) -> list[str]:
    """The whole policy on one line."""
    rng = _rng("single_line", size)
    parts, total = ["Security policy: report to security@widgets.com."], 0
    while total < size:
        p = " ".join(_quiet_paragraph(rng)).strip()
        parts.append(p)
        total += len(p) + 1
    return [" ".join(parts)]


def unclosed_comment(size: int) -> list[str]:
    """A sectioned policy with an unclosed `<!--` typed near the top."""
    lines = gendocs.generate(size, seed=SEED, quiet=True).split("\n")
    return lines[:4] + ["<!--", ""] + lines[4:]


def nul_bytes(size: int) -> list[str]:
    """A sectioned policy with a NUL byte in every section."""
    out = []
    for line in gendocs.generate(size, seed=SEED, quiet=True).split("\n"):
        out.append(line)
        if line.startswith("## "):
            out += ["", "Binary\x00junk pasted here."]
    return out


SHAPES = {
    "faq": (faq, "many headings and anchor links, 1 in 10 broken"),
    "suppressions": (suppressions, "a suppression comment in every section"),
    "xfile": (xfile, "links into other files' headings, 1 in 10 file missing"),
    "addresses": (addresses, "many addresses, 1 in 10 malformed"),
    "no_headings": (no_headings, "no heading after the title: paragraphs and lists"),
    "table": (table, "one huge supported-versions table"),
    "list": (big_list, "one huge list"),
    "nesting": (nesting, "deeply nested quotes and lists, no headings"),
    "long_lines": (long_lines, "sections of 2-6 KB lines"),
    "single_line": (single_line, "the whole policy on one line"),
    "unclosed": (unclosed_comment, "an unclosed `<!--` near the top"),
    "nul": (nul_bytes, "a NUL byte in every section"),
}


def _edits(lines: list[str], n: int) -> list[tuple[int, int]]:
    """n one-character insertions in the middle of the document: mid-line,
    on non-empty lines from the middle line on (the single-line shape: the
    middle of its one line)."""
    if len(lines) == 1:
        mid = len(lines[0]) // 2
        return [(0, mid + i) for i in range(n)]
    edits, line = [], len(lines) // 2
    while len(edits) < n and line < len(lines):
        if lines[line].strip():
            edits.append((line, max(1, len(lines[line]) // 2)))
            line += 3
        else:
            line += 1
    return edits


def generate(name: str, size_name: str, n_edits: int = 20) -> Shape:
    fn, _ = SHAPES[name]
    lines = fn(SIZES[size_name])
    text = "\n".join(lines) + "\n"
    text.encode("ascii")
    files = xfile_files() if name == "xfile" else {}
    return Shape(text, files, _edits(lines, n_edits))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for size in sys.argv[2:] or ["100k"]:
        for name in SHAPES:
            s = generate(name, size)
            path = os.path.join(out_dir, f"{name}-{size}.md")
            with open(path, "w", newline="\n") as f:
                f.write(s.text)
            print(f"{name}\t{size}\t{len(s.text)}\t{path}")
