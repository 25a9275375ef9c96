"""Themes: the sections a brief is organised by.

- Documents with headings keep the author's headings: each top-level heading
  opens a theme, the text before the first heading becomes a context theme,
  heading-only parents lend their label to what follows, and long reports
  with many sections are merged down to a readable number of themes by
  joining the most similar neighbours.
- Documents without headings are cut into topical segments where the
  vocabulary shifts (TextTiling's idea on paragraphs), each labelled with a
  key phrase taken from its own text.
- Across several documents, segments about the same topic are grouped into
  one theme (:func:`group`), segments of one document never merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.analysis.keyphrases import labels
from briefing.analysis.ranking import terms, tfidf
from briefing.model import Block, Document
from briefing.notes import is_back_matter, is_prose, unnumbered

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

CONTEXT_LABEL = "Context"
# The context theme in the document's language: a Turkish brief has no English "Context".
CONTEXT_LABELS = {"en": CONTEXT_LABEL, "az": "Kontekst", "tr": "Bağlam", "ru": "Контекст", "uk": "Контекст",
                  "kk": "Контекст", "ka": "კონტექსტი", "hy": "Համատեքստ"}
MAX_THEMES = 8  # per document; more sections than this are merged
MIN_SECTION_WORDS = 25  # a section smaller than this (a heading-only parent, a stub) joins the next one
SEGMENT_WORDS = 700  # about one topical segment per this many words: a news story is one theme
MAX_SEGMENTS = 5
MAX_SHARE = 0.3  # in a long report no theme holds more than this share of the words: it is cut at its sub-headings
LONG_REPORT_WORDS = 3000  # a report this long caps its themes' share; a brief this long keeps only its budget of themes
GROUP_SIMILARITY = 0.2  # segments of different documents closer than this share a theme

@dataclass
class Segment:
    """A run of blocks under one theme label."""

    label: str
    kind: str  # "context" | "section"
    blocks: list[Block] = field(default_factory=list)
    authored: bool = True  # the label is the author's heading, not a key phrase
    source: int = 0  # index of the document it comes from (set by callers)
    # Where it may be cut again: (index into blocks, label) at each sub-heading and each section merged in.
    breaks: list[tuple[int, str]] = field(default_factory=list)

    @property
    def words(self) -> int:
        """The number of words in its blocks."""
        return sum(len(b.text.split()) for b in self.blocks)

    @property
    def text(self) -> str:
        """The text of its blocks, joined by spaces."""
        return " ".join(b.text for b in self.blocks)


def body_blocks(doc: Document) -> list[Block]:
    """Headings and text blocks of the body: no tables, no notes, no back matter."""
    blocks = []
    for block in doc.blocks:
        if block.kind == "heading" and is_back_matter(block.text):
            break
        if block.kind == "heading" or is_prose(block):
            blocks.append(block)
    return blocks


def segment(doc: Document) -> list[Segment]:
    """Split ``doc`` into theme segments, dropping segments with no text."""
    language = doc.language or "en"
    blocks = body_blocks(doc)
    if not any(b.kind == "heading" for b in blocks):
        return topical_segments([b for b in blocks if b.kind != "heading"], language)
    top = min(b.level for b in blocks if b.kind == "heading")
    segments = [Segment(CONTEXT_LABELS.get(language, CONTEXT_LABEL), "context")]
    for block in blocks:
        if block.kind == "heading" and block.level == top:
            segments.append(Segment(unnumbered(block.text), "section"))
        elif block.kind == "heading":
            segments[-1].breaks.append((len(segments[-1].blocks), unnumbered(block.text)))
        else:
            segments[-1].blocks.append(block)
    context, sections = segments[0], _absorb_small(segments[1:])
    words = sum(s.words for s in segments)
    cap = int(MAX_SHARE * words) if words >= LONG_REPORT_WORDS else words
    sections = _merge_similar(sections, MAX_THEMES, language, cap)
    sections = [part for section in sections for part in _split_large(section, cap, language)]
    return [s for s in [context, *sections] if s.blocks]


def _joined(first: Segment, second: Segment) -> Segment:
    """Two neighbouring sections as one, under the first one's label; the second's start stays a break."""
    offset = len(first.blocks)
    breaks = first.breaks + [(offset, second.label)] + [(offset + i, label) for i, label in second.breaks]
    return Segment(first.label, "section", first.blocks + second.blocks, breaks=breaks)


def _split_large(section: Segment, cap: int, language: str) -> list[Segment]:
    """A section of more than ``cap`` words, cut at its sub-headings (or where its topic shifts) into parts.

    A part starts at a sub-heading and takes its label when the part before
    would otherwise pass the cap; a section without sub-headings is cut
    into topical segments, labelled by key phrase after the first.
    """
    if section.words <= cap:
        return [section]
    count = [0]
    for block in section.blocks:
        count.append(count[-1] + len(block.text.split()))
    breaks = [(i, label) for i, label in section.breaks if 0 < i < len(section.blocks)]
    if not breaks:
        want = min(MAX_SEGMENTS, -(-section.words // cap))
        cuts = _cuts(section.blocks, want, language)
        if not cuts:
            return [section]
        edges = [0, *cuts, len(section.blocks)]
        parts = [section.blocks[a:b] for a, b in zip(edges, edges[1:], strict=False)]
        named = labels([" ".join(b.text for b in part) for part in parts[1:]], language)
        rest = [Segment(label, "section", part, authored=False) for label, part in zip(named, parts[1:], strict=True)]
        return [Segment(section.label, "section", parts[0], authored=section.authored), *rest]
    out: list[Segment] = []
    start, label = 0, section.label
    ends = [i for i, _ in breaks[1:]] + [len(section.blocks)]
    for (i, heading), end in zip(breaks, ends, strict=True):
        if count[end] - count[start] > cap and count[i] - count[start] >= MIN_SECTION_WORDS:
            out.append(Segment(label, "section", section.blocks[start:i], authored=section.authored or start > 0))
            start, label = i, heading
    out.append(Segment(label, "section", section.blocks[start:], authored=section.authored or start > 0))
    return out


def _absorb_small(sections: list[Segment]) -> list[Segment]:
    """Fold tiny sections into the next one; a heading-only parent lends its label."""
    out: list[Segment] = []
    pending: Segment | None = None
    for section in sections:
        if pending is not None:
            section = _joined(pending, section)
            pending = None
        if section.words < MIN_SECTION_WORDS:
            pending = section
        else:
            out.append(section)
    if pending is not None and pending.blocks:
        out.append(pending)  # the last section has no next one to join
    return out


def _vectors(segments: Sequence[Segment], language: str) -> np.ndarray:
    return tfidf([terms(s.text, language) for s in segments])


def _merge_similar(sections: list[Segment], limit: int, language: str, cap: int) -> list[Segment]:
    """Join the most similar neighbours until at most ``limit`` remain, none of more than ``cap`` words."""
    sections = list(sections)
    while len(sections) > limit:
        vectors = _vectors(sections, language)
        pairs = [(float(vectors[i] @ vectors[i + 1]), -i) for i in range(len(sections) - 1)
                 if sections[i].words + sections[i + 1].words <= cap]
        if not pairs:
            break
        _, neg_i = max(pairs)
        i = -neg_i
        sections[i : i + 2] = [_joined(sections[i], sections[i + 1])]
    return sections


def topical_segments(blocks: list[Block], language: str = "en") -> list[Segment]:
    """Cut a headingless text into contiguous topical segments, each labelled.

    The number of segments follows the length (about one per
    ``SEGMENT_WORDS`` words, at most ``MAX_SEGMENTS``); the cuts go where the
    vocabulary of the paragraphs before and after differs most, never
    leaving a segment of fewer than two paragraphs.
    """
    if not blocks:
        return []
    blocks = _pieces(blocks)
    words = sum(len(b.text.split()) for b in blocks)
    want = max(1, min(MAX_SEGMENTS, round(words / SEGMENT_WORDS), len(blocks) // 2))
    cuts = _cuts(blocks, want, language) if want > 1 else []
    edges = [0, *cuts, len(blocks)]
    segments = [Segment("", "section", blocks[a:b], authored=False) for a, b in zip(edges, edges[1:], strict=False)]
    for seg, label in zip(segments, labels([s.text for s in segments], language), strict=True):
        seg.label = label
    return segments


def _pieces(blocks: list[Block], per_piece: int = 3) -> list[Block]:
    """Blocks to cut between: the paragraphs, or runs of a few sentences in a text of very few long paragraphs.

    Such runs keep their paragraph's number (scraped articles often come as
    one line).
    """
    if len(blocks) >= 4 or sum(len(b.sentences) for b in blocks) < 4 * per_piece:
        return blocks
    pieces = []
    for block in blocks:
        for i in range(0, len(block.sentences), per_piece):
            chunk = block.sentences[i : i + per_piece]
            pieces.append(Block(block.kind, " ".join(c.text for c in chunk), number=block.number, sentences=chunk))
    return pieces


def _cuts(blocks: list[Block], want: int, language: str, window: int = 2) -> list[int]:
    """Indices where a new segment starts: the deepest vocabulary gaps.

    Every segment keeps at least two blocks and a third of ``SEGMENT_WORDS``.
    """
    vectors = tfidf([terms(b.text, language) for b in blocks])
    words = [0]
    for block in blocks:
        words.append(words[-1] + len(block.text.split()))
    gaps: list[tuple[float, int]] = []
    for i in range(2, len(blocks) - 1):  # a cut before block i
        before = vectors[max(0, i - window) : i].sum(axis=0)
        after = vectors[i : i + window].sum(axis=0)
        norm = float((before @ before) ** 0.5 * (after @ after) ** 0.5) or 1.0
        gaps.append((float(before @ after) / norm, i))

    def fits(cuts: list[int]) -> bool:
        edges = [0, *sorted(cuts), len(blocks)]
        return all(b - a >= 2 and words[b] - words[a] >= SEGMENT_WORDS / 3
                   for a, b in zip(edges, edges[1:], strict=False))

    cuts: list[int] = []
    for _, i in sorted(gaps):
        if len(cuts) == want - 1:
            break
        if fits(cuts + [i]):
            cuts.append(i)
    return sorted(cuts)


def group(segments: Sequence[Segment], language: str = "en") -> list[list[int]]:
    """Group segments of several documents by topic (average linkage).

    Returns groups of indices into ``segments``, in order of first
    appearance.  Two groups join only when their average similarity reaches
    ``GROUP_SIMILARITY`` and they share no document.
    """
    vectors = _vectors(segments, language)
    similarity = vectors @ vectors.T
    groups = [[i] for i in range(len(segments))]
    while True:
        best, pair = GROUP_SIMILARITY, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if {segments[i].source for i in groups[a]} & {segments[j].source for j in groups[b]}:
                    continue
                score = float(similarity[groups[a]][:, groups[b]].mean())
                if score >= best:
                    best, pair = score, (a, b)
        if pair is None:
            break
        a, b = pair
        groups[a] = sorted(groups[a] + groups[b])
        del groups[b]
    return sorted(groups, key=lambda g: g[0])
