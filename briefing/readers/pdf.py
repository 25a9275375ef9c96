"""PDF reader: the text layer in reading order, with headings, via pdfium.

Why pypdfium2: on the 68-page CRS report RL34498 (this 2-core machine)
pdfium gives the text of every page in 0.1-0.3 s and this whole reader takes
0.7 s; pdfminer.six needs 16 s even without its layout analysis and pypdf's
``extract_text`` 8.4 s, either of which would break the 10-second render
budget (``benchmarks/pdf_reading.py --compare`` prints the table).  pdfium
does no layout analysis beyond lines, so the rest is done here, from
geometry:

1. **Lines** (:mod:`._pdflines`): pdfium's lines, each with its box,
   baseline, font size and weight; superscript footnote markers dropped.
2. **Furniture** (:mod:`._pdflayout`, like steps 3 and 4): lines in the top
   or bottom margin that repeat on many pages (running headers, footers),
   page numbers, table-of-contents leader lines and small print below the
   body text (footnotes) are set aside.
3. **Reading order** per page: for a candidate gutter x, the lines that
   cross it (a title, a wide table) cut the page into bands; bands with lines
   on both sides are columns, read left then right (recursively, for three
   columns).  A narrow column of short lines beside the text is a sidebar
   and set aside.
4. **Blocks**: a new block starts at a wider gap between baselines, a change
   of font, a bullet, a first-line indent, or after a short line that ends a
   sentence; a paragraph cut by a column or page break is joined again.
   Lines with wide gaps between cells make tables.  Line-end hyphens are
   repaired (see :func:`._pdflines.keep_hyphen`).
5. **Headings** (here): short blocks set larger than the body text, or bold
   when the body is not; levels by size.  The title comes from the document
   info (or XMP), else from the largest text on the first page; dates, a web
   site and a report number on the first page, author notes, disclaimers and
   a "Name, Role" signature at the end become metadata.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.errors import InputError
from briefing.model import Block, Document
from briefing.readers import Reader, chrome, number_blocks
from briefing.readers._pdflayout import CLOSED, TextBlock, body_size, layout, make_blocks
from briefing.readers._pdflines import Line, page_lines
from briefing.readers.limits import ReaderLimits

_CAPTION = re.compile(r"^(?:(?:Table|Figure|Chart|Map|Box|Exhibit)\s+[\dA-Z]{1,3}[.:]\s"
                      r"|(?:Sources?|Notes?)\s*:)")
_NAVIGATION = {"contents", "table of contents", "contacts", "figures", "tables",
               "list of figures", "list of tables", "appendixes", "appendices"}
_TRAILING_SECTIONS = {"author information", "author contact information", "about the author",
                      "about the authors", "authors", "acknowledgments", "acknowledgements",
                      "disclaimer", "contacts", "legal notice"}
_NAME_ROLE = re.compile(r"^((?:[A-Z][\w'’-]*\.?\s){1,3}[A-Z][\w'’-]+(?:,? (?:Jr|Sr|II|III)\.?)?),"
                        r"\s+[A-Z][\w.]*(?:\s+\S+){0,8}$")
_NOBODY = {"", "anonymous", "unknown", "unspecified", "author", "user", "administrator", "admin"}
_JUNK_TITLE = re.compile(r"^(?:untitled|microsoft word\b|document\d*$)|\.(?:docx?|pdf|rtf|indd)$", re.I)


class PdfReader(Reader):
    """Reads PDF files that have a text layer (not scans)."""

    name = "pdf"
    extensions = ("pdf",)
    binary = True

    def read(self, data: bytes, path: str, limits: ReaderLimits | None = None) -> Document:
        """Open with pdfium (refusing encrypted, huge or image-only files), then lay the lines out into blocks."""
        import pypdfium2 as pdfium

        limits = limits or ReaderLimits()
        deadline = limits.deadline(path)
        if b"%PDF-" not in data[:1024]:
            raise InputError(f"{path}: not a PDF file (no %PDF header)")
        pdf = _open(data, path)
        try:
            pages = len(pdf)
            if pages > limits.max_pages:
                raise InputError(f"{path}: too many pages ({pages}; the limit is {limits.max_pages})")
            if pages == 0:
                raise InputError(f"{path}: the PDF has no pages")
            info = _info(pdf)
            per_page: list[list[Line]] = []
            heights: list[tuple[float, float]] = []
            for number in range(pages):
                deadline.check()
                page = pdf[number]
                try:
                    left, bottom, right, top = page.get_bbox()
                    heights.append((bottom, top))
                    per_page.append(page_lines(page, number))
                finally:
                    page.close()
        except pdfium.PdfiumError as error:
            raise InputError(f"{path}: damaged PDF ({error})") from None
        finally:
            pdf.close()
        doc = Document(title="")
        _check_text(per_page, path, doc)
        lines = layout(per_page, heights, deadline)
        doc.chrome.extend(x.text for x in lines if x.aside)
        lines = [x for x in lines if not x.aside]
        _metadata(doc, info, data)
        blocks = make_blocks(lines)
        blocks = _headings_and_title(doc, blocks, lines)
        if not any(b.kind != "heading" for b in blocks):
            raise InputError(f"{path}: contains no paragraphs of text")
        if not doc.title:
            doc.title = chrome.loose(next(b.text for b in blocks if b.kind != "heading"))[:80]
        doc.blocks = number_blocks([Block(b.kind, b.text, b.level) for b in blocks])
        return doc


# --------------------------------------------------------------------------
# Opening and metadata
# --------------------------------------------------------------------------


def _open(data: bytes, path: str) -> Any:
    """The pdfium document, or a one-line error for encrypted/damaged files."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(f"{path}: encrypted: the PDF needs a password to open "
                             "(save an unprotected copy first)") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(f"{path}: encrypted with an unsupported security handler") from None
        raise InputError(f"{path}: not a readable PDF (damaged or truncated)") from None


