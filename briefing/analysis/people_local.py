"""People named in Azerbaijani, Turkish, Russian, Ukrainian, Kazakh, Georgian and Armenian text.

The English rules look for "President", "said" and the like.  Here a title of
the document's language ("Prezidenti", "Cumhurbaşkanı", "президента") followed
by one to three capitalised words that name no known actor marks a person; in
Russian and Ukrainian a few lowercase words or a country may come between
("министр иностранных дел России Сергей Лавров").  Later mentions of the
surname with the language's endings ("Putinin", "Putin'in", "Путина") are the
same person.  A person goes by the shortest full form seen, which in these
languages is usually the nominative ("Владимир Путин", not "Владимира Путина").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from briefing.analysis.actors_local import LANGUAGES, WORD, bare, ending_re, fold, local_actors, stems_of
from briefing.analysis.organisations import institution_word

__all__ = ["Person", "find_people"]

_TITLES = {
    "az": ("prezident baş nazir nazir kansler katib sədr səfir spiker rəhbər müavin komissar deputat general "
           "sözçü nümayəndə direktor müdir kral şah cənab xanım"),
    "tr": ("cumhurbaşkan başbakan bakan şansölye sekreter başkan büyükelçi sözcü lider general milletvekili "
           "müdür komiser kral"),
    "ru": ("президент премьер министр канцлер госсекретарь секретарь председатель посол глава спикер генсек "
           "депутат сенатор генерал лидер король директор господин госпожа"),
    "uk": "президент прем'єр міністр канцлер держсекретар секретар голова посол речник генерал лідер директор",
    "kk": "президент премьер министр канцлер хатшы төраға елші",
    "ka": "პრეზიდენტ პრემიერ მინისტრ კანცლერ მდივან თავმჯდომარე ელჩ",
    "hy": "նախագահ վարչապետ նախարար կանցլեր քարտուղար դեսպան",
}
# Verbs of speech: two or three capitalised words just before one ("Грег Кларк
# заявил", "Greg Clark dedi") or just after ("говорит Марвин Кук") name a person.
_SPEECH = {
    "az": "dedi deyib bildirib bildirdi söylədi söyləyib vurğulayıb vurğuladı qeyd",
    "tr": "dedi söyledi açıkladı belirtti vurguladı kaydetti",
    "ru": ("заявил заявила сказал сказала отметил отметила сообщил сообщила подчеркнул подчеркнула добавил "
           "добавила пояснил пояснила говорит считает признал признала"),
    "uk": "заявив заявила сказав сказала зазначив зазначила повідомив повідомила говорить додав додала",
}
_SPEECH_BEFORE = {"ru": "говорит сказал сказала заявил заявила отметил отметила", "uk": "говорить сказав сказала"}
_BETWEEN = {"ru": 4, "uk": 4}  # words that may stand between a title and the name
_TITLE_TAIL = 4  # letters a title may carry ("Prezidenti", "Bakanı", "президентом")


class Person(NamedTuple):
    """A person named in one of the texts: the name, where it is, and which text."""

    name: str  # shortest full form seen
    start: int
    end: int
    text: int  # which text


@cache
def _titles(language: str) -> tuple[str, ...]:
    return tuple(_TITLES.get(language, "").split())


def _is_title(word: str, language: str) -> bool:
    lower = fold(bare(word, language), language)
    return any(lower.startswith(t) and len(lower) - len(t) <= _TITLE_TAIL for t in _titles(language))


class _Name(NamedTuple):
    text: int
    start: int
    end: int
    tokens: tuple[str, ...]


def _spoken(texts: Sequence[str], words: list[list[re.Match[str]]], language: str,
            name_word: Callable[[str], bool], strict: Callable[[str], bool]) -> list[_Name]:
    """Names of two or three words right before a verb of speech, or right after one that opens a clause.

    The words are capitalised (``name_word``); the first must also name no
    known actor (``strict``): "России Сергей Лавров заявил" is Сергей Лавров.
    """
    after = frozenset(_SPEECH.get(language, "").split())
    before = frozenset(_SPEECH_BEFORE.get(language, "").split())
    found: list[_Name] = []
    for t, ws in enumerate(words):
        for i, w in enumerate(ws):
            verb = fold(w.group(), language)
            run = _run_back(texts[t], ws, i, name_word) if verb in after else []
            if not 2 <= len(run) <= 3 and verb in before:
                run = _run_on(texts[t], ws, i, name_word)
            while run and not strict(run[0].group()):
                run = run[1:]
            if 2 <= len(run) <= 3:
                found.append(_Name(t, run[0].start(), run[-1].end(), tuple(bare(m.group(), language) for m in run)))
    return found


def _run_back(text: str, ws: list[re.Match[str]], i: int, name_word: Callable[[str], bool]) -> list[re.Match[str]]:
    run: list[re.Match[str]] = []
    j = i - 1
    while j >= 0 and len(run) < 4 and name_word(ws[j].group()) and text[ws[j].end():(run or [ws[i]])[0].start()] in (
            " ", ", ", "\u00a0"):
        run.insert(0, ws[j])
        j -= 1
    return run


def _run_on(text: str, ws: list[re.Match[str]], i: int, name_word: Callable[[str], bool]) -> list[re.Match[str]]:
    run: list[re.Match[str]] = []
    j = i + 1
    while j < len(ws) and len(run) < 4 and name_word(ws[j].group()) and text[(run or [ws[i]])[-1].end():
                                                                               ws[j].start()] in (
            " ", "\u00a0"):
        run.append(ws[j])
        j += 1
    return run


def find_people(texts: Sequence[str], language: str) -> list[Person]:
    """People in ``texts`` (the sentences of one document), each mention once."""
    if language not in LANGUAGES or not _titles(language):
        return []
    known = local_actors(language)
    vocabulary = known.vocabulary if known else frozenset()
    words = [list(WORD.finditer(text)) for text in texts]

    def actor(word: str) -> bool:
        return bool(stems_of(word, language, vocabulary))

    def name_word(word: str) -> bool:
        written = bare(word, language)
        return written[:1].isupper() and not written.isupper() and not actor(word) and not _is_title(word, language)

    named: list[_Name] = []
    for t, ws in enumerate(words):
        for i, w in enumerate(ws):
            if not _is_title(w.group(), language):
                continue
            j = i + 1
            skipped = 0
            while (j < len(ws) and skipped < _BETWEEN.get(language, 0)
                   and (ws[j].group()[:1].islower() or actor(ws[j].group()))):
                j, skipped = j + 1, skipped + 1
            run: list[re.Match[str]] = []
            while j < len(ws) and len(run) < 3 and name_word(ws[j].group()):
                if run and not texts[t][run[-1].end():ws[j].start()].isspace():
                    break
                run.append(ws[j])
                j += 1
            if run:
                named.append(_Name(t, run[0].start(), run[-1].end(), tuple(bare(m.group(), language) for m in run)))
    def loose(word: str) -> bool:  # a surname may also name a place ("Кук", the Cook Islands)
        written = bare(word, language)
        return written[:1].isupper() and not written.isupper() and not _is_title(word, language)

    named.extend(_spoken(texts, words, language, loose, name_word))
    full = [n for n in named if len(n.tokens) > 1]
    single = [n for n in named if len(n.tokens) == 1 and len(n.tokens[0]) > 3]  # "лидер Трамп"
    if not full and not single:
        return []
    endings = ending_re(language)

    def same(form: str, base: str) -> bool:
        """``form`` is ``base`` with the language's endings (or ``base`` without its own)."""
        a, b = fold(form, language), fold(base, language)
        for stem in {b, b[:-1] if len(b) > 4 else b, b[:-2] if len(b) > 5 else b}:
            if a.startswith(stem) and endings.fullmatch(a, len(stem)):
                return True
        return False

    people: list[tuple[str, ...]] = []  # canonical token tuples
    for n in sorted(full, key=lambda n: (sum(map(len, n.tokens)), n.tokens)):
        if not any(len(p) == len(n.tokens) and all(same(x, y) for x, y in zip(n.tokens, p, strict=True))
                   for p in people):
            people.append(n.tokens)
    # A surname after a title, never written in full, and named again ("лидер Трамп", "Трампа"); not an
    # office ("Prezident Administrasiyası").
    every = [bare(w.group(), language) for ws in words for w in ws]
    for n in sorted(single, key=lambda n: (len(n.tokens[0]), n.tokens)):
        word = n.tokens[0]
        if any(same(word, p[-1]) or same(p[-1], word) for p in people) or institution_word(word, language):
            continue
        if sum(same(w, word) for w in every if w[:1] == word[:1]) >= 2:
            people.append(n.tokens)
    surnames = {p[-1]: p for p in people}
    seen: dict[tuple[str, ...], list[set[str]]] = {p: [{t} for t in p] for p in people}
    raw: list[tuple[int, int, int, tuple[str, ...], tuple[str, ...]]] = []
    for t, ws in enumerate(words):
        i = 0
        while i < len(ws):
            word = ws[i].group()
            match = next((p for s, p in surnames.items() if loose(word) and same(bare(word, language), s)), None)
            if match is None:
                i += 1
                continue
            start = i
            while start > i - (len(match) - 1) and start > 0 and same(bare(ws[start - 1].group(), language),
                                                                     match[len(match) - 1 - (i - start + 1)]):
                start -= 1
            forms = tuple(bare(m.group(), language) for m in ws[start : i + 1])
            for k, form in enumerate(forms, start=len(match) - len(forms)):
                seen[match][k].add(form)
            raw.append((t, ws[start].start(), ws[i].end(), match, forms))
            i += 1
    # Each word of a name as its shortest form seen: "Путин" rather than "Путина".
    shown = {p: " ".join(min(forms, key=lambda f: (len(f), f)) for forms in seen[p]) for p in people}
    return [Person(shown[match], start, end, t) for t, start, end, match, _forms in raw]
