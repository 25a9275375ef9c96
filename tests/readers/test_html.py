"""The HTML reader: main text, blocks, metadata, decoding and safety."""

from __future__ import annotations

import codecs
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.errors import InputError
from briefing.model import Document
from briefing.pipeline import read_data, read_path
from briefing.readers import get_reader
from briefing.readers.html import HtmlReader
from tests import pdftools
from tests.conftest import BRIEF_DATE
from tests.conftest import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "html"
ARTICLE = FIXTURES / "article.html"
UDHR_HYE = FIXTURES / "udhr-hye.html"

# Body text long enough for trafilatura to take it as the main content.
PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the delegations met again on Friday to discuss the grain corridor, "
    "the insurance of ships and the inspection of cargo in the ports of the western Black Sea.</p>"
    for i in range(1, 5)
)


def page(body: str, head: str = "<title>Test page</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


def text_of(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks)


@pytest.fixture(scope="module")
def article() -> Document:
    return read_path(ARTICLE)


def test_registered_for_html_extensions() -> None:
    for name in ("a.html", "b.HTM", "c.xhtml"):
        assert isinstance(get_reader(name), HtmlReader)


def test_boilerplate_is_removed(article: Document) -> None:
    text = text_of(article)
    assert "Negotiators from Türkiye, Ukraine, Romania and Bulgaria met in Istanbul" in text
    assert "would ease pressure on the Danube ports" in text  # the last paragraph
    for chrome in ("Subscribe to the newsletter", "Share on Facebook", "Email this article",
                   "Read more", "Related stories", "Caspian pipeline tariffs",
                   "mark my words", "3 comments", "All rights reserved", "window.analytics",
                   "font-family"):
        assert chrome not in text, chrome


def test_headings_lists_tables_and_quotes_become_blocks(article: Document) -> None:
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert ("heading", "What is on the table") in kinds
    headings = {b.text: b.level for b in article.headings}
    assert headings == {"What is on the table": 2, "Tonnage shipped so far": 3}
    items = [b.text for b in article.blocks if b.kind == "list_item"]
    assert items == [
        "mine clearance along the coastal route near Odesa;",
        "war-risk insurance for vessels and crews;",
        "a shared list of ports that ships may call at on the way.",
        "Inspection centre agreed in principle.",
        "Insurance pool to be discussed in May.",
    ]
    tables = [b for b in article.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.split("\n") == [
        "Quarter | Ships | Million tonnes", "Q1 2025 | 412 | 9.8",
        "Q2 2025 | 468 | 11.2", "Q3 2025 | 503 | 12.6"]
    quotes = [b.text for b in article.blocks if b.kind == "quote"]
    assert quotes == ["We are not here to sign a treaty, we are here to keep the ships "
                      "moving before the harvest comes in."]
    # the title is the document's, not a repeated heading in the body
    assert "Grain corridor talks resume in Istanbul" not in [b.text for b in article.blocks]
    # every non-heading block is numbered 1..n in order
    assert [b.number for b in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))


def test_metadata_is_found(article: Document) -> None:
    assert article.title == "Grain corridor talks resume in Istanbul"
    assert article.author == "Leyla Mammadova"
    assert article.date == "2026-03-14"
    assert article.site == "Caspian Monitor"
    assert article.language == "en"
    assert article.metadata["url"] == "https://monitor.example.org/2026/03/grain-corridor-talks"
    assert article.metadata["description"].startswith("Negotiators from four countries")
    assert article.path == str(ARTICLE) and len(article.sha256) == 64


def test_armenian_udhr_keeps_its_text_and_structure() -> None:
    doc = read_path(UDHR_HYE)
    assert doc.language == "hy"
    assert doc.title == "ՄԱՐԴՈՒ ԻՐԱՎՈՒՆՔՆԵՐԻ ՀԱՄԸՆԴՀԱՆՈՒՐ ՀՌՉԱԿԱԳԻՐ"
    text = text_of(doc)
    assert ("Բոլոր մարդիկ ծնվում են ազատ ու հավասար իրենց արժանապատվությամբ ու իրավունքներով։ "
            "Նրանք ունեն բանականություն ու խիղճ և միմյանց պետք է եղբայրաբար վերաբերվեն։") in text
    assert "\ufffd" not in text
    # the preamble, then the 30 articles, each under its own heading, in order
    headings = [b.text for b in doc.headings]
    assert headings[0] == "ՆԵՐԱԾԱԿԱՆ"
    assert headings[1:] == [f"Հոդված {n}" for n in range(1, 31)]
    first = doc.blocks[1].text
    assert first.startswith("Քանզի մարդկային ընտանիքի բոլոր անդամներին")
    # Article 2's second paragraph and Article 30's text are there too
    assert "Ավելին, ոչ մի խտրականություն չպետք է լինի" in text
    assert doc.blocks[-1].text.startswith("Այս Հռչակագրում ոչ մի բան չի կարող մեկնաբանվել")


def test_lists_inside_articles_are_list_items() -> None:
    doc = read_path(UDHR_HYE)
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert len(items) >= 20  # articles 13, 14, 16... are numbered clauses
    assert all(b.number is not None for b in items)


@pytest.mark.parametrize(("declaration", "codec"), [
    ('<meta charset="windows-1251">', "cp1251"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r"),
])
def test_declared_charset_is_respected(declaration: str, codec: str) -> None:
    russian = "<p>Делегации четырёх стран встретились в Стамбуле, чтобы обсудить зерновой коридор.</p>"
    data = page(russian * 5 + PARAGRAPHS, head=declaration + "<title>Переговоры</title>").encode(codec)
    doc = read_data(data, "ru.html")
    assert doc.encoding == codecs.lookup(codec).name
    assert "Делегации четырёх стран встретились в Стамбуле" in doc.blocks[0].text
    assert not doc.warnings


def test_http_charset_overrides_the_page() -> None:
    data = page("<p>Çağrı ve görüşmeler İstanbul’da sürüyor, şirketler bekliyor.</p>" * 3 + PARAGRAPHS,
                head='<meta charset="windows-1252"><title>x</title>').encode("cp1254")
    doc = read_data(data, "tr.html", HtmlReader(charset="windows-1254"))
    assert doc.blocks[0].text.startswith("Çağrı ve görüşmeler İstanbul’da")


def test_latin1_label_means_windows_1252() -> None:
    data = page("<p>“Curly quotes” — and a dash, as browsers show them.</p>" + PARAGRAPHS,
                head='<meta charset="iso-8859-1"><title>x</title>').encode("cp1252")
    doc = read_data(data, "q.html")
    assert doc.blocks[0].text == "“Curly quotes” — and a dash, as browsers show them."


def test_utf8_page_declaring_latin1_is_read_as_utf8() -> None:
    data = page("<p>Ərazi və sərhəd məsələləri müzakirə olunur.</p>" + PARAGRAPHS,
                head='<meta charset="iso-8859-1"><title>x</title>').encode("utf-8")
    doc = read_data(data, "az.html")
    assert doc.blocks[0].text == "Ərazi və sərhəd məsələləri müzakirə olunur."
    assert any("declared windows-1252 but is UTF-8" in w for w in doc.warnings)


def test_byte_order_mark_wins() -> None:
    html = page("<p>Ukraine’s grain: ещё одна попытка.</p>" + PARAGRAPHS,
                head='<meta charset="windows-1252"><title>x</title>')
    doc = read_data(codecs.BOM_UTF16_LE + html.encode("utf-16-le"), "bom.html")
    assert doc.blocks[0].text == "Ukraine’s grain: ещё одна попытка."


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        body = b'<!ENTITY leak "LEAKED-BY-DTD">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def recorder() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests.clear()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_external_entities_and_dtds_are_neither_fetched_nor_expanded(
        recorder: int, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    base = f"http://127.0.0.1:{recorder}"
    xhtml = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{base}/xhtml1-strict.dtd" [
  <!ENTITY file SYSTEM "{secret.as_uri()}">
  <!ENTITY remote SYSTEM "{base}/remote.txt">
  <!ENTITY % parameter SYSTEM "{base}/evil.dtd"> %parameter;
]>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:xi="http://www.w3.org/2001/XInclude">
<head><title>Entities</title><link rel="stylesheet" href="{base}/style.css"/></head>
<body><article><h1>Entities</h1>{PARAGRAPHS}
<p>File: &file; remote: &remote; leak: &leak; end.</p>
<img src="{base}/image.png"/><xi:include href="{base}/include.xml"/>
<iframe src="{base}/frame.html"></iframe></article></body></html>"""
    path = tmp_path / "entities.xhtml"
    path.write_text(xhtml, encoding="utf-8")
    doc = read_path(path)
    text = text_of(doc)
    assert "Paragraph 4: the delegations met again" in text
    assert "TOP-SECRET-CONTENT" not in text and "LEAKED-BY-DTD" not in text
    assert "]>" not in text
    assert _Recorder.requests == []


def test_reading_opens_no_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    doc = HtmlReader(url="https://monitor.example.org/a").read(ARTICLE.read_bytes(), "a.html")
    assert doc.title == "Grain corridor talks resume in Istanbul"


@pytest.mark.parametrize("data", [
    b"<html><head><title>Empty</title></head><body></body></html>",
    b"<html><body><script>document.write('app')</script><nav><a href='/'>Home</a></nav></body></html>",
    b"<html><body>" + b"<div>" * 2000 + b"<p>too deep</p>" + b"</div>" * 2000 + b"</body></html>",
    bytes(range(256)) * 40,
    b"\x1f\x8b\x08\x00" + bytes(range(200, 256)) * 50,
])
def test_empty_or_garbage_html_is_a_one_line_error(data: bytes) -> None:
    with pytest.raises(InputError) as error:
        read_data(data, "bad.html")
    message = str(error.value)
    assert message.startswith("bad.html: ") and "\n" not in message


def test_no_main_text_message() -> None:
    with pytest.raises(InputError, match=r"^x\.html: no main text found"):
        read_data(b"<html><body><p> </p></body></html>", "x.html")


@pytest.mark.parametrize(("source", "expected", "absent"), [
    (ARTICLE, ["Grain corridor talks resume in Istanbul", "inspection centre"], "Share on Facebook"),
    (UDHR_HYE, ["ՄԱՐԴՈՒ ԻՐԱՎՈՒՆՔՆԵՐԻ", "Հոդված 1"], "Armenian"),  # <title> is "Armenian"
])
def test_render_a_brief_from_an_html_file(runner: CliRunner, tmp_path: Path, source: Path,
                                          expected: list[str], absent: str) -> None:
    from briefing.cli import cli

    out = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["render", str(source), "-o", str(out), "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    text = " ".join(pdftools.text(out).split())
    for snippet in expected:
        assert snippet in text
    assert absent not in text


def test_comments_as_nested_articles_stay_out() -> None:
    comments = ('<section class="comments"><h2>Comments</h2>'
                '<article class="comment"><p>First reader comment: nonsense, all of it.</p></article>'
                '<article class="comment"><p>Second reader comment: thanks for writing.</p></article>'
                "</section>")
    doc = read_data(page("<h1>Talks</h1>" + PARAGRAPHS + comments).encode(), "c.html")
    text = text_of(doc)
    assert "Paragraph 4: the delegations" in text
    assert "reader comment" not in text
