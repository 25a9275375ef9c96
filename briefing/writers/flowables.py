"""The chart and logo plug-ins under the name user templates know.

Templates place charts and the logo with ``<plugInFlowable
module="briefing.writers.flowables" function="chart">`` and ``<plugInGraphic
... function="logo">``; the code lives in :mod:`briefing.writers.pdf.flowables`.
This module keeps the older name working for templates copied before the move.
"""

from briefing.writers.pdf.flowables import chart, logo

__all__ = ["chart", "logo"]
