"""Key phrases: short, readable labels taken from the text itself.

A candidate is a run of one to three content words that occurs in the text
(no stop word, number or punctuation inside or at its ends).  A segment's
label is the candidate most particular to it: frequent in the segment, rare
in the other segments, longer phrases and early mentions preferred.  The
label keeps the words as the text spells them most often.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

from briefing.analysis.ranking import stopwords

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?|\d[\d.,]*|[^\w\s]", re.UNICODE)
_LENGTH_BONUS = {1: 1.0, 2: 2.2, 3: 2.6}  # a phrase reads better than a word
_VERBISH = re.compile(r"(?:ed|ing|ly)$")
# Words that are not stop words but make poor labels on their own.
_WEAK = {"said", "says", "told", "added", "according", "year", "years", "time", "people", "week",
         "day", "days", "month", "months", "per", "cent", "percent", "mr", "mrs", "ms", "dr"}
# Words a label never starts or ends with: "Four years", "Worth around", "Xinhua reported".
_NO_EDGE = {"said", "says", "told", "reported", "reports", "added", "around", "about", "almost", "nearly", "worth",
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million",
            "millions", "billion", "billions", "dozen", "dozens", "create", "make", "take", "give", "get",
            "year", "years", "month", "months", "week", "weeks", "day", "days", "next", "last", "night", "morning",
            "evening", "afternoon", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "back", "home", "biggest", "largest", "best", "worst", "first", "second", "raise", "put", "set"}
# Lower-case parts of a name: "Louis van Gaal" is still a name.
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn"}
# A label that is a title and a name ("Sir John") or a role ("Chief executive") names no topic.
_TITLES = {"sir", "lord", "lady", "dame", "mr", "mrs", "ms", "dr", "president", "minister", "king", "queen",
           "prince", "princess", "general", "judge", "senator", "governor", "mayor", "secretary", "chancellor"}
_ROLES = {"chief", "executive", "executives", "officer", "officers", "director", "directors", "spokesman",
          "spokeswoman", "spokesperson", "chairman", "chairwoman", "president", "minister", "ministers", "secretary",
          "head", "boss", "bosses", "leader", "leaders", "official", "officials", "deputy", "vice", "former",
          "prime", "foreign", "general", "managing", "senior"}


def candidates(text: str, language: str = "en") -> list[tuple[str, str, int]]:
    """``(key, surface, position)`` for every candidate phrase in ``text``."""
    stop = stopwords(language)
    out: list[tuple[str, str, int]] = []
    run: list[str] = []
    position = 0

    def flush() -> None:
        for n in (1, 2, 3):
            for start in range(len(run) - n + 1):
                words = run[start : start + n]
                if (n == 1 and words[0].lower() in _WEAK) or words[0].lower().split("-")[0] in _NO_EDGE \
                        or words[-1].lower().split("-")[-1] in _NO_EDGE:
                    continue
                surface = " ".join(words)
                out.append((surface.lower(), surface, position))
        run.clear()

    for match in _TOKEN.finditer(text):
        token = match.group()
        position += 1
        lower = token.lower()
        if token[0].isalpha() and lower not in stop and len(token) > 1:
            run.append(token)
        else:
            flush()
    flush()
    return out


def labels(texts: Sequence[str], language: str = "en") -> list[str]:
    """One distinct key phrase per text, each against the other texts."""
    found = [candidates(t, language) for t in texts]
    out: list[str] = []
    for index in range(len(texts)):
        out.append(best(index, found, taken=out))
    return out


def label_for(index: int, texts: Sequence[str], language: str = "en", taken: Sequence[str] = ()) -> str:
    """The key phrase of ``texts[index]`` against the other texts."""
    return best(index, [candidates(t, language) for t in texts], taken)


def best(index: int, found: list[list[tuple[str, str, int]]], taken: Sequence[str] = ()) -> str:
    """The key phrase of text ``index``, given every text's :func:`candidates`."""
    counts = [Counter(key for key, _, _ in c) for c in found]
    n = len(found)
    document_frequency = Counter(key for c in counts for key in c)
    surfaces: Counter[tuple[str, str]] = Counter((key, surface) for key, surface, _ in found[index])
    first: dict[str, int] = {}
    for key, _, position in found[index]:
        first.setdefault(key, position)
    total = max(len(found[index]), 1)
    used = {t.lower() for t in taken}
    lowered = {key for (key, surface) in surfaces
               if any(w[:1].islower() and w not in _PARTICLES for w in surface.split()[1:])
               or (len(surface.split()) == 1 and surface[:1].islower())}
    proper = {key for key, _ in surfaces if key not in lowered}

    def score(key: str) -> float:
        words = key.split()
        idf = math.log((1 + n) / (1 + document_frequency[key])) + 1.0
        early = 1.0 + 0.5 * (1 - first[key] / (first[key] + 50))
        # Without a tagger, word endings tell verbs and adverbs from nouns well
        # enough: "Armenia initialled" is a poor label, "peace agreement" a good one.
        verbish = 0.3 if any(_VERBISH.search(w) for w in words) else 1.0
        person = 0.2 if words[0] in _TITLES or all(w in _ROLES for w in words) else 1.0
        # A name ("Van Gaal", "Dyson") is who the text is about, not its topic: a phrase the text always
        # capitalises gives way to a common one ("transfer fee") when there is one.
        name = 0.2 if key in proper else 1.0
        return counts[index][key] * idf * _LENGTH_BONUS[len(words)] * early * verbish * person * name

    repeated = 2 if total > 40 else 1
    tiers: tuple[Callable[[str], bool], ...] = (
        lambda k: " " in k and counts[index][k] >= repeated,  # a repeated phrase
        lambda k: counts[index][k] >= repeated,  # a repeated word
        lambda k: True,
    )
    ranked: list[str] = []
    for tier in tiers:
        ranked = sorted((k for k in counts[index] if k not in used and tier(k)), key=lambda k: (-score(k), k))
        if ranked:
            break
    if not ranked:
        return f"Part {index + 1}"
    key = ranked[0]
    surface = max((s for (k, s), c in surfaces.items() if k == key), key=lambda s: (surfaces[(key, s)], s))
    return surface[:1].upper() + surface[1:]
