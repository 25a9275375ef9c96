"""The two ends of a brief: its bottom line, and what to watch.

The bottom line is what the document concludes: a sentence that states a
finding or the author's thesis ("Caspian Review's conclusion is that …",
"CRS estimates …", "we find …") opens the takeaways when the ranking has it
among the sentences worth reading alone.

What to watch: scheduled events, deadlines, pending decisions and stated intentions.

A watch item looks ahead: its sentence is in the future tense ("will",
"is expected to", "plans to"; the future forms of Azerbaijani, Turkish and
Russian) or names a date after the document's own.  In a section whose
heading says it looks ahead (Outlook, Next steps, Issues for Congress,
Recommendations, "Stratejik Öngörü", "Перспективы") a modal ("may", "could",
"should consider") is enough.  A sentence whose dates all lie before the
document's date is history, whatever its tense.  When the brief is dated
later than the document, the item says from when it looks ahead
(:attr:`~briefing.model.Point.as_of`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from briefing.analysis.dates import find_dates
from briefing.analysis.ranking import terms

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from briefing.compose.units import Unit
    from briefing.model import Document, Theme

__all__ = ["EDGE", "MAX_OUTLOOK", "FORWARD", "as_of", "bottom_line_first", "events", "own_findings", "recency",
           "watch_items"]

MAX_OUTLOOK = 3

# Forward-looking statements.  "will" counts as the auxiliary only: not the
# noun in "the political will to…".
FORWARD = {
    "en": re.compile(
        r"(?<!\bthe )(?<!political )(?<!\bits )(?<!\btheir )\bwill\b(?! to\b)|"
        r"\b(?:is|are) (?:expected|set|due|scheduled|likely|planned|poised) to\b|\bplans? to\b|\bintends? to\b|"
        r"\bnext (?:week|month|year)\b|\bupcoming\b|\bin the coming\b|\bdeadline\b",
        re.IGNORECASE,
    ),
    "az": re.compile(r"\b(?!(?:yan|buc|oc|quc)a)\w+(?:acaq|əcək|acağ|əcəy)\w*|"  # not "yanacaq" (fuel)
                     r"\bplanlaşdır\w*|\bgözlənilir\b|\bnəzərdə tutulur\b", re.IGNORECASE),
    "tr": re.compile(r"\w(?:acak|ecek|acağ|eceğ)\w*|\bplanlan\w*|\bbekleniyor\b|\böngörülüyor\b", re.IGNORECASE),
    "ru": re.compile(r"\bбуд(?:ет|ут|ем|ешь)\b|\bпланиру\w*|\bожида\w*ся\b|\bнамерен\w*|\bпредстоит\b|\bсобира\w*ся\b",
                     re.IGNORECASE),
}
_MODAL = re.compile(r"\b(?:may|might|could|should|would)\b|\bconsider\w*\b|\bcan\b|\bmüm[kü]ün\b|\bolabilir\b|"
                    r"\bmoже\w*\b|\bмогут\b|\bследует\b", re.IGNORECASE)
_AHEAD = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:outlook|next steps|looking ahead|what to watch|the road ahead|prospects|"
    r"(?:policy |legislative )?(?:issues|options|considerations) for congress|recommendations?|"
    r"stratejik öngörü|öngörü|gelecek|perspektiv\w*|gələcək\w*|перспектив\w*|прогноз\w*|рекомендаци\w*)",
    re.IGNORECASE,
)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else dt.date(int(value[:4]), 12, 31)
    except ValueError:
        return None


def _looks_ahead(unit: Unit, documents: list[Document], themes: list[Theme], language: str) -> bool:
    doc = documents[unit.source - 1]
    reference = _day(doc.date)
    dates = [d for d in find_dates(unit.text, reference) if not d.approximate]
    later = [d for d in dates if reference is not None and d.iso[:10] > (doc.date or "")[: len(d.iso)]]
    if dates and reference is not None and not later:
        return False  # every date it names is before the document: history
    forward = FORWARD.get(language, FORWARD["en"])
    if forward.search(unit.text) or later:
        return True
    return bool(_AHEAD.match(themes[unit.theme].label)) and bool(_MODAL.search(unit.text))


def watch_items(documents: list[Document], units: list[Unit], themes: list[Theme], candidates: list[int],
                used: set[int], scores: np.ndarray, language: str, most: int = MAX_OUTLOOK) -> list[int]:
    """The best-scored candidates that look ahead and are not already said, at most :data:`MAX_OUTLOOK`.

    Units of a section that looks ahead come first; the list is empty rather than padded.
    """
    ahead = [i for i in candidates if i not in used and _looks_ahead(units[i], documents, themes, language)]
    ranked = sorted(ahead, key=lambda i: (not _AHEAD.match(themes[units[i].theme].label), -float(scores[i])))
    return sorted(ranked[:most])


# A decisive act reported as done: what a piece of news is made of ("the amendment was suspended", "signed").
_EVENT = {
    "en": re.compile(
        r"(?<!\bnot )(?<!\bnot yet )(?<!\bnot been )(?<!\bnot yet been )(?<!\bnever been )"
        r"\b(?:(?:was|were|has been|have been|had been)\s+)?(?:indeed\s+)?"
        r"(?:signed|suspended|lifted|waived|established|launched|adopted|approved|ratified|enacted|passed|vetoed|"
        r"blocked|overturned|repealed|abolished|revoked|rescinded|cancell?ed|terminated|ended|halted|banned|imposed|"
        r"announced|agreed|initial(?:l)?ed|"
        r"finali[sz]ed|issued|ordered|ruled|struck down|enjoined|appointed|elected|resigned|fired|arrested|"
        r"charged|convicted|sentenced|killed|invaded|withdrew|withdrawn|sued|raised|cut|acquired)\b(?! by\b)",
        re.IGNORECASE),
    "az": re.compile(r"\b\w*(?:imzalan|dayandırıl|təsis edil|yaradıl|qəbul edil|ləğv edil|elan edil|"
                     r"təyin edil)\w*(?:dı|di|du|dü|ıb|ib|ub|üb)\b", re.IGNORECASE),
    "tr": re.compile(r"\b\w*(?:imzala|askıya alın|kurul|kabul edil|iptal edil|açıkla|ilan edil)\w*(?:dı|di|du|dü)\b",
                     re.IGNORECASE),
    "ru": re.compile(r"\b(?:подписа\w*|приостановлен\w*|учрежд\w*|созда(?:н|л)\w*|принят\w*|отменен\w*|"
                     r"объявил\w*|назначен\w*|запрет\w*)\b", re.IGNORECASE),
}


def events(units: list[Unit], language: str) -> list[bool]:
    """Whether each unit reports a decisive act as done ("was suspended", "signed", "ordered")."""
    cue = _EVENT.get(language)
    return [cue is not None and bool(cue.search(u.text)) for u in units]


def recency(units: list[Unit], documents: list[Document], days: float = 180.0) -> list[float]:
    """How close each unit's event is to its document's latest development, 0..1.

    The latest day or month a document names, up to its own date, is its news ("On March 6, 2026, the
    judge ordered FEMA …"); earlier events decay as exp(−age/``days``) from it.  Years alone, dates after
    the document (those are for what to watch) and undated documents give 0.
    """
    import math

    found: list[list[dt.date]] = []
    latest: dict[int, dt.date] = {}
    for unit in units:
        reference = _day(documents[unit.source - 1].date)
        days_named = []
        for mention in find_dates(unit.text, reference) if reference is not None else []:
            if len(mention.iso) < 7:
                continue
            iso = mention.iso
            day = _day(iso) if len(iso) >= 10 else dt.date(int(iso[:4]), int(iso[5:7]), 15)  # a month: its middle
            if day is not None and reference is not None and day <= reference:
                days_named.append(day)
        found.append(days_named)
        if days_named:
            latest[unit.source] = max(latest.get(unit.source, days_named[0]), *days_named)
    return [max((math.exp(-(latest[u.source] - d).days / days) for d in named), default=0.0)
            for u, named in zip(units, found, strict=True)]


def as_of(unit: Unit, documents: list[Document], brief_date: str | None) -> str | None:
    """The document's date, when the brief is dated later: the item looks ahead from there."""
    doc_date = documents[unit.source - 1].date
    if doc_date and brief_date and brief_date[:10] > doc_date[:10] and len(doc_date) >= 7:
        return doc_date
    return None


# A finding is the document's own in its first quarter or in a report's introduction and conclusion ("The report
# found that …" late in a news story is about someone else's report); callers pass those as candidates.
EDGE = 0.25
_BOTTOM_LINE = {
    "en": re.compile(
        r"\b(?:conclu(?:des|ded|sion is|sion was) that|(?:we|the (?:report|study|analysis|authors?|review)) "
        r"(?:find|finds|found|conclude|concludes|argue|argues|estimate|estimates)\b|the evidence (?:suggests|shows)|"
        r"\b(?:CRS|GAO|CBO) (?:estimates|finds|found|concludes|analysis (?:shows|suggests))|"
        r"(?:assessment|view|argument|finding|verdict|judgement|judgment) is that|\bargues that|main finding|"
        r"bottom line)", re.IGNORECASE),
    "az": re.compile(r"nəticəyə gəl\w*|qənaətind\w*|əsas nəticə\w*|hesab edir ki", re.IGNORECASE),
    "tr": re.compile(r"sonucuna var\w*|sonuç olarak|temel bulgu\w*|değerlendirmesine göre", re.IGNORECASE),
    "ru": re.compile(r"пришл\w* к выводу|вывод\w* (?:таков|состоит)|основн\w* вывод|считает, что", re.IGNORECASE),
}


def own_findings(units: list[Unit], candidates: list[int], summary_like: list[bool]) -> list[int]:
    """The candidates where a finding is the document's own: its first quarter, a report's intro or end."""
    return [i for i in candidates if units[i].position <= EDGE or summary_like[i]]


def bottom_line_first(chosen: list[int], candidates: list[int], units: list[Unit], scores: np.ndarray,
                      language: str, lede: int | None = None, title: str = "") -> list[int]:
    """``chosen`` takeaways with the document's bottom line first.

    The best-scored candidate that states a finding, if it scores in the top
    half, takes the first place (``candidates``: the sentences where a
    finding is the document's own, see :data:`EDGE`); else the ``lede`` (the document's first
    sentence that reads alone: a news story's news, a report's occasion).
    When it was not chosen it replaces the lowest-scored takeaway.  Without
    either, the takeaway that shares most words with the ``title`` comes
    first (an argument's title names its point), the rest in the document's order.
    """
    import numpy as np

    cue = _BOTTOM_LINE.get(language)
    if not chosen:
        return chosen
    median = float(np.median(scores))
    stated = [i for i in candidates if cue is not None and cue.search(units[i].text) and float(scores[i]) >= median]
    if not stated and lede is None:
        # An argument without a stated conclusion: its title names the point ("A new era in … cooperation").
        heading = set(terms(title, language))
        overlap = [len(heading & set(terms(units[i].text, language))) for i in chosen]
        if not heading or max(overlap) == 0:
            return chosen
        named = max(chosen, key=lambda i: (overlap[chosen.index(i)], float(scores[i]), -i))
        return [named, *(i for i in chosen if i != named)]
    best = max(stated, key=lambda i: (float(scores[i]), -i)) if stated else lede
    assert best is not None
    rest = [i for i in chosen if i != best]
    if len(rest) == len(chosen):
        rest.remove(min(rest, key=lambda i: (float(scores[i]), -i)))
    return [best, *rest]
