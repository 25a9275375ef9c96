"""The hand-annotated gold files of a benchmark, each with the brief of its document."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def briefed(gold_dir: Path, eval_dir: Path, date: str) -> Iterator[tuple[Path, dict[str, Any], Any]]:
    """(gold file, its contents, the brief of its ``source``) for every ``*.yaml`` in ``gold_dir``, sorted.

    The document is briefed as ``briefing render`` would, dated ``date``; a gold file whose source is missing
    is reported on stderr and skipped.
    """
    import yaml

    from briefing.pipeline import brief_from

    for file in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(file.read_text(encoding="utf-8"))
        source = eval_dir / gold["source"]
        if not source.is_file():
            print(f"warning: {file.name}: {source} not found", file=sys.stderr)
            continue
        yield file, gold, brief_from([str(source)], date=date)
