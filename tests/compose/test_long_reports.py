"""Long reports: many dated events or themes never make a chart taller than a page."""

from __future__ import annotations

from briefing.compose.chartspecs import TIMELINE_EVENTS, charts_for
from briefing.model import Brief, Event, Point, Reference, Source, Theme
from briefing.writers.pdf import pdf_bytes


def _brief(events: int) -> Brief:
    return Brief(
        title="Fifty years of regulation",
        sources=[Source(title="Report", site="example.org", words=5000, paragraphs=50)],
        takeaways=[Point(text="Congress regulated the market.", refs=[Reference(source=1, paragraph=1)])],
        themes=[Theme(id=f"t{i}", label=f"Theme {i}", words=100 + i, points=[Point(text="A point.")])
                for i in range(3)],
        timeline=[Event(date=str(1950 + i), label=str(1950 + i), text=f"The law of {1950 + i} was passed.",
                        refs=[Reference(source=1, paragraph=1)]) for i in range(events)],
    )


def test_timeline_chart_keeps_first_and_last_of_a_dozen_dates() -> None:
    spec = next(c for c in charts_for(_brief(60)) if c.id == "timeline")
    assert len(spec.labels) == TIMELINE_EVENTS
    assert spec.labels[0] == "1950" and spec.labels[-1] == "2009"
    assert spec.labels == sorted(spec.labels)


def test_a_brief_with_sixty_events_lays_out() -> None:
    assert pdf_bytes(_brief(60)).startswith(b"%PDF")
