"""Shared fixtures: the CLI runner, the shared evaluation folder, the sample.

The *sample* is the project's own analysis fixture (always present); the
*reference* sample lives in ../shared beside the checkout and is used only by
the few tests whose point is that particular document (they skip without it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "analysis" / "caspian-corridor-analysis.txt"  # a copy of examples/, CC0
REFERENCE = SHARED / "samples" / "az-us-strategic-cooperation.txt"
BRIEF_DATE = "2026-11-27"  # fixed so that golden files do not depend on the day


def absent(message: str) -> None:
    """Skip locally; in CI (where shared/ is always laid beside the clone) fail."""
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must have it)")
    pytest.skip(message)


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """briefing's cache folder (compiled templates, font coverage) is a fresh one, never the user's."""
    before = os.environ.get("BRIEFING_CACHE_DIR")
    os.environ["BRIEFING_CACHE_DIR"] = str(tmp_path_factory.mktemp("briefing-cache"))
    yield
    if before is None:
        os.environ.pop("BRIEFING_CACHE_DIR", None)
    else:
        os.environ["BRIEFING_CACHE_DIR"] = before


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
    return SAMPLE


@pytest.fixture(scope="session")
def reference_path() -> Path:
    if not REFERENCE.is_file():
        absent(f"{REFERENCE} is absent: the reference sample is not beside this checkout")
    return REFERENCE


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


@pytest.fixture(scope="session")
def stored_brief():
    """The golden Brief, loaded from its file: writer tests start here, not from reading and composing."""
    from briefing.serialise import load_brief

    return load_brief(GOLDEN / "analysis.brief.json")


@pytest.fixture(scope="session")
def stored_pdf(stored_brief, tmp_path_factory) -> Path:
    from briefing.writers.pdf import write_pdf

    return write_pdf(stored_brief, tmp_path_factory.mktemp("pdf") / "stored.pdf")
