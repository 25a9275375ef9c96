"""Statements that stand alone: a takeaway, a lead or a watch item read out of context.

A sentence picked for the brief may open by pointing back ("However, …",
"Thus, …", "He said …") or quote someone without naming them ("…," he
said).  Only edits that keep it faithful and checkable are made, and each
is recorded on the point (``original`` and ``edit``) so that an analyst sees
it in the draft:

* a connective that only links to the sentence before is dropped
  ("However, the route …" → "The route …");
* a pronoun that stands for the one person the previous sentence names is
  replaced by that name in brackets ("He said" → "[Andrew Moss] said");
* a quotation continued from the sentence before ("“A corridor is only as
  fast as its slowest border post.”") gets its speaker, named there, in
  brackets;
* a sentence that opens with a demonstrative ("This agreement …") takes the
  previous sentence of its paragraph along, when the two are short enough.

A short sentence that only sets up the next ("The question is no longer
whether the route works.") is not standalone.

Markup left in the text ("**", "__", table bars) is removed.  A sentence that
still points back, or a quotation whose speaker stays unknown, is not
standalone (:func:`stand_alone` returns None) and is not used where it would
be read alone.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Standalone", "attributed", "stand_alone"]

#: Openers that only link to what came before; dropping them keeps the statement true.
_CONNECTIVES = {
    "en": r"(?:But|And|So|Or|However|Thus|Therefore|Hence|Moreover|Furthermore|Meanwhile|Nevertheless|"
          r"Nonetheless|Indeed|"
          r"In fact|Also|Still|Yet|Additionally|In addition|At the same time|As a result|Consequently|Similarly|"
          r"Likewise|By contrast|In contrast|Instead|Otherwise|Accordingly|Besides|That said|Even so|For its part|"
          r"In turn|Notably|Importantly|Overall|In short|In other words|On the other hand|As such|"
          r"In this regard|In this respect|In this context|In this sense|Within this framework|To this end|"
          r"Against this (?:background|backdrop)|For example|For instance|"
          r"As (?:discussed|noted|mentioned|described|explained|shown) (?:above|earlier|before|previously))",
    "az": r"(?:Lakin|Amma|Ancaq|Bundan başqa|Bundan əlavə|Eyni zamanda|Həmçinin|Beləliklə|Nəticədə|Bununla belə|"
          r"Bununla yanaşı|Üstəlik|Əksinə|Digər tərəfdən|Xüsusilə|Bu baxımdan|Bu kontekstdə|Bu çərçivədə)",
    "tr": r"(?:Ancak|Fakat|Ama|Bununla birlikte|Bunun yanı sıra|Ayrıca|Dolayısıyla|Sonuç olarak|Öte yandan|"
          r"Aynı zamanda|Üstelik|Buna karşın|Bu nedenle|Bu bağlamda|Nitekim|Özellikle)",
    "ru": r"(?:Однако|Тем не менее|Кроме того|Также|Вместе с тем|Таким образом|Поэтому|В то же время|Более того|"
          r"При этом|Впрочем|В свою очередь|Между тем|Итак|Следовательно|Напротив|Помимо этого|В этой связи|"
          r"В этом контексте|В этих условиях)",
}
#: One-word connectives that need no comma.
_BARE = {
    "en": r"But|And|So|Yet|Also|Still",
    "az": r"Lakin|Amma|Ancaq|Həmçinin",
    "tr": r"Ancak|Fakat|Ama|Ayrıca",
    "ru": r"Однако|Также|Впрочем|Итак",
}
#: Openers that stand for something said before: the sentence cannot be read alone as it is.
_DEMONSTRATIVES = {
    "en": r"(?:This|These|That|Those|Such|It|Its|They|Their|Them|The latter|The former|Both|Here|There)\b",
    "az": r"(?:Bu|Bunlar|Həmin|Onlar|O|Onun|Onların|Belə)\b",
    "tr": r"(?:Bu|Bunlar|Şu|Söz konusu|Onlar|O|Onun|Onların|Böyle)\b",
    "ru": r"(?:Это|Этот|Эта|Эти|Этим|Этого|Такой|Такая|Такие|Он|Она|Они|Его|Её|Их|Данный|Данная|Данные)\b",
}
_PRONOUN_START = re.compile(r"^(?P<pronoun>He|She)\b")
_QUOTE_PRONOUN = re.compile(r"[,.!?]?[”\"’']\s*,?\s*(?:—\s*|-\s*)?(?P<pronoun>he|she)\s+(?:said|says|added|told|"
                            r"insisted|warned|wrote|explained)\b")
_QUOTES = "“\"‘«"
_DEBRIS = re.compile(r"\*\*|__|(?<!\w)_tp=\S*|\s\|\s")
# "As a result of the meetings, this unjust amendment …" points back after its opening words; "such as" does not.
_POINTER_INSIDE = re.compile(r"(?:\S+\s+){1,12}?(?:this|these|such(?! as\b))\s+(?!year|week|month|time\b)[a-z]+")
_MAX_WORDS = 55  # a statement with the previous sentence taken along
# A short sentence that sets up the next one ("The question is no longer whether the route works.").
_TEASER = re.compile(r"^(?:The|But the) (?:question|answer|problem|issue|point|challenge|real test|catch)\s+"
                     r"(?:is|was|remains|now is|is now)\b", re.IGNORECASE)
_TEASER_WORDS = 14
# A sentence cut before its end ("… yesterday, but .").
_CUT = re.compile(r"(?:\b(?:but|and|or|because|while|although|that|which|as|with|of|to|the|has|have|had|is|are|"
                  r"was|were|will|would)|[,;:])\s*\.?\s*$")
# A sentence that is all quotation: “…” with nothing outside the quotes.
_WHOLE_QUOTE = re.compile(r"^[“\"«‘][^“”\"«»]*[”\"»’][.]?$")


class Standalone(NamedTuple):
    """A statement as the brief shows it, and what was done to the source sentence."""

    text: str
    edit: str | None  # None when the sentence is shown as written
    previous: bool = False  # the sentence before it is taken along


def _clean(text: str) -> tuple[str, bool]:
    cleaned = re.sub(r"\s{2,}", " ", _DEBRIS.sub(" ", text)).strip()
    return cleaned, cleaned != text.strip()


def stand_alone(sentence: str, previous: str | None, person: str | None, language: str = "en") -> Standalone | None:
    """``sentence`` as it can be read alone, or None.

    ``previous`` is the sentence before it in the same paragraph (None at a
    paragraph's start); ``person`` is the one person the previous sentences
    name, if exactly one, for "He said".
    """
    text, cleaned = _clean(sentence)
    if language == "en" and _TEASER.match(text.lstrip(_QUOTES)) and len(text.split()) <= _TEASER_WORDS:
        return None  # it only sets up what the next sentence says
    if _CUT.search(text) or text.lstrip(_QUOTES)[:1].islower():
        return None  # cut at its end, or split off its start
    if _WHOLE_QUOTE.match(text):
        if not person:
            return None  # a quotation without its speaker
        return Standalone(f"{text} — [{person}]", "; ".join([*(["markup removed"] if cleaned else []),
                                                              f"speaker added: {person}"]))
    edits: list[str] = ["markup removed"] if cleaned else []
    opening = text.lstrip(_QUOTES)
    connectives = _CONNECTIVES.get(language)
    if connectives:
        # a connective ends at its comma ("As a result, …", not "As a result of the talks, …");
        # a one-word one may go without ("But the route …", "Однако Россия …")
        m = re.match(rf"(?:{connectives},|(?:{_BARE.get(language, '(?!)')}))\s+(?=\S)", opening)
        if m and len(opening) > m.end() + 20:
            rest = opening[m.end():]
            text = text[: len(text) - len(opening)] + rest[:1].upper() + rest[1:]
            edits.append(f"opening “{m.group().strip().rstrip(',')}” dropped")
            opening = text.lstrip(_QUOTES)
    if language == "en" and person:
        m = _PRONOUN_START.match(opening)
        if m:
            text = text[: len(text) - len(opening)] + f"[{person}]" + opening[m.end():]
            edits.append(f"“{m.group()}” is {person}")
            opening = text.lstrip(_QUOTES)
        q = _QUOTE_PRONOUN.search(text)
        if q and text[:1] in _QUOTES:
            start, end = q.span("pronoun")
            text = text[:start] + f"[{person}]" + text[end:]
            edits.append(f"“{q.group('pronoun')}” is {person}")
    demonstratives = _DEMONSTRATIVES.get(language)
    pointing = bool(demonstratives and re.match(demonstratives, opening))
    if language == "en" and re.match(_POINTER_INSIDE, opening):
        pointing = True  # "As a result of the meetings, this unjust amendment …"
    if language == "en" and re.match(r"(?:He|She|His|Her)\b", opening):
        pointing = True
    if language == "en" and text[:1] in _QUOTES and _QUOTE_PRONOUN.search(text):
        return None  # "…," he said: the speaker is unknown
    if pointing:
        if previous is None or len(previous.split()) + len(text.split()) > _MAX_WORDS:
            return None
        prior = stand_alone(previous, None, None, language)
        if prior is None:
            return None
        text = f"{prior.text} {text}"  # as it reads alone: "However, " dropped from it too
        edits.append("the sentence before it taken along" + (f" ({prior.edit})" if prior.edit else ""))
    return Standalone(text, "; ".join(edits) or None, previous=pointing)


# Words that judge rather than report: in an analysis or opinion piece, a statement holding one is the
# outlet's view, and the brief says whose.
_EVALUATIVE = {
    "en": re.compile(
        r"\b(?:unjust|unfair|archaic|biased|shameful|disgraceful|absurd|baseless|groundless|illegitimate|"
        r"misguided|reckless|disastrous|catastrophic|brilliant|wise|visionary|heroic|glorious|historic|"
        r"unprecedented|remarkable|landmark|undoubtedly|undeniably|unquestionably|obviously|clearly|rightly|"
        r"wrongly|sadly|fortunately|unfortunately|of vital importance|the only (?:answer|way|solution))\b",
        re.IGNORECASE),
    "az": re.compile(r"\b(?:ədalətsiz\w*|qərəzli\w*|tarixi|misilsiz|şübhəsiz|əlbəttə|təəssüf ki|uğurlu\w*)\b",
                     re.IGNORECASE),
    "ru": re.compile(r"\b(?:несправедлив\w*|предвзят\w*|историческ\w*|беспрецедентн\w*|несомненно|"
                     r"безусловно|очевидно|к сожалению|абсурдн\w*)\b", re.IGNORECASE),
}
_ACCORDING = {"en": "According to {source}, ", "az": "{source} hesab edir ki, ", "ru": "По оценке {source}, "}


def attributed(text: str, source: str, language: str = "en") -> tuple[str, str] | None:
    """``text`` said in ``source``'s name, with the edit, when it holds an evaluative word; else None.

    Used for the statements an analysis or opinion piece makes: "this unjust amendment was suspended"
    becomes "According to apa.az, this unjust amendment was suspended": the judgement is the outlet's.
    """
    cue, prefix = _EVALUATIVE.get(language), _ACCORDING.get(language)
    if cue is None or prefix is None or not cue.search(text) or not source:
        return None
    first = text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text
    return prefix.format(source=source) + first, f"attributed to {source}: it holds a judgement"
