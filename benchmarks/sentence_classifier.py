"""Sentence classes on held-out documents: the shipped classifier beside other models and the baselines.

Usage (needs `pip install ".[bench]"` for scikit-learn):
    python benchmarks/sentence_classifier.py [--model NAME=DIR ...] [--out FILE]

Held-out sets: corpora/labelled/test.jsonl (4 provincial reports, hand labels) and problems.jsonl (the
difficulties paragraphs of 8 more reports: the problem class). Neither set's documents are trained on.
Systems: every --model folder (default: the shipped model), read with the sentence's section and without it (the
section-input ablation); cue words; section position; TF-IDF (character 1–3-grams) + logistic regression trained on
the same rows as the shipped model (weak labels of the report corpora + the dev set's hand labels), with and without
the section. Models run in int8 as the pipeline does (--also-float32: in float32 too). Speed: sentences/s classifying the sentences of the provincial reports (length-sorted batches of 64),
on this machine's cores; load time in a fresh process (imports included). Determinism: two runs compared.
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

from govdoc_nlp.classify.model import SentenceClassifier, default_model_dir
from govdoc_nlp.classify.training import combine_rows
from govdoc_nlp.classify.weak_labels import weak_label_rows
from govdoc_nlp.evaluate.baselines import cue_word_label, section_position_label
from govdoc_nlp.evaluate.benchmark import gold_sections
from govdoc_nlp.evaluate.labelled_set import SENTENCE_LABELS, read_labelled_set, source_documents
from govdoc_nlp.evaluate.scorer import score_classes
from speed_memory import fresh_process_seconds

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
LABELLED = ROOT / "corpora" / "labelled"
REPORT_FOLDERS = ("national", "provincial-2026", "county-hailar", "seed")
HELD_OUT = ("test", "problems")
SEED = 13


def with_section(texts: list[str], sections: list[str | None]) -> list[str]:
    """Prefix each sentence with a token naming its section (TF-IDF sees where the sentence stands)."""
    return [f"§{section or 'none'}§ {text}" for text, section in zip(texts, sections)]


def tfidf_model():
    """Character 1–3-gram TF-IDF and a class-balanced logistic regression."""
    return make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True),
                         LogisticRegression(max_iter=2000, class_weight="balanced", random_state=SEED))


def load_seconds(model: Path, quantize: bool) -> float:
    """Seconds to import govdoc_nlp and load ``model`` in a fresh process."""
    return fresh_process_seconds("from govdoc_nlp.classify.model import SentenceClassifier; "
                                 f"SentenceClassifier({str(model)!r}, quantize={quantize})")


def speed(classifier: SentenceClassifier, texts: list[str], sections: list[str | None]) -> dict:
    """Sentences per second over ``texts`` (best of two rounds) and whether both rounds agree exactly."""
    runs, seconds = [], []
    for _ in range(2):
        started = time.perf_counter()
        runs.append(classifier.predict(texts, sections))
        seconds.append(time.perf_counter() - started)
    import torch

    return {"sentences": len(texts), "seconds": round(min(seconds), 2),
            "sentences_per_second": round(len(texts) / min(seconds)), "torch_threads": torch.get_num_threads(),
            "deterministic": runs[0] == runs[1]}


def agreement(int8: SentenceClassifier, float32: SentenceClassifier, texts: list[str],
              sections: list[str | None]) -> dict:
    """How far int8 moves the float32 model: labels that differ, and the largest change of a probability, over
    the same sentences classified in one call (length-sorted batches of 64)."""
    a, b = int8.predict(texts, sections), float32.predict(texts, sections)
    return {"sentences": len(texts), "labels_differ": sum(x.label != y.label for x, y in zip(a, b)),
            "max_score_change": max(abs(x.scores[k] - y.scores[k]) for x, y in zip(a, b) for k in x.scores)}


def main() -> None:
    """Score every system on the held-out sets, print a table, write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", default=[], metavar="NAME=DIR",
                        help="a classifier folder to score (default: shipped=the shipped model)")
    parser.add_argument("--also-float32", action="store_true",
                        help="score every model in float32 too (the default runs its linear layers in int8)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "sentence-classifier.json")
    args = parser.parse_args()
    models = dict(m.split("=", 1) for m in args.model) or {"shipped": str(default_model_dir())}

    sets = {name: [ex for ex in read_labelled_set(LABELLED / f"{name}.jsonl") if ex.label] for name in HELD_OUT}
    sets["held-out (test + problems)"] = sets["test"] + sets["problems"]
    sections = {name: gold_sections(examples, CORPORA) for name, examples in sets.items()}
    held_out_docs = source_documents([LABELLED / f"{name}.jsonl" for name in HELD_OUT], CORPORA)
    weak = weak_label_rows([CORPORA / f for f in REPORT_FOLDERS], exclude=held_out_docs)
    dev = [ex for ex in read_labelled_set(LABELLED / "dev.jsonl") if ex.label]
    rows = combine_rows(weak, [(ex.text, s, ex.label) for ex, s in zip(dev, gold_sections(dev, CORPORA))])

    predictors = {
        "cue words": lambda texts, secs: [cue_word_label(t) for t in texts],
        "section position": lambda texts, secs: [section_position_label(t, s) for t, s in zip(texts, secs)],
    }
    plain = tfidf_model().fit(rows.text, rows.label)
    contextual = tfidf_model().fit(with_section(rows.text, rows.section), rows.label)
    predictors["TF-IDF + LR"] = lambda texts, secs: list(plain.predict(texts))
    predictors["TF-IDF + LR + section"] = lambda texts, secs: list(contextual.predict(with_section(texts, secs)))
    classifiers = {name: SentenceClassifier(path) for name, path in models.items()}
    if args.also_float32:
        classifiers.update({f"{name} (float32)": SentenceClassifier(path, quantize=False)
                            for name, path in models.items()})
    for name, classifier in classifiers.items():
        predictors[f"{name} + section"] = (
            lambda texts, secs, c=classifier: [p.label for p in c.predict(texts, secs)])
        predictors[f"{name}, no section"] = (
            lambda texts, secs, c=classifier: [p.label for p in c.predict(texts)])

    results = {system: {name: score_classes([ex.label for ex in examples],
                                            predict([ex.text for ex in examples], sections[name]),
                                            SENTENCE_LABELS)
                        for name, examples in sets.items()}
               for system, predict in predictors.items()}
    speed_rows = weak_label_rows([CORPORA / "provincial-2026"])
    report = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "train_rows": rows.counts(), "held_out_documents": len(held_out_docs),
        "sets": {name: len(examples) for name, examples in sets.items()},
        "models": {name: {"path": str(c.path), "precision": c.precision, "meta": {k: c.meta.get(k) for k in ("base", "random_init", "licence")},
                          "speed": speed(c, speed_rows["text"], speed_rows["section"]),
                          "load_seconds_fresh_process": load_seconds(c.path, c.precision == "int8")}
                   for name, c in classifiers.items()},
        "results": results,
        "int8_vs_float32": {name: agreement(classifiers[name], classifiers[f"{name} (float32)"],
                                            speed_rows["text"], speed_rows["section"])
                            for name in models if f"{name} (float32)" in classifiers},
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    names = list(sets)
    print("| system | " + " | ".join(f"{n} macro-F1" for n in names) + " | held-out per-class F1 (a / t / p / o) |")
    print("|---|" + "---|" * (len(names) + 1))
    for system, per_set in results.items():
        per = per_set[names[-1]]["per_class"]
        print(f"| {system} | " + " | ".join(f"{per_set[n]['macro_f1']:.3f}" for n in names) + " | "
              + " / ".join(f"{per[label]['f1']:.3f}" for label in SENTENCE_LABELS) + " |")
    for name, diff in report["int8_vs_float32"].items():
        print(f"{name}: int8 vs float32 on {diff['sentences']} sentences: {diff['labels_differ']} labels differ, "
              f"largest probability change {diff['max_score_change']:.4f}")
    for name, m in report["models"].items():
        s = m["speed"]
        print(f"{name}: {s['sentences_per_second']} sentences/s ({s['sentences']} sentences, {s['torch_threads']} "
              f"threads), deterministic={s['deterministic']}, load {m['load_seconds_fresh_process']} s")


if __name__ == "__main__":
    main()
