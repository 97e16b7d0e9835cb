"""Sentence-class baselines on the held-out test documents: cue words, section position, TF-IDF + logistic
regression trained on weak labels (with and without the section as input).

Usage: python benchmarks/sentence_baselines.py   (needs scikit-learn: pip install scikit-learn)

Training data: every sentence of the government work reports in ../shared/corpora (national 1954–2026,
provincial 2026, county, the founding document), weakly labelled by section, leaving out the test split's
documents. Evaluation: corpora/labelled/test.jsonl (hand labels).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from govdoc_nlp.classify.weak_labels import weak_label_rows
from govdoc_nlp.evaluate.baselines import cue_word_label, section_position_label
from govdoc_nlp.evaluate.benchmark import gold_sections
from govdoc_nlp.evaluate.labelled_set import SENTENCE_LABELS, read_labelled_set
from govdoc_nlp.evaluate.scorer import score_classes

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
REPORT_FOLDERS = ("national", "provincial-2026", "county-hailar", "seed")
SEED = 13


def with_section(texts: list[str], sections: list[str | None]) -> list[str]:
    """Prefix each sentence with a token naming its section (the model sees where the sentence stands)."""
    return [f"§{section or 'none'}§ {text}" for text, section in zip(texts, sections)]


def tfidf_model():
    """Character 1–3-gram TF-IDF and a class-balanced logistic regression."""
    return make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True),
                         LogisticRegression(max_iter=2000, class_weight="balanced", random_state=SEED))


def main() -> None:
    """Train, evaluate, print a table, write benchmarks/results/sentence-baselines.json."""
    test = [ex for ex in read_labelled_set(ROOT / "corpora" / "labelled" / "test.jsonl") if ex.label]
    test_docs = {CORPORA / ex.meta["source"] for ex in test}
    started = time.perf_counter()
    rows = weak_label_rows([CORPORA / folder for folder in REPORT_FOLDERS], exclude=test_docs)
    gold = [ex.label for ex in test]
    sections = gold_sections(test, CORPORA)
    texts = [ex.text for ex in test]
    results = {
        "cue words": score_classes(gold, [cue_word_label(t) for t in texts], SENTENCE_LABELS),
        "section position": score_classes(gold, [section_position_label(t, s) for t, s in zip(texts, sections)],
                                          SENTENCE_LABELS),
    }
    plain = tfidf_model().fit(rows["text"], rows["weak_label"])
    results["TF-IDF + LR (weak labels)"] = score_classes(gold, list(plain.predict(texts)), SENTENCE_LABELS)
    contextual = tfidf_model().fit(with_section(rows["text"], rows["section"]), rows["weak_label"])
    results["TF-IDF + LR + section (weak labels)"] = score_classes(
        gold, list(contextual.predict(with_section(texts, sections))), SENTENCE_LABELS)
    report = {"train_sentences": len(rows["text"]), "train_documents": len(set(rows["source"])),
              "test_sentences": len(test), "seconds": round(time.perf_counter() - started, 1), "results": results}
    out = ROOT / "benchmarks" / "results" / "sentence-baselines.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"train: {report['train_sentences']} weakly labelled sentences from {report['train_documents']} reports;"
          f" test: {len(test)} hand-labelled sentences")
    print("| baseline | macro-F1 | accuracy | achievement F1 | target F1 | problem F1 | other F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        per = r["per_class"]
        print(f"| {name} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} | " + " | ".join(
            f"{per[label]['f1']:.3f}" for label in SENTENCE_LABELS) + " |")


if __name__ == "__main__":
    main()
