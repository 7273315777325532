"""The preview's HTTP server: the page at `/`, its live updates at `/events`, nothing else.

Python's own `http.server`, one thread per connection, bound to 127.0.0.1
only.  What it answers is fixed: the request's path is compared with the two
routes and never used for anything else, so no request can name a file.
The Host header must name this server (`127.0.0.1:PORT` or `localhost:PORT`),
which stops a web page from reaching it through DNS rebinding, and a request
from another origin cannot read the event stream.  Every response forbids
caching, framing and content sniffing; the page's Content Security Policy lets
it run only its own script.
"""

from __future__ import annotations

import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from argmap.preview.live import Live
from argmap.preview.page import content_security_policy

HOST = "127.0.0.1"
#: The port `argmap preview` uses unless told otherwise.
DEFAULT_PORT = 8717
#: How often an idle event stream sends a comment, so a closed page is noticed.
KEEP_ALIVE_S = 15.0

_COMMON_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    preview: PreviewServer

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # a page closed its connection: nothing to report
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class PreviewServer:
    """Serves one `Live` state on 127.0.0.1:`port` (0: any free port)."""

    def __init__(self, live: Live, port: int = DEFAULT_PORT) -> None:
        self.live = live
        self._httpd = _HTTPServer((HOST, port), _Handler)  # OSError when the port is taken
        self._httpd.preview = self
        self.port: int = self._httpd.server_address[1]
        self._hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}
        self._origins = {f"http://{host}" for host in self._hosts}
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def host_allowed(self, host: str | None) -> bool:
        return host is not None and host.strip().lower() in self._hosts

    def origin_allowed(self, origin: str | None) -> bool:
        return origin is None or origin.strip().lower() in self._origins

    def serve_forever(self) -> None:
        """Serve until `shutdown()` (from another thread) or an exception such as Ctrl+C."""
        self._httpd.serve_forever(poll_interval=0.25)

    def start(self) -> None:
        """Serve on a thread of its own (the editor's preview)."""
        self._thread = threading.Thread(target=self.serve_forever, name="argmap-preview-http", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """End the event streams, stop serving and release the port."""
        self.live.close()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "argmap-preview"
    sys_version = ""
    protocol_version = "HTTP/1.0"  # one request per connection; the event stream ends with it
    timeout = 60  # a client that sends no request line in time is dropped

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _refuse_method(self) -> None:
        self._plain(HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD are served\n", {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows the map's state, not a request log

    def _answer(self, head: bool) -> None:
        preview = self.server.preview
        if not preview.host_allowed(self.headers.get("Host")):
            self._plain(HTTPStatus.FORBIDDEN, "refused: this preview answers only to its own address\n")
            return
        path = urlsplit(self.path).path
        if path == "/":
            self._page(head)
        elif path == "/events" and not head:
            if not preview.origin_allowed(self.headers.get("Origin")):
                self._plain(HTTPStatus.FORBIDDEN, "refused: another site's page may not follow this map\n")
                return
            self._events()
        else:
            self._plain(HTTPStatus.NOT_FOUND, "not found: this preview serves only its page\n")

    def _page(self, head: bool) -> None:
        body = self.server.preview.live.page().encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self._headers(
            {
                "Content-Type": "text/html; charset=utf-8",
                "Content-Length": str(len(body)),
                "Content-Security-Policy": content_security_policy(live=True) + "; frame-ancestors 'none'",
            }
        )
        if not head:
            self._write(body)

    def _events(self) -> None:
        live = self.server.preview.live
        seen, current = live.subscribe()
        self.send_response(HTTPStatus.OK)
        self._headers({"Content-Type": "text/event-stream; charset=utf-8"})
        # A page reconnects a second after the stream drops (a restarted preview, say).
        if not self._write(b"retry: 1000\n\n" + current):
            return
        while True:
            got = live.wait(seen, KEEP_ALIVE_S)
            if got is None:  # the server is stopping
                return
            seen, messages = got
            if not self._write(b"".join(messages) or b": keep-alive\n\n"):
                return

    def _plain(self, status: HTTPStatus, text: str, extra: dict[str, str] | None = None) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self._headers(
            {"Content-Type": "text/plain; charset=utf-8", "Content-Length": str(len(body)), **(extra or {})}
        )
        if self.command != "HEAD":
            self._write(body)

    def _headers(self, headers: dict[str, str]) -> None:
        for name, value in {**_COMMON_HEADERS, **headers}.items():
            self.send_header(name, value)
        self.end_headers()

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # the page went away
            return False
        return True
