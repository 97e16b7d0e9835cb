"""Build the sentence-class sets ``classes*.jsonl`` (guidelines §3 format) from their hand-edited ``classes*.tsv``.

Run from the project root: ``python corpora/labelled/build_classes.py``. A TSV line is
``label, source, start, end, text``: ``source`` relative to ``../shared/corpora``, ``start``/``end`` the
sentence's offsets in the source's cleaned text (``govdoc_nlp.cleaning.clean_text``). Each JSONL row carries them
in ``meta`` with the document's place and year (from the corpus MANIFEST), so that a benchmark can put the sentence
back in its document when it is told where the documents are (``govdoc benchmark --documents``).

classes1–4 were labelled blind (by readers who saw neither the pipeline nor its output) and scored once:
classes1 eight 2026 provincial reports no other class set used (Yunnan, Inner Mongolia, Jilin, Ningxia, Guangxi,
Xinjiang, Tibet, Qinghai; 34 each); classes2 national reports 1956, 1960, 1983, 1994, 2002, 2009, 2015, 2021 (34
each); classes3 Hailar 2013 and 2017 (60 each) and three five-year plans (seventh, eleventh, Yunnan's tenth; 50
each); classes4 ten ministries' policy documents (27 each). classes-train1/2: 800 sentences drawn at random from
other documents, hand-labelled as training rows for the classifier (never scored); every third row of the
second draw is `classes-calibration` (133), kept out of training to fit the temperature of its probabilities.
classes-train3/4: 772 more training rows, from 24 unused policy documents and, at another stride, the reports and
plans outside the held-out sets. classes-train5/6/7: 2,977 more training rows (third session of 2026-11-30), from
the national reports outside the held-out sets (5), 140 policy documents no class set had used (6), and the
provincial, Hailar and five-year-plan documents outside the held-out sets at new stride positions (7).
classes-train8/9/10: 3,000 more training rows (2026-12-01), drawn at random from every document outside the
held-out sets (national 900, policy documents 900, provincial 600, Hailar 250, five-year plans 300, the founding
document 50; sentences no set held), dealt to three readers in turn, each labelling 1,000 in their documents.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.io.document_meta import document_meta
from govdoc_nlp.io.readers import read_text_file

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parents[1].parent / "shared" / "corpora"
SETS = ("classes1", "classes2", "classes3", "classes4", "classes-train1", "classes-train2", "classes-train3", "classes-train4",
        "classes-train5", "classes-train6", "classes-train7", "classes-train8", "classes-train9", "classes-train10",
        "classes-train11", "classes-train12", "classes-train13", "classes-calibration")


def build(name: str, corpora: Path = CORPORA) -> int:
    """Write ``name.jsonl`` from ``name.tsv``, checking each sentence against its document; rows written."""
    texts: dict[str, str] = {}
    rows = []
    with open(HERE / f"{name}.tsv", encoding="utf-8", newline="") as handle:
        for lineno, row in enumerate(csv.DictReader(handle, delimiter="\t"), 2):
            source, start, end = row["source"], int(row["start"]), int(row["end"])
            if source not in texts:
                texts[source] = clean_text(read_text_file(corpora / source).text).text
            if texts[source][start:end] != row["text"]:
                sys.exit(f"{name}.tsv:{lineno}: the text is not at {start}..{end} of {source}")
            meta = {"doc": Path(source).stem, **document_meta(corpora / source), "source": source,
                    "start": start, "end": end}
            rows.append({"text": row["text"], "label": row["label"], "meta": meta})
    with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


if __name__ == "__main__":
    for set_name in SETS:
        print(set_name, build(set_name))
