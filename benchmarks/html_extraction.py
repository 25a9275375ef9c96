#!/usr/bin/env python
"""HTML main-text extraction: token F1 against Mozilla Readability's test pages.

    .venv/bin/python benchmarks/html_extraction.py [--systems NAME,...] [--limit N] [--json FILE]

Reads ``../shared/eval/html/readability/<page>/`` (``source.html``, the gold
``expected.html`` and ``expected-metadata.json``); without it, prints
``skipped: ...`` and exits 0.  Nothing is downloaded.

Pages: the real scraped pages only.  The tiny synthetic cases (each tests one
cleaning rule of Readability on a hand-written page) are skipped by a
documented rule: ``source.html`` under 5,000 bytes.  That leaves 94 of 130
pages (every real page is over 10 KB; the largest synthetic one is 3.8 KB).

Score: for each page, precision, recall and F1 of the multiset of tokens of
the extracted text against the tokens of the gold's text; tokens are runs of
letters/digits, case-folded, and single characters for Chinese/Japanese
(which has no spaces).  The table gives the means over the pages, the number
of pages where the system found nothing, and the mean wall time per page.

Systems (``--systems``, comma-separated; default all):

``briefing``      our reader (``HtmlReader().read``: decoding, parsing,
                  trafilatura with ``EXTRACTION``: ``favor_recall``), text =
                  the Document's blocks joined by newlines
``balanced``      the same in trafilatura's balanced mode (its default)
``precision``     the same with ``favor_precision=True``
``no-tables``     the same with ``include_tables=False``
``no-merge``      the same without merging sibling ``<article>`` elements
``trafilatura``   ``trafilatura.extract(bytes)`` with its defaults (its own
                  decoding; comments included), plain text
``readability``   the readability-lxml port bundled with trafilatura
                  (``trafilatura.readability_lxml``), the text of its summary

It also prints how often our reader's metadata matches the gold's (title,
byline, language, site name, date), where the gold has one.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _paths import EVAL  # also puts the repository on sys.path

SYNTHETIC_MAX_BYTES = 5000
TARGET_F1 = 0.90
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
_BLOCK_TAGS = frozenset("""p div h1 h2 h3 h4 h5 h6 li td th tr br blockquote pre section
article table ul ol dl dd dt figcaption hr header footer""".split())


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


def gold_text(html: str) -> str:
    """The text of ``expected.html``, with a line break after each block element."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return str(tree.text_content())


def tokens(text: str) -> collections.Counter[str]:
    return collections.Counter(t.casefold() for t in _TOKEN.findall(text))


def prf(found: str, gold: str) -> tuple[float, float, float]:
    """Token-multiset precision, recall and F1 of ``found`` against ``gold``."""
    a, b = tokens(found), tokens(gold)
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(a.values()), overlap / sum(b.values())
    return p, r, 2 * p * r / (p + r)


# --------------------------------------------------------------------------
# Systems
# --------------------------------------------------------------------------


@contextmanager
def _extraction(**changes: Any) -> Iterator[None]:
    """Run the reader with other trafilatura settings (restored afterwards)."""
    from briefing.readers import html

    saved = dict(html.EXTRACTION)
    html.EXTRACTION.update(changes)
    try:
        yield
    finally:
        html.EXTRACTION.clear()
        html.EXTRACTION.update(saved)


@contextmanager
def _no_merge() -> Iterator[None]:
    from briefing.readers import html

    saved = html._merge_sibling_articles
    html._merge_sibling_articles = lambda tree: None  # type: ignore[assignment]
    try:
        yield
    finally:
        html._merge_sibling_articles = saved  # type: ignore[assignment]


def _reader_text(data: bytes, path: str) -> tuple[str, Any]:
    from briefing.errors import InputError
    from briefing.readers.html import HtmlReader

    try:
        doc = HtmlReader().read(data, path)
    except InputError:
        return "", None
    return "\n".join(b.text for b in doc.blocks), doc


def _variant(context: Callable[[], Any]) -> Callable[[bytes, str], tuple[str, Any]]:
    def run(data: bytes, path: str) -> tuple[str, Any]:
        with context():
            return _reader_text(data, path)
    return run


def _trafilatura(data: bytes, path: str) -> tuple[str, Any]:
    import trafilatura

    return trafilatura.extract(data) or "", None


def _readability(data: bytes, path: str) -> tuple[str, Any]:
    from trafilatura.readability_lxml import Document as ReadabilityDocument

    from briefing.readers.html import decode_html, parse_html

    text, _, _ = decode_html(data, path)
    try:
        summary = ReadabilityDocument(parse_html(text, path)).summary()
    except Exception:  # noqa: BLE001 - a failed page scores 0
        return "", None
    return gold_text(summary) if summary.strip() else "", None


SYSTEMS: dict[str, tuple[str, Callable[[bytes, str], tuple[str, Any]]]] = {
    "briefing": ("briefing HtmlReader (favor_recall, tables)", _reader_text),
    "balanced": ("  same, balanced (no favor_*)", _variant(lambda: _extraction(favor_recall=False))),
    "precision": ("  same, favor_precision", _variant(
        lambda: _extraction(favor_recall=False, favor_precision=True))),
    "no-tables": ("  same, include_tables=False", _variant(lambda: _extraction(include_tables=False))),
    "no-merge": ("  same, sibling <article> not merged", _variant(_no_merge)),
    "trafilatura": ("trafilatura.extract, its defaults", _trafilatura),
    "readability": ("readability-lxml (bundled port)", _readability),
}


