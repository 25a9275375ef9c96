"""Themes: the sections a brief is organised by.

Documents with headings keep the author's headings: each top-level heading
opens a theme (deeper headings stay inside it) and the text before the first
heading becomes a context theme.  Documents without headings get one theme
for now; topical segmentation is a later step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.model import Block, Document

CONTEXT_LABEL = "Context"
UNTITLED_LABEL = "Main points"


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
    """Split ``doc`` into theme segments, dropping segments with no text."""
    headings = doc.headings
    if not headings:
        return [Segment(UNTITLED_LABEL, "section", list(doc.paragraphs))] if doc.paragraphs else []
    top = min(h.level for h in headings)
    segments = [Segment(CONTEXT_LABEL, "context")]
    for block in doc.blocks:
        if block.kind == "heading" and block.level == top:
            segments.append(Segment(block.text, "section"))
        elif block.kind != "heading":
            segments[-1].blocks.append(block)
    return [s for s in segments if s.blocks]
