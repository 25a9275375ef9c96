r"""The lines of a PDF page from pdfium, and line-end hyphens.

pdfium's text page gives the page text with its own line breaks (``\r\n``;
a hyphen at a line end comes back as U+FFFE with no break after it).  One
call fetches the whole text; per line a few more calls fetch the text
rectangles (one per run of one text object), the baseline, font size and
weight.  Per-character calls would cost ~2 s on a 68-page report; per line
the whole report takes ~0.3 s.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
from dataclasses import dataclass
from typing import Any

from briefing.textutil import strip_invisible

# A line ends at pdfium's break, or after its mark of a line-end hyphen.
_SEGMENT = re.compile(r"[^\r\n\ufffe\x02]*(?:[\ufffe\x02]|\r\n|\r|\n|$)")
_BOLD = re.compile(r"bold|black|heavy|demi|semibold|\bbd\b", re.I)
_FORCE_BOLD = 1 << 18
_SUPERSCRIPT = re.compile(r"^[\d*†‡§,–-]{1,5}$")  # footnote markers, not "th" in "119th"
#: Prefixes that keep their hyphen at a line end ("co-|opt", "non-|partisan").
_PREFIXES = frozenset("anti co cross ex mid multi non post pre quasi self semi vice well".split())
_WORD = r"[^\W\d_]+"


@dataclass
class Line:
    """One line of text with its geometry (PDF points, y upwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline
    size: float  # font size in points, as drawn
    bold: bool
    page: int
    hyphen: str = ""  # "soft": a discretionary hyphen was dropped at the end
    cells: tuple[str, ...] = ()  # the texts between wide gaps (a table row)
    aside: bool = False  # in a narrow sidebar beside the text


class _Calls:
    """ctypes out-parameters reused for every call on one text page."""

    def __init__(self, raw: Any) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.raw = raw
        self.box = [ctypes.c_double() for _ in range(4)]
        self.origin = [ctypes.c_double(), ctypes.c_double()]
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def rects(self, start: int, count: int) -> list[tuple[float, float, float, float]]:
        """(left, top, right, bottom) of each text run in the character range."""
        c, (left, top, right, bottom) = self.c, self.box
        result = []
        for k in range(c.FPDFText_CountRects(self.raw, start, count)):
            if c.FPDFText_GetRect(self.raw, k, left, top, right, bottom):
                result.append((left.value, top.value, right.value, bottom.value))
        return result

    def baseline(self, index: int) -> float:
        x, y = self.origin
        self.c.FPDFText_GetCharOrigin(self.raw, index, x, y)
        return y.value

    def size(self, index: int) -> float:
        """The font size as drawn: the set size times the text matrix's scale."""
        size = float(self.c.FPDFText_GetFontSize(self.raw, index))
        if self.c.FPDFText_GetMatrix(self.raw, index, self.matrix):
            scale = math.hypot(self.matrix.c, self.matrix.d)
            if 0.05 < scale and not 0.99 < scale < 1.01:
                size *= scale
        return size

    def bold(self, index: int) -> bool:
        if self.c.FPDFText_GetFontWeight(self.raw, index) >= 600:
            return True
        self.c.FPDFText_GetFontInfo(self.raw, index, self.name, 128, self.flags)
        name = self.name.value.decode("latin-1", "replace")
        return bool(_BOLD.search(name) or self.flags.value & _FORCE_BOLD)

    def char_x(self, index: int) -> float:
        """The horizontal centre of one character's box."""
        left, top, right, bottom = self.box
        self.c.FPDFText_GetCharBox(self.raw, index, left, right, bottom, top)
        return (left.value + right.value) / 2


def page_lines(page: Any, number: int) -> list[Line]:
    """The text lines of one pdfium page, in pdfium's order."""
    textpage = page.get_textpage()
    try:
        calls = _Calls(textpage.raw)
        count = calls.c.FPDFText_CountChars(textpage.raw)
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer(2 * (count + 1))
        written = calls.c.FPDFText_GetText(textpage.raw, 0, count,
                                           ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        text = buffer.raw[:2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
        lines = []
        for m in _SEGMENT.finditer(text):
            if m.start() == m.end():
                continue
            line = _line(calls, text, m.start(), m.end(), number)
            if line is not None:
                lines.append(line)
        return _merge_raised(lines)
    finally:
        textpage.close()


def _line(calls: _Calls, text: str, start: int, end: int, number: int) -> Line | None:
    """The Line for characters ``start:end`` of the page text, or None if blank."""
    segment = text[start:end].rstrip("\r\n")
    stripped = segment.strip()
    if not stripped:
        return None
    first = start + len(segment) - len(segment.lstrip())
    last = first + len(stripped) - 1
    rects = calls.rects(first, last - first + 1)
    if not rects:
        return None
    words = [first, (first + last) // 2, last]  # letters or digits at both ends and the middle
    while words[0] < last and not text[words[0]].isalnum():
        words[0] += 1
    while words[1] < last and not text[words[1]].isalnum():
        words[1] += 1
    while words[2] > words[0] and not text[words[2]].isalnum():
        words[2] -= 1
    sizes = sorted((calls.size(i), i) for i in words)
    size, middle = sizes[1]  # the median: a footnote marker or a space cannot decide it
    base = calls.baseline(middle)
    drop = _superscripts(calls, rects, base, size, first, last, text)
    body = text[first:last + 1]
    if drop:  # a dropped marker leaves a space ("scope.27 In" -> "scope. In")
        body = "".join(" " if i in drop else ch for i, ch in enumerate(body, first))
        body = re.sub(r" +([,.;:])", r"\1", body)
    hyphen = ""
    if body.endswith(("\ufffe", "\x02")):
        body = body[:-1] + "-"
    elif body.endswith("\u00ad"):
        body, hyphen = body[:-1], "soft"
    words = [i for i in words if i not in drop] or words
    body = strip_invisible(body.replace("\u00ad", ""))
    return Line(" ".join(body.split()), min(r[0] for r in rects), max(r[2] for r in rects),
                max(r[1] for r in rects), min(r[3] for r in rects), base,
                size, calls.bold(words[0]) and calls.bold(words[-1]), number, hyphen,
                _cells(calls, rects, size, text, first, last))


def _cells(calls: _Calls, rects: list[tuple[float, float, float, float]], size: float,
           text: str, first: int, last: int) -> tuple[str, ...]:
    """The texts of a line split at gaps wider than 1.2 em (table cells), or ()."""
    rects = sorted(rects)
    cuts: list[float] = []  # the left edge of every run after a wide gap
    right = rects[0][2]
    for left, _top, run_right, _bottom in rects[1:]:
        if left - right > max(1.2 * size, 6.0):
            cuts.append(left)
        right = max(right, run_right)
    if not cuts:
        return ()
    bounds = [first]
    for cut in cuts:
        bounds.append(_first_at(calls, bounds[-1], last, cut - 0.5))
    bounds.append(last + 1)
    cells = tuple(" ".join(strip_invisible(text[a:b]).split()) for a, b in zip(bounds, bounds[1:], strict=False))
    return cells if all(cells) else ()


def _first_at(calls: _Calls, low: int, high: int, x: float) -> int:
    """The first character in ``low``..``high`` whose centre is at ``x`` or right of it.

    It is ``high`` if none before it is: characters of a line run left to
    right.
    """
    return bisect.bisect_left(range(low, high), x, key=calls.char_x) + low


def _merge_raised(lines: list[Line]) -> list[Line]:
    """Join the pieces pdfium cut a line into at a superscript ("The 119" + "th Congress...").

    The pieces share a height band, the second starting where the first
    ends.  A raised piece that is only a footnote marker is dropped.
    """
    result: list[Line] = []
    for line in lines:
        prev = result[-1] if result else None
        if prev is None or line.page != prev.page or not prev.x1 - 2 <= line.x0 <= prev.x1 + prev.size \
                or min(prev.top, line.top) - max(prev.bottom, line.bottom) < 0.3 * prev.size:
            result.append(line)
            continue
        small, big = (line, prev) if line.size < prev.size else (prev, line)
        if small.size < 0.8 * big.size and small.base > big.base + 0.2 * big.size \
                and _SUPERSCRIPT.match(small.text) and small is line:
            continue  # "...power." + raised "1"
        glue = "" if line.x0 - prev.x1 < 0.15 * big.size else " "
        result[-1] = Line(prev.text + glue + line.text, prev.x0, max(prev.x1, line.x1),
                          max(prev.top, line.top), min(prev.bottom, line.bottom), big.base,
                          big.size, big.bold, prev.page, line.hyphen)
    return result


def _superscripts(calls: _Calls, rects: list[tuple[float, float, float, float]], base: float,
                  size: float, first: int, last: int, text: str) -> set[int]:
    """Indices of raised small characters that are footnote markers in a line."""
    drop: set[int] = set()
    for left, top, right, bottom in rects:
        if size <= 0 or top - bottom >= 0.75 * size or bottom <= base + 0.25 * size:
            continue
        low = _first_at(calls, first, last, left - 0.5)
        found = set()
        while low <= last and not text[low].isspace() and calls.char_x(low) <= right + 0.5:
            found.add(low)
            low += 1
        if found and _SUPERSCRIPT.match("".join(text[i] for i in sorted(found))):
            drop |= found
    return drop


# --------------------------------------------------------------------------
# Line-end hyphens
# --------------------------------------------------------------------------


Vocabulary = tuple[set[str], set[str]]


def hyphen_words(lines: list[Line]) -> Vocabulary:
    """Words and hyphenated compounds seen inside lines (not at their ends).

    The evidence :func:`keep_hyphen` uses: the first word after a line-end
    hyphen and the last word before one are left out, since they are the
    fragments in question.
    """
    words: set[str] = set()
    compounds: set[str] = set()
    after_hyphen = False
    for line in lines:
        tokens = re.findall(rf"{_WORD}(?:-{_WORD})*-?", line.text.lower())
        ends_hyphen = bool(line.hyphen) or line.text.endswith("-")
        if after_hyphen:
            tokens = tokens[1:]
        if ends_hyphen:
            tokens = tokens[:-1]
        for token in tokens:
            token = token.strip("-")
            if "-" in token:
                compounds.add(token)
                words.update(token.split("-"))
            else:
                words.add(token)
        after_hyphen = ends_hyphen
    return words, compounds


def keep_hyphen(left: str, right: str, vocabulary: Vocabulary) -> bool:
    """Whether ``left-`` at a line end and ``right`` on the next line form a hyphenated compound.

    True for a compound, False for one word broken by hyphenation.

    Evidence from the document first: the compound written elsewhere, or the
    joined word written elsewhere.  Then: a capital or digit after the hyphen
    ("FDA-Regulated", "114-255") or a prefix such as "non-" keeps it; two
    fragments that are both words elsewhere keep it ("second-|largest");
    anything else is joined ("docu-|ments").
    """
    words, compounds = vocabulary
    if not right[:1].islower():
        return True
    lower_left, lower_right = left.lower(), right.lower()
    if f"{lower_left}-{lower_right}" in compounds:
        return True
    if lower_left + lower_right in words:
        return False
    if lower_left in _PREFIXES:
        return True
    return len(lower_left) > 2 and len(lower_right) > 2 \
        and lower_left in words and lower_right in words


def join_lines(lines: list[Line], vocabulary: Vocabulary) -> str:
    """The text of consecutive lines as one paragraph, hyphens repaired."""
    text = lines[0].text
    for prev, line in zip(lines, lines[1:], strict=False):
        if not line.text:
            continue
        if prev.hyphen == "soft":
            text += line.text
            continue
        left = re.search(rf"({_WORD})-$", text[-80:])
        right = re.match(_WORD, line.text)
        if left and right and not keep_hyphen(left.group(1), right.group(), vocabulary):
            text = text[:-1] + line.text
        elif re.search(r"\S[-–—/]$", text[-2:]):  # "FDA-" "2018–" "predict—" "https://…/"
            text += line.text
        else:
            text += " " + line.text
    return text.strip()


# --------------------------------------------------------------------------
# XMP metadata
# --------------------------------------------------------------------------


def xmp_metadata(data: bytes) -> dict[str, str]:
    """Title, author and dates from the XMP packet of a PDF ({} if none).

    The packet is read with pypdf (only the catalogue's /Metadata stream, at
    most 1 MB) and parsed by lxml with entities, DTDs and network off; a
    packet with a DOCTYPE is ignored.
    """
    import io

    from lxml import etree
    from pypdf import PdfReader

    try:
        root: Any = PdfReader(io.BytesIO(data)).trailer["/Root"].get_object()
        stream: Any = root.get("/Metadata")
        if stream is None:
            return {}
        stream = stream.get_object()
        if int(stream.get("/Length", 0)) > 1024 * 1024:
            return {}
        packet = stream.get_data()
        if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
            return {}
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, recover=False)
        root = etree.fromstring(packet.strip(), parser)
    except Exception:  # XMP is optional: a broken packet is ignored
        return {}
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    found: dict[str, str] = {}
    title = root.xpath("string(//dc:title//rdf:li[1])", namespaces=ns).strip()
    creators = [str(x).strip() for x in root.xpath("//dc:creator//rdf:li/text()", namespaces=ns)]
    if title:
        found["title"] = title
    if any(creators):
        found["author"] = ", ".join(c for c in creators if c)
    for key, name in (("created", "CreateDate"), ("modified", "ModifyDate")):
        value = root.xpath(f"string(//@xmp:{name} | //xmp:{name})", namespaces=ns).strip()
        if value:
            found[key] = value
    return found
