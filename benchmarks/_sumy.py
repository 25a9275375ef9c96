"""sumy's LexRank and TextRank, offline, on briefing's own sentence segmentation.

sumy's default English ``Tokenizer`` wants NLTK's punkt data, which cannot be
downloaded here.  :class:`Tokenizer` is a drop-in replacement (sumy only calls
``to_sentences`` and ``to_words``): sentences come from
``briefing.analysis.sentences.split`` (pysbd) and words from a regular
expression.  The document model is built directly from the sentences the
briefing reader already produced, so every system ranks exactly the same
sentences (PlaintextParser would re-split the text and treat all-caps lines
as headings).

``Stemmer("english")`` is NLTK's Snowball stemmer, pure code without data
files; the stop words ship inside the sumy package.  Neither touches the
network (checked with sockets disabled).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from briefing.analysis.sentences import split

T = TypeVar("T")

# A small document for the start-up check that the fast classes match sumy's.
_CHECK_TEXT = (
    "The council met on Monday to discuss the budget. The budget for roads was cut by ten percent. "
    "Members said the cut would delay repairs to bridges. The mayor defended the budget and the cut. "
    "Repairs to bridges had been planned for the spring. A bridge near the school was closed last year. "
    "Parents asked the council to reopen the bridge. The council will vote on the budget next week. "
    "Some members want more money for schools. Others want lower taxes. "
    "The vote is expected to be close. A single word. Budget."
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class Tokenizer:
    """What sumy's parsers need from a tokenizer, without NLTK data."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split(paragraph, self.language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def build_document(paragraphs: Sequence[Sequence[str]], tokenizer: Tokenizer) -> ObjectDocumentModel:
    """A sumy document from already split sentences, one list per paragraph."""
    return ObjectDocumentModel(
        [Paragraph([Sentence(text, tokenizer) for text in sentences]) for sentences in paragraphs if sentences])


def take_budget(items: Sequence[T], length: Callable[[T], int], budget: int) -> list[T]:
    """The longest prefix of ``items`` whose word count is nearest ``budget``.

    Items are taken in order while adding the next one ends nearer the budget
    than stopping (ties take it); at least one item is taken.
    """
    chosen: list[T] = []
    total = 0
    for item in items:
        n = length(item)
        if chosen and abs(total + n - budget) > abs(total - budget):
            break
        chosen.append(item)
        total += n
    return chosen


def budget_count(budget: int, length: Callable[[str], int]) -> Callable[[list], list]:
    """A sumy ``sentences_count`` callable: best-rated sentences up to ``budget`` words."""
    def count(infos: list) -> list:  # SentenceInfo, best rating first
        return take_budget(infos, lambda info: length(str(info.sentence)), budget)

    return count


class FastLexRank(LexRankSummarizer):
    """sumy's LexRank with the similarity matrix built faster, same arithmetic.

    sumy recomputes both sentence norms for each of the n² pairs in pure
    Python (about 80 s for a 1,800-sentence report).  Here each norm is
    computed once with the same expression over the same frozenset (so the
    same float), the numerator exactly as sumy does, and the row
    normalisation as one numpy division: the matrix is bit-identical to
    sumy's (``--stock-sumy`` runs the original to check).
    """

    def _create_matrix(self, sentences, threshold, tf_metrics, idf_metrics):  # type: ignore[no-untyped-def]
        n = len(sentences)
        matrix = numpy.zeros((n, n))
        degrees = numpy.zeros((n,))
        sets = [frozenset(s) for s in sentences]
        norms = [sum((tf[t] * idf_metrics[t]) ** 2 for t in words) for words, tf in zip(sets, tf_metrics, strict=True)]
        for row in range(n):
            words1, tf1, d1 = sets[row], tf_metrics[row], norms[row]
            for col in range(n):
                common = words1 & sets[col]
                if not common:
                    continue  # numerator 0.0: sumy stores 0
                tf2, d2 = tf_metrics[col], norms[col]
                numerator = 0.0
                for term in common:
                    numerator += tf1[term] * tf2[term] * idf_metrics[term] ** 2
                if d1 > 0 and d2 > 0 and numerator / (math.sqrt(d1) * math.sqrt(d2)) > threshold:
                    matrix[row, col] = 1.0
                    degrees[row] += 1
        degrees[degrees == 0] = 1
        return matrix / degrees[:, numpy.newaxis]


