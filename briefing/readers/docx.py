"""DOCX reader (python-docx), guarded against zip bombs and XML tricks.

A Word file is a zip archive of XML parts, so before python-docx sees it
(:func:`safe_package`):

* the zip directory is checked: number of entries, total inflated size,
  compression ratio of each entry, only stored/deflated entries, none
  encrypted (``ReaderLimits``);
* every entry is then inflated in 64 KB steps, never beyond its declared size
  or the total budget (CPython's ``ZipFile.read`` would inflate up to 1 GB in
  one call), and parts that are XML are refused when they carry a DOCTYPE or
  an ENTITY declaration; media parts are emptied (text is all we need);
* python-docx reads the result from memory.  Its lxml parser is built with
  ``resolve_entities=False`` and lxml's defaults ``no_network=True`` and
  ``load_dtd=False`` (``docx/oxml/parser.py``), so with DOCTYPEs refused no
  entity can be declared, nothing is fetched and external relationships
  (linked images, hyperlinks) are never followed.

Then the body is read in order: paragraphs, headings (``Title``, ``Heading
1..9`` or an outline level), list items (numbering or a ``List`` style),
tables (rows of `` | ``-separated cells), quotes; the core properties give
the title, author, dates and language.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, Literal

from briefing.errors import InputError
from briefing.model import Block, BlockKind, Document
from briefing.readers import Reader, number_blocks
from briefing.readers.limits import Deadline, ReaderLimits
from briefing.readers.text import is_heading_like, title_from_text
from briefing.textutil import strip_invisible

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .doc, or an encrypted .docx
_DECLARATION = re.compile(
    b"|".join(re.escape(word.encode(codec)) for word in ("<!DOCTYPE", "<!ENTITY")
              for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")),
    re.IGNORECASE)
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?[\s\x00]*<")
_CHUNK = 64 * 1024
_HEADING = re.compile(r"^heading (\d)$", re.IGNORECASE)
# What a paragraph style makes of a paragraph: a block, the document's title or subtitle, or nothing.
_StyleKind = Literal["heading", "paragraph", "list_item", "quote", "title", "subtitle", "skip"]
_RUNS = ("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:ins/w:hyperlink/w:r | ./w:fldSimple/w:r"
         " | ./w:smartTag/w:r | ./w:sdt/w:sdtContent/w:r")


class DocxReader(Reader):
    """Reads Word documents (.docx)."""

    name = "docx"
    extensions = ("docx",)
    binary = True

    def read(self, data: bytes, path: str, limits: ReaderLimits | None = None) -> Document:
        """Check the archive, then read the body and the core properties."""
        limits = limits or ReaderLimits()
        deadline = limits.deadline(path)
        package = safe_package(data, path, limits, deadline)
        word = _open(package, path)
        doc = Document(title="")
        _core_properties(doc, word)
        blocks, titles = _body(word, deadline)
        blocks = _take_title(doc, blocks, titles)
        if not any(b.kind != "heading" for b in blocks):
            raise InputError(f"{path}: contains no paragraphs of text")
        if not doc.title:
            doc.title = title_from_text(next(b.text for b in blocks if b.kind != "heading"))
        doc.blocks = number_blocks(blocks)
        return doc


# --------------------------------------------------------------------------
# The archive
# --------------------------------------------------------------------------


def safe_package(data: bytes, path: str, limits: ReaderLimits, deadline: Deadline) -> io.BytesIO:
    """The DOCX re-packed (stored, media emptied) after the zip-bomb and DOCTYPE checks.

    Raises :class:`InputError` naming the limit it broke.
    """
    if data.startswith(_OLE):
        raise InputError(f"{path}: encrypted, or an old Word 97-2003 file: save it as an "
                         "unprotected .docx first")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{path}: not a Word file (not a readable zip archive)") from None
    if len(infos) > limits.max_zip_entries:
        raise InputError(f"{path}: refused as a possible zip bomb: {len(infos)} files in the "
                         f"archive (the limit is {limits.max_zip_entries})")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        raise InputError(f"{path}: refused as a possible zip bomb: it would inflate to "
                         f"{_mb(total)} (the limit is {_mb(limits.max_unzipped_bytes)})")
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{path}: encrypted zip entry {info.filename!r}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"{path}: unsupported compression in {info.filename!r}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_compression_ratio:
            raise InputError(f"{path}: refused as a possible zip bomb: {info.filename!r} "
                             f"compresses {ratio:.0f}:1 (the limit is "
                             f"{limits.max_compression_ratio:g}:1)")
    out = io.BytesIO()
    budget = limits.max_unzipped_bytes
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked:
        for info in infos:
            deadline.check()
            if info.is_dir():
                continue
            blob = _inflate(archive, info, path, budget)
            budget -= len(blob)
            if _XML_START.match(blob[:64]):
                if _DECLARATION.search(blob):
                    raise InputError(f"{path}: refused: {info.filename!r} declares a DOCTYPE "
                                     "or entities (not allowed in Word files)")
            else:
                blob = b""  # images and other media: not needed for the text
            repacked.writestr(info.filename, blob)
    out.seek(0)
    return out


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, budget: int) -> bytes:
    """One entry, inflated in small steps, never past its declared size."""
    limit = min(info.file_size, budget)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise InputError(f"{path}: refused as a possible zip bomb: "
                                     f"{info.filename!r} inflates beyond its declared size")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:  # bad CRC, truncated
        raise InputError(f"{path}: damaged Word file ({info.filename}: {error})") from None
    return b"".join(chunks)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _open(package: io.BytesIO, path: str) -> Any:
    """The python-docx Document, with parser errors as one line."""
    import docx
    from lxml import etree

    try:
        return docx.Document(package)
    except (KeyError, ValueError, AttributeError, TypeError, IndexError, zipfile.BadZipFile,
            etree.LxmlError) as error:  # python-docx reports broken parts in many ways
        detail = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise InputError(f"{path}: not a readable Word document ({detail})") from None
    except Exception as error:  # untrusted input: never a traceback
        raise InputError(f"{path}: not a readable Word document ({type(error).__name__})") from None


# --------------------------------------------------------------------------
# Properties and body
# --------------------------------------------------------------------------


def _core_properties(doc: Document, word: Any) -> None:
    """Title, author, dates, language from docProps/core.xml, if there is one.

    Without it python-docx invents defaults, with today's date.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        word.part.package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES)
    except KeyError:
        return
    try:
        core = word.core_properties
        title, author = (core.title or "").strip(), (core.author or "").strip()
        created, modified, language = core.created, core.modified, (core.language or "")
        subject, keywords = (core.subject or "").strip(), (core.keywords or "").strip()
    except Exception:  # a broken core part is no reason to refuse the text
        return
    doc.title = " ".join(title.split())
    doc.author = " ".join(author.split()) or None
    for name, value in (("created", created), ("modified", modified)):
        if value is not None:
            doc.metadata[name] = value.date().isoformat()
    doc.date = doc.metadata.get("modified") or doc.metadata.get("created")
    if re.match(r"^[a-zA-Z]{2}(?:[-_]|$)", language.strip()):
        doc.language = language.strip()[:2].lower()
    for name, value in (("subject", subject), ("keywords", keywords)):
        if value:
            doc.metadata[name] = " ".join(value.split())


