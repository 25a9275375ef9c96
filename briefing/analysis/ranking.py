"""Sentence ranking: TF-IDF centrality, term frequency, position and key-phrase relevance, with redundancy control.

Redundancy is controlled by maximal marginal relevance.  Everything here is
plain numpy: scikit-learn would pick the same sentences but costs about a
second to import.  Summarisers are plain callables (sumy's habit): rank,
pick, return the chosen indices in document order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from briefing.resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

# Sentences that open by pointing back ("This potential…", "It…") read badly
# out of context; they are ranked lower, not excluded.
_ANAPHORIC_START = {
    "en": re.compile(
        r"^(?:This|These|That|Those|It|Its|They|Their|Such|He|She|His|Her)\b|"
        r"^(?:Thus|Therefore|Hence|However|Nevertheless|Moreover|Furthermore|Meanwhile|Also|Still|Yet)\b|"
        r"^(?:As a result|In this regard|In addition|At the same time|In other words|On the other hand)\b|"
        # "Recognizing this reality, …": a demonstrative early in the sentence
        r"^(?:\S+\s+){1,3}(?:this|these|such)\s+(?!year|week|month|time\b)\w+",
        re.IGNORECASE,
    ),
}
# Sentences that point elsewhere or describe the document rather than the
# matter: cross-references, notes, sources, tables, contact lines.
_BOILERPLATE = re.compile(
    r"\bfor (?:more|further|additional) (?:information|detail|discussion)\b|\bsee (?:also )?CRS\b|"
    r"\bCRS (?:Report|In Focus|Insight|Legal Sidebar)\b|^(?:Source|Sources|Note|Notes)s?:|"
    r"\b(?:see|in) (?:Table|Figure|Appendix)\s+[A-Z\d]|^(?:Table|Figure)\s+[A-Z\d]+[.:]|https?://|www\.|@\w+\.|"
    r"\bThis (?:report|section|Insight|product) (?:first |then |also |briefly )?(?:provides|discusses|describes|"
    r"examines|reviews|summarizes|focuses|begins|concludes|presents|outlines)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)


@cache
def stopwords(language: str = "en") -> frozenset[str]:
    """Stop words shipped for ``language`` (English when there is no list)."""
    path = data_path(f"stopwords/{language}.txt")
    if not path.exists():
        path = data_path("stopwords/en.txt")
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def _stem(word: str) -> str:
    """A deliberately light suffix stripper: plural and possessive forms."""
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) < 5 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def _lower(word: str, language: str) -> str:
    """Lower case as the language does it: Turkish and Azerbaijani dot their i's."""
    if language in ("tr", "az"):
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


def terms(text: str, language: str = "en") -> list[str]:
    """Content terms of ``text``: lower-cased, stop words removed, stemmed (English)."""
    stop = stopwords(language)
    out = []
    for match in _WORD.finditer(text):
        word = _lower(match.group(), language)
        if len(word) > 1 and word not in stop:
            out.append(_stem(word) if language == "en" else word)
    return out


