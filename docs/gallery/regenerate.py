"""Render the sample brief in each layout and save every page as PNG here.

    ./dev gallery        (or: .venv/bin/python docs/gallery/regenerate.py)

Needs pdftoppm (Debian: poppler-utils).  The PNGs are committed so the
layouts can be reviewed without running anything; rerun after a layout
change and look at the diff.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "az-us-strategic-cooperation.txt"
DATE = "2026-11-27"

#: name -> extra arguments of `briefing render`
LAYOUTS = {
    "a4": [],
    "letter": ["--paper", "letter"],
    "handout": ["--template", "handout"],
    "house": ["--style", str(HERE / "house" / "style.yaml")],
}


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("gallery: pdftoppm is missing (Debian: apt-get install poppler-utils)", file=sys.stderr)
        return 1
    if not SAMPLE.is_file():
        print(f"gallery: the sample is missing: {SAMPLE}", file=sys.stderr)
        return 1
    for old in HERE.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in LAYOUTS.items():
            pdf = Path(tmp) / f"{name}.pdf"
            subprocess.run([sys.executable, "-c", "from briefing.cli import main; main()", "render", str(SAMPLE),
                            "-o", str(pdf), "--date", DATE, *extra], check=True, cwd=ROOT)
            subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(HERE / name)], check=True)
            pages = sorted(HERE.glob(f"{name}-*.png"))
            print(f"{name}: {len(pages)} page(s), {pdf.stat().st_size // 1024} KB PDF")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
