"""Golden files for the sample (the analysis fixture): the Brief JSON and the text of its PDF.

Regenerate with ``./dev golden`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.model import Brief
from briefing.serialise import dump_json
from briefing.writers.pdf import write_pdf
from tests.conftest import GOLDEN, SAMPLE
from tests.pdftools import text


def _brief_for_golden(brief: Brief) -> Brief:
    copy = brief.model_copy(deep=True)
    copy.sources[0].path = SAMPLE.name  # the path depends on where the checkout is
    return copy


def test_brief_matches_golden(sample_brief: Brief) -> None:
    expected = json.loads((GOLDEN / "analysis.brief.json").read_text(encoding="utf-8"))
    actual = json.loads(dump_json(_brief_for_golden(sample_brief)))
    assert actual == expected, "the sample's Brief changed: run ./dev golden and review the diff"


def test_pdf_text_matches_golden(sample_brief: Brief, tmp_path: Path) -> None:
    pdf = write_pdf(_brief_for_golden(sample_brief), tmp_path / "golden.pdf")
    expected = (GOLDEN / "analysis.pdf.txt").read_text(encoding="utf-8")
    assert text(pdf) == expected, "the sample's PDF text changed: run ./dev golden and review the diff"
