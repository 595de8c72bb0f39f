"""What every fake platform API shares: a real HTTP server on 127.0.0.1 started by the test, the
requests it saw, and faults a test injects (a status with headers, a dropped connection, a body
that is not what the API documents)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

Fault = tuple
"""("status", code[, headers[, body]]) · ("drop",): the connection closes unanswered ·
("body", bytes): HTTP 200 with these bytes as the body."""

NOT_JSON = ("body", b'{"data": [{"id": "1", "tex')
WRONG_SHAPE = ("body", b'{"unexpected": true}')


class JsonHandler(BaseHTTPRequestHandler):
    fake: FakeServer

    def log_message(self, *args) -> None:
        pass

    @property
    def route(self) -> str:
        return urlparse(self.path).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlparse(self.path).query)

    def arg(self, name: str, default: str = "") -> str:
        return self.query.get(name, [default])[0]

    def _json_body(self) -> dict:
        return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")

    def _send(self, status: int, body, headers: dict | None = None) -> None:
        self._send_bytes(status, json.dumps(body, ensure_ascii=False).encode(), headers)

    def _send_bytes(self, status: int, data: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _drop(self) -> None:
        self.connection.shutdown(socket.SHUT_RDWR)  # the network goes away mid-request

    def faulted(self) -> bool:
        """Record this request and play an injected fault; True when the fault answered it."""
        fake = self.fake
        fake.requests.append(self.path)
        fake.auths.append(self.headers.get("Authorization"))
        fault = fake.faults.pop(0) if fake.faults else fake.fail_if(self.path)
        if not fault:
            return False
        if fault[0] == "drop":
            self._drop()
        elif fault[0] == "body":
            self._send_bytes(200, fault[1])
        else:
            headers = fault[2] if len(fault) > 2 else {}
            self._send(fault[1], fault[3] if len(fault) > 3 else {"error": "fault"}, headers)
        return True

    def authorised(self) -> bool:
        if self.headers.get("Authorization") == f"Bearer {self.fake.token}":
            return True
        self.refuse()
        return False

    def refuse(self) -> None:
        """The platform's own answer to a token it no longer accepts."""
        self._send(401, {"error": "The access token is invalid"})


class FakeServer:
    Handler: type[JsonHandler] = JsonHandler

    def __init__(self, token: str = "") -> None:
        self.token = token
        self.requests: list[str] = []
        self.auths: list[str | None] = []
        self.faults: list[Fault] = []
        """Played one per GET, first come first served."""
        self.fail_if: Callable[[str], Fault | None] = lambda path: None
        """A fault for every GET whose path it matches (e.g. every later page)."""
        handler = type("Handler", (self.Handler,), {"fake": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"


def serve(fake: FakeServer) -> Iterator[FakeServer]:
    """Run a fake's HTTP server for one test."""
    thread = threading.Thread(target=fake.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield fake
    fake.httpd.shutdown()
    fake.httpd.server_close()


def offset_page(items: list, start: int, limit: int) -> tuple[list, str | None]:
    """A page of ``items`` from ``start``, and the opaque cursor of the next one (None at the end)."""
    page = items[start:start + limit]
    return page, (str(start + limit) if start + limit < len(items) else None)
