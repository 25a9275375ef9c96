"""Same inputs, same bytes: across processes, hash seeds, and warm or fresh caches (the whole pipeline)."""

from __future__ import annotations

from pathlib import Path

from briefing.config import load_style
from briefing.writers.pdf import pdf_bytes


def test_same_bytes_across_processes_and_hash_seeds(sample_path: Path, tmp_path: Path) -> None:
    import hashlib
    import os
    import subprocess
    import sys

    digests = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.pdf"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(
            [sys.executable, "-m", "briefing", "render", str(sample_path), "-o", str(out), "--date", "2026-11-27"],
            check=True, env=env, capture_output=True,
        )
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_a_warm_process_gives_the_bytes_of_a_fresh_one(sample_path: Path, tmp_path: Path) -> None:
    """Fonts and templates are cached per process (batch workers): the output must not notice."""
    import subprocess
    import sys

    from briefing.compose import compose
    from briefing.pipeline import read_path
    from briefing.writers.pdf import write_pdf as write

    brief = compose([read_path(sample_path)], date="2026-11-27")
    pdf_bytes(brief, style=load_style(paper="letter"))  # warm the caches with another page size
    warm = tmp_path / "warm.pdf"
    write(brief, warm)
    fresh = tmp_path / "fresh.pdf"
    subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(sample_path), "-o", str(fresh), "--date", "2026-11-27"],
        check=True, capture_output=True,
    )
    assert warm.read_bytes() == fresh.read_bytes()
