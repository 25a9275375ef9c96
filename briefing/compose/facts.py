"""The facts of a brief: actors, timeline, key figures, and the sources."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from briefing.analysis.actors import find_actors
from briefing.analysis.dates import find_dates
from briefing.analysis.figures import find_figures, gist
from briefing.compose.units import Unit
from briefing.model import Actor, ActorKind, Block, Brief, Document, Event, Excerpt, KeyFigure, Source, Theme

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

MAX_FIGURES = 8


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def actors(documents: list[Document], units: list[Unit], themes: list[Theme]) -> list[Actor]:
    """The actors the sources name, the most mentioned first, with their mentions per theme."""
    counts: dict[tuple[str, ActorKind], Counter[str]] = defaultdict(Counter)
    aliases: dict[tuple[str, ActorKind], set[str]] = defaultdict(set)
    for s_index in range(1, len(documents) + 1):
        doc_units = [u for u in units if u.source == s_index]
        language = documents[s_index - 1].language or "en"
        for unit, mentions in zip(doc_units, find_actors([u.text for u in doc_units], language), strict=True):
            for m in mentions:
                key = (m.name, m.kind)
                counts[key][themes[unit.theme].id] += 1
                if m.surface.casefold() != m.name.casefold():
                    aliases[key].add(m.surface)
    actors = [
        Actor(name=name, kind=kind, aliases=_distinct(aliases[(name, kind)]), mentions=dict(sorted(c.items())))
        for (name, kind), c in counts.items()
    ]
    return sorted(actors, key=lambda a: (-a.total, a.name))


def _distinct(forms: set[str]) -> list[str]:
    """Sorted name forms, one per spelling that differs by more than case."""
    by_key: dict[str, str] = {}
    for form in sorted(forms):  # capitals sort first: "Official Baku" wins
        by_key.setdefault(form.casefold(), form)
    return sorted(by_key.values())


def timeline(documents: list[Document], units: list[Unit]) -> list[Event]:
    """Dated events in date order, one per sentence, each with that sentence.

    A sentence naming several dates ("in 1997, 2013, 2019 and 2023") is one
    row at its earliest date, labelled with the span ("1997–2023"), not one
    row per date repeating the sentence.  Its exact dates count, approximate
    ones only when it has no exact one.  An approximate date (a year-less
    "September 11", "in recent days") on a day an exact date already covers
    is left out: it repeats the day and usually describes what came after it.
    """
    events: dict[str, Event] = {}
    for unit in units:
        if unit.text in events or _CITATION.search(unit.text):
            continue
        reference = _parse_date(documents[unit.source - 1].date)
        found = find_dates(unit.text, reference)
        dated = sorted([d for d in found if not d.approximate] or found, key=lambda d: d.iso)
        if dated:
            first, last = dated[0], dated[-1]
            label = first.label if first.label == last.label else _span(first.label, last.label)
            events[unit.text] = Event(date=first.iso, label=label, text=unit.text, refs=[unit.ref],
                                      approximate=first.approximate)
    exact = {e.date for e in events.values() if not e.approximate}
    kept = [e for e in events.values() if not (e.approximate and e.date in exact)]
    return sorted(kept, key=lambda e: e.date)


# A piece of a reference, not an event: it opens with punctuation or a volume
# number ("143, January 7, 1997, p. 117."), or ends on a page ("p. 117.").
_CITATION = re.compile(r"^\s*(?:[,;:.\])\[]|\d+\s*[,(])|\bpp?\.(?:\s*\d+(?:[–-]\d+)?)?\.?\s*$")


def _span(first: str, last: str) -> str:
    """Two date labels as a span: "1997–2023", "3 October – 25 October 2023"."""
    if " " not in first and " " not in last:
        return f"{first}–{last}"
    return f"{first} – {last}"


def figures(units: list[Unit], scores: np.ndarray) -> list[KeyFigure]:
    """The best-scored figures, one row per sentence.

    A sentence that states several figures ("$1.2 billion in FY2022, $1.5
    billion in FY2023") gives one key figure listing them all, not one row
    per number.
    """
    found: dict[str, tuple[float, int, KeyFigure]] = {}
    by_sentence: dict[int, str] = {}
    for i, unit in enumerate(units):
        for f in find_figures(unit.text):
            if f.value.lower() in found:
                continue
            if i in by_sentence:  # another figure of a sentence already listed
                score, index, first = found[by_sentence[i]]
                found[by_sentence[i]] = (score, index, first.model_copy(update={"value": f"{first.value} · {f.value}"}))
                found[f.value.lower()] = found[by_sentence[i]]
                continue
            figure = KeyFigure(value=f.value, kind=f.kind, label=gist(f, unit.text),
                               context=unit.text, refs=[unit.ref])
            found[f.value.lower()] = (float(scores[i]), i, figure)
            by_sentence[i] = f.value.lower()
    rows = {key: found[key] for key in by_sentence.values()}
    best = sorted(rows.values(), key=lambda t: -t[0])[:MAX_FIGURES]
    return [f for _, _, f in sorted(best, key=lambda t: t[1])]


EXCERPT_LIMIT = 1500  # characters; a longer paragraph is quoted around what the brief cites


def _excerpt(block: Block, quoted: set[str]) -> str:
    """The paragraph, or for a very long one the cited sentences and their neighbours."""
    if len(block.text) <= EXCERPT_LIMIT or not block.sentences:
        return block.text
    sentences = block.sentences
    hits = [i for i, s in enumerate(sentences) if any(s.text in q or q in s.text for q in quoted)] or [0]
    keep = sorted({j for i in hits for j in (i - 1, i, i + 1) if 0 <= j < len(sentences)})
    parts: list[str] = ["[…]"] if keep[0] > 0 else []
    for k, j in enumerate(keep):
        if k and j != keep[k - 1] + 1:
            parts.append("[…]")
        parts.append(sentences[j].text)
    if keep[-1] < len(sentences) - 1:
        parts.append("[…]")
    return " ".join(parts)


def _quoted(brief: Brief) -> dict[tuple[int, int], set[str]]:
    """For each cited paragraph, the texts of the brief that cite it."""
    items = [*brief.takeaways, *(p for t in brief.themes for p in t.points), *brief.outlook]
    texts = [(p.text, p.refs) for p in items] + [(e.text, e.refs) for e in brief.timeline]
    texts += [(f.context, f.refs) for f in brief.figures]
    quoted: dict[tuple[int, int], set[str]] = defaultdict(set)
    for text, refs in texts:
        for ref in refs:
            quoted[(ref.source, ref.paragraph)].add(text)
    return quoted


def sources(documents: list[Document], brief: Brief) -> list[Source]:
    """The sources section: each document and the paragraphs the brief cites."""
    cited: dict[int, set[int]] = defaultdict(set)
    for _, ref in brief.references():
        cited[ref.source].add(ref.paragraph)
    quoted = _quoted(brief)
    sources = []
    for s_index, doc in enumerate(documents, start=1):
        block_of = {b.number: b for b in doc.paragraphs if b.number is not None}
        sources.append(
            Source(
                title=doc.title,
                subtitle=doc.subtitle,
                label=doc.label,
                site=doc.site,
                author=doc.author,
                date=doc.date,
                language=doc.language,
                path=doc.path,
                sha256=doc.sha256,
                words=doc.word_count,
                paragraphs=len(block_of),
                metadata=dict(doc.metadata),
                excerpts=[
                    Excerpt(paragraph=n, text=_excerpt(block_of[n], quoted[(s_index, n)]))
                    for n in sorted(cited[s_index])
                    if n in block_of
                ],
            )
        )
    return sources
