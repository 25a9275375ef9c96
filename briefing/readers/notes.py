"""Notes are marked as such: footnotes, endnotes, reference lists, source lines, captions.

Every reader's document goes through :func:`mark_notes` (from
:func:`~briefing.readers.read_data`).  A note keeps its paragraph number, so
the sources section can still cite it, but the analysis never takes actors,
dates, figures, takeaways or points from it.  The PDF reader sets the
footnote area of each page aside before this (``_pdflayout``).
"""

from __future__ import annotations

import re

from briefing.model import Block, Document
from briefing.notes import is_back_matter, is_caption, is_note, is_table_row

__all__ = ["mark_notes"]


def mark_notes(doc: Document) -> Document:
    """Mark ``doc``'s note blocks (``kind="note"``) in place, and return it.

    A block is a note when it reads as one (:func:`briefing.notes.is_note`)
    or stands under a back-matter heading ("Notes", "References", "Sources")
    that is not an appendix, until a heading of the same or a higher level.
    """
    under: int | None = None  # the level of the notes heading we are under
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        before = blocks[i - 1] if i else None
        if block.kind == "heading" and before is not None and _caption_line(before, blocks[i + 1:i + 2]):
            block.kind, block.level = "note", 0  # a caption's second line ("Data from EPA's 2024 analysis")
            continue
        if block.kind == "paragraph" and before is not None and before.kind == "note" and _TABLE_NOTE.match(block.text):
            block.kind = "note"  # "a. In its analysis, EPA stated …" under a table's notes
            continue
        if block.kind == "heading":
            if under is not None and block.level <= under:
                under = None
            if under is None and is_back_matter(block.text) and not _appendix(block.text):
                under = block.level
            continue
        if block.kind != "table" and (under is not None or is_note(block.text)):
            block.kind = "note"
    return doc


# A lettered note under a table: "a. …", "b) …".
_TABLE_NOTE = re.compile(r"^[a-z][.)]\s")


def _caption_line(before: Block, after: list[Block]) -> bool:
    """Whether a heading between a caption and its table is the caption's own second line."""
    return (before.kind == "note" and is_caption(before.text)
            and bool(after) and (after[0].kind == "table" or is_table_row(after[0].text)))


def _appendix(heading: str) -> bool:
    return heading.strip().lower().startswith(("appendix", "annex", "related"))
