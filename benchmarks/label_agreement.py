"""How far other readings of the blind class sets agree with their labels: the ceiling for the classifier.

Usage: python benchmarks/label_agreement.py [--out FILE]

Two readings of classes1–4 by readers who saw neither the first labels nor the pipeline, each matched to the first
reading by source and offset; macro-F1 and accuracy treat the first reading as gold:
- `classes-second-reading.tsv`: each sentence read in its document, as the first reading was (label noise);
- `classes-lone-reading.tsv`: each sentence read alone, shuffled, without its document (what a careful reader can
  tell from the sentence's own words: the ceiling for a classifier reading a lone sentence).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from govdoc_nlp.evaluate.scorer import score_classes
from govdoc_nlp.labels import SENTENCE_LABELS

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "corpora" / "labelled"
SETS = ("classes1", "classes2", "classes3", "classes4")
READINGS = {"second reading, in context": "classes-second-reading.tsv", "lone reading, no document": "classes-lone-reading.tsv"}


def agreement(reading: str) -> dict:
    """Per set and over all four: macro-F1, accuracy and per-class F1 of ``reading`` against the first labels."""
    with open(LABELLED / READINGS[reading], encoding="utf-8", newline="") as handle:
        labels = {(row["source"], int(row["start"])): row["label"] for row in csv.DictReader(handle, delimiter="\t")}
    pairs: dict[str, list[tuple[str, str]]] = {}
    for name in SETS:
        for ex in read_labelled_set(LABELLED / f"{name}.jsonl"):
            pairs.setdefault(name, []).append((ex.label, labels[(ex.meta["source"], ex.meta["start"])]))
    pairs["all"] = [pair for name in SETS for pair in pairs[name]]
    out: dict = {}
    for name, pair in pairs.items():
        scored = score_classes([a for a, _ in pair], [b for _, b in pair], SENTENCE_LABELS)
        out[name] = {"sentences": len(pair), "macro_f1": scored["macro_f1"], "accuracy": scored["accuracy"],
                     "per_class_f1": {label: scored["per_class"][label]["f1"] for label in SENTENCE_LABELS}}
        print(f"{reading}: {name}: {len(pair)} sentences, macro-F1 {scored['macro_f1']:.3f}, "
              f"accuracy {scored['accuracy']:.3f}")
    out["disagreements (first → this)"] = {f"{a} → {b}": n for (a, b), n in
                                           Counter(p for p in pairs["all"] if p[0] != p[1]).most_common()}
    return out


def main() -> None:
    """Print and write the agreement of each reading, per set and over all four."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "label-agreement.json")
    args = parser.parse_args()
    report = {reading: agreement(reading) for reading in READINGS}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