# --------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------


def _loose(text: str | None) -> str:
    return " ".join(re.findall(r"[^\W_]+", (text or "").casefold()))


def metadata_matches(doc: Any, gold: dict[str, Any]) -> dict[str, bool | None]:
    """For each gold field present: does our Document agree (None: gold has none)?"""
    title, byline, site = (_loose(gold.get(k)) for k in ("title", "byline", "siteName"))
    ours_author = _loose(doc.author) if doc else ""
    ours_title = _loose(doc.title) if doc else ""
    return {
        "title": (bool(ours_title) and (ours_title in title or title in ours_title)) if title else None,
        "byline": (bool(ours_author) and (ours_author in byline or byline in ours_author))
        if byline else None,
        "lang": (doc is not None and doc.language == str(gold["lang"]).split("-")[0].lower())
        if gold.get("lang") else None,
        "site": (doc is not None and bool(doc.site) and _loose(doc.site) in site or site in _loose(doc.site))
        if site and doc else (False if site else None),
        "date": (doc is not None and bool(doc.date) and str(gold["publishedTime"]).startswith(doc.date))
        if gold.get("publishedTime") else None,
    }


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def pages(folder: Path) -> tuple[list[Path], list[Path]]:
    """(real pages, skipped synthetic cases) under ``folder``."""
    all_pages = sorted(p for p in folder.iterdir() if (p / "source.html").is_file())
    real = [p for p in all_pages if (p / "source.html").stat().st_size >= SYNTHETIC_MAX_BYTES]
    return real, [p for p in all_pages if p not in real]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared eval folder")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated, of: {', '.join(SYSTEMS)}")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--json", type=Path, help="also write every score, per page")
    parser.add_argument("--worst", type=int, default=8, help="list our N worst pages")
    args = parser.parse_args(argv)

    folder = args.eval / "html" / "readability"
    if not folder.is_dir():
        print(f"skipped: {folder} not found (the shared evaluation material is absent)")
        return 0
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        parser.error(f"unknown system(s): {', '.join(unknown)}")
    real, synthetic = pages(folder)
    if args.limit:
        real = real[:args.limit]

    import trafilatura  # noqa: F401 - imports outside the timings

    import briefing.readers.html  # noqa: F401

    scores: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    meta: dict[str, list[bool]] = collections.defaultdict(list)
    for page in real:
        data = (page / "source.html").read_bytes()
        gold = gold_text((page / "expected.html").read_text("utf-8"))
        gold_meta = json.loads((page / "expected-metadata.json").read_text("utf-8"))
        for name in names:
            start = time.perf_counter()
            text, doc = SYSTEMS[name][1](data, str(page / "source.html"))
            seconds = time.perf_counter() - start
            p, r, f = prf(text, gold)
            scores[name].append({"page": page.name, "p": p, "r": r, "f1": f,
                                 "empty": not text.strip(), "seconds": seconds})
            if name == "briefing":
                for key, ok in metadata_matches(doc, gold_meta).items():
                    if ok is not None:
                        meta[key].append(ok)

    print(f"HTML main text: {len(real)} real pages of {folder} "
          f"({len(synthetic)} synthetic cases under {SYNTHETIC_MAX_BYTES} bytes skipped)\n")
    print("| system | precision | recall | F1 | median F1 | pages F1 < 0.8 | empty | s/page |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in names:
        rows = scores[name]
        f1s = [x["f1"] for x in rows]
        print(f"| {SYSTEMS[name][0]} | {statistics.fmean(x['p'] for x in rows):.3f} | "
              f"{statistics.fmean(x['r'] for x in rows):.3f} | **{statistics.fmean(f1s):.3f}** | "
              f"{statistics.median(f1s):.3f} | {sum(f < 0.8 for f in f1s)} | "
              f"{sum(x['empty'] for x in rows)} | {statistics.fmean(x['seconds'] for x in rows):.3f} |")
    if "briefing" in scores:
        mean = statistics.fmean(x["f1"] for x in scores["briefing"])
        verdict = "meets" if mean >= TARGET_F1 else "MISSES"
        print(f"\nTarget: mean F1 >= {TARGET_F1:.2f}: our reader {verdict} it ({mean:.3f}).")
        print("\nMetadata of our reader against the gold (pages where the gold has the field):\n")
        print("| field | matches | of |")
        print("| --- | ---: | ---: |")
        for key in ("title", "byline", "lang", "site", "date"):
            print(f"| {key} | {sum(meta[key])} | {len(meta[key])} |")
        worst = sorted(scores["briefing"], key=lambda x: x["f1"])[:args.worst]
        if worst:
            print("\nOur worst pages: " + ", ".join(f"{x['page']} {x['f1']:.2f}" for x in worst))
    if args.json:
        args.json.write_text(json.dumps({"scores": scores, "metadata": meta}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
