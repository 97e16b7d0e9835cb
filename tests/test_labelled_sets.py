"""The hand-labelled class sets still point at their sentences: a change to the cleaner that moves text must come
with the sets' offsets moved too (`corpora/labelled/build_classes.py` checks each row when it builds)."""

from __future__ import annotations

import json

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.io.readers import read_text_file
from govdoc_nlp.labels import SENTENCE_LABELS

from conftest import ROOT, SHARED

LABELLED = ROOT / "corpora" / "labelled"


def test_every_class_row_is_at_its_offsets_in_its_cleaned_source() -> None:
    cleaned: dict[str, str] = {}
    wrong, rows = [], 0
    for path in sorted(LABELLED.glob("classes*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            meta = row["meta"]
            if meta["source"] not in cleaned:
                cleaned[meta["source"]] = clean_text(read_text_file(SHARED / "corpora" / meta["source"]).text).text
            rows += 1
            if cleaned[meta["source"]][meta["start"]:meta["end"]] != row["text"] or row["label"] not in SENTENCE_LABELS:
                wrong.append(f"{path.name}:{lineno}")
    assert rows > 8000 and not wrong, wrong[:10]
