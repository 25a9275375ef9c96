"""Dates in a text: explicit dates, months, years, and (with a reference) relative ones.

Rules, in order of precedence (an earlier rule's span is never re-used):

1. full dates: ``2001-09-11``, ``11.09.2001`` (day first), ``September 11, 2001``,
   ``Sept. 11th 2001``, ``11 September 2001``, ``the 11th of September, 2001``,
   and day-month-year with Azerbaijani, Turkish or Russian month names
   (``11 sentyabr 2001``, ``11 Eylül 2001``, ``11 сентября 2001``);
2. month and year: ``March 2023``, ``September of 2001``, ``April–June 2025``
   (dated by its first month);
3. day and month without a year (``September 11``, ``9/11``), reported only
   when a year can be given honestly, always as approximate: from a full date
   with the same day and month in the same text; ``9/11`` and ``the events
   of / attacks of September 11`` as 11 September 2001; otherwise from
   ``reference``, as the latest such day not after it; without any of these
   the mention is skipped;
4. years 1800-2100 used as years: not after ``$``/``€``, not as labels
   (``Section 1992``, ``Resolution 2001``), not before a count noun
   (``1992 troops``), not glued to letters or other digits, and not
   ``2000-year``-style durations, which are figures; both ends of ``1992–1994``;
5. relative dates (``yesterday``, ``this morning``, ``last week``, ``earlier this month``,
   ``last year``, ``in recent days``, ``on Monday``, ``two years ago``), only
   when ``reference`` is given, anchored on it and approximate.  A bare
   ``today`` is left out: in analysis it mostly means "nowadays"; so is
   ``the next year`` ("paid for the next year"), a duration.

Numbers in citations (statute sections, public laws, bills, court reporters,
the year in a law's name, URLs) are masked before any rule runs.

Durations ("99-year", "thirty years") are never dates: see ``figures``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text."""

    start: int
    end: int
    surface: str
    iso: str  # "2001-09-11", "2001-09" or "1992"
    label: str  # "11 September 2001", "September 2001", "1992"
    approximate: bool


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_FOREIGN = {  # Azerbaijani, Turkish, Russian (nominative and genitive)
    1: "yanvar ocak январь января", 2: "fevral şubat февраль февраля", 3: "mart март марта",
    4: "aprel nisan апрель апреля", 5: "may mayıs май мая", 6: "iyun haziran июнь июня",
    7: "iyul temmuz июль июля", 8: "avqust ağustos август августа",
    9: "sentyabr eylül сентябрь сентября", 10: "oktyabr ekim октябрь октября",
    11: "noyabr kasım ноябрь ноября", 12: "dekabr aralık декабрь декабря",
}
for _number, _names in _FOREIGN.items():
    _MONTHS.update({name: _number for name in _names.split()})

