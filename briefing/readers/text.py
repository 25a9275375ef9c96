"""Plain-text reader (.txt): decoding, paragraphs, headings, title.

Decoding: UTF-8 (with or without BOM), UTF-16/32 with a BOM; anything else is
a legacy 8-bit file, guessed and reported in ``doc.warnings`` (see
:func:`decode`).  Structure comes from layout alone: blank-line separated
paragraphs (or one paragraph per line when a file has no blank lines), short
title-like lines followed by longer text are headings, the first such line is
the title.  Site chrome at the edges is set aside (:mod:`.chrome`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from briefing.errors import InputError
from briefing.model import Block, Document
from briefing.readers import Reader, chrome, number_blocks
from briefing.readers.limits import ReaderLimits
from briefing.textutil import strip_invisible

# Single-byte and CJK code pages offered to charset-normalizer (restricting
# it avoids exotic picks such as mac_roman for cp1252 text with curly quotes).
_LEGACY = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256",
           "cp1257", "koi8_r", "koi8_u", "gb18030", "big5", "euc_kr", "shift_jis",
           "euc_jp", "cp874"]
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_ICELANDIC = frozenset("ðýþÐÝÞ")  # cp1252 letters that are ğ ı ş Ğ İ Ş in cp1254
_ICELANDIC_VOWELS = frozenset("æáíóúéÆÁÍÓÚÉ")
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_TERMINAL = ".!?…։。।۔؟"
_BULLET = re.compile(r"^[-*•▪●◦‣–]\s+(?=\S)")
_NUMBERED = re.compile(r"^\(?\d{1,3}[.)]\s+(?=\S)")
_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_LABEL = re.compile(r"^(?P<title>.*?\w[^\s\-–—|]*)\s*[-–—|]\s*"
                    r"(?P<label>[^\W\d_]{4,20}(?: [^\W\d_]{2,20})?)$")
_INITIALISM = re.compile(r"\b(?:[A-Z]\.){2,}")  # "U.S.", "U.K.", "E.U."
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-ZÀ-ÞĀ-ſА-Я\d])")


def codec_label(encoding: str) -> str:
    """A reader-friendly name of a Python codec: cp1251 -> windows-1251."""
    name = codecs.lookup(encoding).name
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    return name.replace("_", "-").replace("iso8859", "iso-8859")


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode(data: bytes, path: str = "-") -> tuple[str, str, str | None]:
    """Decode ``data``: returns (text, encoding, warning or None).

    UTF-8 and BOM-marked UTF-16/32 decode silently.  Otherwise the bytes are
    a legacy encoding: text that is mostly ASCII letters under windows-1252 is
    Western European (windows-1254 when it shows the Turkish letters that
    windows-1252 reads as Icelandic ones); the rest is guessed by
    charset-normalizer among common code pages.  Measured on 19 NTREX
    articles in Russian, Ukrainian (windows-1251, KOI8-R), Turkish
    (windows-1254) and English with curly quotes (windows-1252), each cut to
    80 and 300 characters and whole: 284 of 285 right, against 251 for
    charset-normalizer alone.  Binary data raises InputError.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            bad = text.count("\ufffd")
            warning = (f"{bad} invalid {codec_label(codec)} sequences replaced"
                       if bad else None)
            return _check_text(text.removeprefix("\ufeff"), path), codec, warning
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8", None
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    # Valid multi-byte sequences almost never happen by chance in a legacy
    # encoding: if they outnumber the bad bytes, this is UTF-8 with damage.
    if len(_UTF8_MULTIBYTE.findall(data)) >= max(3, 2 * bad):
        return _check_text(text, path), "utf-8", f"{bad} invalid UTF-8 bytes replaced"
    if b"\x00" in data:
        raise InputError(f"{path}: binary data, not text (or UTF-16 without a "
                         "byte-order mark)")
    encoding = _guess_legacy(data)
    text = data.decode(encoding, errors="replace")
    return _check_text(text, path), encoding, f"decoded as {codec_label(encoding)} (not UTF-8)"


def _looks_western(text: str) -> bool:
    """True if ``text`` (decoded as windows-1252) reads like a Latin script.

    In Western European text accented letters sit inside mostly-ASCII words;
    Cyrillic or Greek bytes read as windows-1252 make whole words of accented
    letters, and Central European ones put symbols (¿ ³ ¹) inside words.
    """
    if re.search(r"[^\W\d_][\xa1-\xbf][^\W\d_]", text):
        return False
    accented = [w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()]
    return sum(any(c.isascii() for c in w) for w in accented) >= 0.7 * len(accented)


