"""The handout template: always exactly one page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.config import load_style
from briefing.errors import TemplateError
from briefing.model import Brief, Point, Reference, Source, Theme
from briefing.writers.pdf import pdf_bytes


def _pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def test_sample_handout_is_one_page_with_takeaways_themes_and_a_chart(stored_brief: Brief) -> None:
    pages = _pages(pdf_bytes(stored_brief, template="handout"))
    assert len(pages) == 1
    page = pages[0]
    assert stored_brief.title.split()[0] in page and "Key takeaways" in page
    assert stored_brief.takeaways[0].text[:40] in page
    shown = [t for t in stored_brief.themes if t.kind == "section" and t.label in page.replace("\n", " ")]
    assert len(shown) >= 3
    assert "public and private investment" in page, "the one chart: the documents' own numbers"
    assert "Theme coverage" not in page and "Who appears where" not in page
    assert "Page 1 of 1" in page


def _long_brief(themes: int, takeaways: int, words: int) -> Brief:
    sentence = " ".join(["Regional energy cooperation expanded"] + ["steadily"] * words) + "."
    return Brief(
        title="A long report on Caspian energy routes and the politics of transit",
        sources=[Source(title="Report", site="example.org", words=9000, paragraphs=90)],
        takeaways=[Point(text=f"{i}. {sentence}", refs=[Reference(source=1, paragraph=i + 1)])
                   for i in range(takeaways)],
        themes=[Theme(id=f"t{i}", label=f"Theme number {i}", words=100 * (i + 1),
                      lead=Point(text=sentence, refs=[Reference(source=1, paragraph=i + 1)]),
                      points=[Point(text=sentence, refs=[])] * 3) for i in range(themes)],
    )


def test_too_much_content_is_shortened_to_one_page() -> None:
    brief = _long_brief(themes=8, takeaways=5, words=70)
    assert len(_pages(pdf_bytes(brief))) > 2, "the full template needs several pages"
    pages = _pages(pdf_bytes(brief, template="handout"))
    assert len(pages) == 1
    assert "Theme number 7" in pages[0], "the themes with the most text are kept"
    assert "Theme number 0" not in pages[0]


def test_handout_on_letter_paper_is_one_page(stored_brief: Brief) -> None:
    assert len(_pages(pdf_bytes(stored_brief, template="handout", style=load_style(paper="letter")))) == 1


def test_a_template_that_cannot_fit_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "template.yaml").write_text("pages: 1\nfit_levels: 2\n", encoding="utf-8")
    (folder / "brief.rml.j2").write_text(
        '{% extends "policy-brief/brief.rml.j2" %}', encoding="utf-8")
    with pytest.raises(TemplateError, match="does not fit on one page with the 'tiny' template"):
        pdf_bytes(_long_brief(themes=6, takeaways=5, words=60), template=str(folder))


def test_bad_template_settings(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "template.yaml").write_text("pages: none\n", encoding="utf-8")
    (folder / "brief.rml.j2").write_text('{% extends "policy-brief/brief.rml.j2" %}', encoding="utf-8")
    with pytest.raises(TemplateError, match="template.yaml"):
        pdf_bytes(_long_brief(themes=1, takeaways=1, words=5), template=str(folder))
