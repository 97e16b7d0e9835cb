"""Read input documents: .txt/.md, .html, .jsonl and .parquet files, folders and globs of them, any common encoding.

A file that cannot be read yields an :class:`InputFailure` (source and reason) instead of stopping the run.
"""

from __future__ import annotations

import glob
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from charset_normalizer import from_bytes

from govdoc_nlp.han import is_han
from govdoc_nlp.io.document_meta import document_meta
from govdoc_nlp.io.html_text import html_to_text

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + (".jsonl", ".parquet")
CHINESE_ENCODINGS = ["gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be"]
MIN_PLAUSIBLE = 0.95


class InputError(ValueError):
    """An input cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class InputDocument:
    """One document to annotate; ``source`` is unique per document (path, or path:line / path:row)."""

    id: str
    source: str
    text: str
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class InputFailure:
    """An input that could not be read, and why."""

    source: str
    reason: str


def _plausibility(text: str) -> float:
    """Share of characters that are Chinese, ASCII text, CJK punctuation, full-width forms or whitespace."""
    if not text:
        return 1.0
    good = sum(
        1 for ch in text
        if ch.isspace() or " " <= ch <= "~" or is_han(ch) or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·▶●■□◆"
    )
    return good / len(text)


def decode_bytes(data: bytes, source: str, replace_errors: bool = False) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with a BOM, else what charset-normalizer finds among Chinese
    encodings; the result must be plausible Chinese or ASCII text, or the input is refused, never guessed.
    ``replace_errors``: UTF-8 text with a few undecodable bytes is read with U+FFFD in their place."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(f"{source}: looks like binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad_byte = err.start
    candidates = [str(match) for match in from_bytes(data, cp_isolation=CHINESE_ENCODINGS)]
    for encoding in CHINESE_ENCODINGS[:2]:  # short texts can defeat detection; try the usual ones too
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    best = max(candidates, key=_plausibility, default=None)
    if best is None or _plausibility(best) < MIN_PLAUSIBLE:
        replaced = data.decode("utf-8-sig", errors="replace")
        if replace_errors and _plausibility(replaced) >= MIN_PLAUSIBLE:
            return replaced
        raise InputError(
            f"{source}: not valid UTF-8 (first undecodable byte at offset {bad_byte}) and not plausible as "
            "GB18030, Big5 or UTF-16 text (binary data, or an encoding this reader does not know; "
            "--replace-errors reads UTF-8 text with a few bad bytes)"
        )
    return best


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size} bytes is over the {MAX_BYTES}-byte limit for one document")
    return path.read_bytes()


def read_text_file(path: Path, replace_errors: bool = False) -> InputDocument:
    """One .txt, .md or .html file as one document (HTML reduced to its text)."""
    text = decode_bytes(_read_bytes(path), str(path), replace_errors)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    return InputDocument(id=path.stem, source=str(path), text=text, meta=document_meta(path, text))


def _row_document(row: dict, source: str, default_id: str) -> InputDocument:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise InputError(f'{source}: expected an object with a string field "text"')
    meta = {k: v for k, v in row.items() if k not in ("text", "id") and v is not None}
    return InputDocument(id=str(row.get("id") or default_id), source=source, text=row["text"], meta=meta)


def read_jsonl_file(path: Path, replace_errors: bool = False) -> Iterator[InputDocument | InputFailure]:
    """Documents from a .jsonl file: each line an object with "text" and optional "id", "place", "year"."""
    try:
        text = decode_bytes(_read_bytes(path), str(path), replace_errors)
    except (InputError, OSError) as err:
        yield InputFailure(str(path), str(err))
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            yield _row_document(json.loads(line), source, f"{path.stem}:{lineno}")
        except json.JSONDecodeError as err:
            yield InputFailure(source, f"{source}: not valid JSON ({err.msg})")
        except InputError as err:
            yield InputFailure(source, str(err))


def read_parquet_file(path: Path) -> Iterator[InputDocument | InputFailure]:
    """Documents from a .parquet file with a ``text`` column (and optional ``id``, ``place``, ``year``)."""
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
    except Exception as err:  # pyarrow raises several types for unreadable files
        yield InputFailure(str(path), f"{path}: not a readable Parquet file ({err})")
        return
    if "text" not in table.column_names:
        yield InputFailure(str(path), f"{path}: Parquet file has no 'text' column")
        return
    for i, row in enumerate(table.to_pylist(), 1):
        source = f"{path}:{i}"
        try:
            yield _row_document(row, source, f"{path.stem}:{i}")
        except InputError as err:
            yield InputFailure(source, str(err))


def expand_inputs(inputs: list[str | Path]) -> Iterator[Path | InputFailure]:
    """Files named by ``inputs`` (files, folders, globs), in a stable order; unmatched inputs as failures."""
    for item in inputs:
        text = str(item)
        if any(ch in text for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                yield InputFailure(text, f"{text}: the pattern matches no file")
            yield from matches
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not files:
                yield InputFailure(text, f"{path}: folder has no {', '.join(SUPPORTED)} files")
            yield from files
        elif path.is_file():
            yield path
        else:
            yield InputFailure(text, f"{path}: no such file or folder")


def readable_documents(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[InputDocument]:
    """The documents under ``inputs`` that can be read, less those whose source is one of ``exclude``."""
    skip = {str(Path(p).resolve()) for p in exclude}
    for item in iter_inputs(list(inputs)):
        if not isinstance(item, InputFailure) and str(Path(item.source).resolve()) not in skip:
            yield item


def iter_inputs(inputs: list[str | Path], replace_errors: bool = False) -> Iterator[InputDocument | InputFailure]:
    """Every document under ``inputs``, or the reason it could not be read; ``replace_errors`` as in
    :func:`decode_bytes`."""
    for path in expand_inputs(inputs):
        if isinstance(path, InputFailure):
            yield path
            continue
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from read_jsonl_file(path, replace_errors)
        elif suffix == ".parquet":
            yield from read_parquet_file(path)
        else:
            try:
                yield read_text_file(path, replace_errors)
            except (InputError, OSError) as err:
                yield InputFailure(str(path), str(err))