def _body(word: Any, deadline: Deadline) -> tuple[list[Block], dict[str, str]]:
    """The blocks of the document body, in order, and the first Title and Subtitle paragraphs, by kind."""
    from docx.oxml.ns import qn

    styles = _Styles(word)
    blocks: list[Block] = []
    titles: dict[str, str] = {}
    styled_headings = False
    bold: list[bool] = []
    for count, element in enumerate(_children(word.element.body, qn)):
        if count % 50 == 0:
            deadline.check()
        if element.tag == qn("w:tbl"):
            text = _table(element, qn)
            if text:
                blocks.append(Block("table", text))
                bold.append(False)
            continue
        text = _clean(_paragraph_text(element))
        if not text:
            continue
        kind, level = styles.kind(element)
        if kind == "skip":
            continue
        styled_headings |= kind in ("heading", "title", "subtitle")
        if kind == "title" or kind == "subtitle":
            titles.setdefault(kind, text)
            continue
        blocks.append(Block(kind, text, level))
        bold.append(kind == "paragraph" and _all_bold(element, qn))
    if not styled_headings:  # bold one-line paragraphs stand in for headings
        for i, block in enumerate(blocks[:-1]):
            if bold[i] and is_heading_like(block.text) and blocks[i + 1].kind != "heading":
                block.kind, block.level = "heading", 1
    return blocks, titles


def _children(body: Any, qn: Any) -> Any:
    """Paragraphs and tables of the body, content controls opened."""
    for child in body.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _children(content, qn)


def _paragraph_text(p: Any) -> str:
    """The text of a paragraph with tracked insertions (not deletions)."""
    return "".join(r.text for r in p.xpath(_RUNS))


