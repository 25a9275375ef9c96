"""Which charts the brief's data supports, as ChartSpecs for the writers."""

from __future__ import annotations

from briefing import __version__
from briefing.model import Brief, ChartSpec


def charts_for(brief: Brief) -> list[ChartSpec]:
    """The charts the brief's data supports (never a chart of one bar)."""
    charts: list[ChartSpec] = []
    site = ", ".join(sorted({s.site for s in brief.sources if s.site})) or "the sources"
    note = f"Source: {site}; analysis by briefing {__version__}."
    with_words = [t for t in brief.themes if t.words > 0]
    if len(with_words) >= 2:
        charts.append(
            ChartSpec(
                id="theme-coverage",
                kind="bar",
                title="Theme coverage",
                caption="How much of the source text each theme takes up, in words.",
                source_note=note,
                labels=[t.label for t in with_words],
                values=[[float(t.words)] for t in with_words],
                unit="words",
            )
        )
    prominent = [a for a in brief.actors if a.kind != "place" and a.total >= 2][:8]
    if len(prominent) >= 2:
        charts.append(
            ChartSpec(
                id="actor-prominence",
                kind="bar",
                title="Actor prominence",
                caption="Mentions of each actor across the sources, all name forms counted together.",
                source_note=note,
                labels=[a.name for a in prominent],
                values=[[float(a.total)] for a in prominent],
                unit="mentions",
            )
        )
    return charts
