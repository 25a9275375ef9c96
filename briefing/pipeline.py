"""Read, then compose, then write: the one path every entry point takes.

The command line, the batch workers, ``briefing email`` and ``print``, the
warm-up and the public API in :mod:`briefing` all go through these
functions, so a document is read, analysed and laid out the same way
wherever it comes from.  Each step imports its layer when it runs: importing
this module is cheap.

- :func:`read_path` / :func:`read_data` / :func:`read_source`: a reader
  builds the Document, the analysis finds its language and sentences;
- :func:`read_documents`: many inputs (folders expanded, a repeated file
  read once), each reading warning passed to ``warn``;
- :func:`brief_from`: a brief file loaded as it is, or documents read and
  composed (:func:`compose_documents`);
- :func:`render` / :func:`write`: the brief in a format of
  :data:`briefing.writers.FORMATS`, its charts redrawn from its current data.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import InputError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from briefing.config import Style
    from briefing.model import Brief, ChartSpec, Document
    from briefing.readers import Reader
    from briefing.readers.limits import ReaderLimits

#: Called with (input as given, message) for each warning about an input.
Warn = Callable[[str, str], None]

__all__ = ["brief_date", "brief_from", "chart_specs", "compose_documents", "is_brief_file", "read_data",
           "read_documents", "read_path", "read_source", "render", "write"]


def _ignore(_path: str, _message: str) -> None:
    pass


# ---------------------------------------------------------------- read


def read_data(data: bytes, path: str, reader: Reader | None = None,
              limits: ReaderLimits | None = None) -> Document:
    """The Document of ``data`` (the bytes of ``path``), with its language and sentences."""
    from briefing.analysis.segment import segment
    from briefing.readers import read_data as read

    return segment(read(data, path, reader, limits))


def read_path(path: str | Path, *, max_bytes: int | None = None,
              limits: ReaderLimits | None = None) -> Document:
    """The Document of the file ``path`` (``-``: standard input), with its language and sentences."""
    from briefing.analysis.segment import segment
    from briefing.readers import read_path as read

    return segment(read(path, max_bytes=max_bytes, limits=limits))


def read_source(source: str) -> Document:
    """The Document of a path, ``-`` or an ``https://`` address (fetched only because it was given)."""
    from briefing.readers.url import is_url

    if is_url(source):
        from briefing.analysis.segment import segment
        from briefing.readers.url import read_url

        return segment(read_url(source))
    return read_path(source)


def read_documents(inputs: Sequence[str], warn: Warn = _ignore) -> list[Document]:
    """Read every input (a folder gives its documents, sorted); a repeated file is read once.

    ``warn(input, message)`` hears of skipped files, repeats and each
    document's reading warnings.
    """
    from briefing.readers import expand

    paths, skipped = expand(list(inputs))
    for path in skipped:
        warn(path, "skipped, not a format briefing reads")
    if not paths:
        raise InputError("the folder holds no document briefing can read")
    if paths.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in paths:
        doc = read_source(path)
        if doc.sha256 in seen:
            warn(path, f"same content as {seen[doc.sha256]}, read once")
            continue
        seen[doc.sha256] = path
        for warning in doc.warnings:
            warn(doc.path or path, warning)
        documents.append(doc)
    return documents


# ---------------------------------------------------------------- compose


def brief_date(value: str | None = None) -> str:
    """The brief's date: ``value``, else ``SOURCE_DATE_EPOCH`` when set, else today."""
    if value:
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def is_brief_file(source: str) -> bool:
    """True if ``source`` names a brief file (``.yaml``, ``.yml``, ``.json``) rather than a document."""
    from briefing.readers.url import is_url
    from briefing.serialise import BRIEF_SUFFIXES

    return not is_url(source) and Path(source).suffix.lower() in BRIEF_SUFFIXES


def brief_from(inputs: Sequence[str], *, date: str | None = None, warn: Warn = _ignore,
               length: str = "standard") -> Brief:
    """The brief of ``inputs``: one brief file loaded as it is, or documents read and composed.

    ``date`` is the brief's date (the command line passes :func:`brief_date`
    of its flag); without it, the first source's.  ``length`` is how much a
    composed brief says (a brief file says what it holds).
    """
    briefs = [source for source in inputs if is_brief_file(source)]
    if briefs:
        if len(inputs) > 1:
            raise UsageError("a brief file (.yaml/.json) is rendered on its own, not with other inputs")
        from briefing.serialise import load_brief

        return check_charts(load_brief(briefs[0]), briefs[0])
    return compose_documents(inputs, date=date, warn=warn, length=length)


def compose_documents(inputs: Sequence[str], *, date: str | None = None, warn: Warn = _ignore,
                      length: str = "standard") -> Brief:
    """Read the documents ``inputs`` (:func:`read_documents`) and compose their brief."""
    from briefing.compose import compose

    return compose(read_documents(inputs, warn), date=date, length=length)


def check_charts(brief: Brief, source: str) -> Brief:
    """``brief`` if every chart names a kind of :data:`briefing.charts.KINDS`; else a one-line error."""
    from briefing.charts import KINDS
    from briefing.errors import BriefValidationError

    for i, chart in enumerate(brief.charts):
        if chart.kind not in KINDS:
            raise BriefValidationError(source, f"charts[{i}].kind",
                                       f"unknown chart kind '{chart.kind}' (known: {', '.join(KINDS)})")
    return brief


# ---------------------------------------------------------------- write


def chart_specs(brief: Brief, style: Style) -> list[ChartSpec]:
    """The brief's charts redrawn from its current data, titled in the style's language.

    A brief edited by hand keeps the charts it lists, but their data follows
    the edits (:func:`briefing.compose.chartspecs.refresh`).
    """
    from briefing.compose.chartspecs import refresh

    return refresh(brief, style.language)


def render(brief: Brief, fmt: str = "pdf", *, style: Style | None = None, template: str | Path | None = None,
           warn: Callable[[str], None] | None = None) -> bytes:
    """``brief`` laid out in ``fmt`` (a key of :data:`briefing.writers.FORMATS`), as bytes."""
    from briefing.config import load_style
    from briefing.writers import render_bytes

    style = style or load_style()
    return render_bytes(brief, fmt, template=template, style=style, warn=warn, charts=chart_specs(brief, style))


def write(brief: Brief, target: str | Path, fmt: str = "pdf", *, style: Style | None = None,
          template: str | Path | None = None, warn: Callable[[str], None] | None = None) -> Path:
    """Write ``brief`` in ``fmt`` to ``target`` atomically; returns the path written."""
    from briefing.writers import write_atomically

    return write_atomically(target, render(brief, fmt, style=style, template=template, warn=warn))
