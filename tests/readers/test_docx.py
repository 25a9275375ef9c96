"""The DOCX reader: headings, lists, tables, core properties, damaged files.

Every Word file here is made by the test with python-docx (sometimes with
its XML edited), so the expected blocks are the ones the test wrote.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from briefing.errors import InputError
from briefing.pipeline import read_path
from briefing.readers.docx import DocxReader


def build(path: Path | None = None, *, title: bool = True, core: bool = True) -> bytes:
    """A Word file with a title, two heading levels, lists, a table, a quote."""
    import docx

    document = docx.Document()
    if title:
        document.add_paragraph("Caspian Energy Corridor", style="Title")
        document.add_paragraph("Options for the Trans-Caspian pipeline", style="Subtitle")
    document.add_heading("Background", level=1)
    document.add_paragraph("Azerbaijan and Turkmenistan signed a memorandum on the Trans-Caspian "
                           "pipeline in March 2025. The agreement covers gas transit to Europe.")
    document.add_heading("Key points", level=2)
    document.add_paragraph("Gas volumes could reach 10 bcm a year.", style="List Bullet")
    document.add_paragraph("Financing is still open.", style="List Number")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Country", "2024", "2025"), ("Azerbaijan", "24.5", "25.1"),
                             ("Turkmenistan", "", "3.0")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Energy security is a shared interest.", style="Quote")
    document.add_heading("Outlook", level=1)
    document.add_paragraph("The European Union welcomed the step and promised support for "
                           "the feasibility study.")
    document.add_paragraph("")  # empty paragraphs are skipped
    properties = document.core_properties
    properties.author = "Jane Analyst"
    properties.title = "Caspian corridor (draft)"
    properties.created = dt.datetime(2025, 3, 14, 9, 0)
    properties.modified = dt.datetime(2025, 3, 20, 17, 30)
    properties.language = "en-GB"
    properties.subject = "Energy"
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if not core:
        data = _without_core(data)
    if path is not None:
        path.write_bytes(data)
    return data


def _without_core(data: bytes) -> bytes:
    """The package without docProps/core.xml (and its relationship)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/core.xml":
                continue
            blob = source.read(info)
            if info.filename == "_rels/.rels":
                blob = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", blob)
            target.writestr(info.filename, blob)
    return out.getvalue()


def test_blocks_in_order() -> None:
    doc = DocxReader().read(build(), "brief.docx")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Background"),
        ("paragraph", 0, "Azerbaijan and Turkmenistan signed a memorandum on the Trans-Caspian "
                         "pipeline in March 2025. The agreement covers gas transit to Europe."),
        ("heading", 2, "Key points"),
        ("list_item", 0, "Gas volumes could reach 10 bcm a year."),
        ("list_item", 0, "Financing is still open."),
        ("table", 0, "Country | 2024 | 2025\nAzerbaijan | 24.5 | 25.1\nTurkmenistan |  | 3.0"),
        ("quote", 0, "Energy security is a shared interest."),
        ("heading", 1, "Outlook"),
        ("paragraph", 0, "The European Union welcomed the step and promised support for the "
                         "feasibility study."),
    ]
    assert [b.number for b in doc.blocks] == [None, 1, None, 2, 3, 4, 5, None, 6]


def test_title_subtitle_and_core_properties() -> None:
    doc = DocxReader().read(build(), "brief.docx")
    assert doc.title == "Caspian Energy Corridor"  # the Title paragraph, as shown
    assert doc.subtitle == "Options for the Trans-Caspian pipeline"
    assert doc.metadata["core_title"] == "Caspian corridor (draft)"
    assert doc.author == "Jane Analyst"
    assert doc.date == "2025-03-20"  # last modified
    assert doc.metadata["created"] == "2025-03-14"
    assert doc.language == "en"
    assert doc.metadata["subject"] == "Energy"


def test_core_title_when_there_is_no_title_paragraph() -> None:
    doc = DocxReader().read(build(title=False), "brief.docx")
    assert doc.title == "Caspian corridor (draft)"
    assert doc.blocks[0].text == "Background" and doc.blocks[0].kind == "heading"


def test_no_core_properties_means_no_invented_date() -> None:
    # python-docx makes up default properties (with today's date) when the
    # part is missing: the reader must not take them.
    doc = DocxReader().read(build(title=False, core=False), "bare.docx")
    assert doc.date is None and doc.author is None
    # no title anywhere: the first 12 words of the text (text.title_from_text)
    assert doc.title == ("Azerbaijan and Turkmenistan signed a memorandum on the Trans-Caspian "
                         "pipeline in March…")


def test_bold_paragraphs_as_headings_when_no_heading_styles() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph().add_run("Regional Context").bold = True
    document.add_paragraph("The pipeline would cross the Caspian Sea and link two gas "
                           "systems that have never been connected.")
    document.add_paragraph().add_run("Not a heading because it ends like a sentence.").bold = True
    document.add_paragraph("More text follows here to make the paragraph long enough.")
    out = io.BytesIO()
    document.save(out)
    doc = DocxReader().read(out.getvalue(), "bold.docx")
    assert [(b.kind, b.text) for b in doc.blocks][:3] == [
        ("heading", "Regional Context"),
        ("paragraph", "The pipeline would cross the Caspian Sea and link two gas systems that "
                      "have never been connected."),
        ("paragraph", "Not a heading because it ends like a sentence."),
    ]


def test_tracked_changes_content_controls_and_toc() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("Contents entry 1", style="TOC Heading")
    body = document.element.body
    body.insert(0, parse_xml(
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Kept text </w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t>inserted</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>deleted</w:delText></w:r></w:del>'
        '<w:r><w:t xml:space="preserve"> and more.</w:t></w:r></w:p>'))
    body.insert(1, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t>'
        '</w:r></w:p></w:sdtContent></w:sdt>'))
    out = io.BytesIO()
    document.save(out)
    doc = DocxReader().read(out.getvalue(), "tracked.docx")
    assert [b.text for b in doc.blocks] == ["Kept text inserted and more.",
                                            "Inside a content control."]


@pytest.mark.parametrize(("data", "message"), [
    (b"plain text that is not a zip", r"not a Word file \(not a readable zip archive\)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "encrypted, or an old Word 97-2003 file"),
])
def test_not_word_files(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        DocxReader().read(data, "x.docx")


def test_zip_without_a_document_part() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"^x\.docx: not a readable Word document") as info:
        DocxReader().read(out.getvalue(), "x.docx")
    assert "\n" not in str(info.value)


def test_broken_xml_is_one_line() -> None:
    source = zipfile.ZipFile(io.BytesIO(build()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == "word/document.xml":
                blob = blob[: len(blob) // 2]  # cut in the middle of an element
            target.writestr(info.filename, blob)
    with pytest.raises(InputError, match=r"^x\.docx: not a readable Word document") as info:
        DocxReader().read(out.getvalue(), "x.docx")
    assert "\n" not in str(info.value)


def test_cli_renders_the_docx(runner, tmp_path: Path) -> None:
    from briefing.cli import cli
    from tests import pdftools

    source = tmp_path / "corridor.docx"
    build(source)
    out = tmp_path / "brief.pdf"
    result = runner.invoke(cli, ["render", str(source), "-o", str(out), "--date", "2026-11-27"])
    assert result.exit_code == 0, result.output
    text = " ".join(pdftools.text(out).split())
    assert "Caspian Energy Corridor" in text
    assert "Trans-Caspian pipeline" in text
    assert read_path(source).title == "Caspian Energy Corridor"
