"""Small text helpers shared across the pipeline."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "ł": "l",
                           "Ł": "L"})


# Control characters, non-characters and lone surrogates: never text, and not
# allowed in XML (the PDF writer's RML) either.  Tab and newline stay.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def strip_invisible(text: str) -> str:
    """``text`` without control characters, non-characters or lone surrogates."""
    return _INVISIBLE.sub("", text)


def slugify(text: str, max_length: int = 60) -> str:
    """ASCII slug for ids and file names: ``"A new era: U.S." -> "a-new-era-u-s"``.

    Text with no Latin letters at all (e.g. Georgian) keeps its letters, so a
    slug is never empty unless the text has no letters or digits.
    """
    spaced = re.sub(r"[\W_]+", " ", text.translate(_TRANSLIT))
    folded = unicodedata.normalize("NFKD", spaced)
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    if not slug:
        slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return slug[:max_length].rstrip("-")


def shorten(text: str, width: int) -> str:
    """Cut ``text`` at a word boundary to at most ``width`` characters, adding "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return cut + "…"
