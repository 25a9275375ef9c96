"""pysbd rules for Turkish, Azerbaijani and Ukrainian, which pysbd lacks.

Turkish and Azerbaijani share one rule set: pysbd's standard rules with

- their abbreviations: titles always hold the next name (``Prof. Dr.``,
  ``Doç.``, ``Av.``, ``akad.``); others (``vb.``, ``vs.``, ``örn.``, ``və s.``,
  ``bkz.``) end no sentence before a lower-case word or a number;
- abbreviations with several periods in any Latin letters (``A.Ş.``,
  ``T.C.``, ``M.Ö.``, ``b.e.ə.``), and initials such as ``Ş.`` or ``Ə.``;
- ordinal numbers: ``15. yüzyıl``, ``50. yıl dönümü``; a short number
  before a capitalised word too (``2. Dünya Savaşı``), since in these
  verb-final languages a sentence seldom ends on a bare number; Roman
  numerals (``II. Abdülhamid``).

Ukrainian uses pysbd's Russian rules with Ukrainian abbreviations added.

This module imports pysbd: :mod:`briefing.analysis.sentences` imports it
only when such a text is split.
"""

from __future__ import annotations

import re
from typing import Any

from pysbd.abbreviation_replacer import AbbreviationReplacer
from pysbd.between_punctuation import BetweenPunctuation
from pysbd.lang.common import Common, Standard
from pysbd.lang.english import English
from pysbd.lang.russian import Russian
from pysbd.languages import LANGUAGE_CODES
from pysbd.punctuation_replacer import replace_punctuation
from pysbd.utils import Rule

_UPPER = "A-ZÇĞİÖŞÜƏÂÎÛ"
_LOWER = "a-zçğıöşüəâîû"
_LETTER = _UPPER + _LOWER

# Titles: the period never ends a sentence when a word follows.
TURKIC_TITLES = [
    "dr", "prof", "doç", "yrd", "yard", "av", "sn", "alb", "gen", "org",
    "korg", "tümg", "tuğg", "tuğa", "kur", "yzb", "bnb", "ütğm", "bşk", "hz",
    "müh", "öğr", "uzm", "op", "st", "mr", "mrs", "ms", "akad", "dos", "cən",
    "polk",
]
# Numbering words: the period ends no sentence before a number.
TURKIC_NUMBERING = ["no", "nr", "sf", "md", "c", "cilt", "bl"]
# Other abbreviations: no sentence ends before a lower-case word or number.
TURKIC_ABBREVIATIONS = TURKIC_TITLES + TURKIC_NUMBERING + [
    # Turkish
    "a.g.e", "a.g.m", "age", "agm", "apt", "bkz", "bk", "bs", "cad", "çev",
    "dk", "ed", "haz", "ing", "kr", "krş", "ltd", "mah", "mim", "ör", "örn",
    "s", "sa", "sok", "sh", "şti", "tel", "vb", "vd", "vs", "yay", "yy",
    # Azerbaijani
    "səh", "küç", "pr", "şəh", "q", "k", "r", "red", "müəl", "müəll", "mln",
    "mlrd", "b.e", "e.ə", "b.e.ə", "i.e", "t.e.d", "t.e.n", "f.e.d", "f.e.n",
    "h.ə", "ç", "məs",
]

# Ukrainian abbreviations pysbd's Russian list lacks (lower case, as there);
# pysbd's Russian rules hold the period of every listed abbreviation, so the
# list keeps to those that stand before a name or a number ("вул. Хрещатик",
# "ст. 15"); the others are words a sentence may end on ("100 грн.").
UKRAINIAN_ABBREVIATIONS = [
    "ім", "вул", "просп", "пл", "доц", "акад", "проф", "смт", "ст", "див",
    "напр", "м", "с",
]


def _lookbehinds(prefixes: str, body: str, widths: range) -> str:
    """Fixed-width lookbehinds for ``body`` repeated ``widths`` times."""
    parts = []
    for width in widths:
        repeat = body if width == 1 else f"{body}{{{width}}}"
        parts.append(f"(?<=[{prefixes}]{repeat})")
        parts.append(f"(?<=^{repeat})")
    return "(?:" + "|".join(parts) + ")"


class QuoteAwareBetweenPunctuation(BetweenPunctuation):  # type: ignore[misc]
    """pysbd's protection of quoted passages, for texts with untidy quotes.

    pysbd holds together everything between two straight quotes, or between
    ``“`` and the next ``”``; one unmatched quote (common in translated and
    scraped text: ``"…”``) then swallows the sentences up to the next quote.
    Here a straight-quoted passage opens after a space, bracket or dash and
    before a non-space, closes after a non-space, and holds no other kind
    of quote; a curly one holds no second ``“``.
    """

    _DOUBLE = re.compile(r'(?:^|(?<=[\s(\[—–-]))"(?=\S)[^"“”«»]*(?<=\S)"')
    _SLANTED = re.compile(r"“[^“”\"]*”")

    def sub_punctuation_between_double_quotes(self, txt: str) -> str:
        """``txt`` with the punctuation of its straight-quoted passages protected."""
        return str(self._DOUBLE.sub(replace_punctuation, txt))

    def sub_punctuation_between_quotes_slanted(self, txt: str) -> str:
        """``txt`` with the punctuation of its curly-quoted passages protected."""
        return str(self._SLANTED.sub(replace_punctuation, txt))


