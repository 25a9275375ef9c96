"""briefing batch: one brief per document, failures reported, re-runs skipped, local and Dask executors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.batch import MANIFEST_NAME, REPORT_NAME, Options, plan
from briefing.cli import cli
from tests.conftest import BRIEF_DATE, ROOT

STORY = ROOT / "tests" / "fixtures" / "story"

PORT_TEXT = """Port of Baku expands its container terminal

The Port of Baku opened a second container berth on Monday. The Ministry of Digital Development and Transport said \
the berth doubles the port's capacity to 200,000 containers a year.

Kazakhstan and Georgia signed agreements with Azerbaijan in March to route more freight across the Caspian Sea. \
Officials expect the Middle Corridor to carry 4 million tonnes in 2025.

The European Union pledged 10 million euros for customs software at the port. \
The World Bank said the corridor could triple freight volumes by 2030.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two documents, one corrupted file, one unsupported file, and a sub-folder of two documents."""
    root = tmp_path / "in"
    root.mkdir()
    shutil.copyfile(STORY / "a.txt", root / "peace.txt")
    (root / "port.md").write_text(PORT_TEXT, encoding="utf-8")
    (root / "corrupt.txt").write_bytes(bytes(range(256)) * 4)
    (root / "notes.xyz").write_text("not a format briefing reads", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden files are not inputs", encoding="utf-8")
    meeting = root / "meeting"
    meeting.mkdir()
    shutil.copyfile(STORY / "b.txt", meeting / "b.txt")
    shutil.copyfile(STORY / "c.txt", meeting / "c.txt")
    return root


def report(out: Path) -> dict:
    return json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))


def rows(out: Path) -> dict[str, dict]:
    return {Path(row["input"]).name: row for row in report(out)["results"]}


def test_plan_follows_the_grouping_rule(folder: Path, tmp_path: Path) -> None:
    (folder / "peace.md").write_text(PORT_TEXT, encoding="utf-8")  # same stem as peace.txt
    jobs, warnings = plan(folder, tmp_path / "out", Options(fmt="pdf", date=BRIEF_DATE))
    by_name = {Path(job.name).name: job for job in jobs}
    assert sorted(by_name) == ["corrupt.txt", "meeting", "peace.md", "peace.txt", "port.md"]
    assert [Path(p).name for p in by_name["meeting"].inputs] == ["b.txt", "c.txt"]
    outputs = {Path(job.output).name for job in jobs}
    assert outputs == {"corrupt.pdf", "meeting.pdf", "peace-md.pdf", "peace-txt.pdf", "port.pdf"}
    assert any("notes.xyz" in w for w in warnings) and not any("hidden" in w for w in warnings)


def test_batch_reports_the_failure_and_makes_the_others(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(cli, ["batch", str(folder), "-o", str(out), "--jobs", "2", "--date", BRIEF_DATE,
                                 "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.stdout.strip() == str(out / REPORT_NAME)
    assert "notes.xyz: skipped" in result.stderr
    assert "corrupt.txt" in result.stderr and "binary data" in result.stderr  # the summary table
    assert "3 made, 0 unchanged (skipped), 1 failed" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("briefing: error: 1 of 4 briefs failed")
    found = rows(out)
    assert {name: row["status"] for name, row in found.items()} == {
        "corrupt.txt": "failed", "meeting": "ok", "peace.txt": "ok", "port.md": "ok"}
    assert "binary data" in found["corrupt.txt"]["error"] and found["peace.txt"]["error"] is None
    assert all(isinstance(row["seconds"], float) for row in found.values())
    assert not (out / "corrupt.json").exists()
    meeting = json.loads((out / "meeting.json").read_text(encoding="utf-8"))
    assert len(meeting["sources"]) == 2 and meeting["date"] == BRIEF_DATE
    port = json.loads(Path(found["port.md"]["output"]).read_text(encoding="utf-8"))
    assert "Baku" in port["title"]


def test_pdf_briefs_come_from_long_lived_workers(folder: Path, tmp_path: Path) -> None:
    from briefing.batch import run_batch

    (folder / "corrupt.txt").unlink()
    for n in range(3):
        shutil.copyfile(STORY / "a.txt", folder / f"copy{n}.txt")
    out = tmp_path / "out"
    jobs, _ = plan(folder, out, Options(fmt="pdf", date=BRIEF_DATE))
    results = run_batch(jobs, out, workers=2)
    assert [r.status for r in results] == ["ok"] * 6
    assert all(Path(r.output).read_bytes().startswith(b"%PDF-") for r in results)
    workers = {r.worker for r in results}
    assert len(workers) <= 2 and os.getpid() not in workers  # 6 briefs, at most 2 processes, not this one


def test_rerun_skips_unchanged_briefs(runner: CliRunner, folder: Path) -> None:
    (folder / "corrupt.txt").unlink()
    out = folder / "out"  # inside the input folder: never read as input
    args = ["batch", str(folder), "-o", str(out), "--jobs", "1", "--date", BRIEF_DATE, "--format", "json"]
    assert runner.invoke(cli, args).exit_code == 0
    made = {name: Path(row["output"]).stat().st_mtime_ns for name, row in rows(out).items()}
    assert (out / MANIFEST_NAME).is_file()

    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert {row["status"] for row in rows(out).values()} == {"skipped"}
    assert {name: Path(row["output"]).stat().st_mtime_ns for name, row in rows(out).items()} == made

    (folder / "port.md").write_text(PORT_TEXT.replace("Monday", "Tuesday"), encoding="utf-8")
    (out / "peace.json").unlink()
    result = runner.invoke(cli, args)
    assert {name: row["status"] for name, row in rows(out).items()} == {
        "meeting": "skipped", "peace.txt": "ok", "port.md": "ok"}
    assert "Tuesday" in (out / "port.json").read_text(encoding="utf-8")

    result = runner.invoke(cli, [*args[:-4], "--date", "2026-12-01", "--format", "json"])  # an option changed
    assert {row["status"] for row in rows(out).values()} == {"ok"}


def test_unknown_executor_is_one_line(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["batch", str(folder), "-o", str(tmp_path / "out"), "--executor", "spark://x"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "briefing: error: --executor spark://x: give 'local' or dask://HOST:PORT"


def test_input_must_be_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "not a folder" in result.stderr


def test_dask_executor_runs_the_same_jobs(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    (folder / "corrupt.txt").unlink()
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=":0") as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        result = runner.invoke(cli, ["batch", str(folder), "-o", str(out), "--executor", f"dask://{address}",
                                     "--date", BRIEF_DATE, "--format", "md"])
    assert result.exit_code == 0, result.output
    assert report(out)["executor"] == f"dask://{address}"
    assert {row["status"] for row in rows(out).values()} == {"ok"}
    assert "Baku" in (out / "port.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["email", "print", "batch"])
def test_help_of_delivery_commands_is_light(command: str) -> None:
    from tests.test_imports import HEAVY, loaded_modules

    code = ("from briefing.cli import cli\n"
            f"try:\n    cli(['{command}', '--help'], prog_name='briefing')\nexcept SystemExit:\n    pass")
    modules = loaded_modules(code)
    assert "briefing" in modules and not modules.intersection(HEAVY), modules.intersection(HEAVY)


def test_warm_up_lays_out_a_brief_in_memory() -> None:
    """Workers start warm: the throwaway brief really went through the PDF writer."""
    import subprocess
    import sys

    code = ("from briefing.batch import warm; warm.warm_up(); "
            "from briefing.writers import templating; from briefing.writers.pdf import onepass; "
            "assert onepass._REMEMBERED, 'no layout happened'; "
            "assert templating.environment.cache_info().currsize == 1")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=120)


def test_ctrl_c_keeps_what_was_made(tmp_path: Path) -> None:
    """SIGINT mid-batch: exit 130 with one line, finished briefs in the manifest, a re-run makes only the rest."""
    import signal
    import subprocess
    import sys
    import time

    root = tmp_path / "in"
    root.mkdir()
    for i in range(12):
        (root / f"port{i:02}.md").write_text(PORT_TEXT.replace("Monday", f"day {i}"), encoding="utf-8")
    out = tmp_path / "out"
    args = [sys.executable, "-m", "briefing", "batch", str(root), "-o", str(out), "--jobs", "1",
            "--date", BRIEF_DATE]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.pdf"))) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("briefing: error: interrupted:") and "Traceback" not in stderr
    recorded = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["outputs"]
    assert 2 <= len(recorded) < 12
    assert all((out / name).is_file() for name in recorded)

    again = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    statuses = [row["status"] for row in report(out)["results"]]
    assert statuses.count("skipped") == len(recorded) and statuses.count("ok") == 12 - len(recorded)
