"""Read input documents: .txt files (any common encoding), folders of them, and .jsonl with text/id."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator


MAX_BYTES = 50 * 1024 * 1024


class InputError(ValueError):
    """An input cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class InputDocument:
    """One document to annotate."""

    id: str
    source: str
    text: str
    meta: dict = field(default_factory=dict)


CANDIDATE_ENCODINGS = ("gb18030", "big5", "utf-16")
MIN_PLAUSIBLE = 0.95


def _plausibility(text: str) -> float:
    """Share of characters that are Chinese, ASCII text, CJK punctuation, full-width forms or whitespace."""
    if not text:
        return 1.0
    good = sum(
        1 for ch in text
        if ch.isspace() or " " <= ch <= "~" or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·▶●■□◆"
    )
    return good / len(text)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM), else the most plausible Chinese encoding; reject binary data.

    A candidate encoding must decode without error and give text that is almost all Chinese, ASCII and
    punctuation; otherwise the input is refused, never guessed silently.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(f"{source}: looks like binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best, best_score = None, 0.0
    for encoding in CANDIDATE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(text)
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < MIN_PLAUSIBLE:
        raise InputError(
            f"{source}: not valid UTF-8 and not plausible as GB18030, Big5 or UTF-16 text "
            "(binary data, or an encoding this reader does not know)"
        )
    return best


def read_text_file(path: Path) -> InputDocument:
    """One .txt file as one document."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size} bytes is over the {MAX_BYTES}-byte limit for one document")
    return InputDocument(id=path.stem, source=str(path), text=decode_bytes(path.read_bytes(), str(path)))


def read_jsonl_file(path: Path) -> Iterator[InputDocument]:
    """Documents from a .jsonl file: each line an object with "text" and optional "id", "place"."""
    text = decode_bytes(path.read_bytes(), str(path))
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{lineno}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(f"{path}:{lineno}: expected an object with a string field \"text\"")
        doc_id = str(row.get("id", f"{path.stem}:{lineno}"))
        meta = {k: v for k, v in row.items() if k not in ("text", "id")}
        yield InputDocument(id=doc_id, source=f"{path}:{lineno}", text=row["text"], meta=meta)


def iter_inputs(paths: list[Path]) -> Iterator[InputDocument]:
    """Every document under ``paths`` (files and folders), in a stable order."""
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".jsonl") and p.is_file())
            if not files:
                raise InputError(f"{path}: folder has no .txt or .jsonl files")
        else:
            files = [path]
        for file in files:
            if file.suffix == ".jsonl":
                yield from read_jsonl_file(file)
            else:
                yield read_text_file(file)
