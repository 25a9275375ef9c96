"""The URL reader against a real HTTP server on loopback (http.server in a thread)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.errors import InputError
from briefing.readers.url import fetch, is_url, read_url
from tests.conftest import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "html"
ARTICLE = (FIXTURES / "article.html").read_bytes()
BIG = 300_000
# A page in windows-1251 that says so only in the HTTP header.
RUSSIAN = ("<html><body><article><h1>Переговоры</h1>"
           + "<p>Делегации четырёх стран встретились в Стамбуле, чтобы обсудить коридор для зерна.</p>" * 6
           + "</article></body></html>").encode("cp1251")
PLAIN = (b"Grain talks\n\nNegotiators met in Istanbul on Friday to restart talks on a "
         b"shipping corridor for grain across the Black Sea.\n")


class Handler(BaseHTTPRequestHandler):
    """Routes of the test server; ``requests`` records every path asked for."""

    requests: list[str] = []
    sleep_event = threading.Event()

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def send(self, status: int, body: bytes, content_type: str | None = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per route
        Handler.requests.append(self.path)
        path = self.path
        if path == "/article":
            self.send(200, ARTICLE)
        elif path == "/russian":
            self.send(200, RUSSIAN, "text/html; charset=windows-1251")
        elif path == "/plain":
            self.send(200, PLAIN, "text/plain; charset=utf-8")
        elif path == "/untyped":
            self.send(200, ARTICLE, None)
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/missing":
            self.send(404, b"<html><body>Not here</body></html>")
        elif path == "/broken":
            self.send(500, b"oops", "text/plain")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/article" if n == 0 else f"/hop/{n - 1}"
            self.send(302, b"", headers={"Location": target})
        elif path == "/loop":
            self.send(301, b"", headers={"Location": "/loop"})
        elif path == "/to-file":
            self.send(302, b"", headers={"Location": "file:///etc/passwd"})
        elif path == "/big":
            self.send(200, b"<html><body><p>" + b"x" * BIG + b"</p></body></html>")
        elif path == "/big-chunked":  # no Content-Length: the size shows only while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(BIG // 10_000):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
        elif path == "/slow":
            Handler.sleep_event.wait(5)  # released by the test when it is done
            self.send(200, ARTICLE)
        elif path == "/trickle":  # headers at once, then a byte now and then
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                if Handler.sleep_event.wait(0.1):
                    break
                self.wfile.write(b" ")
                self.wfile.flush()
        elif path == "/empty":
            self.send(200, b"")
        else:
            self.send(404, b"no such route")


class _QuietServer(ThreadingHTTPServer):
    """A test server whose handler threads never print to stderr.

    A client that gives up early (the size and time limit tests) makes the
    handler's write fail; socketserver would print that traceback to
    ``sys.stderr``, which a later test's CliRunner may have captured as the
    command's own output.
    """

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        Handler.sleep_event.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(autouse=True)
def fresh() -> None:
    Handler.requests.clear()
    Handler.sleep_event.clear()


def one_line(error: pytest.ExceptionInfo[InputError], url: str) -> str:
    message = str(error.value)
    assert "\n" not in message and message.startswith(url + ": ")
    return message


def test_is_url() -> None:
    assert is_url("https://example.org/a?b=1")
    assert is_url("HTTP://example.org")
    assert not is_url("example.org/page.html")
    assert not is_url("file:///etc/passwd")
    assert not is_url("notes/https.txt")


def test_fetch_returns_body_final_url_and_type(server: str) -> None:
    data, final, content_type = fetch(server + "/article", timeout=5, max_bytes=10**6, max_redirects=2)
    assert data == ARTICLE
    assert final == server + "/article"
    assert content_type == "text/html; charset=utf-8"


def test_read_url_reads_the_page_with_the_html_reader(server: str) -> None:
    url = server + "/article"
    doc = read_url(url)
    assert doc.path == url
    assert doc.title == "Grain corridor talks resume in Istanbul"
    assert doc.site == "Caspian Monitor"
    text = "\n".join(b.text for b in doc.blocks)
    assert "joint inspection centre" in text
    assert "Share on Facebook" not in text
    assert not doc.paragraphs[0].sentences  # sentences are the analysis' work
    from briefing.pipeline import read_source

    assert read_source(url).paragraphs[0].sentences  # the pipeline reads and segments


def test_site_comes_from_the_host_when_the_page_names_none(server: str) -> None:
    doc = read_url(server + "/russian")
    assert doc.site == "127.0.0.1"


def test_http_charset_is_used(server: str) -> None:
    doc = read_url(server + "/russian")
    assert doc.encoding == "cp1251"
    assert "Делегации четырёх стран встретились в Стамбуле" in doc.blocks[-1].text


def test_plain_text_goes_to_the_text_reader(server: str) -> None:
    doc = read_url(server + "/plain")
    assert doc.title == "Grain talks"
    assert "shipping corridor" in doc.blocks[0].text


def test_missing_content_type_is_sniffed(server: str) -> None:
    doc = read_url(server + "/untyped")
    assert doc.title == "Grain corridor talks resume in Istanbul"


def test_redirects_are_followed_up_to_the_cap(server: str) -> None:
    doc = read_url(server + "/hop/2", max_redirects=3)
    assert doc.path == server + "/hop/2"
    assert doc.metadata["url"].endswith("/2026/03/grain-corridor-talks")  # the canonical link
    assert Handler.requests == ["/hop/2", "/hop/1", "/hop/0", "/article"]


def test_too_many_redirects(server: str) -> None:
    url = server + "/hop/5"
    with pytest.raises(InputError) as error:
        fetch(url, max_redirects=3)
    assert "too many redirects (more than 3)" in one_line(error, url)
    assert len(Handler.requests) == 4  # the first request and three redirects, no more


def test_redirect_loop_stops(server: str) -> None:
    with pytest.raises(InputError, match="too many redirects"):
        fetch(server + "/loop", max_redirects=4)


def test_redirect_to_another_scheme_is_refused(server: str) -> None:
    url = server + "/to-file"
    with pytest.raises(InputError) as error:
        fetch(url)
    assert "file:///etc/passwd, which is not an http(s) URL" in one_line(error, url)


def test_content_length_over_the_limit_is_refused_before_reading(server: str) -> None:
    url = server + "/big"
    with pytest.raises(InputError) as error:
        fetch(url, max_bytes=100_000)
    assert "too large" in one_line(error, url)


def test_streamed_body_over_the_limit_is_cut(server: str) -> None:
    url = server + "/big-chunked"
    with pytest.raises(InputError) as error:
        fetch(url, max_bytes=100_000)
    assert "too large (more than 0.1 MB)" in one_line(error, url)
    data, _, _ = fetch(url, max_bytes=10**6)  # under a higher limit the same page is read
    assert len(data) > BIG


def test_slow_server_times_out(server: str) -> None:
    url = server + "/slow"
    with pytest.raises(InputError) as error:
        fetch(url, timeout=0.5)
    assert "timed out" in one_line(error, url)


def test_trickling_server_hits_the_deadline(server: str) -> None:
    url = server + "/trickle"
    start = time.monotonic()
    with pytest.raises(InputError) as error:
        fetch(url, timeout=1.0)
    assert "timed out" in one_line(error, url)
    # Each byte came well within the socket timeout: only the deadline stops it.
    assert time.monotonic() - start < 4.5


@pytest.mark.parametrize(("route", "expected"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/broken", "HTTP 500"),
])
def test_error_status(server: str, route: str, expected: str) -> None:
    url = server + route
    with pytest.raises(InputError) as error:
        read_url(url)
    assert expected in one_line(error, url)


def test_wrong_content_type(server: str) -> None:
    url = server + "/image"
    with pytest.raises(InputError) as error:
        read_url(url)
    assert "content type image/png" in one_line(error, url)


def test_empty_page(server: str) -> None:
    url = server + "/empty"
    with pytest.raises(InputError) as error:
        read_url(url)
    assert "empty" in one_line(error, url)


def test_connection_refused() -> None:
    import socket

    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/page"
    with pytest.raises(InputError) as error:
        read_url(url, timeout=5)
    assert "connection refused" in one_line(error, url)


def test_unresolvable_host() -> None:
    url = "http://no-such-host.invalid/page"  # .invalid never resolves (RFC 2606)
    with pytest.raises(InputError) as error:
        read_url(url, timeout=5)
    message = one_line(error, url)
    assert "cannot be fetched" in message


def test_not_an_http_url() -> None:
    with pytest.raises(InputError, match="not an http"):
        fetch("ftp://example.org/file.html")


def test_render_a_brief_from_a_url(server: str, runner: CliRunner, tmp_path: Path) -> None:
    """Needs the CLI to hand URLs to read_url (briefing/cli.py read_documents)."""
    from briefing.cli import cli
    from tests import pdftools
    from tests.conftest import BRIEF_DATE

    out = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["render", server + "/article", "-o", str(out), "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    text = " ".join(pdftools.text(out).split())
    assert "Grain corridor talks resume in Istanbul" in text
    assert "inspection centre" in text
    assert Handler.requests == ["/article"]


def test_render_reports_a_failed_fetch_in_one_line(server: str, runner: CliRunner, tmp_path: Path) -> None:
    from briefing.cli import cli

    out = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["render", server + "/missing", "-o", str(out)])
    assert result.exit_code != 0
    assert f"{server}/missing: the server answered HTTP 404 Not Found" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_reader_limits_bound_the_download(server: str) -> None:
    from briefing.readers.limits import ReaderLimits

    url = server + "/article"
    with pytest.raises(InputError) as error:
        read_url(url, limits=ReaderLimits(max_input_bytes=1000))
    assert "too large" in one_line(error, url)
