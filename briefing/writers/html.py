"""Brief → HTML: a self-contained page, or an email-safe body.

The layout lives in ``templates/html/brief.html.j2`` (Jinja2, autoescaping on,
undefined names are errors); this module only prepares what it needs: anchor
ids, CSS font stacks, the charts and the label strings.

*Page* (``email=False``): one file that makes no network request of any
kind: CSS in a ``<style>`` block in the house colours, charts as inline SVG
(vector, text kept as text), no JavaScript, no web fonts.

*Email* (``email=True``): what mail clients render: inline ``style``
attributes instead of a ``<style>`` block, no SVG, no script, a single
600-pixel column, charts as PNG images with alt text.  :func:`render_html`
embeds them as ``data:`` URIs (self-contained); :func:`email_html` refers to
them as ``cid:`` parts for a ``multipart/related`` message, which Gmail and
Outlook display where they block ``data:`` images.

Same brief, same style: same bytes (the charts' SVG and PNG carry no dates
or generator stamps).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing._version import __version__
from briefing.errors import TemplateError
from briefing.model import Brief, ChartSpec, passage_anchor
from briefing.textutil import slugify

if TYPE_CHECKING:  # pragma: no cover
    from markupsafe import Markup

    from briefing.config import Style

MAIN_FILE = "brief.html.j2"
PACKAGED = "html"  # folder under templates/
CHART_WIDTH_PT = 480  # page charts: about the PDF's text width
EMAIL_WIDTH_PX = 600  # the email column
EMAIL_CHART_PX = 1200  # PNG pixels for a 600 px column: sharp on 2x screens

#: Words of this template that :mod:`briefing.labels` does not have (yet).
def html_labels(language: str) -> dict[str, str]:
    """The template's own words in ``language``."""
    from briefing.labels import labels

    return labels(language)


@dataclass(frozen=True)
class ChartView:
    """A chart as the template sees it.

    ``svg`` (page) is the inline SVG markup; ``src`` (email) the image URI
    with ``width`` and ``height`` in CSS pixels.  ``alt`` describes the data.
    """

    spec: ChartSpec
    alt: str
    svg: Markup | None = None
    src: str | None = None
    width: int = 0
    height: int = 0


def render_html(brief: Brief, style: Style | None = None, template: str | Path | None = None,
                email: bool = False, charts: Sequence[ChartSpec] | None = None) -> str:
    """The brief as one HTML document: a page, or with ``email`` an email body.

    Charts are inline (SVG on the page, PNG ``data:`` URIs in the email):
    ``charts``, by default the brief's own.
    """
    return _render(brief, style, template, email=email, parts=None, charts=charts)


def html_bytes(brief: Brief, *, template: str | Path | None = None, style: Style | None = None,
               warn: Callable[[str], None] | None = None, charts: Sequence[ChartSpec] | None = None) -> bytes:
    """The page as UTF-8 bytes (the ``html`` format of :data:`briefing.writers.FORMATS`)."""
    return render_html(brief, style=style, template=template, charts=charts).encode("utf-8")


def email_html(brief: Brief, style: Style | None = None, template: str | Path | None = None,
               charts: Sequence[ChartSpec] | None = None) -> tuple[str, dict[str, bytes]]:
    """The email body with images as ``cid:`` references, and those images.

    Returns ``(html, {content_id: png_bytes})``: attach each image to a
    ``multipart/related`` part with ``Content-ID: <content_id>``.
    """
    parts: dict[str, bytes] = {}
    return _render(brief, style, template, email=True, parts=parts, charts=charts), parts


def html_folder(template: str | Path | None) -> Path:
    """The folder of the HTML template for ``--template``.

    A user's folder with its own ``brief.html.j2`` is used; a packaged name
    (``policy-brief``, ``handout``) or a folder holding only a PDF template
    gets the packaged HTML template.  Anything else is an error.
    """
    from briefing.resources import templates_dir
    from briefing.writers.templating import packaged_templates, template_folder

    packaged = templates_dir() / PACKAGED
    if template is None or str(template) in packaged_templates():
        return packaged
    folder = Path(template)
    if (folder / MAIN_FILE).is_file():
        return folder
    if folder.is_dir():
        return packaged
    template_folder(template)  # raises the usual "no template" error
    return packaged  # pragma: no cover - template_folder found it after all


def _render(brief: Brief, style: Style | None, template: str | Path | None, *, email: bool,
            parts: dict[str, bytes] | None, charts: Sequence[ChartSpec] | None) -> str:
    from briefing.colour import print_ready
    from briefing.config import load_style
    from briefing.writers.templating import render_template
    from briefing.writers.views import glance

    style = print_ready(style or load_style())
    folder = html_folder(template)
    context = {
        "brief": brief,
        "style": style,
        "email": email,
        "lang": _lang(brief.language, style.language),
        "language": style.language,
        "labels": html_labels(style.language),
        "glance": glance(brief),
        "fonts": font_stacks(style),
        "charts": _charts(brief.charts if charts is None else charts, style, email=email, parts=parts),
        "logo": _logo(style, email=email, parts=parts),
        "version": __version__,
        **anchors(brief),
    }
    text = render_template(folder, context, main=MAIN_FILE)
    if "<script" in text.lower():  # a template may not add any: the page runs no code
        raise TemplateError(f"{folder / MAIN_FILE}: the HTML template produced a <script> element")
    return text


_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _lang(language: str | None, fallback: str) -> str:
    """A BCP 47 language tag for ``<html lang>``: the brief's, else the labels'."""
    return language if language and _LANG.match(language) else fallback


