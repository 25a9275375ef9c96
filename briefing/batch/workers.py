"""The work of ``briefing batch``: one job in a worker, and the executors.

:func:`run_job` makes one brief and never raises: a failure is a
:class:`~briefing.batch.jobs.Result` with the reason, so one bad document
never stops the others.  :func:`run_local` runs jobs on long-lived local
worker processes (imports paid once per worker); :func:`run_dask` sends the
same function to an existing Dask distributed cluster.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from briefing.batch.jobs import Job, Options, Result, file_sha256
from briefing.batch.warm import warm_up  # light: its heavy imports happen inside
from briefing.errors import BriefingError

#: Start method of the local worker processes (docs/decisions.md: measured
#: against fork: same speed, 6% less memory per worker, safe with threads).
START_METHOD = "forkserver"


def _local_worker() -> None:
    """Initializer of a local worker: Ctrl-C is the parent's to handle, then warm up."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the pool: no traceback per worker
    warm_up()  # nothing left to do in a worker forked from the warm forkserver


def _style(options: Options) -> Any:
    from functools import lru_cache

    global _STYLE_CACHE  # one small cache per worker process
    if _STYLE_CACHE is None:
        from briefing.config import load_style

        _STYLE_CACHE = lru_cache(maxsize=8)(load_style)
    return _STYLE_CACHE(options.style_file, paper=options.paper, grayscale=options.grayscale,
                        language=options.language, length=options.length)


_STYLE_CACHE: Any = None


def run_job(job: Job) -> Result:
    """Make one brief; never raises (a failure is a Result with the reason)."""
    start = time.perf_counter()
    warnings: list[str] = []
    result = Result(input=job.name, output=job.output, status="ok", worker=os.getpid())
    try:
        from briefing import pipeline

        style = _style(job.options)
        brief = pipeline.brief_from(job.inputs, date=job.options.date or None, length=style.length,
                                    warn=lambda path, message: warnings.append(f"{Path(path).name}: {message}"))
        pipeline.write(brief, job.output, job.options.fmt, template=job.options.template, style=style,
                       warn=warnings.append)
        result.sha256 = file_sha256(job.output)
    except BriefingError as exc:
        result.status, result.error = "failed", _line(str(exc))
    except Exception as exc:  # a bug, but one document must not stop the batch
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f" at {Path(frame.filename).name}:{frame.lineno}"
        result.status, result.error = "failed", _line(f"internal error: {type(exc).__name__}: {exc}{where}")
    result.seconds = round(time.perf_counter() - start, 3)
    result.warnings = [_line(w) for w in warnings]
    return result


def _line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# --------------------------------------------------------------------------
# Executors
# --------------------------------------------------------------------------


def run_local(jobs: Sequence[Job], workers: int, start_method: str = START_METHOD) -> Iterator[Result]:
    """Run ``jobs`` on ``workers`` long-lived processes; yield results as they finish.

    At most two jobs per worker are in flight, so if a worker dies (killed,
    out of memory) only those jobs fail; the pool is then started again for
    the rest.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        # The server imports everything once; each worker is forked from it ready to work.
        context.set_forkserver_preload(["briefing.batch.workers", "briefing.batch._preload"])
    queue = list(reversed(jobs))
    workers = max(1, min(workers, len(jobs)))
    while queue:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_local_worker)
        running: dict[Future[Result], Job] = {}
        broken = False
        try:
            while queue or running:
                while queue and len(running) < 2 * workers and not broken:
                    job = queue.pop()
                    running[pool.submit(run_job, job)] = job
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken = True
                        yield Result(input=job.name, output=job.output, status="failed",
                                     error="the worker process stopped unexpectedly (out of memory or killed?)")
                if broken and not running:
                    break
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def dask_address(executor: str) -> str:
    """``dask://HOST:PORT`` -> ``tcp://HOST:PORT`` (``dask+tls://`` -> ``tls://``)."""
    for prefix, scheme in (("dask://", "tcp://"), ("dask+tls://", "tls://")):
        if executor.startswith(prefix) and len(executor) > len(prefix):
            return scheme + executor[len(prefix):]
    raise BriefingError(f"--executor {executor}: give 'local' or dask://HOST:PORT")


def run_dask(jobs: Sequence[Job], address: str, timeout: float = 30.0) -> Iterator[Result]:
    """Run ``jobs`` on the Dask distributed scheduler at ``address``; yield results."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise BriefingError("--executor dask:// needs Dask distributed: pip install 'briefing[dask]'") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise BriefingError(f"cannot reach the Dask scheduler at {address} ({_line(str(exc))})") from None
    try:
        client.run(warm_up)
        futures = {client.submit(run_job, job, pure=False, key=f"brief-{i}-{job.key[:12]}"): job
                   for i, job in enumerate(jobs)}
        for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call]
            job = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # a lost worker or the like: this job only
                yield Result(input=job.name, output=job.output, status="failed",
                             error=_line(f"dask: {type(exc).__name__}: {exc}"))
    finally:
        client.close()  # type: ignore[no-untyped-call]
