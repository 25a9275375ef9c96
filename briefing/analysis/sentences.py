"""Sentence splitting with pysbd, with offsets into the block text.

Which rules a language gets (:func:`rules_for`):

- pysbd's own rules for the languages it knows (English, Russian, Kazakh,
  Armenian, French, German, …);
- Turkish and Azerbaijani: pysbd's standard rules with their abbreviations
  (``Dr.``, ``Prof.``, ``vb.``, ``örn.``, ``və s.``, ``A.Ş.``), ordinal
  numbers (``15. yüzyıl``, ``II. Dünya Savaşı``) and initials with letters
  such as ``Ş.`` (:mod:`briefing.analysis.sentence_rules`);
- Ukrainian: pysbd's Russian rules with Ukrainian abbreviations;
- everything else, Arabic and Persian included (pysbd's own rules for those
  two split at every comma and colon): pysbd's English rules, as generic
  rules.

Outside English, pysbd's output is mended: quoted passages are protected
only where their quotes pair up (one stray ``"`` no longer swallows the
sentences up to the next quote), a closing quote cut off from its sentence
goes back to it, a sentence is cut after a closing quote when the next
starts with a capital letter of any script (pysbd checks only A–Z) or an
opening quote, and in cased scripts a "sentence" starting in lower case
joins the one before (it followed an unknown abbreviation).

Speed: pysbd's ``Segmenter.segment`` finds each sentence in the text again
with a regular expression compiled from the sentence itself, which costs
seconds on long blocks; :func:`split` runs pysbd's processor and finds the
sentences with ``str.find`` instead, to the same result.  A block with no
sentence punctuation before its end does not go through pysbd at all.  A
block longer than 12,000 characters (a flattened table of footnotes, say)
goes through in chunks, since pysbd's time grows with the square of the
length; that is the only case where English results differ from pysbd's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from briefing.model import Document, Sentence

if TYPE_CHECKING:  # pragma: no cover
    import pysbd

# Languages whose pysbd rules are used as they are.
_PYSBD_NATIVE = frozenset({
    "en", "hi", "mr", "zh", "es", "am", "hy", "bg", "ur", "ru", "pl",
    "nl", "da", "fr", "my", "el", "it", "ja", "de", "kk", "sk",
})
# Languages with rules of ours on top of pysbd's (see sentence_rules).
_OWN_RULES = frozenset({"tr", "az", "uk"})
# Scripts without capital letters: any letter may start a sentence.
_CASELESS = frozenset({
    "ar", "fa", "ur", "ps", "he", "ka", "zh", "ja", "ko", "th", "hi", "mr",
    "ne", "bn", "am", "my", "km", "lo", "si", "ta", "te", "kn", "ml", "gu",
    "pa", "or", "dz", "ug", "yi",
})

# pysbd's internal placeholder characters: a text holding one is left to
# pysbd, never to the fast path.
_PYSBD_SYMBOLS = frozenset("∯♬♭ᓰᓱᓳᓴᓷᓸᓹᓺᓻᓼᓽᓾᓿ⎋☉☈☇☄ȸȹ♨☝✂⌬∮")
_TERMINALS = frozenset("。．.！!?？")
_LONG_BLOCK = 12_000  # longer blocks go to pysbd in chunks …
_CHUNK = 3_000  # … of about this many characters
_CHUNK_CUT = re.compile(r"[.!?][\"”’')\]]*\s+(?=[A-Z0-9|\"“(\[])")
_DASH_QUOTE = re.compile(r"-[\"'“”]\s[A-Z]")  # pysbd cuts there too
# Run-on "sentences" (see _run_on): longer than this many words, cut where a sentence
# plainly ends, leaving no piece shorter than _MIN_PART words.
_RUN_ON = 60
_MIN_PART = 4
_INNER_END = re.compile(r"([\w’'-]+)(?:[.!?]|\s\.)([\"”’']*)(\s+)(?=[\"“‘']?[A-Z0-9])")

# After the closing quote of a sentence: where a sentence may still start.
_QUOTE_END = re.compile(r"[.!?…؟。！？][\"”»’']+(\s+)")
_OPENING_QUOTES = "\"“«„‘'‹「"
_CLOSING_QUOTES = "\"”»’'›」"
_ARABIC_QUESTION = re.compile(r"؟(\s+)")


@dataclass(frozen=True)
class _Rules:
    """How one language is split."""

    code: str  # the pysbd language code
    module: Any  # the pysbd language class
    english: bool  # exactly pysbd's English rules: no extra cuts
    caseless: bool
    terminals: frozenset[str]  # what may end a sentence


def has_rules(language: str | None) -> bool:
    """True if ``language`` has sentence rules of its own (not generic ones)."""
    if not language:
        return False
    return language in _OWN_RULES or language in _PYSBD_NATIVE


@cache
def rules_for(language: str) -> _Rules:
    """The splitting rules for the ISO 639-1 code ``language``."""
    if language == "en":
        from pysbd.languages import LANGUAGE_CODES

        module = LANGUAGE_CODES["en"]
        return _Rules("en", module, True, False, _TERMINALS.union(module.Punctuations))
    from briefing.analysis import sentence_rules

    module = sentence_rules.language_module(language)
    return _Rules(module.iso_code, module, False, language in _CASELESS,
                  _TERMINALS.union(module.Punctuations))


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = rules_for(language).module
    return segmenter


def _pieces(segmenter: pysbd.Segmenter, text: str) -> list[str]:
    r"""What ``segmenter.segment(text)`` returns, without its slow search.

    pysbd finds each processed sentence in the text with ``re.finditer`` on
    the escaped sentence followed by ``\s*``, from the start of the text,
    and keeps the first match that ends after the previous one; a sentence
    it cannot find is dropped.  ``str.find`` does the same search.
    """
    processed = _processor(segmenter, text).process()
    pieces = []
    prior_end = 0
    for sentence in processed:
        if not sentence:
            continue
        position = 0
        while True:
            start = text.find(sentence, position)
            if start < 0:
                break
            end = start + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior_end:
                pieces.append(text[start:end])
                prior_end = end
                break
            position = end
    return pieces


def _processor(segmenter: pysbd.Segmenter, text: str) -> Any:
    """A pysbd processor for ``text``; in English, told only the abbreviations ``text`` has.

    pysbd's abbreviation pass runs a regular expression over the text for
    every abbreviation in its list (188 in English) that occurs anywhere in
    it, even inside a word ("al" in "also"), and every replacement it can
    make needs the abbreviation followed by a full stop.  An abbreviation
    whose "abbr." is nowhere in the text changes nothing, so leaving it out
    gives the same sentences, in half the time on a 60-page report.
    """
    module = segmenter.language_module
    if module is not rules_for("en").module:
        return segmenter.processor(text)
    lowered = text.lower()
    present = frozenset(a for a in _english_abbreviations() if a.strip() + "." in lowered)
    from pysbd.processor import Processor

    make = getattr(module, "Processor", Processor)  # what Segmenter.processor picks
    return make(text, _english_with(present), char_span=segmenter.char_span)


# Abbreviations of legislation and law that pysbd's English list lacks: "Pub. L. No. 111-353",
# "S.Rept.", "114 Stat. 1654", "H.Res.", "2d Sess.", "F. Supp.", "2d Cir.".
LEGAL_ABBREVIATIONS = ("pub", "rept", "stat", "res", "cong", "sess", "supp", "cir", "reg", "amdt", "subsec",
                       "para", "paras", "nos", "ct", "cl", "comm", "admin", "div")


@lru_cache(maxsize=1)
def _english_abbreviations() -> tuple[str, ...]:
    """Pysbd's English abbreviations and :data:`LEGAL_ABBREVIATIONS`."""
    module = rules_for("en").module
    listed = list(module.Abbreviation.ABBREVIATIONS)
    return tuple(listed + [a for a in LEGAL_ABBREVIATIONS if a not in listed])


