"""The sentences a brief is made of, their themes, and which sources agree.

Every sentence of every source becomes a :class:`Unit` that knows its
source, paragraph, theme and position.  Themes come from the analysis
(headings or topical segments), grouped across sources; a statement that
several sources carry is found here too, so that it becomes one point with a
reference to each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from briefing.analysis import themes as theme_analysis
from briefing.analysis.keyphrases import best, candidates
from briefing.analysis.ranking import Ranking
from briefing.analysis.themes import Segment
from briefing.model import Document, Reference, Theme
from briefing.textutil import shorten, slugify

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

NEAR_DUPLICATE = 0.8  # cosine similarity of TF-IDF vectors: the same sentence
CORROBORATION = 0.5  # ... close enough to count as the same statement in another source


@dataclass
class Unit:
    """One sentence of one source, with where it sits."""

    text: str
    source: int  # 1-based
    paragraph: int
    theme: int  # index into the theme list
    position: float  # 0..1 within its document

    @property
    def ref(self) -> Reference:
        """The sentence's source and paragraph, as a reference."""
        return Reference(source=self.source, paragraph=self.paragraph)


def theme_id(label: str, taken: set[str]) -> str:
    """A theme id from ``label`` that is not in ``taken`` (and is then taken)."""
    base = slugify(label) or "theme"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def themes_and_units(documents: list[Document], language: str) -> tuple[list[Theme], list[Unit]]:
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
        context = all(segments[i].kind == "context" for i in g) and len(documents) == 1
        kind: Literal["context", "section"] = "context" if context else "section"
        themes.append(Theme(id=theme_id(label, taken), label=label, kind=kind, words=sum(segments[i].words for i in g)))
        theme_of.update({i: len(themes) - 1 for i in g})
    units: list[Unit] = []
    for s_index in range(1, len(documents) + 1):
        members = [i for i, seg in enumerate(segments) if seg.source == s_index]
        count = sum(len(b.sentences) for i in members for b in segments[i].blocks)
        seen = 0
        for i in members:
            for block in segments[i].blocks:
                for sentence in block.sentences:
                    units.append(Unit(sentence.text, s_index, block.number or 1, theme_of[i], seen / max(count - 1, 1)))
                    seen += 1
    return themes, units


# Headings that name a part of a document, not a topic: in a brief of several, "Summary (25)" says nothing.
_GENERIC = re.compile(r"^(?:\d+[.)]?\s*)?(?:summary|introduction|overview|background|conclusions?|context|"
                      r"key (?:points|findings|takeaways)|executive summary|abstract|preface|foreword)\s*$",
                      re.IGNORECASE)


def _group_labels(groups: list[list[int]], segments: list[Segment], language: str, titles: list[str]) -> list[str]:
    """One label per group: the author's heading, a document's title, else a key phrase."""
    if len(titles) == 1:
        return [segments[g[0]].label for g in groups]
    texts = [" ".join(segments[i].text for i in g) for g in groups]
    found: list[list[tuple[str, str, int]]] | None = None  # key-phrase candidates, made once if needed
    labels: list[str] = []
    for index, g in enumerate(groups):
        authored = [segments[i] for i in g if segments[i].authored and segments[i].kind == "section"]
        whole = [s for s in segments if s.source == segments[g[0]].source]
        named = [s for s in authored if not _GENERIC.match(s.label)]
        one_source = len({segments[i].source for i in g}) == 1
        if named:
            label = max(named, key=lambda s: s.words).label
        elif (len(g) == 1 and len(whole) == 1) or (authored and one_source):
            # one whole document, or its "Summary" or "Introduction": the document's title says it best
            label = shorten(titles[segments[g[0]].source - 1], 70)
            label = shorten(titles[segments[g[0]].source - 1], 70)
        elif len(g) == 1 and not segments[g[0]].authored:
            label = segments[g[0]].label
        else:
            if found is None:
                found = [candidates(t, language) for t in texts]
            label = best(index, found, taken=labels)
        labels.append(label if label not in labels else f"{label} ({index + 1})")
    return labels


def support(ranking: Ranking, units: list[Unit], sources: int) -> np.ndarray:
    """How many sources carry each sentence (itself or a near-duplicate)."""
    import numpy as np

    if sources == 1:
        return np.ones(len(units))
    source_of = np.array([u.source for u in units])
    close = ranking.similarity >= CORROBORATION
    return np.array([len(set(source_of[close[i]].tolist()) | {units[i].source}) for i in range(len(units))])


def representatives(ranking: Ranking, units: list[Unit]) -> list[int]:
    """Sentences that may become points: one per statement across sources."""
    if len({u.source for u in units}) == 1:
        return list(range(len(units)))
    shadowed: set[int] = set()
    keep: list[int] = []
    for i in sorted(range(len(units)), key=lambda i: (-ranking.scores[i], i)):
        if i in shadowed:
            continue
        keep.append(i)
        shadowed.update(j for j in corroborating(ranking, units, i)[1:])
    return sorted(keep)


def corroborating(ranking: Ranking, units: list[Unit], index: int) -> list[int]:
    """``index`` and, per other source, its closest near-duplicate sentence."""
    import numpy as np

    row = ranking.similarity[index]
    close = np.flatnonzero(row >= CORROBORATION)  # few: the scan stays cheap on long texts
    best: dict[int, tuple[float, int]] = {}
    for j in close.tolist():
        source = units[j].source
        if source != units[index].source and (source not in best or row[j] > best[source][0]):
            best[source] = (float(row[j]), j)
    return [index] + [j for _, (_, j) in sorted(best.items())]


def repeats(ranking: Ranking, index: int, chosen: list[int]) -> bool:
    """Whether sentence ``index`` nearly repeats one already chosen."""
    return any(ranking.similarity[index, j] >= NEAR_DUPLICATE for j in chosen)
