"""Which charts the brief's data supports, as ChartSpecs for the writers."""

from __future__ import annotations

from briefing._version import __version__
from briefing.analysis.keyphrases import labels
from briefing.labels import labels as label_set
from briefing.model import Brief, ChartSpec
from briefing.textutil import shorten


def charts_for(brief: Brief, language: str = "en") -> list[ChartSpec]:
    """The charts the brief's data supports: who appears where, and the dated events on a time axis.

    Titles, captions and units are in ``language`` (the template's labels).
    """
    words = label_set(language)
    site = ", ".join(sorted({s.site for s in brief.sources if s.site})) or words["the_sources"]
    note = words["chart_source"].format(site=site, version=__version__)
    # Words per theme (the input's length) and mentions per actor (the actors table again) tell a reader
    # nothing about the subject: neither is drawn.
    charts = [c for c in (_actor_theme(brief, note, words), _timeline(brief, note, words)) if c is not None]
    return charts


def _actor_theme(brief: Brief, note: str, words: dict[str, str]) -> ChartSpec | None:
    """Actor × theme mentions, when at least three actors meet three themes."""
    themes = [t for t in brief.themes if any(a.mentions.get(t.id) for a in brief.actors)]
    actors = [a for a in brief.actors if a.kind != "place" and a.total >= 2][:8]
    if len(themes) < 3 or len(actors) < 3:
        return None
    return ChartSpec(
        id="actor-theme",
        kind="heatmap",
        title=words["who_appears_where"],
        caption=words["who_appears_where_caption"],
        source_note=note,
        labels=[a.name for a in actors],
        series=[shorten(words["context"] if t.kind == "context" else t.label, 32) for t in themes],
        values=[[float(a.mentions.get(t.id, 0)) for t in themes] for a in actors],
        unit=words["unit_mentions"],
    )


TIMELINE_EVENTS = 12


def _timeline(brief: Brief, note: str, words: dict[str, str]) -> ChartSpec | None:
    """The dated events on a time axis, when there are at least three dates."""
    events = list({e.date: e for e in reversed([e for e in brief.timeline if not e.approximate])}.values())[::-1]
    if len(events) < 3:
        return None
    if len(events) > TIMELINE_EVENTS:  # a legible chart: evenly spread dates, first and last kept
        step = (len(events) - 1) / (TIMELINE_EVENTS - 1)
        events = [events[round(i * step)] for i in range(TIMELINE_EVENTS)]
    names = labels([e.text for e in events], brief.language or "en")
    return ChartSpec(
        id="timeline",
        kind="timeline",
        title=words["timeline"],
        caption=words["timeline_caption"],
        source_note=note,
        labels=[e.date for e in events],
        series=names,
    )


# The charts briefing draws itself; a brief file may add charts of its own.
KNOWN = ("theme-coverage", "actor-prominence", "actor-theme", "timeline")


def refresh(brief: Brief, language: str = "en") -> list[ChartSpec]:
    """The brief's charts redrawn from its current data.

    A brief edited by hand keeps the charts it lists, in its order, but their
    data follows the edited themes and actors; a chart the data no longer
    supports is dropped, and charts briefing does not know stay as written.
    """
    fresh = {c.id: c for c in charts_for(brief, language)}
    return [fresh[c.id] if c.id in KNOWN else c for c in brief.charts if c.id in fresh or c.id not in KNOWN]
