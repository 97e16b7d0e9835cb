"""What each part of a classifier reads: the network alone, the lexical head alone, and the two combined.

Usage (needs `pip install ".[bench]"`):
    python benchmarks/classifier_parts.py --model NAME=DIR [--model NAME=DIR ...] [--out FILE]

Macro-F1 of each part on all the held-out sentences of benchmarks/sentence_classifier.py, read alone and in
context, float32. A network has to read better than the head (character n-grams and logistic regression on the
same rows) before a better base can lift the whole: this is where that shows.
"""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

from sentence_classifier import CORPORA, HELD_OUT, LABELLED

from govdoc_nlp.classify.context import contexts_in_documents
from govdoc_nlp.classify.model import SentenceClassifier
from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from govdoc_nlp.evaluate.scorer import score_classes
from govdoc_nlp.labels import SENTENCE_LABELS


def part_scores(classifier: SentenceClassifier, texts: list[str], gold: list[str], contexts: list) -> dict:
    """Macro-F1 of the network, the head and the whole, reading ``texts`` in ``contexts``."""
    network, lexical = classifier.log_probabilities(texts, contexts)
    whole = classifier.log_scores(texts, contexts)
    out = {}
    for part, scores in (("network", network), ("head", lexical), ("whole", whole)):
        predicted = [classifier.labels[i] for i in scores.argmax(axis=1)]
        out[part] = score_classes(gold, predicted, SENTENCE_LABELS)["macro_f1"]
    return out


def main() -> None:
    """Score every --model's parts; print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", action="append", required=True, help="NAME=DIR, a classifier folder")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "classifier-parts.json")
    args = parser.parse_args()
    examples = [ex for name in HELD_OUT for ex in read_labelled_set(LABELLED / f"{name}.jsonl") if ex.label]
    texts, gold = [ex.text for ex in examples], [ex.label for ex in examples]
    readings = {"alone": [None] * len(examples), "in context": contexts_in_documents(examples, CORPORA)}
    results = {}
    for spec in args.model:
        name, folder = spec.split("=", 1)
        classifier = SentenceClassifier(Path(folder), quantize=False)
        if classifier.lexical is None:
            raise SystemExit(f"{folder}: no lexical head, so no parts to score")
        results[name] = {mode: part_scores(classifier, texts, gold, contexts) for mode, contexts in readings.items()}
        print(name, json.dumps(results[name]), flush=True)
    record = {"machine": {"python": platform.python_version()}, "sentences": len(examples), "sets": list(HELD_OUT),
              "precision": "float32", "models": dict(spec.split("=", 1) for spec in args.model), "results": results}
    args.out.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