@lru_cache(maxsize=512)
def _english_with(abbreviations: frozenset[str]) -> Any:
    """The English rules of pysbd with only ``abbreviations`` (in pysbd's own order, ours after)."""
    module = rules_for("en").module
    kept = [a for a in _english_abbreviations() if a in abbreviations]
    abbreviation = type("Abbreviation", (module.Abbreviation,), {"ABBREVIATIONS": kept})
    return type(module.__name__, (module,), {"Abbreviation": abbreviation})


def _chunks(text: str) -> list[str]:
    """``text`` in pieces of about :data:`_CHUNK` characters, for pysbd.

    pysbd's list and abbreviation passes each rescan the whole text, so its
    time grows with the square of a block's length: seconds for a flattened
    table of 50,000 characters.  A block longer than :data:`_LONG_BLOCK` is
    cut where a sentence plainly ends (punctuation, a space, then a capital,
    digit, quote or bracket) with brackets and quotes balanced before it, or
    anywhere such after four chunks' length (an unmatched quote).
    """
    chunks: list[str] = []
    start = last = 0
    depth = quotes = curly = 0
    for match in _CHUNK_CUT.finditer(text):
        between = text[last:match.end()]
        depth += sum(between.count(c) for c in "([") - sum(between.count(c) for c in ")]")
        quotes += between.count('"')
        curly += between.count("“") - between.count("”")
        last = match.end()
        length = match.end() - start
        balanced = depth == 0 and quotes % 2 == 0 and curly == 0
        if length >= _CHUNK and (balanced or length >= 4 * _CHUNK):  # or a stray quote
            chunks.append(text[start:match.end()])
            start = match.end()
            depth = quotes = curly = 0
    chunks.append(text[start:])
    return chunks


