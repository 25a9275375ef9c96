"""Layout of PDF lines: furniture, reading order, blocks, tables.

The geometry half of :mod:`briefing.readers.pdf` (see its docstring for the
steps): :func:`layout` turns the lines of every page into the body lines of
the document in reading order, :func:`make_blocks` groups them into
paragraphs, list items and tables.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from briefing.model import BlockKind
from briefing.readers._pdflines import Line, hyphen_words, join_lines

_BULLET = re.compile(r"^(?:[•▪●◦‣■□➢►–-]|\(?\d{1,2}[.)]|\(?[a-z]\))\s+(?=\S)")
_SYMBOL = re.compile(r"^[•▪●◦‣■□➢►]")
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$")  # a contents line
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?"
                          r"(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_TABLE_CAPTION = re.compile(r"^Table\s+[\dA-Z]+[.:]?\s", re.I)
_MARKER = re.compile(r"^(?:[•▪●◦‣■□➢►–-]|\(?\d{1,2}[.)]|\(?[a-z][.)])$")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’)\]]*)$")
CLOSED = re.compile(r"[.!?:;…](?:[\"'”’)\]]*)$")
_EDGE = 0.09  # share of the page height that counts as top or bottom margin


@dataclass
class TextBlock:
    """A block while reading: its lines and the font they share."""

    lines: list[Line]
    kind: BlockKind = "paragraph"
    level: int = 0
    broken: bool = False  # starts after a column or page break
    text: str = ""
    chrome: bool = False  # cover or masthead furniture: set aside into doc.chrome, not body text

    @property
    def first(self) -> Line:
        return self.lines[0]


# --------------------------------------------------------------------------
# Furniture and reading order
# --------------------------------------------------------------------------


def _key(text: str) -> str:
    """A line as furniture: case, digits and a page number at either end ignored."""
    key = re.sub(r"\d+", "#", " ".join(text.lower().split()))
    return re.sub(r"^(?:page )?#\W*|\W*(?:page )?#(?: of #)?$", "", key) or key


def layout(per_page: list[list[Line]], heights: list[tuple[float, float]],
            deadline: Any) -> list[Line]:
    """All body lines of the document in reading order."""
    body = body_size([x for lines in per_page for x in lines])
    edge_keys: Counter[str] = Counter()
    edge_sizes: dict[str, set[float]] = {}
    for lines, (bottom, top) in zip(per_page, heights, strict=True):
        margin = _EDGE * (top - bottom)
        in_margin = [x for x in lines if x.bottom > top - margin or x.top < bottom + margin]
        edge_keys.update({_key(x.text) for x in in_margin})
        for x in in_margin:
            edge_sizes.setdefault(_key(x.text), set()).add(round(x.size))
    repeats = max(2, round(0.3 * len(per_page)))
    furniture = {k: edge_sizes[k] for k, n in edge_keys.items() if n >= repeats}
    ordered: list[Line] = []
    for lines, (bottom, top) in zip(per_page, heights, strict=True):
        deadline.check()
        margin = _EDGE * (top - bottom)
        biggest = max((x.size for x in lines), default=0.0)
        kept: list[Line] = []
        for x in lines:
            edge = x.bottom > top - margin or x.top < bottom + margin
            key = _key(x.text)
            if key in furniture and (edge or len(x.text.split()) <= 12 and (
                    round(x.size) in furniture[key] or x.size < biggest)):
                continue  # a running header or footer (also on a cover page, not its title)
            if edge and (_PAGE_NUMBER.match(x.text) or x.size < 0.9 * body
                         and len(x.text.split()) <= 4):
                continue  # page numbers, small print in the margin
            if _LEADERS.search(x.text):  # a contents entry, with the lines it wraps from
                for _ in range(2):
                    if kept and kept[-1].page == x.page and not CLOSED.search(kept[-1].text) \
                            and 0 < kept[-1].base - x.base < 1.6 * x.size:
                        x = kept.pop()
                continue
            kept.append(x)
        ordered.extend(_order(_drop_footnotes(kept)))
    return ordered


def body_size(lines: list[Line]) -> float:
    """The font size of most running text, rounded to 0.5 pt.

    Running text is the lines of six words or more that are no table rows,
    counted by characters.
    """
    sizes: Counter[float] = Counter()
    for x in lines:
        if not x.cells and x.text.count(" ") >= 5:
            sizes[round(x.size * 2) / 2] += len(x.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _drop_footnotes(lines: list[Line]) -> list[Line]:
    """Lines in small print entirely below the page's lowest line of body text."""
    size = body_size(lines)
    body = [x.bottom for x in lines if abs(x.size - size) < 0.6 and not x.cells]
    if not body:
        return lines
    floor = min(body)
    small = [x for x in lines if x.top < floor and x.size < 0.92 * size]
    if sum(bool(x.cells) for x in small) > 0.3 * len(small):
        return lines  # a table in small print, not footnotes
    return [x for x in lines if not (x.top < floor and x.size < 0.92 * size)]


