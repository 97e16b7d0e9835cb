"""to_record: the JSON-serialisable dict the CLI writes for one annotated Doc."""

from __future__ import annotations

from spacy.tokens import Doc

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
