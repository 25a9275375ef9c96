"""The points benchmark scores a brief the way its docstring says."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

from briefing.model import Brief, Point, Theme
from tests.conftest import ROOT


def load() -> ModuleType:
    if str(ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(ROOT / "benchmarks"))
    return importlib.import_module("points")


def test_a_point_is_covered_when_one_takeaway_or_lead_holds_all_its_keywords() -> None:
    gold = {"points": [{"point": "FEMA cancelled BRIC", "keywords": ["FEMA", "cancel", "BRIC"]},
                       {"point": "20 states sued", "keywords": ["20", "states", "lawsuit"]},
                       {"point": "a court ordered it restored", "keywords": ["judge", "injunction"]}]}
    brief = Brief(title="T", takeaways=[Point(text="FEMA said it cancelled the BRIC program.")],
                  themes=[Theme(id="a", label="A", lead=Point(text="In July, 20 states filed a lawsuit."),
                                points=[Point(text="The judge granted an injunction.")])])
    covered, total, first, missed = load().score(gold, brief)
    assert (covered, total, first) == (2, 3, True)  # a theme's bullet point does not count
    assert missed == ["a court ordered it restored"]
    assert not load().carries("FEMA kept BRIC.", ["FEMA", "cancel", "BRIC"])
