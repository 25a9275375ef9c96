"""Font fallback per run of text, applied to the RML before layout.

ReportLab draws a character its font lacks as nothing at all.  So after the
template has produced its RML, every run of text the current face cannot
draw is wrapped in ``<font name="...">`` of a bundled face that can
(Georgian, Armenian, Hebrew, Arabic script; Noto Sans for Latin, Greek and
Cyrillic when a house font lacks them).  Punctuation and digits inside a
fallback word go with it, so a word is never split between two fonts (a
shaped right-to-left word must be one font).  A character no bundled font
has becomes U+FFFD, a visible replacement, and is named in a warning by
:mod:`briefing.typography.glyphs`.

Canvas strings (``drawString`` and friends in page graphics) cannot switch
fonts inside one string: they are split into one string per run, placed by
the runs' measured widths.  Coverage is read once per font file, from the
cache folder when it can be (:func:`briefing.typography.fontcache.coverage`),
so a fallback face is parsed only when a run of text needs it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

REPLACEMENT = "\ufffd"
PREFIX = "BriefingFallback-"

# (family suffix, regular file, bold file): the first that covers a character wins.
_BUNDLED = (
    ("Georgian", "NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),
    ("Armenian", "NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),
    ("Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ("Arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    ("Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
)

PARA_TAGS = frozenset({"para", "title", "h1", "h2", "h3", "h4", "h5", "h6"})
_STRING_TAGS = {"drawString": "left", "drawRightString": "right",
                "drawCentredString": "centre", "drawCenteredString": "centre"}
_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em"})


@dataclass(frozen=True)
class Fallback:
    """A bundled fallback family: ReportLab face names and files."""

    family: str
    regular: Path
    bold: Path

    @property
    def face(self) -> str:
        """The ReportLab name of the regular face."""
        return PREFIX + self.family

    def face_for(self, bold: bool) -> str:
        """The ReportLab name of the bold or the regular face."""
        return self.face + ("-Bold" if bold else "")

    def path_for(self, bold: bool) -> Path:
        """The file of the bold or the regular face."""
        return self.bold if bold else self.regular


@cache
def fallbacks() -> tuple[Fallback, ...]:
    """The bundled fallback families, in the order they are tried."""
    from briefing.resources import font_path

    return tuple(Fallback(name, font_path(r), font_path(b)) for name, r, b in _BUNDLED)


@cache
def coverage(path: str | Path) -> frozenset[int]:
    """Code points the font file at ``path`` maps to a glyph (its cmap)."""
    from briefing.typography.fontcache import coverage as cmap

    return cmap(str(path))


@cache
def metrics(path: str) -> Any:
    """A ReportLab TTFont of ``path`` for its cmap and advance widths (the one parse of the file)."""
    from briefing.typography.fontcache import parsed

    return parsed(path)


def measured_runs(text: str, path: str | Path, size: float,
                  bold: bool = False) -> list[tuple[Fallback | None, str, float]]:
    """``text``'s font runs (:func:`runs`) with each run's width in points at ``size``."""
    return [(fb, chunk, metrics(str(fb.path_for(bold) if fb else path)).stringWidth(chunk, size))
            for fb, chunk in runs(text, path, bold)]


def string_width(text: str, path: str | Path, size: float) -> float:
    """Width of ``text`` in points as drawn with fallback from the font at ``path``."""
    return sum(width for _fb, _chunk, width in measured_runs(text, path, size))


def _declare(root: Any, used: set[Fallback]) -> None:
    """Register the fallback families ``used`` in the RML's ``<docinit>``.

    z3c.rml resets ReportLab's family mappings when it starts, so the faces
    are declared in the document like the template's own, and only those used.
    """
    from lxml import etree

    if not used:
        return
    docinit = root.find("docinit")
    if docinit is None:
        docinit = etree.Element("docinit")
        root.insert(0, docinit)
    for fb in sorted(used, key=lambda f: f.family):
        for bold in (False, True):
            etree.SubElement(docinit, "registerTTFont", faceName=fb.face_for(bold),
                             fileName=str(fb.path_for(bold)))
        etree.SubElement(docinit, "registerFontFamily", name=fb.face, normal=fb.face,
                         bold=fb.face_for(True), italic=fb.face, boldItalic=fb.face_for(True))


def renderable(char: str, paths: list[Path] | tuple[Path, ...] = ()) -> bool:
    """Whether ``char`` is drawn by one of ``paths`` or a bundled fallback."""
    code = ord(char)
    return any(code in coverage(p) for p in paths) or any(code in coverage(fb.regular) for fb in fallbacks())


@cache
def _fallback_index(code: int, bold: bool) -> int | None:
    """Index of the first bundled fallback that covers ``code`` (memoised per character)."""
    return next((k for k, fb in enumerate(fallbacks()) if code in coverage(fb.path_for(bold))), None)


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def runs(text: str, path: str | Path, bold: bool = False) -> list[tuple[Fallback | None, str]]:
    """``text`` cut into runs: ``(None, chunk)`` for the face at ``path``, else ``(fallback, chunk)``.

    The fallback is a bundled face that covers the chunk.  Characters no
    font covers become U+FFFD (zero-width format characters stay, invisible
    as they are meant to be).  Non-letters inside a word of a fallback run,
    and spaces between two such words, join that run.
    """
    primary = coverage(path)
    order = fallbacks()
    picks: list[int] = []  # -1: primary, else index into order
    chars = list(text)
    for i, c in enumerate(chars):
        code = ord(c)
        if code in primary or c.isspace():
            picks.append(-1)
            continue
        found = _fallback_index(code, bold)
        if found is None:
            if unicodedata.category(c) != "Cf":
                chars[i] = REPLACEMENT
            found = -1 if ord(REPLACEMENT) in primary or chars[i] != REPLACEMENT else len(order) - 1
        picks.append(found)
    if all(p == -1 for p in picks):
        return [(None, "".join(chars))] if chars else []
    _absorb(chars, picks, order, bold)
    out: list[tuple[Fallback | None, str]] = []
    start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or picks[i] != picks[start]:
            out.append((order[picks[start]] if picks[start] >= 0 else None, "".join(chars[start:i])))
            start = i
    return out


def _absorb(chars: list[str], picks: list[int], order: tuple[Fallback, ...], bold: bool) -> None:
    """Let non-letters of a fallback word, and spaces between fallback words, join the fallback."""
    n = len(chars)
    i = 0
    while i < n:  # words: maximal runs of non-space characters
        if chars[i].isspace():
            i += 1
            continue
        j = i
        while j < n and not chars[j].isspace():
            j += 1
        kinds = {picks[k] for k in range(i, j) if picks[k] >= 0}
        if len(kinds) == 1:
            k0 = kinds.pop()
            cover = coverage(order[k0].path_for(bold))
            for k in range(i, j):
                if picks[k] == -1 and not _is_letter(chars[k]) and ord(chars[k]) in cover:
                    picks[k] = k0
        i = j
    for k in range(n):  # a space between two runs of one fallback joins them
        if chars[k].isspace() and picks[k] == -1:
            left = next((picks[m] for m in range(k - 1, -1, -1) if not chars[m].isspace()), -1)
            right = next((picks[m] for m in range(k + 1, n) if not chars[m].isspace()), -1)
            if left == right >= 0 and ord(chars[k]) in coverage(order[left].path_for(bold)):
                picks[k] = left


# --- the RML tree -----------------------------------------------------------------


@dataclass
class _Fonts:
    """What the RML registers: face → file, face → (family, bold, italic), styles."""

    files: dict[str, str]
    family_of: dict[str, tuple[str, bool, bool]]
    members: dict[tuple[str, bool, bool], str]
    style_font: dict[str, str]
    used: set[Fallback] = field(default_factory=set)

    def resolve(self, face: str, bold: bool, italic: bool) -> str:
        """The face ``<b>``/``<i>`` turn ``face`` into, as ReportLab's tt2ps does."""
        family, b0, i0 = self.family_of.get(face, (face, False, False))
        return self.members.get((family, b0 or bold, i0 or italic), face)

    def is_bold(self, face: str) -> bool:
        return self.family_of.get(face, ("", "bold" in face.lower(), False))[1]


