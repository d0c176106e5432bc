"""Fixtures of the press tests: the feed files in tests/feeds/, a local HTTP server
thread that serves them (no test reaches the internet), and a programme of the commune
between its Party committee (lead, the department) and its People's Committee (partner)."""

import datetime as dt
import http.server
import threading
import time
from pathlib import Path

import pytest
import time_machine

from phoihop.programs.tests.factories import make_program

FEEDS = Path(__file__).parent / "feeds"
TODAY = dt.date(2026, 11, 22)  # a Sunday


def feed(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


@pytest.fixture(autouse=True)
def _local_feed_server_allowed(settings):
    """The tests' feed server listens on 127.0.0.1, a network fetch() refuses unless allowed."""
    settings.PHOIHOP_PRESS_FEED_NETWORKS = ["127.0.0.1/32"]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def program(world):
    return make_program(world, title="Chương trình phối hợp tuyên truyền xã Cẩm Đức giai đoạn 2026–2030")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 — the standard library's name
        if self.path == "/slow.xml":
            time.sleep(1.5)
        if self.path == "/missing.xml":
            self.send_error(404)
            return
        if self.path == "/huge.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            chunk = b"<!-- " + b"x" * 65536 + b" -->"
            try:
                for _ in range(200):  # ~13 MB if nobody stops reading
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        path = FEEDS / self.path.lstrip("/").replace("slow.xml", "rss_phu_yen.xml")
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    """The base URL of a local server for the feed files (and /missing.xml: 404,
    /slow.xml: answers after 1.5 s, /huge.xml: never-ending)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
