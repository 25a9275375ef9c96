"""RML to PDF bytes: z3c.rml and ReportLab, strict, in one pass where possible.

The canvas records the brief's keywords, mirrors even pages for a binding
margin and embeds the brief; :func:`lay_out` parses the RML safely, checks
its attributes, applies font fallback, registers the declared faces once per
process and lets :mod:`~briefing.writers.pdf.onepass` save z3c.rml's second
pass.
"""

from __future__ import annotations

import copy
import io
from typing import TYPE_CHECKING, Any

from briefing.compat import abort_on_unknown_tags, page_operators, rml_document, set_names
from briefing.errors import TemplateError
from briefing.writers.pdf.page import face_names

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style


def canvas_class(keywords: str, initial_font: str, verso_shift: float = 0.0, attachment: bytes = b"") -> type:
    """The canvas class for one brief: its ``keywords``, first font, verso shift and attachment."""
    from reportlab.pdfgen.canvas import Canvas

    from briefing.writers.pdf.attach import embed

    class BriefCanvas(Canvas):
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

        def showPage(self) -> None:
            super().showPage()
            self._untouched: list[str] | None = None
            if verso_shift and self.getPageNumber() % 2 == 0:
                self.translate(-verso_shift, 0)
                self._untouched = list(page_operators(self))

        def save(self) -> None:
            # The shift must not turn the page after the last into a blank page.
            operators = page_operators(self)
            if getattr(self, "_untouched", None) is not None and operators == self._untouched:
                operators.clear()
            if attachment:
                embed(self, attachment)  # the brief itself, as brief.json
            super().save()

        def setKeywords(self, value: Any) -> None:
            # The doc template resets keywords to "" after creating the canvas.
            super().setKeywords(value or keywords)

    return BriefCanvas


def page_count(data: bytes) -> int:
    """The number of pages of the PDF ``data``."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def lay_out(rml: str, canvas: type, style: Style, drawings: dict[str, Any], key: str = "") -> bytes:
    """RML → PDF bytes with z3c.rml and ``canvas`` (see :func:`canvas_class`).

    Strict about unknown tags and attributes.

    ``key`` names the template for ``onepass``, which usually saves z3c.rml's
    second pass.
    """
    from lxml import etree
    from reportlab.platypus.doctemplate import LayoutError

    from briefing.typography.fallback import apply as apply_fallback
    from briefing.typography.fontcache import register_declared
    from briefing.writers.pdf import onepass
    from briefing.writers.pdf.flowables import CHARTS, LOGO
    from briefing.writers.pdf.rmlcheck import check_attributes

    document = rml_document()  # before any other z3c.rml import: pikepdf is loaded only if a document uses it
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(rml.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"the template produced invalid RML: {one_line(exc)}") from None
    check_attributes(root)
    apply_fallback(root)  # runs of text the fonts lack → bundled fallback faces
    register_declared(root)  # each TrueType file parsed once per process
    abort_on_unknown_tags()
    token = CHARTS.set(drawings)
    heading = face_names(style)["heading"]
    logo_token = LOGO.set((str(style.logo), heading, heading + "-Bold") if style.logo else None)

    def run(names: onepass.Names) -> bytes:
        doc = document.Document(copy.deepcopy(root), canvasClass=canvas)
        set_names(doc, names)
        out = io.BytesIO()
        doc.process(out)
        return out.getvalue()

    try:
        return onepass.lay_out(run, key, len(rml))
    except TemplateError:
        raise
    except ValueError as exc:  # z3c.rml reports bad directives and attributes this way
        raise TemplateError(f"the template produced RML that cannot be laid out: {one_line(exc)}") from None
    except LayoutError as exc:
        raise TemplateError(f"the brief cannot be laid out with this template: {one_line(exc)}") from None
    finally:
        CHARTS.reset(token)
        LOGO.reset(logo_token)


def one_line(exc: BaseException, limit: int = 300) -> str:
    """``exc`` as one line of at most ``limit`` characters."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