def _plain(text: str, terminals: frozenset[str]) -> bool:
    """True if pysbd would return ``text`` (stripped) as one sentence.

    That holds when nothing could end a sentence before the last character:
    no sentence punctuation (``terminals``), line break or closing
    parenthesis (pysbd reads ``a)`` as a list item), a letter or digit first
    (a quotation at the start may be cut off), and none of pysbd's own
    placeholder characters.
    """
    body = text[:-1]
    return (text[0].isalnum()
            and not any(c in terminals or c in "\n\r)" for c in body)
            and not _PYSBD_SYMBOLS.intersection(text)
            and not _DASH_QUOTE.search(text))


def _cuts_after_quotes(text: str, caseless: bool) -> list[int]:
    """Offsets in ``text`` where a sentence starts after a closing quote."""
    cuts = []
    for pattern in (_QUOTE_END, _ARABIC_QUESTION):
        for match in pattern.finditer(text):
            start = match.end(1)
            if start >= len(text):
                continue
            first = text[start]
            if (first in _OPENING_QUOTES or first.isupper() or first.isdigit()
                    or (caseless and first.isalpha())):
                cuts.append(start)
    return sorted(set(cuts))


def _recut(sentences: list[Sentence], text: str, caseless: bool) -> list[Sentence]:
    """The cuts pysbd makes, mended for languages other than English.

    A closing quote left at the start of a sentence goes back to the one
    before; in cased scripts a sentence that starts in lower case joins the
    one before (it followed an abbreviation pysbd does not know); then a
    sentence is cut after a closing quote (:func:`_cuts_after_quotes`).
    """
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        start, end = sentence.start, sentence.end
        if (spans and spans[-1][1] == start and text[start] in _CLOSING_QUOTES
                and (start + 1 == end or text[start + 1].isspace())):
            spans[-1] = (spans[-1][0], start + 1)
            start += 1
            while start < end and text[start].isspace():
                start += 1
            if start == end:
                continue
        if not caseless and spans and text[start].islower() and text[spans[-1][1] - 1] == ".":
            start = spans.pop()[0]
        for cut in _cuts_after_quotes(text[start:end], caseless):
            spans.append((start, start + len(text[start:start + cut].rstrip())))
            start += cut
        spans.append((start, end))
    return [Sentence(text=text[a:b], start=a, end=b) for a, b in spans]


