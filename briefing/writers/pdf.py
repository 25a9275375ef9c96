"""Brief → PDF: Jinja2 renders RML, z3c.rml lays it out with ReportLab.

The template owns the layout; this module only prepares what the template
needs (page geometry, registered font names, chart drawings), makes z3c.rml
strict about unknown tags, sets the document metadata and writes the file
atomically.  ReportLab's invariant mode makes the bytes reproducible.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.config import Style, load_style
from briefing.errors import TemplateError
from briefing.model import Brief, ChartSpec
from briefing.writers import write_atomically
from briefing.writers.templating import render_template, template_folder

MM = 72 / 25.4
FONT_TEXT = "BriefingSerif-"
FONT_HEADING = "BriefingSans-"


@dataclass(frozen=True)
class Page:
    """Page geometry in points, as templates see it."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    band: float  # height of the masthead band on the first page
    masthead: float  # room the masthead takes above the first frame
    mirrored: bool = False  # True with a binding margin: even pages swap left and right

    @property
    def frame_width(self) -> float:
        """Width of the text frame: the page less its side margins."""
        return round(self.width - self.left - self.right, 2)



@dataclass(frozen=True)
class Chart:
    """A chart as templates see it: its spec and the height it will take."""

    spec: ChartSpec
    height: float


def page_geometry(style: Style) -> Page:
    """Page size, margins and masthead room of ``style``, in points."""
    width, height = style.page_size
    m = style.margins
    band = 24 * MM
    return Page(
        width=round(width, 3),
        height=round(height, 3),
        left=round((m.inner + m.binding) * MM, 2),
        right=round(m.outer * MM, 2),
        top=round(m.top * MM, 2),
        bottom=round(m.bottom * MM, 2),
        band=round(band, 2),
        masthead=round(band - m.top * MM + 6 * MM, 2) if band + 6 * MM > m.top * MM else 0.0,
        mirrored=m.binding > 0,
    )


def print_ready(style: Style) -> Style:
    """``style`` as it is laid out: in gray tones when it asks for grayscale.

    Each colour becomes the gray of its luminance (ITU-R BT.601), so the
    accent stays darker than the rules and tints, as on screen.
    """
    if not style.grayscale:
        return style

    def gray(value: str) -> str:
        r, g, b = (int(value[i:i + 2], 16) for i in (1, 3, 5))
        level = round(0.299 * r + 0.587 * g + 0.114 * b)
        return f"#{level:02x}{level:02x}{level:02x}"

    colours = style.colours.model_copy(update={k: gray(v) for k, v in style.colours.model_dump().items()})
    return style.model_copy(update={"colours": colours})


def _drawings(brief: Brief, style: Style, width: float, max_height: float) -> tuple[dict[str, Any], list[Chart]]:
    from briefing.compose.chartspecs import refresh

    specs = refresh(brief, style.language)
    if not specs:
        return {}, []
    from briefing.charts import ChartStyle, drawing

    faces = face_names(style)
    chart_style = ChartStyle.of(style, face_regular=faces["heading"], face_bold=faces["heading"] + "-Bold")
    cache: dict[tuple[str, float], Any] = {}

    def make(spec: ChartSpec, fraction: float = 1.0) -> Any:
        """The chart drawn at ``fraction`` of the text width (drawn once)."""
        key = (spec.id, round(fraction, 3))
        if key not in cache:
            chart = drawing(spec, width_pt=width * fraction, style=chart_style)
            if chart.height > max_height:  # many events or themes: never taller than half a page
                chart = drawing(spec, width_pt=width * fraction, height_pt=max_height, style=chart_style)
            cache[key] = chart
        return cache[key]

    drawings: dict[str, Any] = {}
    charts = []
    for spec in specs:
        drawings[spec.id] = partial(make, spec)
        charts.append(Chart(spec=spec, height=make(spec).height))
    return drawings, charts


