#!/usr/bin/env python
"""Summary quality: ROUGE of briefing's summaries beside LEAD, LexRank and TextRank.

    .venv/bin/python benchmarks/quality.py [--sets bbc,cnndm,crs] [--limit N] [--json FILE]

Reads the evaluation material in ``../shared/eval`` (relative to the
repository root; ``--eval DIR`` to point elsewhere) and prints one Markdown
table per set: ROUGE-1/2/L F1 (Google's ``rouge-score``, Porter stemming,
mean F1 x 100), mean summary length in words and the time each system took
(summed over the documents, reading excluded).  Progress goes to stderr.

Every system ranks the same sentences: the sentences of the body paragraphs
(``doc.paragraphs``) of the Document that ``briefing.readers.read_path``
makes of the input, so the title line and the chrome the reader sets aside
are excluded for everyone.

Sets
  bbc    summaries/bbc_dev: extractive references; every system picks as many
         sentences as the reference has lines.
  cnndm  summaries/cnndm_dev: human highlights (abstractive); 3 sentences,
         and 4 in a second table.
  crs    documents/crs: the reports LONGDOC_SPLIT.tsv marks as opening with
         an author-written Summary (split "dev" by default).  The Summary is
         cut out of the Markdown (from the line "Summary" to the next "---"
         line); the rest is written to a temporary file of the same name and
         read with read_path.  Ours is the brief of ``compose``: key
         takeaways then each theme's lead and points (sentences repeated verbatim counted
         once); the baselines get the same number of words.  The reference is
         the Summary read with the same reader: its paragraphs, table rows
         ("| ..." lines) left out, a paragraph repeated verbatim counted once.

LEAD-k is the first k sentences; a word budget takes sentences (in document
order for LEAD, best first for LexRank/TextRank) while the next one brings
the total nearer the budget.  sumy runs offline on briefing's sentences with
a regex word tokenizer, its Snowball stemmer and English stop words
(benchmarks/_sumy.py).  The run is deterministic: the script re-executes
itself with PYTHONHASHSEED=0 (sumy's LexRank sums floats over sets).
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(ROOT) not in sys.path:  # after PYTHONPATH: PYTHONPATH=snapshot measures another tree
    sys.path.append(str(ROOT))

METRICS = ("rouge1", "rouge2", "rougeL")
BRIEF_DATE = "2026-01-01"
ALL_SETS = ("bbc", "cnndm", "crs")


def words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------
# Cases: one document, its reference, what each system produced
# --------------------------------------------------------------------------


@dataclass
class Task:
    """One document to summarise (picklable: sent to worker processes)."""

    set: str
    id: str
    path: str
    reference_path: str = ""


@dataclass
class Outcome:
    """What the systems produced for one document."""

    id: str
    reference: str
    read_seconds: float
    # variant ("bbc", "cnndm@3", ...) -> system -> sentences
    summaries: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    seconds: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


_SUMY = None
_STOCK_SUMY = False


def _sumy():  # type: ignore[no-untyped-def]
    global _SUMY
    if _SUMY is None:
        from _sumy import Summarizers

        _SUMY = Summarizers(stock=_STOCK_SUMY)
    return _SUMY


def _timed(out: Outcome, variant: str, system: str, fn: Callable[[], list[str]]) -> None:
    start = time.perf_counter()
    result = fn()
    out.seconds.setdefault(variant, {})[system] = time.perf_counter() - start
    out.summaries.setdefault(variant, {})[system] = result


def _baselines(out: Outcome, variant: str, paragraphs: list[list[str]], *, lead: str | None,
               sentences: int | None = None, budget: int | None = None, lead3: bool = True) -> None:
    """LEAD-3, LEAD at the same length (named ``lead``), LexRank and TextRank."""
    from _sumy import take_budget

    flat = [s for p in paragraphs for s in p]
    if lead3:
        _timed(out, variant, "LEAD-3", lambda: flat[:3])
    if lead is not None:
        if budget is not None:
            _timed(out, variant, lead, lambda: take_budget(flat, words, budget))
        else:
            _timed(out, variant, lead, lambda: flat[:sentences])
    for name in ("LexRank", "TextRank"):
        _timed(out, variant, name, lambda name=name: _sumy().summarize(  # type: ignore[misc]
            name, paragraphs, sentences=sentences, words=budget))


def _body(doc) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[s.text for s in b.sentences] for b in doc.paragraphs]


def _lines(path: str) -> list[str]:
    text = Path(path).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def run_task(task: Task) -> Outcome:
    """Read one document and run every system on it."""
    from briefing.analysis.summary import summarize
    from briefing.pipeline import read_path

    if task.set == "crs":
        return _run_crs(task)
    start = time.perf_counter()
    doc = read_path(task.path)
    read_seconds = time.perf_counter() - start
    paragraphs = _body(doc)
    reference = _lines(task.reference_path)
    out = Outcome(task.id, "\n".join(reference), read_seconds)
    if task.set == "bbc":
        n = len(reference)
        first = _lines(task.path)[0]
        if doc.title != first:
            out.notes.append(f"title {doc.title!r} differs from line 1 {first!r}")
        _timed(out, "bbc", "briefing", lambda: summarize(doc, sentences=n))
        _baselines(out, "bbc", paragraphs, lead="LEAD-N (same length)", sentences=n)
    else:
        for n in (3, 4):
            variant = f"cnndm@{n}"
            _timed(out, variant, "briefing", lambda n=n: summarize(doc, sentences=n))  # type: ignore[misc]
            _baselines(out, variant, paragraphs, lead=None if n == 3 else f"LEAD-{n}", sentences=n,
                       lead3=(n == 3))
    return out


def split_summary(text: str) -> tuple[str, str] | None:
    """(Summary section, the rest) of a CRS report page, or None.

    The Summary starts at a line reading just "Summary" and ends at the next
    "---" line (the converter's separator before the main text).
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == "Summary"), None)
    if start is None:
        return None
    end = next((j for j in range(start + 1, len(lines)) if lines[j].strip() == "---"), None)
    if end is None:
        return None
    return "".join(lines[start + 1:end]), "".join(lines[:start] + lines[end + 1:])


