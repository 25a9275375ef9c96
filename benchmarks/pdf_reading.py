#!/usr/bin/env python
"""Speed of the PDF reader on the CRS PDFs, and of the libraries it was chosen from.

    .venv/bin/python benchmarks/pdf_reading.py [--runs 3] [--compare] [--render] [FILE ...]

For every PDF under ../shared/eval/documents/crs/pdf (or the FILEs given)
prints a Markdown row: pages, the reader's time (``PdfReader.read``: bytes ->
Document blocks, best of ``--runs`` in this process, imports excluded), blocks,
headings, tables and words.  With ``--compare``, the longest report is also
timed with pdfminer.six (layout analysis, and without it) and pypdf's
``extract_text`` (the alternatives measured before choosing pypdfium2), and
with ``--render`` the wall time and peak memory of a fresh
``briefing render LONGEST.pdf`` process (the issue's target: under 10 s).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _paths import EVAL  # also puts the repository on sys.path

CRS = EVAL / "documents" / "crs" / "pdf"
TARGET_SECONDS = 10.0


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _best(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _table(files: list[Path], runs: int) -> Path:
    from briefing.readers.pdf import PdfReader

    print("| file | pages | read (s) | s/page | blocks | headings | tables | words |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    total_time = total_pages = 0.0
    longest, most = files[0], 0
    for path in files:
        data = path.read_bytes()
        doc = PdfReader().read(data, path.name)  # warm-up, and the document to describe
        seconds = _best(runs, lambda data=data, path=path: PdfReader().read(data, path.name))
        pages = _pages(path)
        total_time, total_pages = total_time + seconds, total_pages + pages
        if pages > most:
            longest, most = path, pages
        print(f"| {path.parent.name}/{path.name} | {pages} | {seconds:.3f} | {seconds / pages:.4f} "
              f"| {len(doc.blocks)} | {len(doc.headings)} "
              f"| {sum(b.kind == 'table' for b in doc.blocks)} | {doc.word_count} |")
    print(f"| **all {len(files)}** | {total_pages:.0f} | {total_time:.2f} "
          f"| {total_time / max(total_pages, 1):.4f} | | | | |")
    return longest


def _compare(path: Path) -> None:
    """Time the alternatives on one file (once each: pdfminer is slow)."""
    print(f"\nText extraction alternatives on {path.name} ({_pages(path)} pages):\n")
    print("| library | what | seconds |")
    print("| --- | --- | ---: |")
    import pypdfium2 as pdfium

    def pdfium_text() -> None:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_bounded()

    from briefing.readers.pdf import PdfReader

    data = path.read_bytes()
    rows = [("pypdfium2", "text of every page", lambda: pdfium_text()),
            ("briefing", "PdfReader.read (pdfium + layout)", lambda: PdfReader().read(data, "x"))]
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams

        rows += [("pdfminer.six", "extract_pages, LAParams()",
                  lambda: list(extract_pages(path, laparams=LAParams()))),
                 ("pdfminer.six", "extract_pages, no layout analysis",
                  lambda: list(extract_pages(path, laparams=None)))]
    except ImportError:
        pass
    from pypdf import PdfReader as PypdfReader

    rows.append(("pypdf", "extract_text of every page",
                 lambda: [p.extract_text() for p in PypdfReader(path).pages]))
    for library, what, work in rows:
        print(f"| {library} | {what} | {_best(1, work):.2f} |")


def _render(path: Path) -> None:
    """Wall time and peak RSS of a fresh ``briefing render`` process."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "briefing", "render", str(path), "-o",
                   str(Path(folder) / "brief.pdf"), "--date", "2026-11-27"]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    status = "ok" if result.returncode == 0 else f"failed: {result.stderr.strip()[:160]}"
    verdict = "within" if seconds < TARGET_SECONDS else "over"
    print(f"\n`briefing render {path.name}`: {seconds:.2f} s wall ({verdict} the "
          f"{TARGET_SECONDS:.0f} s target), peak memory {peak:.0f} MB, {status}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="time pdfminer.six and pypdf too")
    parser.add_argument("--render", action="store_true", help="time `briefing render` on the longest")
    args = parser.parse_args(argv)
    files = args.files or sorted(CRS.glob("*/*.pdf"))
    if not files:
        print(f"skipped: {CRS} not found")
        return 0
    longest = _table(files, args.runs)
    if args.compare:
        _compare(longest)
    if args.render:
        _render(longest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
