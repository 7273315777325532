"""Running the real `argmap preview` command in tests, and talking to it over HTTP."""

from __future__ import annotations

import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO

SEED_ARTICLE = REPO / "seeds" / "north-korea-missile-launches.txt"


def seed_copy(folder: Path) -> Path:
    """The seed map and its article, copied into `folder` (the map names the article beside it)."""
    text = (REPO / "maps" / "north-korea-missile-launches.yaml").read_text(encoding="utf-8")
    text = text.replace("../seeds/north-korea-missile-launches.txt", "article.txt")
    (folder / "article.txt").write_bytes(SEED_ARTICLE.read_bytes())
    path = folder / "map.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def save(path: Path, text: str) -> None:
    """Save as most editors do: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class Preview:
    """`argmap preview MAP --no-browser --port 0` as a child process, on its own free port."""

    def __init__(self, map_path: Path, *args: str, port: int = 0) -> None:
        self.map = map_path
        self.log = map_path.parent / f".preview-{os.getpid()}-{time.monotonic_ns()}.log"
        self._log = self.log.open("wb")  # a file, so the child never blocks on a full pipe
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "argmap",
                "preview",
                str(map_path),
                "--no-browser",
                "--port",
                str(port),
                *args,
            ],
            cwd=map_path.parent,
            stdout=subprocess.PIPE,
            stderr=self._log,
        )
        self.url = self._read_url(timeout=60)
        self.port = int(self.url.rstrip("/").rsplit(":", 1)[1])

    def _read_url(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        line = b""
        while not line.endswith(b"\n"):
            if time.monotonic() > deadline or not selector.select(deadline - time.monotonic()):
                raise AssertionError(f"argmap preview printed no address; stderr: {self.stderr()}")
            chunk = os.read(self.proc.stdout.fileno(), 1)
            if not chunk:
                raise AssertionError(f"argmap preview ended early; stderr: {self.stderr()}")
            line += chunk
        found = re.search(r"http://127\.0\.0\.1:\d+/", line.decode())
        assert found, line
        return found.group(0)

    def stderr(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Stop it as Ctrl+C does (or with `sig`); its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("argmap preview did not stop on the signal") from None
        self._log.close()
        return self.proc.returncode

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def raw_request(port: int, request: bytes, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are (no client tidies the path) and read the whole response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)}
    return status, headers, body


def get(port: int, path: str = "/", host: str | None = None, method: str = "GET", extra: str = ""):
    host = host if host is not None else f"127.0.0.1:{port}"
    request = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}\r\n"
    return raw_request(port, request.encode("latin-1"))


class EventStream:
    """The page's /events stream, read as the browser's EventSource reads it."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.buffer = b""
        head = self._until(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 200"), head
        assert b"text/event-stream" in head

    def _until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the event stream ended")
            self.buffer += chunk
        found, _, self.buffer = self.buffer.partition(marker)
        return found

    def next(self) -> tuple[str, str]:
        """The next event's name and data (comments and `retry:` lines skipped)."""
        import json

        while True:
            block = self._until(b"\n\n").decode("utf-8")
            fields = dict(
                line.split(": ", 1) for line in block.split("\n") if ": " in line and line[0] != ":"
            )
            if "event" in fields:
                return fields["event"], json.loads(fields["data"])

    def close(self) -> None:
        self.sock.close()
