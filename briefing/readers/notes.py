"""Notes are marked as such: footnotes, endnotes, reference lists, source lines, captions.

Every reader's document goes through :func:`mark_notes` (from
:func:`~briefing.readers.read_data`).  A note keeps its paragraph number, so
the sources section can still cite it, but the analysis never takes actors,
dates, figures, takeaways or points from it.  The PDF reader sets the
footnote area of each page aside before this (``_pdflayout``).
"""

from __future__ import annotations

from briefing.model import Document
from briefing.notes import is_back_matter, is_note

__all__ = ["mark_notes"]


def mark_notes(doc: Document) -> Document:
    """Mark ``doc``'s note blocks (``kind="note"``) in place, and return it.

    A block is a note when it reads as one (:func:`briefing.notes.is_note`)
    or stands under a back-matter heading ("Notes", "References", "Sources")
    that is not an appendix, until a heading of the same or a higher level.
    """
    under: int | None = None  # the level of the notes heading we are under
    for block in doc.blocks:
        if block.kind == "heading":
            if under is not None and block.level <= under:
                under = None
            if under is None and is_back_matter(block.text) and not _appendix(block.text):
                under = block.level
            continue
        if block.kind != "table" and (under is not None or is_note(block.text)):
            block.kind = "note"
    return doc


def _appendix(heading: str) -> bool:
    return heading.strip().lower().startswith(("appendix", "annex", "related"))