def _run_crs(task: Task) -> Outcome:
    from briefing.compose import compose
    from briefing.pipeline import read_path

    path = Path(task.path)
    parts = split_summary(path.read_text(encoding="utf-8"))
    if parts is None:
        out = Outcome(task.id, "", 0.0)
        out.notes.append("no Summary section found: skipped")
        return out
    summary_md, rest_md = parts
    # Converted tables are runs of "| cell | cell" lines without a delimiter
    # row, so the Markdown reader takes them as prose: leave them out.
    summary_lines = summary_md.splitlines(keepends=True)
    prose = [line for line in summary_lines if not line.lstrip().startswith("|")]
    table_rows = len(summary_lines) - len(prose)
    summary_md = "".join(prose)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        body_path = Path(tmp) / path.name
        body_path.write_text(rest_md, encoding="utf-8")
        start = time.perf_counter()
        doc = read_path(body_path)
        read_seconds = time.perf_counter() - start
        ref_path = Path(tmp) / "summary.md"
        ref_path.write_text(f"# {doc.title}\n\n{summary_md}", encoding="utf-8")
        ref_doc = read_path(ref_path)
    seen: set[str] = set()
    reference: list[str] = []
    for block in ref_doc.paragraphs:
        if block.kind != "table" and block.text not in seen:
            seen.add(block.text)
            reference.append(block.text)
    out = Outcome(task.id, "\n".join(reference), read_seconds)
    dropped = len([b for b in ref_doc.paragraphs if b.kind != "table"]) - len(reference)
    if dropped:
        out.notes.append(f"Summary repeats {dropped} paragraph(s) verbatim: counted once")
    tables = len([b for b in ref_doc.paragraphs if b.kind == "table"])
    if tables or table_rows:
        out.notes.append(f"Summary has a table ({table_rows + tables} rows/blocks): left out of the reference")

    def ours() -> list[str]:
        brief = compose([doc], date=BRIEF_DATE)
        points = [p.text for p in brief.takeaways]
        for theme in brief.themes:  # each theme's lead opens it, then its points: all of it is the brief
            points += ([theme.lead.text] if theme.lead else []) + [p.text for p in theme.points]
        return list(dict.fromkeys(points))

    _timed(out, "crs", "briefing", ours)
    budget = sum(words(s) for s in out.summaries["crs"]["briefing"])
    _baselines(out, "crs", _body(doc), lead="LEAD (same words)", budget=budget)
    return out


# --------------------------------------------------------------------------
# Data sets
# --------------------------------------------------------------------------


def bbc_tasks(eval_dir: Path) -> list[Task]:
    root = eval_dir / "summaries" / "bbc_dev"
    return [Task("bbc", f"{a.parent.name}/{a.stem}", str(a), str(root / "summary" / a.parent.name / a.name))
            for a in sorted((root / "article").glob("*/*.txt"))]


def cnndm_tasks(eval_dir: Path) -> list[Task]:
    root = eval_dir / "summaries" / "cnndm_dev"
    return [Task("cnndm", a.stem[:12], str(a), str(root / "highlights" / a.name))
            for a in sorted((root / "article").glob("*.txt"))]


