"""One run per output: a run holds a lock on ``OUT.lock`` while it writes ``OUT``."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout


class OutputBusyError(RuntimeError):
    """Another run is writing the same output."""


def lock_path(out: Path) -> Path:
    """The lock file of an output: ``OUT.lock`` beside it."""
    out = Path(out)
    return out.with_name(out.name + ".lock")


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` for the duration of a run; raise ``OutputBusyError`` at once if another run holds
    it. The lock is the operating system's (flock on Linux and macOS), so a run that was killed holds nothing: its
    leftover ``OUT.lock`` file is taken over, never obeyed."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise OutputBusyError(f"{out}: another govdoc run is writing this output (it holds {path}); wait for it "
                              "to finish or stop it, or choose another --out") from None
    try:
        yield
    finally:
        lock.release()