_MONTH = (
    r"(?P<month>(?:" + "|".join(MONTH_NAMES) + r")(?!\w)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_FOREIGN_MONTH = r"(?P<month>(?i:" + "|".join(
    sorted({n for v in _FOREIGN.values() for n in v.split()}, key=len, reverse=True)) + r"))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)"
_END = r"(?![\w]|[.,]\d)"

# Regex sources, compiled on first use by _rx (keeps the import cheap).
_FULL = [
    rf"(?<![\w.-]){_YEAR}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d){_END}",
    rf"(?<![\w.])(?P<dd>[0-3]?\d)\.(?P<mm>[01]?\d)\.{_YEAR}{_END}",
    rf"(?<!\w){_MONTH}\s+{_DAY},?\s+{_YEAR}{_END}",
    rf"(?<!\w){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_END}",
    rf"(?<!\w){_DAY}\s+{_FOREIGN_MONTH}\s+{_YEAR}{_END}",
]
_MONTH_YEAR = rf"(?<!\w){_MONTH},?\s+(?:of\s+)?{_YEAR}{_END}"  # not "2011-12": a range
_MONTH_RANGE = (r"(?<!\w)(?P<first>(?:" + "|".join(MONTH_NAMES) + r"))\s*[-–]\s*"
                rf"{_MONTH},?\s+{_YEAR}{_END}")  # "April-June 2025": from April
_DAY_MONTH = [
    rf"(?<!\w){_MONTH}\s+{_DAY}(?![\w]|[.,]\d|,?\s+\d)",
    rf"(?<![\w,.]){_DAY}\s+(?:of\s+)?{_MONTH}(?!,?\s+\d)",
    r"(?<![\w/])9/11(?![\w/])",
]
_NINE_ELEVEN = r"(?:events|attacks|aftermath)\s+of\s+$|post-$"
_YEAR_ONLY = (rf"(?<![\w$€£¥₼₽₺.,/#§]){_YEAR}"
              r"(?![\w%]|[.,]\d|[-–‑]\s*(?:year|month|week|day)|\s*(?:%|percent|per\s+cent)"
              r"|['’](?:l[iıuü]|l[ae]r)|-(?:х|е|ых|ые)\b|-c[iıuü] ill[əe]r)")  # decades: "1920'li", "1990-х"
# Numbers in citations are never dates: statute sections ("19 U.S.C. §1862"),
# public laws, reporters and courts ("412 F.3d 118 (2d Cir. 2005)"), the year
# in a law's name ("Trade Act of 1974", "the 2015 Iran Nuclear Agreement
# Review Act"), bill numbers ("H.R. 1903", "S. 348") and URLs.  Masked before any rule runs.
_CITATIONS = (
    r"§+\s*[\w.()–-]+(?:\s*(?:and|or|,|-|–|through)\s*§*\s*[\w.()–-]+)*"
    r"|\b\d+\s+(?:U\.\s?S\.\s?C\.|C\.\s?F\.\s?R\.|Stat\.|U\.S\.|F\.\s?(?:2d|3d|4th)?|F\.\s?Supp\.(?:\s?[23]d)?|S\.\s?Ct\.|"
    r"L\.\s?Ed\.(?:\s?2d)?|Fed\.\s?Reg\.|Cong\.\s?Rec\.)\s*(?:§+\s*)?[\w.()–-]*"
    r"|\b(?:P\.\s?L\.|Pub\.\s?L\.|Public\s+Law)\s*(?:No\.\s*)?\d+[-–]\d+"
    r"|\((?:[\w.]+\s+){0,4}(?:Cir\.|D\.\s?[A-Z][\w.]*|Fed\.\s?Cl\.|C\.I\.T\.|Ct\.\s?Int'l\s?Trade)\s*(?:1[89]|20)\d\d\)"
    r"|\b(?:Act|Acts|Code|Law)\s+of\s+(?:1[89]|20)\d\d\b"
    r"|\b(?:H\.\s?R|S|H\.\s?Res|S\.\s?Res|H\.\s?J\.\s?Res|S\.\s?J\.\s?Res|H\.\s?Con\.\s?Res|S\.\s?Con\.\s?Res)\.\s?\d+"
    r"|\b(?:1[89]|20)\d\d(?=\s+(?:[A-Z][\w'’-]*\s+){1,8}Act\b)"
    r"|https?://\S+|\bwww\.\S+"
)
# Words after which a number is a label, not a year or a figure ("Section 907"); a regex source.
LABEL_BEFORE = (
    r"(?:\b(?:[Ss]ections?|[Aa]rticles?|[Rr]esolutions?|[Pp]aragraphs?|[Cc]hapters?|[Cc]lauses?|"
    r"No|Nos|[Nn]umbers?|[Ll]aws?|[Dd]ecrees?|[Oo]rders?|[Rr]ules?|[Ff]lights?|[Rr]outes?|"
    r"[Rr]ooms?|[Ii]tems?|[Pp]arts?|[Tt]itles?|[Aa]mendments?|[Bb]ills?|[Dd]irectives?|"
    r"[Rr]egulations?|[Pp]rotocols?|[Tt]ables?|[Ff]igures?|[Bb]ox|[Cc]harts?|[Mm]aps?|[Ee]xhibits?|"
    r"[Aa]ppendix|[Aa]nnex|[Pp]ages?|[Ff]ootnotes?|[Nn]otes?|p|pp|USD|EUR|AZN|GBP|RUB)\.?|#|№)\s*$"
)
_COUNT_AFTER = (
    r"\s+(?:[A-Z][a-z]+\s+)?(?:troops|soldiers|servicemen|personnel|peacekeepers|people|persons|"
    r"men|women|children|refugees|civilians|casualties|deaths|victims|killed|dead|"
    r"units|tanks|vehicles|aircraft|jets|drones|missiles|ships|votes|seats|members|"
    r"delegates|workers|employees|jobs|students|cases|households|homes|residents|"
    r"families|companies|firms|km|kilomet(?:re|er)s|miles|tonnes|tons|barrels|"
    r"hectares|dollars|euros|manats?|rubles|roubles|pounds|thousand|million|billion)\b"
)
_DIGIT = r"\d"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_RELATIVE = (
    r"(?<!\w)(?P<expr>[Yy]esterday|[Tt]omorrow|[Ll]ast night|[Tt]his (?:morning|afternoon|evening)"
    r"|(?:(?:[Ee]arlier|[Ll]ater) )?[Tt]his (?P<this>week|month|year)"
    r"|(?<![Tt]he )(?<![Tt]his )[Ll]ast (?P<last>week|month|year)|(?<![Tt]he )[Nn]ext (?P<next>week|month|year)"
    r"|(?:[Ii]n )?(?:[Rr]ecent|the (?:past|last) (?:few|several)) (?P<recent>days|weeks|months)"
    r"|(?:(?P<wmod>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his) )(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
    r"|(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r"|a|an) (?P<unit>day|week|month|year)s? ago)(?!\w)"
)


