"""Documents + analysis → Brief.

This is the one place that knows both models: it walks the Documents, asks
the analysis modules for themes, scores, actors, dates and figures, and fills
a :class:`~briefing.model.Brief` whose every statement points back to a
source paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefing import __version__
from briefing.analysis import themes as theme_analysis
from briefing.analysis.actors import find_actors
from briefing.analysis.dates import find_dates
from briefing.analysis.figures import find_figures
from briefing.analysis.ranking import Ranking, rank, select
from briefing.model import (
    Actor,
    Brief,
    ChartSpec,
    Document,
    Event,
    Excerpt,
    KeyFigure,
    Point,
    Provenance,
    Reference,
    Source,
    Theme,
)
from briefing.textutil import shorten, slugify

MAX_POINTS = 4
MIN_POINTS = 2
MAX_FIGURES = 8
MAX_OUTLOOK = 3
NEAR_DUPLICATE = 0.8  # cosine similarity of TF-IDF vectors
# Forward-looking statements.  "will" counts as the auxiliary only: not the
# noun in "the political will to…".
_FORWARD = re.compile(
    r"(?<!\bthe )(?<!political )(?<!\bits )(?<!\btheir )\bwill\b(?! to\b)|"
    r"\b(?:is|are) (?:expected|set|due|scheduled|likely) to\b|\bplans? to\b|\bintends? to\b|"
    r"\bnext (?:week|month|year)\b|\bupcoming\b|\bin the coming\b",
    re.IGNORECASE,
)


@dataclass
class _Unit:
    """One sentence of one source, with where it sits."""

    text: str
    source: int  # 1-based
    paragraph: int
    theme: int  # index into the theme list
    position: float  # 0..1 within its document

    @property
    def ref(self) -> Reference:
        return Reference(source=self.source, paragraph=self.paragraph)


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _theme_id(label: str, taken: set[str]) -> str:
    base = slugify(label) or "theme"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def compose(documents: list[Document], *, date: str | None = None) -> Brief:
    """Analyse ``documents`` and build the Brief.

    ``date`` is the brief's own date (ISO); the first source's date is used
    when it is not given.
    """
    if not documents:
        raise ValueError("compose() needs at least one document")
    themes: list[Theme] = []
    units: list[_Unit] = []
    taken: set[str] = set()
    for s_index, doc in enumerate(documents, start=1):
        total = max(sum(len(b.sentences) for b in doc.paragraphs) - 1, 1)
        seen = 0
        for seg in theme_analysis.segment(doc):
            label = seg.label if len(documents) == 1 else f"{seg.label} ({shorten(doc.title, 40)})"
            themes.append(Theme(id=_theme_id(label, taken), label=label, kind=seg.kind, words=seg.words))
            for block in seg.blocks:
                for sentence in block.sentences:
                    units.append(_Unit(sentence.text, s_index, block.number or 1, len(themes) - 1, seen / total))
                    seen += 1
    if not units:
        raise ValueError("the documents contain no sentences")

    language = documents[0].language or "en"
    ranking = rank([u.text for u in units], positions=[u.position for u in units], language=language)

    # Key takeaways: the best sentences across the document, spread out.
    n_take = min(5, max(3, len(units) // 12))
    takeaway_idx = select(ranking, n_take, diversity=0.45)
    takeaways = [Point(text=units[i].text, refs=[units[i].ref]) for i in takeaway_idx]

    # Theme points: the best sentences of each theme, avoiding the takeaways
    # when the theme has enough else to say, and never repeating a sentence
    # that another theme already carries (documents repeat their summary).
    by_theme: dict[int, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        by_theme[unit.theme].append(i)
    placed: list[int] = []
    for t_index, theme in enumerate(themes):
        members = [i for i in by_theme[t_index] if not _repeats(ranking, i, placed)] or by_theme[t_index]
        want = min(MAX_POINTS, max(MIN_POINTS, round(len(by_theme[t_index]) / 4)))
        spare = [i for i in members if i not in takeaway_idx]
        exclude = takeaway_idx if len(spare) >= want else []
        chosen = select(ranking, want, candidates=members, exclude=exclude)
        placed.extend(chosen)
        theme.points = [Point(text=units[i].text, refs=[units[i].ref]) for i in chosen]

    actors = _actors(documents, units, themes)
    for t_index, theme in enumerate(themes):
        ranked = sorted(actors, key=lambda a: (-a.mentions.get(theme.id, 0), a.name))
        theme.actors = [a.name for a in ranked if a.kind != "place" and a.mentions.get(theme.id, 0) > 0][:4]

    scores = ranking.scores
    timeline = _timeline(documents, units)
    figures = _figures(units, scores)
    used = set(takeaway_idx)
    outlook_idx = sorted(
        (i for i, u in enumerate(units) if _FORWARD.search(u.text) and i not in used),
        key=lambda i: -scores[i],
    )[:MAX_OUTLOOK]
    outlook = [Point(text=units[i].text, refs=[units[i].ref]) for i in sorted(outlook_idx)]

    brief = Brief(
        title=documents[0].title,
        subtitle=documents[0].subtitle,
        label=documents[0].label,
        date=date or documents[0].date,
        language=documents[0].language,
        sources=[],
        takeaways=takeaways,
        themes=themes,
        actors=actors,
        timeline=timeline,
        figures=figures,
        outlook=outlook,
        provenance=Provenance(version=__version__, inputs=[d.sha256 for d in documents]),
    )
    brief.sources = _sources(documents, brief)
    brief.charts = charts_for(brief)
    return brief


def _actors(documents: list[Document], units: list[_Unit], themes: list[Theme]) -> list[Actor]:
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s_index in range(1, len(documents) + 1):
        doc_units = [u for u in units if u.source == s_index]
        for unit, mentions in zip(doc_units, find_actors([u.text for u in doc_units]), strict=True):
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


def _repeats(ranking: Ranking, index: int, chosen: list[int]) -> bool:
    """Whether sentence ``index`` nearly repeats one already chosen."""
    return any(ranking.similarity[index, j] >= NEAR_DUPLICATE for j in chosen)


def _distinct(forms: set[str]) -> list[str]:
    """Sorted name forms, one per spelling that differs by more than case."""
    by_key: dict[str, str] = {}
    for form in sorted(forms):  # capitals sort first: "Official Baku" wins
        by_key.setdefault(form.casefold(), form)
    return sorted(by_key.values())


def _timeline(documents: list[Document], units: list[_Unit]) -> list[Event]:
    events: dict[tuple[str, str], Event] = {}
    for unit in units:
        reference = _parse_date(documents[unit.source - 1].date)
        for d in find_dates(unit.text, reference):
            key = (d.iso, unit.text)
            if key not in events:
                events[key] = Event(
                    date=d.iso, label=d.label, text=unit.text, refs=[unit.ref], approximate=d.approximate
                )
    return sorted(events.values(), key=lambda e: e.date)


def _figures(units: list[_Unit], scores: object) -> list[KeyFigure]:
    found: dict[str, tuple[float, int, KeyFigure]] = {}
    for i, unit in enumerate(units):
        for f in find_figures(unit.text):
            if f.value.lower() not in found:
                figure = KeyFigure(value=f.value, kind=f.kind, context=unit.text, refs=[unit.ref])
                found[f.value.lower()] = (float(scores[i]), i, figure)  # type: ignore[index]
    best = sorted(found.values(), key=lambda t: -t[0])[:MAX_FIGURES]
    return [f for _, _, f in sorted(best, key=lambda t: t[1])]


def _sources(documents: list[Document], brief: Brief) -> list[Source]:
    cited: dict[int, set[int]] = defaultdict(set)
    points = list(brief.takeaways) + [p for t in brief.themes for p in t.points] + list(brief.outlook)
    refs = [r for p in points for r in p.refs]
    refs += [r for e in brief.timeline for r in e.refs] + [r for f in brief.figures for r in f.refs]
    for ref in refs:
        cited[ref.source].add(ref.paragraph)
    sources = []
    for s_index, doc in enumerate(documents, start=1):
        text_of = {b.number: b.text for b in doc.paragraphs if b.number is not None}
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
                paragraphs=len(text_of),
                metadata=dict(doc.metadata),
                excerpts=[Excerpt(paragraph=n, text=text_of[n]) for n in sorted(cited[s_index]) if n in text_of],
            )
        )
    return sources


def charts_for(brief: Brief) -> list[ChartSpec]:
    """The charts the brief's data supports (never a chart of one bar)."""
    charts: list[ChartSpec] = []
    site = ", ".join(sorted({s.site for s in brief.sources if s.site})) or "the sources"
    note = f"Source: {site}; analysis by briefing {__version__}."
    with_words = [t for t in brief.themes if t.words > 0]
    if len(with_words) >= 2:
        charts.append(
            ChartSpec(
                id="theme-coverage",
                kind="bar",
                title="Theme coverage",
                caption="How much of the source text each theme takes up, in words.",
                source_note=note,
                labels=[t.label for t in with_words],
                values=[[float(t.words)] for t in with_words],
                unit="words",
            )
        )
    prominent = [a for a in brief.actors if a.kind != "place" and a.total >= 2][:8]
    if len(prominent) >= 2:
        charts.append(
            ChartSpec(
                id="actor-prominence",
                kind="bar",
                title="Actor prominence",
                caption="Mentions of each actor across the sources, all name forms counted together.",
                source_note=note,
                labels=[a.name for a in prominent],
                values=[[float(a.total)] for a in prominent],
                unit="mentions",
            )
        )
    return charts
