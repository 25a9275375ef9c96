"""Figures that belong together, as charts: amounts over years, shares.

A sentence such as "aid rose from $1.2 billion in FY2022 to $2.1 billion in
FY2024" or "oil makes up 35% of exports, gas 40%" states a series.  Each such
sentence (at most :data:`MAX_CHARTS`, the best-scored first) becomes a bar
chart whose caption quotes the sentence and whose note cites its paragraph,
so a reader can check every bar against the source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.analysis.figures import FigureMention, find_figures
from briefing.compose.units import Unit
from briefing.labels import labels as label_set
from briefing.model import ChartSpec

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

MAX_CHARTS = 2
MIN_POINTS = 3  # two numbers are a comparison the sentence already makes; three are a series
_YEAR = re.compile(r"\b(?:FY\s?)?(?:19|20)\d{2}\b")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
# Words between a label and its figure that say nothing about what is counted.
_FILLER = frozenset(
    "for of to at by in on with and or while whereas but the a an its their accounts account accounted "
    "makes make made up was were is are rose fell grew reached stood about around nearly almost some "
    "roughly approximately over under just only than from share shares per cent percent".split()
)


def _year(text: str, figure: FigureMention, previous_end: int, next_start: int) -> str | None:
    """The year that dates ``figure``, never past the neighbouring figures.

    It is the first year after it ("$1.5 billion in 2023"), else the last
    before it ("in 2023, $1.5 billion").
    """
    after = _YEAR.search(text, figure.end, next_start)
    if after:
        return after.group(0).replace("FY ", "FY")
    before = list(_YEAR.finditer(text, previous_end, figure.start))
    return before[-1].group(0).replace("FY ", "FY") if before else None


def _share_label(text: str, previous_end: int, figure: FigureMention) -> str:
    """What a percentage is a share of: the last few telling words before it."""
    clause = re.split(r"[,;:()]", text[previous_end:figure.start])[-1]
    words = clause.split()
    telling = [w for w in words if w and w.lower() not in _FILLER]
    return " ".join(telling[-3:])


def _amount_series(text: str, figures: list[FigureMention]) -> tuple[list[str], list[float], str] | None:
    amounts = [f for f in figures if f.kind == "amount" and f.number is not None]
    if len(amounts) < MIN_POINTS or len({f.unit for f in amounts}) != 1:
        return None
    bounds = [0, *[f.end for f in amounts]]
    ends = [*[f.start for f in amounts[1:]], len(text)]
    years = [_year(text, f, bounds[i], ends[i]) for i, f in enumerate(amounts)]
    if None in years or len(set(years)) != len(years):
        return None
    top = max(abs(f.number or 0) for f in amounts)
    divisor, word = next(((d, w) for d, w in _SCALES if top >= d), (1.0, ""))
    unit = " ".join(p for p in (amounts[0].unit, word) if p)
    return [y for y in years if y], [round((f.number or 0) / divisor, 3) for f in amounts], unit


def _share_series(text: str, figures: list[FigureMention]) -> tuple[list[str], list[float], str] | None:
    shares = [f for f in figures if f.kind == "percentage" and f.number is not None]
    if len(shares) < MIN_POINTS or sum(f.number or 0 for f in shares) > 100.5:
        return None
    starts = [0, *[f.end for f in shares[:-1]]]
    names = [_share_label(text, starts[i], f) for i, f in enumerate(shares)]
    if not all(names) or len(set(names)) != len(names):
        return None
    return names, [float(f.number or 0) for f in shares], "%"


def figure_charts(units: list[Unit], scores: np.ndarray, language: str = "en",
                  many_sources: bool = False) -> list[ChartSpec]:
    """Charts of the series the sentences state, best-scored sentences first."""
    words = label_set(language)
    found: list[tuple[float, int, ChartSpec]] = []
    for i, unit in enumerate(units):
        figures = find_figures(unit.text)
        if len(figures) < MIN_POINTS:
            continue
        series = _amount_series(unit.text, figures) or _share_series(unit.text, figures)
        if series is None:
            continue
        names, values, unit_name = series
        ref = unit.ref.label(many_sources)
        spec = ChartSpec(
            id="",
            kind="bar",
            title=words["shares"] if unit_name == "%" else words["by_year"].format(unit=unit_name),
            caption=f"“{unit.text}”",
            source_note=words["figures_note"].format(ref=ref),
            labels=names,
            values=[[v] for v in values],
            unit=unit_name,
        )
        found.append((-float(scores[i]), i, spec))
    best = sorted(found, key=lambda t: t[:2])[:MAX_CHARTS]
    return [spec.model_copy(update={"id": f"figures-{n}"}) for n, (_, _, spec) in
            enumerate(sorted(best, key=lambda t: t[1]), 1)]
