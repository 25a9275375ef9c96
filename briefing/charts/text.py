"""Text on a chart: one clean line, measured with the chart's own fonts, wrapped or cut.

Widths come from the TrueType files the PDF embeds (with the bundled
fallback faces for characters the chart font lacks), so a label that fits
here fits when drawn.  Positions on a chart are baselines: :func:`middle`
and :func:`below` turn a line's centre or top into its baseline.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from briefing.charts.style import ChartStyle

FS = 8.0  # label size, pt
FS_SMALL = 7.0  # ticks, values, units
LINE = 1.2  # line spacing, in font sizes
CAP = 0.714  # cap height of the bundled sans, in font sizes
ASCENT = 0.76  # top of tall letters above the baseline, in font sizes
ELLIPSIS = "\u2026"


def middle(y: float, size: float) -> float:
    """The baseline that centres capitals on ``y``."""
    return y - CAP * size / 2


def below(y: float, size: float) -> float:
    """The baseline of a line whose tall letters reach up to ``y``."""
    return y - ASCENT * size


def clean(text: str, style: ChartStyle) -> str:
    """One line of drawable text: whitespace collapsed, right-to-left text in visual order and joined forms.

    Characters no font has become U+FFFD (a visible replacement).
    """
    from briefing.typography.bidi import visual_line
    from briefing.typography.fallback import REPLACEMENT, renderable

    line = visual_line(" ".join(str(text).split()))
    return "".join(c if renderable(c, (style.font_regular,)) else REPLACEMENT for c in line)


def width(text: str, path: Path, size: float) -> float:
    """Advance width of one line of ``text`` in points, as drawn (with fallback)."""
    from briefing.typography.fallback import string_width

    return string_width(text, path, size)


def fit(line: str, limit: float, path: Path, size: float, force: bool = False) -> str:
    """``line``, or its longest prefix + '…' that fits in ``limit`` points."""
    if not force and width(line, path, size) <= limit:
        return line
    while line and width(line + ELLIPSIS, path, size) > limit:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def _greedy(words: list[str], limit: float, size: float, path: Path) -> list[str]:
    lines: list[str] = []
    for word in words:
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and width(trial, path, size) <= limit:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines or [""]


def wrap(text: str, limit: float, size: float, path: Path, max_lines: int) -> list[str]:
    """Word-wrap ``text`` to ``limit`` points in balanced lines.

    At most ``max_lines`` lines; what does not fit ends in an ellipsis.
    """
    words = text.split()
    lines = _greedy(words, limit, size, path)
    if len(lines) > max_lines:  # the last line takes the rest, cut to fit
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], fit(rest, limit, path, size, force=True)]
    elif len(lines) > 1:  # narrowest width giving as many lines
        lo, hi = limit / len(lines), limit
        for _ in range(8):
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if len(_greedy(words, mid, size, path)) == len(lines) else (mid, hi)
        lines = _greedy(words, hi, size, path)
    return [fit(line, limit, path, size) for line in lines]


def fmt(value: float) -> str:
    """A number as printed on a chart: thousands separated, few decimals."""
    v = float(value)
    if v.is_integer() or abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:,.{1 if abs(v) >= 10 else 2}f}".rstrip("0").rstrip(".")


def nice_ticks(lo: float, hi: float, most: int = 5, integer: bool = False) -> list[float]:
    """Round tick values inside [lo, hi]: at most ``most`` intervals.

    The step is the finest of 1, 2, 2.5, 3, 5 or 6 × 10^k that keeps to it
    (2.5 never for counts).
    """
    span = hi - lo
    if not span > 0:
        return [lo]
    steps = (1.0, 2.0, 3.0, 5.0, 6.0, 10.0) if integer else (1.0, 2.0, 2.5, 3.0, 5.0, 6.0, 10.0)
    scale = 10.0 ** math.floor(math.log10(span / most))
    step = next((s * scale for s in steps if span / (s * scale) <= most), 10 * scale)
    if integer:
        step = max(1.0, round(step))
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + step * 1e-9:
        ticks.append(round(k * step, 10) + 0.0)  # + 0.0: never "-0"
        k += 1
    return ticks


def spoken(value: float) -> str:
    """A chart value in words: thousands separated, at most two decimals."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
