"""Sentence splitting with pysbd, with offsets into the block text."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from briefing.model import Document, Sentence

if TYPE_CHECKING:  # pragma: no cover
    import pysbd

# Languages pysbd has rules for; others use its English rules.
_PYSBD_LANGUAGES = {
    "en", "hi", "mr", "zh", "es", "am", "ar", "hy", "bg", "ur", "ru", "pl",
    "fa", "nl", "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk",
}


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    import pysbd

    lang = language if language in _PYSBD_LANGUAGES else "en"
    return pysbd.Segmenter(language=lang, clean=False)


def split(text: str, language: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences with character offsets into ``text``."""
    if not text.strip():
        return []
    sentences: list[Sentence] = []
    cursor = 0
    for piece in _segmenter(language or "en").segment(text):
        stripped = piece.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # pysbd altered the text: fall back to the piece as is
            start = cursor
        end = start + len(stripped)
        sentences.append(Sentence(text=text[start:end], start=start, end=end))
        cursor = end
    return sentences


def segment_document(doc: Document) -> Document:
    """Fill ``sentences`` of every non-heading block of ``doc`` (in place)."""
    for block in doc.blocks:
        if block.kind != "heading":
            block.sentences = split(block.text, doc.language)
    return doc
