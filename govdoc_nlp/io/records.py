"""to_record: the JSON-serialisable dict the CLI writes for one annotated Doc."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc

from govdoc_nlp.data_files import DataFileError, json_lines


class RecordsError(ValueError):
    """A file of annotated records cannot be read; the message names the file and line."""

ENTITY_ATTRS = {"METRIC": "metric", "PLACE": "place", "SLOGAN": "slogan"}


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_record(doc: Doc, doc_id: str | None = None, source: str | None = None, meta: dict | None = None) -> dict:
    """Record of a processed Doc: clean text, sentences and entities with offsets into clean and raw text."""
    offsets = doc._.offset_map
    text = doc.text
    sents = []
    if doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            start, end = _stripped(text, sent.start_char, sent.end_char)
            if start == end:
                continue
            raw_start, raw_end = offsets.span_to_raw(start, end)
            row = {"start": start, "end": end, "raw_start": raw_start, "raw_end": raw_end, "text": text[start:end]}
            if sent._.section is not None:
                row["section"], row["heading"] = sent._.section, sent._.heading or ""
            if sent._.label is not None:
                row["label"], row["scores"] = sent._.label, sent._.scores
            sents.append(row)
    ents = []
    for ent in doc.ents:
        raw_start, raw_end = offsets.span_to_raw(ent.start_char, ent.end_char)
        row = {"start": ent.start_char, "end": ent.end_char, "raw_start": raw_start, "raw_end": raw_end,
               "text": ent.text, "label": ent.label_}
        attr = ENTITY_ATTRS.get(ent.label_)
        if attr is not None:
            row[attr] = ent._.get(attr)
        ents.append(row)
    record = {"id": doc_id, "source": source, "text": text, "sents": sents, "ents": ents}
    if meta:
        record["meta"] = meta
    return record


def read_annotated_records(path: Path) -> Iterator[dict]:
    """The records of an annotated JSONL file (``govdoc annotate`` output); a missing file, or a line that is not
    a record, is an error naming file and line."""
    if not Path(path).is_file():
        raise RecordsError(f"{path}: no such file")
    with open(path, encoding="utf-8") as handle:
        try:
            for lineno, record in json_lines(handle, str(path)):
                if not isinstance(record, dict) or not isinstance(record.get("text"), str) or "ents" not in record:
                    raise RecordsError(f"{path}:{lineno}: not an annotated record (text, sents, ents)")
                yield record
        except DataFileError as err:
            raise RecordsError(str(err)) from None