def _order(lines: list[Line], depth: int = 0) -> list[Line]:
    """``lines`` in reading order: bands top to bottom, columns left to right."""
    lines = sorted(lines, key=lambda x: (-round(x.top), x.x0))
    gutter = _gutter(lines) if depth < 3 and len(lines) >= 6 else None
    if gutter is None:
        return lines
    result: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    width = max(x.x1 for x in lines) - min(x.x0 for x in lines)
    for line in [*lines, None]:
        if line is not None and line.x1 <= gutter:
            left.append(line)
        elif line is not None and line.x0 >= gutter:
            right.append(line)
        else:  # a line across the gutter (or the end) ends the band
            for side in (left, right):
                _mark_aside(side, width, left if side is right else right)
            result += _order(left, depth + 1) + _order(right, depth + 1)
            result += [line] if line is not None else []
            left, right = [], []
    return result


def _mark_aside(side: list[Line], width: float, other: list[Line]) -> None:
    """Mark a sidebar: a narrow column of short lines that do not run on.

    Such a column holds names, dates, a report number beside the summary.
    """
    if not side or not other or max(x.x1 for x in side) - min(x.x0 for x in side) > 0.25 * width:
        return
    if all(len(x.text.split()) <= 6 for x in side) \
            and sum(x.text[:1].islower() for x in side) <= 0.2 * len(side):
        for line in side:
            line.aside = True


def _gutter(lines: list[Line]) -> float | None:
    """The x of the gap between columns that stand side by side, or None.

    ``lines`` run top to bottom.  For a candidate x (just right of some line's
    end), the lines that cross x cut the page into bands; a band with at least
    two lines wholly on each side of x, overlapping vertically, is a band of
    columns.  The gutter is the candidate with the most lines in such bands
    (then the widest gap), at least six of them.
    """
    x_min, x_max = min(x.x0 for x in lines), max(x.x1 for x in lines)
    if x_max - x_min < 120:
        return None
    starts = sorted(x.x0 for x in lines)
    candidates = sorted({round(x.x1) + 1.0 for x in lines
                         if x_min + 0.1 * (x_max - x_min) < x.x1 < x_max - 0.1 * (x_max - x_min)})
    best: tuple[int, float, float] | None = None  # (lines in columns, gap, gutter)
    for x in candidates:
        if len(starts) - bisect.bisect_left(starts, x) < 3:
            continue  # fewer than three lines start right of x
        found = _columns_at(lines, x)
        if found is not None and (best is None or found[:2] > best[:2]):
            best = found
    return best[2] if best is not None and best[0] >= 6 else None


def _columns_at(lines: list[Line], x: float) -> tuple[int, float, float] | None:
    """(lines in column bands, gap width, gap middle) for a cut at ``x``."""
    count, left_edge, right_edge = 0, -1e9, 1e9
    left: list[Line] = []
    right: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.x1 < x:
            left.append(line)
        elif line is not None and line.x0 >= x:
            right.append(line)
        else:  # a crossing line (or the end) closes the band
            if len(left) >= 2 and len(right) >= 2 and min(
                    max(a.top for a in left), max(a.top for a in right)) - max(
                    min(a.bottom for a in left), min(a.bottom for a in right)) > left[0].size:
                count += len(left) + len(right)
                left_edge = max(left_edge, max(a.x1 for a in left))
                right_edge = min(right_edge, min(a.x0 for a in right))
            left, right = [], []
    if not count or right_edge - left_edge < 4:
        return None
    return count, right_edge - left_edge, (left_edge + right_edge) / 2


# --------------------------------------------------------------------------
# Blocks, headings, title
# --------------------------------------------------------------------------