def anchors(brief: Brief) -> dict[str, Any]:
    """Unique element ids: one per theme, source and quoted passage.

    ``theme_ids[i]`` is the id of theme ``i``; ``excerpt_ids[s][e]`` the id of
    excerpt ``e`` of source ``s`` (``None`` for a repeated paragraph); a
    reference links only to an id in ``anchors``.  Theme ids come from the
    (editable) brief, so they are slugged and made unique here.
    """
    taken: set[str] = set()

    def unique(base: str) -> str:
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        return name

    taken.update({"main", "contents", "takeaways", "coverage", "outlook", "actors", "timeline",
                  "figures", "sources"})
    theme_ids = [unique("theme-" + (slugify(t.id) or str(i))) for i, t in enumerate(brief.themes, 1)]
    excerpt_ids: list[list[str | None]] = []
    for s, source in enumerate(brief.sources, 1):
        taken.add(f"src-{s}")
        ids: list[str | None] = []
        for excerpt in source.excerpts:
            name = passage_anchor(s, excerpt.paragraph)
            ids.append(None if name in taken else name)
            taken.add(name)
        excerpt_ids.append(ids)
    exists = {i for ids in excerpt_ids for i in ids if i}
    links = [_source_link(source.path) for source in brief.sources]
    return {"theme_ids": theme_ids, "excerpt_ids": excerpt_ids, "anchors": exists, "source_links": links}


_URL = re.compile(r"^https?://[^\s\"'<>\\]+$", re.IGNORECASE)


def _source_link(path: str) -> str | None:
    """The source's own web address, when it was read from one."""
    return path if _URL.match(path) else None


# ---------------------------------------------------------------- fonts, logo

_GENERIC = {
    "serif": "Georgia, Cambria, 'Times New Roman', serif",
    "sans": "Arial, 'Helvetica Neue', Helvetica, 'Liberation Sans', sans-serif",
}


@cache
def _family(path: str) -> str | None:
    """The family name inside a font file (only letters, digits, spaces, dashes)."""
    try:
        from fontTools.ttLib import TTFont

        with TTFont(path, lazy=True) as font:
            name = font["name"].getBestFamilyName()
    except Exception:  # an unreadable font only loses its name in the stack
        return None
    clean = re.sub(r"[^\w \-]", "", name or "").strip()
    return clean or None


def font_stacks(style: Style) -> dict[str, Markup]:
    """CSS font stacks: the house faces first (if the reader has them installed).

    Marked safe for the ``<style>`` block (autoescaping would turn quotes into
    entities there); the family names are reduced to plain characters.
    """
    from markupsafe import Markup

    stacks = {}
    for key, path in (("serif", style.fonts.text.regular), ("sans", style.fonts.heading.regular)):
        family = _family(str(path))
        stacks[key] = Markup(f"'{family}', {_GENERIC[key]}" if family else _GENERIC[key])
    return stacks


_IMAGE_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def _logo(style: Style, *, email: bool, parts: dict[str, bytes] | None) -> str | None:
    """The house logo as an image URI (``data:``, or ``cid:`` in parts), or None.

    Mail clients do not show SVG, so an SVG logo is left out of emails.
    """
    if style.logo is None:
        return None
    data = Path(style.logo).read_bytes()
    kind = next((t for magic, t in _IMAGE_TYPES.items() if data.startswith(magic)), "image/svg+xml")
    if email and kind == "image/svg+xml":
        return None
    if parts is not None:
        parts["logo@briefing"] = data
        return "cid:logo@briefing"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


# ---------------------------------------------------------------- charts


def _charts(specs: Sequence[ChartSpec], style: Style, *, email: bool,
            parts: dict[str, bytes] | None) -> list[ChartView]:
    """The charts: inline SVG for the page, PNG for email."""
    if not specs:
        return []
    from briefing.charts import ChartStyle, describe, png, svg

    chart_style = ChartStyle.of(style)
    views = []
    for n, spec in enumerate(specs, 1):
        alt = describe(spec)
        if not email:
            data = svg(spec, width_pt=CHART_WIDTH_PT, style=chart_style)
            views.append(ChartView(spec, alt, svg=inline_svg(data, alt)))
            continue
        data = _small_png(png(spec, width_px=EMAIL_CHART_PX, style=chart_style))
        width, height = _png_size(data)
        shown = (EMAIL_WIDTH_PX, round(height * EMAIL_WIDTH_PX / width))
        if parts is not None:
            cid = f"chart{n}@briefing"
            parts[cid] = data
            src = f"cid:{cid}"
        else:
            src = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        views.append(ChartView(spec, alt, src=src, width=shown[0], height=shown[1]))
    return views


def _small_png(data: bytes, colours: int = 128) -> bytes:
    """The PNG with a palette of ``colours``: a quarter of the bytes, looks the same.

    Charts are flat colours and anti-aliased text, so a median-cut palette
    without dithering keeps them crisp; it is deterministic, like the input.
    """
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        small = image.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT,
                                              dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its IHDR chunk."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


_SVG = "{http://www.w3.org/2000/svg}"


def inline_svg(data: bytes, label: str) -> Markup:
    """A chart's SVG (:func:`briefing.charts.svg`) made fit to sit inside an HTML page.

    Drops the XML prologue and the chart's own font (the page's house sans
    stack applies) and its size (the page's CSS sizes it); adds
    ``role="img"`` with the data described in ``aria-label`` and a
    ``<title>``.  The chart SVG has no ids, so two charts never clash.
    """
    from lxml import etree
    from markupsafe import Markup

    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    for attr in ("style", "width", "height", "version"):
        root.attrib.pop(attr, "")
    root.set("role", "img")
    root.set("aria-label", label)
    title = etree.Element(f"{_SVG}title")
    title.text = label
    root.insert(0, title)
    return Markup(etree.tostring(root, encoding="unicode"))
