"""Brief → PDF: Jinja2 renders RML, z3c.rml lays it out with ReportLab.

The template owns the layout; this package only prepares what the template
needs (page geometry and font names in :mod:`.page`, chart drawings), lays
the RML out strictly (:mod:`.layout`, with :mod:`.onepass`, :mod:`.rmlcheck`
and the plug-ins of :mod:`.flowables`), embeds the brief (:mod:`.attach`)
and writes the file atomically.  ReportLab's invariant mode makes the bytes
reproducible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from briefing._version import __version__
from briefing.colour import print_ready
from briefing.config import Style, load_style
from briefing.errors import TemplateError
from briefing.model import Brief, ChartSpec, passage_anchor
from briefing.writers.atomic import write_atomically
from briefing.writers.pdf.layout import canvas_class, lay_out, one_line, page_count
from briefing.writers.pdf.page import Chart, Page, face_names, page_geometry
from briefing.writers.templating import render_template, template_folder

__all__ = ["Chart", "Page", "face_names", "page_geometry", "pdf_bytes", "write_pdf"]


def _drawings(specs: Sequence[ChartSpec], style: Style, width: float,
              max_height: float) -> tuple[dict[str, Any], list[Chart]]:
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
        "anchors": {passage_anchor(i, e.paragraph) for i, s in enumerate(brief.sources, 1) for e in s.excerpts},
        "version": __version__,
        "fit": fit,
    }
    return render_template(folder, context)


@dataclass(frozen=True)
class Fit:
    """A template's page limit (``template.yaml``): ``pages`` at most, tried at ``levels`` levels of shortening.

    The template reads the level tried as ``fit``.
    """

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
        raise TemplateError(f"{file}: expected 'pages' and 'fit_levels' numbers ({one_line(exc)})") from None
    if pages is not None and (not isinstance(pages, int) or pages < 1) or not 1 <= levels <= 50:
        raise TemplateError(f"{file}: 'pages' must be a positive whole number and 'fit_levels' 1 to 50")
    return Fit(pages=pages, levels=levels)


def pdf_bytes(
    brief: Brief,
    *,
    template: str | Path | None = None,
    style: Style | None = None,
    warn: Callable[[str], None] | None = None,
    charts: Sequence[ChartSpec] | None = None,
) -> bytes:
    """Lay out ``brief`` and return the PDF bytes.

    ``charts`` are the charts to draw, by default the brief's own (the
    pipeline passes them redrawn from the brief's current data).  Characters
    the house fonts cannot draw are named in a note of the brief (and passed
    to ``warn``) instead of vanishing silently.
    """
    from briefing.typography import glyphs

    style = print_ready(style or load_style())
    lacking = glyphs.missing(brief, [style.fonts.text.regular, style.fonts.heading.regular])
    if lacking:
        note = glyphs.describe(lacking)
        brief = brief.model_copy(update={"notes": [*brief.notes, note]})
        if warn is not None:
            warn(note)
    page = page_geometry(style)
    drawings, placed = _drawings(brief.charts if charts is None else charts, style, page.frame_width,
                                 (page.height - page.top - page.bottom) * 0.55)
    folder = template_folder(template)
    fit = template_fit(folder)
    from briefing.serialise import dump_json

    canvas = canvas_class(keywords(brief), face_names(style)["text"],
                          page.left - page.right if page.mirrored else 0.0, dump_json(brief).encode("utf-8"))
    for level in range(fit.levels):
        rml = _rml(brief, style, page, placed, folder, level)
        data = lay_out(rml, canvas, style, drawings, key=f"{folder.resolve()}#{level}")
        if fit.pages is None or page_count(data) <= fit.pages:
            return data
    many = "one page" if fit.pages == 1 else f"{fit.pages} pages"
    raise TemplateError(f"the brief does not fit on {many} with the '{folder.name}' template, even shortened")


def write_pdf(
    brief: Brief,
    output: str | Path,
    *,
    template: str | Path | None = None,
    style: Style | None = None,
    warn: Callable[[str], None] | None = None,
    charts: Sequence[ChartSpec] | None = None,
) -> Path:
    """Write the brief as a PDF at ``output`` (atomically) and return the path."""
    return write_atomically(output, pdf_bytes(brief, template=template, style=style, warn=warn, charts=charts))
