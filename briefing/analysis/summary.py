"""Extractive summary of one document: the best sentences in document order."""

from __future__ import annotations

from briefing.analysis.ranking import boilerplate_factors, rank, select
from briefing.model import Document
from briefing.notes import is_prose

# Redundancy control (maximal marginal relevance), strongest for a short
# summary of a long text.  A summary that keeps a large share of the text
# cannot avoid sentences that share words, and penalising that costs it the
# sentences that matter (docs/quality.md, benchmarks/tune.py).
DIVERSITY = 0.35


def diversity_for(count: int, total: int, strongest: float = DIVERSITY) -> float:
    """MMR's redundancy weight for picking ``count`` of ``total`` sentences.

    It is ``strongest`` for a few of many, falling to 0 at half of the text.
    """
    share = count / max(total, 1)
    return strongest * max(0.0, 1.0 - 2.0 * share)


def summarize(doc: Document, *, sentences: int | None = None, words: int | None = None) -> list[str]:
    """The best ``sentences`` sentences (or about ``words`` words) of ``doc``.

    With neither, three sentences.  The result keeps document order.
    """
    texts = [s.text for b in doc.paragraphs if is_prose(b) for s in b.sentences]  # as in themes
    if not texts:
        return []
    total = max(len(texts) - 1, 1)
    ranking = rank(texts, positions=[i / total for i in range(len(texts))], language=doc.language or "en")
    ranking.scores[:] = ranking.scores * boilerplate_factors(texts)  # notes, cross-references: as in a brief
    if words is not None:
        lengths = [len(t.split()) for t in texts]
        share = round(len(texts) * min(1.0, words / max(sum(lengths), 1)))
        chosen = select(ranking, len(texts), budget_words=words, lengths=lengths,
                        diversity=diversity_for(share, len(texts)))
    else:
        count = sentences if sentences is not None else 3
        chosen = select(ranking, count, diversity=diversity_for(count, len(texts)))
    return [texts[i] for i in chosen]