def face_names(style: Style) -> dict[str, str]:
    """ReportLab face names for the style's text and heading families.

    The names carry a digest of the font files, so two house styles with
    different fonts never meet under one name in ReportLab's global registry.
    """
    import hashlib

    def name(prefix: str, face: Any) -> str:
        digest = hashlib.sha256("\0".join(str(p) for _, p in face).encode()).hexdigest()[:8]
        return f"{prefix}{digest}"

    return {"text": name(FONT_TEXT, style.fonts.text), "heading": name(FONT_HEADING, style.fonts.heading)}


def _canvas_class(keywords: str, initial_font: str, verso_shift: float = 0.0, attachment: bytes = b"") -> type:
    from reportlab.pdfgen.canvas import Canvas

    from briefing.writers.attach import embed

    class BriefCanvas(Canvas):  # type: ignore[misc]
        """A canvas that records the brief's keywords, mirrors even pages and embeds the brief.

        With a binding margin every page is laid out for a recto (binding
        on the left); each even page is moved left by ``verso_shift`` as a
        whole, header and footer included, so its binding is on the right.
        One transform per page, instead of alternating page templates.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The canvas would otherwise open every page with Helvetica,
            # a font that is never embedded.
            kwargs["initialFontName"] = initial_font
            super().__init__(*args, **kwargs)
            self.setKeywords(keywords)

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            super().showPage()
            self._untouched: list[str] | None = None
            if verso_shift and self.getPageNumber() % 2 == 0:
                self.translate(-verso_shift, 0)
                self._untouched = list(self._code)

        def save(self) -> None:
            # The shift must not turn the page after the last into a blank page.
            if getattr(self, "_untouched", None) is not None and self._code == self._untouched:
                self._code.clear()
            if attachment:
                embed(self, attachment)  # the brief itself, as brief.json
            super().save()

        def setKeywords(self, value: Any) -> None:  # noqa: N802 - ReportLab's name
            # The doc template resets keywords to "" after creating the canvas.
            super().setKeywords(value or keywords)

    return BriefCanvas


def keywords(brief: Brief) -> str:
    """Keywords for the PDF metadata: theme labels and the main actors."""
    words = [t.label for t in brief.themes if t.kind != "context"]
    words += [a.name for a in brief.actors[:6]]
    return ", ".join(dict.fromkeys(words))


def _rml(brief: Brief, style: Style, page: Page, charts: list[Chart], folder: Path, fit: int = 0) -> str:
    from briefing.labels import labels
    from briefing.writers.views import glance

    context = {
        "brief": brief,
        "style": style,
        "labels": labels(style.language),
        "language": style.language,
        "glance": glance(brief),
        "page": page,
        "fonts": face_names(style),
        "charts": charts,
        "anchors": {f"src-{i}-p{e.paragraph}" for i, s in enumerate(brief.sources, 1) for e in s.excerpts},
        "version": __version__,
        "fit": fit,
    }
    return render_template(folder, context)


@dataclass(frozen=True)
class Fit:
    """A template's page limit (``template.yaml``): ``pages`` at most, tried
    at ``levels`` levels of shortening (the template reads ``fit``)."""

    pages: int | None = None
    levels: int = 1


def template_fit(folder: Path) -> Fit:
    """The page limit a template folder declares in ``template.yaml``, if any."""
    file = folder / "template.yaml"
    if not file.is_file():
        return Fit()
    import yaml

    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        pages, levels = data.get("pages"), int(data.get("fit_levels", 1))
    except (yaml.YAMLError, AttributeError, TypeError, ValueError) as exc:
        raise TemplateError(f"{file}: expected 'pages' and 'fit_levels' numbers ({_one_line(exc)})") from None
    if pages is not None and (not isinstance(pages, int) or pages < 1) or not 1 <= levels <= 50:
        raise TemplateError(f"{file}: 'pages' must be a positive whole number and 'fit_levels' 1 to 50")
    return Fit(pages=pages, levels=levels)


def pdf_bytes(
    brief: Brief,
    *,
    template: str | Path | None = None,
    style: Style | None = None,
    warn: Callable[[str], None] | None = None,
) -> bytes:
    """Lay out ``brief`` and return the PDF bytes.

    Characters the house fonts cannot draw are named in a note of the brief
    (and passed to ``warn``) instead of vanishing silently.
    """
    from briefing.writers import glyphs

    style = print_ready(style or load_style())
    lacking = glyphs.missing(brief, [style.fonts.text.regular, style.fonts.heading.regular])
    if lacking:
        note = glyphs.describe(lacking)
        brief = brief.model_copy(update={"notes": [*brief.notes, note]})
        if warn is not None:
            warn(note)
    page = page_geometry(style)
    drawings, charts = _drawings(brief, style, page.frame_width, (page.height - page.top - page.bottom) * 0.55)
    folder = template_folder(template)
    fit = template_fit(folder)
    from briefing.serialise import dump_json

    canvas = _canvas_class(keywords(brief), face_names(style)["text"],
                           page.left - page.right if page.mirrored else 0.0, dump_json(brief).encode("utf-8"))
    for level in range(fit.levels):
        rml = _rml(brief, style, page, charts, folder, level)
        data = _lay_out(rml, canvas, style, drawings, key=f"{folder.resolve()}#{level}")
        if fit.pages is None or _page_count(data) <= fit.pages:
            return data
    many = "one page" if fit.pages == 1 else f"{fit.pages} pages"
    raise TemplateError(f"the brief does not fit on {many} with the '{folder.name}' template, even shortened")


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _lay_out(rml: str, canvas: type, style: Style, drawings: dict[str, Any], key: str = "") -> bytes:
    """RML → PDF bytes with z3c.rml and ``canvas`` (see :func:`_canvas_class`), strict
    about unknown tags and attributes.

    ``key`` names the template for ``onepass``, which usually saves z3c.rml's
    second pass.
    """
    from lxml import etree
    from reportlab.platypus.doctemplate import LayoutError
    from z3c.rml import directive, document

    from briefing.writers.flowables import CHARTS, LOGO
    from briefing.writers.rmlcheck import check_attributes
    from briefing.writers.fallback import apply as apply_fallback
    from briefing.writers.fontcache import register_declared
    from briefing.writers.onepass import Names, lay_out

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(rml.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"the template produced invalid RML: {_one_line(exc)}") from None
    check_attributes(root)
    apply_fallback(root)  # runs of text the fonts lack → bundled fallback faces
    register_declared(root)  # each TrueType file parsed once per process
    directive.ABORT_ON_INVALID_DIRECTIVE = True
    token = CHARTS.set(drawings)
    heading = face_names(style)["heading"]
    logo_token = LOGO.set((str(style.logo), heading, heading + "-Bold") if style.logo else None)

    def run(names: Names) -> bytes:
        doc = document.Document(copy.deepcopy(root), canvasClass=canvas)
        doc.names = names
        out = io.BytesIO()
        doc.process(out)
        return out.getvalue()

    try:
        return lay_out(run, key, len(rml))
    except TemplateError:
        raise
    except ValueError as exc:  # z3c.rml reports bad directives and attributes this way
        raise TemplateError(f"the template produced RML that cannot be laid out: {_one_line(exc)}") from None
    except LayoutError as exc:
        raise TemplateError(f"the brief cannot be laid out with this template: {_one_line(exc)}") from None
    finally:
        CHARTS.reset(token)
        LOGO.reset(logo_token)


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_pdf(
    brief: Brief,
    output: str | Path,
    *,
    template: str | Path | None = None,
    style: Style | None = None,
    warn: Callable[[str], None] | None = None,
) -> Path:
    """Write the brief as a PDF at ``output`` (atomically) and return the path."""
    return write_atomically(output, pdf_bytes(brief, template=template, style=style, warn=warn))