def _read_fonts(root: Any) -> _Fonts:
    files = {e.get("faceName"): e.get("fileName") for e in root.iter("registerTTFont")}
    family_of: dict[str, tuple[str, bool, bool]] = {}
    members: dict[tuple[str, bool, bool], str] = {}
    for e in root.iter("registerFontFamily"):
        name = e.get("name")
        for attr, b, i in (("normal", False, False), ("bold", True, False),
                           ("italic", False, True), ("boldItalic", True, True)):
            face = e.get(attr)
            if face:
                members[(name, b, i)] = face
                family_of.setdefault(face, (name, b, i))
    parents = {e.get("name"): e for e in root.iter("paraStyle")}
    style_font: dict[str, str] = {}
    for name, e in parents.items():
        seen, node = set(), e
        while node is not None and node.get("fontName") is None and node.get("parent") not in seen:
            seen.add(node.get("parent"))
            node = parents.get(node.get("parent"))
        if node is not None and node.get("fontName"):
            style_font[name] = node.get("fontName")
    return _Fonts(files, family_of, members, style_font)


def apply(root: Any) -> None:
    """Wrap every run of text its face cannot draw in a fallback ``<font>`` (in place)."""
    from briefing.typography import bidi

    bidi.install()
    fonts = _read_fonts(root)
    for el in list(root.iter(*PARA_TAGS)):
        face = el.get("fontName") or fonts.style_font.get(el.get("style") or "")
        if face:
            _fix_mixed(el, face, False, False, fonts)
    for graphics in root.iter("pageGraphics", "illustration"):
        _fix_canvas(graphics, fonts)
    _declare(root, fonts.used)


