"""Charts: each kind draws, text stays literal and inside the chart, every font
is embedded, output is deterministic, and pyplot never loads."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import charts
from briefing.errors import ConfigError, InputError
from briefing.model import ChartSpec
from tests.conftest import ROOT
from tests.pdftools import fonts

HOSTILE = ["$5 billion", "50%", "International Monetary Fund and World Bank Group",
           "Azərbaycan", "Россия", "x_1^2 $\\alpha$"]


def bar() -> ChartSpec:
    return ChartSpec(id="actors", kind="bar", title="Actors", caption="Mentions per actor",
                     labels=HOSTILE, values=[[42], [37], [12.5], [9], [5], [3]],
                     unit="mentions ($ and %)")


def heatmap() -> ChartSpec:
    return ChartSpec(
        id="heat", kind="heatmap", title="Actors by theme", caption="Mentions",
        labels=HOSTILE[:5],
        series=["Context", "Strategic partnership charter", "Energy: 50% of $5 billion"],
        values=[[3, 12, 0], [2, 10, 9], [0, 1, 0], [1, 0, 3], [0, 2, 6]],
    )


def timeline() -> ChartSpec:
    return ChartSpec(
        id="tl", kind="timeline", title="Timeline", caption="Dated events",
        labels=["1992", "1994-09", "2001-09-11", "2002", "2020", "2025-08-08"],
        series=["Section 907 of the Freedom Support Act", "Contract of the Century",
                "Attacks; Azərbaycan opens its airspace", "Section 907 waiver, $5 billion",
                "Second Karabakh war (Россия mediates)", "Washington summit: 50% tariff cut"],
    )


SPECS = [bar, heatmap, timeline]


def strings(d: object) -> list[object]:
    """Every ReportLab String in a drawing."""
    from reportlab.graphics.shapes import String

    found = []

    def walk(node: object) -> None:
        if isinstance(node, String):
            found.append(node)
        for child in getattr(node, "contents", []):
            walk(child)

    walk(d)
    return found


@pytest.mark.parametrize("make", SPECS)
def test_each_kind_draws_at_the_asked_width(make) -> None:
    spec = make()
    d = charts.drawing(spec, width_pt=451)
    assert d.width == pytest.approx(451)
    assert 60 < d.height < 400
    texts = {s.text for s in strings(d)}
    assert texts, "no text in the drawing"
    marks = charts.scene(spec, width_pt=300, height_pt=200)
    assert (marks.width, marks.height) == (300, 200)
    assert charts.drawing(spec, width_pt=300, height_pt=200).height == pytest.approx(200)


def big() -> ChartSpec:
    return ChartSpec(id="big", kind="bar", title="Output", caption="Barrels a day",
                     labels=["Oil", "Gas condensate"], values=[[1830000], [920000]], unit="barrels")


@pytest.mark.parametrize("make", [*SPECS, big])
@pytest.mark.parametrize("width", [451, 240])
def test_text_stays_inside_the_drawing(make, width: int) -> None:
    d = charts.drawing(make(), width_pt=width)
    x0, y0, x1, y1 = d.getBounds()  # includes every String at its font's width
    assert x0 >= -0.5 and y0 >= -0.5, (x0, y0)
    assert x1 <= d.width + 0.5 and y1 <= d.height + 0.5, (x1, y1, d.width, d.height)


def test_labels_are_literal_not_mathtext() -> None:
    texts = " ".join(s.text for s in strings(charts.drawing(bar(), width_pt=451)))
    for label in ("$5 billion", "50%", "Azərbaycan", "Россия", "x_1^2 $\\alpha$"):
        assert label in texts
    assert "mentions ($ and %)" in texts
    svg = charts.svg(heatmap(), width_pt=451).decode()
    assert "Energy: 50% of $5" in svg


def test_long_labels_wrap_or_end_in_an_ellipsis() -> None:
    texts = [s.text for s in strings(charts.drawing(bar(), width_pt=200))]
    assert "International Monetary Fund and World Bank Group" not in texts
    assert any(t.startswith("International") for t in texts)
    assert any(t.endswith("\u2026") for t in texts), texts


def test_labels_fall_back_to_a_font_with_the_glyphs() -> None:
    spec = bar().model_copy(update={"labels": ["Georgia ქართული", *HOSTILE[1:]]})
    found = {(s.text, s.fontName) for s in strings(charts.drawing(spec, width_pt=451))}
    texts = {t for t, _ in found}
    assert {"Georgia", "ქართული"} <= {t.strip() for t in texts}  # and no "Glyph missing" warning (warnings are errors)
    assert ("ქართული", "BriefingFallback-Georgian") in found


def test_chart_pdf_embeds_every_font_and_never_helvetica(tmp_path: Path) -> None:
    from reportlab.platypus import SimpleDocTemplate, Spacer

    story = []
    for make in SPECS:
        story += [charts.drawing(make(), width_pt=451), Spacer(1, 12)]
    path = tmp_path / "charts.pdf"
    SimpleDocTemplate(str(path), initialFontName=charts.REGULAR_FACE).build(story)
    found = fonts(path)
    assert any("NotoSans-Regular" in name for name in found), found
    assert any("NotoSans-Bold" in name for name in found), found  # timeline dates
    assert all(found.values()), found
    assert not any("Helvetica" in name for name in found), found


def test_drawing_alone_brings_no_helvetica(tmp_path: Path) -> None:
    # renderPDF opens the drawing with its initial font: it must be ours.
    from reportlab.graphics import renderPDF

    d = charts.drawing(timeline(), width_pt=451)
    assert d.initialFontName == charts.REGULAR_FACE
    assert {s.fontName for s in strings(d)} == {charts.REGULAR_FACE, charts.BOLD_FACE}
    path = tmp_path / "one.pdf"
    renderPDF.drawToFile(d, str(path), initialFontName=charts.REGULAR_FACE)
    assert not any("Helvetica" in name for name in fonts(path))


@pytest.mark.parametrize("make", SPECS)
def test_output_is_deterministic(make, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab import rl_config
    from reportlab.graphics import renderPDF

    spec = make()
    first = charts.svg(spec, width_pt=451)
    assert first == charts.svg(spec, width_pt=451)
    assert charts.png(spec, width_px=600) == charts.png(spec, width_px=600)
    monkeypatch.setattr(rl_config, "invariant", 1)
    pdfs = [renderPDF.drawToString(charts.drawing(spec, width_pt=451)) for _ in range(2)]
    assert pdfs[0] == pdfs[1]


def test_svg_bytes_do_not_depend_on_the_process() -> None:
    code = (
        "import hashlib\nfrom tests.charts.test_charts import SPECS\nfrom briefing import charts\n"
        "print(' '.join(hashlib.sha256(charts.svg(m(), width_pt=451)).hexdigest() for m in SPECS))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "123"})
    here = " ".join(hashlib.sha256(charts.svg(m(), width_pt=451)).hexdigest() for m in SPECS)
    assert out.stdout.split() == here.split()


def test_png_has_the_asked_width() -> None:
    data = charts.png(heatmap(), width_px=640)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 640
    assert b"Software" not in data


def test_pyplot_is_never_imported_and_rcparams_are_untouched() -> None:
    code = (
        "import sys, matplotlib\nfrom tests.charts.test_charts import SPECS\nfrom briefing import charts\n"
        "keys = [k for k in matplotlib.rcParams if k != 'backend']  # reading it loads pyplot\n"
        "before = {k: matplotlib.rcParams[k] for k in keys}\n"
        "for m in SPECS:\n    charts.drawing(m(), width_pt=451); charts.png(m(), width_px=300)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot'\n"
        "assert {k: matplotlib.rcParams[k] for k in keys} == before, 'rcParams changed'\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_importing_the_module_is_light() -> None:
    code = "import sys, briefing.charts\nprint(sorted(m for m in sys.modules if m.split('.')[0] in "
    code += "('matplotlib', 'reportlab', 'svglib', 'lxml', 'pydantic', 'numpy')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_height_follows_the_rows() -> None:
    few = charts.drawing(bar(), width_pt=451).height
    more = bar().model_copy(update={"labels": [f"Actor {i}" for i in range(12)],
                                    "values": [[i] for i in range(12)]})
    assert charts.drawing(more, width_pt=451).height > few


def test_grayscale_uses_only_greys() -> None:
    style = dataclasses.replace(charts.ChartStyle.default(), grayscale=True)
    for make in SPECS:
        svg = charts.svg(make(), width_pt=451, style=style).decode()
        colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", svg))
        assert colours and all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours


def test_negative_and_decimal_values_are_labelled() -> None:
    spec = ChartSpec(id="d", kind="bar", title="t", caption="c", labels=["a", "b", "c"],
                     values=[[2.35], [-1.2], [-14.5]], unit="%")
    texts = {s.text for s in strings(charts.drawing(spec, width_pt=300))}
    assert {"2.35", "-1.2", "-14.5"} <= texts


@pytest.mark.parametrize("width", [90, 140])
@pytest.mark.parametrize("make", SPECS)
def test_narrow_charts_still_draw(make, width: int) -> None:
    assert charts.drawing(make(), width_pt=width).width == pytest.approx(width)


@pytest.mark.parametrize("update, message", [
    ({"values": [[1]]}, "one value per label"),
    ({"kind": "heatmap", "series": ["a", "b"]}, "len(series)"),
    ({"kind": "timeline", "labels": ["1992", "last spring"]}, "not an ISO date"),
    ({"kind": "timeline", "labels": ["1992", "2023-02-30"]}, "'2023-02-30' is not an ISO date"),
    ({"values": [[1], [float("nan")]]}, "finite"),
])
def test_malformed_specs_are_input_errors(update: dict, message: str) -> None:
    spec = ChartSpec(id="x", kind="bar", title="t", caption="c", labels=["a", "b"],
                     values=[[1], [2]]).model_copy(update=update)
    with pytest.raises(InputError, match=re.escape(message)):
        charts.drawing(spec, width_pt=300)


def test_registering_fonts_twice_is_harmless_and_a_clash_is_loud() -> None:
    assert charts.register_rml_fonts() == ("BriefingSans", "BriefingSans-Bold")
    assert charts.register_rml_fonts() == ("BriefingSans", "BriefingSans-Bold")
    default = charts.ChartStyle.default()
    other = charts.ChartStyle(default.font_regular.with_name("NotoSans-Medium.ttf"),
                              default.font_bold)
    with pytest.raises(ConfigError, match="BriefingSans"):
        charts.register_rml_fonts(other)


def test_timeline_labels_never_overlap() -> None:
    from reportlab.graphics.shapes import Group, String

    spec = ChartSpec(id="t", kind="timeline", title="t", caption="c",
                     labels=[f"2020-{m:02d}" for m in range(1, 13)],
                     series=[f"Event number {m} in a busy year" for m in range(1, 13)])
    d = charts.drawing(spec, width_pt=451)
    boxes = []  # each svg <text> is a Group holding its String(s)

    def walk(node: object) -> None:
        for child in getattr(node, "contents", []):
            if isinstance(child, Group) and any(isinstance(c, String) for c in child.contents):
                boxes.append(child.getBounds())
            else:
                walk(child)

    walk(d)
    assert len(boxes) > 24
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            assert dx <= 0.5 or dy <= 0.5, (a, b)


def test_system_fonts_never_reach_a_chart() -> None:
    """The PNG draws each run with its own file, never one matplotlib finds on the machine."""
    from matplotlib import font_manager as fm

    from briefing.typography.fallback import fallbacks

    seen: list[object] = []
    original = fm.FontManager._find_fonts_by_props

    def spy(self, prop, *args, **kwargs):  # noqa: ANN001, ANN202 - matplotlib's signature
        seen.append(prop)
        return original(self, prop, *args, **kwargs)

    fm.FontManager._find_fonts_by_props = spy
    try:
        for make in SPECS:
            charts.png(make(), width_px=400)
    finally:
        fm.FontManager._find_fonts_by_props = original
    style = charts.ChartStyle.default()
    ours = {str(style.font_regular), str(style.font_bold)}
    ours |= {str(path) for fb in fallbacks() for path in (fb.regular, fb.bold)}
    files = {prop.get_file() for prop in seen}
    assert seen and files <= ours, files - ours


def test_the_three_renderings_show_the_same_text() -> None:
    """PDF strings, SVG text and the marks agree, label for label."""
    from lxml import etree

    for make in SPECS:
        spec = make()
        labels = [m.text for m in charts.scene(spec, width_pt=451).marks if hasattr(m, "text")]
        root = etree.fromstring(charts.svg(spec, width_pt=451))
        assert ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")] == labels
        drawn = "".join(s.text for s in strings(charts.drawing(spec, width_pt=451)))
        assert drawn == "".join(labels)


def test_png_shows_the_chart_inside_its_edges() -> None:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(charts.png(bar(), width_px=900))) as image:
        grey = image.convert("L")
        box = grey.point(lambda v: 255 if v < 200 else 0).getbbox()  # the ink
        assert box is not None
        left, top, right, bottom = box
        assert left > 10 and right < grey.width - 2 and top >= 0 and bottom <= grey.height
        assert grey.getpixel((grey.width // 2, 2)) > 240  # white, not transparent black


@pytest.mark.parametrize("lo, hi, integer, expected", [
    (0, 47.3, True, [0, 10, 20, 30, 40]),
    (0, 4.2, True, [0, 1, 2, 3, 4]),
    (0, 2.4, False, [0, 0.5, 1, 1.5, 2]),
    (-17.1, 3.2, False, [-15, -10, -5, 0]),
    (0, 1830, True, [0, 500, 1000, 1500]),
    (0, 0.9, True, [0]),
])
def test_ticks_are_round_and_inside(lo: float, hi: float, integer: bool, expected: list[float]) -> None:
    from briefing.charts.text import nice_ticks

    assert nice_ticks(lo, hi, 5, integer) == expected


def test_png_draws_the_marks_in_their_order() -> None:
    """Grid lines stay behind the bars in the PNG too (matplotlib would lift lines above boxes)."""
    import io

    from PIL import Image

    from briefing.charts.marks import Box, Line
    from briefing.charts.style import GRID

    spec, px = bar(), 900
    dpi = 200
    marks = charts.scene(spec, width_pt=px / dpi * 72)
    scale = px / marks.width
    grid = [m for m in marks.marks if isinstance(m, Line) and m.stroke == GRID and m.x0 > marks.marks[0].x0]
    box = next(m for m in marks.marks if isinstance(m, Box) and m.x + m.w > grid[0].x0 + 2)
    x, y = grid[0].x0 * scale, (marks.height - (box.y + box.h / 2)) * scale
    with Image.open(io.BytesIO(charts.png(spec, width_px=px, dpi=dpi))) as image:
        r, g, b = image.convert("RGB").getpixel((round(x), round(y)))
    assert abs(r - 0x1F) + abs(g - 0x3A) + abs(b - 0x5F) < 30, (r, g, b)
