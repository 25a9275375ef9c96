"""The Markdown writer, read back with a CommonMark parser (markdown-it-py, GFM tables)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.config import load_style
from briefing.model import Actor, Brief, Excerpt, KeyFigure, Point, Reference, Source, Theme
from briefing.serialise import load_brief
from briefing.writers.markdown import escape, render_markdown
from tests.conftest import BRIEF_DATE, GOLDEN


def tokens(text: str) -> list[Any]:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(text)


def inline_children(toks: list[Any]) -> list[Any]:
    return [child for t in toks if t.type == "inline" for child in t.children or []]


def headings(toks: list[Any]) -> list[tuple[int, str]]:
    return [(int(t.tag[1]), toks[i + 1].content) for i, t in enumerate(toks) if t.type == "heading_open"]


def plain(md: str) -> str:
    """The text a reader sees: Markdown rendered to HTML, tags dropped, entities decoded."""
    import html
    import re

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(md)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@pytest.fixture(scope="module")
def brief() -> Brief:
    return load_brief(GOLDEN / "analysis.brief.json")


@pytest.fixture(scope="module")
def md(brief: Brief) -> str:
    return render_markdown(brief)


def test_headings_follow_the_brief(md: str, brief: Brief) -> None:
    found = headings(tokens(md))
    assert found[0] == (1, brief.title)
    assert [t for level, t in found if level == 1] == [brief.title]
    second = [t for level, t in found if level == 2]
    assert second[0] == "Key takeaways" and second[-1] == "Sources"
    for theme in brief.themes:
        assert any(t.endswith(theme.label) for t in second), theme.label
    assert {"What to watch", "Actors", "Timeline", "Key figures"} <= set(second)


def test_takeaways_are_numbered(md: str, brief: Brief) -> None:
    toks = tokens(md)
    start = next(i for i, t in enumerate(toks) if t.type == "ordered_list_open")
    end = next(i for i, t in enumerate(toks) if t.type == "ordered_list_close")
    items = [toks[i + 2].content for i in range(start, end) if toks[i].type == "list_item_open"]
    assert len(items) == len(brief.takeaways)
    for item, point in zip(items, brief.takeaways, strict=True):
        assert item.startswith(point.text)


def test_references_link_to_anchored_passages(md: str, brief: Brief) -> None:
    children = inline_children(tokens(md))
    hrefs = [c.attrs["href"] for c in children if c.type == "link_open"]
    anchors = {c.content for c in children if c.type == "html_inline"}
    expected = {f"#src-{r.source}-p{r.paragraph}" for _, r in brief.references()}
    assert set(hrefs) == expected
    for href in expected:
        assert f'<a id="{href[1:]}">' in anchors
    assert "[¶4]" in plain(md)


def test_tables_keep_their_columns_when_a_cell_has_a_pipe() -> None:
    brief = Brief(
        title="Pipes",
        actors=[Actor(name="A | B", kind="organisation", aliases=["x|y", "z \\| w"], mentions={"t": 2})],
        figures=[KeyFigure(value="5|6", kind="count", context="one | two || three |")],
        sources=[Source(title="s")],
    )
    toks = tokens(render_markdown(brief))
    tables = [i for i, t in enumerate(toks) if t.type == "table_open"]
    assert len(tables) == 2
    for start in tables:
        end = next(i for i in range(start, len(toks)) if toks[i].type == "table_close")
        rows, row = [], []
        for t in toks[start:end]:
            if t.type == "tr_open":
                row = []
            elif t.type in ("th_open", "td_open"):
                row.append(None)
            elif t.type == "tr_close":
                rows.append(len(row))
        assert len(set(rows)) == 1, rows
    text = plain(render_markdown(brief))
    assert "A | B" in text and "x|y, z \\| w" in text and "one | two || three |" in text


HOSTILE = ("<script>alert(1)</script> *not bold* _nor this_ [link](http://evil.example) "
           "![img](http://evil.example/x.png) `code` ~~gone~~ AT&T &amp; &#42; <b>b</b> \\*")


@pytest.mark.parametrize("text", [HOSTILE, "# not a heading", "1. not a list", "2) nor this", "- no bullet",
                                  "+ no bullet", "=== no underline", "> no quote", "line\n# no heading either"])
def test_document_text_stays_text(text: str) -> None:
    brief = Brief(
        title=text,
        takeaways=[Point(text=text, refs=[Reference(source=1, paragraph=1)])],
        themes=[Theme(id="t", label=text, points=[Point(text=text)])],
        sources=[Source(title=text, excerpts=[Excerpt(paragraph=1, text=text)])],
    )
    md = render_markdown(brief)
    toks = tokens(md)
    kinds = {t.type for t in toks}
    assert "html_block" not in kinds and "blockquote_open" not in kinds and "hr" not in kinds
    assert "bullet_list_open" in kinds  # the theme's one point, nothing more
    assert sum(t.type == "bullet_list_open" for t in toks) == 1
    assert sum(t.type == "ordered_list_open" for t in toks) == 1
    assert len(headings(toks)) == 5  # title, takeaways, theme, sources, the source
    children = inline_children(toks)
    assert not [c for c in children if c.type in ("em_open", "s_open", "code_inline", "image")]
    assert [c.content for c in children if c.type == "html_inline"] == ['<a id="src-1-p1">', "</a>"]
    assert all(c.attrs["href"] == "#src-1-p1" for c in children if c.type == "link_open")
    assert plain(md).count(" ".join(text.split())) == 6  # title, takeaway, theme, point, source, excerpt


def test_escape_round_trips_every_ascii_punctuation() -> None:
    text = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())
    assert plain(escape(text)) == text
    assert plain(escape("12. Ordinal")) == "12. Ordinal"


def test_labels_and_disclaimer_follow_the_style(brief: Brief, tmp_path: Path) -> None:
    path = tmp_path / "style.yaml"
    path.write_text("language: ru\ndisclaimer: Not for quotation.\n", encoding="utf-8")
    md = render_markdown(brief, style=load_style(path))
    second = [t for level, t in headings(tokens(md)) if level == 2]
    assert second[0] == "Главные выводы" and "Key takeaways" not in md
    assert "27 ноября 2026" in md
    assert plain(md).endswith("Not for quotation.")


def test_render_markdown_from_the_command_line(runner, sample_path: Path, tmp_path: Path) -> None:
    from briefing.cli import cli

    target = tmp_path / "x.md"
    args = ["render", str(sample_path), "--format", "md", "-o", str(target), "--date", BRIEF_DATE]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("**ANALYSIS**\n\n# The Middle Corridor’s second act\n")
    assert "Bottlenecks on water and rail" in text and "Featured" not in text
    assert "Drafted by briefing" in text  # the default house style's disclaimer
