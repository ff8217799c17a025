"""A small raw LSP client over stdio (asyncio subprocess, Content-Length framing).

Only what the benchmarks need: requests with bounded timeouts, notifications,
null/empty replies to server-initiated requests so no server stalls waiting
on us, and a timestamped stream of textDocument/publishDiagnostics.

Timestamps are taken right after a message's body has been read off the pipe,
before it is JSON-decoded, so our own decoding cost is not charged to the
server under test.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import signal
import time
from dataclasses import dataclass, field


class LspError(RuntimeError):
    pass


_LIVE_PIDS: set[int] = set()  # servers started and not yet reaped


@atexit.register
def _kill_leftovers() -> None:
    """Last resort if a run is interrupted: never leave a server behind."""
    for pid in list(_LIVE_PIDS):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@dataclass
class Publish:
    t: float  # perf_counter() when the message was fully read
    uri: str
    version: int | None
    count: int  # number of diagnostics
    size: int = 0  # bytes of the message body


@dataclass
class Stats:
    server_requests: dict = field(default_factory=dict)  # method -> count
    notifications: dict = field(default_factory=dict)
    bytes_in: int = 0


def file_uri(path: str) -> str:
    return "file://" + os.path.abspath(path)


CLIENT_CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "synchronization": {"dynamicRegistration": False, "didSave": False},
        "publishDiagnostics": {"versionSupport": True, "relatedInformation": False},
    },
    "workspace": {"configuration": True, "workspaceFolders": True},
    "window": {"workDoneProgress": True},
}


class LspServer:
    def __init__(self, argv: list[str], env: dict | None = None, cwd: str | None = None):
        self.argv = argv
        self.env = env
        self.cwd = cwd
        self.proc: asyncio.subprocess.Process | None = None
        self._next_id = 1
        self._pending: dict[int, asyncio.Future] = {}
        self.publishes: asyncio.Queue[Publish] = asyncio.Queue()
        self.stats = Stats()
        self._reader: asyncio.Task | None = None
        self._stderr_task: asyncio.Task | None = None
        self.stderr_tail = b""
        self.closed = asyncio.Event()

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def start(self) -> None:
        env = dict(os.environ)
        if self.env:
            env.update(self.env)
        self.proc = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
            cwd=self.cwd,
            limit=1 << 20,
            start_new_session=True,
        )
        _LIVE_PIDS.add(self.proc.pid)
        self._reader = asyncio.create_task(self._read_loop())
        self._stderr_task = asyncio.create_task(self._drain_stderr())

    async def _drain_stderr(self) -> None:
        assert self.proc and self.proc.stderr
        while True:
            chunk = await self.proc.stderr.read(65536)
            if not chunk:
                return
            self.stderr_tail = (self.stderr_tail + chunk)[-4000:]

    async def _read_loop(self) -> None:
        assert self.proc and self.proc.stdout
        out = self.proc.stdout
        try:
            while True:
                header = await out.readuntil(b"\r\n\r\n")
                length = None
                for line in header.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if length is None:
                    raise LspError(f"frame without Content-Length: {header!r}")
                body = await out.readexactly(length)
                t = time.perf_counter()
                self.stats.bytes_in += length + len(header)
                await self._dispatch(json.loads(body), t, length)
        except (asyncio.IncompleteReadError, ConnectionResetError):
            pass
        finally:
            self.closed.set()
            for fut in self._pending.values():
                if not fut.done():
                    fut.set_exception(LspError("server closed its output"))

    async def _dispatch(self, msg: dict, t: float, size: int = 0) -> None:
        if "id" in msg and "method" in msg:  # server -> client request
            method = msg["method"]
            self.stats.server_requests[method] = self.stats.server_requests.get(method, 0) + 1
            result: object = None
            if method == "workspace/configuration":
                result = [None for _ in msg.get("params", {}).get("items", [])]
            elif method == "workspace/workspaceFolders":
                result = []
            await self._send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
        elif "id" in msg:  # response
            fut = self._pending.pop(msg["id"], None)
            if fut is not None and not fut.done():
                if "error" in msg:
                    fut.set_exception(LspError(f"error response: {msg['error']}"))
                else:
                    fut.set_result((t, msg.get("result")))
        else:  # notification
            method = msg.get("method", "")
            self.stats.notifications[method] = self.stats.notifications.get(method, 0) + 1
            if method == "textDocument/publishDiagnostics":
                p = msg.get("params", {})
                self.publishes.put_nowait(
                    Publish(t, p.get("uri", ""), p.get("version"), len(p.get("diagnostics", [])), size)
                )

    async def _send(self, msg: dict) -> None:
        assert self.proc and self.proc.stdin
        body = json.dumps(msg, separators=(",", ":")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await self.proc.stdin.drain()

    async def request(self, method: str, params: object, timeout: float = 30.0):
        """Send a request; return (t_sent, t_answered, result)."""
        rid = self._next_id
        self._next_id += 1
        fut = asyncio.get_running_loop().create_future()
        self._pending[rid] = fut
        t0 = time.perf_counter()
        await asyncio.wait_for(
            self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}), timeout
        )
        t1, result = await asyncio.wait_for(fut, timeout)
        return t0, t1, result

    async def notify(self, method: str, params: object, timeout: float = 60.0) -> float:
        """Send a notification; return perf_counter() taken just before writing."""
        t0 = time.perf_counter()
        await asyncio.wait_for(
            self._send({"jsonrpc": "2.0", "method": method, "params": params}), timeout
        )
        return t0

    async def initialize(self, root: str, timeout: float = 30.0) -> float:
        """initialize + initialized; return the initialize round-trip in seconds."""
        params = {
            "processId": os.getpid(),
            "clientInfo": {"name": "secmd-bench", "version": "1"},
            "rootUri": file_uri(root),
            "workspaceFolders": [{"uri": file_uri(root), "name": "bench"}],
            "capabilities": CLIENT_CAPABILITIES,
        }
        t0, t1, _ = await self.request("initialize", params, timeout)
        await self.notify("initialized", {})
        return t1 - t0

    async def next_publish(
        self, uri: str, after: float, version: int | None, timeout: float
    ) -> Publish:
        """Wait for the publishDiagnostics answering a change sent at `after`.

        Matching rule: if the server includes a version, the publish must carry
        exactly `version` (older ones are skipped as stale); if it omits the
        version, the first publish for `uri` received after `after` is taken.
        """
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise asyncio.TimeoutError(f"no publishDiagnostics for {uri} v{version}")
            pub = await asyncio.wait_for(self.publishes.get(), left)
            if pub.uri != uri or pub.t < after:
                continue
            if pub.version is None or version is None or pub.version == version:
                return pub

    async def drain_publishes(self, quiet: float = 0.1, limit: float = 5.0) -> int:
        """Swallow publishes until none arrives for `quiet` seconds; return count."""
        n = 0
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            try:
                await asyncio.wait_for(self.publishes.get(), quiet)
                n += 1
            except asyncio.TimeoutError:
                break
        return n

    async def stop(self) -> None:
        """Polite shutdown with a short bound, then kill by PID (rumdl ignores exit)."""
        if self.proc is None:
            return
        try:
            if self.proc.returncode is None and not self.closed.is_set():
                try:
                    await self.request("shutdown", None, timeout=3.0)
                    await self.notify("exit", None, timeout=1.0)
                except Exception:
                    pass
                try:
                    await asyncio.wait_for(self.proc.wait(), 1.0)
                except asyncio.TimeoutError:
                    pass
        finally:
            if self.proc.returncode is None:
                try:
                    os.kill(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                try:
                    await asyncio.wait_for(self.proc.wait(), 5.0)
                except asyncio.TimeoutError:
                    pass
            if self.proc.returncode is not None:
                _LIVE_PIDS.discard(self.proc.pid)
            for t in (self._reader, self._stderr_task):
                if t is not None:
                    t.cancel()


def read_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM (kB) of a live process from /proc/PID/status."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":", 1)
                out[k] = int(v.split()[0])
    return out
