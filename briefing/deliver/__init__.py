"""Delivery: the brief's life after rendering (email and print).

``email`` builds the message and ``smtp`` sends it; ``printing`` hands the
PDF to CUPS.  Their click commands are in :mod:`briefing.commands`.
Importing this package is cheap: each module imports its heavy libraries
where they are used.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from briefing.errors import BriefingError

__all__ = ["DeliveryError", "briefing_pdf", "clean_line"]


class DeliveryError(BriefingError):
    """The brief could not be sent or printed (server, printer or settings)."""


def clean_line(text: str, limit: int = 200) -> str:
    """``text`` as one safe line: no CR/LF, control, format or bidi characters.

    Used for anything taken from a document that lands in a header or a
    command-line argument (subject, print job name): line breaks would let a
    document inject headers, and bidi controls can make a line read
    differently from what it holds.  Whitespace runs become one space.
    """
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Zl", "Zp") or char in "\r\n\t\v\f":
            kept.append(" ")
        elif category[0] == "C":  # Cc control, Cf format (bidi, zero-width), Cs, Co, Cn
            continue
        else:
            kept.append(char)
    line = " ".join("".join(kept).split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def briefing_pdf(path: str | Path) -> str | None:
    """The title of ``path`` if it is a PDF that briefing made, else None.

    ``briefing email`` and ``briefing print`` take either a finished brief or
    documents to brief: a PDF whose Creator is ``briefing …`` is a finished
    brief (sent or printed as it is); any other PDF is a source document.
    """
    file = Path(path)
    if file.suffix.lower() != ".pdf" or not file.is_file():
        return None
    try:
        with file.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return None
        from pypdf import PdfReader

        info = PdfReader(file).metadata
    except Exception:  # unreadable: let the document readers say why
        return None
    if info is None or not str(info.get("/Creator") or "").startswith("briefing"):
        return None
    return clean_line(str(info.get("/Title") or "")) or file.stem
