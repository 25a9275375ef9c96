"""Limits that keep the readers of binary formats (PDF, DOCX) safe.

Every input document is untrusted (the design's security model: "parsers of
binary formats run with size and time limits").  :class:`ReaderLimits` holds
the settings, each with a default that no real document comes near; a reader
checks them *before* the expensive work (the size of a file from ``stat``,
the page count from the PDF's page tree, the sizes of DOCX parts from the zip
directory) and again while it works (the time between pages or elements, the
bytes actually inflated).  A refusal is a one-line :class:`InputError` that
names the file and the limit.

The module imports only the standard library (and the errors), so the
registry can import it cheaply.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from briefing.errors import InputError

__all__ = ["MAX_INPUT_BYTES", "Deadline", "ReaderLimits"]

#: Default limit on the size of one input (bytes); ``read_path(max_bytes=...)``
#: overrides it (the settings object passes its value there).
MAX_INPUT_BYTES = 50 * 1024 * 1024

#: The clock the deadlines use (a module attribute, so tests can replace it).
_clock = time.monotonic


@dataclass(frozen=True)
class ReaderLimits:
    """Size, page, time and zip-bomb limits for one input document.

    ``max_input_bytes``
        the size of the input file (50 MB: the largest CRS report is 1.4 MB).
    ``max_pages``
        pages of a PDF (1000; a long CRS report has 68).
    ``time_limit``
        seconds one binary reader may spend on one document, checked between
        pages (PDF) and between body elements (DOCX).  Reading the 68-page
        CRS report takes well under a second, so 60 s only stops inputs that
        are built to be slow.
    ``max_zip_entries``
        files in a DOCX archive (2000; a Word file has 10-60, a few hundred
        with many images).
    ``max_unzipped_bytes``
        total inflated size of all files in a DOCX (200 MB).
    ``max_compression_ratio``
        inflated / compressed size of one DOCX entry (200; Word XML
        compresses 5-30x, and a zip bomb 1000x).  Only checked for entries
        that inflate to more than ``ratio_min_bytes`` (1 MB), since tiny
        files of repeated bytes reach high ratios harmlessly.
    """

    max_input_bytes: int = MAX_INPUT_BYTES
    max_pages: int = 1000
    time_limit: float = 60.0
    max_zip_entries: int = 2000
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: float = 200.0
    ratio_min_bytes: int = 1024 * 1024

    def __post_init__(self) -> None:
        for name in ("max_input_bytes", "max_pages", "time_limit", "max_zip_entries",
                     "max_unzipped_bytes", "max_compression_ratio", "ratio_min_bytes"):
            if not getattr(self, name) > 0:
                raise ValueError(f"reader limit {name} must be positive, not {getattr(self, name)!r}")

    def deadline(self, path: str) -> Deadline:
        """A :class:`Deadline` for reading ``path``, starting now."""
        return Deadline(path, self.time_limit)


class Deadline:
    """The time limit of one read: call :meth:`check` between units of work.

    A check costs one clock read, so readers call it once per page or per few
    dozen elements.  Code inside a C library (pdfium laying out one page)
    cannot be interrupted from Python; the limit stops the read at the next
    check, which on a single page of a PDF is bounded by the page count limit
    and pdfium's own parser limits.
    """

    def __init__(self, path: str, seconds: float) -> None:
        self.path = path
        self.seconds = seconds
        self.start = _clock()

    def check(self) -> None:
        """Raise :class:`InputError` once the time limit is exceeded."""
        if _clock() - self.start > self.seconds:
            raise InputError(f"{self.path}: reading took longer than the time limit "
                             f"({self.seconds:g} s); the document is too complex to read")
