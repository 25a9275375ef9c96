"""Bar charts and heat maps, placed mark by mark (see :mod:`briefing.charts.marks`).

The geometry is the chart's own, in points: margins from the widest label,
one row per label, ticks at round values.  Nothing is laid out automatically,
so the same spec always gives the same marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.charts.marks import Anchor, Box, Label, Line, Scene
from briefing.charts.style import GRID
from briefing.charts.text import (
    CAP,
    FS,
    FS_SMALL,
    LINE,
    below,
    clean,
    fit,
    fmt,
    middle,
    nice_ticks,
    spoken,
    width,
    wrap,
)
from briefing.colour import luminance
from briefing.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from briefing.charts.style import ChartStyle
    from briefing.model import ChartSpec

AXIS = 0.6  # axis, tick and grid line width, pt


def invalid(spec: ChartSpec, message: str) -> InputError:
    """The one-line error for a malformed ``spec``."""
    return InputError(f"chart '{spec.id}' ({spec.kind}): {message}")


def describe_bar(spec: ChartSpec) -> str:
    """The text alternative of a bar chart: its title, unit and every bar."""
    items = [f"{label} {spoken(row[0])}" for label, row in zip(spec.labels, spec.values, strict=False) if row]
    return f"{spec.title}, bar chart{' of ' + spec.unit if spec.unit else ''}: " + "; ".join(items) + "."


def describe_heatmap(spec: ChartSpec) -> str:
    """The text alternative of a heat map: its title and the cells that are not zero, row by row."""
    unit = f" {spec.unit}" if spec.unit else ""
    rows = []
    for label, row in zip(spec.labels, spec.values, strict=False):
        cells = [f"{series} {spoken(v)}" for series, v in zip(spec.series, row, strict=False) if v]
        rows.append(f"{label}: {', '.join(cells) or 'none'}")
    return f"{spec.title}, heat map of{unit or ' values'}: " + "; ".join(rows) + "."


def _row_labels(texts: list[str], limit: float, st: ChartStyle) -> tuple[list[list[str]], float]:
    """Row labels wrapped to two lines within ``limit``, and the width they take."""
    wrapped = [wrap(clean(t, st), limit, FS, st.font_regular, 2) for t in texts]
    used = max(width(line, st.font_regular, FS) for lines in wrapped for line in lines)
    return wrapped, used


def _stacked(scene: Scene, x: float, cy: float, lines: list[str], size: float, fill: str,
             anchor: Anchor = "end") -> None:
    """Lines of one label, centred as a block on ``cy``."""
    step = size * LINE
    first = cy + (len(lines) - 1) * step / 2
    for k, line in enumerate(lines):
        scene.add(Label(x, middle(first - k * step, size), line, size, fill, anchor))


def bar(spec: ChartSpec, w: float, h: float | None, st: ChartStyle) -> Scene:
    """Horizontal bars, labels top to bottom in the given order, values at the bar ends."""
    n = len(spec.labels)
    if n == 0 or len(spec.values) != n or any(not row for row in spec.values):
        raise invalid(spec, "needs one value per label")
    vals = [float(row[0]) for row in spec.values]
    reg = st.font_regular
    ink, muted = st.colour(st.ink), st.colour(st.muted)
    labels, label_w = _row_labels(spec.labels, 0.36 * w, st)
    lines = max(len(lines) for lines in labels)
    top, bottom = 4.0, (30.0 if spec.unit else 20.0)
    left, right = label_w + 10, 6.0
    h = h or top + bottom + n * max(18.0, lines * FS * LINE + 7)
    row = (h - top - bottom) / n
    x0, x1 = left, w - right
    plot = x1 - x0
    # Room for the value labels at the bar ends.
    texts = [fmt(v) for v in vals]
    need = min(0.45, (max(width(t, reg, FS_SMALL) for t in texts) + 8) / plot)
    hi, lo = max(0.0, *vals), min(0.0, *vals)
    ends = int(hi > 0 or lo == 0) + int(lo < 0)
    room = need * ((hi - lo) or 1.0) / (1 - need * ends)
    v0, v1 = (lo - room if lo < 0 else 0.0), (hi + room if hi > 0 or lo == 0 else 0.0)

    def at(v: float) -> float:
        return x0 + (v - v0) / (v1 - v0) * plot

    scene = Scene(w, h)
    y_top, y_axis = h - top, bottom
    ticks = [t for t in nice_ticks(v0, v1, 5, integer=all(v.is_integer() for v in vals))
             if v0 - 1e-9 <= t <= v1 + 1e-9]
    for t in ticks:  # grid behind the bars
        scene.add(Line(at(t), y_axis, at(t), y_top, st.colour(GRID), AXIS))
    for i, v in enumerate(vals):
        cy = y_top - (i + 0.5) * row
        a, b = sorted((at(0.0), at(v)))
        scene.add(Box(a, cy - 0.32 * row, b - a, 0.64 * row, st.colour(st.accent)))
    zero = at(0.0)
    scene.add(Line(x0, y_axis, x1, y_axis, muted, AXIS))
    if lo < 0:  # diverging bars: the zero line is the baseline
        scene.add(Line(zero, y_axis, zero, y_top, muted, AXIS))
    else:
        scene.add(Line(x0, y_axis, x0, y_top, muted, AXIS))
    for t in ticks:
        half = width(fmt(t), reg, FS_SMALL) / 2  # a wide last label stays inside the chart
        scene.add(Line(at(t), y_axis, at(t), y_axis - 3, muted, AXIS),
                  Label(min(at(t), w - half), below(y_axis - 6.5, FS_SMALL), fmt(t), FS_SMALL, ink, "middle"))
    for i, (v, text) in enumerate(zip(vals, texts, strict=True)):
        cy = middle(y_top - (i + 0.5) * row, FS_SMALL)
        scene.add(Label(at(v) + 3, cy, text, FS_SMALL, ink) if v >= 0
                  else Label(at(v) - 3, cy, text, FS_SMALL, ink, "end"))
    for i, lines_i in enumerate(labels):
        _stacked(scene, x0 - 5, y_top - (i + 0.5) * row, lines_i, FS, ink)
    if spec.unit:
        unit = fit(clean(spec.unit, st), w - 4, reg, FS_SMALL)
        scene.add(Label(x1, below(y_axis - 6.5 - FS_SMALL * LINE - 3, FS_SMALL), unit, FS_SMALL, muted, "end"))
    return scene


def _mix(light: str, dark: str, f: float) -> str:
    """The colour ``f`` of the way from ``light`` to ``dark`` (0 ≤ f ≤ 1)."""
    a = [int(light[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(dark[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(p + (q - p) * f):02x}" for p, q in zip(a, b, strict=True))


def heatmap(spec: ChartSpec, w: float, h: float | None, st: ChartStyle) -> Scene:
    """A labels × series grid, the number in each cell, darker for more."""
    n, m = len(spec.labels), len(spec.series)
    if n == 0 or m == 0 or len(spec.values) != n or any(len(r) != m for r in spec.values):
        raise invalid(spec, "needs one row of len(series) values per label")
    reg = st.font_regular
    ink, muted = st.colour(st.ink), st.colour(st.muted)
    labels, label_w = _row_labels(spec.labels, 0.32 * w, st)
    left, right = label_w + 10, 2.0
    col = (w - left - right) / m
    series = [clean(s, st) for s in spec.series]
    # Column heads wrap to three lines; a word wider than a column turns them.
    turn = any(width(word, reg, FS_SMALL) > col - 6 for s in series for word in s.split())
    if turn:
        heads = [[fit(s, 90.0, reg, FS_SMALL)] for s in series]
        top = max(width(s[0], reg, FS_SMALL) for s in heads) + 8
    else:
        heads = [wrap(s, col - 6, FS_SMALL, reg, 3) for s in series]
        top = max(len(s) for s in heads) * FS_SMALL * LINE + 8
    bottom = 2.0
    lines = max(len(lines) for lines in labels)
    h = h or top + bottom + n * max(20.0, lines * FS * LINE + 7)
    row = (h - top - bottom) / n
    y_top = h - top
    light = st.colour("#f4f6f8")
    accent = st.colour(st.accent)
    lo = min(0.0, min(min(r) for r in spec.values))
    hi = max(max(r) for r in spec.values) or 1.0
    scene = Scene(w, h)
    for i, values in enumerate(spec.values):
        for j, v in enumerate(values):
            f = min(1.0, max(0.0, (v - lo) / ((hi - lo) or 1.0)))
            fill = _mix(light, accent, f)
            x, y = left + j * col, y_top - (i + 1) * row
            scene.add(Box(x + 0.75, y + 0.75, col - 1.5, row - 1.5, fill))  # white gaps between cells
            dark = luminance(fill) / 255 < 0.55
            colour = "#ffffff" if dark else (muted if v == 0 else ink)
            scene.add(Label(x + col / 2, middle(y + row / 2, FS_SMALL), fmt(v), FS_SMALL, colour, "middle"))
    for i, lines_i in enumerate(labels):
        _stacked(scene, left - 4, y_top - (i + 0.5) * row, lines_i, FS, ink)
    for j, head in enumerate(heads):
        cx = left + (j + 0.5) * col
        if turn:
            scene.add(Label(cx + CAP * FS_SMALL / 2, y_top + 4, head[0], FS_SMALL, ink, turned=True))
            continue
        for k, line in enumerate(head):  # the last line sits just above the grid
            base = y_top + 4 + 0.25 * FS_SMALL + (len(head) - 1 - k) * FS_SMALL * LINE
            scene.add(Label(cx, base, line, FS_SMALL, ink, "middle"))
    return scene
