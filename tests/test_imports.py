"""Import weight: the package and ``--help`` stay light (click's test_imports)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("matplotlib", "reportlab", "z3c", "numpy", "pysbd", "pydantic", "lxml", "svglib", "PIL", "jinja2")


def loaded_modules(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(out.stdout.splitlines()[-1])}


def test_import_briefing_is_light() -> None:
    modules = loaded_modules("import briefing")
    assert not modules.intersection(HEAVY), modules.intersection(HEAVY)


def test_help_is_light() -> None:
    code = (
        "import sys\nfrom briefing.cli import cli\n"
        "try:\n    cli(['--help'], prog_name='briefing')\nexcept SystemExit:\n    pass\n"
        "try:\n    cli(['render', '--help'], prog_name='briefing')\nexcept SystemExit:\n    pass"
    )
    modules = loaded_modules(code)
    assert not modules.intersection(HEAVY), modules.intersection(HEAVY)


def test_probe_detects_heavy_imports() -> None:
    # The probe itself must be able to fail.
    assert "reportlab" in loaded_modules("import reportlab")