@cache
def _rx(source: str) -> re.Pattern[str]:
    """The compiled form of a regex source of this module."""
    return re.compile(source)


def _day_label(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _month_number(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _latest(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The latest ``month``/``day`` not after ``reference``."""
    for year in range(reference.year, reference.year - 9, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference:
            return candidate
    return None


def _relative(m: re.Match[str], ref: dt.date) -> tuple[str, str]:
    """(iso, label) of a relative expression anchored on ``ref``."""
    expr = m.group("expr").lower()
    day: dt.date | None = None
    if m.group("weekday"):
        target = _WEEKDAYS.index(m.group("weekday"))
        back = (ref.weekday() - target) % 7
        mod = m.group("wmod").lower()
        if mod == "last" and back == 0:
            back = 7
        day = ref + dt.timedelta(days=(7 - back) % 7 or 7) if mod == "next" else ref - dt.timedelta(days=back)
    elif m.group("unit"):
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n, 1)
        unit = m.group("unit")
        if unit in ("day", "week"):
            day = ref - dt.timedelta(days=count * (7 if unit == "week" else 1))
        elif unit == "month":
            y, mo = _shift_month(ref, -count)
            return f"{y:04d}-{mo:02d}", f"{MONTH_NAMES[mo - 1]} {y}"
        else:
            return str(ref.year - count), str(ref.year - count)
    else:
        span = m.group("this") or m.group("last") or m.group("next") or m.group("recent")
        shift = -1 if m.group("last") else 1 if m.group("next") else 0
        if span in ("year", "months"):
            return str(ref.year + shift), str(ref.year + shift)
        if span in ("month", "weeks"):
            y, mo = _shift_month(ref, shift)
            return f"{y:04d}-{mo:02d}", f"{MONTH_NAMES[mo - 1]} {y}"
        if span == "week":
            day = ref + dt.timedelta(days=7 * shift)
        elif expr.endswith("days"):
            day = ref
        else:
            offsets = {"yesterday": -1, "last night": -1, "tomorrow": 1}  # "this morning": 0
            day = ref + dt.timedelta(days=offsets.get(expr, 0))
    assert day is not None
    return day.isoformat(), _day_label(day)


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """Find the dates in ``text``, in order, without overlaps.

    ``reference`` (usually the document's date) anchors year-less and
    relative dates; without it those are skipped (see the module docstring).
    """
    found: list[DateMention] = []
    if not _rx(_DIGIT).search(text):
        return _relatives(text, reference, found) if reference is not None else []
    text = _rx(_CITATIONS).sub(lambda m: " " * len(m.group()), text)

    def free(start: int, end: int) -> bool:
        return not any(d.start < end and start < d.end for d in found)

    def add(m: re.Match[str], iso: str, label: str, approximate: bool = False) -> None:
        found.append(DateMention(m.start(), m.end(), m.group(), iso, label, approximate))

    for source in _FULL:
        for m in _rx(source).finditer(text):
            month = int(m.group("mm")) if "mm" in m.re.groupindex else _month_number(m.group("month"))
            day_text = m.group("dd") if "dd" in m.re.groupindex else m.group("day")
            try:
                day = dt.date(int(m.group("year")), month, int(day_text))
            except ValueError:
                continue
            if free(m.start(), m.end()):
                add(m, day.isoformat(), _day_label(day))
    known = {(int(d.iso[5:7]), int(d.iso[8:10])): int(d.iso[:4]) for d in found}
    for m in _rx(_MONTH_RANGE).finditer(text):
        if free(m.start(), m.end()):
            first, last, year = _month_number(m.group("first")), _month_number(m.group("month")), int(m.group("year"))
            add(m, f"{year:04d}-{first:02d}", f"{MONTH_NAMES[first - 1]}–{MONTH_NAMES[last - 1]} {year}")
    for m in _rx(_MONTH_YEAR).finditer(text):
        if free(m.start(), m.end()):
            month, year = _month_number(m.group("month")), int(m.group("year"))
            add(m, f"{year:04d}-{month:02d}", f"{MONTH_NAMES[month - 1]} {year}")
    for source in _DAY_MONTH:
        for m in _rx(source).finditer(text):
            if not free(m.start(), m.end()):
                continue
            month, day_n = (9, 11) if "month" not in m.re.groupindex else (
                _month_number(m.group("month")), int(m.group("day")))
            resolved: dt.date | None = None
            try:
                if (month, day_n) in known:
                    resolved = dt.date(known[(month, day_n)], month, day_n)
                elif (month, day_n) == (9, 11) and (
                    "month" not in m.re.groupindex
                    or _rx(_NINE_ELEVEN).search(text, max(0, m.start() - 20), m.start())
                    or text.startswith(" attacks", m.end())
                ):
                    resolved = dt.date(2001, 9, 11)
                elif reference is not None:
                    resolved = _latest(month, day_n, reference)
            except ValueError:
                continue
            if resolved is not None:
                add(m, resolved.isoformat(), _day_label(resolved), approximate=True)
    for m in _rx(_YEAR_ONLY).finditer(text):
        before = text[max(0, m.start() - 16):m.start()]
        if before.endswith(("-", "–")) and not re.search(r"(?<!\d)(?:1[89]|20)\d\d[-–]$", before):
            continue  # "F-2000", but "1992–1994" is two years
        if _rx(LABEL_BEFORE).search(before) or _rx(_COUNT_AFTER).match(text, m.end()):
            continue
        if free(m.start(), m.end()):
            add(m, m.group("year"), m.group("year"))
    if reference is not None:
        _relatives(text, reference, found)
    return sorted(found, key=lambda d: (d.start, d.end))


def _relatives(text: str, reference: dt.date, found: list[DateMention]) -> list[DateMention]:
    """Add the relative dates of ``text`` that overlap nothing in ``found``."""
    for m in _rx(_RELATIVE).finditer(text):
        if all(d.end <= m.start() or m.end() <= d.start for d in found):
            iso, label = _relative(m, reference)
            found.append(DateMention(m.start(), m.end(), m.group(), iso, label, True))
    return sorted(found, key=lambda d: (d.start, d.end))
