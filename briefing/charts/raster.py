"""A chart scene as PNG, for email clients (they show no SVG), drawn by matplotlib's Agg.

Only this path imports matplotlib, lazily, through its object API (never
``pyplot``).  Marks are placed in points exactly as in the PDF; each font run
of a label is drawn with its own file, so no font lookup happens and the
machine's fonts never matter.  Same scene, same bytes.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.charts.marks import Box, Dot, Label, Line, Scene, placed

if TYPE_CHECKING:  # pragma: no cover
    from briefing.charts.style import ChartStyle


@cache
def _font(path: Path, size: float) -> Any:
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(path), size=size)


def to_png(scene: Scene, style: ChartStyle, *, width_px: int) -> bytes:
    """The scene as PNG bytes ``width_px`` pixels wide on white."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, Rectangle
    from matplotlib.transforms import Affine2D

    dpi = width_px / scene.width * 72
    fig = Figure(figsize=(scene.width / 72, scene.height / 72), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    points = Affine2D().scale(1 / 72) + fig.dpi_scale_trans
    for z, mark in enumerate(scene.marks):  # z: matplotlib would put lines above boxes
        if isinstance(mark, Box):
            fig.add_artist(Rectangle((mark.x, mark.y), mark.w, mark.h, transform=points,
                                     facecolor=mark.fill, edgecolor="none", linewidth=0, zorder=z))
        elif isinstance(mark, Line):
            fig.add_artist(Line2D([mark.x0, mark.x1], [mark.y0, mark.y1], transform=points,
                                  color=mark.stroke, linewidth=mark.width, solid_capstyle="butt", zorder=z))
        elif isinstance(mark, Dot):
            fig.add_artist(Circle((mark.x, mark.y), mark.r, transform=points, facecolor=mark.fill,
                                  edgecolor=mark.edge, linewidth=mark.edge_width, zorder=z))
        elif isinstance(mark, Label):
            for offset, chunk, fb, _w in placed(mark, style):
                path = fb.path_for(mark.bold) if fb else style.font(mark.bold)
                x, y = (mark.x, mark.y + offset) if mark.turned else (mark.x + offset, mark.y)
                fig.text(x, y, chunk, transform=points, fontproperties=_font(path, mark.size),
                         color=mark.fill, ha="left", va="baseline", rotation=90 if mark.turned else 0,
                         rotation_mode="anchor", parse_math=False, zorder=z)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return out.getvalue()
