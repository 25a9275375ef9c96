"""Views of a Brief that more than one writer shows (PDF, HTML, handout).

Only selection and ordering live here, never layout: the "At a glance"
panel's figures, actors and period are chosen once, so the PDF and the
HTML page agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Actor, Brief, KeyFigure

# Figures that carry a unit a reader can weigh come first.
_KIND_ORDER = {"amount": 0, "percentage": 1, "quantity": 2, "duration": 3, "count": 4}


@dataclass(frozen=True)
class Glance:
    """What the "At a glance" panel shows."""

    figures: list[KeyFigure]
    actors: list[Actor]
    first: str | None  # ISO date of the earliest exact timeline event
    last: str | None
    sources: int
    words: int

    def __bool__(self) -> bool:
        return bool(self.figures or self.actors or self.first)


def glance(brief: Brief, *, figures: int = 3, actors: int = 4) -> Glance:
    """The panel's content: the most telling figures and actors, the span of the timeline, the size of the sources.

    The actors are the most named ones, places left out.
    """
    labelled = [f for f in brief.figures if f.label]
    ranked = sorted(labelled, key=lambda f: _KIND_ORDER.get(f.kind, 9))[:figures]
    chosen = [f for f in brief.figures if f in ranked]  # back in the brief's order
    people = [a for a in brief.actors if a.kind != "place"][:actors]
    dates = sorted(e.date for e in brief.timeline if not e.approximate)
    return Glance(
        figures=chosen,
        actors=people,
        first=dates[0] if dates else None,
        last=dates[-1] if len(dates) > 1 and dates[-1] != dates[0] else None,
        sources=len(brief.sources),
        words=sum(s.words for s in brief.sources),
    )
