"""HTML reader (.html, .htm, .xhtml): the main text of a web page.

Main-content extraction is trafilatura's (maintained, made for the job;
measured on the readability test pages in ``benchmarks/html_extraction.py``):
it drops menus, share buttons, comments, related links and "read more"
teasers, and finds the title, author, date and site name.  Its XML output
becomes blocks: ``<head rend="hN">`` a heading of level N, ``<p>`` a
paragraph (split at a blank line, i.e. two ``<br>`` in a row), each list
``<item>`` a list item (nested lists flattened), ``<quote>`` a quote,
``<table>`` a table block (one row per line, cells joined with ``" | "``, as
the Markdown reader does).  Preformatted text (``<pre>``, ``<code>``) is kept
as paragraphs split at blank lines: pages such as RFCs are nothing else.

Decoding follows the HTML standard's order: a byte-order mark, then the
charset the server declared (the URL reader passes it), then ``<meta
charset>`` / ``http-equiv`` or the XML declaration; without any, the text
reader's :func:`~briefing.readers.text.decode` (UTF-8, else a guessed legacy
code page, with a warning).  We parse the page ourselves and hand trafilatura
the tree, so its own decoding (which ignores the declared charset and
decompresses gzip/brotli input) never runs.

Safety: lxml's HTML parser with ``no_network``; the DOCTYPE (and any internal
subset declaring entities) is removed before parsing, so no DTD is loaded and
no entity is expanded; trafilatura is never given a URL to fetch.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from briefing.errors import InputError
from briefing.model import Block, BlockKind, Document
from briefing.readers import Reader, number_blocks
from briefing.readers.text import codec_label, decode, normalise, title_from_text

if TYPE_CHECKING:  # pragma: no cover
    from lxml.html import HtmlElement

    from briefing.readers.limits import ReaderLimits

__all__ = ["EXTRACTION", "HtmlReader", "decode_html", "extract", "parse_html", "to_blocks"]

#: trafilatura's settings, chosen on the benchmark (see docs/quality.md):
#: favor_recall (higher F1 and precision than the balanced mode, and no
#: slow retries), tables kept, comments left out; dates only from markup
#: and metadata: htmldate's "extensive search" of the text dated 14 more of
#: the 94 pages, but by guessing from copyright lines and bare years
#: ("1998-01-01", the current year), and its dateparser takes ~4.6 s to load.
EXTRACTION: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": True,
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}

_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,300}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{1,40})""", re.I)
# WHATWG Encoding Standard: labels that browsers read as another encoding.
_WHATWG = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "iso-8859-9": "cp1254",
    "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874", "gb2312": "gb18030",
    "gbk": "gb18030", "x-gbk": "gb18030", "shift_jis": "cp932", "sjis": "cp932",
    "x-sjis": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "big5": "big5hkscs",
    # a page cannot declare UTF-16 in its own (ASCII-readable) bytes: it is UTF-8
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "unicode": "utf-8",
}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DOCTYPE = re.compile(r"<!DOCTYPE\b[^\[>]*(?:\[.*?\]\s*)?>", re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]|$)")
_OLD_LANG = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
_BLANK_LINE = re.compile(r"\n\s*\n")


# --------------------------------------------------------------------------
# Bytes -> text -> tree
# --------------------------------------------------------------------------


def _codec(label: str | bytes | None) -> str | None:
    """The Python codec for a charset label, or None if unknown."""
    if not label:
        return None
    name = (label.decode("ascii", "ignore") if isinstance(label, bytes) else label).strip().lower()
    name = _WHATWG.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The codec named by ``<meta charset>``, ``http-equiv`` or ``<?xml encoding>``."""
    head = data[:_PRESCAN_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        if (m := pattern.search(head)) and (codec := _codec(m.group(1))):
            return codec
    return None


def decode_html(data: bytes, path: str, charset: str | None = None) -> tuple[str, str, str | None]:
    """Decode a page: returns (text, codec, warning or None).

    A byte-order mark wins, then ``charset`` (from the HTTP header), then
    the page's own declaration.  A page that declares a legacy code page but
    is valid UTF-8 with non-ASCII text is read as UTF-8 (a common mistake of
    templates); undeclared or broken UTF-8 goes to the text reader's guesser.
    """
    if data.startswith(_BOMS):  # (UTF-32 BOMs start like UTF-16 ones)
        return decode(data, path)
    codec = _codec(charset) or declared_charset(data)
    if codec is None or codec == "utf-8":
        try:  # the common case, without the text reader's per-character checks
            return data.decode("utf-8"), "utf-8", None
        except UnicodeDecodeError:
            return decode(data, path)
    if not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return text, "utf-8", f"declared {codec_label(codec)} but is UTF-8: read as UTF-8"
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    return text, codec, (f"{bad} bytes invalid in {codec_label(codec)} replaced" if bad else None)


def parse_html(text: str, path: str) -> HtmlElement:
    """Parse ``text`` with lxml's HTML parser: no network, no DTD, no entities."""
    from lxml import etree
    from lxml import html as lxml_html

    text = _CONTROL.sub("", _DOCTYPE.sub("", text, count=1))
    parser = lxml_html.HTMLParser(  # type: ignore[call-arg]  # lxml-stubs 0.5 lack default_doctype
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, collect_ids=False,
        default_doctype=False)
    try:
        tree = lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise InputError(f"{path}: not an HTML page (nothing could be parsed)") from None
    return tree


