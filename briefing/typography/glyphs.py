"""Glyph coverage: which characters of a brief no font can draw.

Checked on the Brief before layout.  The house fonts draw what they cover;
:mod:`briefing.typography.fallback` puts every other run of text in a bundled
face (Georgian, Armenian, Hebrew, Arabic script, and Noto Sans for Latin,
Greek and Cyrillic).  What is left (CJK, emoji, scripts without a bundled
font) is drawn as U+FFFD, a visible replacement, and named here in one
warning by code point and script, so nothing vanishes silently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefing.model import Brief


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
    """The characters of ``brief`` that neither ``fonts`` nor a bundled fallback can draw, sorted.

    Whitespace and control or format characters (zero-width joiners, bidi
    marks) are never reported: they have nothing to draw.
    """
    from briefing.typography.fallback import renderable

    paths = tuple(Path(f) for f in fonts)
    seen = {c for text in _strings(brief.model_dump(exclude={"provenance", "charts"})) for c in text}
    found = {
        c for c in seen
        if not c.isspace() and unicodedata.category(c)[0] != "C" and not renderable(c, paths)
    }
    return "".join(sorted(found))


def script(char: str) -> str:
    """Unicode script name of ``char`` ("Han", "Devanagari"); "Symbols" for common ones."""
    from fontTools import unicodedata as ucd

    name = str(ucd.script_name(ucd.script(char)))
    return "Symbols" if name in ("Common", "Unknown") else name


def describe(chars: str, limit: int = 8) -> str:
    """One readable line naming characters no font can show, by code point and script.

    The characters themselves are not repeated: they could not be drawn in
    the note either.
    """
    scripts = sorted({script(c) for c in chars})
    shown = " ".join(f"U+{ord(c):04X}" for c in chars[:limit]) + (" …" if len(chars) > limit else "")
    plural, verb = ("character", "is") if len(chars) == 1 else ("characters", "are")
    return (f"{len(chars)} {plural} no bundled font can show ({', '.join(scripts)}) "
            f"{verb} drawn as \ufffd: {shown}")
