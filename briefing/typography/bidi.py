"""Right-to-left text (Arabic, Persian, Hebrew) in ReportLab.

ReportLab's own bidi support needs ``rlbidi``, which is not on PyPI, and is
switched off for paragraphs with more than one font anyway; its HarfBuzz
shaping shapes a word that mixes two fonts with the first one (a Latin name
followed by an Arabic comma comes out as a box).  So:

* shaping: :func:`shape` turns Arabic-script runs into their joined
  presentation forms with ``arabic-reshaper`` (the bundled Noto Naskh Arabic
  maps them), before layout, in logical order;
* paragraphs: :class:`BidiParagraph` lets ReportLab break the lines in
  logical order and reorders the words of each *line* when it is drawn, with
  the Unicode bidi algorithm of ``python-bidi`` run over one stand-in
  character per word; right-to-left words are drawn reversed, mirrored
  brackets swapped.  A paragraph with more right-to-left than left-to-right
  letters is set flush right.  Splitting across pages works on the logical
  lines, so it is unaffected;
* single lines (canvas strings, chart labels): :func:`visual_line` reshapes
  and reorders with ``python-bidi``'s ``get_display``.

z3c.rml builds ``<para>`` with the class in ``z3c.rml.flowable.Paragraph.klass``;
:func:`install` points it at :class:`BidiParagraph` (a subclass that behaves
exactly like z3c.rml's own for text without right-to-left characters).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_RTL_CLASSES = frozenset({"R", "AL"})
_TAG = re.compile(r"<[^>]*>")
_TOKEN = re.compile(r"\s+|\S+")
# One stand-in character per word class for the bidi algorithm.
_STAND_IN = {"R": "\u05d0", "L": "a", "EN": "1", "AN": "\u0661", "WS": " ", "ON": "!"}


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter."""
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def rtl_base(text: str) -> bool:
    """Whether ``text``'s first strong character is right-to-left (UAX #9 P2)."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in _RTL_CLASSES:
            return True
        if kind == "L":
            return False
    return False


def rtl_majority(text: str) -> bool:
    """Whether ``text`` has more right-to-left than left-to-right letters."""
    kinds = [unicodedata.bidirectional(c) for c in text]
    return sum(k in _RTL_CLASSES for k in kinds) > sum(k == "L" for k in kinds)


def shape(text: str) -> str:
    """Arabic-script letters of ``text`` in their joined presentation forms (logical order)."""
    if not has_rtl(text):
        return text
    import arabic_reshaper

    return str(arabic_reshaper.reshape(text))


def visual_line(text: str) -> str:
    """One line of ``text`` in visual order, Arabic letters in joined forms."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display  # mirrors brackets (UAX #9 L4), as words are

    return str(get_display(arabic_reshaper.reshape(text)))


def _word_class(token: str) -> str:
    if token.isspace():
        return "WS"
    kinds = {unicodedata.bidirectional(c) for c in token}
    if kinds & _RTL_CLASSES:
        return "R"
    if "L" in kinds:
        return "L"
    if "AN" in kinds:
        return "AN"
    if "EN" in kinds:
        return "EN"
    return "ON"


def visual_order(classes: list[str], rtl: bool) -> list[int]:
    """Indices of words with these bidi classes in visual (left-to-right) order."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels("".join(_STAND_IN[c] for c in classes), storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    return [char["index"] for char in storage["chars"]]


def _reversed(token: str) -> str:
    """A right-to-left word in drawing order: reversed, brackets mirrored."""
    from bidi.mirror import MIRRORED

    return "".join(MIRRORED.get(c, c) for c in reversed(token))


def reorder_line(words: list[Any], rtl: bool) -> list[Any]:
    """The frags of one laid-out line, cut into words and put in visual order."""
    units: list[tuple[Any, Any]] = []
    for frag in words:
        text = getattr(frag, "text", None)
        if hasattr(frag, "cbDefn") or not text:
            units.append((frag, None))
            continue
        for m in _TOKEN.finditer(str(text)):
            units.append((frag, m.group()))
    classes = ["ON" if token is None else _word_class(token) for _, token in units]
    out = []
    for i in visual_order(classes, rtl):
        frag, token = units[i]
        if token is not None and classes[i] == "R":
            token = _reversed(token)
        out.append(frag if token is None else frag.clone(text=token))
    return out


def reorder_words(words: list[str], rtl: bool) -> list[str]:
    """The words of one single-font line in visual order, right-to-left words reversed."""
    classes = [_word_class(str(w)) for w in words]
    return [_reversed(words[i]) if classes[i] == "R" else words[i] for i in visual_order(classes, rtl)]


@cache
def paragraph_class() -> type:
    """:class:`BidiParagraph`, built on first use (ReportLab is imported lazily)."""
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from z3c.rml.paraparser import Z3CParagraph

    class BidiParagraph(Z3CParagraph):  # type: ignore[misc]  # z3c.rml is untyped: a subclass of Any
        """A z3c.rml paragraph that draws right-to-left words in visual order."""

        def __init__(self, text: str | None, style: Any, *args: Any, **kwargs: Any) -> None:
            plain = _TAG.sub("", text) if text else ""
            if plain and has_rtl(plain):
                import copy

                style = copy.copy(style)
                style.briefing_rtl = rtl_majority(plain)
                if style.briefing_rtl and style.alignment == TA_LEFT:
                    style.alignment = TA_RIGHT
            super().__init__(text, style, *args, **kwargs)

        def drawPara(self, debug: int = 0) -> Any:
            rtl = getattr(self.style, "briefing_rtl", None)
            blpara = getattr(self, "blPara", None)
            if rtl is None or blpara is None:
                return super().drawPara(debug)
            if blpara.kind == 1:
                lines = [line.clone(words=reorder_line(line.words, rtl)) for line in blpara.lines]
            else:  # one font: lines are (extra space, [words])
                lines = [(space, reorder_words(words, rtl)) for space, words in blpara.lines]
            visual = blpara.clone(lines=lines)
            self.blPara = visual
            try:
                return super().drawPara(debug)
            finally:
                self.blPara = blpara

    return BidiParagraph


def install() -> None:
    """Make z3c.rml build ``<para>`` (and its subclasses) as :class:`BidiParagraph`."""
    from briefing.compat import use_paragraph_class

    use_paragraph_class(paragraph_class())
