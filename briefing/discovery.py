"""Which house-style file is in force, and where each setting in it comes from.

The file is looked for in this order, and the first one found wins:

1. the ``--style`` path;
2. the file named by the environment variable ``BRIEFING_STYLE``;
3. ``briefing.yaml``, ``briefing.yml`` or ``briefing.toml`` in the current
   folder or a parent, up to and including the repository root (the first
   folder holding a ``.git`` entry) or the home folder, whichever comes first,
   never above home (outside home and any repository: up to the filesystem root);
4. ``style.yaml``, ``style.yml`` or ``style.toml`` in the user's config folder
   (``platformdirs.user_config_dir("briefing")``, e.g. ``~/.config/briefing``);
5. none: the packaged defaults.

Two style files in one folder are an error naming both.  Importing this
module stays light: platformdirs and the settings model load when used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from briefing.errors import ConfigError

STYLE_ENV = "BRIEFING_STYLE"
PROJECT_FILES = ("briefing.yaml", "briefing.yml", "briefing.toml")
USER_FILES = ("style.yaml", "style.yml", "style.toml")
FLAGS = {"paper": "--paper", "grayscale": "--grayscale", "language": "--lang"}

EXPLICIT = "--style"
USER_CONFIG = "user config folder"
DEFAULTS = "packaged defaults"
_SECRETS = frozenset({"password", "secret", "token"})

Value = str | int | float | bool | None


class Row(NamedTuple):
    """One setting in force: dotted key, value and where the value came from."""

    key: str
    value: Value
    origin: str


def find_style(explicit: str | Path | None, *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
               home: Path | None = None) -> tuple[Path | None, str]:
    """The style file to use and how it was chosen, or ``(None, "packaged defaults")``.

    ``how`` is ``"--style"``, ``"BRIEFING_STYLE"``, ``"found in <folder>"`` or
    ``"user config folder"``.  Relative paths are taken from ``cwd``; ``env``
    defaults to ``os.environ`` and ``home`` to the user's home folder.  An
    empty ``BRIEFING_STYLE`` counts as unset.
    """
    cwd = Path.cwd() if cwd is None else cwd
    env = os.environ if env is None else env
    if explicit is not None:
        return cwd / explicit, EXPLICIT
    named = env.get(STYLE_ENV, "").strip()
    if named:
        path = cwd / named
        if not _is_file(path):
            raise ConfigError(f"{STYLE_ENV}={named}: no style file at {path}")
        return path, STYLE_ENV
    start = cwd.resolve()
    stop = (Path.home() if home is None else home).resolve()
    for folder in _folders_up(start, stop):
        found = _one_style_file(folder, PROJECT_FILES)
        if found is not None:
            return found, f"found in {folder}"
    import platformdirs

    found = _one_style_file(Path(platformdirs.user_config_dir("briefing")), USER_FILES)
    if found is not None:
        return found, USER_CONFIG
    return None, DEFAULTS


def _folders_up(start: Path, home: Path) -> Iterator[Path]:
    """``start`` and its parents, up to the first repository root or ``home``."""
    for folder in (start, *start.parents):
        yield folder
        if folder == home or _exists(folder / ".git"):
            return


def _one_style_file(folder: Path, names: Sequence[str]) -> Path | None:
    found = [folder / name for name in names if _is_file(folder / name)]
    if len(found) > 1:
        listed = ", ".join(path.name for path in found[:-1]) + f" and {found[-1].name}"
        raise ConfigError(f"{folder}: {listed} are both style files; keep one")
    return found[0] if found else None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # an unreadable folder holds nothing we can use
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def describe(style_path: Path | None, how: str, *, paper: str | None = None, grayscale: bool | None = None,
             language: str | None = None) -> list[Row]:
    """Every setting in force, as validated by ``load_style``, with its origin.

    The origin is ``"default"``, the style file's path (``"BRIEFING_STYLE
    (<path>)"`` when the variable chose it), or the flag that set it
    (``--paper``, ``--grayscale``, ``--lang``).  ``style_path`` and ``how``
    are what :func:`find_style` returned.  Secrets are never shown.
    """
    from briefing.config import load_style, read_style_file

    style = load_style(style_path, paper=paper, grayscale=grayscale, language=language)
    in_file: set[str] = set()
    file_origin = "default"
    if style_path is not None:
        in_file = {key for key, _ in _leaves(read_style_file(style_path))}
        file_origin = f"{STYLE_ENV} ({style_path})" if how == STYLE_ENV else str(style_path)
    given = {"paper": paper, "grayscale": grayscale, "language": language}
    flags = {key: FLAGS[key] for key, value in given.items() if value is not None}
    rows = []
    for key, value in _leaves(style.model_dump(mode="json")):
        origin = flags.get(key) or (file_origin if key in in_file else "default")
        if key.rsplit(".", 1)[-1] in _SECRETS:
            value = "(hidden)" if value else ""
        rows.append(Row(key, value, origin))
    return rows


def _leaves(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def format_rows(rows: Sequence[Row], style_path: Path | None, how: str) -> str:
    """An aligned table of ``rows`` (key, origin, value) under a line naming the file.

    The first line reads ``style: /home/u/proj/briefing.yaml (found in
    /home/u/proj)``, or ``style: none, packaged defaults`` without a file.
    Values come last so that long ones (a disclaimer) keep the columns aligned.
    """
    if style_path is None:
        head = (f"style: none, {DEFAULTS} (no --style, no {STYLE_ENV}, no {'/'.join(PROJECT_FILES)} "
                f"here or above, no style file in the {USER_CONFIG})")
    else:
        head = f"style: {style_path} ({how})"
    table = [("key", "from", "value"), *((row.key, row.origin, _shown(row.value)) for row in rows)]
    key_width = max(len(key) for key, _, _ in table)
    origin_width = max(len(origin) for _, origin, _ in table)
    lines = [f"{key:<{key_width}}  {origin:<{origin_width}}  {value}".rstrip() for key, origin, value in table]
    return "\n".join([head, "", *lines])


def _shown(value: Value) -> str:
    if isinstance(value, str):
        plain = value and value == value.strip() and value.isprintable()
        return value if plain else json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value)
