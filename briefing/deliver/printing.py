"""Print the brief through CUPS: ``lp`` with an argument list, never a shell.

Options map to ``lp`` as CUPS documents them: ``-d`` printer, ``-n`` copies,
``-o sides=two-sided-long-edge`` (duplex, bound on the long edge like a
stapled brief) or ``sides=one-sided``, ``-P`` page list, ``-t`` job name.
The file comes last, after ``--``, as an absolute path, so no file name can
be read as an option.  ``lp`` runs with the C locale so its messages can be
recognised and turned into one clear line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from briefing.deliver import DeliveryError, clean_line

_RANGE = re.compile(r"^([0-9]{1,5})(?:\s*-\s*([0-9]{1,5}))?$")
#: CUPS queue names: printable, no space, slash, hash or backslash (lpadmin's rule).
_PRINTER = re.compile(r"^[^\s/#\\\x00-\x1f\x7f]{1,127}$")
LP_TIMEOUT = 60.0


def page_ranges(text: str, page_count: int | None = None) -> str:
    """``text`` checked and normalised as a CUPS page list: ``"5, 1-3"`` -> ``"1-3,5"``.

    Each item is a page ``N`` or a range ``N-M`` with ``1 <= N <= M``; with
    ``page_count`` every page must exist.  CUPS takes only ascending ranges
    that do not overlap, so the set of pages is sorted and merged (``1-3,2-4``
    prints pages 1 to 4 once).  Raises DeliveryError on anything else.
    """
    shown = clean_line(text)
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise DeliveryError(f"--pages '{shown}': give pages like 1-3,5")
    spans = []
    for item in items:
        match = _RANGE.match(item)
        if not match:
            raise DeliveryError(f"--pages '{shown}': '{clean_line(item)}' is not a page or a range like 2-4")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise DeliveryError(f"--pages '{shown}': '{item}' is not a range of pages from 1 on")
        if page_count is not None and last > page_count:
            raise DeliveryError(f"--pages '{shown}': the brief has {page_count} page{'s' if page_count != 1 else ''}")
        spans.append((first, last))
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in merged)


def pdf_page_count(path: Path) -> int | None:
    """Pages of the PDF at ``path``, or None when it cannot be read."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(path).pages)
    except Exception:  # informative: lp will say what is wrong with the file
        return None


@dataclass(frozen=True)
class PrintJob:
    """What ``lp`` printed: the CUPS request id (e.g. ``PDF-12``) and the command."""

    request_id: str
    command: list[str]


def lp_command(pdf: str | Path, *, printer: str | None = None, copies: int = 1, duplex: bool | None = None,
               pages: str | None = None, title: str | None = None, lp: str = "lp") -> list[str]:
    """The ``lp`` argument list that prints ``pdf`` (checked, absolute, after ``--``)."""
    path = Path(pdf).resolve()
    command = [lp]
    if printer is not None:
        if not _PRINTER.match(printer):
            raise DeliveryError(f"--printer '{clean_line(printer)}' is not a CUPS printer name")
        command += ["-d", printer]
    if not 1 <= copies <= 100:
        raise DeliveryError(f"--copies {copies}: give 1 to 100 copies")
    command += ["-n", str(copies)]
    if duplex is not None:
        command += ["-o", "sides=two-sided-long-edge" if duplex else "sides=one-sided"]
    if pages:
        command += ["-P", page_ranges(pages, pdf_page_count(path))]
    name = clean_line(title or path.name, 100)
    if name:
        command += ["-t", name]
    command += ["--", str(path)]
    return command


_KNOWN = (
    ("does not exist", "printer {printer} does not exist (see 'lpstat -p' for the printers CUPS knows)"),
    ("no default destination", "no default printer: give --printer NAME (see 'lpstat -p')"),
    ("scheduler not responding", "the CUPS scheduler is not running: start cupsd (e.g. 'systemctl start cups')"),
    ("not accepting jobs", "printer {printer} is not accepting jobs (see 'lpstat -a')"),
    ("unable to connect", "cannot reach the CUPS server: is cupsd running?"),
)


def print_pdf(pdf: str | Path, *, printer: str | None = None, copies: int = 1, duplex: bool | None = None,
              pages: str | None = None, title: str | None = None) -> PrintJob:
    """Send ``pdf`` to a CUPS printer with ``lp``; return the request id.

    Raises DeliveryError with one line when CUPS is not installed, the
    scheduler is down, the printer is unknown, or ``lp`` fails otherwise.
    """
    path = Path(pdf)
    if not path.is_file():
        raise DeliveryError(f"{pdf}: no such file to print")
    lp = shutil.which("lp")
    if lp is None:
        raise DeliveryError("cannot print: the CUPS 'lp' command is not installed "
                            "(Debian/Ubuntu: apt-get install cups-client)")
    command = lp_command(path, printer=printer, copies=copies, duplex=duplex, pages=pages, title=title, lp=lp)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", env=env,
                              timeout=LP_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise DeliveryError(f"lp did not answer within {LP_TIMEOUT:.0f} s: is the CUPS server reachable?") from None
    except OSError as exc:
        raise DeliveryError(f"cannot run lp ({exc.strerror})") from None
    if done.returncode != 0:
        message = clean_line(done.stderr or done.stdout or f"exit status {done.returncode}", 300)
        lowered = message.lower()
        for needle, text in _KNOWN:
            if needle in lowered:
                raise DeliveryError(text.format(printer=printer or "(default)") + f" [{message}]")
        raise DeliveryError(f"printing failed: {message}")
    match = re.search(r"request id is (\S+)", done.stdout)
    return PrintJob(request_id=match.group(1) if match else "", command=command)
