"""The PDF writer on the sample and on hostile text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.config import load_style
from briefing.model import Brief, Excerpt, Point, Reference, Source, Theme
from briefing.writers.pdf import pdf_bytes, write_pdf
from tests.pdftools import fonts, outline_titles, page_texts, text


def test_every_font_is_embedded(stored_pdf: Path) -> None:
    found = fonts(stored_pdf)
    assert found, "no fonts found: the probe is broken"
    assert all(found.values()), {name: emb for name, emb in found.items() if not emb}
    assert not [name for name in found if "Helvetica" in name or "Times" in name]


def test_text_comes_back(stored_pdf: Path) -> None:
    body = text(stored_pdf)
    assert "Bottlenecks on water and rail" in body  # a section heading
    assert "Middle Corridor" in body  # the title
    assert "Featured" not in body  # the chrome is set aside
    assert "8Sources" not in body


def test_outline_lists_every_section(stored_pdf: Path, stored_brief: Brief) -> None:
    titles = outline_titles(stored_pdf)
    sections = [t.label for t in stored_brief.themes if t.kind == "section"]
    assert len(sections) == 5
    for label in sections + ["Key takeaways", "Actors", "Timeline", "Sources"]:
        assert label in titles


def test_footer_reads_page_x_of_n(stored_pdf: Path) -> None:
    pages = page_texts(stored_pdf)
    n = len(pages)
    assert n >= 2
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in page


def test_metadata(stored_pdf: Path, stored_brief: Brief) -> None:
    meta = PdfReader(stored_pdf).metadata
    assert meta.title == stored_brief.title
    assert meta.subject and "Policy brief" in meta.subject
    assert meta.creator and re.fullmatch(r"briefing \d+\.\d+\.\d+", meta.creator)
    keywords = meta.get("/Keywords") or ""
    assert "Bottlenecks on water and rail" in keywords  # a theme
    assert "China" in keywords and "Kazakhstan" in keywords  # main actors


def test_rendering_twice_gives_the_same_bytes(stored_brief: Brief) -> None:
    assert pdf_bytes(stored_brief) == pdf_bytes(stored_brief)


def test_letter_paper(stored_brief: Brief) -> None:
    import io

    data = pdf_bytes(stored_brief, style=load_style(paper="letter"))
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_document_text_never_becomes_markup(tmp_path: Path) -> None:
    hostile = 'Gas <font color="red">flows</font> & <img src="/etc/passwd"/> ]]> <b>bold</b> ə'
    brief = Brief(
        title="<b>Title</b> & co",
        sources=[Source(title="t", excerpts=[Excerpt(paragraph=1, text=hostile)])],
        takeaways=[Point(text=hostile, refs=[Reference(source=1, paragraph=1)])],
        themes=[Theme(id="x", label='<a href="http://evil">Theme</a>', points=[Point(text=hostile)])],
    )
    out = write_pdf(brief, tmp_path / "hostile.pdf")
    flat = " ".join(text(out).split())
    assert '<font color="red">flows</font>' in flat
    assert '<img src="/etc/passwd"/>' in flat
    assert "<b>Title</b> & co" in flat
    reader = PdfReader(out)
    uris = [a.get_object().get("/A", {}).get("/URI") for p in reader.pages for a in p.get("/Annots") or []]
    assert "http://evil" not in uris


def test_failed_render_leaves_no_file(tmp_path: Path, stored_brief: Brief) -> None:
    from briefing.errors import TemplateError

    target = tmp_path / "never.pdf"
    with pytest.raises(TemplateError):
        write_pdf(stored_brief, target, template=str(tmp_path / "no-such-template"))
    assert list(tmp_path.iterdir()) == []


def test_references_link_to_the_quoted_passage(stored_pdf: Path) -> None:
    reader = PdfReader(stored_pdf)
    links = [a.get_object() for p in reader.pages for a in p.get("/Annots") or []]
    internal = [a for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a or "/A" in a]
    assert len(internal) >= 10


def test_unknown_rml_attribute_fails_loudly() -> None:
    from lxml import etree

    from briefing.errors import TemplateError
    from briefing.writers.pdf.rmlcheck import check_attributes

    rml = (
        '<document filename="x.pdf"><template pageSize="(612, 792)"><pageTemplate id="p">'
        '<frame id="f" x1="0" y1="0" width="10" height="10"/></pageTemplate></template>'
        '<story><para>hi</para></story></document>'
    )
    with pytest.raises(TemplateError, match="unknown attribute 'pageSize' on <template>"):
        check_attributes(etree.fromstring(rml))
    check_attributes(etree.fromstring(rml.replace("pageSize", "pagesize")))


def test_a_template_edited_between_renders_is_read_again(stored_brief: Brief, tmp_path: Path) -> None:
    """Jinja environments are cached per template folder; an edited file still counts."""
    import io
    import os
    import shutil

    from briefing.writers.templating import template_folder

    def title(data: bytes) -> str:
        return str(PdfReader(io.BytesIO(data)).metadata.title)

    folder = tmp_path / "mine"
    shutil.copytree(template_folder("policy-brief"), folder)
    assert title(pdf_bytes(stored_brief, template=folder)) == stored_brief.title
    main = folder / "brief.rml.j2"
    source = main.read_text(encoding="utf-8")
    assert 'title="{{ brief.title }}"' in source
    main.write_text(source.replace('title="{{ brief.title }}"', 'title="Edited: {{ brief.title }}"', 1),
                    encoding="utf-8")
    later = main.stat().st_mtime_ns + 2_000_000_000  # a file system with coarse timestamps still sees a change
    os.utime(main, ns=(later, later))
    assert title(pdf_bytes(stored_brief, template=folder)) == "Edited: " + stored_brief.title


def test_the_pdf_carries_its_brief(stored_pdf: Path, stored_brief: Brief) -> None:
    """brief.json is embedded: the editable brief comes back out of the finished PDF."""
    from briefing.writers.pdf.attach import embedded_brief

    assert PdfReader(stored_pdf).attachments.keys() == {"brief.json"}
    assert embedded_brief(stored_pdf) == stored_brief


def test_no_page_ends_with_a_section_heading(stored_pdf: Path) -> None:
    """A heading always keeps its chart or table with it (the Actors heading once ended page 3)."""
    from briefing.labels import labels

    words = labels("en")
    headings = {words[key] for key in ("what_to_watch", "actors", "timeline", "key_figures", "sources", "coverage")}
    for number, page in enumerate(page_texts(stored_pdf), start=1):
        last = [line.strip() for line in page.splitlines() if line.strip()][-1]
        assert last not in headings, f"page {number} ends with the heading '{last}'"


def test_reset_hooks_parse_vera_once_and_change_no_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """z3c.rml's reset re-registers ReportLab's Vera faces for every document: parsed once here."""
    import weakref

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    from briefing.typography import fontcache

    brief = Brief(title="Vera", takeaways=[Point(text="One takeaway.")])
    first = pdf_bytes(brief)
    parsed: list[str] = []
    real_init = ttfonts.TTFontFace.__init__

    def spy(self, filename, *args, **kwargs):  # noqa: ANN001, ANN202 - ReportLab's signature
        parsed.append(str(filename))
        real_init(self, filename, *args, **kwargs)

    monkeypatch.setattr(ttfonts.TTFontFace, "__init__", spy)
    assert pdf_bytes(brief) == first
    assert parsed == []
    # The hooks as ReportLab and z3c.rml registered them: they parse Vera again, same bytes.
    hooks = [getattr(ref(), "hook", ref()) for ref in rl_config._registered_resets if ref()]
    monkeypatch.setattr(rl_config, "_registered_resets", [weakref.ref(h) for h in hooks])
    monkeypatch.setattr(fontcache, "share_reset_faces", lambda: None)
    assert pdf_bytes(brief) == first
    assert sum("Vera" in name for name in parsed) == 8, parsed
