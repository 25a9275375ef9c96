"""Brief → Markdown (CommonMark with GitHub tables), for wikis, chat and diffs.

The same content and order as the PDF: cover, key takeaways, themes with
their points and references, what to watch, actors, timeline, key figures,
sources with the quoted passages.  Charts are left out (their data is in the
tables).  References link to an anchor before each quoted passage
(``<a id="src-1-p12"></a>``, the one piece of raw HTML written).

Document text is untrusted: every character Markdown could read as syntax
is backslash-escaped, so a sentence with ``*``, ``<script>``, ``|`` or a
leading ``#`` stays text, and a table cell with ``|`` keeps its columns.
Written in Python rather than a template because escaping is the whole job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.model import Brief, ChartSpec, Point, Reference

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style

# Characters that start or end Markdown syntax anywhere in a line (with "[" and
# "]" escaped, "(" and "!" can no longer make a link or an image).
_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
# An entity or character reference: "&amp;" would turn into "&".
_ENTITY = re.compile(r"&(?=#?\w+;)")
# At the start of a line: an ordered-list number ("1." or "1)").
_ORDERED = re.compile(r"^\d+(?=[.)])")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text on one line.

    Whitespace (newlines included) collapses to single spaces, since a
    newline could start a heading or a list inside a paragraph.
    """
    flat = " ".join(str(text).split())
    flat = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", flat))
    if flat[:1] in ("-", "+", "="):  # a bullet, a rule or a setext underline
        return "\\" + flat
    number = _ORDERED.match(flat)
    if number:
        return f"{flat[: number.end()]}\\{flat[number.end():]}"
    return flat


def _cell(text: str) -> str:
    """A table cell: escaped (``|`` included), never empty."""
    return escape(text) or " "


def markdown_bytes(brief: Brief, *, template: str | Path | None = None, style: Style | None = None,
                   warn: Callable[[str], None] | None = None, charts: Sequence[ChartSpec] | None = None) -> bytes:
    """The brief as UTF-8 Markdown (the ``md`` format; it has no template and no charts)."""
    return render_markdown(brief, style=style).encode("utf-8")


