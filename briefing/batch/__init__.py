"""Many briefs at once: one job per document, run by long-lived workers.

:mod:`.jobs` plans the jobs of an input folder and knows which are
unchanged since the last run; :mod:`.runner` runs the rest and writes the
manifest and the report; :mod:`.workers` makes one brief in a worker
process (locally or on a Dask cluster), warmed once by :mod:`.warm`.
"""

from __future__ import annotations

from briefing.batch.jobs import MANIFEST_NAME, REPORT_NAME, Interrupted, Job, Options, Result, plan
from briefing.batch.runner import default_workers, run_batch, summary_table

__all__ = ["MANIFEST_NAME", "REPORT_NAME", "Interrupted", "Job", "Options", "Result", "default_workers", "plan",
           "run_batch", "summary_table"]
