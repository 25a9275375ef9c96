"""Which language a document is in, offline: py3langid's bundled model.

py3langid (a maintained fork of langid.py, BSD-3-Clause) ships its model
inside the package: no download, no network, the same answer every time.
It knows 139 languages, so a Georgian text comes out as Georgian rather
than as the nearest of the languages we have rules for.  Loading the model
takes about a second, once per process; a detection then takes a few
milliseconds.  py3langid and numpy are imported on the first call only.

:func:`detect` answers with an ISO 639-1 code where the language has one
(``"en"``, ``"az"``, ``"ka"``), else py3langid's ISO 639-3 code, and
``"und"`` when the text is too short or too uncertain to tell.
``supported`` says whether the analysis has rules for the language:
sentence rules (:func:`briefing.analysis.sentences.has_rules`) and a stop
word list in ``briefing/data/stopwords``.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Detection:
    """The language found for a text."""

    code: str  # ISO 639-1 where there is one, else ISO 639-3; "und" if unknown
    confidence: float  # the model's probability for ``code``, 0.0 to 1.0
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
    label, probability = _identifier().classify(sample)
    confidence = round(float(probability), 4)
    code = _TO_ISO_639_1.get(label, label)
    if code == UNDETERMINED or confidence < MIN_CONFIDENCE:
        return Detection(UNDETERMINED, confidence, False)
    return Detection(code, confidence, supported(code))
