"""Flowables that RML templates pull in with ``<plugInFlowable>``.

z3c.rml calls ``module.function(text)``; the PDF writer puts the prepared
drawings in ``CHARTS`` for the duration of one render, and templates refer to
them by chart id.  Nothing here reads document text.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

CHARTS: ContextVar[dict[str, Any]] = ContextVar("briefing_charts", default={})


def chart(chart_id: str) -> Any:
    """The ReportLab Drawing prepared for ``chart_id``."""
    key = chart_id.strip()
    drawings = CHARTS.get()
    if key not in drawings:
        from briefing.errors import TemplateError

        raise TemplateError(f"template asks for chart '{key}', which this brief does not have")
    return drawings[key]


#: The house-style logo of the brief being rendered (a path), or None.
LOGO: ContextVar[str | None] = ContextVar("briefing_logo", default=None)


def logo(canvas: Any, params: str) -> None:
    """Draw the house logo fitted into the box ``"x y width height"`` (points).

    Called by ``<plugInGraphic>`` in a template's page graphics.  The logo
    keeps its proportions, sits at the box's left and is vertically centred;
    SVG logos stay vector (svglib), PNG and JPEG are embedded as images.
    Nothing is drawn when the style has no logo.
    """
    path = LOGO.get()
    if not path:
        return
    x, y, width, height = (float(v) for v in params.split())
    if path.lower().endswith(".svg"):
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(path)
        if drawing is None or not drawing.width or not drawing.height:
            return
        scale = min(width / drawing.width, height / drawing.height)
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
