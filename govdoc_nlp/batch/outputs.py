"""Write annotation records as JSONL or Parquet, and as flat analyst tables (sentences, entities, metrics).

Every file is written to a temporary name beside its target and renamed when complete.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from govdoc_nlp.io.document_meta import parse_year
from govdoc_nlp.io.writers import atomic_jsonl, atomic_path, write_record

ROWS_PER_GROUP = 256
_SPAN = [("start", pa.int64()), ("end", pa.int64()), ("raw_start", pa.int64()), ("raw_end", pa.int64()),
         ("text", pa.string())]
SCORES_TYPE = pa.struct([(label, pa.float64()) for label in ("achievement", "target", "problem", "other")])
_SENTENCE = _SPAN + [("section", pa.string()), ("heading", pa.string()), ("label", pa.string()),
                     ("scores", SCORES_TYPE)]
METRIC_TYPE = pa.struct([("value", pa.float64()), ("value_max", pa.float64()), ("unit", pa.string()),
                         ("kind", pa.string()), ("direction", pa.string()), ("qualifier", pa.string()),
                         ("scope", pa.string()), ("subject", pa.string())])
PLACE_TYPE = pa.struct([("name", pa.string()), ("adcode", pa.string()), ("level", pa.string()),
                        ("parent", pa.string())])
SLOGAN_TYPE = pa.struct([("canonical", pa.string()), ("short", pa.string()), ("in_lexicon", pa.bool_())])
RECORD_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("place", pa.string()), ("year", pa.int64()),
    ("text", pa.string()),
    ("sents", pa.list_(pa.struct(_SENTENCE))),
    ("ents", pa.list_(pa.struct(_SPAN + [("label", pa.string()), ("metric", METRIC_TYPE), ("place", PLACE_TYPE),
                                         ("slogan", SLOGAN_TYPE)]))),
    ("meta", pa.string()),
])
_DOC_COLUMNS = [("doc_id", pa.string()), ("source", pa.string()), ("place", pa.string()), ("year", pa.int64())]
TABLE_SCHEMAS = {
    "sentences": pa.schema(_DOC_COLUMNS + [("sentence", pa.int64())] + _SENTENCE),
    "entities": pa.schema(_DOC_COLUMNS + [("sentence", pa.int64()), ("label", pa.string())] + _SPAN
                          + [("normalized", pa.string()), ("adcode", pa.string()), ("level", pa.string())]),
    "metrics": pa.schema(_DOC_COLUMNS + [("sentence", pa.int64())] + _SPAN
                         + [(name, METRIC_TYPE.field(name).type) for name in METRIC_TYPE.names]),
}


def _record_row(record: dict) -> dict:
    meta = record.get("meta") or {}
    return {"id": record["id"], "source": record["source"], "place": meta.get("place"), "year": parse_year(meta.get("year")),
            "text": record["text"], "sents": record["sents"], "ents": record["ents"],
            "meta": json.dumps(meta, ensure_ascii=False)}


def _write_parquet(path: Path, schema: pa.Schema, rows: Iterable[dict]) -> int:
    count, buffer = 0, []
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema) as writer:
            for row in rows:
                buffer.append(row)
                if len(buffer) >= ROWS_PER_GROUP:
                    writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                    count += len(buffer)
                    buffer = []
            if buffer or count == 0:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                count += len(buffer)
    return count


def split_paths(out: Path) -> list[Path]:
    """The numbered files of a split output (``reports-00000.jsonl``, …) that exist, in order."""
    out = Path(out)
    return sorted(out.parent.glob(f"{out.stem}-[0-9][0-9][0-9][0-9][0-9]{out.suffix}"))


def numbered_path(out: Path, n: int) -> Path:
    """File ``n`` of a split output."""
    out = Path(out)
    return out.with_name(f"{out.stem}-{n:05d}{out.suffix}")


def _write_one(records: Iterable[dict], out: Path, fmt: str) -> int:
    if fmt == "parquet":
        return _write_parquet(out, RECORD_SCHEMA, (_record_row(r) for r in records))
    count = 0
    with atomic_jsonl(out) as sink:
        for record in records:
            write_record(sink, record)
            count += 1
    return count


def write_records(records: Iterable[dict], out: Path, fmt: str, split: int = 0) -> int:
    """Write records as ``jsonl`` or ``parquet``, in one file or, with ``split``, in numbered files of at most
    ``split`` records each; returns how many. Numbered files left from an earlier, longer run are removed."""
    if split <= 0:
        return _write_one(records, out, fmt)
    total, n = 0, 0
    iterator = iter(records)
    while chunk := list(islice(iterator, split)):
        total += _write_one(chunk, numbered_path(out, n), fmt)
        n += 1
    for stale in split_paths(out)[n:]:
        stale.unlink()
    return total


def _sentence_of(sents: list[dict], starts: list[int], start: int) -> int | None:
    """Index of the sentence holding character ``start`` (``starts``: the sentences' starts, ascending)."""
    i = bisect_right(starts, start) - 1
    return i if i >= 0 and start < sents[i]["end"] else None


def _table_rows(records: Iterable[dict], table: str) -> Iterator[dict]:
    span_keys = [name for name, _ in _SPAN]
    sentence_keys = [name for name, _ in _SENTENCE]
    for record in records:
        meta = record.get("meta") or {}
        doc = {"doc_id": record["id"], "source": record["source"], "place": meta.get("place"), "year": parse_year(meta.get("year"))}
        if table == "sentences":
            for i, sent in enumerate(record["sents"]):
                yield {**doc, "sentence": i, **{k: sent.get(k) for k in sentence_keys}}
            continue
        starts = [sent["start"] for sent in record["sents"]]
        for ent in record["ents"]:
            base = {**doc, "sentence": _sentence_of(record["sents"], starts, ent["start"]),
                    **{k: ent[k] for k in span_keys}}
            if table == "metrics" and ent["label"] == "METRIC":
                yield {**base, **{k: ent["metric"].get(k) for k in METRIC_TYPE.names}}
            elif table == "entities":
                reading = ent.get("place") or ent.get("slogan") or {}
                normalized = reading.get("name") or reading.get("canonical")
                if ent["label"] == "METRIC":
                    normalized = json.dumps({k: v for k, v in ent["metric"].items() if v is not None}, ensure_ascii=False)
                yield {**base, "label": ent["label"], "normalized": normalized,
                       "adcode": reading.get("adcode"), "level": reading.get("level")}


def write_tables(records_factory, folder: Path) -> dict[str, int]:
    """sentences/entities/metrics.parquet in ``folder``; ``records_factory()`` gives a fresh record iterator."""
    folder = Path(folder)
    return {name: _write_parquet(folder / f"{name}.parquet", schema, _table_rows(records_factory(), name))
            for name, schema in TABLE_SCHEMAS.items()}
