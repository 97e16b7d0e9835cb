"""The one place that reads the package's data files (lexicons, rules, patterns)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Collection, Iterable, Iterator, Mapping, Sequence


class DataFileError(ValueError):
    """A package data file (or a user-supplied rule file) is malformed."""


def package_text(name: str) -> str:
    """The text of one of the package's data files."""
    return resources.files("govdoc_nlp").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def package_file_names() -> frozenset[str]:
    """The names of the package's data files."""
    return frozenset(p.name for p in resources.files("govdoc_nlp").joinpath("data").iterdir() if p.is_file())


def _numbered_tsv_rows(name: str, text: str) -> Iterator[tuple[int, dict[str, str]]]:
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise DataFileError(f"{name}:{lineno}: expected {len(header)} tab-separated fields, got {len(cells)}")
        yield lineno, dict(zip(header, cells))


def parse_tsv(name: str, text: str, columns: Sequence[str] | None = None,
              allowed: Mapping[str, Collection[str]] | None = None) -> tuple[dict[str, str], ...]:
    """Rows of TSV ``text`` (the file ``name``) as dicts; lines starting with # are comments, the first other line
    is the header. With ``columns``, exactly those columns; each column named in ``allowed`` holds only those
    values. An error names the file and line (a mistyped kind would otherwise drop its row without a word)."""
    rows = []
    for lineno, row in _numbered_tsv_rows(name, text):
        if columns is not None and list(row) != list(columns):
            raise DataFileError(f"{name}: columns {', '.join(row)}; expected {', '.join(columns)}")
        for column, values in (allowed or {}).items():
            if row[column] not in values:
                raise DataFileError(f"{name}:{lineno}: unknown {column} {row[column]!r}; "
                                    f"expected one of {', '.join(values)}")
        rows.append(row)
    return tuple(rows)


def parse_lines(text: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a plain-text rule file."""
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of one of the package's TSV data files (see :func:`parse_tsv`)."""
    return parse_tsv(name, package_text(name))


def json_lines(lines: Iterable[str], source: str,
               error: type[ValueError] = DataFileError) -> Iterator[tuple[int, object]]:
    """(line number, value) of each non-blank JSON line; a line that is not JSON raises ``error`` naming file and
    line (the one JSONL line reader of the package)."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            raise error(f"{source}:{lineno}: not valid JSON ({err.msg})") from None
        yield lineno, value


def first_json_line(path) -> object | None:
    """The value of a file's first non-blank line when it is JSON, else None: a cheap look at what a JSONL file
    holds (documents, annotated records, a labelled ledger)."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                try:
                    return json.loads(line)
                except json.JSONDecodeError:
                    return None
    return None


def parse_jsonl_rows(
    lines: Iterable[str], source: str, allowed: frozenset[str], required: frozenset[str]
) -> list[dict]:
    """Parse JSONL rule rows, rejecting unknown or missing keys with a message naming file and line."""
    rows = []
    for lineno, row in json_lines(lines, source):
        if not isinstance(row, dict):
            raise DataFileError(f"{source}:{lineno}: expected a JSON object")
        unknown = set(row) - allowed
        if unknown:
            raise DataFileError(f"{source}:{lineno}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
        missing = required - set(row)
        if missing:
            raise DataFileError(f"{source}:{lineno}: missing key(s) {sorted(missing)}")
        rows.append(row)
    return rows


@lru_cache(maxsize=None)
def read_jsonl(name: str, allowed: frozenset[str], required: frozenset[str]) -> tuple[dict, ...]:
    """Rows of a JSONL data file in the package, validated against a closed key set."""
    return tuple(parse_jsonl_rows(package_text(name).splitlines(), f"govdoc_nlp/data/{name}", allowed, required))


def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of one of the package's plain-text data files."""
    return parse_lines(package_text(name))