def _merge_sibling_articles(tree: HtmlElement) -> None:
    """Make a page of several sibling ``<article>`` one main content.

    trafilatura takes the first ``<article>`` as the main text; when a page
    is one document cut into articles (the UDHR pages: a preamble in a
    ``<header>``, then 30 ``<article>``), it then loses every heading after
    the first and the reading order (trafilatura PR #931).  Such articles
    become sections of one ``<main>`` holding the parent's content.  Pages
    with a ``<main>``, articles nested in an article (comments, as HTML5
    suggests) and runs of articles in an ``<aside>``, ``<nav>`` or
    ``<footer>`` (related stories) are left alone.
    """
    if tree.find(".//main") is not None:
        return
    parents = {id(a.getparent()): a.getparent() for a in tree.iter("article")
               if a.getparent() is not None}
    for parent in parents.values():
        articles = [child for child in parent if child.tag == "article"]
        if len(articles) < 2 or parent.tag in ("aside", "nav", "footer", "article") \
                or any(a.tag == "article" for a in parent.iterancestors()):
            continue
        for article in articles:
            article.tag = "section"
        main = parent.makeelement("main", {})
        main.text, parent.text = parent.text, None
        for child in list(parent):
            main.append(child)
        parent.append(main)
        return


def extract(tree: HtmlElement, url: str | None = None) -> Any:
    """What trafilatura extracts from ``tree``, or None when it finds no main text.

    The extract is a ``trafilatura.settings.Document`` with ``.body`` and the
    metadata.

    ``url`` only informs metadata (site, canonical URL): nothing is fetched.
    """
    import trafilatura

    _merge_sibling_articles(tree)
    # a copy of every dict: trafilatura writes into date_extraction_params
    options: dict[str, Any] = {key: dict(value) if isinstance(value, dict) else value
                               for key, value in EXTRACTION.items()}
    return trafilatura.bare_extraction(tree, url=url, with_metadata=True, **options)


# --------------------------------------------------------------------------
# trafilatura XML -> blocks
# --------------------------------------------------------------------------


def _text(element: Any, skip: tuple[str, ...] = ()) -> str:
    """The text of ``element`` without its ``skip`` children; ``<lb/>`` is a newline."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag not in skip and child.tag != "graphic":
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _clean(text: str) -> str:
    """One line of NFC text: invisible characters dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", normalise(text)).strip()


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of a text where a blank line (two line breaks) separates them."""
    return [p for p in (_clean(x) for x in _BLANK_LINE.split(text)) if p]


def _table(element: Any) -> list[Block]:
    """A table block, or paragraphs for a layout table (one filled cell per row)."""
    rows = []
    for row in element.iter("row"):
        cells = [_clean(_text(cell, skip=("table",))) for cell in row if cell.tag == "cell"]
        if any(cells):
            rows.append(cells)
    if not rows:
        return []
    if all(sum(1 for c in cells if c) == 1 for cells in rows):
        return [Block("paragraph", c) for cells in rows for c in cells if c]
    return [Block("table", "\n".join(" | ".join(cells) for cells in rows))]


def to_blocks(body: Any, quote: bool = False) -> list[Block]:
    """Blocks of trafilatura's XML ``body`` (or of one of its containers)."""
    blocks: list[Block] = []
    kind: BlockKind = "quote" if quote else "paragraph"
    for element in body:
        tag = element.tag
        if tag == "head":
            level = re.sub(r"\D", "", element.get("rend", "")) or "2"
            if text := _clean(_text(element)):
                blocks.append(Block("heading", text, level=min(6, max(1, int(level)))))
        elif tag == "list":
            for item in element.iter("item"):
                for text in _paragraphs(_text(item, skip=("list",))):
                    blocks.append(Block("list_item", text))
        elif tag == "table":
            blocks.extend(_table(element))
        elif tag == "quote":
            inner = to_blocks(element, quote=True)
            texts = _paragraphs(_text(element, skip=("p", "list", "table", "head", "quote")))
            blocks.extend([Block("quote", t) for t in texts] + inner)
        elif tag in ("graphic", "lb"):
            pass
        elif len(element) and any(child.tag in ("p", "head", "list", "table", "quote")
                                  for child in element):
            blocks.extend(to_blocks(element, quote))
        else:
            blocks.extend(Block(kind, t) for t in _paragraphs(_text(element)))
        if element.tail and element.tail.strip():
            blocks.extend(Block(kind, t) for t in _paragraphs(element.tail))
    return blocks


