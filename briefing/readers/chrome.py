"""Site chrome: the lines around an article that are not the article.

Aggregators and news sites wrap an article in edition codes, counters, the
site's domain, "N sources" badges, share buttons and bylines.  These rules
recognise such lines by their *shape*, never by the text of one site, and only
at the top and bottom edges of a document: in the middle nothing is removed,
so a real sentence is never lost.

What a chrome line means is kept as metadata (``Document.metadata``):

``edition``
    language/edition code, e.g. ``"AZ"`` (ISO 639-1 language or ISO 3166
    country code on a line of its own).
``editions``
    a language menu such as ``"EN | RU | AZ"``.
``site``
    domain name, e.g. ``"apa.az"`` (also ``Document.site``).
``sources``, ``comments``, ``views``, ``shares``, ``likes``
    a count glued to its noun in any of a few languages, e.g.
    ``"10Mənbələr"`` -> ``sources="10"``, ``"12 Comments"`` ->
    ``comments="12"``.
``counts``
    any other ``<number><word>`` badge, as written (``"; "``-separated).
``counters``
    bare numbers (views, likes...) in order, space-separated: ``"87 50"``.
``flags``
    one-word UI labels that sit in a run of chrome lines, kept as written
    (``"Seçilən"``, i.e. "selected"), ``"; "``-separated.
``author``, ``published``, ``updated``, ``date``
    from bylines and date lines; ``published``/``updated`` keep the text
    as written, and ``Document.date`` gets the ISO date.
``dateline``, ``agency``
    from a wire dateline before the first sentence ("LONDON (Reuters) --").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from briefing.model import Document

Strength = Literal["strong", "weak"]

_TERMINAL = ".!?…։。।۔؟"
_COUNT_NOUNS: dict[str, tuple[str, ...]] = {
    # key: casefolded word prefixes (en, az, tr, ru, uk, de, fr, es, pt, pl)
    "sources": ("source", "mənbə", "kaynak", "источник", "джерел", "quelle",
                "fuente", "fonte", "źród"),
    "comments": ("comment", "şərh", "yorum", "коммент", "kommentar",
                 "commentaire", "comentario"),
    "views": ("view", "baxış", "görüntül", "okunma", "просмотр", "перегляд"),
    "shares": ("share", "paylaş", "репост"),
    "likes": ("like", "bəyən", "beğen", "лайк"),
}
# A UI control or navigation link is a short phrase made only of these words
# ("Share this article", "Follow us on Twitter", "Back to top").
_UI_VERBS = frozenset("""
share print email e-mail tweet comment comments subscribe follow like listen
download save bookmark login log sign register menu search skip jump home
close next previous back read advertisement advertising sponsored related
""".split())
_UI_FILLER = frozenset("""
this the article story page post link us on to in up out of more top content
main text now here via by facebook twitter whatsapp telegram linkedin
instagram youtube x newsletter stories also feed rss comments
""".split())
_BOILERPLATE = re.compile(
    r"^\s*(?:(?:disclaimer|copyright|terms of (?:use|service)|privacy policy|"
    r"legal notice)\s*:|©|\(c\)\s*\d{4}|copyright\s+(?:©|\(c\)|\d{4})|"
    r"all rights reserved)", re.IGNORECASE)

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october "
    "november december".split(), start=1)}
_MONTH_RE = r"(?:" + "|".join(
    sorted({m for k in _MONTHS for m in (k, k[:3], k[:3] + ".")}, key=len,
           reverse=True)) + ")"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\s*,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?\s*"
                   r"(?:[A-Z]{2,4}\b)?", re.I)

_COUNTER = re.compile(r"^\d{1,3}(?:[ ,.]\d{3})*(?:[.,]\d+)?\s*[KkMm]?$")
_GLUED_COUNT = re.compile(r"^(\d[\d,.]*)\s*([^\W\d_]{2,30})$")
_DOMAIN = re.compile(
    r"^(?:https?://)?((?:www\d?\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"[a-z]{2,24})/?$", re.I)
_CODES = re.compile(r"^[A-Z]{2,3}(?:\s*[|/·•,]?\s*[A-Z]{2,3})*$")
_BYLINE = re.compile(
    r"^By\s+((?:[A-Z][\w'’.-]*|and|&|de|del|der|van|von|da|al|bin|le|la)"
    r"(?:[ ,]+(?:[A-Z][\w'’.-]*|and|&|de|del|der|van|von|da|al|bin|le|la)){0,7})$")
_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]{1,24}$")
_SEPARATOR = re.compile(r"^[\W_]{1,10}$")

# DailyMail byline as it survives in scraped text: fields separated by
# " . " (the CNN/DailyMail corpus) or by "|" and line breaks (the site).
_SEP = r"(?:\s*[.|]\s+|\s*\n\s*|\s+\|\s*)"
_NAME = (r"[A-Z][\w'’-]*\.?(?:[ ,]+(?:[A-Z][\w'’-]*\.?|and|&|de|van|von|al|"
         r"bin|da|la|le)){0,6}")
_STAMP = r"\d{1,2}:\d{2}(?:\s*[AP]M)?\s*(?:[A-Z]{2,4})?,?\s+\d{1,2}\w*\s+\w+\s+\d{4}"
_GAP = rf"(?:{_SEP}|\s+)"
_DM_BYLINE = re.compile(
    rf"^By{_GAP}(?P<author>{_NAME}){_SEP}"
    rf"(?:PUBLISHED:{_GAP}(?P<published>{_STAMP}){_SEP}(?:\|{_SEP})?)?"
    rf"(?:UPDATED:{_GAP}(?P<updated>{_STAMP}){_SEP})?"
    rf"(?:Last updated at\s+(?P<last>\d{{1,2}}:\d{{2}}\s*[AP]M\s+on\s+"
    rf"\d{{1,2}}\w*\s+\w+\s+\d{{4}}){_SEP})?")


@dataclass
class Finding:
    """What one chrome line means: a metadata key and value, and how sure."""

    key: str
    value: str
    strength: Strength = "strong"
    extra: dict[str, str] = field(default_factory=dict)  # more keys (a block's lines)


@dataclass
class EdgeSplit:
    """Result of :func:`strip_edges`: how many lines each edge loses."""

    top: int = 0
    bottom: int = 0
    metadata: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------
# One line
# --------------------------------------------------------------------------


@cache
def _is_code(code: str) -> bool:
    """True if ``code`` is an ISO 639-1 language or ISO 3166 country code.

    Three letters: an ISO 3166 alpha-3 code, or the ISO 639-3 code of a
    language that has an ISO 639-1 code.
    """
    return code.lower() in iso_codes()


@cache
def iso_codes() -> frozenset[str]:
    """The codes :func:`_is_code` accepts, lower case, as pycountry's lookups find them.

    Loading pycountry's 7,900 languages costs a fresh process 0.02 s and
    7 MB, so the codes are read from its data files directly (as its
    ``get`` indexes them: lower case, the last entry of a code winning; a
    test compares every code with pycountry's own lookups) and kept in
    briefing's cache folder, under the size and modification time of those
    files.
    """
    import json
    import os

    import pycountry

    from briefing import cache

    files = (pycountry.__file__ or "", pycountry.languages.filename, pycountry.countries.filename)
    try:
        stamps = [(os.path.abspath(f), os.stat(f).st_size, os.stat(f).st_mtime_ns) for f in files]
    except OSError:
        stamps = []  # not plain files: no cache
    name = cache.entry_name("iso-codes", *stamps) + ".json"
    data = cache.read("data", name) if stamps else None
    if data is not None:
        try:
            return frozenset(str(code) for code in json.loads(data)["codes"])
        except (ValueError, KeyError, TypeError):
            pass
    def entries(database: Any) -> list[dict[str, str]]:
        with open(database.filename, encoding="utf-8") as handle:
            found: list[dict[str, str]] = json.load(handle)[database.root_key]
        return found

    languages, countries = entries(pycountry.languages), entries(pycountry.countries)
    codes = {entry[key].lower() for entry in countries for key in ("alpha_2", "alpha_3") if key in entry}
    codes |= {entry["alpha_2"].lower() for entry in languages if "alpha_2" in entry}
    by_alpha_3 = {entry["alpha_3"].lower(): entry for entry in languages if "alpha_3" in entry}
    codes |= {code for code, entry in by_alpha_3.items() if "alpha_2" in entry}
    if stamps:
        cache.write("data", name, json.dumps({"codes": sorted(codes)}).encode("utf-8"))
    return frozenset(codes)


def is_sentence(line: str) -> bool:
    """True for a line of four words or more that ends like a sentence."""
    return len(line.split()) >= 4 and line.rstrip("\"'”’)»")[-1:] in _TERMINAL


def iso_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601 (``YYYY-MM-DD``), or None."""
    if m := _ISO_DATE.search(text):
        return m.group(0)
    if m := _DAY_MONTH_YEAR.search(text):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := _MONTH_DAY_YEAR.search(text):
        month, day, year = m.group(1), m.group(2), m.group(3)
    elif m := _NUMERIC_DATE.search(text):
        # "10.04.2026" is day first; "04/10/2026" month first (US) unless
        # the first number cannot be a month.
        first, second, year = int(m.group(1)), int(m.group(2)), m.group(3)
        day, mon = (first, second) if "." in m.group(0) or first > 12 else (second, first)
        if not (1 <= mon <= 12 and 1 <= day <= 31):
            return None
        return f"{year}-{mon:02d}-{day:02d}"
    else:
        return None
    number = _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        number = next(v for k, v in _MONTHS.items() if k.startswith(month.lower()[:3]))
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{number:02d}-{int(day):02d}"


def _date_line(line: str) -> Finding | None:
    """A line that is only a date (and time), maybe with a one-word label."""
    if iso_date(line) is None:
        return None
    rest = _TIME.sub(" ", line)
    for pattern in (_ISO_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC_DATE):
        rest = pattern.sub(" ", rest)
    words = re.findall(r"[^\W\d_]+", rest)
    if len(words) > 2:
        return None
    key = "updated" if re.search(r"updat|yenil|güncel|обнов|onovl", line, re.I) else "published"
    return Finding(key, " ".join(line.split()))


def classify(line: str) -> Finding | None:
    """Say what ``line`` means if it looks like site chrome, else None.

    "strong" findings (codes, counters, domains, count badges, bylines, dates,
    UI controls) are chrome on their own at an edge; a "weak" finding (one bare
    word such as "Seçilən") only counts inside a run of chrome lines.
    """
    text = line.strip()
    if not text or len(text) > 80 or is_sentence(text):
        return None
    if _SEPARATOR.match(text):
        return Finding("", "")
    if _CODES.match(text):
        codes = re.findall(r"[A-Z]{2,3}", text)
        if all(_is_code(c) for c in codes):
            if len(codes) == 1:
                return Finding("edition", codes[0])
            return Finding("editions", " ".join(codes))
    if _COUNTER.match(text):
        return Finding("counters", text)
    if m := _DOMAIN.match(text):
        host = m.group(1).lower()
        if re.search(r"[a-z]", host.split(".")[0]):
            return Finding("site", host.removeprefix("www.").removeprefix("www1."))
    if m := _GLUED_COUNT.match(text):
        number, noun = m.group(1), m.group(2).casefold()
        for key, prefixes in _COUNT_NOUNS.items():
            if noun.startswith(prefixes):
                return Finding(key, number)
        if not text[len(number):len(number) + 1].isspace():  # glued: a badge
            return Finding("counts", text)
    if m := _BYLINE.match(text):
        return Finding("author", m.group(1).strip(" ,"))
    if found := _date_line(text):
        return found
    words = re.findall(r"[\w-]+", text.casefold())
    if words and len(words) <= 5 and text[-1:] not in _TERMINAL \
            and words[0] in _UI_VERBS and all(w in _UI_VERBS or w in _UI_FILLER
                                             or w.isdigit() for w in words[1:]):
        return Finding("", "")
    if _WORD.match(text):
        return Finding("flags", text, "weak")
    return None


# --------------------------------------------------------------------------
# The edges of a document
# --------------------------------------------------------------------------


def merge(metadata: dict[str, str], finding: Finding) -> None:
    """Add ``finding`` to ``metadata``: lists grow, single values keep the first."""
    for key, value in [(finding.key, finding.value), *finding.extra.items()]:
        _merge_one(metadata, key, value)


def _merge_one(metadata: dict[str, str], key: str, value: str) -> None:
    if not key or not value:
        return
    if key in metadata and key in ("counters",):
        metadata[key] += " " + value
    elif key in metadata and key in ("flags", "counts"):
        metadata[key] += "; " + value
    else:
        metadata.setdefault(key, value)


def strip_edges(lines: Sequence[str],
                found: Sequence[Finding | None] | None = None) -> EdgeSplit:
    """Find the chrome runs at the top and bottom of ``lines``.

    ``lines`` are the non-blank lines (or one-line blocks) of a document in
    order; ``found`` may give the caller's own findings for them (default:
    :func:`classify` of each line).  A run counts when it has a strong
    finding or at least two weak ones; at the top, weak lines next to the body stay (they may be a short
    title or a kicker).  A boilerplate paragraph ("Disclaimer: ...") at the
    very bottom is also set aside.
    """
    split = EdgeSplit()
    if found is None:
        found = [classify(line) for line in lines]

    top = 0
    while top < len(lines) and found[top] is not None:
        top += 1
    while top and _strength(found[top - 1]) == "weak":
        top -= 1
    split.top = top

    bottom = len(lines)
    boilerplate = False
    for k in range(max(top, len(lines) - 3), len(lines)):
        if _BOILERPLATE.match(lines[k]):  # a disclaimer runs to the end
            bottom, boilerplate = k, True
            break
    end = bottom
    while bottom > top and found[bottom - 1] is not None:
        bottom -= 1
    run = [f for f in found[bottom:end] if f is not None]
    if not (boilerplate or len(run) >= 2 or any(f.strength == "strong" for f in run)):
        bottom = end
    split.bottom = len(lines) - bottom

    for finding in [*found[:top], *found[bottom:]]:
        if finding is not None:
            merge(split.metadata, finding)
    return split


def _strength(finding: Finding | None) -> Strength | None:
    return None if finding is None else finding.strength


def loose(text: str) -> str:
    """``text`` for comparison: straight quotes, one space, case-folded."""
    text = text.translate(str.maketrans("‘’‛“”„", "\'\'\'\"\"\""))
    return re.sub(r"\s+", " ", text).strip().casefold()


def title_residue(text: str, title: str) -> str | None:
    """What ``text`` adds after ``title`` if it starts by repeating it.

    Converted pages repeat the title glued to a date ("...QuestionsUpdated
    April 21, 2026") and sometimes lose a superscript ("15th" -> "15"), so the
    match is loose (90% similar); the rest must be short.
    """
    from difflib import SequenceMatcher

    text, title = text.strip(), loose(title)
    if not title or len(text) < 0.8 * len(title):
        return None
    folded = loose(text)
    best, cut = 0.0, 0
    for k in range(max(1, len(title) - 6), min(len(folded), len(title) + 6) + 1):
        ratio = SequenceMatcher(None, title, folded[:k]).ratio()
        if ratio > best:
            best, cut = ratio, k
    rest = text[cut:].strip()
    return rest if best >= 0.9 and len(rest.split()) <= 8 else None


def is_boilerplate(text: str) -> bool:
    """True for a disclaimer/copyright paragraph (only trusted at the bottom)."""
    return bool(_BOILERPLATE.match(text))


def split_byline(text: str) -> tuple[str, str, dict[str, str]] | None:
    """Split a DailyMail-style byline off the start of ``text``.

    ``"By . Jane Roe . PUBLISHED: . 01:15 EST, 30 November 2013 . | .
    UPDATED: . 01:23 EST, 30 November 2013 . Body..."`` gives the byline as
    written, the body after it and ``{"author": "Jane Roe", "published":
    "01:15 EST, 30 November 2013", "updated": ...}``.  None if ``text`` does
    not start with such a byline or nothing would be left after it.
    """
    m = _DM_BYLINE.match(text)
    if not m:
        return None
    rest = text[m.end():].lstrip()
    if not rest:
        return None
    metadata = {"author": m.group("author").strip(" ,.")}
    for key in ("published", "updated"):
        if m.group(key):
            metadata[key] = m.group(key).strip()
    if m.group("last"):
        metadata["updated"] = m.group("last").strip()
    return text[:m.end()].strip(), rest, metadata


# A wire dateline before the first sentence: "LONDON, England (Reuters) -- ",
# "(CNN) -- ", "WASHINGTON — ".  The agency is in parentheses or the place is in
# capitals (then a sentence begins after the dash), and a dash follows.
_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4})\s*)?"
    r"\((?P<agency>[A-Z][\w.]{1,20}(?: [A-Z][\w.]+){0,2})\)\s*(?:--|[—–])\s*(?=\S)"
    r"|^(?P<caps>[A-Z]{3,}(?:[ ,]+[A-Z]{2,}){0,3})\s+(?:--|—)\s+(?=[A-Z“\"‘'])"
)


