"""Regenerate the golden files from the sample: ``./dev golden`` shows the diff.

The golden files are the Brief JSON of the sample (the project's own analysis
fixture, tests/fixtures/analysis/) and the text pypdf extracts from its PDF.
Review the diff before committing: it is the change in output.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.conftest import BRIEF_DATE, SAMPLE  # noqa: E402
from tests.pdftools import text  # noqa: E402


def main() -> None:
    from briefing.compose import compose
    from briefing.pipeline import read_path
    from briefing.serialise import dump_json
    from briefing.writers.pdf import write_pdf

    brief = compose([read_path(SAMPLE)], date=BRIEF_DATE)
    brief.sources[0].path = SAMPLE.name
    (HERE / "analysis.brief.json").write_text(dump_json(brief), encoding="utf-8")
    pdf = write_pdf(brief, HERE / "analysis.pdf.tmp")
    try:
        (HERE / "analysis.pdf.txt").write_text(text(pdf), encoding="utf-8")
    finally:
        pdf.unlink()
    print(f"wrote {HERE / 'analysis.brief.json'} and {HERE / 'analysis.pdf.txt'}")


if __name__ == "__main__":
    main()
