"""The timeline: dated events as flags on stems above one date axis.

``labels`` are ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``series``
the events' short texts.  Flags hang right of their stems and are staggered
upwards so that no stem ever crosses a label.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.charts.kinds import invalid
from briefing.charts.marks import Dot, Label, Line, Scene
from briefing.charts.text import FS_SMALL, LINE, below, clean, width, wrap

if TYPE_CHECKING:  # pragma: no cover
    from briefing.charts.style import ChartStyle
    from briefing.model import ChartSpec

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def year(iso: str) -> float:
    """A partial ISO date as a fractional year (start of the period)."""
    from datetime import date

    m = _DATE.match(iso.strip())
    if m is None:
        raise ValueError(iso)
    try:
        y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        day = date(y, mo, d).toordinal() - date(y, 1, 1).toordinal()
    except (TypeError, ValueError):
        raise ValueError(iso) from None
    return y + day / (date(y + 1, 1, 1).toordinal() - date(y, 1, 1).toordinal())


def levels(xs: list[float], widths: list[float], gap: float) -> list[int]:
    """Stagger levels (1 = lowest) of flags hanging right of their stems.

    From right to left, a flag goes one level above every later event that
    lies under it, so no stem ever crosses a label.
    """
    out = [0] * len(xs)
    for i in range(len(xs) - 1, -1, -1):
        under = [out[j] for j in range(i + 1, len(xs)) if xs[j] < xs[i] + widths[i] + gap]
        out[i] = 1 + max(under, default=0)
    return out


def time_ticks(lo: float, hi: float, w: float, years: bool) -> list[tuple[float, str]]:
    """Round ticks between fractional years ``lo`` and ``hi``: years, or quarters."""
    if hi - lo >= 2 or years:
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
                    if (hi - lo) / s <= w / 55)
        return [(y, str(y)) for y in range(int(lo) + 1, int(hi) + 1) if y % step == 0]
    quarters = [(year(f"{y}-{m:02d}"), f"{y}-{m:02d}")
                for y in range(int(lo), int(hi) + 1) for m in (1, 4, 7, 10)]
    return [(t, label) for t, label in quarters if lo <= t <= hi]


def timeline(spec: ChartSpec, w: float, h: float | None, st: ChartStyle) -> Scene:
    """Events on a time axis, each a stem with a flag (its date and text), flags staggered so that none overlap."""
    if not spec.labels:
        raise invalid(spec, "has no events")
    try:
        times = [year(s) for s in spec.labels]
    except ValueError as exc:
        raise invalid(spec, f"'{exc}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    reg, bold = st.font_regular, st.font_bold
    texts = [clean(spec.series[i], st) if i < len(spec.series) else "" for i in range(len(times))]
    events = sorted(
        (t, clean(spec.labels[i], st), wrap(texts[i], min(110.0, w / 3.5), FS_SMALL, reg, 3))
        for i, t in enumerate(times))
    widths = [max(width(d, bold, FS_SMALL), *(width(x, reg, FS_SMALL) for x in lines)) + 4
              for _, d, lines in events]
    margin, axis_y, lh = 6.0, 20.0, FS_SMALL * LINE
    block = (1 + max(len(lines) for *_, lines in events)) * lh
    t0, t1 = events[0][0], events[-1][0]
    if t1 - t0 < 1e-9:
        t0, t1 = t0 - 1, t1 + 1
    # Dates map to [x0, x1]; right of x1 stays room for the last flag.
    x0, x1 = margin + 4, max(w - margin - widths[-1], margin + 4 + 0.4 * w)
    per_pt = (t1 - t0) / (x1 - x0)
    xs = [x0 + (t - t0) / per_pt for t, *_ in events]
    lv = levels(xs, widths, gap=8.0)
    h = h or axis_y + 10 + max(lv) * (block + 6)
    step = (h - axis_y - 10) / max(lv)
    ink, muted, accent = st.colour(st.ink), st.colour(st.muted), st.colour(st.accent)
    scene = Scene(w, h)
    scene.add(Line(margin, axis_y, w - margin, axis_y, muted, 0.8))
    lo, hi = t0 - (x0 - margin) * per_pt, t0 + (w - margin - x0) * per_pt
    years = all(len(s.strip()) == 4 for s in spec.labels)
    for t, label in time_ticks(lo, hi, w, years):
        if t <= t1 + 1e-9:
            x = x0 + (t - t0) / per_pt
            scene.add(Line(x, axis_y - 3, x, axis_y, muted, 0.6),
                      Label(x, below(axis_y - 5, FS_SMALL), label, FS_SMALL, muted, "middle"))
    tops = [axis_y + 8 + (level - 1) * step + block for level in lv]
    for x, top_y in zip(xs, tops, strict=True):
        scene.add(Line(x, axis_y, x, top_y, muted, 0.5))
    for x in xs:
        scene.add(Dot(x, axis_y, 2.25, accent, "#ffffff", 0.8))
    for x, top_y, (_, date_text, lines) in zip(xs, tops, events, strict=True):
        scene.add(Label(x + 3, below(top_y, FS_SMALL), date_text, FS_SMALL, ink, bold=True))
        for k, line in enumerate(lines, start=1):
            scene.add(Label(x + 3, below(top_y - k * lh, FS_SMALL), line, FS_SMALL, ink))
    return scene


def describe(spec: ChartSpec) -> str:
    """The text alternative of a timeline: its title and every dated event."""
    events = [f"{date} {text}" for date, text in zip(spec.labels, spec.series, strict=False)]
    return f"{spec.title}: " + "; ".join(events) + "."