def crs_tasks(eval_dir: Path, split: str) -> tuple[list[Task], list[str]]:
    root = eval_dir / "documents" / "crs"
    tasks: list[Task] = []
    missing: list[str] = []
    with (root / "LONGDOC_SPLIT.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["has_author_summary"] != "yes" or (split != "all" and row["split"] != split):
                continue
            path = root / "md" / "reports" / row["markdown_file"]
            if path.is_file():
                tasks.append(Task("crs", row["markdown_file"].split("-")[0], str(path)))
            else:
                missing.append(row["markdown_file"])
    return tasks, missing


# --------------------------------------------------------------------------
# Scoring and tables
# --------------------------------------------------------------------------

VARIANTS = {
    "bbc": ("bbc", "summaries/bbc_dev, extractive references; length = the reference's sentence count"),
    "cnndm@3": ("cnndm", "summaries/cnndm_dev, human highlights (abstractive); length = 3 sentences"),
    "cnndm@4": ("cnndm", "summaries/cnndm_dev, human highlights (abstractive); length = 4 sentences"),
    "crs": ("crs", "CRS reports vs. their author-written Summary; ours = brief takeaways + theme leads and points, "
                   "baselines at the same word count"),
}


def score(outcomes: Sequence[Outcome]) -> dict[str, dict]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    results: dict[str, dict] = {}
    for variant in VARIANTS:
        rows = [o for o in outcomes if variant in o.summaries]
        if not rows:
            continue
        systems = list(rows[0].summaries[variant])
        per_doc: dict[str, dict[str, dict[str, float]]] = {}
        for o in rows:
            per_doc[o.id] = {}
            for system in systems:
                summary = o.summaries[variant][system]
                s = scorer.score(o.reference, "\n".join(summary))
                per_doc[o.id][system] = {m: round(100 * s[m].fmeasure, 4) for m in METRICS} | {
                    "words": sum(words(x) for x in summary), "sentences": len(summary)}
        table = {}
        for system in systems:
            docs = [per_doc[o.id][system] for o in rows]
            table[system] = {m: statistics.fmean(d[m] for d in docs) for m in METRICS} | {
                "words": statistics.fmean(d["words"] for d in docs),
                "sentences": statistics.fmean(d["sentences"] for d in docs),
                "seconds": sum(o.seconds[variant][system] for o in rows),
            }
        results[variant] = {
            "description": VARIANTS[variant][1],
            "docs": len(rows),
            "reference_words": statistics.fmean(words(o.reference) for o in rows),
            "reference_sentences": (statistics.fmean(len(o.reference.splitlines()) for o in rows)
                                    if VARIANTS[variant][0] != "crs" else None),
            "read_seconds": sum(o.read_seconds for o in rows),
            "systems": table,
            "per_document": per_doc,
        }
    return results


def markdown(variant: str, result: dict) -> str:
    ref = f"reference: {result['reference_words']:.1f} words"
    if result["reference_sentences"]:
        ref += f", {result['reference_sentences']:.1f} lines"
    lines = [
        f"### {variant} — {result['docs']} documents",
        "",
        f"{result['description']}. Mean {ref}. Reading (shared, not in the times): "
        f"{result['read_seconds']:.1f} s.",
        "",
        "| system | docs | words | sentences | R-1 | R-2 | R-L | time (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for system, row in result["systems"].items():
        lines.append(f"| {system} | {result['docs']} | {row['words']:.1f} | {row['sentences']:.1f} | "
                     f"{row['rouge1']:.2f} | {row['rouge2']:.2f} | {row['rougeL']:.2f} | {row['seconds']:.2f} |")
    return "\n".join(lines)


def lead3_file_lines(tasks: Sequence[Task]) -> dict[str, float]:
    """LEAD-3 on the article file's own lines (after the title): the figure in eval/README.md."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    scores = [scorer.score("\n".join(_lines(t.reference_path)), "\n".join(_lines(t.path)[1:4])) for t in tasks]
    return {m: 100 * statistics.fmean(s[m].fmeasure for s in scores) for m in METRICS}


# --------------------------------------------------------------------------


def briefing_source() -> str:
    """Where briefing was imported from, with the git commit when it is this checkout."""
    import subprocess

    import briefing

    package = Path(briefing.__file__).resolve().parent
    where = str(package)
    try:
        commit = subprocess.run(["git", "-C", str(package), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(package), "status", "--porcelain", "--", "."],
                               capture_output=True, text=True, check=True).stdout.strip()
        where += f" (git {commit}{', with uncommitted changes' if dirty else ''})"
    except (OSError, subprocess.CalledProcessError):
        pass
    return where


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _init_worker(stock: bool) -> None:
    global _STOCK_SUMY
    _STOCK_SUMY = stock


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(ALL_SETS), help="comma-separated: bbc,cnndm,crs (default all)")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    parser.add_argument("--json", metavar="FILE", help="also write every number (per document too) to FILE")
    parser.add_argument("--eval", metavar="DIR", help="evaluation folder (default ../shared/eval)")
    parser.add_argument("--crs-split", choices=("dev", "heldout", "all"), default="dev",
                        help="LONGDOC_SPLIT.tsv rows to use (default dev)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default 2)")
    parser.add_argument("--stock-sumy", action="store_true",
                        help="use sumy's own (slow) LexRank/TextRank matrix code instead of the "
                             "bit-identical faster one")
    args = parser.parse_args(argv)

    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in ALL_SETS]
    if unknown:
        parser.error(f"unknown set(s): {', '.join(unknown)} (choose from {', '.join(ALL_SETS)})")
    eval_dir = Path(args.eval) if args.eval else ROOT.parent / "shared" / "eval"
    if not eval_dir.is_dir():
        print(f"skipped: {'../shared/eval' if not args.eval else eval_dir} not found")
        return 0

    wall = time.perf_counter()
    tasks: list[Task] = []
    notes: list[str] = []
    if "bbc" in sets:
        tasks += bbc_tasks(eval_dir)[:args.limit]
    if "cnndm" in sets:
        tasks += cnndm_tasks(eval_dir)[:args.limit]
    if "crs" in sets:
        crs, missing = crs_tasks(eval_dir, args.crs_split)
        tasks += crs[:args.limit]
        if missing:
            notes.append(f"crs: {len(missing)} report(s) listed in LONGDOC_SPLIT.tsv are not in md/reports: "
                         + ", ".join(m.split("-")[0] for m in missing))
    if not tasks:
        print("skipped: no documents found")
        return 0

    # Longest first, so the slow CRS reports do not end up last on one worker.
    order = sorted(range(len(tasks)), key=lambda i: -Path(tasks[i].path).stat().st_size)
    outcomes: list[Outcome | None] = [None] * len(tasks)
    _progress(f"quality: {len(tasks)} documents, {args.jobs} job(s)")
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs, initializer=_init_worker, initargs=(args.stock_sumy,)) as pool:
            futures = {i: pool.submit(run_task, tasks[i]) for i in order}
            for done, i in enumerate(order, start=1):
                outcomes[i] = futures[i].result()
                _progress(f"  [{done}/{len(tasks)}] {tasks[i].set} {tasks[i].id}")
    else:
        _init_worker(args.stock_sumy)
        for done, i in enumerate(order, start=1):
            outcomes[i] = run_task(tasks[i])
            _progress(f"  [{done}/{len(tasks)}] {tasks[i].set} {tasks[i].id}")
    finished = [o for o in outcomes if o is not None]
    for task, o in zip(tasks, finished, strict=True):
        notes += [f"{task.set} {o.id}: {n}" for n in o.notes]

    _progress("scoring")
    results = score(finished)
    elapsed = time.perf_counter() - wall

    from importlib.metadata import version

    versions = {}
    for package in ("briefing", "rouge-score", "sumy", "nltk", "pysbd"):
        try:
            versions[package] = version(package)
        except Exception:  # noqa: BLE001 - not installed as a distribution
            versions[package] = "?"
    print("## Summary quality (ROUGE F1 x 100, rouge-score with stemming)\n")
    for variant, result in results.items():
        print(markdown(variant, result))
        if variant == "bbc":
            check = lead3_file_lines([t for t in tasks if t.set == "bbc"])
            print(f"\nCheck: LEAD-3 on the article files' own lines scores "
                  f"{check['rouge1']:.2f} / {check['rouge2']:.2f} / {check['rougeL']:.2f} "
                  "(eval/README.md: 47.31 / 38.66 / 36.84 on all 100).")
        print()
    if notes:
        print("Notes:\n")
        for note in notes:
            print(f"- {note}")
        print()
    source = briefing_source()
    print(f"briefing from {source}.")
    print(f"Versions: {', '.join(f'{k} {v}' for k, v in versions.items())}. "
          f"Total wall time {elapsed:.0f} s with {args.jobs} job(s); times in the tables are "
          "summed over documents.")

    if args.json:
        payload = {
            "settings": {"sets": sets, "limit": args.limit, "crs_split": args.crs_split,
                         "stock_sumy": args.stock_sumy, "brief_date": BRIEF_DATE,
                         "metrics": list(METRICS), "use_stemmer": True},
            "versions": versions,
            "briefing_source": source,
            "wall_seconds": elapsed,
            "notes": notes,
            "sets": results,
        }
        Path(args.json).write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        _progress(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
