"""Forked worker processes for parse and render, which fail loudly.

`multiprocessing.Pool` waits forever for a result its worker never sent: a worker killed by the
kernel (out of memory at 50,000 documents) or a result the main process cannot unpickle hung
the build, and CI sat until its job's timeout. `concurrent.futures` notices a lost worker; here
that becomes `WorkerLost`, which stops the build before anything is published.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


class WorkerLost(RuntimeError):
    """A worker process stopped before sending its results (killed, or out of memory)."""


def mapped(
    function: Callable[[_Item], _Result],
    items: Iterable[_Item],
    jobs: int,
    chunksize: int = 1,
    niceness: int = 0,
) -> Generator[_Result, None, None]:
    """`function` over `items` in `jobs` forked processes, the results in the items' order as
    they come. The workers inherit the caller's memory when the first item is sent (what they
    need can be put in a module global just before). Left early (an error in the caller), the
    items not yet started are dropped and the workers end."""
    pool = ProcessPoolExecutor(
        jobs, multiprocessing.get_context("fork"), initializer=_started, initargs=(niceness,)
    )
    try:
        yield from pool.map(function, items, chunksize=chunksize)
    except BrokenProcessPool as lost:
        raise WorkerLost(str(lost)) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _started(niceness: int) -> None:
    """A worker's set-up: its CPU priority lowered by `niceness`, and Ctrl+C left to the build,
    which stops the pool and says so once (each worker printed a KeyboardInterrupt traceback
    on the editor's terminal)."""
    os.nice(niceness)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
