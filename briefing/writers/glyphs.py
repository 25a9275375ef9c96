"""Glyph coverage: which characters of a brief the house fonts cannot draw.

ReportLab draws a character its font lacks as nothing at all, so a Georgian
title would silently vanish.  Until text runs fall back to fonts that cover
them, the writer checks coverage before layout and says what is missing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from briefing.model import Brief


@cache
def _covered(font: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFont

    return frozenset(TTFont(f"briefing-coverage-{font.name}", str(font)).face.charToGlyph)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def missing(brief: Brief, fonts: list[Path]) -> str:
    """The characters of ``brief`` that none of ``fonts`` can draw, sorted."""
    covered = frozenset().union(*(_covered(Path(f)) for f in fonts))
    found = {
        c
        for text in _strings(brief.model_dump(exclude={"provenance", "charts"}))
        for c in text
        if ord(c) not in covered and not c.isspace() and unicodedata.category(c)[0] != "C"
    }
    return "".join(sorted(found))


def describe(chars: str, limit: int = 12) -> str:
    """``"ა ბ გ … (Georgian)"``: a readable, one-line account of missing characters."""
    scripts = sorted({unicodedata.name(c, "UNKNOWN").split()[0].title() for c in chars})
    shown = " ".join(chars[:limit]) + (" …" if len(chars) > limit else "")
    return f"{len(chars)} characters the house fonts cannot show were left blank: {shown} ({', '.join(scripts)})"
