#!/usr/bin/env python
"""Try ranking settings on the tuning material, never on the sets that
docs/quality.md reports.

    .venv/bin/python benchmarks/tune.py [--docs 300] [--grid bbc|bbc-full|crs]

``bbc`` / ``bbc-full``: ROUGE-1/2/L F1 × 100 and the share of reference
sentences picked, for ``rank`` + ``select`` (as ``summarize`` calls them) on a
fixed random sample of ``summaries/bbc_pool``.  The pool's summaries run
their sentences together ("…claim.Rank now aims…"): a space is put back
after sentence ends, and each summary picks as many sentences as the
reference holds (sentences found verbatim in it).

``crs``: the brief's takeaways and points (``compose``) against the author's
Summary on the CRS reports of ``LONGDOC_SPLIT.tsv`` whose split is
"heldout", i.e. not the "dev" reports ``quality.py`` reports; settings are
applied by patching the constants of :mod:`briefing.compose`.
"""

from __future__ import annotations

import argparse
import pickle
import random
import re
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = ROOT.parent / "shared" / "eval"
POOL = EVAL / "summaries" / "bbc_pool"
METRICS = ("rouge1", "rouge2", "rougeL")

# name -> (Weights overrides, MMR diversity); the first is the previous default.
# A negative diversity -d means summary.diversity_for(count, total, d): d for a
# few sentences of many, less as the summary keeps more of the text.
BBC_GRID: dict[str, tuple[dict, float]] = {
    "old defaults (centrality .55, key .25, lead .2)": (
        dict(central=0.55, frequency=0.0, keyness=0.25, lead=0.2, lede=0.0), 0.35),
    "+ frequency .5, centrality .5, no key, no lead": (dict(lede=0.0), 0.35),
    "  diversity .2": (dict(lede=0.0), 0.2),
    "  diversity .1": (dict(lede=0.0), 0.1),
    "  diversity 0": (dict(lede=0.0), 0.0),
    "  diversity .1, lede .1": (dict(lede=0.1), 0.1),
    "  diversity .1, lede .2": (dict(lede=0.2), 0.1),
    "  diversity .1, lede .1, lead .1": (dict(lede=0.1, lead=0.1), 0.1),
    "  diversity .1, lede .1, anaphoric .9": (dict(lede=0.1, anaphoric=0.9), 0.1),
    "  diversity .1, lede .1, anaphoric 1": (dict(lede=0.1, anaphoric=1.0), 0.1),
    "  diversity .1, lede .1, no short penalty": (dict(lede=0.1, short_factor=1.0), 0.1),
    "  diversity .1, lede .1, frequency .7 centrality .3": (dict(lede=0.1, frequency=0.7, central=0.3), 0.1),
    "  diversity .1, lede .1, frequency .3 centrality .7": (dict(lede=0.1, frequency=0.3, central=0.7), 0.1),
    "  diversity .1, lede .1, key .2": (dict(lede=0.1, keyness=0.2), 0.1),
    "  adaptive diversity .35, lede .1": (dict(lede=0.1), -0.35),
    "  adaptive diversity .5, lede .1": (dict(lede=0.1), -0.5),
    "  adaptive diversity .35, lede .1, anaphoric .9": (dict(lede=0.1, anaphoric=0.9), -0.35),
    "  adaptive diversity .35, no lede": (dict(lede=0.0), -0.35),
    "  diversity .1, lede .3 over 0.5 sentences": (dict(lede=0.3, lede_span=0.5), 0.1),
    "  diversity .1, lede .5 over 0.5 sentences": (dict(lede=0.5, lede_span=0.5), 0.1),
    "  diversity .1, lede .3 over 2 sentences": (dict(lede=0.3, lede_span=2), 0.1),
    "  diversity .1, lede .2, anaphoric .9": (dict(lede=0.2, anaphoric=0.9), 0.1),
}


def _bbc_cases(articles: list[Path]) -> list[tuple[list[str], str, list[bool]]]:
    """(sentences, reference, which sentences the reference holds) per article."""
    from briefing.pipeline import read_path

    cases = []
    for path in articles:
        raw = (POOL / "summary" / path.parent.name / path.name).read_text(encoding="latin-1")
        ref = re.sub(r"([.!?][\"']?)(?=[A-Z\"])", r"\1 ", raw)
        doc = read_path(path)
        texts = [s.text for b in doc.paragraphs for s in b.sentences]
        packed = re.sub(r"\s+", "", raw)
        picked = [re.sub(r"\s+", "", t) in packed for t in texts]
        if texts and any(picked):
            cases.append((texts, ref, picked))
    return cases


