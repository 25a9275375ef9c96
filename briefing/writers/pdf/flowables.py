"""Flowables that RML templates pull in with ``<plugInFlowable>``.

z3c.rml calls ``module.function(text)``; the PDF writer puts the prepared
drawings in ``CHARTS`` for the duration of one render, and templates refer to
them by chart id.  Nothing here reads document text.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from typing import Any

CHARTS: ContextVar[dict[str, Any]] = ContextVar("briefing_charts")


def chart(params: str) -> Any:
    """The ReportLab Drawing of a chart: ``"chart-id"``, or ``"chart-id 0.6"`` for one 60 % as wide as the text.

    Drawn narrower, its labels keep their size (the handout uses it).
    ``CHARTS`` maps an id to a function of that fraction.
    """
    key, _, scale_text = params.strip().partition(" ")
    drawings = CHARTS.get({})
    if key not in drawings:
        from briefing.errors import TemplateError

        raise TemplateError(f"template asks for chart '{key}', which this brief does not have")
    drawing = drawings[key]
    try:
        scale = float(scale_text) if scale_text.strip() else 1.0
    except ValueError:
        scale = 0.0
    if not 0.1 <= scale <= 1.0:
        from briefing.errors import TemplateError

        raise TemplateError(f"chart '{key}': scale '{scale_text.strip()}' is not between 0.1 and 1")
    return drawing(scale)


#: The house-style logo of the brief being rendered: its path and the
#: regular and bold face names that text in an SVG logo is drawn with
#: (so a logo never brings an unembedded font), or None.
LOGO: ContextVar[tuple[str, str, str] | None] = ContextVar("briefing_logo", default=None)


def logo(canvas: Any, params: str) -> None:
    """Draw the house logo fitted into the box ``"x y width height"`` (points).

    Called by ``<plugInGraphic>`` in a template's page graphics.  The logo
    keeps its proportions, sits at the box's left and is vertically centred;
    SVG logos stay vector (svglib), PNG and JPEG are embedded as images.
    Nothing is drawn when the style has no logo.
    """
    logo_setting = LOGO.get()
    if not logo_setting:
        return
    path, regular_face, bold_face = logo_setting
    x, y, width, height = (float(v) for v in params.split())
    if path.lower().endswith(".svg"):
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(path, font_map=font_map(regular_face, bold_face))
        if drawing is None or not drawing.width or not drawing.height:
            return
        scale = min(width / drawing.width, height / drawing.height)
        drawing.setProperties({"initialFontName": regular_face})  # the renderer starts with Helvetica otherwise
        canvas.saveState()
        canvas.translate(x, y + (height - drawing.height * scale) / 2)
        canvas.scale(scale, scale)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.restoreState()
        return
    from reportlab.lib.utils import ImageReader

    image = ImageReader(path)
    w, h = image.getSize()
    scale = min(width / w, height / h)
    canvas.drawImage(image, x, y + (height - h * scale) / 2, w * scale, h * scale, mask="auto")


@cache
def font_map(regular_face: str, bold_face: str) -> Any:
    """An svglib font map sending every family of an SVG logo to our two faces, by weight."""
    from svglib.fonts import FontMap

    class _BriefingFontMap(FontMap):
        def find_font(
            self, font_name: str, weight: str = "normal", style: str = "normal"
        ) -> tuple[str, bool]:
            w = str(weight).strip().lower()
            bold = w in ("bold", "bolder") or (w.isdigit() and int(w) >= 600)
            return (bold_face if bold else regular_face), True

    return _BriefingFontMap()
