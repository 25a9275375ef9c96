#!/usr/bin/env python
"""Actors beyond English: what a brief finds in translations of the same news.

    .venv/bin/python benchmarks/actors.py [--verbose]

Reads ``../shared/eval/multilingual/ntrex/<language>/`` (19 international
politics articles, each professionally translated); without it, prints
``skipped: ...`` and exits 0.  Nothing is downloaded.

The reference is what the English pipeline finds in the English original
(countries, organisations and places; people are left out, as names are
transliterated differently).  For each translation, the actors found are
mapped back to their English names through the language's table, and the
table gives recall and precision against that reference over all articles.
The English pipeline is not ground truth, so a "wrong" actor is sometimes
right (``--verbose`` lists them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _paths import EVAL  # also puts the repository on sys.path

NTREX = EVAL / "multilingual" / "ntrex"
LANGUAGES = {"aze-Latn": "az", "tur": "tr", "rus": "ru", "ukr": "uk", "kaz": "kk", "kat": "ka", "hye": "hy"}


def actors(path: Path) -> tuple[set[str], int]:
    """Countries, organisations and places found in ``path``, and how many people."""
    from briefing.compose import compose
    from briefing.pipeline import read_path

    found = compose([read_path(path)]).actors
    return {a.name for a in found if a.kind != "person"}, sum(a.kind == "person" for a in found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list the actors not in the reference")
    args = parser.parse_args()
    if not (NTREX / "eng").is_dir():
        print(f"skipped: {NTREX} not found")
        return 0
    from briefing.analysis.actors_local import local_actors

    names = sorted(p.name for p in (NTREX / "eng").glob("*.txt"))
    english = {name: actors(NTREX / "eng" / name) for name in names}
    reference = {name: found for name, (found, _people) in english.items()}
    people = sum(n for _found, n in english.values())
    print(f"{len(names)} articles; reference: the English originals, {sum(map(len, reference.values()))} "
          f"countries, organisations and places, and {people} people\n")
    print("| language | found | right | not in reference | recall | precision | people |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for folder, language in LANGUAGES.items():
        table = local_actors(language)
        back = {shown: name for name, shown in table.english.items()} if table else {}
        right = extra = missed = persons = 0
        listed = []
        for name in names:
            local, n = actors(NTREX / folder / name)
            persons += n
            found = {back.get(a, a) for a in local}
            right += len(found & reference[name])
            extra += len(found - reference[name])
            missed += len(reference[name] - found)
            listed += [f"{name}: {a}" for a in sorted(found - reference[name])]
        total = right + extra
        print(f"| {language} | {total} | {right} | {extra} | {right / (right + missed):.2f} | "
              f"{right / total if total else 0:.2f} | {persons} |")
        if args.verbose and listed:
            print("\n".join(f"|   | {line} |" for line in listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
