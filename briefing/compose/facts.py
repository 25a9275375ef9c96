"""The facts of a brief: actors, timeline, key figures, and the sources."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from briefing.analysis.actors import Mention, find_actors
from briefing.analysis.dates import find_dates
from briefing.analysis.figures import find_figures, gist
from briefing.compose.units import Unit
from briefing.model import Actor, ActorKind, Block, Brief, Document, Event, Excerpt, KeyFigure, Source, Theme

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

MAX_FIGURES = 8
MIN_FIGURES = 3
WORDS_PER_FIGURE = 250  # a short story has a few key figures, a long report up to MAX_FIGURES
FIGURE_QUANTILE = 0.3  # a key figure's sentence is not among the document's least telling


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def mentions(documents: list[Document], units: list[Unit]) -> list[list[Mention]]:
    """The actors each unit names, found document by document (people are resolved across a document)."""
    found: list[list[Mention]] = [[] for _ in units]
    for s_index in range(1, len(documents) + 1):
        mine = [i for i, u in enumerate(units) if u.source == s_index]
        language = documents[s_index - 1].language or "en"
        for i, m in zip(mine, find_actors([units[i].text for i in mine], language), strict=True):
            found[i] = m
    return found


def actors(units: list[Unit], themes: list[Theme], named: list[list[Mention]]) -> list[Actor]:
    """The actors the sources name, the most mentioned first, with their mentions per theme.

    ``named`` holds each unit's mentions (:func:`mentions`).  Places ("Strait
    of Hormuz", "Middle East") are where things happen, not who acts: they are
    not listed.
    """
    counts: dict[tuple[str, ActorKind], Counter[str]] = defaultdict(Counter)
    aliases: dict[tuple[str, ActorKind], set[str]] = defaultdict(set)
    for unit, found in zip(units, named, strict=True):
        for m in found:
            if m.kind == "place":
                continue
            key = (m.name, m.kind)
            counts[key][themes[unit.theme].id] += 1
            if m.surface.casefold() != m.name.casefold():
                aliases[key].add(m.surface)
    for variant, name in _spellings([n for n, k in counts if k == "person"], counts).items():
        counts[(name, "person")].update(counts.pop((variant, "person")))
        aliases[(name, "person")] |= aliases.pop((variant, "person"), set()) | {variant}
    actors = [
        Actor(name=name, kind=kind, aliases=_distinct(aliases[(name, kind)]), mentions=dict(sorted(c.items())))
        for (name, kind), c in counts.items()
    ]
    return sorted(actors, key=lambda a: (-a.total, a.name))


def _spellings(people: list[str], counts: dict[tuple[str, ActorKind], Counter[str]]) -> dict[str, str]:
    """Spelling variants of one person ("Phillip Moss" for "Philip Moss") -> the more mentioned form."""
    merged: dict[str, str] = {}
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in sorted(people):
        if " " in name:
            by_surname[name.rsplit(" ", 1)[1]].append(name)
    for names in by_surname.values():
        ranked = sorted(names, key=lambda n: (-sum(counts[(n, "person")].values()), n))
        for i, name in enumerate(ranked):
            for other in ranked[:i]:
                if other not in merged and _doubled(name.rsplit(" ", 1)[0], other.rsplit(" ", 1)[0]):
                    merged[name] = other
                    break
    return merged


def _doubled(a: str, b: str) -> bool:
    """Whether two given names differ only by a doubled letter ("Philip", "Phillip"; "Mohamed", "Mohammed").

    Names one letter apart otherwise ("John", "Joan") may well be two people.
    """
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = sorted((a, b), key=len)
    return any(long[i] == long[i - 1] and long[:i] + long[i + 1:] == short for i in range(1, len(long)))


def _distinct(forms: set[str]) -> list[str]:
    """Sorted name forms, one per spelling that differs by more than case."""
    by_key: dict[str, str] = {}
    for form in sorted(forms):  # capitals sort first: "Official Baku" wins
        by_key.setdefault(form.casefold(), form)
    return sorted(by_key.values())


MAX_EVENTS = 12
_BASELINE = re.compile(r"\b(?:from|than|since|against|compared (?:with|to)|relative to)\s+(?:in\s+)?$")
MAX_PER_DAY = 2


def timeline(documents: list[Document], units: list[Unit], named: list[list[Mention]],
             scores: np.ndarray, most: int = MAX_EVENTS) -> list[Event]:
    """The most telling dated events, at most ``most``, in date order, each with its sentence.

    An event is a sentence with a date and an actor (``named``, each unit's
    mentions): a dated sentence that names no one is background.  Events are
    ranked by the sentence's score (``scores``), an exact date before an
    approximate one, and at most :data:`MAX_PER_DAY` are kept for one day.

    A sentence naming several dates ("in 1997, 2013, 2019 and 2023") is one
    row at its earliest date, labelled with the span ("1997–2023"), not one
    row per date repeating the sentence.  Its exact dates count; approximate
    ones ("yesterday", "last Thursday") only when it has no exact one, and
    then the most precise of them.  An approximate date on a day an exact
    date already covers is left out: it repeats the day and usually describes
    what came after it.
    """
    events: dict[str, tuple[float, Event]] = {}
    for i, unit in enumerate(units):
        if unit.text in events or _CITATION.search(unit.text) or not named[i]:
            continue
        reference = _parse_date(documents[unit.source - 1].date)
        found = find_dates(unit.text, reference)
        exact = [d for d in found if not d.approximate]
        current = [d for d in exact if not _BASELINE.search(unit.text, max(0, d.start - 24), d.start)]
        exact = current or exact  # "up 65 percent from 2021": 2021 is the baseline, not the event
        if exact:
            dated = sorted(exact, key=lambda d: d.iso)
        elif found:
            dated = [max(found, key=lambda d: (len(d.iso), -d.start))]
        else:
            continue
        first, last = dated[0], dated[-1]
        label = first.label if first.label == last.label else _span(first.label, last.label)
        event = Event(date=first.iso, label=label, text=unit.text, refs=[unit.ref], approximate=first.approximate)
        events[unit.text] = (float(scores[i]) - 0.5 * first.approximate, event)
    exact_days = {e.date for _, e in events.values() if not e.approximate}
    ranked = sorted((t for t in events.values() if not (t[1].approximate and t[1].date in exact_days)),
                    key=lambda t: -t[0])
    kept: list[Event] = []
    per_day: Counter[str] = Counter()
    for _, event in ranked:
        if len(kept) == most:
            break
        if per_day[event.date] < MAX_PER_DAY:
            per_day[event.date] += 1
            kept.append(event)
    return sorted(kept, key=lambda e: e.date)


# A piece of a reference, not an event: it opens with punctuation or a volume
# number ("143, January 7, 1997, p. 117."), or ends on a page ("p. 117.").
_CITATION = re.compile(r"^\s*(?:[,;:.\])\[]|\d+\s*[,(])|\bpp?\.(?:\s*\d+(?:[–-]\d+)?)?\.?\s*$")


def _span(first: str, last: str) -> str:
    """Two date labels as a span: "1997–2023", "3 October – 25 October 2023"."""
    if " " not in first and " " not in last:
        return f"{first}–{last}"
    return f"{first} – {last}"


_WHEN = re.compile(r"\s+in\s+(FY\s?\d{4}|(?:19|20)\d\d)\b")
_PREFERRED = {"amount": 0, "percentage": 0, "quantity": 0, "count": 1, "duration": 2}


def figures(units: list[Unit], scores: np.ndarray, most: int = MAX_FIGURES) -> list[KeyFigure]:
    """The best-scored figures, one per sentence, in text order.

    A brief shows one per :data:`WORDS_PER_FIGURE` words of the documents'
    sentences, at least :data:`MIN_FIGURES` and at most :data:`MAX_FIGURES`.

    Each is a number with its unit and a phrase that says what it measures
    (:func:`~briefing.analysis.figures.gist`); a figure with no such phrase,
    a spelled-out length of time ("two weeks") or a value already listed is
    not a key figure.  Of a sentence that states several, the one that reads
    best stands for the sentence (money, shares and quantities before counts,
    counts before lengths of time); its sentence is the figure's context.
    """
    rows: list[tuple[float, int, KeyFigure]] = []
    seen: set[str] = set()
    for i, unit in enumerate(units):
        options = []
        for f in find_figures(unit.text):
            if f.value.lower() in seen or (f.kind == "duration" and not any(c.isdigit() for c in f.value)):
                continue
            label = gist(f, unit.text)
            if label:
                options.append((_PREFERRED[f.kind], f.start, f, label))
        if not options:
            continue
        _, _, f, label = min(options, key=lambda o: (o[0], o[1]))
        when = _WHEN.match(unit.text, f.end)
        if when and when.group(1) not in label:
            label = f"{label}, {when.group(1)}"  # "appropriated by Congress, FY2022"
        seen.add(f.value.lower())
        rows.append((float(scores[i]), i, KeyFigure(value=f.value, kind=f.kind, label=label,
                                                   context=unit.text, refs=[unit.ref])))
    import numpy as np

    floor = float(np.quantile(scores, FIGURE_QUANTILE)) if len(scores) else 0.0
    words = sum(len(u.text.split()) for u in units)
    most = min(most, max(MIN_FIGURES, words // WORDS_PER_FIGURE))
    best = sorted((r for r in rows if r[0] >= floor), key=lambda t: -t[0])[:most]
    return [f for _, _, f in sorted(best, key=lambda t: t[1])]


EXCERPT_LIMIT = 200  # characters; a paragraph longer than this is quoted by the sentences the brief cites


def _excerpt(block: Block, quoted: set[str]) -> str:
    """What the sources section quotes of a cited paragraph: the sentences the brief cites, "[…]" between.

    A short paragraph is quoted whole; of a longer one only the cited
    sentences (or, when none matches, its first), so the annex stays short
    and every ``[¶n]`` still lands on its words.
    """
    if len(block.text) <= EXCERPT_LIMIT or not block.sentences:
        return block.text
    sentences = block.sentences
    keys = [" ".join(q.split()).casefold() for q in quoted]
    hits = [i for i, s in enumerate(sentences)
            if any((t := " ".join(s.text.split()).casefold()) in q or q in t for q in keys)] or [0]
    parts: list[str] = ["[…]"] if hits[0] > 0 else []
    for k, j in enumerate(hits):
        if k and j != hits[k - 1] + 1:
            parts.append("[…]")
        parts.append(sentences[j].text)
    if hits[-1] < len(sentences) - 1:
        parts.append("[…]")
    return " ".join(parts)


def _quoted(brief: Brief) -> dict[tuple[int, int], set[str]]:
    """For each cited paragraph, the texts of the brief that cite it (as the source wrote them)."""
    items = [*brief.takeaways, *(p for t in brief.themes for p in ([t.lead] if t.lead else []) + t.points),
             *brief.outlook]
    texts = [(text, p.refs) for p in items for text in {p.text, p.original or p.text}]
    texts += [(e.text, e.refs) for e in brief.timeline]
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
