"""How far two readings of the blind class sets agree: the ceiling a sentence classifier can be judged against.

Usage: python benchmarks/label_agreement.py [--out FILE]

`corpora/labelled/classes-second-reading.tsv` holds a second, independent reading of classes1–4 (readers who saw
neither the first labels nor the pipeline). Each sentence is matched to the first reading by source and offsets;
macro-F1 and accuracy treat the first reading as gold.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from govdoc_nlp.labels import SENTENCE_LABELS
from govdoc_nlp.evaluate.scorer import score_classes

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "corpora" / "labelled"
SETS = ("classes1", "classes2", "classes3", "classes4")


def main() -> None:
    """Print and write the agreement of the two readings, per set and over all four."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "label-agreement.json")
    args = parser.parse_args()
    with open(LABELLED / "classes-second-reading.tsv", encoding="utf-8", newline="") as handle:
        second = {(row["source"], int(row["start"])): row["label"] for row in csv.DictReader(handle, delimiter="\t")}
    pairs: dict[str, list[tuple[str, str]]] = {}
    for name in SETS:
        for ex in read_labelled_set(LABELLED / f"{name}.jsonl"):
            pairs.setdefault(name, []).append((ex.label, second[(ex.meta["source"], ex.meta["start"])]))
    pairs["all"] = [pair for name in SETS for pair in pairs[name]]
    report = {}
    for name, pair in pairs.items():
        scored = score_classes([a for a, _ in pair], [b for _, b in pair], SENTENCE_LABELS)
        report[name] = {"sentences": len(pair), "macro_f1": scored["macro_f1"], "accuracy": scored["accuracy"],
                        "per_class_f1": {label: scored["per_class"][label]["f1"] for label in SENTENCE_LABELS}}
        print(f"{name}: {len(pair)} sentences, macro-F1 {scored['macro_f1']:.3f}, accuracy {scored['accuracy']:.3f}")
    report["disagreements (first → second)"] = {f"{a} → {b}": n for (a, b), n in
                                                Counter(p for p in pairs["all"] if p[0] != p[1]).most_common()}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
