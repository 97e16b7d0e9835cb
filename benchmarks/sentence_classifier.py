"""Sentence classes on held-out documents: classifier models beside the baselines, read alone and in context.

Usage (needs `pip install ".[bench]"` for scikit-learn):
    python benchmarks/sentence_classifier.py [--model NAME=DIR ...] [--also-int8] [--out FILE]

Held-out sets (none of their documents is trained on): test (4 provincial reports), problems (the difficulties
paragraphs of 8 more), and the blind sets classes1 (8 provincial reports), classes2 (national reports
1956–2021), classes3 (Hailar, five-year plans), classes4 (ministries' policy documents).
Each sentence is read alone (no document: what `govdoc_nlp.classify` and `nlp()` on a lone sentence do) and in
context (its section, headings and neighbouring sentences in its source document under ../shared/corpora).
Systems: every --model folder (default: the shipped model); cue words; section position (context only); TF-IDF
(character 1–3-grams) + logistic regression trained on the same rows as the shipped model, on the text alone and
with the context's words. Calibration: expected calibration error (10 bins) of each model. Speed: sentences/s over
the sentences of the 26 provincial reports (length-sorted batches of 64), on this machine's cores, in float32
(and with --also-int8 in int8) with ONNX Runtime where the folder has the graph, and with PyTorch. Batch
independence: each of 300 sentences classified alone against the same sentence in one call with all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from govdoc_nlp.classify.context import contexts_in_documents
from govdoc_nlp.classify.model import SentenceClassifier, default_model_dir
from govdoc_nlp.classify.training import combine_rows
from govdoc_nlp.classify.weak_labels import weak_label_rows
from govdoc_nlp.evaluate.baselines import cue_word_label, section_position_label
from govdoc_nlp.evaluate.labelled_set import read_labelled_set, source_documents
from govdoc_nlp.evaluate.scorer import expected_calibration_error, score_classes
from govdoc_nlp.labels import SENTENCE_LABELS

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
LABELLED = ROOT / "corpora" / "labelled"
TRAIN_FOLDERS = ("national", "provincial-2026", "county-hailar", "seed", "five-year-plans")
HELD_OUT = ("test", "problems", "classes1", "classes2", "classes3", "classes4")
HAND = ("dev", "classes-train1", "classes-train2", "classes-train3", "classes-train4", "classes-train5",
        "classes-train6", "classes-train7", "classes-train8", "classes-train9", "classes-train10", "classes-train11",
        "classes-train12")  # the shipped model's rows; classes-train13 and classes-calibration calibrate it
SEED = 13


def context_words(texts: list[str], contexts: list) -> list[str]:
    """Each sentence prefixed with its section token and heading (TF-IDF sees where the sentence stands)."""
    return [f"§{c.section}§ {c.heading} ¶ {t}" if c is not None else f"§none§ ¶ {t}" for t, c in zip(texts, contexts)]


def tfidf_model():
    """Character 1–3-gram TF-IDF and a class-balanced logistic regression."""
    return make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True),
                         LogisticRegression(max_iter=2000, class_weight="balanced", random_state=SEED))


def speed(classifier: SentenceClassifier, texts: list[str], sections: list, headings: list) -> dict:
    """Sentences per second over ``texts`` in context, read as one document (each beside its neighbours, as the
    pipeline reads them; best of two rounds) and whether both rounds agree."""
    import torch

    runs, seconds = [], []
    for _ in range(2):
        started = time.perf_counter()
        runs.append(classifier.predict(texts, sections, headings, document=True))
        seconds.append(time.perf_counter() - started)
    return {"sentences": len(texts), "seconds": round(min(seconds), 2),
            "sentences_per_second": round(len(texts) / min(seconds)), "torch_threads": torch.get_num_threads(),
            "deterministic": runs[0] == runs[1]}


def batch_independence(classifier: SentenceClassifier, texts: list[str]) -> dict:
    """Largest change of a probability, and labels that differ, between each sentence classified alone and the
    same sentence classified in one call with all of ``texts``."""
    together = classifier.predict(texts)
    alone = [classifier.predict([t])[0] for t in texts]
    return {"sentences": len(texts), "labels_differ": sum(a.label != b.label for a, b in zip(alone, together)),
            "max_score_change": max(abs(a.scores[k] - b.scores[k]) for a, b in zip(alone, together) for k in a.scores)}


def main() -> None:
    """Score every system on the held-out sets, print a table, write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", default=[], metavar="NAME=DIR",
                        help="a classifier folder to score (default: shipped=the shipped model)")
    parser.add_argument("--also-int8", action="store_true", help="score every model in int8 too (its int8 graph; "
                        "PyTorch's int8 linear layers for the PyTorch speed); without it, float32 only")
    parser.add_argument("--sets", nargs="*", default=list(HELD_OUT))
    parser.add_argument("--weak-share", type=float, default=0.15,
                        help="share of weak rows the TF-IDF baselines train on (as the shipped model's recipe)")
    parser.add_argument("--hand-copies", type=int, default=2, help="copies of each hand row (as the shipped recipe)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "sentence-classifier.json")
    args = parser.parse_args()
    models = dict(m.split("=", 1) for m in args.model) or {"shipped": str(default_model_dir())}

    sets = {name: [ex for ex in read_labelled_set(LABELLED / f"{name}.jsonl") if ex.label] for name in args.sets}
    sets["all held-out"] = [ex for name in args.sets for ex in sets[name]]
    contexts = {name: contexts_in_documents(examples, CORPORA) for name, examples in sets.items()}
    held_out_docs = source_documents([LABELLED / f"{name}.jsonl" for name in HELD_OUT], CORPORA)
    weak = weak_label_rows([CORPORA / f for f in TRAIN_FOLDERS], exclude=held_out_docs)
    hand = [ex for name in HAND for ex in read_labelled_set(LABELLED / f"{name}.jsonl") if ex.label]
    rows = combine_rows(weak, list(zip([ex.text for ex in hand], contexts_in_documents(hand, CORPORA),
                                       [ex.label for ex in hand])), args.hand_copies, weak_share=args.weak_share)

    predictors = {"cue words": ("alone", lambda texts, ctx: [cue_word_label(t) for t in texts]),
                  "section position": ("context", lambda texts, ctx: [
                      section_position_label(t, c.section if c else None) for t, c in zip(texts, ctx)])}
    plain = tfidf_model().fit(rows.text, rows.label)
    contextual = tfidf_model().fit(context_words(rows.text, rows.context), rows.label)
    predictors["TF-IDF + LR"] = ("alone", lambda texts, ctx: list(plain.predict(texts)))
    predictors["TF-IDF + LR + context"] = ("context", lambda texts, ctx: list(contextual.predict(context_words(texts, ctx))))
    classifiers = {name: SentenceClassifier(path, quantize=False) for name, path in models.items()}
    if args.also_int8:
        classifiers.update({f"{name} (int8)": SentenceClassifier(path, quantize=True) for name, path in models.items()})

    results: dict = {}
    for system, (mode, predict) in predictors.items():
        results[f"{system} ({mode})"] = {
            name: score_classes([ex.label for ex in examples], predict([ex.text for ex in examples], contexts[name]),
                                SENTENCE_LABELS) for name, examples in sets.items()}
    for system, classifier in classifiers.items():
        for mode in ("alone", "context"):
            per_set = {}
            for name, examples in sets.items():
                ctx = contexts[name] if mode == "context" else [None] * len(examples)
                predictions = classifier.predict_contexts([ex.text for ex in examples], ctx)
                gold = [ex.label for ex in examples]
                per_set[name] = score_classes(gold, [p.label for p in predictions], SENTENCE_LABELS)
                per_set[name]["ece"] = expected_calibration_error(gold, [p.scores for p in predictions])
            results[f"{system} ({mode})"] = per_set

    speed_rows = weak_label_rows([CORPORA / "provincial-2026"])
    report = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "train_rows": rows.counts(), "held_out_documents": len(held_out_docs),
        "sets": {name: len(examples) for name, examples in sets.items()},
        "models": {name: {"path": str(c.path), "precision": c.precision, "backend": c.backend,
                          "temperature": c.temperature,
                          "meta": {k: c.meta.get(k) for k in ("base", "random_init", "licence", "schedule", "rows")},
                          "speed": speed(c, speed_rows["text"], speed_rows["section"], speed_rows["heading"]),
                          "speed with PyTorch": speed(SentenceClassifier(c.path, quantize=c.precision == "int8",
                                                                         backend="torch"), speed_rows["text"],
                                                      speed_rows["section"], speed_rows["heading"])
                          if c.backend == "onnx" else None,
                          "batch_independence": batch_independence(c, [ex.text for ex in sets["all held-out"][:300]])}
                   for name, c in classifiers.items()},
        "results": results,
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    names = list(sets)
    print("| system | " + " | ".join(names) + " | all: F1 a / t / p / o | all: ECE |")
    print("|---|" + "---|" * (len(names) + 2))
    for system, per_set in results.items():
        per = per_set[names[-1]]["per_class"]
        ece = per_set[names[-1]].get("ece")
        print(f"| {system} | " + " | ".join(f"{per_set[n]['macro_f1']:.3f}" for n in names) + " | "
              + " / ".join(f"{per[label]['f1']:.3f}" for label in SENTENCE_LABELS)
              + f" | {ece if ece is not None else '—'} |")
    for name, m in report["models"].items():
        s, b = m["speed"], m["batch_independence"]
        pytorch = m["speed with PyTorch"]
        print(f"{name}: {s['sentences_per_second']} sentences/s with {m['backend']}"
              + (f" ({pytorch['sentences_per_second']} with PyTorch)" if pytorch else "")
              + f" ({s['sentences']} sentences, {s['torch_threads']} "
              f"threads), deterministic={s['deterministic']}; alone vs batched over {b['sentences']}: "
              f"{b['labels_differ']} labels differ, largest probability change {b['max_score_change']:.4f}")


if __name__ == "__main__":
    main()
