"""Flowables that RML templates pull in with ``<plugInFlowable>``.

z3c.rml calls ``module.function(text)``; the PDF writer puts the prepared
drawings in ``CHARTS`` for the duration of one render, and templates refer to
them by chart id.  Nothing here reads document text.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

CHARTS: ContextVar[dict[str, Any]] = ContextVar("briefing_charts", default={})


def chart(chart_id: str) -> Any:
    """The ReportLab Drawing prepared for ``chart_id``."""
    key = chart_id.strip()
    drawings = CHARTS.get()
    if key not in drawings:
        from briefing.errors import TemplateError

        raise TemplateError(f"template asks for chart '{key}', which this brief does not have")
    return drawings[key]
