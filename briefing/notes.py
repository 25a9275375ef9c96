"""What in a document is apparatus, not content: back-matter headings and note lines.

Shared by the readers, which mark notes (:func:`briefing.readers.notes.mark_notes`),
and the analysis, which leaves them out of themes, actors, dates and figures.

* **Back matter** opens with a heading such as "Notes", "References",
  "Bibliography", "Sources", "Appendix" (and their Turkish, Azerbaijani,
  Russian and Ukrainian equivalents): nothing after it is a theme.
* **A note line** is a footnote or endnote ("[^1]: …", "1. See …"), a source
  or note line under a table or a chart ("Source: …", "Notes: …",
  "Mənbə: …", "Источник: …") or a caption ("Table 1. National obligations as
  of March 29, 2026"), wherever it stands.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from briefing.model import Block

__all__ = ["is_back_matter", "is_caption", "is_note", "is_prose", "is_table_row", "unnumbered"]

# Headings that open a document's back matter: nothing after them is a theme.
_BACK_MATTER = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:foot|end)?notes?$|^references?$|^bibliography$|^sources?$|^footnotes$|"
    r"^works cited$|^further reading$|^sources and notes$|^notes and sources$|"
    r"^acknowledge?ments?$|^about the authors?$|^author(?:s|'s)? (?:information|contact)|^disclaimer$|"
    r"^appendix\b|^annex\b|^related (?:articles|stories|content)$",
    re.IGNORECASE,
)
# The same in Turkish, Azerbaijani, Russian and Ukrainian: bibliographies, notes,
# "recommended sources" and "further reading" (anywhere in the heading).
_BACK_MATTER_LOCAL = re.compile(
    r"\bkaynakça|\bokumalar|\bokuma önerileri|\breferanslar|^(?:dipnotlar|notlar|ekler)\b"
    r"|\bkaynak\w*\b.*\b(?:okuma|öneri)\w*"
    r"|\b(?:okuma|önerilen)\w*\b.*\bkaynak|^(?:istifadə olunmuş )?ədəbiyyat|^(?:mənbələr|qeydlər|istinadlar)$"
    r"|^(?:список (?:использованной )?литературы|литература|источники|примечания|сноски|библиография"
    r"|джерела|примітки|література|список літератури)$",
    re.IGNORECASE,
)
# A heading's own numbering: "1.", "2.3", "IV.", "A)" before the words.
_NUMBERING = re.compile(r"^(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6}|[A-Z])[.)]|\d{1,2}(?:\.\d{1,2})+)\s+(?=\S)")

_NOTE = re.compile(
    r"^\s*(?:\[\^[\w-]+\]:"  # a Markdown footnote definition
    r"|\[\d{1,3}\]\s"  # "[12] Author, Title"
    r"|\d{1,3}\.?\s+(?:See\b|Ibid\b|Id\.|Cf\.)"  # "12. See id. at 425."
    r"|(?:Sources?|Notes?|Sources? and notes?|Notes? and sources?|Data|Credit|Photo|Source and methods?"
    r"|Kaynak(?:lar)?|Not(?:lar)?|Mənbə(?:lər)?|Qeyd(?:lər)?|Источник(?:и)?|Примечани[ея]|Джерело|Джерела"
    r"|Примітк[аи])\s*:)",
)
_CAPTION = re.compile(
    r"^\s*(?:Table|Figure|Chart|Graph|Map|Box|Exhibit|Infographic|Cədvəl|Qrafik|Şəkil|Tablo|Grafik|Şekil"
    r"|Таблица|Рисунок|График|Схема|Таблиця|Рисунок)\s+(?:[A-Z]?\d{1,3}(?:\.\d{1,2})?|[IVX]{1,4})[.:–—-]?\s"
)
_CAPTION_WORDS = 30  # a caption is short: "Table 1 compares …" is a sentence about the table


def unnumbered(heading: str) -> str:
    """The heading without its own section number (the brief numbers themes itself)."""
    heading = heading.strip()
    m = _NUMBERING.match(heading)
    if m is None or m.end() == len(heading):
        return heading
    if m.group().rstrip()[-1].isdigit() and heading[m.end()].islower():
        return heading  # "1.5 degrees of warming": a number, not a section
    return heading[m.end():]


def is_back_matter(heading: str) -> bool:
    """Whether a heading opens notes, references, sources or appendices."""
    text = unnumbered(heading).strip(" :.")
    return bool(_BACK_MATTER.match(text) or _BACK_MATTER_LOCAL.search(text))


def is_note(text: str) -> bool:
    """Whether a block is a footnote, an endnote, a source or note line, or a caption."""
    return bool(_NOTE.match(text)) or is_caption(text)


def is_caption(text: str) -> bool:
    """Whether a block is a table or figure caption ("Table 1. National obligations")."""
    caption = _CAPTION.match(text)
    if caption is None or len(text.split()) > _CAPTION_WORDS:
        return False
    return not re.match(r"\s*(?:shows|compares|lists|summari[sz]es|presents|gives|sets out|illustrates)\b",
                        text[caption.end():])  # "Table 1 compares …" is a sentence about the table


def is_prose(block: Block) -> bool:
    """Whether a block is text to summarise: no heading, table or note, nor a table read as a paragraph."""
    return block.kind not in ("heading", "table", "note") and not is_table_row(block.text)


def is_table_row(text: str) -> bool:
    """Whether a paragraph is a table that came through as text ("| Facility | 84.7 |")."""
    return text.lstrip().startswith("|") or text.count(" | ") >= 2
