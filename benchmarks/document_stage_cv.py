"""The document stage fitted on documents no model has read: two folds over the held-out class sets.

A classifier's document stage is fitted on the calibration sentences, whose documents the model was trained on
(other sentences of them). Here the stage is fitted on half of the held-out sets (test, problems, classes1,
classes2) and scored on the other half (classes3, classes4), then the other way round; macro-F1 in context over
all 1,269 held-out sentences, beside the model without its stage and with the stage it ships.

    python benchmarks/document_stage_cv.py --model shipped=models/govdoc-sentence-zh [--model NAME=DIR …]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from govdoc_nlp.classify.context import contexts_in_documents
from govdoc_nlp.classify.document_stage import fit_document_stage, in_document
from govdoc_nlp.classify.model import SentenceClassifier
from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from govdoc_nlp.evaluate.scorer import score_classes
from govdoc_nlp.labels import SENTENCE_LABELS

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
LABELLED = ROOT / "corpora" / "labelled"
FOLDS = (("test", "problems", "classes1", "classes2"), ("classes3", "classes4"))


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Macro-F1 over the labels present, as benchmarks/sentence_classifier.py scores."""
    return round(score_classes(gold, predicted, SENTENCE_LABELS)["macro_f1"], 4)


def main() -> None:
    """Score each model's stage fitted on the other fold, print and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", required=True, metavar="NAME=DIR")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "document-stage-cv.json")
    args = parser.parse_args()
    examples, fold_of = [], []
    for k, names in enumerate(FOLDS):
        for name in names:
            found = [ex for ex in read_labelled_set(LABELLED / f"{name}.jsonl") if ex.label]
            examples += found
            fold_of += [k] * len(found)
    texts, gold = [ex.text for ex in examples], [ex.label for ex in examples]
    contexts = contexts_in_documents(examples, CORPORA)
    placed = [i for i, c in enumerate(contexts) if in_document(c)]
    report = {"sentences": len(texts), "in_a_document": len(placed), "folds": FOLDS, "models": {}}
    for name, path in (m.split("=", 1) for m in args.model):
        classifier = SentenceClassifier(path, quantize=False)
        own = classifier.log_scores(texts, contexts, stage=False)
        features = classifier.stage_features(own[placed], [texts[i] for i in placed], [contexts[i] for i in placed])
        refitted = [classifier.labels[k] for k in own.argmax(axis=1)]
        for k in range(len(FOLDS)):
            train = [j for j, i in enumerate(placed) if fold_of[i] != k]
            test = [j for j, i in enumerate(placed) if fold_of[i] == k]
            stage = fit_document_stage(features[train], [gold[placed[j]] for j in train], classifier.labels)
            for j, row in zip(test, stage.log_scores(features[test]).argmax(axis=1)):
                refitted[placed[j]] = classifier.labels[row]
        report["models"][name] = {
            "path": path,
            "without stage": macro_f1(gold, [classifier.labels[k] for k in own.argmax(axis=1)]),
            "shipped stage (fitted on calibration sentences)": macro_f1(
                gold, [classifier.labels[k] for k in classifier.log_scores(texts, contexts).argmax(axis=1)])
            if classifier.document_stage is not None else None,
            "stage fitted on the other fold": macro_f1(gold, refitted)}
        print(name, json.dumps(report["models"][name], ensure_ascii=False))
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