def render_markdown(brief: Brief, style: Style | None = None) -> str:
    """The brief as Markdown; labels in ``style.language`` (English without a style)."""
    from briefing.writers.html import anchors, html_labels
    from briefing.writers.templating import longdate

    language = style.language if style is not None else "en"
    words = html_labels(language)
    ids = anchors(brief)
    out: list[str] = []
    add = out.append

    def date(value: str | None) -> str:
        return longdate(value, language)

    def refs(references: list[Reference]) -> str:
        if not references:
            return ""
        several = len(brief.sources) > 1
        items = []
        for r in references:
            label = escape(r.label(several))
            target = r.anchor
            items.append(f"[{label}](#{target})" if target in ids["anchors"] else label)
        carried = len({r.source for r in references})
        tail = " · " + escape(words["reported_by"].format(n=carried, m=len(brief.sources))) if carried > 1 else ""
        return " " + " ".join(items) + tail

    def count(one: str, other: str, n: int) -> str:
        return words[one if n == 1 else other].format(n=f"{n:,}")

    def heading(level: int, text: str) -> None:
        add(f"{'#' * level} {text}\n")

    # Cover
    if brief.label:
        add(f"**{escape(brief.label.upper())}**\n")
    heading(1, escape(brief.title))
    if brief.subtitle:
        add(f"*{escape(brief.subtitle)}*\n")
    add(_source_line(brief, words, count, date) + "\n")
    for note in brief.notes:
        add(f"> **{escape(words['note'])}:** {escape(note)}\n")

    if brief.takeaways:
        heading(2, escape(words["key_takeaways"]))
        add("\n".join(f"{i}. {escape(p.text)}{refs(p.refs)}" for i, p in enumerate(brief.takeaways, 1)) + "\n")

    sections = [t for t in brief.themes if t.kind == "section"]
    for i, theme in enumerate(brief.themes):
        number = i if brief.themes[0].kind == "context" else i + 1
        label = words["context"] if theme.kind == "context" and theme.label == "Context" else theme.label
        prefix = f"{number}. " if theme.kind != "context" and len(sections) > 1 else ""
        heading(2, prefix + escape(label))
        if theme.actors:
            add(f"*{escape(' · '.join(theme.actors))}*\n")
        if theme.lead:
            add(f"{escape(theme.lead.text)}{refs(theme.lead.refs)}\n")
        if theme.points:
            add("\n".join(f"- {escape(p.text)}{refs(p.refs)}" for p in theme.points) + "\n")

    if brief.outlook:
        heading(2, escape(words["what_to_watch"]))
        def as_of(p: Point) -> str:
            return f" *({escape(words['as_of'].format(date=date(p.as_of)))})*" if p.as_of else ""

        add("\n".join(f"- {escape(p.text)}{as_of(p)}{refs(p.refs)}" for p in brief.outlook) + "\n")

    listed = [a for a in brief.actors if a.kind != "place"]
    if brief.actors:
        heading(2, escape(words["actors"]))
        if listed:
            rows = [[f"**{_cell(a.name)}**", _cell(words[a.kind]), str(a.total), _cell(", ".join(a.aliases))]
                    for a in listed[:15]]
            add(_table([words["actor"], words["kind"], words["mentions"], words["also_written"]], rows,
                       align=["---", "---", "---:", "---"]))
        if len(listed) > 15:
            rest = len(listed) - 15
            add(escape(words["more_actor"] if rest == 1 else words["more_actors"].format(n=rest)) + "\n")

    if brief.timeline:
        heading(2, escape(words["timeline"]))
        rows = [[f"**{_cell((words['approximately'] + ' ' if e.approximate else '') + e.label)}**",
                 _cell(e.text) + refs(e.refs)] for e in brief.timeline]
        add(_table([words["date"], words["event"]], rows))

    if brief.figures:
        heading(2, escape(words["key_figures"]))
        rows = [[f"**{_cell(f.value)}**", _cell(f.context) + refs(f.refs)] for f in brief.figures]
        add(_table([words["figure"], words["in_context"]], rows))

    heading(2, escape(words["sources"]))
    for s, source in enumerate(brief.sources, 1):
        title = source.title + (f": {source.subtitle}" if source.subtitle else "")
        tag = f"\\[{s}\\] " if len(brief.sources) > 1 else ""
        link = ids["source_links"][s - 1]
        heading(3, tag + (f"[{escape(title)}](<{link}>)" if link else escape(title)))
        parts = [escape(p) for p in (source.site, source.author) if p]
        if source.date:
            parts.append(escape(date(source.date)))
        parts.append(escape(f"{count('word', 'words', source.words)}, "
                            f"{count('paragraph', 'paragraphs', source.paragraphs)}"))
        if source.metadata.get("edition"):
            parts.append(escape(words["edition"].format(name=source.metadata["edition"])))
        add(" · ".join(parts) + "\n")
        for excerpt, anchor in zip(source.excerpts, ids["excerpt_ids"][s - 1], strict=True):
            mark = f'<a id="{anchor}"></a>' if anchor else ""
            add(f"{mark}**¶{excerpt.paragraph}** {escape(excerpt.text)}\n")

    if style is not None and style.disclaimer:
        add("---\n")
        add(f"*{escape(style.disclaimer)}*\n")
    return "\n".join(out)


def _source_line(brief: Brief, words: dict[str, str], count: Callable[[str, str, int], str],
                 date: Callable[[str | None], str]) -> str:
    """``Source: apa.az · 9 August 2025 · 1,341 words · Brief of 27 November 2026``."""
    s = brief.sources
    parts = []
    if len(s) == 1:
        name = s[0].site or s[0].path.replace("\\", "/").split("/")[-1]
        parts.append(escape(f"{words['source']}: {name}"))
        if s[0].date:
            parts.append(escape(date(s[0].date)))
    elif s:
        parts.append(escape(words["n_sources"].format(n=len(s))))
    parts.append(escape(count("word", "words", sum(x.words for x in s))))
    if brief.date:
        parts.append(escape(words["brief_of"].format(date=date(brief.date))))
    return " · ".join(parts)


def _table(head: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A GitHub table; cells are already escaped."""
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "|" + "|".join(align or ["---"] * len(head)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
