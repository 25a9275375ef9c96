"""Limits and safety of the binary readers: each limit refuses a crafted input.

Zip bombs are built here from raw deflate blocks (2 GB of zeros in 2 MB),
never inflated: the tests check with tracemalloc that the reader refuses
them without allocating more than a few megabytes, so no test comes near
1 GB of memory.
"""

from __future__ import annotations

import dataclasses
import http.server
import io
import struct
import threading
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.pipeline import read_path
from briefing.readers import limits as limits_module
from briefing.readers.docx import DocxReader
from briefing.readers.limits import ReaderLimits
from briefing.readers.pdf import PdfReader
from tests.conftest import FIXTURES

IN_FOCUS = FIXTURES / "pdf" / "IF11043.3.pdf"
ATTACHED_TEMPLATE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                     "attachedTemplate")
MB = 1024 * 1024


# --------------------------------------------------------------------------
# Crafting inputs
# --------------------------------------------------------------------------


def docx_bytes(paragraphs: int = 3) -> bytes:
    """A small valid Word file made with python-docx."""
    import docx

    document = docx.Document()
    document.add_heading("Limits", level=1)
    for k in range(paragraphs):
        document.add_paragraph(f"Paragraph {k + 1} of a small document about reader limits.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rewrite(data: bytes, changes: dict[str, bytes]) -> bytes:
    """``data`` (a zip) with some entries replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, changes.get(info.filename, source.read(info)))
    return out.getvalue()


def zeros_deflate(megabytes: int) -> bytes:
    """A raw deflate stream of ``megabytes`` MB of zeros, built from one
    compressed megabyte repeated (a full flush makes the blocks independent)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def raw_zip(entries: list[tuple[str, bytes, int]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of (name, compressed data, declared size) entries, headers by hand
    (so a directory can state any size); the CRCs are left at zero."""
    out = io.BytesIO()
    central = []
    for name, data, size in entries:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, 0, len(data),
                              size, len(encoded), 0) + encoded + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, 0,
                                   len(data), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    out.write(b"".join(central))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def refused_in_little_memory(data: bytes, match: str, limits: ReaderLimits | None = None) -> None:
    """Reading ``data`` as a DOCX raises a one-line InputError and allocates < 20 MB."""
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=match) as info:
            DocxReader().read(data, "bomb.docx", limits=limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "\n" not in str(info.value)
    assert peak < 20 * MB, f"the reader allocated {peak / MB:.0f} MB"


# --------------------------------------------------------------------------
# The settings object
# --------------------------------------------------------------------------


def test_limits_are_frozen_and_validated() -> None:
    limits = ReaderLimits()
    assert limits.max_input_bytes == 50 * MB and limits.max_pages == 1000
    with pytest.raises(dataclasses.FrozenInstanceError):
        limits.max_pages = 5  # type: ignore[misc]
    with pytest.raises(ValueError, match="max_pages"):
        ReaderLimits(max_pages=0)
    assert ReaderLimits(time_limit=5).time_limit == 5


# --------------------------------------------------------------------------
# Size, pages, time
# --------------------------------------------------------------------------


def test_input_size_limit() -> None:
    with pytest.raises(InputError, match=r"too large \(0\.2 MB; the limit is 0\.1 MB\)"):
        read_path(IN_FOCUS, limits=ReaderLimits(max_input_bytes=100_000))


def test_page_limit() -> None:
    with pytest.raises(InputError, match=r"too many pages \(3; the limit is 2\)"):
        read_path(IN_FOCUS, limits=ReaderLimits(max_pages=2))


@pytest.fixture
def slow_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves 10 s each time it is read."""
    ticks = iter(range(0, 10_000, 10))
    monkeypatch.setattr(limits_module, "_clock", lambda: float(next(ticks)))


def test_time_limit_stops_a_pdf_between_pages(slow_clock, monkeypatch) -> None:
    from briefing.readers import pdf

    pages: list[int] = []
    real = pdf.page_lines
    monkeypatch.setattr(pdf, "page_lines", lambda page, n: pages.append(n) or real(page, n))
    with pytest.raises(InputError, match=r"longer than the time limit \(15 s\)"):
        PdfReader().read(IN_FOCUS.read_bytes(), "slow.pdf", limits=ReaderLimits(time_limit=15))
    assert pages == [0]  # stopped before the second page


def test_time_limit_stops_a_docx(slow_clock) -> None:
    with pytest.raises(InputError, match=r"^slow\.docx: reading took longer than the time limit"):
        DocxReader().read(docx_bytes(), "slow.docx", limits=ReaderLimits(time_limit=15))


# --------------------------------------------------------------------------
# Zip bombs
# --------------------------------------------------------------------------


def test_too_many_zip_entries() -> None:
    data = raw_zip([(f"word/part{k}.xml", b"\x03\x00", 0) for k in range(2001)])
    refused_in_little_memory(data, r"possible zip bomb: 2001 files in the archive \(the limit is 2000\)")


def test_total_unzipped_size_read_from_the_directory() -> None:
    bomb = zeros_deflate(2048)  # 2 GB of zeros in about 2 MB
    assert len(bomb) < 4 * MB
    data = raw_zip([("word/document.xml", bomb, 2048 * MB)])
    refused_in_little_memory(data, r"would inflate to 2048 MB \(the limit is 200 MB\)")


def test_compression_ratio() -> None:
    data = raw_zip([("word/document.xml", zeros_deflate(8), 8 * MB)])
    refused_in_little_memory(data, r"'word/document\.xml' compresses \d+:1 \(the limit is 200:1\)")


def test_directory_that_understates_sizes_is_not_believed_while_inflating() -> None:
    # The directory says 1000 bytes; the data inflates to 2 GB: reading stops
    # at the declared size (the CRC then fails), nothing near 2 GB is inflated.
    data = raw_zip([("word/document.xml", zeros_deflate(2048), 1000)])
    refused_in_little_memory(data, r"damaged Word file \(word/document\.xml: Bad CRC-32")


def test_other_compression_methods_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    refused_in_little_memory(out.getvalue(), "unsupported compression in 'word/document.xml'")


# --------------------------------------------------------------------------
# XML: no DTDs, no entities, no network
# --------------------------------------------------------------------------


DOCUMENT_XML = "word/document.xml"


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">',
])
def test_doctype_refused(doctype: str) -> None:
    data = docx_bytes()
    original = zipfile.ZipFile(io.BytesIO(data)).read(DOCUMENT_XML).decode("utf-8")
    declaration, _, rest = original.partition("?>")
    crafted = rewrite(data, {DOCUMENT_XML: f"{declaration}?>{doctype}{rest}".encode()})
    refused_in_little_memory(crafted, r"'word/document\.xml' declares a DOCTYPE or entities")


def test_doctype_refused_in_utf16() -> None:
    data = docx_bytes()
    crafted = rewrite(data, {"docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    ).encode("utf-16")})
    refused_in_little_memory(crafted, r"'docProps/app\.xml' declares a DOCTYPE")


def test_python_docx_parser_does_not_expand_entities(tmp_path: Path) -> None:
    # What python-docx's own lxml parser does (our check comes first anyway):
    # entities are not resolved and no file is read.
    from docx.oxml.parser import parse_xml

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    element = parse_xml(f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>')
    assert "TOP-SECRET" not in (element.xpath("string(.)") or "")


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY x "fetched">')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[str]:
    """A real HTTP server on loopback that records every request."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_readers_make_no_network_requests(loopback: str, tmp_path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml
    from reportlab.pdfgen import canvas

    # A Word file whose parts point at the server: a linked image, a link,
    # an attached template (Word itself would fetch that one).
    document = docx.Document()
    document.add_paragraph("A paragraph with links to a server that must not be called.")
    document.part.relate_to(f"{loopback}/image.png", RT.IMAGE, is_external=True)
    document.part.relate_to(f"{loopback}/page", RT.HYPERLINK, is_external=True)
    settings = document.part.part_related_by(RT.SETTINGS)
    settings.relate_to(f"{loopback}/template.dotx", ATTACHED_TEMPLATE, is_external=True)
    word = tmp_path / "links.docx"
    document.save(word)
    # A PDF with a link annotation to the server.
    pdf = tmp_path / "links.pdf"
    c = canvas.Canvas(str(pdf), invariant=1)
    c.drawString(72, 700, "A PDF paragraph with a link to a server that must not be called.")
    c.linkURL(f"{loopback}/pdf-link", (72, 690, 400, 710))
    c.showPage()
    c.save()

    assert read_path(word).blocks and read_path(pdf).blocks
    # python-docx's parser does not load an external DTD either.
    parse_xml(f'<!DOCTYPE x SYSTEM "{loopback}/evil.dtd"><x>text</x>')
    assert _Recorder.requests == []


# --------------------------------------------------------------------------
# Through the command line: one line, non-zero exit, no output file
# --------------------------------------------------------------------------


def _many_pages(count: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(IN_FOCUS))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CLI_CASES = {
    "encrypted.pdf": (_encrypted, "encrypted: the PDF needs a password"),
    "blank.pdf": (lambda: _many_pages(1), "no text layer: run OCR first"),
    "pages.pdf": (lambda: _many_pages(1001), r"too many pages \(1001; the limit is 1000\)"),
    "bomb.docx": (lambda: raw_zip([("word/document.xml", zeros_deflate(2048), 2048 * MB)]),
                  "possible zip bomb"),
    "entities.docx": (lambda: rewrite(docx_bytes(), {"word/styles.xml": (
        b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY a "b">]><w:styles/>')}),
        "declares a DOCTYPE or entities"),
    "old.docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Word 97-2003 file"),
}


@pytest.mark.parametrize("name", sorted(CLI_CASES))
def test_cli_refuses_in_one_line(runner, tmp_path: Path, name: str) -> None:
    from briefing.cli import cli

    make, message = CLI_CASES[name]
    source = tmp_path / name
    source.write_bytes(make())
    out = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["render", str(source), "-o", str(out), "--date", "2026-11-27"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"briefing: error: {source}: ")
    assert __import__("re").search(message, lines[0]), lines[0]
    assert not out.exists() and not list(tmp_path.glob("*.pdf.*"))


def test_cli_refuses_a_file_over_the_size_limit(runner, tmp_path: Path) -> None:
    from briefing.cli import cli

    source = tmp_path / "huge.pdf"
    with source.open("wb") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.write(b"%PDF-1.7\n")
        handle.truncate(51 * MB)
    out = tmp_path / "x.pdf"
    result = runner.invoke(cli, ["render", str(source), "-o", str(out), "--date", "2026-11-27"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"briefing: error: {source}: too large (51.0 MB; "
                                     "the limit is 50.0 MB)")
    assert not out.exists()
