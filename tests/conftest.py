"""Shared fixtures: the CLI runner, the shared evaluation folder, the sample."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "az-us-strategic-cooperation.txt"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
BRIEF_DATE = "2026-11-27"  # fixed so that golden files do not depend on the day


def absent(message: str) -> None:
    """Skip locally; in CI (where shared/ is always laid beside the clone) fail."""
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must have it)")
    pytest.skip(message)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        absent(f"{SHARED} is absent: the shared evaluation material is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def sample_path() -> Path:
    if not SAMPLE.is_file():
        absent(f"{SAMPLE} is absent: the reference sample is not beside this checkout")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_doc(sample_path: Path):
    from briefing.pipeline import read_path

    return read_path(sample_path)


@pytest.fixture(scope="session")
def sample_brief(sample_doc):
    from briefing.compose import compose

    return compose([sample_doc], date=BRIEF_DATE)


@pytest.fixture(scope="session")
def sample_pdf(sample_brief, tmp_path_factory) -> Path:
    from briefing.writers.pdf import write_pdf

    return write_pdf(sample_brief, tmp_path_factory.mktemp("pdf") / "sample.pdf")
