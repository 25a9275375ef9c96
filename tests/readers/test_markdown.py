"""The Markdown reader: structure, front matter, title, and chrome on real pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.pipeline import read_path
from briefing.readers import get_reader
from tests.conftest import FIXTURES, SHARED, absent

SHARED_EVAL = SHARED / "eval"

PAGE = """\
---
title: "Gas corridor: the next decade"
author: [Jane Roe, John Doe]
date: 2025-08-14
lang: en
source: https://www.example.org/briefs/gas
tags: [energy, caspian]
---

EN

# Gas corridor: the next decade

*Why the Southern Gas Corridor matters again*

Overview
========

The corridor carries **Azerbaijani gas** to [Europe](https://example.org/eu) via Türkiye. \
It opened in 2020.

Setext two
----------

> Quoted statement from an official. It says things.

- First item with `code` text.
  - Nested item.
- Second item.

| Country | Volume |
|---------|--------|
| Italy   | 10 bcm |
| Greece  | 1 bcm  |

![chart of volumes](chart.png)

```
print("not prose")
```

### 🔭 Outlook

Volumes could double by 2027 if the expansion goes ahead.

Share this article

12 Comments
"""


@pytest.fixture
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        absent(f"evaluation material not found at {SHARED_EVAL} (shared folder absent)")
    return SHARED_EVAL


def write(tmp_path: Path, text: str, name: str = "doc.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_structure_of_a_synthetic_page(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, PAGE))
    assert doc.title == "Gas corridor: the next decade"
    assert doc.subtitle == "Why the Southern Gas Corridor matters again"
    assert [(b.kind, b.level, b.number, b.text) for b in doc.blocks] == [
        ("heading", 1, None, "Overview"),
        ("paragraph", 0, 1, "The corridor carries Azerbaijani gas to Europe via Türkiye. "
                            "It opened in 2020."),
        ("heading", 2, None, "Setext two"),
        ("quote", 0, 2, "Quoted statement from an official. It says things."),
        ("list_item", 0, 3, "First item with code text."),
        ("list_item", 0, 4, "Nested item."),
        ("list_item", 0, 5, "Second item."),
        ("table", 0, 6, "Country | Volume\nItaly | 10 bcm\nGreece | 1 bcm"),
        ("heading", 3, None, "Outlook"),
        ("paragraph", 0, 7, "Volumes could double by 2027 if the expansion goes ahead."),
    ]
    assert doc.blocks[1].sentences[1].text == "It opened in 2020."


def test_front_matter_and_chrome(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, PAGE))
    assert doc.author == "Jane Roe, John Doe"
    assert doc.date == "2025-08-14"
    assert doc.language == "en"
    assert doc.site == "example.org"
    assert doc.metadata["tags"] == "energy, caspian"
    assert doc.metadata["edition"] == "EN"
    assert doc.metadata["comments"] == "12"
    assert doc.chrome == ["EN", "Share this article", "12 Comments"]


def test_invalid_front_matter_is_reported_not_fatal(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "---\ntitle: [unclosed\n---\n\n# Real title\n\nSome text here.\n"))
    assert doc.title == "Real title"
    assert len(doc.warnings) == 1 and "front matter" in doc.warnings[0]
    assert [b.text for b in doc.blocks] == ["Some text here."]


def test_h2_under_title_is_subtitle_only_before_another_heading(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "# Title\n\n## A subtitle\n\n## Section\n\nText of it.\n"))
    assert (doc.title, doc.subtitle) == ("Title", "A subtitle")
    doc = read_path(write(tmp_path, "# Title\n\n## Section\n\nText of the section.\n"))
    assert doc.subtitle is None
    assert doc.headings[0].text == "Section"


def test_no_heading_title_comes_from_first_sentence(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "Parliament approved the budget on Friday. It passed.\n"))
    assert doc.title == "Parliament approved the budget on Friday"
    assert doc.paragraphs[0].text.startswith("Parliament approved")


def test_bold_line_and_lost_heading_markup_become_headings(tmp_path: Path) -> None:
    text = ("# T\n\n**Regional context**\n\nThe region has seen rapid change in recent years.\n\n"
            "Economic outlook\n\nGrowth is expected to slow to two percent next year.\n")
    doc = read_path(write(tmp_path, text))
    assert [(h.text, h.level) for h in doc.headings] == [("Regional context", 2),
                                                        ("Economic outlook", 2)]


def test_no_text_at_all_is_an_error(tmp_path: Path) -> None:
    from briefing.errors import InputError

    with pytest.raises(InputError, match="no paragraphs"):
        read_path(write(tmp_path, "# Only a title\n\n## And a heading\n"))


# --------------------------------------------------------------------------
# Real documents: two CRS pages among the fixtures (public domain), the rest read from ../shared/eval
# --------------------------------------------------------------------------


def _crs(prefix: str) -> Path:
    found = sorted((FIXTURES / "crs").glob(f"{prefix}*.md"))
    assert found, f"CRS page {prefix} is not among the fixtures"
    return found[0]


def test_crs_in_focus_page() -> None:
    doc = read_path(_crs("IF10491v14"))
    assert doc.title == "Australia: Background and U.S. Relations"
    assert doc.site == "congress.gov"
    assert doc.author == "Tupuola, Jared G."
    assert doc.date == "2026-04-10"
    assert doc.metadata["report_no"] == "IF10491"
    assert doc.metadata["updated"].startswith("Updated April 10, 2026")
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "Overview"
    assert doc.paragraphs[0].text.startswith("The Commonwealth of Australia is a close ally")
    assert doc.paragraphs[-1].text.startswith("Congress also may weigh in")
    assert "Disclaimer:" in doc.chrome
    assert any(line.startswith("[Citation]") for line in doc.chrome)
    body = "\n".join(b.text for b in doc.blocks)
    for chrome in ("Download PDF", "Version:", "Hide Overview", "Subscribe", "Listen"):
        assert chrome not in body


def test_crs_report_table_of_contents() -> None:
    doc = read_path(_crs("R44243v22"))
    assert doc.headings[0].text == "Summary"
    assert "Contents" not in [h.text for h in doc.headings]
    assert doc.metadata["updated"].startswith("Updated April 21, 2026")
    assert doc.paragraphs[0].text.startswith("Current practice for electing a Speaker")


def test_all_crs_pages_lose_their_chrome_and_keep_their_body(shared_eval: Path) -> None:
    pages = sorted((shared_eval / "documents" / "crs" / "md").glob("*/*.md"))
    if not pages:
        pytest.skip("no CRS pages in the evaluation folder")
    for page in pages:
        doc = get_reader(page).read(page.read_bytes(), str(page))  # no sentences: fast
        first = doc.blocks[0].text
        assert doc.site == "congress.gov", page.name
        assert doc.date and doc.date.startswith("20"), page.name
        assert not first.startswith(("Citation", "Download", "Listen", "Hide", "|")), page.name
        assert "Disclaimer:" in doc.chrome, page.name
        assert not any(b.text.startswith("These documents were prepared by the Congressional")
                       for b in doc.blocks), page.name
        assert len(doc.paragraphs) >= 5, page.name


def test_turkish_lessons_keep_headings_without_emoji(shared_eval: Path) -> None:
    lessons = sorted((shared_eval / "documents" / "tr_politik_akademi").glob("*.md"))
    if not lessons:
        pytest.skip("Turkish lessons not in the evaluation folder")
    for lesson in lessons:
        doc = get_reader(lesson).read(lesson.read_bytes(), str(lesson))
        first_line = lesson.read_text(encoding="utf-8").splitlines()[0]
        assert doc.title == first_line.removeprefix("# ").strip(), lesson.name
        assert len(doc.headings) >= 5, lesson.name
        assert all(h.text[0].isalnum() for h in doc.headings), lesson.name
        assert doc.chrome == [], lesson.name  # nothing there looks like chrome


# The note rows end in a space, as on the page; \x20 keeps it without trailing whitespace in the source.
NOTES_PAGE = """# Preemption and the courts

## Introduction

Congress enacted the statute in 1938. Courts have read its preemption clause narrowly since then.

## Case law

Several courts held that state claims survive when they parallel federal requirements.

# Footnotes

| 1. | See Jacobson v. Massachusetts, 197 U.S. 11, 25 (1905).\x20
| 2. | Id. at 26.\x20
| 3. | See id. at 425–26 (discussing the Uniform Commercial Code and unfair trade practices in which the
requirements are not limited to devices).\x20
| 4. | Id.\x20
"""


def test_numbered_note_rows_without_a_table_header_are_notes(tmp_path: Path) -> None:
    """congress.gov pages end in "| 12. | See id." rows: notes, never summary sentences."""
    from briefing.analysis.summary import summarize

    page = tmp_path / "notes.md"
    page.write_text(NOTES_PAGE, encoding="utf-8")
    doc = read_path(page)
    notes = [b for b in doc.blocks if "Jacobson" in b.text]
    assert [b.kind for b in notes] == ["note"]
    assert "Id. at 26" in notes[0].text
    chosen = summarize(doc, sentences=3)
    assert chosen and not any("|" in s or s.startswith(("See", "Id.")) for s in chosen)


def test_emphasis_markdown_could_not_pair_leaves_no_asterisks(tmp_path: Path) -> None:
    page = tmp_path / "stray.md"
    page.write_text("# T\n\n**Any agreement [relating to Iran](https://example.org) would trigger review.\n\n"
                    "- **Strait of Hormuz. **Shipping has fallen.\n", encoding="utf-8")
    texts = [b.text for b in read_path(page).blocks if b.kind != "heading"]
    assert texts == ["Any agreement relating to Iran would trigger review.", "Strait of Hormuz. Shipping has fallen."]
