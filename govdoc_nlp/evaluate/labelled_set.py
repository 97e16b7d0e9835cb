"""Read and validate a labelled set (JSONL: text, label, spans, meta)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govdoc_nlp.data_files import json_lines
from govdoc_nlp.io.readers import InputError, decode_bytes
from govdoc_nlp.labels import SENTENCE_LABELS

ENTITY_LABELS = ("METRIC", "PLACE", "SLOGAN")
ROW_KEYS = {"text", "label", "spans", "meta"}
SPAN_KEYS = {"start", "end", "label", "metric"}


@dataclass(frozen=True)
class GoldSpan:
    """One labelled entity; ``metric`` optionally holds the gold value and unit."""

    start: int
    end: int
    label: str
    metric: dict | None = None


@dataclass(frozen=True)
class GoldExample:
    """One labelled sentence (or passage)."""

    text: str
    label: str | None
    spans: tuple[GoldSpan, ...] | None
    meta: dict = field(default_factory=dict)

    @property
    def span_labels(self) -> tuple[str, ...]:
        """The entity labels this example's spans cover: ``meta.span_labels`` if given, else all three."""
        return tuple(self.meta.get("span_labels") or ENTITY_LABELS)


def _check(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise InputError(f"{where}: {message}")


def read_labelled_set(path: Path) -> list[GoldExample]:
    """Parse a labelled set, rejecting unknown keys, bad labels and out-of-range offsets with file:line."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    examples = []
    for lineno, row in json_lines(decode_bytes(path.read_bytes(), str(path)).splitlines(), str(path), InputError):
        where = f"{path}:{lineno}"
        _check(isinstance(row, dict) and isinstance(row.get("text"), str), where, 'expected an object with "text"')
        _check(not set(row) - ROW_KEYS, where, f"unknown key(s) {sorted(set(row) - ROW_KEYS)}")
        label = row.get("label")
        _check(label is None or label in SENTENCE_LABELS, where, f"label {label!r} not one of {SENTENCE_LABELS}")
        spans = None
        if "spans" in row:
            spans = []
            for span in row["spans"]:
                _check(isinstance(span, dict) and not set(span) - SPAN_KEYS, where, f"bad span {span!r}")
                _check(span.get("label") in ENTITY_LABELS, where, f"span label {span.get('label')!r}")
                start, end = span.get("start"), span.get("end")
                _check(isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(row["text"]),
                       where, f"span offsets {start}..{end} outside the text")
                spans.append(GoldSpan(start, end, span["label"], span.get("metric")))
            spans = tuple(sorted(spans, key=lambda s: (s.start, s.end)))
        meta = row.get("meta") or {}
        covered = meta.get("span_labels", ENTITY_LABELS) if isinstance(meta, dict) else None
        _check(isinstance(covered, (list, tuple)) and bool(covered) and set(covered) <= set(ENTITY_LABELS), where,
               f"meta.span_labels {covered!r} is not a list of {ENTITY_LABELS}")
        _check(all(s.label in covered for s in spans or ()), where, f"a span's label is not in {covered}")
        examples.append(GoldExample(row["text"], label, spans, meta))
    if not examples:
        raise InputError(f"{path}: no examples")
    return examples


def source_documents(labelled_sets: list[Path], root: Path) -> list[Path]:
    """The documents (``meta.source`` under ``root``) the examples of ``labelled_sets`` come from: to hold out."""
    return sorted({root / ex.meta["source"] for path in labelled_sets for ex in read_labelled_set(path)
                   if ex.meta.get("source")})
