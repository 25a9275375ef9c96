"""Try ranking weights on the tuning material (``bbc_pool``), never on the
sets that docs/quality.md reports.

    .venv/bin/python benchmarks/tune.py [--docs 250]

Prints ROUGE-2 F1 × 100 of ``rank`` + ``select`` for a few weight settings
on a fixed random sample of the pool.  The pool's summaries run their
sentences together ("…claim.Rank now aims…"): a space is put back after
sentence ends before counting them, so summaries have the reference's length.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "eval" / "summaries" / "bbc_pool"
SETTINGS = [  # (length_power, long_words, diversity, lead)
    (0.0, 55, 0.35, 0.2),  # the defaults
    (0.5, 55, 0.35, 0.2),
    (0.25, 55, 0.35, 0.2),
    (0.0, 55, 0.2, 0.2),
    (0.0, 55, 0.35, 0.1),
    (0.0, 55, 0.35, 0.0),
    (0.0, 55, 0.25, 0.1),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=250)
    args = parser.parse_args()
    if not POOL.is_dir():
        print(f"skipped: {POOL} not found")
        return
    sys.path.insert(0, str(ROOT))
    from rouge_score import rouge_scorer

    from briefing.analysis.ranking import Weights, rank, select
    from briefing.analysis.sentences import split
    from briefing.readers import read_path

    articles = sorted(POOL.glob("article/*/*.txt"))
    random.Random(7).shuffle(articles)
    docs = []
    for path in articles[: args.docs]:
        ref = (POOL / "summary" / path.parent.name / path.name).read_text(encoding="latin-1")
        ref = re.sub(r"([.!?][\"']?)(?=[A-Z\"])", r"\1 ", ref)
        doc = read_path(path)
        texts = [s.text for b in doc.paragraphs for s in b.sentences]
        if texts:
            docs.append((texts, ref, max(1, len(split(ref)))))
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    print(f"{len(docs)} documents of {POOL}")
    print("| length_power | long_words | diversity | lead | R-2 |\n| ---: | ---: | ---: | ---: | ---: |")
    for power, long_words, diversity, lead in SETTINGS:
        weights = Weights(length_power=power, long_words=long_words, lead=lead)
        total = 0.0
        for texts, ref, n in docs:
            last = max(len(texts) - 1, 1)
            ranking = rank(texts, positions=[i / last for i in range(len(texts))], weights=weights)
            chosen = select(ranking, n, diversity=diversity)
            total += scorer.score(ref, " ".join(texts[i] for i in chosen))["rouge2"].fmeasure
        print(f"| {power} | {long_words} | {diversity} | {lead} | {100 * total / len(docs):.2f} |", flush=True)


if __name__ == "__main__":
    main()
