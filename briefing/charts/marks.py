"""A chart as a list of marks in points, and the two vector renderings of it.

A chart kind (:mod:`briefing.charts.kinds`) places every mark itself: boxes,
lines, dots and one-line labels, with ``y`` growing upwards from the bottom
edge as in PDF.  The same scene becomes a ReportLab ``Drawing`` for the PDF
(:func:`to_drawing`), SVG for the HTML page (:func:`to_svg`) and a PNG for
email (:mod:`briefing.charts.raster`), so the three never drift apart.

A label's text is cut into font runs here (the chart font, or a bundled
fallback face for characters it lacks), each placed by its width.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from xml.sax.saxutils import escape

if TYPE_CHECKING:  # pragma: no cover
    from reportlab.graphics.shapes import Drawing

    from briefing.charts.style import ChartStyle
    from briefing.typography.fallback import Fallback


Anchor = Literal["start", "middle", "end"]  # where a label's (x, y) is along its baseline


@dataclass(frozen=True)
class Box:
    """A filled rectangle; ``(x, y)`` is its lower left corner."""

    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Line:
    """A straight line from ``(x0, y0)`` to ``(x1, y1)``."""

    x0: float
    y0: float
    x1: float
    y1: float
    stroke: str
    width: float


@dataclass(frozen=True)
class Dot:
    """A filled circle of radius ``r`` centred on ``(x, y)``, with an edge."""

    x: float
    y: float
    r: float
    fill: str
    edge: str
    edge_width: float


@dataclass(frozen=True)
class Label:
    """One line of text; ``(x, y)`` is where its baseline meets the anchor."""

    x: float
    y: float
    text: str
    size: float
    fill: str
    anchor: Anchor = "start"
    bold: bool = False
    turned: bool = False  # read bottom to top (rotated 90° anticlockwise)


Mark = Box | Line | Dot | Label


@dataclass
class Scene:
    """A chart of ``width`` by ``height`` points, its marks in drawing order."""

    width: float
    height: float
    marks: list[Mark] = field(default_factory=list)

    def add(self, *marks: Mark) -> None:
        """Draw ``marks`` after those already in the scene."""
        self.marks.extend(marks)


def placed(label: Label, style: ChartStyle) -> list[tuple[float, str, Fallback | None, float]]:
    """The label's font runs as ``(offset along the baseline, text, fallback or None, width)``."""
    from briefing.typography.fallback import measured_runs

    measured = measured_runs(label.text, style.font(label.bold), label.size, label.bold)
    total = sum(w for *_, w in measured)
    x = -total if label.anchor == "end" else -total / 2 if label.anchor == "middle" else 0.0
    out = []
    for fb, chunk, w in measured:
        out.append((x, chunk, fb, w))
        x += w
    return out


def to_drawing(scene: Scene, style: ChartStyle) -> Drawing:
    """The scene as a vector ReportLab Drawing; its strings use the style's faces."""
    from reportlab.graphics.shapes import Circle, Drawing, Group, Rect, String
    from reportlab.graphics.shapes import Line as RLine
    from reportlab.lib.colors import HexColor

    from briefing.charts.style import register_rml_fonts
    from briefing.typography.fallback import register_faces

    register_rml_fonts(style)
    colours: dict[str, Any] = {}

    def colour(value: str) -> Any:
        if value not in colours:
            colours[value] = HexColor(value)
        return colours[value]

    d = Drawing(scene.width, scene.height, initialFontName=style.face_regular, initialFontSize=8)  # else Helvetica
    used: set[Any] = set()
    for mark in scene.marks:
        if isinstance(mark, Box):
            box = Rect(mark.x, mark.y, mark.w, mark.h, fillColor=colour(mark.fill))
            box.strokeColor = None  # not a keyword: ReportLab's stubs type Rect's keywords wrongly
            d.add(box)
        elif isinstance(mark, Line):
            d.add(RLine(mark.x0, mark.y0, mark.x1, mark.y1, strokeColor=colour(mark.stroke),
                        strokeWidth=mark.width))
        elif isinstance(mark, Dot):
            d.add(Circle(mark.x, mark.y, mark.r, fillColor=colour(mark.fill),
                         strokeColor=colour(mark.edge), strokeWidth=mark.edge_width))
        else:
            group = Group()
            for x, chunk, fb, _w in placed(mark, style):
                if fb is not None:
                    used.add(fb)
                face = fb.face_for(mark.bold) if fb else (style.face_bold if mark.bold else style.face_regular)
                group.add(String(x, 0, chunk, fontName=face, fontSize=mark.size, fillColor=colour(mark.fill)))
            group.transform = (0, 1, -1, 0, mark.x, mark.y) if mark.turned else (1, 0, 0, 1, mark.x, mark.y)
            d.add(group)
    register_faces(sorted(used, key=lambda fb: fb.family))
    return d


def _n(value: float) -> str:
    """A coordinate in SVG: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def to_svg(scene: Scene, style: ChartStyle) -> bytes:
    """The scene as standalone SVG (sizes in points), text kept as text.

    The font is named once, on the root, so a page can give the chart its
    own font stack; browsers fall back per character themselves.
    """
    from briefing.typography.fallback import fallbacks

    h = scene.height
    names = (_family(style.font_regular), *(_family(fb.regular) for fb in fallbacks()))
    family = ", ".join("'" + escape(name.replace("'", ""), {'"': "&quot;"}) + "'" for name in dict.fromkeys(names))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(scene.width)}pt" height="{_n(h)}pt" '
        f'viewBox="0 0 {_n(scene.width)} {_n(h)}" version="1.1" '
        f'style="font-family: {family}, sans-serif">'
    ]
    for mark in scene.marks:
        if isinstance(mark, Box):
            out.append(f'<rect x="{_n(mark.x)}" y="{_n(h - mark.y - mark.h)}" width="{_n(mark.w)}" '
                       f'height="{_n(mark.h)}" fill="{mark.fill}"/>')
        elif isinstance(mark, Line):
            out.append(f'<line x1="{_n(mark.x0)}" y1="{_n(h - mark.y0)}" x2="{_n(mark.x1)}" '
                       f'y2="{_n(h - mark.y1)}" stroke="{mark.stroke}" stroke-width="{_n(mark.width)}"/>')
        elif isinstance(mark, Dot):
            out.append(f'<circle cx="{_n(mark.x)}" cy="{_n(h - mark.y)}" r="{_n(mark.r)}" fill="{mark.fill}" '
                       f'stroke="{mark.edge}" stroke-width="{_n(mark.edge_width)}"/>')
        else:
            x, y = _n(mark.x), _n(h - mark.y)
            turn = f' transform="rotate(-90 {x} {y})"' if mark.turned else ""
            weight = ' font-weight="bold"' if mark.bold else ""
            anchor = "" if mark.anchor == "start" else f' text-anchor="{mark.anchor}"'
            out.append(f'<text x="{x}" y="{y}" font-size="{_n(mark.size)}" fill="{mark.fill}"'
                       f'{weight}{anchor}{turn}>{escape(mark.text)}</text>')
    out.append("</svg>")
    return "\n".join(out).encode("utf-8")


def _family(path: Path) -> str:
    """The family name inside a TrueType file."""
    from briefing.typography.fallback import metrics

    name = metrics(str(path)).face.familyName
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)
