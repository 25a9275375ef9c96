"""Style discovery: --style, BRIEFING_STYLE, briefing.* up to the repository or home, the user's
config folder, packaged defaults; and where each setting in force comes from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from briefing.config import load_style
from briefing.discovery import DEFAULTS, Row, describe, find_style, format_rows
from briefing.errors import ConfigError


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake home holding a project; the user config folder is inside the fake home."""
    root = tmp_path.resolve()
    (root / "home" / "proj" / "src" / "deep").mkdir(parents=True)
    config = root / "home" / ".config" / "briefing"
    config.mkdir(parents=True)
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda appname: str(root / "home" / ".config" / appname))
    return root


def find(tree: Path, cwd: Path, explicit: str | None = None,
         env: dict[str, str] | None = None) -> tuple[Path | None, str]:
    return find_style(explicit, cwd=cwd, env={} if env is None else env, home=tree / "home")


def test_each_step_of_the_order_in_turn(tree: Path) -> None:
    home, proj, deep = tree / "home", tree / "home" / "proj", tree / "home" / "proj" / "src" / "deep"
    user = home / ".config" / "briefing" / "style.toml"
    found_in_proj = proj / "briefing.yml"
    named = tree / "named.yaml"
    explicit = tree / "explicit.yaml"
    for path in (user, found_in_proj, named, explicit):
        path.write_text("", encoding="utf-8")
    env = {"BRIEFING_STYLE": str(named)}

    assert find(tree, deep, str(explicit), env) == (explicit, "--style")
    assert find(tree, deep, None, env) == (named, "BRIEFING_STYLE")
    assert find(tree, deep) == (found_in_proj, f"found in {proj}")
    found_in_proj.unlink()
    assert find(tree, deep) == (user, "user config folder")
    user.unlink()
    assert find(tree, deep) == (None, DEFAULTS)


def test_relative_paths_are_taken_from_cwd(tree: Path) -> None:
    proj = tree / "home" / "proj"
    (proj / "house.yaml").write_text("", encoding="utf-8")
    assert find(tree, proj, "house.yaml") == (proj / "house.yaml", "--style")
    assert find(tree, proj, None, {"BRIEFING_STYLE": "house.yaml"}) == (proj / "house.yaml", "BRIEFING_STYLE")


def test_nearest_folder_wins(tree: Path) -> None:
    proj, src = tree / "home" / "proj", tree / "home" / "proj" / "src"
    (proj / "briefing.yaml").write_text("", encoding="utf-8")
    (src / "briefing.toml").write_text("", encoding="utf-8")
    assert find(tree, src / "deep") == (src / "briefing.toml", f"found in {src}")


def test_search_stops_at_the_repository_root(tree: Path) -> None:
    proj, src = tree / "home" / "proj", tree / "home" / "proj" / "src"
    (proj / "briefing.yaml").write_text("", encoding="utf-8")
    (src / ".git").mkdir()
    assert find(tree, src / "deep") == (None, DEFAULTS)
    (src / "briefing.yaml").write_text("", encoding="utf-8")  # the root itself is searched
    assert find(tree, src / "deep") == (src / "briefing.yaml", f"found in {src}")


def test_a_git_file_marks_a_root_too(tree: Path) -> None:
    proj, src = tree / "home" / "proj", tree / "home" / "proj" / "src"
    (proj / "briefing.yaml").write_text("", encoding="utf-8")
    (src / ".git").write_text("gitdir: ../../elsewhere\n", encoding="utf-8")  # a worktree or submodule
    assert find(tree, src / "deep") == (None, DEFAULTS)


def test_search_includes_home_but_never_goes_above_it(tree: Path) -> None:
    home = tree / "home"
    (tree / "briefing.yaml").write_text("", encoding="utf-8")
    assert find(tree, home / "proj") == (None, DEFAULTS)
    (home / "briefing.yaml").write_text("", encoding="utf-8")
    assert find(tree, home / "proj") == (home / "briefing.yaml", f"found in {home}")


def test_outside_home_and_any_repository_the_search_goes_on_up(tree: Path) -> None:
    work = tree / "srv" / "a" / "b"
    work.mkdir(parents=True)
    (tree / "briefing.yaml").write_text("", encoding="utf-8")
    assert find(tree, work) == (tree / "briefing.yaml", f"found in {tree}")


def test_two_style_files_in_one_folder_are_an_error_naming_both(tree: Path) -> None:
    proj = tree / "home" / "proj"
    (proj / "briefing.yaml").write_text("", encoding="utf-8")
    (proj / "briefing.toml").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        find(tree, proj / "src")
    message = str(info.value)
    assert str(proj) in message and "briefing.yaml" in message and "briefing.toml" in message


def test_two_style_files_in_the_user_config_folder_are_an_error(tree: Path) -> None:
    config = tree / "home" / ".config" / "briefing"
    (config / "style.yaml").write_text("", encoding="utf-8")
    (config / "style.yml").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"style\.yaml and style\.yml"):
        find(tree, tree / "home" / "proj")


def test_briefing_style_naming_a_missing_file_is_an_error_naming_the_variable(tree: Path) -> None:
    (tree / "home" / "proj" / "briefing.yaml").write_text("", encoding="utf-8")  # not a fallback
    with pytest.raises(ConfigError) as info:
        find(tree, tree / "home" / "proj", None, {"BRIEFING_STYLE": "gone.yaml"})
    message = str(info.value)
    assert "BRIEFING_STYLE" in message and str(tree / "home" / "proj" / "gone.yaml") in message


def test_empty_briefing_style_counts_as_unset(tree: Path) -> None:
    assert find(tree, tree / "home" / "proj", None, {"BRIEFING_STYLE": " "}) == (None, DEFAULTS)


