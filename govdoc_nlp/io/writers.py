"""Write records as JSONL atomically: a temporary file beside the target, renamed when complete."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO


@contextmanager
def atomic_jsonl(path: Path) -> Iterator[TextIO]:
    """Open ``path`` for writing; on success it appears whole, on error the old file is untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_record(out: TextIO, record: dict) -> None:
    """One JSON line."""
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
