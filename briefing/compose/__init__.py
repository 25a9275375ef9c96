"""Documents + analysis → Brief.

This is the one place that knows both models: it walks the Documents, asks
the analysis modules for themes, scores, actors, dates and figures, and fills
a :class:`~briefing.model.Brief` whose every statement points back to a
source paragraph.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from briefing._version import __version__
from briefing.analysis.ranking import DEFAULT_WEIGHTS, boilerplate_factors, points_back, rank, select
from briefing.analysis.themes import LONG_REPORT_WORDS
from briefing.compose import facts
from briefing.compose.budget import BUDGETS
from briefing.compose.chartspecs import charts_for
from briefing.compose.outlook import as_of, bottom_line_first, events, own_findings, recency, watch_items
from briefing.compose.series import figure_charts
from briefing.compose.standalone import Standalone, attributed, stand_alone
from briefing.compose.units import Unit, corroborating, repeats, representatives, support, themes_and_units
from briefing.errors import InputError
from briefing.model import Brief, Document, Point, Provenance, Theme

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from briefing.analysis.names import Mention

__all__ = ["compose", "charts_for"]

MIN_POINTS = 2
READ_ALONE_WORDS = 60  # a takeaway, lead or watch item longer than this is a paragraph, not a statement
MIN_TAKEAWAYS = 4  # the bottom line and its main supports; the budget says how many at most
EVENT_WEIGHT = 0.3  # added to a takeaway's score for a decisive act reported as done (outlook.events)
RECENT_WEIGHT = 0.5  # added to a takeaway's score for an event of the last months (outlook.recency)
# A brief's points are read one by one, out of context: a sentence that opens
# by pointing back ("Thus, …", "These projects …") costs more than in a summary.
BRIEF_WEIGHTS = replace(DEFAULT_WEIGHTS, anaphoric=0.6)

def compose(documents: list[Document], *, date: str | None = None, length: str = "standard") -> Brief:
    """Analyse ``documents`` and build the Brief.

    ``date`` is the brief's own date (ISO); the first source's date is used
    when it is not given.  ``length`` is one of :data:`~briefing.compose.budget.BUDGETS`.
    """
    budget = BUDGETS[length]
    import numpy as np

    if not documents:
        raise InputError("no documents to brief")
    language = documents[0].language or "en"
    themes, units = themes_and_units(documents, language)
    if not units:
        names = ", ".join(d.path for d in documents)
        raise InputError(f"{names}: no sentences to brief (only headings or tables)")
    seen: dict[int, int] = defaultdict(int)
    openings = []
    for unit in units:
        openings.append(seen[unit.source])
        seen[unit.source] += 1
    ranking = rank([u.text for u in units], positions=[u.position for u in units], openings=openings,
                   language=language, weights=BRIEF_WEIGHTS)
    # Reports (documents with headings) put their point in the introduction,
    # the first paragraph of each section and the conclusion, not only first.
    bonus, factor, summary_like = _structure_prior(documents, units, themes)
    ranking.scores[:] = (ranking.scores + bonus) * factor
    # A statement that several sources carry matters more.
    carried = support(ranking, units, len(documents))
    ranking.scores[:] = ranking.scores * (1 + 0.2 * (carried - 1))

    named = facts.mentions(documents, units)
    alone = standalone_units(units, named, language)

    # An analysis or opinion piece speaks for its outlet: a judgement in it is said in the outlet's name.
    voices = [(d.site or d.author or "") if _OPINION.search((d.label or "").casefold()) else "" for d in documents]

    def point(i: int, read_alone: bool = False) -> Point:
        refs = [units[j].ref for j in corroborating(ranking, units, i)]
        version = alone[i]
        text, edits = units[i].text, []
        if read_alone and version is not None and version.edit:
            text, edits = version.text, [version.edit]
        judged = attributed(text, voices[units[i].source - 1], language) if read_alone else None
        if judged is not None:
            text, edits = judged[0], [*edits, judged[1]]
        if edits:
            return Point(text=text, refs=refs, original=units[i].text, edit="; ".join(edits))
        return Point(text=text, refs=refs)

    # A statement several sources carry is one candidate: the best-scored
    # wording stands for the others, which become its extra references.
    eligible = representatives(ranking, units)
    eligible_set = set(eligible)
    # What is read alone (takeaways, leads, watch items) must stand alone.
    readable = [i for i in eligible if (version := alone[i]) is not None
                and len(version.text.split()) <= READ_ALONE_WORDS]

    # Key takeaways: the best sentences across the documents, spread out.
    n_take = min(budget.takeaways, max(MIN_TAKEAWAYS, len(units) // 12))
    # In a report, the takeaways are the summary a reader expects: drawn from
    # the introduction and the conclusion when they have enough to say.
    # A takeaway is a finding, never a definition ("… is authorized in Section 203 of the Stafford Act").
    findings = [i for i in readable if not _DEFINITION.search(units[i].text)]
    if len(findings) >= 2 * n_take:
        readable_takeaways = findings
    else:
        readable_takeaways = readable
    boxed = [i for i in readable_takeaways if summary_like[i]]
    # A sentence that pointed back but reads alone once edited ("However, …" dropped, the sentence
    # before it taken along) is ranked for what it says, without the pointer's penalty.
    takeaway_scores = ranking.scores.copy()
    for i in readable:
        version = alone[i]
        if version is not None and version.edit and points_back(units[i].text, language):
            takeaway_scores[i] /= BRIEF_WEIGHTS.anaphoric
    # A report's news is its latest development: recent events weigh more as takeaways.
    takeaway_scores += RECENT_WEIGHT * np.asarray(recency(units, documents))
    happened = events(units, language)
    takeaway_scores += EVENT_WEIGHT * np.asarray(happened)
    takeaway_idx = select(replace(ranking, scores=takeaway_scores), n_take,
                          candidates=boxed if len(boxed) >= 2 * n_take else readable_takeaways or eligible,
                          diversity=0.45, caps=_spread(units, len(documents), n_take))
    # The lede: a document's first sentence that reads alone and is no boilerplate ("This Insight provides…").
    ledes = [next((i for i in readable_takeaways if units[i].source == s and factor[i] == 1.0), None)
             for s in range(1, len(documents) + 1)]
    own = own_findings(units, readable_takeaways, summary_like)
    takeaway_idx = bottom_line_first(takeaway_idx, own, units, takeaway_scores, language,
                                     lede=_news_lede(documents[0], ledes[0], happened, any(summary_like))
                                     if len(documents) == 1 else None,
                                     title=documents[0].title)
    # A statement that took the sentence before it along must not repeat a takeaway.
    takeaway_idx = [i for i in takeaway_idx if not (_took_along(alone[i]) and i - 1 in takeaway_idx)]
    takeaways = [point(i, read_alone=True) for i in takeaway_idx]
    said = set(takeaway_idx) | {i - 1 for i in takeaway_idx if _took_along(alone[i])}  # what the takeaways say

    # Theme points: the best sentences of each theme, avoiding the takeaways
    # when the theme has enough else to say, and never repeating a sentence
    # that another theme already carries (documents repeat their summary,
    # sources repeat each other).
    by_theme: dict[int, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        if i in eligible_set:
            by_theme[unit.theme].append(i)
    placed: list[int] = list(takeaway_idx)
    leads: set[int] = set()
    theme_points: dict[int, list[int]] = {}
    for t_index, theme in enumerate(themes):
        fresh = [i for i in by_theme[t_index] if i in takeaway_idx or not repeats(ranking, i, placed)]
        members = fresh or by_theme[t_index]
        most = budget.intro_points if any(summary_like[i] for i in by_theme[t_index]) else budget.points
        want = min(most, max(MIN_POINTS, round(len(by_theme[t_index]) / 4)))
        spare = [i for i in members if i not in takeaway_idx]
        exclude = takeaway_idx if len(spare) >= want else []
        chosen = select(ranking, want, candidates=members, exclude=exclude)
        placed.extend(chosen)
        lead = _lead([i for i in chosen if alone[i] is not None and i not in said
                      and not (_took_along(alone[i]) and (i - 1 in said or i - 1 in leads))],
                     ranking.scores, units, language)
        theme.lead = point(lead, read_alone=True) if lead is not None else None
        leads |= {lead} if lead is not None else set()
        theme_points[t_index] = [i for i in chosen if i != lead]

    actors = facts.actors(units, themes, named)
    # A theme's actors are those it names; the ones every theme names say
    # nothing about any one of them (when there are several themes).
    everywhere = {a.name for a in actors if len(themes) >= 3 and all(a.mentions.get(t.id) for t in themes)}
    for theme in themes:
        ranked = sorted(actors, key=lambda a: (-a.mentions.get(theme.id, 0), a.name))
        theme.actors = [
            a.name for a in ranked if a.kind != "place" and a.mentions.get(theme.id) and a.name not in everywhere
        ][:4]

    scores = ranking.scores
    timeline = facts.timeline(documents, units, named, scores, most=budget.events)
    figures = facts.figures(units, scores, most=budget.figures)
    # What to watch may take a theme's point that looks ahead (it then leaves the
    # theme: each thing is said once), never what a takeaway or a lead says.
    outlook_idx = watch_items(documents, units, themes, readable, said | leads, scores, language, most=budget.watch)
    for t_index, theme in enumerate(themes):
        theme.points = [point(i) for i in theme_points[t_index] if i not in outlook_idx]
    brief_date = date or documents[0].date
    outlook = [point(i, read_alone=True).model_copy(update={"as_of": as_of(units[i], documents, brief_date)})
               for i in outlook_idx]

    # More themes than the budget holds, in a text long enough to overflow it: the least telling go (their best
    # sentence scores lowest).  A short document keeps every section: they fit.
    room = budget.themes + (2 if len(documents) > 1 else 0)
    if sum(d.word_count for d in documents) < LONG_REPORT_WORDS and length != "short":
        room = len(themes)
    best = {t: max((float(scores[i]) for i in by_theme[t]), default=0.0) for t in range(len(themes))}
    kept = sorted(sorted(range(len(themes)), key=lambda t: (-best[t], t))[:room])
    themes = [themes[t] for t in kept]
    shown = {t.id for t in themes}
    for actor in actors:
        actor.mentions = {k: v for k, v in actor.mentions.items() if k in shown}
    actors = sorted((a for a in actors if a.mentions), key=lambda a: (-a.total, a.name))

    title, subtitle, label = _title(documents)
    brief = Brief(
        title=title,
        subtitle=subtitle,
        label=label,
        date=date or documents[0].date,
        language=documents[0].language,
        sources=[],
        takeaways=takeaways,
        themes=themes,
        actors=actors[:budget.actors],
        timeline=timeline,
        figures=figures,
        outlook=outlook,
        provenance=Provenance(version=__version__, inputs=[d.sha256 for d in documents]),
    )
    brief.sources = facts.sources(documents, brief)
    brief.notes = [
        f"{doc.path}: {warning}" if len(documents) > 1 else warning[:1].upper() + warning[1:]
        for doc in documents
        for warning in doc.warnings
    ]
    brief.charts = ((charts_for(brief) if budget.charts == "all" else [])
                    + figure_charts(units, scores, language, many_sources=len(documents) > 1))[:budget.most_charts]
    return brief


# Definitions and authorities: what a term means or which law allows it, not what the document finds.
_DEFINITION = re.compile(
    r"\b(?:is|are|was|were) (?:defined (?:as|in|by)|authorized (?:in|under|by)|established (?:in|under|by)|"
    r"codified (?:at|in))\b|\brefers? to\b|\bis (?:a|an|the) (?:term|type|kind|form) (?:of|for)\b|"
    r"\b(?:is|are) generally understood\b", re.IGNORECASE)
LEAD_WORDS = 40
# Genre labels of pieces that argue rather than report (in the languages of the labels the readers find).
_OPINION = re.compile(r"analysis|opinion|comment|op-ed|editorial|column|essay|perspective|viewpoint|"
                      r"təhlil|analiz|rəy|şərh|görüş|yorum|köşe|анализ|аналитика|мнение|колонка|комментарий")
INTRO_BONUS = 0.3  # a sentence of a report's introduction (the text before the first heading, "Introduction")
OPENER_BONUS = 0.15  # a sentence of the first paragraph after a heading
CLOSING_BONUS = 0.15  # a sentence of a conclusion
REPORT_WORDS = 1500  # a document with headings and at least this many words reads as a report
_INTRO = re.compile(r"^(?:\d+[.)]?\s*)?(?:introduction|overview|summary|context)\b", re.IGNORECASE)
_CLOSING = re.compile(r"^(?:\d+[.)]?\s*)?(?:conclusions?|concluding|summary and conclusions?|outlook|"
                      r"(?:policy |legislative )?(?:issues|options|considerations) for congress)\b", re.IGNORECASE)


def _structure_prior(documents: list[Document], units: list[Unit],
                     themes: list[Theme]) -> tuple[np.ndarray, np.ndarray, list[bool]]:
    """Additive bonus, multiplicative factor and "summary-like" flag per unit.

    A long document with headings (a report) states its point in the
    introduction, repeats it in the conclusion and opens each section with
    the section's point; the bonus says so.  News (no headings) keeps the
    ranking's own lede prior.  Boilerplate sentences are damped everywhere.
    """
    import numpy as np

    bonus = np.zeros(len(units))
    factor = boilerplate_factors([u.text for u in units])
    summary_like = [False] * len(units)
    reports: set[int] = set()
    openers: set[tuple[int, int]] = set()
    for source, doc in enumerate(documents, start=1):
        blocks = doc.blocks
        if sum(b.kind == "heading" for b in blocks) < 2 or sum(len(b.text.split()) for b in blocks) < REPORT_WORDS:
            continue
        reports.add(source)
        after_heading = True
        for block in blocks:
            if block.kind == "heading":
                after_heading = True
            elif block.kind != "table":
                if after_heading and block.number is not None:
                    openers.add((source, block.number))
                after_heading = False
    for i, unit in enumerate(units):
        if unit.source not in reports:
            continue
        theme = themes[unit.theme]
        intro = theme.kind == "context" or bool(_INTRO.match(theme.label))
        closing = bool(_CLOSING.match(theme.label))
        bonus[i] = (INTRO_BONUS * intro + CLOSING_BONUS * closing
                    + OPENER_BONUS * ((unit.source, unit.paragraph) in openers))
        summary_like[i] = (intro or closing) and factor[i] == 1.0
    return bonus, factor, summary_like


def _lead(chosen: list[int], scores: np.ndarray, units: list[Unit], language: str = "en") -> int | None:
    """The theme's lead: its best-scored point that reads as one line or two.

    The lead opens the section, so it is taken out of the bullets; a theme
    whose points are all long gets no lead rather than a paragraph in bold.
    It is read first, so a point that opens by pointing back ("Thus, the
    visit…") is a lead only when no other point is short enough.
    """
    short = [i for i in chosen if len(units[i].text.split()) <= LEAD_WORDS]
    if not short:
        return None
    standalone = [i for i in short if not points_back(units[i].text, language)]
    return max(standalone or short, key=lambda i: (float(scores[i]), -i))


def _title(documents: list[Document]) -> tuple[str, str | None, str | None]:
    """The brief's title: the document's own; of several, the title of the one that carries most of the story.

    Never a list of theme labels ("X, Y and 1 more"): a document's title is written to name its story, and the
    longest document is the one the brief draws on most.
    """
    first = documents[0]
    if len(documents) == 1:
        return first.title, first.subtitle, first.label
    main = max(documents, key=lambda d: (d.word_count, -documents.index(d)))
    return main.title, None, None


def _news_lede(document: Document, lede: int | None, happened: list[bool], report: bool) -> int | None:
    """The lede, when it carries news: an analysis or opinion piece opens with its setup, not its point.

    A report's first sentence is its occasion only when it tells of an act ("On March 6 the court ordered …");
    "Methane is the second-most-prevalent greenhouse gas" is background.
    """
    label = (document.label or "").casefold()
    if lede is None or _OPINION.search(label) or (report and not happened[lede]):
        return None
    return lede


def _spread(units: list[Unit], sources: int, count: int) -> list[tuple[list[tuple[int, int] | int], int]]:
    """Caps that spread the takeaways: two at most from one paragraph; of several sources, no one gives most.

    A paragraph that holds a third of its source or more (a text that came as one line) is no paragraph to cap.
    """
    per_source = Counter(u.source for u in units)
    per_paragraph = Counter((u.source, u.paragraph) for u in units)
    keys: list[tuple[int, int] | int] = [
        (u.source, u.paragraph) if 3 * per_paragraph[u.source, u.paragraph] < per_source[u.source] else -1 - i
        for i, u in enumerate(units)]
    caps: list[tuple[list[tuple[int, int] | int], int]] = [(keys, 2)]
    if sources > 1:
        caps.append(([u.source for u in units], max(2, -(-count // 2))))
    return caps


def _took_along(version: Standalone | None) -> bool:
    return version is not None and version.previous


def standalone_units(units: list[Unit], named: list[list[Mention]], language: str) -> list[Standalone | None]:
    """Each unit as it reads alone (:func:`~briefing.compose.standalone.stand_alone`), or None."""
    result: list[Standalone | None] = []
    for i, unit in enumerate(units):
        before = units[i - 1] if i and units[i - 1].source == unit.source else None
        previous = before.text if before is not None and before.paragraph == unit.paragraph else None
        people = {m.name for m in named[i - 1] if m.kind == "person"} if before is not None else set()
        result.append(stand_alone(unit.text, previous, next(iter(people)) if len(people) == 1 else None, language))
    return result
