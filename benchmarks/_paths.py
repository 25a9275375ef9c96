"""Where a benchmark script finds the package and the evaluation material.

Importing this puts the repository on ``sys.path`` (after ``PYTHONPATH``, so a
run can measure another tree), for scripts run as ``python benchmarks/x.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"  # ../shared/eval, beside the repository

if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))