# --------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------


def page_language(tree: HtmlElement) -> str | None:
    """The ISO 639-1 code the page declares (``<html lang>``, content-language)."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath("//meta[translate(@http-equiv, 'CONTENT-LAGU', 'content-lagu')"
                             "='content-language']/@content")
    for value in candidates:
        if value and (m := _LANG.match(value.strip())) and len(m.group(1)) == 2:
            code = m.group(1).lower()
            return _OLD_LANG.get(code, code)
    return None


def host(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, lower case (None if there is none)."""
    try:
        name = urlsplit(url or "").hostname
    except ValueError:
        return None
    return re.sub(r"^www\d?\.", "", name) if name else None


def _apply_metadata(doc: Document, found: Any, url: str | None) -> None:
    """Put the metadata trafilatura found into the Document's fields and ``metadata``."""
    doc.author = _clean(found.author or "") or None
    doc.date = found.date or None
    site = _clean(found.sitename or "")
    netloc = urlsplit(found.url or url or "").netloc.lower()
    if site.lower() in (netloc, netloc.removeprefix("www.")):  # trafilatura's fallback
        site = ""
    doc.site = site or host(found.url) or host(url)
    for key in ("description", "url", "categories", "tags", "license"):
        value = getattr(found, key, None)
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        if value and _clean(str(value)):
            doc.metadata[key] = _clean(str(value))


def _loose(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _take_title(doc: Document, blocks: list[Block], title: str) -> list[Block]:
    """Set ``doc.title``; drop the title heading repeated at the top of the body."""
    for i, block in enumerate(blocks[:3]):
        if block.kind == "heading" and title and _loose(block.text) == _loose(title):
            del blocks[i]
            break
        if block.kind != "heading":
            break
    if not title:
        first = blocks[0]
        if first.kind == "heading":
            title = first.text
            blocks = blocks[1:]
        else:
            title = title_from_text(first.text)
    doc.title = title
    return blocks


# --------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------


class HtmlReader(Reader):
    """Reads web pages: main text, headings, lists, tables and metadata.

    ``charset`` is the encoding a server declared (HTTP ``Content-Type``) and
    ``url`` the address the page came from (for metadata only); both are set
    by the URL reader and are None for files.
    """

    name = "HTML"
    extensions = ("html", "htm", "xhtml")
    binary = True

    def __init__(self, charset: str | None = None, url: str | None = None) -> None:
        self.charset = charset
        self.url = url

    @classmethod
    def for_response(cls, charset: str | None, url: str) -> Reader:
        """A reader told the page's charset and final URL (for its links and site)."""
        return cls(charset=charset, url=url)

    def read(self, data: bytes, path: str, limits: ReaderLimits | None = None) -> Document:
        """Decode, parse, extract the main content, build the Document.

        ``limits.time_limit`` is checked after parsing and after extraction
        (lxml and trafilatura cannot be interrupted midway).
        """
        from briefing.readers.limits import ReaderLimits

        deadline = (limits or ReaderLimits()).deadline(path)
        text, encoding, warning = decode_html(data, path, self.charset)
        tree = parse_html(text, path)
        deadline.check()
        language = page_language(tree)
        try:
            found = extract(tree, self.url)
        except RecursionError:
            raise InputError(f"{path}: the page is nested too deeply to be read") from None
        deadline.check()
        body = found.body if found is not None else None
        blocks = to_blocks(body) if body is not None else []
        if not any(b.kind != "heading" for b in blocks):
            raise InputError(f"{path}: no main text found (an empty page, a script-only "
                             "app or not HTML)")
        doc = Document(title="", encoding=encoding, language=language)
        if warning:
            doc.warnings.append(warning)
        _apply_metadata(doc, found, self.url)
        blocks = _take_title(doc, blocks, _clean(found.title or ""))
        if not any(b.kind != "heading" for b in blocks):
            raise InputError(f"{path}: no main text found besides the title")
        doc.blocks = number_blocks(blocks)
        return doc
