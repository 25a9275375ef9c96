"""How much a brief says: ``--length short|standard|full``.

A brief is read in five minutes.  ``standard`` (the default) keeps one
document's brief to six A4 pages at most, about four of body and two of annex:
at most five takeaways, five themes of a lead and two points (four in an
introduction), three watch items, and an annex of at most 8 events, 6 key
figures and 12 actors whose one chart is of the documents' own numbers (the
ceiling asked for is 12 events and 8 figures; these fit the CRS reports
measured by ``benchmarks/length.py``).  ``short`` says less; ``full`` is the
exhaustive dossier, every row and chart the analysis finds.
When there are more themes than the budget holds, the least telling go (the
themes whose best sentence scores lowest), never by shrinking type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefing.config import LENGTHS

__all__ = ["BUDGETS", "Budget"]


@dataclass(frozen=True)
class Budget:
    """The most of each thing a brief shows."""

    takeaways: int
    themes: int  # themes of one document; a brief of several sources may have two more
    points: int  # a theme's lead and points together
    intro_points: int  # the same for a report's introduction or conclusion
    watch: int
    events: int
    figures: int
    actors: int
    # "data": charts of the documents' own numbers only; "all": also who appears where and the timeline on an
    # axis, which restate the actors and timeline tables
    charts: Literal["data", "all"] = "data"
    most_charts: int = 1


BUDGETS: dict[str, Budget] = {
    "short": Budget(takeaways=4, themes=4, points=1, intro_points=1, watch=2, events=0, figures=3, actors=5,
                    most_charts=0),
    "standard": Budget(takeaways=5, themes=5, points=3, intro_points=4, watch=3, events=8, figures=6, actors=12),
    "full": Budget(takeaways=5, themes=99, points=4, intro_points=6, watch=5, events=999, figures=999,
                   actors=999, charts="all", most_charts=99),
}

assert tuple(BUDGETS) == LENGTHS  # one budget per length the style and the command line accept
