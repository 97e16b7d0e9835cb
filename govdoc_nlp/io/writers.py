"""Write records as JSONL atomically: a temporary file beside the target, renamed when complete."""

from __future__ import annotations

import json
import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it when the block succeeds; removed when it fails. The file
    is created with the user's umask, as a plain ``open`` would (``mkstemp`` makes it private)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = str(target.with_name(f"{target.name}.{uuid.uuid4().hex[:12]}.tmp"))
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def atomic_jsonl(path: Path) -> Iterator[TextIO]:
    """Open ``path`` for writing; on success it appears whole (synced to disk), on error the old file is untouched."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as out:
        yield out
        out.flush()
        os.fsync(out.fileno())


def write_record(out: TextIO, record: dict) -> None:
    """One JSON line."""
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
