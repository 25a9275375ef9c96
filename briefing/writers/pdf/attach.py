"""The brief travels inside its PDF, as an embedded ``brief.json``.

A finished PDF is what users keep, email and print.  With the brief embedded
(the JSON that ``--format json`` writes, about 10 KB compressed), ``briefing
email brief.pdf`` can put the key takeaways in the message body, and anyone
can get the editable brief back out of a PDF (``pdfdetach`` or any PDF
viewer's attachments panel) and render it again.

ReportLab has no API for embedded files, so the objects are built with its
``pdfdoc`` classes at ``save`` time: an ``EmbeddedFile`` stream, its file
specification, and the catalog's ``Names/EmbeddedFiles`` tree (PDF 1.7,
7.11.4).  No dates go in, so the bytes stay reproducible.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from briefing.model import Brief

NAME = "brief.json"
MAX_BYTES = 5 * 1024 * 1024  # an embedded brief larger than this is not read back


def embed(canvas: Any, data: bytes, name: str = NAME) -> None:
    """Add ``data`` to the PDF that ``canvas`` is about to save, as the file ``name``."""
    from reportlab.pdfbase import pdfdoc

    from briefing.compat import pdf_document

    doc = pdf_document(canvas)
    stream = pdfdoc.PDFStream(
        dictionary=pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("EmbeddedFile"),
            "Subtype": pdfdoc.PDFName("application#2Fjson"),
            "Params": pdfdoc.PDFDictionary({"Size": len(data)}),
        }),
        content=data,
        filters=[pdfdoc.PDFStreamFilterZCompress()],
    )
    spec = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Filespec"),
        "F": pdfdoc.PDFString(name),
        "UF": pdfdoc.PDFString(name),
        "Desc": pdfdoc.PDFString("The brief as briefing JSON: edit it and run briefing render on it"),
        "AFRelationship": pdfdoc.PDFName("Source"),
        "EF": pdfdoc.PDFDictionary({"F": doc.Reference(stream)}),
    })
    files = pdfdoc.PDFDictionary({"Names": pdfdoc.PDFArray([pdfdoc.PDFString(name), doc.Reference(spec)])})
    doc.Catalog.Names = pdfdoc.PDFDictionary({"EmbeddedFiles": files})


def embedded_brief(path: str | Path) -> Brief | None:
    """The brief embedded in the PDF ``path``; None when there is none or it is not readable.

    The JSON is validated like any brief file: a PDF from elsewhere is
    untrusted input.
    """
    from pypdf import PdfReader

    from briefing.errors import BriefValidationError
    from briefing.serialise import parse_brief

    try:
        found = PdfReader(path).attachments.get(NAME) or []
    except Exception:  # a damaged PDF simply carries no brief
        return None
    if len(found) != 1 or len(found[0]) > MAX_BYTES:
        return None
    try:
        return parse_brief(found[0].decode("utf-8"), f"{path}#{NAME}")
    except (UnicodeDecodeError, BriefValidationError):
        return None