class _TurkicAbbreviationReplacer(AbbreviationReplacer):  # type: ignore[misc]
    SENTENCE_STARTERS: list[str] = []

    def replace_period_of_abbr(self, txt: str, abbr: str) -> str:
        # pysbd's own test for the next word is [a-z]: any Turkic lower case here
        txt = " " + txt
        txt = re.sub(
            rf"(?<=\s{re.escape(abbr.strip())})\.(?=((\.|\:|-|\?|,)|(\s([{_LOWER}]|\d|\())))",
            "∯", txt)
        return txt[1:]


class Turkic(Common, Standard):  # type: ignore[misc]
    """Turkish and Azerbaijani (Latin script)."""

    iso_code = "tr"

    MULTI_PERIOD_ABBREVIATION_REGEX = rf"\b[{_LETTER}](?:\.[{_LETTER}])+[.]"

    class Abbreviation(Standard.Abbreviation):  # type: ignore[misc]
        """Turkish and Azerbaijani abbreviations, titles and numbering abbreviations."""

        ABBREVIATIONS = TURKIC_ABBREVIATIONS
        PREPOSITIVE_ABBREVIATIONS = TURKIC_TITLES
        NUMBER_ABBREVIATIONS = TURKIC_NUMBERING

    class SingleLetterAbbreviationRules:
        """Initials, with the letters of these alphabets."""

        SingleUpperCaseLetterAtStartOfLineRule = Rule(rf"(?<=^[{_UPPER}])\.(?=\s)", "∯")
        SingleUpperCaseLetterRule = Rule(rf"(?<=\s[{_UPPER}])\.(?=,?\s)", "∯")
        All = [SingleUpperCaseLetterAtStartOfLineRule, SingleUpperCaseLetterRule]

    class Numbers(Common.Numbers):  # type: ignore[misc]
        """pysbd's number rules plus ordinals."""

        OrdinalBeforeLowerCaseRule = Rule(rf"(?<=\d)\.(?=\s+[{_LOWER}])", "∯")
        ShortOrdinalBeforeCapitalRule = Rule(
            _lookbehinds(r"\s(\"“«'‘", r"\d", range(1, 4)) + rf"\.(?=\s+[{_UPPER}])", "∯")
        RomanOrdinalRule = Rule(
            _lookbehinds(r"\s(\"“«'‘", "[IVXLC]", range(1, 6)) + rf"\.(?=\s+[{_LETTER}\d])",
            "∯")
        All = Common.Numbers.All + [
            OrdinalBeforeLowerCaseRule, ShortOrdinalBeforeCapitalRule, RomanOrdinalRule]

    AbbreviationReplacer = _TurkicAbbreviationReplacer
    BetweenPunctuation = QuoteAwareBetweenPunctuation


class Ukrainian(Russian):  # type: ignore[misc]
    """pysbd's Russian rules with Ukrainian abbreviations."""

    iso_code = "uk"
    BetweenPunctuation = QuoteAwareBetweenPunctuation

    class Abbreviation(Russian.Abbreviation):  # type: ignore[misc]
        """The Russian abbreviations and the Ukrainian ones."""

        ABBREVIATIONS = sorted(set(Russian.Abbreviation.ABBREVIATIONS) | set(UKRAINIAN_ABBREVIATIONS))


# pysbd's Arabic and Persian rules cut at every comma and colon: generic
# rules split those languages better (measured on NTREX).
_GENERIC_INSTEAD = frozenset({"ar", "fa"})
_CACHE: dict[str, Any] = {}


def language_module(language: str) -> Any:
    """The pysbd language class for a language other than English.

    Turkish, Azerbaijani and Ukrainian get the classes above; a language
    pysbd knows gets its class with quote-aware protection (unless the class
    has its own); any other gets pysbd's English rules, quote-aware, as
    generic rules.
    """
    if language in ("tr", "az"):
        return Turkic
    if language == "uk":
        return Ukrainian
    base = English if language in _GENERIC_INSTEAD else LANGUAGE_CODES.get(language, English)
    if "BetweenPunctuation" in vars(base):
        return base
    if base.iso_code not in _CACHE:
        _CACHE[base.iso_code] = type(
            f"QuoteAware{base.__name__}", (base,),
            {"BetweenPunctuation": QuoteAwareBetweenPunctuation})
    return _CACHE[base.iso_code]
