"""The README's folder tree matches the code."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PACKAGE = ROOT / "briefing"


def tree() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The code", 1)[1]
    return section.split("```", 2)[1]


def test_every_package_and_top_level_module_is_in_the_tree() -> None:
    block = tree()
    packages = sorted(p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("__init__.py")
                      if p.parent != PACKAGE)
    for package in packages:
        name = package.rsplit("/", 1)[-1]
        assert re.search(rf"^\s+{re.escape(name)}/", block, re.M), f"briefing/{package}/ is missing from the tree"
    for module in sorted(PACKAGE.glob("*.py")):
        if module.name not in ("__main__.py",):
            assert module.name in block, f"briefing/{module.name} is missing from the tree"


def test_every_module_the_tree_names_exists() -> None:
    package_part = tree().split("\ntemplates/", 1)[0]
    names = set(re.findall(r"\b([a-z_]+\.py)\b", package_part))
    assert "pipeline.py" in names
    missing = sorted(name for name in names if not list(PACKAGE.rglob(name)))
    assert not missing, f"the README's tree names modules that do not exist: {missing}"
