"""Charts: a :class:`~briefing.model.ChartSpec` drawn with matplotlib.

Three kinds: ``bar`` (horizontal bars, labels top to bottom in the given
order), ``heatmap`` (labels x series grid, numbers in the cells) and
``timeline`` (ISO dates in ``labels``, short event texts in ``series``).

The figure holds the plot only: the title, caption and source note of the
spec are set by the writer as document text.  matplotlib is used through its
object API (never ``pyplot``) inside an ``rc_context``, and is imported lazily.
For the PDF the figure goes to SVG with text kept as text
(``svg.fonttype = "none"``) and svglib turns it into a vector ReportLab
``Drawing`` whose strings use the embedded faces ``BriefingSans`` and
``BriefingSans-Bold`` (a private svglib font map sends every family to them
by weight; nothing maps to Helvetica).  Text is measured with the same TTFs
to wrap or cut labels with an ellipsis; a character the font lacks becomes
"?".  Output is deterministic: same spec, same bytes.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import ConfigError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from reportlab.graphics.shapes import Drawing

    from briefing.model import ChartSpec

__all__ = ["ChartStyle", "REGULAR_FACE", "BOLD_FACE", "figure", "svg", "drawing",
           "png", "register_rml_fonts"]

REGULAR_FACE = "BriefingSans"
BOLD_FACE = "BriefingSans-Bold"

FS = 8.0  # label size, pt
FS_SMALL = 7.0  # ticks, values, units
LINE = 1.2  # line spacing, in font sizes
GRID = "#e3e6ea"
_ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class ChartStyle:
    """Fonts and colours of a chart; ``grayscale`` draws it for mono print."""

    font_regular: Path
    font_bold: Path
    face_regular: str = REGULAR_FACE  # ReportLab face names of the two files
    face_bold: str = BOLD_FACE
    accent: str = "#1f3a5f"
    ink: str = "#222222"
    muted: str = "#6b7280"
    grayscale: bool = False

    @classmethod
    def default(cls) -> ChartStyle:
        """The bundled Noto Sans faces and the default colours."""
        from briefing.resources import font_path

        return cls(font_path("NotoSans-Regular.ttf"), font_path("NotoSans-Bold.ttf"))

    def colour(self, value: str) -> str:
        """``value`` as drawn: unchanged, or as its luminance grey."""
        if not self.grayscale:
            return value
        r, g, b = (int(value.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
        y = round(0.299 * r + 0.587 * g + 0.114 * b)
        return f"#{y:02x}{y:02x}{y:02x}"


@cache
def _mpl_fonts(regular: Path, bold: Path) -> tuple[str, int]:
    """Make matplotlib use *these* files; return (family, weight of bold)."""
    from matplotlib import font_manager as fm

    mgr = fm.fontManager
    ours = {str(regular), str(bold)}
    for path in sorted(ours - {e.fname for e in mgr.ttflist}):
        mgr.addfont(path)
    # System copies of the same family would tie and win: put ours first.
    mgr.ttflist.sort(key=lambda e: e.fname not in ours)
    mgr._findfont_cached.cache_clear()
    family = fm.ttfFontProperty(fm.get_font(str(regular))).name
    weight = fm.ttfFontProperty(fm.get_font(str(bold))).weight
    return family, int(weight)


@cache
def _mpl_fallbacks() -> tuple[str, ...]:
    """matplotlib family names of the bundled fallback fonts (per-glyph fallback)."""
    from matplotlib import font_manager as fm

    from briefing.writers.fallback import fallbacks

    names = []
    for fb in fallbacks():
        for path in (fb.regular, fb.bold):
            if str(path) not in {e.fname for e in fm.fontManager.ttflist}:
                fm.fontManager.addfont(str(path))
        names.append(fm.ttfFontProperty(fm.get_font(str(fb.regular))).name)
    fm.fontManager._findfont_cached.cache_clear()
    return tuple(dict.fromkeys(names))


@cache
def _metrics(path: Path) -> Any:
    """An unregistered ReportLab TTFont of ``path``, used to measure text."""
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(f"briefing-measure-{path.name}", str(path))


def _width(text: str, path: Path, size: float) -> float:
    """Advance width of one line of ``text`` in points, as ReportLab draws it (with fallback)."""
    from briefing.writers.fallback import string_width

    return string_width(text, path, size)


def register_rml_fonts(style: ChartStyle | None = None) -> tuple[str, str]:
    """Register the chart fonts with ReportLab as ``BriefingSans`` (-Bold).

    These are the face names the PDF writer registers too: registering the
    same files again is a no-op; a *different* file under the name is a
    configuration error (the chart would be measured with one font and drawn
    with another).  Returns the two face names.
    """
    from briefing.writers.fontcache import register, registered_file

    style = style or ChartStyle.default()
    for face, path in ((style.face_regular, style.font_regular), (style.face_bold, style.font_bold)):
        known = registered_file(face)
        if known is not None and Path(known).resolve() != Path(path).resolve():
            raise ConfigError(
                f"font '{face}' is registered from {known}, the chart style asks for {path}"
            )
        register(face, str(path))  # parsed once per process
    return style.face_regular, style.face_bold


@cache
def font_map(regular_face: str, bold_face: str) -> Any:
    """An svglib font map sending every family to our two faces, by weight."""
    from svglib.fonts import FontMap

    from briefing.writers.fallback import PREFIX as FALLBACK_PREFIX

    class _BriefingFontMap(FontMap):
        def find_font(
            self, font_name: str, weight: str = "normal", style: str = "normal"
        ) -> tuple[str, bool]:
            w = str(weight).strip().lower()
            bold = w in ("bold", "bolder") or (w.isdigit() and int(w) >= 600)
            name = font_name.strip().strip("'\"")
            if name.startswith(FALLBACK_PREFIX):  # a run split off by split_svg_text
                return name + ("-Bold" if bold else ""), True
            return (bold_face if bold else regular_face), True

    return _BriefingFontMap()


def _rc(style: ChartStyle) -> dict[str, Any]:
    family, _ = _mpl_fonts(style.font_regular, style.font_bold)
    ink, muted = style.colour(style.ink), style.colour(style.muted)
    return {
        "font.family": [family, *(f for f in _mpl_fallbacks() if f != family)], "font.size": FS, "text.parse_math": False,
        "text.color": ink, "axes.labelcolor": muted, "axes.edgecolor": muted,
        "axes.linewidth": 0.6, "xtick.color": muted, "ytick.color": muted,
        "xtick.labelcolor": ink, "ytick.labelcolor": ink,
        "xtick.labelsize": FS_SMALL, "ytick.labelsize": FS,
        "xtick.major.width": 0.6, "ytick.major.width": 0.6,
        "xtick.major.size": 3, "ytick.major.size": 0, "axes.unicode_minus": False,
        "figure.dpi": 72, "svg.fonttype": "none", "svg.hashsalt": "briefing-charts",
        "path.simplify": False, "axes.spines.top": False, "axes.spines.right": False,
    }


def _clean(text: str, style: ChartStyle) -> str:
    """One line of drawable text: whitespace collapsed, right-to-left text in visual
    order and joined forms, characters no font has -> U+FFFD (a visible replacement)."""
    from briefing.writers.bidi import visual_line
    from briefing.writers.fallback import REPLACEMENT, renderable

    line = visual_line(" ".join(str(text).split()))
    return "".join(c if renderable(c, (style.font_regular,)) else REPLACEMENT for c in line)


def _fit(line: str, limit: float, path: Path, size: float, force: bool = False) -> str:
    """``line``, or its longest prefix + '…' that fits in ``limit`` points."""
    if not force and _width(line, path, size) <= limit:
        return line
    while line and _width(line + _ELLIPSIS, path, size) > limit:
        line = line[:-1]
    return line.rstrip() + _ELLIPSIS


def _greedy(words: list[str], limit: float, size: float, path: Path) -> list[str]:
    lines: list[str] = []
    for word in words:
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and _width(trial, path, size) <= limit:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines or [""]


def _wrap(text: str, limit: float, size: float, path: Path, max_lines: int) -> list[str]:
    """Word-wrap ``text`` to ``limit`` points in balanced lines.

    At most ``max_lines`` lines; what does not fit ends in an ellipsis.
    """
    words = text.split()
    lines = _greedy(words, limit, size, path)
    if len(lines) > max_lines:  # the last line takes the rest, cut to fit
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], _fit(rest, limit, path, size, force=True)]
    elif len(lines) > 1:  # narrowest width giving as many lines
        lo, hi = limit / len(lines), limit
        for _ in range(8):
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if len(_greedy(words, mid, size, path)) == len(lines) else (mid, hi)
        lines = _greedy(words, hi, size, path)
    return [_fit(line, limit, path, size) for line in lines]


def _fmt(value: float) -> str:
    """A number as printed on a chart: thousands separated, few decimals."""
    v = float(value)
    if v.is_integer() or abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:,.{1 if abs(v) >= 10 else 2}f}".rstrip("0").rstrip(".")


def _invalid(spec: ChartSpec, message: str) -> InputError:
    return InputError(f"chart '{spec.id}' ({spec.kind}): {message}")


def _row_labels(texts: list[str], limit: float, st: ChartStyle) -> tuple[list[str], float]:
    """Row labels wrapped to two lines within ``limit``, and the width they take."""
    wrapped = [_wrap(_clean(t, st), limit, FS, st.font_regular, 2) for t in texts]
    width = max(_width(line, st.font_regular, FS) for lines in wrapped for line in lines)
    return ["\n".join(lines) for lines in wrapped], width


def _axes(fig: Figure, w: float, h: float, left: float, right: float,
          top: float, bottom: float) -> Axes:
    """Axes placed by margins in points (no automatic layout: stable, fast)."""
    return fig.add_axes((left / w, bottom / h, (w - left - right) / w, (h - top - bottom) / h))


def _bar(fig: Figure, spec: ChartSpec, w: float, h: float | None, st: ChartStyle) -> None:
    n = len(spec.labels)
    if n == 0 or len(spec.values) != n or any(not row for row in spec.values):
        raise _invalid(spec, "needs one value per label")
    vals = [float(row[0]) for row in spec.values]
    reg = st.font_regular
    labels, label_w = _row_labels(spec.labels, 0.36 * w, st)
    lines = max(s.count("\n") + 1 for s in labels)
    row = max(18.0, lines * FS * LINE + 7)
    top, bottom = 4.0, (30.0 if spec.unit else 20.0)
    left, right = label_w + 10, 6.0
    h = h or top + bottom + n * row
    fig.set_size_inches(w / 72, h / 72)
    ax = _axes(fig, w, h, left, right, top, bottom)
    ax.barh(range(n), vals, height=0.64, color=st.colour(st.accent), zorder=2)
    ax.set_yticks(range(n), labels)
    ax.set_ylim(n - 0.5, -0.5)
    # Room for the value labels at the bar ends.
    texts = [_fmt(v) for v in vals]
    need = min(0.45, (max(_width(t, reg, FS_SMALL) for t in texts) + 8) / (w - left - right))
    hi, lo = max(0.0, *vals), min(0.0, *vals)
    ends = int(hi > 0 or lo == 0) + int(lo < 0)
    room = need * ((hi - lo) or 1.0) / (1 - need * ends)
    ax.set_xlim(lo - room if lo < 0 else 0, hi + room if hi > 0 or lo == 0 else 0)
    for i, (v, t) in enumerate(zip(vals, texts)):
        ax.annotate(t, (v, i), xytext=(3 if v >= 0 else -3, 0), textcoords="offset points",
                    ha="left" if v >= 0 else "right", va="center", fontsize=FS_SMALL)
    ax.xaxis.grid(True, color=st.colour(GRID), linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.spines["left"].set_zorder(3)
    if lo < 0:  # diverging bars: the zero line is the baseline
        ax.spines["left"].set_visible(False)
        ax.axvline(0, color=st.colour(st.muted), linewidth=0.6, zorder=3)
    ax.tick_params(axis="y", length=0, pad=5)
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=all(v.is_integer() for v in vals)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _fmt(x)))
    if spec.unit:
        ax.set_xlabel(_clean(spec.unit, st), loc="right", fontsize=FS_SMALL, labelpad=3)


def _heatmap(fig: Figure, spec: ChartSpec, w: float, h: float | None, st: ChartStyle) -> None:
    n, m = len(spec.labels), len(spec.series)
    if n == 0 or m == 0 or len(spec.values) != n or any(len(r) != m for r in spec.values):
        raise _invalid(spec, "needs one row of len(series) values per label")
    from matplotlib.colors import LinearSegmentedColormap, Normalize

    reg = st.font_regular
    labels, label_w = _row_labels(spec.labels, 0.32 * w, st)
    left, right = label_w + 10, 2.0
    col_w = (w - left - right) / m
    series = [_clean(s, st) for s in spec.series]
    # Column heads wrap to three lines; a word wider than a column turns them.
    turn = any(_width(word, reg, FS_SMALL) > col_w - 6 for s in series for word in s.split())
    if turn:
        heads = [_fit(s, 90.0, reg, FS_SMALL) for s in series]
        top = max(_width(s, reg, FS_SMALL) for s in heads) + 8
    else:
        heads = ["\n".join(_wrap(s, col_w - 6, FS_SMALL, reg, 3)) for s in series]
        top = max(s.count("\n") + 1 for s in heads) * FS_SMALL * LINE + 8
    bottom = 2.0
    lines = max(s.count("\n") + 1 for s in labels)
    row = max(20.0, lines * FS * LINE + 7)
    h = h or top + bottom + n * row
    fig.set_size_inches(w / 72, h / 72)
    ax = _axes(fig, w, h, left, right, top, bottom)
    light = "#f4f6f8" if not st.grayscale else "#f4f4f4"
    cmap = LinearSegmentedColormap.from_list("briefing", [light, st.colour(st.accent)])
    hi = max(max(r) for r in spec.values) or 1.0
    norm = Normalize(vmin=min(0.0, min(min(r) for r in spec.values)), vmax=hi)
    ax.pcolormesh(spec.values, cmap=cmap, norm=norm, edgecolors="white", linewidth=1.5)
    ax.set_xlim(0, m)
    ax.set_ylim(n, 0)
    ax.set_yticks([i + 0.5 for i in range(n)], labels)
    ax.set_xticks([j + 0.5 for j in range(m)], heads, rotation=90 if turn else 0)
    ax.xaxis.tick_top()
    ax.tick_params(length=0, pad=4)
    ax.tick_params(axis="x", labelcolor=st.colour(st.ink))
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    for i, values in enumerate(spec.values):
        for j, v in enumerate(values):  # white on dark cells, muted zeros
            red, green, blue, _ = cmap(norm(v))
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.55
            colour = "white" if dark else st.colour(st.muted if v == 0 else st.ink)
            ax.text(j + 0.5, i + 0.5, _fmt(v), ha="center", va="center",
                    fontsize=FS_SMALL, color=colour)


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _year(iso: str) -> float:
    """A partial ISO date as a fractional year (start of the period)."""
    from datetime import date

    m = _DATE.match(iso.strip())
    try:
        y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)  # type: ignore[index]
        day = date(y, mo, d).toordinal() - date(y, 1, 1).toordinal()
    except (TypeError, ValueError):
        raise ValueError(iso) from None
    return y + day / (date(y + 1, 1, 1).toordinal() - date(y, 1, 1).toordinal())


def _levels(xs: list[float], widths: list[float], gap: float) -> list[int]:
    """Stagger levels (1 = lowest) of flags hanging right of their stems.

    From right to left, a flag goes one level above every later event that
    lies under it, so no stem ever crosses a label.
    """
    levels = [0] * len(xs)
    for i in range(len(xs) - 1, -1, -1):
        under = [levels[j] for j in range(i + 1, len(xs)) if xs[j] < xs[i] + widths[i] + gap]
        levels[i] = 1 + max(under, default=0)
    return levels


def _time_ticks(lo: float, hi: float, w: float, years: bool) -> list[tuple[float, str]]:
    """Round ticks between fractional years ``lo`` and ``hi``: years, or quarters."""
    if hi - lo >= 2 or years:
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
                    if (hi - lo) / s <= w / 55)
        return [(y, str(y)) for y in range(int(lo) + 1, int(hi) + 1) if y % step == 0]
    quarters = [(_year(f"{y}-{m:02d}"), f"{y}-{m:02d}")
                for y in range(int(lo), int(hi) + 1) for m in (1, 4, 7, 10)]
    return [(t, label) for t, label in quarters if lo <= t <= hi]


def _timeline(fig: Figure, spec: ChartSpec, w: float, h: float | None, st: ChartStyle) -> None:
    if not spec.labels:
        raise _invalid(spec, "has no events")
    try:
        times = [_year(s) for s in spec.labels]
    except ValueError as exc:
        raise _invalid(spec, f"'{exc}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    reg, bold = st.font_regular, st.font_bold
    texts = [_clean(spec.series[i], st) if i < len(spec.series) else "" for i in range(len(times))]
    events = sorted(
        (t, _clean(spec.labels[i], st), _wrap(texts[i], min(110.0, w / 3.5), FS_SMALL, reg, 3))
        for i, t in enumerate(times))
    widths = [max(_width(d, bold, FS_SMALL), *(_width(x, reg, FS_SMALL) for x in lines)) + 4
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
    levels = _levels(xs, widths, gap=8.0)
    h = h or axis_y + 10 + max(levels) * (block + 6)
    step = (h - axis_y - 10) / max(levels)
    fig.set_size_inches(w / 72, h / 72)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, w)
    ax.set_ylim(0, h)
    ax.set_axis_off()
    ink, muted, accent = st.colour(st.ink), st.colour(st.muted), st.colour(st.accent)
    ax.plot([margin, w - margin], [axis_y, axis_y], color=muted, linewidth=0.8)
    lo, hi = t0 - (x0 - margin) * per_pt, t0 + (w - margin - x0) * per_pt
    years = all(len(s.strip()) == 4 for s in spec.labels)
    ticks = [(t, s) for t, s in _time_ticks(lo, hi, w, years) if t <= t1 + 1e-9]
    tx = [x0 + (t - t0) / per_pt for t, _ in ticks]
    ax.vlines(tx, axis_y - 3, axis_y, color=muted, linewidth=0.6)
    for x, (_, label) in zip(tx, ticks):
        ax.text(x, axis_y - 5, label, ha="center", va="top", fontsize=FS_SMALL, color=muted)
    tops = [axis_y + 8 + (level - 1) * step + block for level in levels]
    ax.vlines(xs, axis_y, tops, color=muted, linewidth=0.5, zorder=1)
    ax.plot(xs, [axis_y] * len(xs), linestyle="none", marker="o", markersize=4.5, color=accent,
            markeredgecolor="white", markeredgewidth=0.8, zorder=3)
    _, bold_weight = _mpl_fonts(reg, bold)
    for x, top_y, (_, date_text, lines) in zip(xs, tops, events):
        ax.text(x + 3, top_y, date_text, ha="left", va="top", fontsize=FS_SMALL,
                fontweight=bold_weight, color=ink)
        for k, line in enumerate(lines, start=1):  # one Text a line: exact leading
            ax.text(x + 3, top_y - k * lh, line, ha="left", va="top", fontsize=FS_SMALL, color=ink)


_KINDS = {"bar": _bar, "heatmap": _heatmap, "timeline": _timeline}


@contextmanager
def _only_known_fonts(style: ChartStyle) -> Iterator[None]:
    """While a chart is drawn, matplotlib chooses among known fonts only.

    Those are the style's two files, the bundled fallbacks and matplotlib's
    own fonts, never the machine's: the chart is measured the same way
    everywhere.  It is also faster.  matplotlib scores every font it knows
    for each new text property, which took 0.13 s per property and about 2 s
    per process on a machine with 3,400 system fonts.  The list and
    matplotlib's lookup cache are restored afterwards.
    """
    from matplotlib import font_manager as fm

    manager = fm.fontManager
    known = _known_font_files(style.font_regular, style.font_bold)
    saved = manager.ttflist
    manager.ttflist = [entry for entry in saved if entry.fname in known or entry.fname.startswith(_mpl_font_dir())]
    manager._findfont_cached.cache_clear()  # noqa: SLF001 - results must not outlive the shorter list
    try:
        yield
    finally:
        manager.ttflist = saved
        manager._findfont_cached.cache_clear()  # noqa: SLF001


@cache
def _mpl_font_dir() -> str:
    """Where matplotlib keeps the fonts it ships (DejaVu, its last resort)."""
    import os

    import matplotlib

    return os.path.join(matplotlib.get_data_path(), "fonts", "")


@cache
def _known_font_files(regular: Path, bold: Path) -> frozenset[str]:
    from briefing.writers.fallback import fallbacks

    _mpl_fonts(regular, bold)  # registered with matplotlib
    _mpl_fallbacks()
    files = {str(regular), str(bold)}
    files.update(str(path) for fb in fallbacks() for path in (fb.regular, fb.bold))
    return frozenset(files)


def figure(spec: ChartSpec, *, width_pt: float, height_pt: float | None = None,
           style: ChartStyle | None = None) -> Figure:
    """Draw ``spec`` as a matplotlib Figure ``width_pt`` points wide.

    The height is derived from the number of rows unless ``height_pt`` is
    given.  Save it through :func:`svg` or :func:`png` (they apply the same
    rc settings), not with a bare ``savefig``.
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    style = style or ChartStyle.default()
    if spec.kind not in _KINDS:
        raise _invalid(spec, "unknown chart kind")
    if not all(math.isfinite(v) for row in spec.values for v in row):
        raise _invalid(spec, "values must be finite numbers")
    with rc_context(_rc(style)), _only_known_fonts(style):
        fig = Figure(figsize=(width_pt / 72, (height_pt or 100) / 72), dpi=72)
        fig.patch.set_alpha(0)
        _KINDS[spec.kind](fig, spec, float(width_pt), height_pt, style)
        for ax in fig.axes:  # the first tick is the model of later ones
            ax.xaxis.get_major_ticks(1), ax.yaxis.get_major_ticks(1)
    return fig