def _guess_legacy(data: bytes) -> str:
    """The Python codec of a legacy 8-bit text (see :func:`decode`)."""
    if not _CP1252_UNDEFINED.intersection(data):
        text = data.decode("cp1252")
        if _looks_western(text):
            if _ICELANDIC.intersection(text) and not _ICELANDIC_VOWELS.intersection(text):
                return "cp1254"
            return "cp1252"
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY).best()
    return best.encoding if best is not None else "cp1252"


def _check_text(text: str, path: str) -> str:
    """Refuse decoded text that is mostly control characters (binary data)."""
    bad = sum(1 for c in text if (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
              or c == "\ufffd")
    if bad > max(2, len(text) // 100):
        raise InputError(f"{path}: binary data, not text")
    return text


def normalise(text: str) -> str:
    """Unify line endings, drop invisible junk, NFC; quotes and dashes stay."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in (("\u2028", "\n"), ("\u2029", "\n\n"), ("\x85", "\n"),
                     ("\f", "\n\n"), ("\v", "\n"), ("\ufeff", ""), ("\u00ad", "")):
        text = text.replace(old, new)
    text = strip_invisible(unicodedata.normalize("NFC", text))
    return "\n".join(line.rstrip() for line in text.split("\n"))


# --------------------------------------------------------------------------
# Shared structure rules (also used by the Markdown reader)
# --------------------------------------------------------------------------


def is_heading_like(text: str) -> bool:
    """A short, title-like line: could be a heading if longer text follows."""
    words = text.split()
    if not 1 <= len(words) <= 15 or len(text) > 120 or "\n" in text:
        return False
    core = text.rstrip("\"'”’»)]“„")
    if not core or core[-1] in _TERMINAL.replace("?", "") + ",;:" or text[0] in "\"'“‘«(-–—•*":
        return False
    if not (text[0].isupper() or text[0].isdigit()) or not re.search(r"[^\W\d_]{2}", text):
        return False
    if core.endswith("?"):  # a question is a heading only in Title Case
        long_words = [w for w in words if len(w) > 3]
        if core != text or sum(w[0].isupper() for w in long_words) < 0.6 * len(long_words):
            return False
    found = chrome.classify(text)
    if found is not None and found.key in ("published", "updated"):  # a date line
        return False
    body = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", text)
    return not _SENTENCE_END.search(_INITIALISM.sub("X", body))  # "U.S. Methane Emissions" is no sentence end


def heading_level(text: str) -> int:
    """1, or the depth of a section number ("2.1 Scope" -> 2)."""
    m = _SECTION_NUMBER.match(text)
    return m.group(1).count(".") + 1 if m else 1


def split_title(line: str) -> tuple[str, str | None, str | None]:
    """Split a title line into (title, subtitle, genre label).

    A trailing all-caps word after a hyphen or dash is a genre label
    ("...development-ANALYSIS"); the first ": " splits title and subtitle when
    both sides have at least three words.
    """
    title, label = line.strip(), None
    m = _LABEL.match(title)
    if m and m.group("label").isupper() and not m.group("title").isupper() \
            and len(m.group("title").split()) >= 2:
        title, label = m.group("title").strip(), m.group("label")
    subtitle = None
    head, sep, tail = title.partition(": ")
    if sep and len(head.split()) >= 3 and len(tail.split()) >= 3:
        title, subtitle = head.strip(), tail.strip()
    return title, subtitle, label


def title_from_text(text: str, max_words: int = 12) -> str:
    """A title made from the first sentence of ``text``, shortened."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    words = first.split()
    if len(words) <= max_words:
        return first.rstrip(".") or "Untitled document"
    words = words[:max_words]
    while len(words) > 3 and len(words[-1]) <= 3 and words[-1].islower():
        words.pop()  # no title ends on "of the"
    return " ".join(words).rstrip(",;:–—-") + "…"


def mark_headings(blocks: list[Block], single_line: list[bool]) -> None:
    """Turn short title-like paragraphs followed by longer text into headings."""
    for i in range(len(blocks) - 2, -1, -1):
        block, after = blocks[i], blocks[i + 1]
        if block.kind != "paragraph" or not single_line[i] or not is_heading_like(block.text):
            continue
        if after.kind == "heading" or (len(after.text) > len(block.text)
                                       and not is_heading_like(after.text)):
            block.kind, block.level = "heading", heading_level(block.text)


# --------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------


@dataclass
class _Para:
    """A paragraph while reading: its text and whether it was one line."""

    text: str
    single_line: bool
    list_item: bool = False


def _chunks(text: str) -> list[list[str]]:
    """Blank-line separated chunks of stripped, non-empty lines."""
    chunks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def _lines_to_paras(lines: list[str], per_line: bool) -> list[_Para]:
    """Paragraphs of one blank-line chunk (or of a whole file without blanks)."""
    if all(_BULLET.match(x) or _NUMBERED.match(x) for x in lines) and (
            len(lines) > 1 or _BULLET.match(lines[0])):
        return [_Para(_BULLET.sub("", x), True, True) for x in lines]
    if len(lines) == 1:
        return [_Para(lines[0], True)]
    if per_line:
        width = sorted(len(x) for x in lines)[int(0.9 * (len(lines) - 1))]
        if width >= 100 or sum(x[-1] in _TERMINAL for x in lines) >= 0.5 * len(lines):
            return [p for x in lines for p in _lines_to_paras([x], False)]
    paras: list[_Para] = []
    if is_heading_like(lines[0]) and len(lines[0]) < 0.6 * max(len(x) for x in lines[1:]):
        paras.append(_Para(lines[0], True))
        lines = lines[1:]
    paras.append(_Para(" ".join(lines), len(lines) == 1))
    return paras


def start_document(data: bytes, path: str) -> tuple[Document, str]:
    """Decode ``data`` into normalised text and an empty Document.

    The Document carries the encoding and any decoding warning.  The readers
    of text formats share this.
    """
    text, encoding, warning = decode(data, path)
    doc = Document(title="", encoding=encoding)
    if warning:
        doc.warnings.append(warning)
    return doc, normalise(text)


class TextReader(Reader):
    """Reads ``.txt`` files (and standard input)."""

    name = "text"
    extensions = ("txt", "text")
    binary = False

    def read(self, data: bytes, path: str, limits: ReaderLimits | None = None) -> Document:
        """Decode, set chrome aside, find title and headings (a text file needs no ``limits``)."""
        doc, text = start_document(data, path)
        chunks = _chunks(text)
        if not chunks:
            raise InputError(f"{path}: contains no text")
        chunks, bottom = self._strip_chrome(doc, chunks)
        if not chunks:
            raise InputError(f"{path}: contains no text besides site chrome")
        per_line = len(chunks) <= 2
        paras = [p for lines in chunks for p in _lines_to_paras(lines, per_line)]

        first = paras[0]
        if len(paras) > 1 and first.single_line and not first.list_item \
                and len(first.text.split()) <= 40 and first.text[-1] != ".":
            doc.title, doc.subtitle, doc.label = split_title(first.text)
            paras = paras[1:]
            paras = self._after_title(doc, paras)
        else:
            doc.title = title_from_text(first.text)
        blocks = [Block("list_item" if p.list_item else "paragraph", p.text) for p in paras]
        mark_headings(blocks, [p.single_line and not p.list_item for p in paras])
        doc.blocks = number_blocks(blocks)
        doc.chrome.extend(bottom)
        if not any(b.kind != "heading" for b in blocks):
            raise InputError(f"{path}: contains no paragraphs of text")
        return doc

    @staticmethod
    def _strip_chrome(doc: Document, chunks: list[list[str]]
                      ) -> tuple[list[list[str]], list[str]]:
        """Drop chrome lines at the edges: (remaining chunks, bottom chrome)."""
        lines = [(i, line) for i, chunk in enumerate(chunks) for line in chunk]
        split = chrome.strip_edges([line for _, line in lines])
        keep = lines[split.top:len(lines) - split.bottom]
        doc.chrome.extend(line for _, line in lines[:split.top])
        bottom = [line for _, line in lines[len(lines) - split.bottom:]]
        rebuilt: dict[int, list[str]] = {}
        for i, line in keep:
            rebuilt.setdefault(i, []).append(line)
        result = list(rebuilt.values())
        if result and (byline := chrome.split_byline("\n".join(result[0]))):
            written, rest, found = byline
            doc.chrome.extend(written.split("\n"))
            split.metadata.update({k: v for k, v in found.items()
                                   if k not in split.metadata})
            result[0] = rest.split("\n")
        if result and (dateline := chrome.split_dateline("\n".join(result[0]))):
            written, rest, found = dateline
            doc.chrome.append(written)
            split.metadata.update({k: v for k, v in found.items() if k not in split.metadata})
            result[0] = rest.split("\n")
        chrome.apply_metadata(doc, split.metadata)
        return result, bottom

    @staticmethod
    def _after_title(doc: Document, paras: list[_Para]) -> list[_Para]:
        """Bylines and date lines right under the title are chrome too."""
        while len(paras) > 1 and paras[0].single_line:
            found = chrome.classify(paras[0].text)
            if found is None or found.strength != "strong":
                break
            doc.chrome.append(paras[0].text)
            metadata: dict[str, str] = {}
            chrome.merge(metadata, found)
            chrome.apply_metadata(doc, metadata)
            paras = paras[1:]
        return paras