def _info(pdf: Any) -> dict[str, str]:
    """The document information dictionary, values stripped."""
    try:
        raw = pdf.get_metadata_dict()
    except Exception:  # a broken info dictionary is no reason to fail
        return {}
    return {k: " ".join(str(v).split()) for k, v in raw.items() if v and str(v).strip()}


def pdf_date(value: str) -> str | None:
    """``D:20260413134351-04'00'`` (or an ISO date) -> ``2026-04-13``."""
    m = re.match(r"^(?:D:)?(\d{4})-?(\d{2})?-?(\d{2})?", value.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return year
    return "-".join(x for x in (year, month, day if month else None) if x)


def _metadata(doc: Document, info: dict[str, str], data: bytes) -> None:
    """Title, author and dates from the info dictionary, else from XMP."""
    xmp: dict[str, str] = {}
    if not info.get("Title") or not info.get("Author"):
        from briefing.readers._pdflines import xmp_metadata

        xmp = xmp_metadata(data)
    title = info.get("Title") or xmp.get("title", "")
    title = re.sub(r"^Microsoft Word - ", "", title)
    if title and not _JUNK_TITLE.search(title) and len(title.split()) <= 40:
        doc.title = title
    author = info.get("Author") or xmp.get("author") or ""
    doc.author = None if author.lower() in _NOBODY else author
    for key, name in (("CreationDate", "created"), ("ModDate", "modified")):
        value = info.get(key) or xmp.get(name)
        if value and (iso := pdf_date(value)):
            doc.metadata[name] = iso
    for key in ("Subject", "Keywords"):
        if info.get(key) and info[key].lower() not in _NOBODY:
            doc.metadata[key.lower()] = info[key]
    if date := chrome.iso_date(info.get("Keywords", "")):  # CRS: "Cover Date: April 21, 2026"
        doc.metadata.setdefault("cover_date", date)


def _check_text(per_page: list[list[Line]], path: str, doc: Document) -> None:
    """Refuse a PDF without a usable text layer; warn about textless pages."""
    text = "".join(line.text for lines in per_page for line in lines)
    visible = re.sub(r"\s+", "", text)
    if len(visible) < 20:
        raise InputError(f"{path}: no text layer: run OCR first (the pages are images)")
    bad = len(re.findall(r"[\ue000-\uf8ff\ufffd\x00-\x1f]", visible))
    if bad > 0.3 * len(visible):
        raise InputError(f"{path}: the text layer cannot be decoded (fonts without a "
                         "Unicode map): run OCR first")
    empty = sum(1 for lines in per_page if not lines)
    if empty:
        doc.warnings.append(f"{empty} of {len(per_page)} pages have no text layer "
                            "(scanned?): their text is missing; run OCR first")


# --------------------------------------------------------------------------


def _headings_and_title(doc: Document, blocks: list[TextBlock], lines: list[Line]) -> list[TextBlock]:
    """Mark headings, take the title and dates, drop what is not body text."""
    body = body_size(lines)
    body_bold = sum(len(x.text) for x in lines if x.bold and abs(x.size - body) < 0.6) \
        > 0.5 * sum(len(x.text) for x in lines if abs(x.size - body) < 0.6)
    styles: set[tuple[float, bool]] = set()
    for block in blocks:
        size, bold = round(block.first.size * 2) / 2, block.first.bold
        if block.kind == "paragraph" and len(block.lines) <= 3 and len(block.text.split()) <= 25 \
                and re.search(r"[^\W\d_]{2}", block.text) and not _CAPTION.match(block.text) \
                and (size >= 1.12 * body or bold and not body_bold and size >= 0.9 * body):
            block.kind = "heading"
            styles.add((size, bold))
    rank = {s: i + 1 for i, s in enumerate(sorted(styles, key=lambda s: (-s[0], not s[1])))}
    for block in blocks:
        if block.kind == "heading":
            block.level = rank[(round(block.first.size * 2) / 2, block.first.bold)]
    first_page = [b for b in blocks if b.first.page == 0]
    if not doc.title and first_page:
        top = max(first_page, key=lambda b: (b.first.size, -first_page.index(b)))
        if top.first.size > body and len(top.text.split()) <= 30:
            doc.title = top.text
    for block in first_page[:12]:  # "Updated April 10, 2026", a site, a report number
        if len(block.text.split()) > 12:
            continue
        findings = [f for x in block.lines if (f := _cover_finding(x.text)) is not None]
        if len(findings) == len(block.lines):
            block.chrome = True
            metadata: dict[str, str] = {}
            for found in findings:
                chrome.merge(metadata, found)
            chrome.apply_metadata(doc, metadata)
    if doc.date is None:
        doc.date = doc.metadata.get("cover_date") or doc.metadata.get("created")
    title = chrome.loose(doc.title)
    for i, block in enumerate(blocks):  # the title again, maybe cut into several blocks
        text = chrome.loose(block.text)
        for j in range(i + 1, min(i + 4, len(blocks) + 1)):
            if text == title:
                for gone in blocks[i:j]:
                    gone.chrome = True
                if block.first.page == 0:  # a masthead above the title ("INSIGHT")
                    for gone in blocks[:i]:
                        if len(gone.text.split()) <= 3 and not CLOSED.search(gone.text):
                            gone.chrome = True
                break
            if j == len(blocks) or len(text) < 10 or not title.startswith(text):
                break
            text += " " + chrome.loose(blocks[j].text)
    doc.chrome.extend(b.text for b in blocks if b.chrome)
    kept = [b for b in blocks if not b.chrome
            and not (b.kind == "heading" and chrome.loose(b.text) in _NAVIGATION)]
    kept = _drop_trailing_sections(doc, _captions(doc, kept))
    kept = _drop_signature(doc, kept, body)
    levels = sorted({b.level for b in kept if b.kind == "heading"})
    result: list[TextBlock] = []
    for i, block in enumerate(kept):  # headings with nothing under them go
        if block.kind == "heading":
            block.level = levels.index(block.level) + 1
            following = kept[i + 1] if i + 1 < len(kept) else None
            if following is None or following.kind == "heading" and following.level <= block.level:
                continue
        result.append(block)
    return result


def _captions(doc: Document, blocks: list[TextBlock]) -> list[TextBlock]:
    """Captions and source notes are not prose: they go into their tables, or aside.

    A "Table 1." caption (and up to two short lines after it) goes into the
    table below it, a "Source:" or "Notes:" line into the table above it;
    other captions (of figures, which are not read) are set aside.
    """
    result: list[TextBlock] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "table" or not _CAPTION.match(block.text) or len(block.text.split()) > 80:
            result.append(block)
            i += 1
            continue
        j = i + 1
        while j < min(len(blocks), i + 3) and blocks[j].kind in ("paragraph", "heading") \
                and len(blocks[j].text.split()) <= 25 and not _CAPTION.match(blocks[j].text):
            j += 1
        if block.text.startswith("Table") and j < len(blocks) and blocks[j].kind == "table":
            blocks[j].text = "\n".join(b.text for b in blocks[i:j + 1])
            i = j
        elif block.text[:1] in "SN" and result and result[-1].kind == "table":
            result[-1].text += "\n" + block.text
            i += 1
        else:
            doc.chrome.append(block.text)
            i += 1
    return result


def _cover_finding(text: str) -> chrome.Finding | None:
    """What a short line on the first page says, if it is chrome.

    Such chrome is a date, a web site, a report number ("R48915").
    """
    if re.fullmatch(r"[A-Z]{1,4}\d{3,}[\w.-]*", text):
        return chrome.Finding("number", text)
    found = chrome.classify(text)
    return found if found is not None and found.strength == "strong" and found.key else None


def _drop_trailing_sections(doc: Document, blocks: list[TextBlock]) -> list[TextBlock]:
    """Set aside author notes and disclaimers at the end of the document."""
    while True:
        start = max((i for i, b in enumerate(blocks) if b.kind == "heading"), default=None)
        if start is None or chrome.loose(blocks[start].text) not in _TRAILING_SECTIONS:
            return blocks
        doc.chrome.extend(b.text for b in blocks[start:])
        blocks = blocks[:start]


def _drop_signature(doc: Document, blocks: list[TextBlock], body: float) -> list[TextBlock]:
    """Set aside the authors' "Name, Role" lines and a document code in small print at the end.

    The names become the author when the PDF gives none.
    """
    names: list[str] = []
    while blocks:
        block = blocks[-1]
        if block.kind == "heading":
            break
        if len(block.lines) == 1 and len(block.text.split()) <= 4 and block.first.size < 0.9 * body:
            doc.chrome.append(block.text)  # "IF13206"
        elif _NAME_ROLE.match(block.first.text) and len(block.text.split()) <= 40 and not \
                CLOSED.search(block.text):
            found = [m.group(1) for x in block.lines if (m := _NAME_ROLE.match(x.text))]
            names[:0] = found
            doc.chrome.append(block.text)
        else:
            break
        blocks = blocks[:-1]
    if names and doc.author is None:
        doc.author = ", ".join(names)
    return blocks