class FastTextRank(TextRankSummarizer):
    """sumy's TextRank with the edge weights computed faster, same arithmetic.

    sumy's edge weight is ``sum(words2.count(w) for w in words1)`` (an
    integer, equal to the sum over shared words of the product of counts)
    over ``log(len1) + log(len2)``, with ``numpy.isclose(norm, 0)`` (that is
    ``abs(norm) <= 1e-8``) as the special case; the rest is sumy's code.
    """

    def _create_matrix(self, document):  # type: ignore[no-untyped-def]
        sentences_as_words = [self._to_words_set(sent) for sent in document.sentences]
        counts = [Counter(words) for words in sentences_as_words]
        logs = [math.log(len(words)) if words else 0.0 for words in sentences_as_words]
        n = len(sentences_as_words)
        weights = numpy.zeros((n, n))
        for i in range(n):
            c1 = counts[i]
            keys1 = c1.keys()
            for j in range(i, n):
                c2 = counts[j]
                common = keys1 & c2.keys()
                if not common:
                    continue
                rank = sum(c1[w] * c2[w] for w in common)
                norm = logs[i] + logs[j]
                rating = float(rank) if abs(norm) <= 1e-8 else rank / norm
                weights[i, j] = rating
                weights[j, i] = rating

        weights /= (weights.sum(axis=1)[:, numpy.newaxis] + self._ZERO_DIVISION_PREVENTION)
        return numpy.full((n, n), (1. - self.damping) / n) + self.damping * weights


class Summarizers:
    """LexRank and TextRank with the English stemmer and stop words.

    ``stock=True`` uses sumy's classes unchanged (slow on long reports).
    """

    def __init__(self, language: str = "english", *, stock: bool = False) -> None:
        stemmer = Stemmer(language)
        stop_words = get_stop_words(language)
        self.tokenizer = Tokenizer("en")
        self.stock = self._make(LexRankSummarizer, TextRankSummarizer, stemmer, stop_words)
        self.systems = self.stock
        if not stock:
            fast = self._make(FastLexRank, FastTextRank, stemmer, stop_words)
            if self._agree(fast):
                self.systems = fast
            else:  # a sumy release with other internals: stay correct, be slow
                import sys

                print("benchmarks/_sumy.py: the fast LexRank/TextRank disagree with this sumy "
                      "release; using sumy's own code", file=sys.stderr)

    @staticmethod
    def _make(lexrank, textrank, stemmer, stop_words):  # type: ignore[no-untyped-def]
        systems = {"LexRank": lexrank(stemmer), "TextRank": textrank(stemmer)}
        for summarizer in systems.values():
            summarizer.stop_words = stop_words
        return systems

    def _agree(self, fast) -> bool:  # type: ignore[no-untyped-def]
        """Whether the fast classes rank a small document exactly as sumy's do."""
        document = build_document([[s.text for s in split(_CHECK_TEXT, "en")]], self.tokenizer)
        try:
            return all(self._ratings(fast[n], document) == self._ratings(self.stock[n], document)
                       for n in ("LexRank", "TextRank"))
        except Exception:  # noqa: BLE001 - changed internals
            return False

    @staticmethod
    def _ratings(summarizer, document) -> list[float]:  # type: ignore[no-untyped-def]
        captured: list[float] = []
        original = summarizer._get_best_sentences

        def spy(sentences, count, rating, *args, **kwargs):  # type: ignore[no-untyped-def]
            captured.extend(float(rating[s]) for s in sentences)
            return original(sentences, count, rating, *args, **kwargs)

        summarizer._get_best_sentences = spy
        try:
            summarizer(document, 1)
        finally:
            del summarizer._get_best_sentences
        return captured

    def summarize(self, name: str, paragraphs: Sequence[Sequence[str]], *,
                  sentences: int | None = None, words: int | None = None,
                  length: Callable[[str], int] = lambda s: len(s.split())) -> list[str]:
        """``sentences`` best sentences, or about ``words`` words, in document order."""
        document = build_document(paragraphs, self.tokenizer)
        if not document.sentences:
            return []
        count: int | Callable[[list], list]
        count = budget_count(words, length) if words is not None else (sentences or 3)
        return [str(s) for s in self.systems[name](document, count)]
