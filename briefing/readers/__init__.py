"""Readers: one module per input format, a registry keyed by extension.

Like pelican's ``readers.py``: each reader class declares its ``extensions``
and whether it takes raw bytes (``binary``, e.g. PDF) or decodes text itself;
:data:`READERS` maps an extension to the reader that handles it.  Reader
modules are imported only when a file of their format is read, so importing
this package stays cheap (stdlib + model + errors).

:func:`read_path` is the one entry point: it reads the bytes with size limits
and clear errors, lets the reader build the :class:`~briefing.model.Document`
and records where it came from (``path``, ``sha256``).  Language and
sentences are the analysis' work (:func:`briefing.analysis.segment.segment`);
:mod:`briefing.pipeline` reads and segments in one call.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from pathlib import Path
from typing import ClassVar

from briefing.errors import InputError, UnsupportedFormat
from briefing.model import Block, Document
from briefing.readers.limits import MAX_INPUT_BYTES, ReaderLimits
from briefing.readers.notes import mark_notes

__all__ = [
    "MAX_INPUT_BYTES",
    "READERS",
    "Reader",
    "get_reader",
    "number_blocks",
    "read_data",
    "read_path",
    "register",
]


class Reader:
    """Base class of a format reader.

    Subclasses set ``name``, ``extensions`` (lower case, without the dot),
    ``media_types`` (for :func:`register`) and ``binary``, and implement :meth:`read`.  ``enabled`` is False when an
    optional dependency is missing (the registry then refuses the format with
    a clear message instead of failing on import).
    """

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    media_types: ClassVar[tuple[str, ...]] = ()
    binary: ClassVar[bool] = False
    enabled: ClassVar[bool] = True

    def read(self, data: bytes, path: str, limits: ReaderLimits | None = None) -> Document:
        """Build a Document from the raw bytes of the file named ``path`` (within ``limits``, if binary)."""
        raise NotImplementedError

    @classmethod
    def for_response(cls, charset: str | None, url: str) -> Reader:
        """The reader for a body fetched from ``url`` (``charset`` from its Content-Type)."""
        return cls()


#: Extension -> reader: a ``"module:Class"`` string (imported on first use)
#: or a registered Reader subclass.
READERS: dict[str, str | type[Reader]] = {
    "txt": "briefing.readers.text:TextReader",
    "text": "briefing.readers.text:TextReader",
    "md": "briefing.readers.markdown:MarkdownReader",
    "markdown": "briefing.readers.markdown:MarkdownReader",
    "html": "briefing.readers.html:HtmlReader",
    "htm": "briefing.readers.html:HtmlReader",
    "xhtml": "briefing.readers.html:HtmlReader",
    "pdf": "briefing.readers.pdf:PdfReader",
    "docx": "briefing.readers.docx:DocxReader",
}

#: Media type (of a fetched URL's Content-Type) -> reader, in the same form.
MEDIA_TYPES: dict[str, str | type[Reader]] = {
    "text/html": "briefing.readers.html:HtmlReader",
    "application/xhtml+xml": "briefing.readers.html:HtmlReader",
    "text/plain": "briefing.readers.text:TextReader",
    "text/markdown": "briefing.readers.markdown:MarkdownReader",
    "text/x-markdown": "briefing.readers.markdown:MarkdownReader",
    "application/pdf": "briefing.readers.pdf:PdfReader",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "briefing.readers.docx:DocxReader",
}

#: What ``-`` (standard input) is read as.
STDIN_EXTENSION = "txt"


def register(reader: type[Reader]) -> type[Reader]:
    """Register ``reader`` for each of its extensions and media types (usable as a decorator)."""
    for extension in reader.extensions:
        READERS[extension.lower().lstrip(".")] = reader
    for media in reader.media_types:
        MEDIA_TYPES[media.lower()] = reader
    return reader


def media_reader(media: str) -> type[Reader] | None:
    """The reader class for the media type ``media``, or None when none is registered."""
    entry = MEDIA_TYPES.get(media.lower())
    return None if entry is None else _resolve(entry)


def _resolve(entry: str | type[Reader]) -> type[Reader]:
    if isinstance(entry, str):
        module_name, _, class_name = entry.partition(":")
        reader: type[Reader] = getattr(importlib.import_module(module_name), class_name)
        return reader
    return entry


def get_reader(path: str | Path) -> Reader:
    """The reader for ``path``, chosen by its extension (``-`` is text).

    Raises :class:`UnsupportedFormat` naming the supported extensions when no
    reader is registered for it.
    """
    name = str(path)
    extension = STDIN_EXTENSION if name == "-" else Path(name).suffix.lower().lstrip(".")
    supported = ", ".join("." + ext for ext in sorted(READERS))
    entry = READERS.get(extension)
    if entry is None:
        what = f"'.{extension}' files" if extension else "files without an extension"
        raise UnsupportedFormat(f"{name}: cannot read {what} (supported: {supported})")
    reader = _resolve(entry)
    if not reader.enabled:
        raise UnsupportedFormat(
            f"{name}: the {reader.name or extension} reader is not available "
            "(an optional dependency is missing)")
    return reader()


def number_blocks(blocks: list[Block]) -> list[Block]:
    """Number every non-heading block 1..n in order (headings get None)."""
    number = 0
    for block in blocks:
        if block.kind == "heading":
            block.number = None
        else:
            number += 1
            block.number = number
    return blocks


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of ``path`` (or stdin for ``-``), with one-line errors."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is not None:
            data: bytes = stream.read(max_bytes + 1)
        else:  # a text-only stdin (e.g. replaced in tests)
            data = sys.stdin.read(max_bytes + 1).encode("utf-8")
        label = "standard input"
    else:
        file = Path(path)
        label = path
        try:
            if file.is_dir():
                raise InputError(f"{path}: is a directory, not a document")
            size = file.stat().st_size
            if size > max_bytes:
                raise InputError(f"{path}: too large ({_mb(size)}; the limit is "
                                 f"{_mb(max_bytes)})")
            with file.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory, not a document") from None
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise InputError(f"{label}: too large (more than {_mb(max_bytes)})")
    if not data.strip():
        raise InputError(f"{label}: is empty")
    return data


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_data(data: bytes, path: str, reader: Reader | None = None,
              limits: ReaderLimits | None = None) -> Document:
    """Read ``data`` (the bytes of ``path``) into a Document of numbered blocks.

    Sets ``doc.path`` to ``path`` as given and ``doc.sha256`` to the hash of
    ``data``, marks the notes (:func:`~briefing.readers.notes.mark_notes`)
    and numbers the blocks; the language is the one the reader found, if any.
    Binary readers (PDF, DOCX) also get ``limits`` (default
    :class:`~briefing.readers.limits.ReaderLimits`): pages, time, zip-bomb
    checks.
    """
    reader = reader or get_reader(path)
    if reader.binary:
        doc = reader.read(data, path, limits=limits or ReaderLimits())
    else:
        doc = reader.read(data, path)
    doc.path = path
    doc.sha256 = hashlib.sha256(data).hexdigest()
    mark_notes(doc)
    number_blocks(doc.blocks)
    if not doc.title.strip():  # a reader bug, not the user's: still never empty
        doc.title = Path(path).stem if path != "-" else "Untitled document"
    return doc


def read_path(path: str | Path, *, max_bytes: int | None = None,
              limits: ReaderLimits | None = None) -> Document:
    """Read the file ``path`` (``-`` for standard input, read as text).

    Raises :class:`InputError` with a one-line message naming the file when
    it is missing, a directory, unreadable, empty, larger than ``max_bytes``
    (default ``limits.max_input_bytes``, else :data:`MAX_INPUT_BYTES`) or not
    a document the reader can make sense of; :class:`UnsupportedFormat` for
    an unknown extension.  ``limits`` goes to binary readers (see
    :func:`read_data`).
    """
    name = str(path)
    if name != "-" and Path(name).is_dir():
        raise InputError(f"{name}: is a folder: give the documents in it (for example {name}/*.txt)")
    reader = get_reader(name)
    if max_bytes is None:
        max_bytes = MAX_INPUT_BYTES if limits is None else limits.max_input_bytes
    data = _read_bytes(name, max_bytes)
    return read_data(data, name, reader, limits)


def expand(inputs: list[str]) -> tuple[list[str], list[str]]:
    """Inputs with every folder replaced by the documents in it.

    A folder contributes its files with a registered extension, sorted by
    name (not its sub-folders); returns ``(paths, skipped)`` where
    ``skipped`` lists the files of those folders that no reader takes.
    """
    paths: list[str] = []
    skipped: list[str] = []
    for item in inputs:
        folder = Path(item)
        if item == "-" or not folder.is_dir():
            paths.append(item)
            continue
        for child in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            (paths if child.suffix.lower().lstrip(".") in READERS else skipped).append(str(child))
    return paths, skipped
