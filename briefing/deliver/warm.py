"""What a batch worker does once, before its first brief.

Importing the heavy libraries is not all a first brief pays for: it also
loads the language model, compiles the templates, parses the fonts and
teaches the PDF writer how long a brief runs (``writers.onepass``).
Measured on the news set: the first two briefs of a fresh process take
1.8 s and 1.5 s, later ones about 0.4 s.

:func:`warm_up` does all of that with one small brief made in memory and
thrown away.  With the forkserver start method it runs once, in the server
(importing :mod:`briefing.deliver._preload` calls it), and every worker is
forked from a warm process; with fork it runs in each worker's initializer,
and on a Dask cluster once per worker.
"""

from __future__ import annotations

#: Imported first (about a second of imports).
MODULES = (
    "briefing.readers.text",
    "briefing.readers.markdown",
    "briefing.analysis.summary",
    "briefing.compose",
    "briefing.charts.kinds",
    "briefing.charts.timeline",
    "briefing.writers.pdf",
    "z3c.rml.document",
    "reportlab.pdfgen.canvas",
    "reportlab.graphics.shapes",
)

# A short news story: actors, dates and amounts enough for the usual charts.
_STORY = """\
Ministers agree new Caspian energy link

Azerbaijan and Kazakhstan signed an agreement on 12 March 2024 to build a $2.5 billion power cable under the Caspian Sea, the energy ministries of both countries said on Tuesday.

The European Union, which hopes to import 4 gigawatts of electricity from the region by 2030, welcomed the deal. Ursula von der Leyen said in Brussels that the link would cut Europe's dependence on Russian gas.

Turkey and Georgia will carry the line to the Black Sea coast. Officials in Ankara said the route would open in 2029, two years after a first section reaches Baku.

Critics in Moscow said the project ignored the interests of other Caspian states. Russia and Iran have long argued that pipelines and cables under the sea need the approval of all five coastal countries.

The World Bank said on 20 March 2024 that it would study the cost of the project, which could reach 40 percent of Azerbaijan's annual budget for investment.
"""


_done = False


def warm_up() -> None:
    """Import the heavy modules and make one brief in memory, once per process (never raises)."""
    import importlib

    global _done  # noqa: PLW0603 - once per process
    if _done:
        return
    _done = True

    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - a broken install: the first job will say why
            return
    try:
        from briefing.compose import compose
        from briefing.readers import read_data
        from briefing.writers.pdf import pdf_bytes

        pdf_bytes(compose([read_data(_STORY.encode("utf-8"), "warm-up.txt")], date="2024-03-21"))
    except Exception:  # noqa: BLE001 - warming is an optimisation; real jobs report their own errors
        pass