def tfidf(docs: Sequence[Sequence[str]]) -> np.ndarray:
    """Rows of L2-normalised TF-IDF vectors, one per term list."""
    import numpy as np

    vocab: dict[str, int] = {}
    for doc in docs:
        for term in doc:
            vocab.setdefault(term, len(vocab))
    matrix = np.zeros((len(docs), max(len(vocab), 1)))
    df = Counter(term for doc in docs for term in set(doc))
    n = len(docs)
    for row, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            idf = math.log((1 + n) / (1 + df[term])) + 1.0
            matrix[row, vocab[term]] = (1 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: np.ndarray = matrix / norms
    return normalised


def _cosines(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of every pair of rows (L2-normalised TF-IDF vectors).

    A term that only one sentence has adds only to that sentence's own
    similarity, which is 1 anyway: those columns (about half of a long
    report's vocabulary) are left out of the product, which halves its time.
    """
    import numpy as np

    shared = np.count_nonzero(vectors, axis=0) > 1
    compact = vectors[:, shared] if shared.any() else vectors[:, :0]
    similarity: np.ndarray = compact @ compact.T
    np.fill_diagonal(similarity, [1.0 if row.any() else 0.0 for row in vectors])
    return similarity


def pagerank(similarity: np.ndarray, damping: float = 0.85, iterations: int = 60) -> np.ndarray:
    """Centrality of each node of a weighted, undirected similarity graph."""
    import numpy as np

    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    sums = weights.sum(axis=1, keepdims=True)
    sums[sums == 0] = 1.0
    flow = np.ascontiguousarray((weights / sums).T)  # transposed once: 60 products read it row by row
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - damping) / n + damping * flow @ rank
        if np.abs(new - rank).sum() < 1e-9:
            rank = new
            break
        rank = new
    return rank


@dataclass(frozen=True)
class Weights:
    """How the parts of a sentence's score are mixed.

    The defaults come from ``benchmarks/tune.py`` on ``bbc_pool`` (tuning
    material, not a reported set): see docs/quality.md.
    """

    central: float = 0.5  # TF-IDF PageRank centrality
    frequency: float = 0.5  # mean document frequency of the sentence's words
    keyness: float = 0.0  # share of the document's top terms
    lead: float = 0.0  # linear: 1 at the start, 0 at the end
    lede: float = 0.1  # the opening sentences: 1, then decaying by exp(-i / lede_span)
    lede_span: float = 1.0
    anaphoric: float = 0.9  # factor for a sentence that opens by pointing back ("This…")
    short_words: int = 7
    short_factor: float = 0.5
    long_words: int = 55
    long_factor: float = 0.7
    length_power: float = 0.0  # > 0 prefers longer sentences (tried: see docs/quality.md)


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Ranking:
    """Scores of a set of sentences and their pairwise similarity."""

    scores: np.ndarray
    similarity: np.ndarray


def frequency(sentences: Sequence[str], language: str = "en") -> np.ndarray:
    """Mean count, over the whole text, of each sentence's content words.

    A sentence made of the words the text keeps using is about what the text
    is about.  Words are lower-cased but not stemmed: on the tuning material
    this fits better than the stemmed terms (docs/quality.md).
    """
    import numpy as np

    stop = stopwords(language)
    words = [[w for w in (_lower(m.group(), language) for m in _WORD.finditer(s)) if w not in stop]
             for s in sentences]
    counts = Counter(w for ws in words for w in ws)
    return np.array([sum(counts[w] for w in ws) / len(ws) if ws else 0.0 for ws in words])


#: Score factor of a boilerplate sentence (:func:`boilerplate`): kept, but seldom chosen.
BOILERPLATE_FACTOR = 0.3


def boilerplate_factors(sentences: Sequence[str]) -> np.ndarray:
    """Per sentence, :data:`BOILERPLATE_FACTOR` for boilerplate and 1 for the rest."""
    import numpy as np

    return np.array([BOILERPLATE_FACTOR if boilerplate(s) else 1.0 for s in sentences])


def boilerplate(sentence: str) -> bool:
    """Whether ``sentence`` points elsewhere or describes the document instead of its matter.

    Pointing elsewhere: a cross-reference, a note, a source line, a link.
    """
    return bool(_BOILERPLATE.search(sentence)) or sentence.count("|") >= 2


def _unit(values: np.ndarray) -> np.ndarray:
    """``values`` scaled so that the largest is 1 (zeros stay zeros)."""
    if values.size and values.max() > 0:
        scaled: np.ndarray = values / values.max()
        return scaled
    return values


def points_back(sentence: str, language: str = "en") -> bool:
    """True if ``sentence`` opens by pointing back ("Thus, …", "This potential …")."""
    anaphoric = _ANAPHORIC_START.get(language)
    return anaphoric is not None and bool(anaphoric.match(sentence.lstrip("“\"'(‘«")))


def _form(sentence: str, language: str, anaphoric_factor: float = 0.75) -> float:
    """How well a sentence stands alone as a brief point (1 = fine)."""
    text = sentence.lstrip("“\"'(‘«")
    factor = 1.0
    if text[:1].islower() or text[:1].isdigit():
        factor *= 0.6  # a fragment left by splitting ("757 (118 Congress), declaring…")
    if sentence.rstrip("”\"')’»").endswith("?"):
        factor *= 0.7  # a question is not a finding
    if points_back(text, language):
        factor *= anaphoric_factor
    return factor


def rank(
    sentences: Sequence[str],
    *,
    positions: Sequence[float] | None = None,
    openings: Sequence[int] | None = None,
    language: str = "en",
    weights: Weights = DEFAULT_WEIGHTS,
) -> Ranking:
    """Score sentences by centrality, term frequency, position and key phrases.

    ``positions`` run from 0 (start of the document) to 1 (end); earlier
    sentences get up to ``weights.lead`` more, and the first sentences up to
    ``weights.lede`` (news puts its point first).  ``openings`` numbers each
    sentence within its own document (0 = the first; by default the list's
    order), for texts made of several documents.  Very short and very long
    sentences, fragments, questions and sentences that open by pointing back
    ("This…") are penalised: they make poor brief points out of context.
    """
    import numpy as np

    term_lists = [terms(s, language) for s in sentences]
    similarity = _cosines(tfidf(term_lists))
    central = _unit(pagerank(similarity))
    common = _unit(frequency(sentences, language)) if weights.frequency else np.zeros(len(sentences))
    # Key phrases: the document's most frequent content terms.
    totals = Counter(t for ts in term_lists for t in ts)
    top = {t for t, _ in totals.most_common(12)}
    keyness = _unit(np.array([len(top.intersection(ts)) / (len(ts) ** 0.5 or 1.0) for ts in term_lists]))
    if positions is None:
        positions = [i / max(len(sentences) - 1, 1) for i in range(len(sentences))]
    w = weights
    lead = np.array([1.0 - p for p in positions])
    index = np.arange(len(sentences)) if openings is None else np.asarray(openings, dtype=float)
    lede = np.exp(-index / w.lede_span) if w.lede_span > 0 else np.zeros(len(sentences))
    length = np.array([len(s.split()) for s in sentences])
    fit = np.where(length < w.short_words, w.short_factor, np.where(length > w.long_words, w.long_factor, 1.0))
    fit = fit * np.array([_form(s, language, w.anaphoric) for s in sentences])
    if w.length_power and length.size:
        fit = fit * (np.minimum(length, w.long_words) / max(float(length.mean()), 1.0)) ** w.length_power
    scores = (w.central * central + w.frequency * common + w.keyness * keyness + w.lead * lead + w.lede * lede) * fit
    return Ranking(scores=scores, similarity=similarity)


def select(
    ranking: Ranking,
    count: int,
    *,
    candidates: Sequence[int] | None = None,
    exclude: Sequence[int] = (),
    diversity: float = 0.35,
    budget_words: int | None = None,
    lengths: Sequence[int] | None = None,
    caps: Sequence[tuple[Sequence[Hashable], int]] = (),
) -> list[int]:
    """Pick up to ``count`` sentence indices by maximal marginal relevance.

    With ``budget_words`` (and ``lengths``), picking stops once the budget is
    reached instead.  Each of ``caps`` is (a group key per sentence, the most
    sentences one group may give): "at most two from one paragraph".
    Returns indices in document order.
    """
    pool = list(range(len(ranking.scores))) if candidates is None else list(candidates)
    pool = [i for i in pool if i not in set(exclude)]
    chosen: list[int] = []
    words = 0
    while pool:
        if caps and chosen:
            pool = [i for i in pool if all(sum(keys[j] == keys[i] for j in chosen) < most for keys, most in caps)]
            if not pool:
                break
        if budget_words is None and len(chosen) >= count:
            break
        if budget_words is not None and words >= budget_words:
            break

        def gain(i: int) -> float:
            overlap = max((ranking.similarity[i, j] for j in chosen), default=0.0)
            return float((1 - diversity) * ranking.scores[i] - diversity * overlap)

        best = max(pool, key=lambda i: (gain(i), -i))
        chosen.append(best)
        pool.remove(best)
        if lengths is not None:
            words += lengths[best]
    return sorted(chosen)
