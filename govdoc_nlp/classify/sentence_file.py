"""Sentences for `govdoc classify`: one sentence a line, or JSONL rows with ``text`` and optional ``section`` and
``heading``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govdoc_nlp.data_files import json_lines
from govdoc_nlp.io.readers import InputError, decode_bytes
from govdoc_nlp.labels import SECTIONS


@dataclass(frozen=True)
class SentenceLine:
    """One sentence to classify, with its line number and the section it stands in (None: not known)."""

    line: int
    text: str
    section: str | None = None
    heading: str = ""


def read_sentence_file(path: Path) -> list[SentenceLine]:
    """Parse ``path`` (any encoding): JSONL when its first non-blank line is a JSON object, else plain lines."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    lines = decode_bytes(path.read_bytes(), str(path)).splitlines()
    first = next((line.strip() for line in lines if line.strip()), "")
    as_json = first.startswith("{")
    if not as_json:
        return [SentenceLine(lineno, line.strip()) for lineno, line in enumerate(lines, 1) if line.strip()]
    out = []
    for lineno, row in json_lines(lines, str(path), InputError):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(f"{path}:{lineno}: expected an object with a string \"text\"")
        section = row.get("section")
        if section is not None and section not in SECTIONS:
            raise InputError(f"{path}:{lineno}: section {section!r} is not one of {', '.join(SECTIONS)} or null")
        heading = row.get("heading") or ""
        if not isinstance(heading, str):
            raise InputError(f"{path}:{lineno}: heading must be a string")
        out.append(SentenceLine(lineno, row["text"], section, heading))
    if not out:
        raise InputError(f"{path}: no sentences")
    return out