def _bbc(docs: int, grid: dict[str, tuple[dict, float]]) -> None:
    from rouge_score import rouge_scorer

    from briefing.analysis.ranking import DEFAULT_WEIGHTS, rank, select
    from briefing.analysis.summary import diversity_for

    articles = sorted(POOL.glob("article/*/*.txt"))
    random.Random(7).shuffle(articles)
    cache = Path(tempfile.gettempdir()) / f"briefing-tune-bbc-{docs}.pickle"  # reading is most of the time
    if cache.is_file():
        cases = pickle.loads(cache.read_bytes())
    else:
        cases = _bbc_cases(articles[:docs])
        cache.write_bytes(pickle.dumps(cases))
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    print(f"{len(cases)} documents of {POOL}\n")
    print("| setting | diversity | picked | R-1 | R-2 | R-L |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, (overrides, diversity) in grid.items():
        weights = replace(DEFAULT_WEIGHTS, **overrides)
        totals = dict.fromkeys(METRICS, 0.0)
        hits = wanted = 0
        for texts, ref, picked in cases:
            n = sum(picked)
            strength = diversity_for(n, len(texts), -diversity) if diversity < 0 else diversity
            chosen = select(rank(texts, weights=weights), n, diversity=strength)
            hits += sum(picked[i] for i in chosen)
            wanted += n
            s = scorer.score(ref, "\n".join(texts[i] for i in chosen))
            for m in METRICS:
                totals[m] += s[m].fmeasure
        r = [100 * totals[m] / len(cases) for m in METRICS]
        print(f"| {name} | {diversity} | {hits / wanted:.3f} | {r[0]:.2f} | {r[1]:.2f} | {r[2]:.2f} |", flush=True)


# name -> {attribute of briefing.compose: value}
CRS_GRID: dict[str, dict] = {
    "defaults": {},
}


def _crs(grid: dict[str, dict]) -> None:
    import quality
    from rouge_score import rouge_scorer

    import briefing.compose as compose_module

    tasks, _ = quality.crs_tasks(EVAL, "heldout")
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    with tempfile.TemporaryDirectory(prefix="briefing-tune-") as tmp:
        cases = []
        for task in tasks:
            prepared = _crs_case(task, Path(tmp))
            if prepared is not None:
                cases.append(prepared)
        print(f"{len(cases)} heldout CRS reports (LONGDOC_SPLIT.tsv)\n")
        if not cases:
            print("none of them is in documents/crs/md/reports: there is no CRS tuning material")
            return
        print("| setting | words | R-1 | R-2 | R-L | LEAD R-2 |\n| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, patch in grid.items():
            saved = {k: getattr(compose_module, k) for k in patch}
            for k, v in patch.items():
                setattr(compose_module, k, v)
            try:
                rows = [_crs_score(doc, ref, scorer) for doc, ref in cases]
            finally:
                for k, v in saved.items():
                    setattr(compose_module, k, v)
            mean: Callable[[int], float] = lambda k, rows=rows: statistics.fmean(r[k] for r in rows)  # noqa: E731
            print(f"| {name} | {mean(0):.0f} | {mean(1):.2f} | {mean(2):.2f} | {mean(3):.2f} | {mean(4):.2f} |",
                  flush=True)


def _crs_case(task, tmp: Path):  # type: ignore[no-untyped-def]
    import quality

    from briefing.pipeline import read_path

    parts = quality.split_summary(Path(task.path).read_text(encoding="utf-8"))
    if parts is None:
        return None
    summary_md, rest_md = parts
    summary_md = "".join(line for line in summary_md.splitlines(keepends=True) if not line.lstrip().startswith("|"))
    body = tmp / Path(task.path).name
    body.write_text(rest_md, encoding="utf-8")
    doc = read_path(body)
    ref_path = tmp / "summary.md"
    ref_path.write_text(f"# {doc.title}\n\n{summary_md}", encoding="utf-8")
    reference = list(dict.fromkeys(b.text for b in read_path(ref_path).paragraphs if b.kind != "table"))
    return doc, "\n".join(reference)


def _crs_score(doc, reference: str, scorer) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    from _sumy import take_budget

    from briefing.compose import compose

    brief = compose([doc], date="2026-01-01")
    ours = list(dict.fromkeys([p.text for p in brief.takeaways] + [p.text for t in brief.themes for p in t.points]))
    budget = sum(len(s.split()) for s in ours)
    flat = [s.text for b in doc.paragraphs for s in b.sentences]
    lead = take_budget(flat, lambda t: len(t.split()), budget)
    s = scorer.score(reference, "\n".join(ours))
    base = scorer.score(reference, "\n".join(lead))
    return (budget, *(100 * s[m].fmeasure for m in METRICS), 100 * base["rouge2"].fmeasure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="bbc_pool documents (fixed random sample)")
    parser.add_argument("--grid", choices=("bbc", "bbc-full", "crs"), default="bbc",
                        help="bbc: the settings table; bbc-full: the same on the whole pool; crs: heldout reports")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} not found")
        return
    for path in (str(HERE), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    if args.grid == "crs":
        _crs(CRS_GRID)
    else:
        _bbc(10_000 if args.grid == "bbc-full" else args.docs, BBC_GRID)


if __name__ == "__main__":
    main()