def make_blocks(lines: list[Line]) -> list[TextBlock]:
    """Group ordered lines into paragraphs and list items."""
    words = hyphen_words(lines)
    pitches = [(a.base - b.base) / a.size for a, b in zip(lines, lines[1:], strict=False)
               if a.page == b.page and 0 < a.base - b.base < 3 * a.size
               and abs(a.size - b.size) < 0.5]
    pitch = sorted(pitches)[len(pitches) // 2] if pitches else 1.2  # line spacing / size
    blocks: list[TextBlock] = []
    left_edge = right_edge = 0.0
    table = _table_lines(lines)
    for i, (prev, line) in enumerate(zip([None, *lines], lines, strict=False)):
        # "(5) tobacco" inside a sentence is no list item: numbers count after a full stop
        bullet = _BULLET.match(line.text) and not table[i] and (
            _SYMBOL.match(line.text) or prev is None or CLOSED.search(prev.text)
            or blocks[-1].kind == "list_item")
        moved = prev is None or line.page != prev.page or line.base > prev.base + 1
        if moved:
            left_edge, right_edge = _segment_edges(lines, i)
        if prev is None or table[i] or blocks[-1].kind == "table":
            if table[i] and blocks and blocks[-1].kind == "table" and table[i - 1] and not moved:
                blocks[-1].lines.append(line)
            else:
                kind: BlockKind = "table" if table[i] else "list_item" if bullet else "paragraph"
                blocks.append(TextBlock([line], kind, broken=moved))
            continue
        current = blocks[-1]
        gap = prev.base - line.base
        style = abs(line.size - prev.size) > 0.6 or line.bold != prev.bold
        short = prev.x1 < right_edge - 2.5 * prev.size and _SENTENCE_END.search(prev.text)
        if current.kind == "list_item":
            indent = line.x0 < current.first.x0 + 2 and not moved
        else:  # a first-line indent: a full line starting a little right of the margin
            indent = abs(prev.x0 - left_edge) < 2 and line.x1 > right_edge - line.size \
                and 0.8 * line.size < line.x0 - left_edge < 4 * line.size
        if moved or bullet or style or gap > (1.3 * pitch + 0.1) * max(line.size, prev.size) \
                or short or indent:
            blocks.append(TextBlock([line], "list_item" if bullet else "paragraph", broken=moved))
        else:
            current.lines.append(line)
    blocks = _join_broken(blocks)
    for block in blocks:
        if block.kind == "table":
            block.text = "\n".join(" | ".join(x.cells) if x.cells else x.text for x in block.lines)
            continue
        text = join_lines(block.lines, words)
        block.text = _BULLET.sub("", text, count=1) if block.kind == "list_item" else text
    result: list[TextBlock] = []
    for block in blocks:  # a drop cap: "U" + "nder the..." is "Under the..."
        cap = result[-1] if result else None
        if cap is not None and re.fullmatch(r"[^\W\d_]", cap.text) and block.text[:1].islower() \
                and cap.first.size > 1.5 * block.first.size:
            block.text = cap.text + block.text
            result[-1] = block
        elif block.text:
            result.append(block)
    return result


def _table_lines(lines: list[Line]) -> list[bool]:
    """Which lines belong to tables.

    They are runs of two or more rows (lines with wide gaps between cells),
    the short lines among them, and the column headers between a "Table 1."
    caption and the first row.
    """
    count = len(lines)
    row = [len(x.cells) >= 2 and not (len(x.cells) == 2 and _MARKER.match(x.cells[0]))
           for x in lines]
    table = row[:]

    def together(a: int, b: int) -> bool:  # same page and column
        return all(lines[k].page == lines[a].page and lines[k + 1].base < lines[k].base + 1
                   for k in range(a, b))

    for i in range(count):
        if not row[i] and len(lines[i].text.split()) <= 8:
            before = [j for j in range(max(0, i - 2), i) if row[j] and together(j, i)]
            after = [j for j in range(i + 1, min(count, i + 3)) if row[j] and together(i, j)]
            table[i] = bool(before and after)
    for i in range(count):
        caption = lines[i]
        if _TABLE_CAPTION.match(caption.text):
            start = i + 1
            while start < count and not row[start] and lines[start].bold == caption.bold \
                    and abs(lines[start].size - caption.size) < 0.3:
                start += 1  # the caption's own second line
            j = start
            while j < min(count, start + 8) and not row[j] and len(lines[j].text.split()) <= 6:
                j += 1
            if j < count and row[j] and together(i, j):
                for k in range(start, j):
                    table[k] = True
    start = 0
    while start < count:  # a lone row is not a table
        end = start
        while end < count and table[end] == table[start]:
            end += 1
        if table[start] and sum(row[start:end]) < 2:
            for k in range(start, end):
                table[k] = False
        start = end
    return table


def _segment_edges(lines: list[Line], index: int) -> tuple[float, float]:
    """The left and right margins of the column that ``lines[index]`` opens."""
    left, right = [lines[index].x0], [lines[index].x1]
    for a, b in zip(lines[index:], lines[index + 1:index + 80], strict=False):
        if b.page != a.page or b.base > a.base + 1:
            break
        left.append(b.x0)
        right.append(b.x1)
    left.sort()
    right.sort()
    return left[int(0.1 * (len(left) - 1))], right[int(0.9 * (len(right) - 1))]


def _join_broken(blocks: list[TextBlock]) -> list[TextBlock]:
    """Join a paragraph that a column or page break cut in two."""
    result: list[TextBlock] = []
    for block in blocks:
        prev = result[-1] if result else None
        if prev is not None and block.broken and block.kind == "paragraph" \
                and prev.kind in ("paragraph", "list_item") \
                and not CLOSED.search(prev.lines[-1].text) \
                and abs(prev.first.size - block.first.size) < 0.6 \
                and prev.first.bold == block.first.bold \
                and not _BULLET.match(block.first.text):
            prev.lines.extend(block.lines)
            continue
        result.append(block)
    return result