def _save(fig: Figure, style: ChartStyle, **kwargs: Any) -> bytes:
    from matplotlib import rc_context

    buf = io.BytesIO()
    with rc_context(_rc(style)), _only_known_fonts(style):  # fonttype, hashsalt, lazily made ticks
        fig.savefig(buf, **kwargs)
    return buf.getvalue()


def svg(spec: ChartSpec, *, width_pt: float, height_pt: float | None = None,
        style: ChartStyle | None = None) -> bytes:
    """The chart as deterministic SVG bytes, text kept as text."""
    style = style or ChartStyle.default()
    fig = figure(spec, width_pt=width_pt, height_pt=height_pt, style=style)
    return _save(fig, style, format="svg", metadata={"Date": None, "Creator": None})


def _lean(data: bytes, style: ChartStyle | None = None) -> bytes:
    """The SVG without what svglib is slow on and our charts do not need.

    Drops metadata, clip paths (every mark lies inside its axes) and the
    attribute-less ``<g id=...>`` wrappers matplotlib puts around each artist:
    this halves svglib's time and changes nothing drawn.
    """
    from lxml import etree

    ns = "{http://www.w3.org/2000/svg}"
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    for node in list(root.iter(f"{ns}metadata", f"{ns}clipPath")):
        node.getparent().remove(node)
    for node in root.iter():
        node.attrib.pop("clip-path", None)
        if node.get("transform", "").startswith("rotate(-0 "):
            del node.attrib["transform"]
    for g in list(root.iter(f"{ns}g")):
        parent = g.getparent()
        if parent is not None and set(g.attrib) <= {"id"}:
            index = parent.index(g)
            parent[index : index + 1] = list(g)
    if style is not None:  # text runs the chart font lacks: one <text> per fallback run
        from briefing.writers.fallback import split_svg_text

        split_svg_text(root, style.font_regular, style.font_bold)
    return bytes(etree.tostring(root))


