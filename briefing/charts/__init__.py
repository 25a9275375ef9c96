"""Charts: a :class:`~briefing.model.ChartSpec` drawn for the PDF, the page and email.

Three kinds: ``bar`` (horizontal bars, labels top to bottom in the given
order), ``heatmap`` (labels x series grid, numbers in the cells) and
``timeline`` (ISO dates in ``labels``, short event texts in ``series``).

Each kind places its marks itself, in points (:mod:`~briefing.charts.marks`);
the scene is then drawn as a vector ReportLab ``Drawing`` whose strings use
the PDF's embedded faces (:func:`drawing`), as SVG with text kept as text
(:func:`svg`) and as PNG through matplotlib (:func:`png`, email only).  The
chart holds the plot only: the title, caption and source note of the spec
are set by the writer as document text.  Text is measured with the same
TrueType files that draw it, to wrap or cut labels with an ellipsis; a
character no bundled font has becomes U+FFFD.  Output is deterministic: same
spec, same bytes.  Importing this package loads none of ReportLab,
matplotlib or the model.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.charts.style import BOLD_FACE, REGULAR_FACE, ChartStyle, register_rml_fonts

if TYPE_CHECKING:  # pragma: no cover
    from reportlab.graphics.shapes import Drawing

    from briefing.charts.marks import Scene
    from briefing.model import ChartSpec

__all__ = ["ChartStyle", "KINDS", "Kind", "REGULAR_FACE", "BOLD_FACE", "describe", "drawing", "get_kind", "png",
           "register", "register_rml_fonts", "scene", "svg"]


@dataclass(frozen=True)
class Kind:
    """A kind of chart: how it places its marks and how it reads as text.

    ``place`` and ``describe`` are ``"module:function"`` entries, imported on
    first use: ``place(spec, width_pt, height_pt, style) -> Scene`` and
    ``describe(spec) -> str`` (the alt text of the HTML and email charts).
    """

    name: str
    place: str
    describe: str

    def function(self, which: str) -> Callable[..., Any]:
        """The ``place`` or ``describe`` function, imported."""
        module_name, _, attribute = getattr(self, which).partition(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module_name), attribute)
        return found


#: Every chart kind a ChartSpec may name.  Adding a kind is one entry here (or one :func:`register`).
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("bar", "briefing.charts.kinds:bar", "briefing.charts.kinds:describe_bar"),
        Kind("heatmap", "briefing.charts.kinds:heatmap", "briefing.charts.kinds:describe_heatmap"),
        Kind("timeline", "briefing.charts.timeline:timeline", "briefing.charts.timeline:describe"),
    )
}


def register(kind: Kind) -> Kind:
    """Add ``kind`` to :data:`KINDS` (or replace the kind of that name)."""
    KINDS[kind.name] = kind
    return kind


def get_kind(spec: ChartSpec) -> Kind:
    """The kind ``spec`` names; an :class:`~briefing.errors.InputError` naming the known ones otherwise."""
    from briefing.charts.kinds import invalid

    if spec.kind not in KINDS:
        raise invalid(spec, f"unknown chart kind (known: {', '.join(KINDS)})")
    return KINDS[spec.kind]


def describe(spec: ChartSpec) -> str:
    """A text alternative of the chart: its title and the data it shows."""
    return str(get_kind(spec).function("describe")(spec))


def scene(spec: ChartSpec, *, width_pt: float, height_pt: float | None = None,
          style: ChartStyle | None = None) -> Scene:
    """The chart's marks, ``width_pt`` points wide.

    The height follows the number of rows (or levels of a timeline) unless
    ``height_pt`` is given.  A malformed spec is an :class:`InputError`.
    """
    from briefing.charts.kinds import invalid

    place = get_kind(spec).function("place")
    if not all(math.isfinite(v) for row in spec.values for v in row):
        raise invalid(spec, "values must be finite numbers")
    placed: Scene = place(spec, float(width_pt), height_pt, style or ChartStyle.default())
    return placed


def drawing(spec: ChartSpec, *, width_pt: float, height_pt: float | None = None,
            style: ChartStyle | None = None) -> Drawing:
    """The chart as a vector ReportLab Drawing ``width_pt`` points wide.

    Its strings use the style's faces (``BriefingSans`` / ``BriefingSans-Bold``
    by default) and bundled fallback faces, registered here if the PDF writer
    has not done so yet.
    """
    from briefing.charts.marks import to_drawing

    style = style or ChartStyle.default()
    return to_drawing(scene(spec, width_pt=width_pt, height_pt=height_pt, style=style), style)


def svg(spec: ChartSpec, *, width_pt: float, height_pt: float | None = None,
        style: ChartStyle | None = None) -> bytes:
    """The chart as deterministic SVG bytes, text kept as text."""
    from briefing.charts.marks import to_svg

    style = style or ChartStyle.default()
    return to_svg(scene(spec, width_pt=width_pt, height_pt=height_pt, style=style), style)


def png(spec: ChartSpec, *, width_px: int, dpi: int = 200,
        style: ChartStyle | None = None) -> bytes:
    """The chart as deterministic PNG bytes ``width_px`` pixels wide (for email).

    It is laid out as a chart ``width_px / dpi`` inches wide, then drawn.
    """
    from briefing.charts.raster import to_png

    style = style or ChartStyle.default()
    return to_png(scene(spec, width_pt=width_px / dpi * 72, style=style), style, width_px=width_px)
