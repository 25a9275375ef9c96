"""briefing print: the lp command line, its errors, and a real CUPS server with cups-pdf.

The real-printer tests need CUPS running with a cups-pdf queue called PDF
(.ci/run sets that up); without it they are skipped with the reason, and
under CI they fail.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import cli
from briefing.deliver import DeliveryError
from briefing.deliver.printing import lp_command, page_ranges
from tests.conftest import BRIEF_DATE, absent

QUEUE = "PDF"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


# ------------------------------------------------------------------ without CUPS


@pytest.mark.parametrize("text, expected", [
    ("1", "1"), ("1-3", "1-3"), ("2, 4-5", "2,4-5"), ("5,1-3", "1-3,5"), ("1-3,2-4", "1-4"), ("1,2,3", "1-3"),
])
def test_page_ranges_are_normalised(text: str, expected: str) -> None:
    assert page_ranges(text) == expected


@pytest.mark.parametrize("text", ["", "0", "3-1", "1-", "-2", "a", "1;2", "1,,2", "1-2-3", "1 2", "１"])
def test_bad_page_ranges_are_refused(text: str) -> None:
    with pytest.raises(DeliveryError, match="--pages"):
        page_ranges(text)


def test_pages_beyond_the_brief_are_refused() -> None:
    with pytest.raises(DeliveryError, match="the brief has 2 pages"):
        page_ranges("1-3", page_count=2)


def test_lp_command_is_a_list_with_the_path_after_double_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    hostile = tmp_path / "-d evil; rm -rf ~.pdf"
    hostile.write_bytes(b"%PDF-1.4\n")
    command = lp_command(Path(hostile.name), printer="Office_2F", copies=2, duplex=True, pages="2,1",
                         title="Brief\r\nX")
    assert command == ["lp", "-d", "Office_2F", "-n", "2", "-o", "sides=two-sided-long-edge", "-P", "1-2",
                       "-t", "Brief X", "--", str(hostile.resolve())]
    assert lp_command(hostile, duplex=False)[3:5] == ["-o", "sides=one-sided"]


@pytest.mark.parametrize("printer", ["two words", "a/b", "x#1", "bad\nname", ""])
def test_bad_printer_names_are_refused(printer: str, tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="not a CUPS printer name"):
        lp_command(tmp_path / "b.pdf", printer=printer)


def test_missing_lp_is_one_clear_line(runner: CliRunner, sample_pdf: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["print", str(sample_pdf)], env={"PATH": str(tmp_path)})
    assert result.exit_code == 1
    assert result.stderr.strip() == ("briefing: error: cannot print: the CUPS 'lp' command is not installed "
                                     "(Debian/Ubuntu: apt-get install cups-client)")


def test_bad_pages_fail_before_rendering(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["print", str(tmp_path / "missing.txt"), "--pages", "4-2"])
    assert result.exit_code == 2 and "--pages" in result.stderr


# ------------------------------------------------------------------ a real CUPS server


def cups_pdf_folder() -> Path:
    """Where cups-pdf writes this user's jobs (its Out setting)."""
    user = getpass.getuser()
    out = "${HOME}/PDF"
    if CUPS_PDF_CONF.is_file():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            if re.match(r"^\s*Out\s", line):
                out = line.split(None, 1)[1].strip()
    home = str(Path("/root") if user == "root" else Path.home())
    return Path(out.replace("${USER}", user).replace("${HOME}", home))


@pytest.fixture(scope="module")
def cups() -> Path:
    """The cups-pdf output folder, once CUPS and the PDF queue are known to work."""
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        absent("CUPS is not installed (no lp/lpstat): .ci/run installs cups and printer-driver-cups-pdf")
    state = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    if "is running" not in state.stdout:
        absent("the CUPS scheduler is not running: .ci/run starts cupsd")
    queue = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True)
    if queue.returncode != 0:
        absent(f"CUPS has no '{QUEUE}' queue (cups-pdf): .ci/run adds it")
    return cups_pdf_folder()


def printed(folder: Path, stem: str, since: float, timeout: float = 90.0) -> Path:
    """The PDF cups-pdf wrote for the job whose title starts with ``stem``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in folder.glob(f"{stem}*.pdf") if p.stat().st_mtime >= since - 1] if folder.is_dir() else []
        for path in found:
            data = path.read_bytes()
            if data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]:
                return path
        time.sleep(0.5)
    log = Path("/var/log/cups/error_log")
    tail = log.read_text(errors="replace").splitlines()[-5:] if log.is_file() else []
    pytest.fail(f"cups-pdf wrote no {stem}*.pdf into {folder} within {timeout:.0f} s; CUPS log: {tail}")


def test_prints_a_finished_brief_on_cups_pdf(runner: CliRunner, cups: Path, sample_pdf: Path,
                                             tmp_path: Path) -> None:
    stem = f"brief-{uuid.uuid4().hex[:10]}"
    copy = tmp_path / f"{stem}.pdf"
    shutil.copyfile(sample_pdf, copy)
    start = time.time()
    result = runner.invoke(cli, ["print", str(copy), "--printer", QUEUE, "--duplex"])
    assert result.exit_code == 0, result.output
    assert re.search(rf"request {QUEUE}-\d+", result.stdout)
    out = printed(cups, stem, start)
    pages = PdfReader(out).pages
    assert len(pages) == len(PdfReader(sample_pdf).pages)
    assert "Key takeaways" in pages[0].extract_text()
    out.unlink()


def test_renders_documents_then_prints_the_pages_asked_for(runner: CliRunner, cups: Path, sample_path: Path,
                                                            sample_brief: object) -> None:
    from briefing.textutil import slugify

    stem = slugify(sample_brief.title)  # type: ignore[attr-defined]
    start = time.time()
    result = runner.invoke(cli, ["print", str(sample_path), "--printer", QUEUE, "--pages", "2",
                                 "--grayscale", "--date", BRIEF_DATE])
    assert result.exit_code == 0, result.output
    out = printed(cups, stem, start)
    assert len(PdfReader(out).pages) == 1
    out.unlink()


def test_unknown_printer_is_one_clear_line(runner: CliRunner, cups: Path, sample_pdf: Path) -> None:
    result = runner.invoke(cli, ["print", str(sample_pdf), "--printer", "no-such-printer"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "printer no-such-printer does not exist" in lines[0]
