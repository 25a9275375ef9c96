"""What a batch worker does once, before its first brief.

Importing the heavy libraries is not all a first brief pays for: it also
loads the language model, compiles the templates, parses the fonts and
teaches the PDF writer how long a brief runs (``writers.pdf.onepass``).
Measured on the news set: the first two briefs of a fresh process take
1.8 s and 1.5 s, later ones about 0.4 s.

:func:`warm_up` does all of that with one small brief made in memory and
thrown away.  With the forkserver start method it runs once, in the server
(importing :mod:`briefing.batch._preload` calls it), and every worker is
forked from a warm process; with fork it runs in each worker's initializer,
and on a Dask cluster once per worker.
"""

from __future__ import annotations

#: Imported first (about a second of imports).
MODULES = (
    "briefing.pipeline",
    "briefing.readers.text",
    "briefing.readers.markdown",
    "briefing.analysis.segment",
    "briefing.analysis.summary",
    "briefing.compose",
    "briefing.charts.kinds",
    "briefing.charts.timeline",
    "briefing.writers.pdf",
    "z3c.rml.document",
    "reportlab.pdfgen.canvas",
    "reportlab.graphics.shapes",
)

_done = False


def warm_up() -> None:
    """Import the heavy modules and make one brief in memory, once per process (never raises)."""
    import importlib

    global _done  # once per process
    if _done:
        return
    _done = True

    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - a broken install: the first job will say why
            return
    try:
        from briefing import pipeline
        from briefing.resources import data_path

        # A short news story: actors, dates and amounts enough for the usual charts.
        pipeline.render(pipeline.brief_from([str(data_path("warm-up.txt"))], date="2024-03-21"))
    except Exception:  # warming is an optimisation; real jobs report their own errors
        pass