def test_defaults_to_the_process_environment_and_cwd(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    named = tree / "named.yaml"
    named.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_STYLE", "named.yaml")
    monkeypatch.chdir(tree)
    assert find_style(None) == (named, "BRIEFING_STYLE")


@pytest.mark.parametrize(
    ("name", "content"),
    [("briefing.yaml", "paper: letter\nmargins:\n  binding: 10\n"),
     ("briefing.toml", 'paper = "letter"\n[margins]\nbinding = 10\n')],
)
def test_yaml_and_toml_are_found_and_loaded(tree: Path, name: str, content: str) -> None:
    proj = tree / "home" / "proj"
    (proj / name).write_text(content, encoding="utf-8")
    path, how = find(tree, proj / "src")
    assert path == proj / name
    style = load_style(path)
    assert style.paper == "letter" and style.margins.binding == 10
    rows = {row.key: row for row in describe(path, how)}
    assert rows["margins.binding"] == Row("margins.binding", 10, str(proj / name))
    assert rows["margins.inner"] == Row("margins.inner", 22, "default")


def _house(tree: Path) -> Path:
    path = tree / "home" / "proj" / "briefing.yaml"
    path.write_text(
        "organisation: Ministry of Ports\npaper: letter\ncolours:\n  accent: '#7A1F2B'\n"
        "fonts:\n  text:\n    regular: fonts/Serif.ttf\n",
        encoding="utf-8",
    )
    (path.parent / "fonts").mkdir()
    (path.parent / "fonts" / "Serif.ttf").write_bytes(b"\0\1\0\0")
    return path


def test_provenance_of_file_values_defaults_and_flags(tree: Path) -> None:
    path = _house(tree)
    rows = {row.key: (row.value, row.origin) for row in describe(path, "--style", paper="a4", language="az")}
    assert rows["organisation"] == ("Ministry of Ports", str(path))
    assert rows["colours.accent"] == ("#7a1f2b", str(path))  # the validated value, not the raw one
    assert rows["fonts.text.regular"] == (str(path.parent / "fonts" / "Serif.ttf"), str(path))
    assert rows["paper"] == ("a4", "--paper")  # the flag wins over the file
    assert rows["language"] == ("az", "--lang")
    assert rows["grayscale"] == (False, "default")
    assert rows["colours.ink"] == ("#1d1d1f", "default")
    default_bold = load_style().fonts.text.bold
    assert rows["fonts.text.bold"] == (str(default_bold), "default")
    assert rows["smtp.host"] == ("", "default")
    assert rows["margins.binding"] == (0, "default")


def test_provenance_lists_every_setting_once_and_no_secret(tree: Path) -> None:
    keys = [row.key for row in describe(None, DEFAULTS, grayscale=True)]
    assert len(keys) == len(set(keys))
    assert {"organisation", "paper", "colours.accent", "fonts.text.regular", "fonts.heading.semibold",
            "margins.binding", "smtp.host", "smtp.timeout"} <= set(keys)
    assert not [key for key in keys if "password" in key]
    rows = {row.key: row for row in describe(None, DEFAULTS, grayscale=True)}
    assert rows["grayscale"] == Row("grayscale", True, "--grayscale")
    assert {row.origin for key, row in rows.items() if key != "grayscale"} == {"default"}


def test_provenance_names_the_variable_when_it_chose_the_file(tree: Path) -> None:
    path = _house(tree)
    found = find(tree, tree, None, {"BRIEFING_STYLE": str(path)})
    rows = {row.key: row.origin for row in describe(*found)}
    assert rows["organisation"] == f"BRIEFING_STYLE ({path})"
    assert rows["paper"] == f"BRIEFING_STYLE ({path})"
    assert rows["series"] == "default"


def test_provenance_reports_a_bad_file_by_key_and_file(tree: Path) -> None:
    path = tree / "home" / "proj" / "briefing.yaml"
    path.write_text("colours:\n  acent: '#000000'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"briefing\.yaml: 'colours\.acent': unknown key"):
        describe(path, "--style")


def test_table_names_the_file_and_aligns_columns(tree: Path) -> None:
    path = _house(tree)
    found = find(tree, tree / "home" / "proj" / "src")
    assert found == (path, f"found in {path.parent}")
    text = format_rows(describe(*found, paper="a4"), *found)
    lines = text.splitlines()
    assert lines[0] == f"style: {path} (found in {path.parent})"
    table = [line for line in lines[1:] if line]
    assert table[0].split() == ["key", "from", "value"]
    by_key = {line.split()[0]: line for line in table}
    assert by_key["paper"].split() == ["paper", "--paper", "a4"]
    assert by_key["organisation"].split(None, 2) == ["organisation", str(path), "Ministry of Ports"]
    assert by_key["marking"].split() == ["marking", "default", '""']  # an empty value stays visible
    assert by_key["margins.top"].split() == ["margins.top", "default", "22"]
    values = (("paper", "a4"), ("organisation", "Ministry of Ports"), ("margins.top", "22"), ("key", "value"))
    assert len({by_key[key].rindex(value) for key, value in values}) == 1
    origins = (("paper", "--paper"), ("organisation", str(path)), ("margins.top", "default"), ("key", "from"))
    assert len({by_key[key].index(origin) for key, origin in origins}) == 1


def test_table_without_a_file_says_so(tree: Path) -> None:
    text = format_rows(describe(None, DEFAULTS), None, DEFAULTS)
    assert text.splitlines()[0].startswith("style: none, packaged defaults (no --style, no BRIEFING_STYLE")


def test_import_is_light() -> None:
    probe = ("import sys, briefing.discovery\n"
             "print(sorted(m for m in ('pydantic', 'platformdirs', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
