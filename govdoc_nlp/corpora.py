"""Report corpora: ``load_reports`` reads every report under a path as a datasets.Dataset."""

from __future__ import annotations

import hashlib
from pathlib import Path

from govdoc_nlp.io.readers import InputFailure, iter_inputs


def content_id(text: str) -> str:
    """A stable id for a document's text (first 16 hex digits of its SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_reports(path: str | Path):
    """Every readable report under ``path`` as a ``datasets.Dataset``: id, text, source, place, level, year.

    Unreadable files are skipped (``govdoc annotate`` lists them in its errors file); a ``path`` that does not
    exist raises ``FileNotFoundError``.
    """
    from datasets import Dataset

    if not any(ch in str(path) for ch in "*?[") and not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such file or folder")

    rows = {"id": [], "text": [], "source": [], "place": [], "level": [], "year": []}
    for item in iter_inputs([path]):
        if isinstance(item, InputFailure):
            continue
        rows["id"].append(content_id(item.text))
        rows["text"].append(item.text)
        rows["source"].append(item.source)
        for key in ("place", "level", "year"):
            rows[key].append(item.meta.get(key))
    return Dataset.from_dict(rows)
