"""Markdown reader (.md, .markdown) on markdown-it-py.

Headings keep their level (ATX and setext); paragraphs, list items (nested
items flattened, one block each), blockquotes (kind ``quote``) and tables
(kind ``table``: one row per line, cells joined with ``" | "``) become
blocks; inline markup is reduced to plain text (links keep their text,
images are dropped).  Indented code blocks are read as paragraphs (in pages
converted from HTML they are indented prose); fenced code is skipped.

The title is the front matter's ``title`` or the first H1; a short italic
line or an H2 directly under it is the subtitle.  A single-line paragraph that
looks like a heading (all bold, or short and followed by longer text) becomes
a level-2 heading: converted pages often lose their heading markup.

Chrome at the edges (navigation link rows, "Key: value" fact lists, version
lists, a repeated title, tables of contents, counters, disclaimers) is set
aside to ``doc.chrome`` as source lines; what it says goes to
``doc.metadata`` (``"Report No."`` -> ``report_no``) and to ``author``,
``date`` and ``site`` when it names them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from briefing.errors import InputError
from briefing.model import Block, BlockKind, Document
from briefing.readers import Reader, chrome, number_blocks
from briefing.readers.limits import ReaderLimits
from briefing.readers.text import is_heading_like, mark_headings, split_title, start_document, title_from_text

_KEY_VALUE = re.compile(r"^\s*\|?\s*\*\*(?P<key>[^*|]{1,40}?)\s*:?\s*\*\*\s*:?\s*\|?"
                        r"\s*(?P<value>[^|]*?)\s*\|?\s*$")
# "**" and "__" that markdown-it could not pair ("**Lead. **Text", bold across a link): markup, not text.
_STRAY_EMPHASIS = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")
_NOTE_ROW = re.compile(r"^\s*\|\s*\d{1,4}\.\s*\|")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")
_URL_HOST = re.compile(r"^https?://(?:www\d?\.)?([^/:?#\s]+)", re.I)


@dataclass
class _Line:
    """One source line of a block as plain text, with what links covered."""

    text: str = ""
    plain: str = ""  # the text outside links
    lead: str = ""  # the text of the links that open the line
    links: int = 0


@dataclass
class _MdBlock:
    """A block while reading: its lines and source lines kept for chrome rules."""

    kind: BlockKind
    text: str
    level: int = 0
    lines: list[_Line] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    emphasised: str = ""  # "strong" or "em" when every word is inside ** or _


def _slug(key: str) -> str:
    return re.sub(r"[^\w]+", "_", key.casefold()).strip("_").replace("_s_", "s_")


def _strip_symbols(text: str) -> str:
    """Drop leading emoji and symbols ("🔭 Outlook" -> "Outlook")."""
    i = 0
    while i < len(text) and (unicodedata.category(text[i]) in ("So", "Sk", "Mn", "Cf")
                             or text[i] in " \ufe0f"):
        i += 1
    return text[i:] if i < len(text) else text


def _front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Split YAML front matter off ``text``: (fields, rest, warning)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, None
    for end in range(1, min(len(lines), 500)):
        if _FRONT_MATTER_END.match(lines[end]):
            break
    else:
        return {}, text, None
    import yaml

    try:
        fields = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return {}, "\n".join(lines[end + 1:]), f"front matter is not valid YAML{where}; ignored"
    if not isinstance(fields, dict):
        return {}, text, None
    return fields, "\n".join(lines[end + 1:]), None


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def _apply_front_matter(doc: Document, fields: dict[str, Any]) -> None:
    """Front matter to fields (title, author, date...) and other keys to metadata."""
    for key, value in fields.items():
        if value is None or isinstance(value, dict):
            continue
        text, name = _as_text(value), str(key).casefold()
        if not text:
            continue
        if name == "title":
            doc.title = text
            continue
        if name in ("subtitle", "description", "summary") and doc.subtitle is None:
            doc.subtitle = text
        elif name in ("author", "authors", "by"):
            doc.author = text
        elif name in ("date", "published", "created"):
            doc.date = chrome.iso_date(text) or (
                text if re.fullmatch(r"\d{4}(-\d{2})?", text) else None)
            if doc.date is None:
                doc.metadata.setdefault(_slug(str(key)), text)
        elif name in ("lang", "language"):
            doc.language = text[:2].lower()
        elif name in ("site", "source", "url", "canonical_url", "publisher"):
            host = _URL_HOST.match(text)
            doc.site = doc.site or (host.group(1).lower() if host else text)
            doc.metadata.setdefault(_slug(str(key)), text)
        else:
            doc.metadata.setdefault(_slug(str(key)), text)


# --------------------------------------------------------------------------
# Tokens -> blocks
# --------------------------------------------------------------------------


def _inline(token: Any) -> tuple[list[_Line], str]:
    """Plain text lines of an inline token, and "strong"/"em" if all emphasis."""
    lines, depth = [_Line()], 0
    strong = em = 0
    plain_outside = bold = False
    for child in token.children or []:
        kind, line = child.type, lines[-1]
        if kind in ("softbreak", "hardbreak"):
            lines.append(_Line())
        elif kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            em += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            depth, line.links = depth + 1, line.links + 1
        elif kind == "link_close":
            depth -= 1
        elif kind in ("text", "code_inline"):
            content = child.content if kind == "code_inline" else _STRAY_EMPHASIS.sub("", child.content)
            if depth and line.text == line.lead:
                line.lead += content
            line.text += content
            if not depth:
                line.plain += content + " "
            if content.strip():
                plain_outside |= not (strong or em)
                bold |= bool(strong)
    for line in lines:
        line.text = re.sub(r"\s+", " ", line.text).strip()
    lines = [x for x in lines if x.text] or [_Line()]
    return lines, "" if plain_outside else "strong" if bold else "em"


def _blocks(tokens: list[Any], source: list[str]) -> list[_MdBlock]:
    """markdown-it tokens to blocks (``source`` is the text's lines)."""
    blocks: list[_MdBlock] = []
    quote = 0
    item: list[_MdBlock] = []  # open list items, innermost last
    row: list[str] = []
    rows: list[str] = []
    heading: int = 0

    def add(kind: BlockKind, lines: list[_Line], raw: tuple[int, int] | None,
            emphasised: str = "", level: int = 0) -> None:
        text = " ".join(x.text for x in lines).strip()
        if text:
            blocks.append(_MdBlock(kind, text, level, lines,
                                   source[raw[0]:raw[1]] if raw else [], emphasised))

    for index, token in enumerate(tokens):
        kind = token.type
        previous = tokens[index - 1].type if index else ""
        if kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = int(token.tag[1])
        elif kind == "heading_close":
            heading = 0
        elif kind == "list_item_open":
            if item and item[-1].lines:  # text before a nested list: its own block
                parent = item[-1]
                blocks.append(_MdBlock("list_item", " ".join(x.text for x in parent.lines),
                                       lines=parent.lines, raw=parent.raw[:1]))
                parent.lines, parent.raw = [], parent.raw[1:]
            item.append(_MdBlock("list_item", "", raw=source[token.map[0]:token.map[1]]
                                 if token.map else []))
        elif kind == "list_item_close":
            done = item.pop()
            if done.lines:
                done.text = " ".join(x.text for x in done.lines).strip()
                blocks.append(done)
        elif kind == "tr_close":
            rows.append(" | ".join(row))
            row = []
        elif kind == "table_close":
            lines = [_Line(text=r) for r in rows if r.strip(" |")]
            if lines:
                blocks.append(_MdBlock("table", "\n".join(x.text for x in lines),
                                       lines=lines,
                                       raw=source[token.map[0]:token.map[1]] if token.map else []))
            rows = []
        elif kind == "code_block":
            text = re.sub(r"\s+", " ", token.content).strip()
            add("quote" if quote else "paragraph", [_Line(text=text)], token.map)
        elif kind == "html_block":
            text = html.unescape(re.sub(r"<[^>]*>|<!--.*?-->", " ", token.content, flags=re.S))
            add("paragraph", [_Line(text=re.sub(r"\s+", " ", text).strip())], token.map)
        elif kind == "inline":
            lines, emphasised = _inline(token)
            if previous in ("th_open", "td_open"):
                row.append(" ".join(x.text for x in lines))
            elif heading:
                add("heading", lines, token.map, emphasised, heading)
            elif item:
                item[-1].lines.extend(x for x in lines if x.text)
            elif not quote and token.map and _note_rows(source[token.map[0]:token.map[1]]):
                # "| 12. | See id. at 425." lines without a table's delimiter row: the notes
                # of a congress.gov page: notes, not prose to summarise
                add("note", lines, token.map)
            else:
                add("quote" if quote else "paragraph", lines, token.map, emphasised)
    return blocks


def _note_rows(raw: list[str]) -> bool:
    """True if ``raw`` is numbered note rows (``| 12. | text``): the first line and most others.

    Not all: a long note may wrap onto lines of its own.
    """
    rows = [line for line in raw if line.strip()]
    return (len(rows) >= 2 and bool(_NOTE_ROW.match(rows[0]))
            and sum(bool(_NOTE_ROW.match(line)) for line in rows) > len(rows) / 2)


# --------------------------------------------------------------------------
# Chrome at the edges
# --------------------------------------------------------------------------


def _line_finding(line: _Line, raw: str, title: str) -> chrome.Finding | None:
    """What one line of a block means if it is chrome, else None."""
    title = chrome.loose(title)
    if m := _KEY_VALUE.match(raw):
        value = re.sub(r"[*_`]", "", m.group("value")).strip()
        tabular = raw.lstrip().startswith("|")  # "| **Key:** | value": a fact table
        if value and (tabular or len(value) <= 200 and not chrome.is_sentence(value)):
            return chrome.Finding(_slug(m.group("key")), value)
    if line.links and len(re.findall(r"\w+", line.plain)) <= 2:
        return chrome.Finding("", "")  # a row of navigation links
    if chrome.is_sentence(line.text):
        return None
    rest = chrome.title_residue(line.text[len(line.lead):], title)
    if rest is not None:  # the title again, maybe with "Updated <date>"
        date = chrome.classify(rest)
        return date if date is not None and date.key in ("published", "updated") \
            else chrome.Finding("", "")
    return chrome.classify(line.text)


def _block_finding(block: _MdBlock, title: str) -> chrome.Finding | None:
    """A block is chrome when every line is; its first meaningful finding."""
    if block.kind == "heading":
        same = bool(title) and chrome.loose(block.text) == chrome.loose(title)
        return chrome.Finding("", "") if same else None  # the title again
    raws = [r for r in block.raw if r.strip()]
    findings = []
    for i, line in enumerate(block.lines):
        raw = raws[i] if len(raws) == len(block.lines) else line.text
        found = _line_finding(line, raw, title)
        if found is None:
            return None
        findings.append(found)
    weak = all(f.strength == "weak" for f in findings)
    keyed = [f for f in findings if f.key]
    if len(keyed) == 1 and len(findings) == 1:
        return keyed[0]
    merged: dict[str, str] = {}
    for f in findings:
        chrome.merge(merged, f)
    return chrome.Finding("", "", "weak" if weak else "strong", merged)


def _edge_findings(blocks: list[_MdBlock], title: str) -> list[chrome.Finding | None]:
    """Chrome findings per block; a heading over strong chrome is chrome."""
    found = [_block_finding(b, title) for b in blocks]
    for i in range(len(blocks) - 1, -1, -1):  # a heading over chrome is chrome
        if blocks[i].kind == "heading" and found[i] is None:
            after = found[i + 1] if i + 1 < len(blocks) else None
            if after is not None and after.strength == "strong":
                found[i] = chrome.Finding("", "")
    return found


# --------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------


class MarkdownReader(Reader):
    """Reads Markdown (CommonMark + tables, optional YAML front matter)."""

    name = "markdown"
    extensions = ("md", "markdown")
    binary = False

    def read(self, data: bytes, path: str, limits: ReaderLimits | None = None) -> Document:
        """Parse, set chrome aside, find title, subtitle and headings (Markdown needs no ``limits``)."""
        from markdown_it import MarkdownIt

        doc, text = start_document(data, path)
        fields, body, problem = _front_matter(text)
        if problem:
            doc.warnings.append(problem)
        _apply_front_matter(doc, fields)
        tokens = MarkdownIt("commonmark").enable("table").parse(body)
        blocks = _blocks(tokens, body.split("\n"))
        for block in blocks:
            if block.kind == "heading":
                block.text = _strip_symbols(block.text)
        blocks = self._title(doc, blocks)
        blocks = self._strip_chrome(doc, blocks)
        if not any(b.kind != "heading" for b in blocks):
            raise InputError(f"{path}: contains no paragraphs of text")
        if not doc.title:
            first = next(b for b in blocks if b.kind != "heading")
            doc.title = title_from_text(first.text)
        doc.blocks = number_blocks(self._headings(blocks))
        return doc

    @staticmethod
    def _title(doc: Document, blocks: list[_MdBlock]) -> list[_MdBlock]:
        """Take the first H1 before the body as title (and a subtitle under it)."""
        start = None
        for i, block in enumerate(blocks):
            if block.kind == "heading" and block.level == 1:
                start = i
                break
            if block.kind != "heading" and _block_finding(block, "") is None:
                break
        if start is None:
            return blocks
        heading = blocks.pop(start)
        title, _, label = split_title(heading.text)
        if not doc.title or doc.title == heading.text:
            doc.title, doc.label = (heading.text if label is None else title), label
        if doc.subtitle is None and start < len(blocks):
            nxt = blocks[start]
            after = blocks[start + 1] if start + 1 < len(blocks) else None
            if (nxt.kind == "heading" and nxt.level == 2 and after is not None
                    and after.kind == "heading" and after.level <= 2) or (
                    nxt.kind == "paragraph" and nxt.emphasised == "em" and len(nxt.lines) == 1
                    and len(nxt.text.split()) <= 30):
                doc.subtitle = nxt.text
                blocks.pop(start)
        return blocks

    @staticmethod
    def _split_boilerplate(blocks: list[_MdBlock]) -> list[_MdBlock]:
        """Cut a disclaimer glued to the last block (a lazy continuation line)."""
        for i in range(max(0, len(blocks) - 3), len(blocks)):
            block = blocks[i]
            for k, line in enumerate(block.lines[1:], start=1):
                if chrome.is_boilerplate(line.text):
                    r = next((j for j, raw in enumerate(block.raw)
                              if chrome.is_boilerplate(raw.strip())), len(block.raw))
                    head = _MdBlock(block.kind, " ".join(x.text for x in block.lines[:k]),
                                    block.level, block.lines[:k], block.raw[:r])
                    tail = _MdBlock("paragraph", " ".join(x.text for x in block.lines[k:]),
                                    0, block.lines[k:], block.raw[r:])
                    return blocks[:i] + [head, tail] + blocks[i + 1:]
        return blocks

    @classmethod
    def _strip_chrome(cls, doc: Document, blocks: list[_MdBlock]) -> list[_MdBlock]:
        """Set chrome at both edges aside; keep what it says as metadata."""
        blocks = cls._split_boilerplate(blocks)
        found = _edge_findings(blocks, doc.title)
        split = chrome.strip_edges([b.text for b in blocks], found)
        end = len(blocks) - split.bottom
        metadata: dict[str, str] = {}
        for finding in found[:split.top] + found[end:]:
            if finding is not None:
                chrome.merge(metadata, finding)
        for block in blocks[:split.top] + blocks[end:]:
            doc.chrome.extend(r.strip() for r in block.raw if r.strip())
        for key, value in list(metadata.items()):
            if "author" in key and doc.author is None:
                doc.author = value
            elif key == "source" and doc.site is None and (host := _URL_HOST.match(value)):
                doc.site = host.group(1).lower()
            elif "date" in key and "date" not in metadata:
                metadata["date"] = value
        chrome.apply_metadata(doc, metadata)
        return blocks[split.top:end]

    @staticmethod
    def _headings(blocks: list[_MdBlock]) -> list[Block]:
        """Model blocks, with headings recovered from bold or short lines."""
        result = [Block(b.kind, b.text, b.level) for b in blocks]
        single = [b.kind == "paragraph" and len(b.lines) == 1 for b in blocks]
        for i, block in enumerate(blocks):  # "**Section**" on a line of its own
            if single[i] and block.emphasised == "strong" and is_heading_like(block.text) \
                    and i + 1 < len(blocks):
                result[i].kind, result[i].level = "heading", 2
        mark_headings(result, single)
        for new, source in zip(result, blocks, strict=True):
            if new.kind == "heading" and source.kind != "heading":
                new.level = 2  # recovered headings sit under the title
        return result
