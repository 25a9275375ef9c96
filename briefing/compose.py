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
from typing import TYPE_CHECKING

from briefing import __version__
from briefing.analysis import themes as theme_analysis
from briefing.analysis.keyphrases import label_for
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
from briefing.analysis.themes import Segment
from briefing.textutil import shorten, slugify

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

MAX_POINTS = 4
MIN_POINTS = 2
MAX_FIGURES = 8
MAX_OUTLOOK = 3
NEAR_DUPLICATE = 0.8  # cosine similarity of TF-IDF vectors: the same sentence
CORROBORATION = 0.5  # ... close enough to count as the same statement in another source
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
    language = documents[0].language or "en"
    themes, units = _themes_and_units(documents, language)
    if not units:
        raise ValueError("the documents contain no sentences")
    ranking = rank([u.text for u in units], positions=[u.position for u in units], language=language)
    support = _support(ranking, units, len(documents))
    ranking.scores[:] = ranking.scores * (1 + 0.2 * (support - 1))

    def point(i: int) -> Point:
        return Point(text=units[i].text, refs=[units[j].ref for j in _corroborating(ranking, units, i)])

    # A statement several sources carry is one candidate: the best-scored
    # wording stands for the others, which become its extra references.
    eligible = _representatives(ranking, units)

    # Key takeaways: the best sentences across the documents, spread out.
    n_take = min(5, max(3, len(units) // 12))
    takeaway_idx = select(ranking, n_take, candidates=eligible, diversity=0.45)
    takeaways = [point(i) for i in takeaway_idx]

    # Theme points: the best sentences of each theme, avoiding the takeaways
    # when the theme has enough else to say, and never repeating a sentence
    # that another theme already carries (documents repeat their summary,
    # sources repeat each other).
    by_theme: dict[int, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        if i in eligible:
            by_theme[unit.theme].append(i)
    placed: list[int] = list(takeaway_idx)
    for t_index, theme in enumerate(themes):
        fresh = [i for i in by_theme[t_index] if i in takeaway_idx or not _repeats(ranking, i, placed)]
        members = fresh or by_theme[t_index]
        want = min(MAX_POINTS, max(MIN_POINTS, round(len(by_theme[t_index]) / 4)))
        spare = [i for i in members if i not in takeaway_idx]
        exclude = takeaway_idx if len(spare) >= want else []
        chosen = select(ranking, want, candidates=members, exclude=exclude)
        placed.extend(chosen)
        theme.points = [point(i) for i in chosen]

    actors = _actors(documents, units, themes)
    for t_index, theme in enumerate(themes):
        ranked = sorted(actors, key=lambda a: (-a.mentions.get(theme.id, 0), a.name))
        theme.actors = [a.name for a in ranked if a.kind != "place" and a.mentions.get(theme.id, 0) > 0][:4]

    scores = ranking.scores
    timeline = _timeline(documents, units)
    figures = _figures(units, scores)
    used = set(placed)  # takeaways and theme points: say each thing once
    outlook_idx = sorted(
        (i for i in eligible if _FORWARD.search(units[i].text) and i not in used),
        key=lambda i: -scores[i],
    )[:MAX_OUTLOOK]
    outlook = [point(i) for i in sorted(outlook_idx)]

    title, subtitle, label = _title(documents, themes)
    brief = Brief(
        title=title,
        subtitle=subtitle,
        label=label,
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


def _themes_and_units(documents: list[Document], language: str) -> tuple[list[Theme], list[_Unit]]:
    """Themes (grouped across documents) and every sentence with its theme."""
    segments = []
    for s_index, doc in enumerate(documents, start=1):
        for seg in theme_analysis.segment(doc):
            seg.source = s_index
            segments.append(seg)
    if len(documents) > 1:
        groups = theme_analysis.group(segments, language)
    else:
        groups = [[i] for i in range(len(segments))]
    labels = _group_labels(groups, segments, language, [d.title for d in documents])
    themes: list[Theme] = []
    theme_of: dict[int, int] = {}
    taken: set[str] = set()
    for g, label in zip(groups, labels, strict=True):
        kind = "context" if all(segments[i].kind == "context" for i in g) and len(documents) == 1 else "section"
        themes.append(Theme(id=_theme_id(label, taken), label=label, kind=kind, words=sum(segments[i].words for i in g)))
        theme_of.update({i: len(themes) - 1 for i in g})
    units: list[_Unit] = []
    for s_index in range(1, len(documents) + 1):
        members = [i for i, seg in enumerate(segments) if seg.source == s_index]
        count = sum(len(b.sentences) for i in members for b in segments[i].blocks)
        seen = 0
        for i in members:
            for block in segments[i].blocks:
                for sentence in block.sentences:
                    units.append(_Unit(sentence.text, s_index, block.number or 1, theme_of[i], seen / max(count - 1, 1)))
                    seen += 1
    return themes, units


def _group_labels(groups: list[list[int]], segments: list[Segment], language: str, titles: list[str]) -> list[str]:
    """One label per group: the author's heading, a document's title, else a key phrase."""
    if len(titles) == 1:
        return [segments[g[0]].label for g in groups]
    texts = [" ".join(segments[i].text for i in g) for g in groups]
    labels: list[str] = []
    for index, g in enumerate(groups):
        authored = [segments[i] for i in g if segments[i].authored and segments[i].kind == "section"]
        whole = [s for s in segments if s.source == segments[g[0]].source]
        if authored:
            label = max(authored, key=lambda s: s.words).label
        elif len(g) == 1 and len(whole) == 1:  # one whole document: its title says it best
            label = shorten(titles[segments[g[0]].source - 1], 70)
        elif len(g) == 1 and not segments[g[0]].authored:
            label = segments[g[0]].label
        else:
            label = label_for(index, texts, language, taken=labels)
        labels.append(label if label not in labels else f"{label} ({index + 1})")
    return labels


def _title(documents: list[Document], themes: list[Theme]) -> tuple[str, str | None, str | None]:
    """The brief's title: the document's own, or the main themes of several."""
    first = documents[0]
    if len(documents) == 1:
        return first.title, first.subtitle, first.label
    shared = len(themes) == 1
    if shared:
        return first.title, None, None
    names = [t.label for t in sorted(themes, key=lambda t: -t.words)[:2]]
    more = len(themes) - len(names)
    title = " and ".join(names) if not more else f"{names[0]}, {names[1]} and {more} more"
    return title, None, None


def _support(ranking: Ranking, units: list[_Unit], sources: int) -> np.ndarray:
    """How many sources carry each sentence (itself or a near-duplicate)."""
    import numpy as np

    if sources == 1:
        return np.ones(len(units))
    source_of = np.array([u.source for u in units])
    close = ranking.similarity >= CORROBORATION
    return np.array([len(set(source_of[close[i]].tolist()) | {units[i].source}) for i in range(len(units))])


def _representatives(ranking: Ranking, units: list[_Unit]) -> list[int]:
    """Sentences that may become points: one per statement across sources."""
    shadowed: set[int] = set()
    keep: list[int] = []
    for i in sorted(range(len(units)), key=lambda i: (-ranking.scores[i], i)):
        if i in shadowed:
            continue
        keep.append(i)
        shadowed.update(j for j in _corroborating(ranking, units, i)[1:])
    return sorted(keep)


def _corroborating(ranking: Ranking, units: list[_Unit], index: int) -> list[int]:
    """``index`` and, per other source, its closest near-duplicate sentence."""
    best: dict[int, tuple[float, int]] = {}
    row = ranking.similarity[index]
    for j, unit in enumerate(units):
        if unit.source != units[index].source and row[j] >= CORROBORATION:
            if unit.source not in best or row[j] > best[unit.source][0]:
                best[unit.source] = (float(row[j]), j)
    return [index] + [j for _, (_, j) in sorted(best.items())]


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
