"""Worker processes that end with the run that started them, even when it is killed (SIGKILL included)."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def _linux_parent_death_signal() -> bool:
    """Ask Linux to send SIGTERM to this process when its parent ends; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(run_pid: int) -> None:
    while _alive(run_pid):
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def end_with_run(run_pid: int) -> None:
    """Make this worker end when the run ``run_pid`` ends.

    A local worker's parent is the fork server of the run, which exits when the run does, so on Linux the kernel's
    parent-death signal ends the worker at once. A daemon thread that checks the run's pid every second covers the
    other systems and a parent that had already gone before the signal was asked for.
    """
    _linux_parent_death_signal()
    if not _alive(run_pid) or os.getppid() == 1:
        os._exit(1)
    threading.Thread(target=_watch, args=(run_pid,), name="govdoc-run-watch", daemon=True).start()
