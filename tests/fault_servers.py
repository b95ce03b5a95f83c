"""Loopback servers that misbehave the ways real remotes do, for tests/test_faults.py and
benchmarks/services.py.

The behaviours are constructed here, not recorded: a port with nothing listening, a name that
does not resolve, a server that takes the request and never answers, one that sends its
headers and then the body a byte at a time, and one that gives every request the same canned
answer (a 429 with a long Retry-After, or the real DBLP bot-check page of
`fixtures/services/real/dblp/`, with 500 or 200). Each server logs the requests it was sent,
so a test can tell that a remembered-down service was not asked at all.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
BOT_WALL = (
    FIXTURES
    / "services/real/dblp"
    / "dblp_search_publ_api_2026-09_anubis_http500_excerpt_from_szeider_mcp-dblp_issue7.html"
).read_bytes()
UNRESOLVABLE = "http://arxiv2entry-test.invalid"  # .invalid never resolves (RFC 2606)


def refused_url() -> str:
    """The URL of a loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class FaultServer:
    """One misbehaviour on a loopback port. `mode`:
    - "silent": reads the request and never answers;
    - "trickle": answers 200 with a 1000-byte JSON body, one byte every `every` seconds;
    - "canned": answers every request with `status`, `body`, `content_type` and `headers`.
    """

    def __init__(
        self,
        mode: str,
        *,
        status: int = 200,
        body: bytes = b"",
        content_type: str = "application/json",
        headers: tuple[tuple[str, str], ...] = (),
        every: float = 0.2,
    ) -> None:
        self.requests: list[str] = []  # "GET /path" of each request received
        self.user_agents: list[str] = []
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer()

            def do_GET(self) -> None:
                self._answer()

            def _answer(self) -> None:
                server.requests.append(f"{self.command} {self.path.split('?')[0]}")
                server.user_agents.append(self.headers.get("User-Agent", ""))
                try:
                    if mode == "silent":
                        server._closing.wait()
                    elif mode == "trickle":
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", "1000")
                        self.end_headers()
                        for _ in range(1000):
                            if server._closing.wait(every):
                                return
                            self.wfile.write(b" ")
                            self.wfile.flush()
                    else:
                        self.send_response(status)
                        self.send_header("Content-Type", content_type)
                        self.send_header("Content-Length", str(len(body)))
                        for name, value in headers:
                            self.send_header(name, value)
                        self.end_headers()
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.root = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def timed(call, *args):  # type: ignore[no-untyped-def]
    """(seconds, what `call(*args)` returned)."""
    start = time.perf_counter()
    result = call(*args)
    return time.perf_counter() - start, result