def drawing(spec: ChartSpec, *, width_pt: float, height_pt: float | None = None,
            style: ChartStyle | None = None) -> Drawing:
    """The chart as a vector ReportLab Drawing ``width_pt`` points wide.

    Its strings use the faces ``BriefingSans`` / ``BriefingSans-Bold``,
    registered here if the PDF writer has not done so yet.
    """
    from svglib.svglib import svg2rlg

    style = style or ChartStyle.default()
    from briefing.writers.fallback import fallbacks, register_faces

    register_rml_fonts(style)
    data = _lean(svg(spec, width_pt=width_pt, height_pt=height_pt, style=style), style)
    register_faces([fb for fb in fallbacks() if f"'{fb.face}'".encode() in data])  # the runs split_svg_text made
    d = svg2rlg(io.BytesIO(data), font_map=font_map(style.face_regular, style.face_bold))
    if d is None:  # pragma: no cover - our own SVG always parses
        raise RuntimeError(f"chart '{spec.id}': svglib could not read the SVG")
    d.initialFontName, d.initialFontSize = style.face_regular, FS  # else Helvetica
    scale = width_pt / d.width
    if abs(scale - 1) > 1e-6:
        d.scale(scale, scale)
        d.width, d.height = d.width * scale, d.height * scale
    return d


def png(spec: ChartSpec, *, width_px: int, dpi: int = 200,
        style: ChartStyle | None = None) -> bytes:
    """The chart as deterministic PNG bytes ``width_px`` pixels wide (for HTML)."""
    style = style or ChartStyle.default()
    fig = figure(spec, width_pt=width_px / dpi * 72, style=style)
    return _save(fig, style, format="png", dpi=dpi, facecolor="white",
                 metadata={"Software": None})
