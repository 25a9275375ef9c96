"""The Brief as a file: JSON and YAML, written for humans to edit.

Loading validates strictly against the model and reports the first problem
as ``file:line: field 'themes[2].points[0].text': message``.  Line numbers
come from the YAML node tree (JSON is read the same way, as YAML is a
superset of the JSON that ``dump_json`` writes).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from briefing.errors import BriefValidationError
from briefing.model import SCHEMA_VERSION, Brief

#: Suffixes of brief files (``briefing draft`` writes them, ``render`` reads them); the first is the default.
BRIEF_SUFFIXES = (".yaml", ".yml", ".json")

YAML_HEADER = (
    "# A brief drafted by briefing (schema version {version}).\n"
    "# Edit the text, reorder or delete points, then lay it out with:\n"
    "#   briefing render {name}\n"
    "# References such as {{source: 1, paragraph: 12}} point to ¶12 of the first source.\n"
)


def to_data(brief: Brief) -> dict[str, Any]:
    """The brief as plain data, in field order, ``None`` fields left out."""
    return brief.model_dump(mode="json", exclude_none=True)


def dump_json(brief: Brief) -> str:
    """The brief as pretty-printed JSON (UTF-8, not ASCII-escaped)."""
    return json.dumps(to_data(brief), ensure_ascii=False, indent=2) + "\n"


@cache
def _dumper() -> Any:
    """A PyYAML dumper: plain strings on one line, references in flow style."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def str_representer(dumper: yaml.SafeDumper, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def dict_representer(dumper: yaml.SafeDumper, value: dict[str, Any]) -> Any:
        # References stay on one line: {source: 1, paragraph: 12}
        flow = set(value) == {"source", "paragraph"}
        return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=flow)

    Dumper.add_representer(str, str_representer)
    Dumper.add_representer(dict, dict_representer)
    return Dumper


def dump_yaml(brief: Brief, name: str = "brief.yaml") -> str:
    """The brief as commented YAML for a human to edit."""
    import yaml

    body = yaml.dump(
        to_data(brief),
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,  # never fold: one text, one line, easy to edit
        default_flow_style=False,
    )
    return YAML_HEADER.format(version=SCHEMA_VERSION, name=name) + body


def _path_lines(node: Any, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    """Record the 1-based line of every node under ``node``, keyed by path."""
    import yaml

    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _path_lines(value, path + (key.value,), lines)
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _path_lines(item, path + (index,), lines)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def load_brief(path: str | Path) -> Brief:
    """Load and validate a brief written by ``draft`` (and perhaps edited)."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BriefValidationError(str(source), "(file)", "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefValidationError(str(source), "(file)", f"cannot read: {exc}") from None
    return parse_brief(text, str(source))


def parse_brief(text: str, source: str) -> Brief:
    """Validate the brief in ``text``, named ``source`` in messages (``.json``: read as JSON)."""
    import yaml
    from pydantic import ValidationError

    node = None
    try:
        if source.lower().endswith(".json"):
            data = json.loads(text)
            try:  # line numbers for messages; JSON that YAML cannot read just has none
                node = yaml.compose(text, Loader=yaml.SafeLoader)
            except yaml.YAMLError:
                node = None
        else:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:  # JSONDecodeError is a ValueError; so is a bad YAML date
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else getattr(exc, "lineno", None)
        problem = getattr(exc, "problem", None) or getattr(exc, "msg", None) or str(exc) or "syntax error"
        raise BriefValidationError(source, "(syntax)", str(problem), line) from None
    if not isinstance(data, dict):
        raise BriefValidationError(str(source), "(top level)", "a brief must be a mapping of fields", 1)
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BriefValidationError(
            str(source), "schema_version", f"this briefing reads schema version {SCHEMA_VERSION}, not {version!r}", 1
        )
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _path_lines(node, (), lines)
    def fail(loc: tuple[Any, ...], message: str) -> BriefValidationError:
        line = next((lines[loc[:n]] for n in range(len(loc), -1, -1) if loc[:n] in lines), None)
        return BriefValidationError(str(source), _dotted(loc), message, line)

    try:
        brief = Brief.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        message = "unknown field" if error["type"] == "extra_forbidden" else error["msg"].removeprefix("Value error, ")
        raise fail(tuple(error["loc"]), message) from None
    for loc, ref in brief.references():
        if ref.source > len(brief.sources):
            raise fail(loc + ("source",), f"there is no source {ref.source} (the brief lists {len(brief.sources)})")
    seen: set[str] = set()
    for t, theme in enumerate(brief.themes):
        if theme.id in seen:
            raise fail(("themes", t, "id"), f"'{theme.id}' is the id of an earlier theme too")
        seen.add(theme.id)
    return brief