def _fix_mixed(el: Any, face: str, bold: bool, italic: bool, fonts: _Fonts) -> None:
    """Fallback for ``el``'s text, its children (recursively) and their tails."""
    current = fonts.resolve(face, bold, italic)
    children = list(el)
    el.text = _split_into(el, el.text, current, fonts, at=0)
    for child in children:
        tag = child.tag if isinstance(child.tag, str) else ""
        sub_face = face
        if tag in ("font", "span") and (child.get("name") or child.get("face")) in fonts.files:
            sub_face = child.get("name") or child.get("face")
        _fix_mixed(child, sub_face, bold or tag in _BOLD_TAGS, italic or tag in _ITALIC_TAGS, fonts)
        child.tail = _split_into(el, child.tail, current, fonts, at=el.index(child) + 1)


def shape(text: str) -> str:
    """Arabic-script text in joined forms (see :mod:`briefing.typography.bidi`)."""
    from briefing.typography.bidi import shape as reshape

    return reshape(text)


def _split_into(parent: Any, text: str | None, face: str, fonts: _Fonts, at: int) -> str | None:
    """Insert fallback ``<font>`` runs of ``text`` into ``parent`` at ``at``; return the leading text."""
    path = fonts.files.get(face)
    if not text or path is None:
        return text
    parts = runs(text, path, fonts.is_bold(face))
    if len(parts) == 1 and parts[0][0] is None:
        return parts[0][1]
    from lxml import etree

    lead = parts[0][1] if parts[0][0] is None else ""
    last: etree._Element | None = None
    for fb, chunk in parts[1:] if parts[0][0] is None else parts:
        if fb is None:
            assert last is not None  # a primary run follows a fallback run
            last.tail = chunk
            continue
        fonts.used.add(fb)
        last = etree.Element("font", name=fb.face_for(fonts.is_bold(face)))
        last.text = shape(chunk) if fb.family == "Arabic" else chunk
        parent.insert(at, last)
        at += 1
    return lead


def _fix_canvas(graphics: Any, fonts: _Fonts) -> None:
    """Split canvas strings that need fallback into one string per font run."""
    from briefing.typography import bidi

    face, size = "", 10.0
    for el in list(graphics):
        if el.tag == "setFont":
            face, size = el.get("name", face), float(el.get("size", size))
            continue
        if el.tag not in _STRING_TAGS or len(el) or not el.text or face not in fonts.files:
            continue
        text = bidi.visual_line(el.text)
        measured = measured_runs(text, fonts.files[face], size, fonts.is_bold(face))
        if len(measured) == 1 and measured[0][0] is None:
            el.text = measured[0][1]
            continue
        try:
            x = float(el.get("x"))
        except (TypeError, ValueError):
            continue  # a measurement with units: leave as is
        parts = [(fb, chunk) for fb, chunk, _w in measured]
        widths = [w for _fb, _chunk, w in measured]
        align = _STRING_TAGS[el.tag]
        x -= sum(widths) if align == "right" else sum(widths) / 2 if align == "centre" else 0
        index = graphics.index(el)
        graphics.remove(el)
        for node in _canvas_runs(parts, widths, x, el.get("y"), face, size, fonts):
            graphics.insert(index, node)
            index += 1


def _canvas_runs(parts: list[tuple[Fallback | None, str]], widths: list[float], x: float,
                 y: str, face: str, size: float, fonts: _Fonts) -> Iterator[Any]:
    from lxml import etree

    for (fb, chunk), width in zip(parts, widths, strict=True):
        if fb is not None:
            fonts.used.add(fb)
        run_face = fb.face_for(fonts.is_bold(face)) if fb else face
        yield etree.Element("setFont", name=run_face, size=f"{size:g}")
        node = etree.Element("drawString", x=f"{x:.3f}", y=y)
        node.text = chunk
        yield node
        x += width
    yield etree.Element("setFont", name=face, size=f"{size:g}")


# --- charts (ReportLab drawings) ---------------------------------------------------


def register_faces(which: Iterable[Fallback] | None = None) -> None:
    """Register fallback faces (all, or ``which``) with ReportLab for drawings (charts).

    A chart's strings name a face directly.  Each file is parsed once per
    process (``fontcache``), and the faces come back after z3c.rml resets
    ReportLab's registry for a document.
    """
    from briefing.typography.fontcache import register

    for fb in fallbacks() if which is None else which:
        for bold in (False, True):
            register(fb.face_for(bold), str(fb.path_for(bold)))