def split(text: str, language: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences with character offsets into ``text``."""
    stripped_text = text.strip()
    if not stripped_text:
        return []
    language = language or "en"
    rules = rules_for(language)
    if _plain(stripped_text, rules.terminals):
        start = text.find(stripped_text)
        return [Sentence(text=stripped_text, start=start, end=start + len(stripped_text))]
    sentences: list[Sentence] = []
    cursor = 0
    segmenter = _segmenter(language)
    chunks = _chunks(text) if len(text) > _LONG_BLOCK else [text]
    for piece in (p for chunk in chunks for p in _pieces(segmenter, chunk)):
        stripped = piece.strip()
        if not stripped:
            continue
        start = text.find(stripped, cursor)
        if start < 0:  # pysbd altered the text: fall back to the piece as is
            start = cursor
        end = start + len(stripped)
        sentences.append(Sentence(text=text[start:end], start=start, end=end))
        cursor = end
    if not rules.english:
        sentences = _recut(sentences, text, rules.caseless)
    if not rules.caseless:
        sentences = [part for sentence in sentences for part in _run_on(sentence, text, rules)]
    return _join_citations(sentences, text)


# A citation's abbreviation that a capital follows: "Pub. L. No. 111-353", "Pub. Law 94-142".
_CITATION_CUT = re.compile(r"\bPub\.$")


def _join_citations(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Sentences cut inside a citation ("… Pub." + "L. No. 111-353 …") joined again."""
    joined: list[Sentence] = []
    for sentence in sentences:
        if joined and _CITATION_CUT.search(joined[-1].text) and re.match(r"L(?:aw)?\.?\s", sentence.text):
            start = joined[-1].start
            joined[-1] = Sentence(text=text[start:sentence.end], start=start, end=sentence.end)
        else:
            joined.append(sentence)
    return joined


def _run_on(sentence: Sentence, text: str, rules: _Rules) -> list[Sentence]:
    """A "sentence" of more than :data:`_RUN_ON` words, cut where sentences plainly end.

    pysbd keeps a quotation together, and takes an apostrophe for a quote
    mark.  In news copy, a quote that runs over several paragraphs opens
    each of them and closes only at its end (the DailyMail convention), and
    text like "doesn't … We're" looks quoted.  So whole paragraphs came back
    as one sentence: 33 of 1,532 in the CNN/DM sample, some over 400 words,
    and they became points no reader could use.  Inside such a run, a cut is
    made after ``.!?`` (and any closing quote) before a capital or an opening
    quote, unless the word before is an abbreviation, an initial or holds a
    dot of its own (``U.S.``).
    """
    if len(sentence.text.split()) <= _RUN_ON:
        return [sentence]
    abbreviations = _abbreviations(rules.code)
    parts: list[Sentence] = []
    start = sentence.start
    for match in _INNER_END.finditer(text, sentence.start, sentence.end):
        word = match.group(1)
        end = match.end(2)  # after the closing quotes
        if (word.lower() in abbreviations or len(word) == 1 or "." in word
                or len(text[start:end].split()) < _MIN_PART or len(text[end:sentence.end].split()) < _MIN_PART):
            continue
        parts.append(Sentence(text=text[start:end], start=start, end=end))
        start = match.end()
    parts.append(Sentence(text=text[start:sentence.end], start=start, end=sentence.end))
    return parts


@cache
def _abbreviations(code: str) -> frozenset[str]:
    """The language's abbreviations (pysbd's list, or ours), lower case, without dots."""
    module = rules_for(code).module
    return frozenset(a.strip().lower().rstrip(".") for a in module.Abbreviation.ABBREVIATIONS)


def segment_document(doc: Document) -> Document:
    """Fill ``sentences`` of every non-heading block of ``doc`` (in place)."""
    for block in doc.blocks:
        if block.kind != "heading":
            block.sentences = split(block.text, doc.language)
    return doc
