"""The wheel carries templates, fonts and the house style, and works on its own."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
         "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("briefing-*.whl"))


def test_wheel_contains_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "briefing/templates/policy-brief/brief.rml.j2",
        "briefing/templates/policy-brief/macros.rml.j2",
        "briefing/assets/style.yaml",
        "briefing/assets/fonts/NotoSerif-Regular.ttf",
        "briefing/assets/fonts/NotoSans-SemiBold.ttf",
        "briefing/assets/fonts/OFL.txt",
        "briefing/data/stopwords/en.txt",
        "briefing/data/organisations.json",
        "briefing/py.typed",
    ):
        assert required in names, required


def test_wheel_renders_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "Gas talks in Baku\n\nAzerbaijan and Georgia agreed on new gas volumes on Monday. "
        "Officials in Tbilisi said the deal will run for 10 years.\n\n"
        "The European Union welcomed the agreement. Brussels expects deliveries to rise by 20%.\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    code = (
        "import briefing, briefing.resources as r; from briefing.cli import main; "
        "print(briefing.__file__); print(r.templates_dir()); main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "render", str(doc), "-o", "brief.pdf", "--date", "2026-01-01"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(target)) and lines[1].startswith(str(target))
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF-")
