"""Extractive summary of one document: the best sentences in document order."""

from __future__ import annotations

from briefing.analysis.ranking import rank, select
from briefing.model import Document


def summarize(doc: Document, *, sentences: int | None = None, words: int | None = None) -> list[str]:
    """The best ``sentences`` sentences (or about ``words`` words) of ``doc``.

    With neither, three sentences.  The result keeps document order.
    """
    texts = [s.text for b in doc.paragraphs for s in b.sentences]
    if not texts:
        return []
    total = max(len(texts) - 1, 1)
    ranking = rank(texts, positions=[i / total for i in range(len(texts))], language=doc.language or "en")
    if words is not None:
        lengths = [len(t.split()) for t in texts]
        chosen = select(ranking, len(texts), budget_words=words, lengths=lengths)
    else:
        chosen = select(ranking, sentences if sentences is not None else 3)
    return [texts[i] for i in chosen]
