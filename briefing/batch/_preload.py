"""Imported by the forkserver of ``briefing batch``: warms the server once.

``multiprocessing``'s forkserver preload takes module names only, so this
module's import is its whole purpose: every worker forked afterwards starts
warm (see :mod:`briefing.batch.warm`).
"""

from briefing.batch.warm import warm_up

warm_up()
