"""Which language a document is in, offline: py3langid's bundled model.

py3langid (a maintained fork of langid.py, BSD-3-Clause) ships its model
inside the package: no download, no network, the same answer every time.
It knows 139 languages, so a Georgian text comes out as Georgian rather
than as the nearest of the languages we have rules for.  Loading the model
takes about a second, once per process; a detection then takes a few
milliseconds.  py3langid and numpy are imported on the first call only.

Most documents are English, and for them the model is not loaded at all
(0.65 s of every command): when at least 12 % of a text's words are among
29 English function words ("the", "of", "and", …), it is English.  Measured
on the evaluation material, English texts run from 13 % (a CRS page with
its site chrome) to 34 %, and 204 texts in other languages (NTREX, the Turkish lessons, the UDHR pages) reach 3.2 %
at most; a text in between goes to the model as before.

:func:`detect` answers with an ISO 639-1 code where the language has one
(``"en"``, ``"az"``, ``"ka"``), else py3langid's ISO 639-3 code, and
``"und"`` when the text is too short or too uncertain to tell.
``supported`` says whether the analysis has rules for the language:
sentence rules (:func:`briefing.analysis.sentences.has_rules`) and a stop
word list in ``briefing/data/stopwords``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from briefing.resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    from py3langid.langid import LanguageIdentifier

UNDETERMINED = "und"

#: Characters of a text the detector reads (from the start): plenty for a
#: confident answer, and a bound on the time a long report takes.
SAMPLE_CHARS = 20_000

#: Fewer letters than this and the answer is "und".
MIN_LETTERS = 20

#: A lower probability for the best language and the answer is "und".
MIN_CONFIDENCE = 0.5

# py3langid labels without a two-letter code that map onto one: Arabic
# varieties, Chinese varieties, Southern Uzbek, Paraguayan Guaraní,
# Nigerian Fulfulde, Kikuyu.
_TO_ISO_639_1 = {
    "ary": "ar", "arz": "ar", "yue": "zh", "wuu": "zh", "uzs": "uz",
    "gug": "gn", "fuv": "ff", "kik": "ki", "zxx": UNDETERMINED,
}


#: Share of words among :data:`_ENGLISH_FUNCTION_WORDS` from which a text is English.
ENGLISH_SHARE = 0.12
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in is that for it was with as on by are this be at from have has were which its "
    "their not but or an".split())
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Detection:
    """The language found for a text."""

    code: str  # ISO 639-1 where there is one, else ISO 639-3; "und" if unknown
    confidence: float  # the model's probability for ``code``, 0.0 to 1.0 (1.0: by function words)
    supported: bool  # sentence rules and stop words exist for ``code``


@cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def supported(code: str) -> bool:
    """True if the analysis has sentence rules and stop words for ``code``."""
    from briefing.analysis.sentences import has_rules

    return has_rules(code) and data_path(f"stopwords/{code}.txt").is_file()


def detect(text: str) -> Detection:
    """The language of ``text`` (its first :data:`SAMPLE_CHARS` characters)."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return Detection(UNDETERMINED, 0.0, False)
    if plainly_english(sample):
        return Detection("en", 1.0, supported("en"))
    label, probability = _identifier().classify(sample)
    confidence = round(float(probability), 4)
    code = _TO_ISO_639_1.get(label, label)
    if code == UNDETERMINED or confidence < MIN_CONFIDENCE:
        return Detection(UNDETERMINED, confidence, False)
    return Detection(code, confidence, supported(code))


def plainly_english(text: str) -> bool:
    """True if English function words are at least :data:`ENGLISH_SHARE` of ``text``'s words (50 or more)."""
    words = _WORDS.findall(text.lower())
    if len(words) < 50:
        return False
    return sum(word in _ENGLISH_FUNCTION_WORDS for word in words) >= ENGLISH_SHARE * len(words)
