"""Themes: the sections a brief is organised by.

Documents with headings keep the author's headings: each top-level heading
opens a theme (deeper headings stay inside it) and the text before the first
heading becomes a context theme.  Documents without headings get one theme
for now; topical segmentation is a later step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.model import Block, Document

CONTEXT_LABEL = "Context"
UNTITLED_LABEL = "Main points"

# Headings that open a document's back matter: nothing after them is a theme.
_BACK_MATTER = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:foot|end)?notes?$|^references?$|^bibliography$|^sources?$|^footnotes$|"
    r"^acknowledge?ments?$|^about the authors?$|^author(?:s|'s)? (?:information|contact)|^disclaimer$|"
    r"^appendix\b|^annex\b|^related (?:articles|stories|content)$",
    re.IGNORECASE,
)


@dataclass
class Segment:
    """A run of blocks under one theme label."""

    label: str
    kind: str  # "context" | "section"
    blocks: list[Block] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)


def segment(doc: Document) -> list[Segment]:
    """Split ``doc`` into theme segments, dropping segments with no text.

    Tables are left out (their cells are not sentences) and so is the back
    matter: notes, references, appendices and the like.
    """
    blocks = []
    for block in doc.blocks:
        if block.kind == "heading" and _BACK_MATTER.match(block.text.strip(" :.")):
            break
        if block.kind != "table":
            blocks.append(block)
    headings = [b for b in blocks if b.kind == "heading"]
    body = [b for b in blocks if b.kind != "heading"]
    if not headings:
        return [Segment(UNTITLED_LABEL, "section", body)] if body else []
    top = min(h.level for h in headings)
    segments = [Segment(CONTEXT_LABEL, "context")]
    for block in blocks:
        if block.kind == "heading" and block.level == top:
            segments.append(Segment(block.text, "section"))
        elif block.kind != "heading":
            segments[-1].blocks.append(block)
    return [s for s in segments if s.blocks]