def split_dateline(text: str) -> tuple[str, str, dict[str, str]] | None:
    """Split a wire dateline off the start of ``text``.

    ``"Canberra, Australia (CNN) -- At first glance..."`` gives the dateline
    as written, the text after it and ``{"dateline": "Canberra, Australia",
    "agency": "CNN"}``.  None without a dateline or when nothing follows it.
    """
    m = _DATELINE.match(text)
    if not m or not text[m.end():].strip():
        return None
    metadata = {}
    place = (m.group("place") or m.group("caps") or "").strip(" ,")
    if place:
        metadata["dateline"] = place
    if m.group("agency"):
        metadata["agency"] = m.group("agency")
    return text[:m.end()].strip(), text[m.end():], metadata


def apply_metadata(doc: Document, metadata: dict[str, str]) -> None:
    """Copy chrome ``metadata`` into ``doc``: fields first found win."""
    for key, value in metadata.items():
        if key in doc.metadata and key == "counters":
            doc.metadata[key] += " " + value
        else:
            doc.metadata.setdefault(key, value)
    if doc.site is None and "site" in metadata:
        doc.site = metadata["site"]
    if doc.author is None and "author" in metadata:
        doc.author = metadata["author"]
    if doc.date is None:
        for key in ("date", "published", "updated"):
            if key in metadata and (iso := iso_date(metadata[key])):
                doc.date = iso
                break