def _clean(text: str) -> str:
    return " ".join(strip_invisible(text.replace("\u00ad", "")).split())


def _all_bold(p: Any, qn: Any) -> bool:
    """Every run with text is bold (direct formatting)."""
    runs = [r for r in p.xpath(_RUNS) if r.text.strip()]
    return bool(runs) and all(
        (b := r.find(f"{qn('w:rPr')}/{qn('w:b')}")) is not None
        and b.get(qn("w:val"), "true") not in ("0", "false") for r in runs)


def _table(tbl: Any, qn: Any) -> str:
    """Rows of `` | ``-separated cell texts (merged cells once)."""
    rows = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            text = _clean(" ".join(_paragraph_text(p) for p in tc.iter(qn("w:p"))))
            merged = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merged is not None and merged.get(qn("w:val")) != "restart":
                text = ""  # the continuation of a vertically merged cell
            cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


class _Styles:
    """What a paragraph style makes of a paragraph, resolved once per style."""

    def __init__(self, word: Any) -> None:
        self.word = word
        self.cache: dict[str | None, tuple[_StyleKind, int]] = {}

    def kind(self, p: Any) -> tuple[_StyleKind, int]:
        """("heading", level), ("list_item", 0), ("title", 0), ("skip", 0)..."""
        from docx.oxml.ns import qn

        outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        numbered = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
        style_id = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        key = None if style_id is None else style_id.get(qn("w:val"))
        if key not in self.cache:
            self.cache[key] = self._resolve(key)
        kind, level = self.cache[key]
        if outline is not None and (value := outline.get(qn("w:val"), "")).isdigit() \
                and int(value) < 9 and kind == "paragraph":
            return "heading", int(value) + 1
        if numbered and kind == "paragraph":
            return "list_item", 0
        return kind, level

    def _resolve(self, style_id: str | None) -> tuple[_StyleKind, int]:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml.ns import qn

        try:
            style = self.word.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH) \
                if style_id else self.word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        except Exception:  # an odd style part: treat as plain text
            return "paragraph", 0
        seen = 0
        while style is not None and seen < 10:  # follow "based on" (bounded: may loop)
            name = (style.name or "").strip()
            lowered = name.lower()
            if lowered == "title":
                return "title", 0
            if lowered == "subtitle":
                return "subtitle", 0
            if (m := _HEADING.match(name)) is not None:
                return "heading", int(m.group(1))
            if lowered.startswith("toc") or lowered in ("header", "footer"):
                return "skip", 0
            if "quote" in lowered:
                return "quote", 0
            if lowered.startswith("list") and lowered != "list paragraph":
                return "list_item", 0
            element = style.element
            outline = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if outline is not None and (value := outline.get(qn("w:val"), "")).isdigit() \
                    and int(value) < 9:
                return "heading", int(value) + 1
            if element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
                return "list_item", 0
            style = style.base_style
            seen += 1
        return "paragraph", 0


def _take_title(doc: Document, blocks: list[Block], titles: dict[str, str]) -> list[Block]:
    """Title and subtitle from Title/Subtitle paragraphs, else the core title, else a first heading.

    The paragraphs are in ``titles`` (the first of each kind); the heading
    is a first level-1 heading before any text.  Headings are renumbered
    from 1.
    """
    if "title" in titles:
        if doc.title and doc.title != titles["title"]:
            doc.metadata["core_title"] = doc.title
        doc.title = titles["title"]
    if "subtitle" in titles:
        doc.subtitle = titles["subtitle"]
    heading_levels = sorted({b.level for b in blocks if b.kind == "heading"})
    first = next((i for i, b in enumerate(blocks) if b.kind != "heading"), len(blocks))
    top = [i for i, b in enumerate(blocks[:first]) if b.kind == "heading"]
    if not doc.title and top and len(heading_levels) > 1 and blocks[top[0]].level == heading_levels[0] \
            and sum(b.level == heading_levels[0] for b in blocks if b.kind == "heading") == 1:
        doc.title = blocks.pop(top[0]).text  # one top heading over everything: the title
    elif doc.title:
        blocks = [b for b in blocks if not (b.kind == "heading" and b.text == doc.title)]
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    for block in blocks:
        if block.kind == "heading":
            block.level = levels.index(block.level) + 1
        else:
            block.level = 0
    kinds: set[BlockKind] = {"heading", "paragraph", "list_item", "quote", "table"}
    return [b for b in blocks if b.kind in kinds]
