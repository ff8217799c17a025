"""The transport floor: a stand-in language server that does no analysis.

It answers `initialize`, and publishes diagnostics for every `didOpen` and
`didChange` right away: an empty list, padded with a field of its own to
`FLOOR_BYTES` bytes of body. `bench/shapes.py --floor` runs it beside secmd
with secmd's publish size for each shape and size, so the table shows what
moving that many bytes through the pipe into the benchmark's own client
costs, whatever the server: the part of an edit's time that grows with the
number of findings however little a server does per keystroke.

    FLOOR_BYTES=2900000 python3 bench/transport_floor.py
"""

from __future__ import annotations

import json
import os
import sys


def write(body: bytes) -> None:
    out = memoryview(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    while out:
        out = out[os.write(1, out):]


def read(stream) -> dict | None:
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return json.loads(stream.read(length or 0))


def publish(uri: str, version: int, size: int) -> bytes:
    head = json.dumps({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                       "params": {"uri": uri, "version": version, "diagnostics": []}})
    # `{..."diagnostics":[]}}` becomes `{..."diagnostics":[],"pad":"xxx"}}`.
    head = head[:-2] + ',"pad":"'
    pad = max(0, size - len(head) - 3)
    return head.encode() + b"x" * pad + b'"}}'


def main() -> int:
    size = int(os.environ.get("FLOOR_BYTES", "0"))
    stream = sys.stdin.buffer
    while (msg := read(stream)) is not None:
        method, params = msg.get("method"), msg.get("params") or {}
        if "id" in msg and method == "initialize":
            write(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": {"capabilities": {
                "textDocumentSync": 2}}}).encode())
        elif "id" in msg and method == "shutdown":
            write(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": None}).encode())
        elif method == "exit":
            return 0
        elif method in ("textDocument/didOpen", "textDocument/didChange"):
            doc = params["textDocument"]
            write(publish(doc["uri"], doc.get("version", 0), size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
