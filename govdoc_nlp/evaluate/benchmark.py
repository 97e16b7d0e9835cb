"""run_benchmark: run the pipeline over a labelled set and score it (the `govdoc benchmark` job)."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language

from govdoc_nlp.annotate import make_doc_with_place
from govdoc_nlp.classify.context import contexts_in_documents
from govdoc_nlp.evaluate.baselines import cue_word_label
from govdoc_nlp.evaluate.labelled_set import ENTITY_LABELS, GoldExample, read_labelled_set
from govdoc_nlp.evaluate.scorer import (entity_errors, expected_calibration_error, score_classes, score_entities,
                                        score_metric_subjects, score_metric_values)
from govdoc_nlp.labels import SENTENCE_LABELS
from govdoc_nlp.pipeline import CLASSIFIER_PIPE
from govdoc_nlp.sections.position_label import SECTION_LABELS, section_position_label


def weak_label_precision(examples: list[GoldExample], sections: list[str | None]) -> dict:
    """For each section, how often its weak label is the hand label (the precision of each weak rule)."""
    out: dict[str, dict] = {}
    for ex, section in zip(examples, sections):
        if ex.label is None or section is None:
            continue
        row = out.setdefault(section, {"weak_label": SECTION_LABELS.get(section, "other"), "sentences": 0, "correct": 0})
        row["sentences"] += 1
        row["correct"] += section_position_label(ex.text, section) == ex.label
    for row in out.values():
        row["precision"] = round(row["correct"] / row["sentences"], 4)
    return out


def run_benchmark(nlp: Language, gold_path: Path, documents: Path | None = None) -> dict:
    """Entity scores, metric-value accuracy, sentence-class F1 (when labelled and predicted), baselines, speed.

    Sentence classes are scored on each sentence read alone; with ``documents`` (the folder the examples'
    ``meta.source`` paths are under) also read in its document's context, and the section-position baseline is
    scored. A missing source document is an error, never a silent fallback.
    """
    examples = read_labelled_set(gold_path)
    docs = [make_doc_with_place(nlp, ex.text, ex.meta.get("place")) for ex in examples]
    chars = sum(len(ex.text) for ex in examples)
    # The classifier is scored below on each example with the section it stands in, so the pipeline runs
    # without it here (running it too would classify every example twice).
    classifier_on = CLASSIFIER_PIPE in nlp.pipe_names
    started = time.perf_counter()
    with nlp.select_pipes(disable=[CLASSIFIER_PIPE] if classifier_on else []):
        docs = list(nlp.pipe(docs))
    seconds = time.perf_counter() - started
    report: dict = {"gold": str(gold_path), "examples": len(examples),
                    "speed": {"chars": chars, "seconds": round(seconds, 3),
                              "chars_per_second": round(chars / seconds) if seconds else None,
                              "note": "rule components only; tokenization happened before timing (the classifier's speed: "
                                      "benchmarks/sentence_classifier.py)"}}
    with_spans = [(ex, doc) for ex, doc in zip(examples, docs) if ex.spans is not None]
    if with_spans:
        gold, pred, pairs = [], [], []
        for ex, doc in with_spans:
            offsets = doc._.offset_map
            # Predictions are on clean text; map them back to the example's own (raw) offsets. A set that
            # annotated some labels only (meta.span_labels) is scored on those.
            annotated = set(ex.span_labels)
            p = [(*offsets.span_to_raw(e.start_char, e.end_char), e.label_) for e in doc.ents if e.label_ in annotated]
            gold.append([(s.start, s.end, s.label) for s in ex.spans])
            pred.append(p)
            readings = {(*offsets.span_to_raw(e.start_char, e.end_char),): e._.metric for e in doc.ents
                        if e.label_ == "METRIC"}
            pairs.extend((s.metric, readings[(s.start, s.end)]) for s in ex.spans
                         if s.label == "METRIC" and s.metric is not None and (s.start, s.end) in readings)
        labels = [label for label in ENTITY_LABELS if any(label in ex.span_labels for ex, _ in with_spans)]
        report["entities"] = score_entities(gold, pred, labels)
        report["entities"]["examples"] = len(with_spans)
        report["entity_errors"] = entity_errors([ex.text for ex, _ in with_spans], gold, pred, tuple(labels))
        report["metric_values"] = score_metric_values(pairs)
        if any("subject" in gold for gold, _ in pairs):
            report["metric_subjects"] = score_metric_subjects(pairs)
    labelled = [ex for ex in examples if ex.label is not None]
    if labelled:
        report.update(score_sentence_classes(nlp.get_pipe(CLASSIFIER_PIPE).classifier if classifier_on else None,
                                             labelled, documents))
    return report


def score_sentence_classes(classifier, examples: list[GoldExample], documents: Path | None) -> dict:
    """Macro-F1, per-class F1 and calibration of ``classifier`` (None: baselines only) on labelled sentences, read
    alone and, with ``documents``, in context; the cue-word and section-position baselines."""
    gold = [ex.label for ex in examples]
    texts = [ex.text for ex in examples]
    out: dict = {"sentences_context": "alone and in context" if documents is not None else
                 "alone only (give --documents to score in context)"}
    contexts = contexts_in_documents(examples, documents) if documents is not None else None
    if classifier is not None:
        alone = classifier.predict(texts)
        out["sentences_alone"] = score_classes(gold, [p.label for p in alone], SENTENCE_LABELS)
        out["sentences_alone"]["ece"] = expected_calibration_error(gold, [p.scores for p in alone])
        if contexts is not None:
            placed = classifier.predict_contexts(texts, contexts)
            out["sentences_in_context"] = score_classes(gold, [p.label for p in placed], SENTENCE_LABELS)
            out["sentences_in_context"]["ece"] = expected_calibration_error(gold, [p.scores for p in placed])
    out["sentences_baseline_cue_words"] = score_classes(gold, [cue_word_label(t) for t in texts], SENTENCE_LABELS)
    if contexts is not None:
        sections = [c.section if c else None for c in contexts]
        out["sentences_baseline_section_position"] = score_classes(
            gold, [section_position_label(t, s) for t, s in zip(texts, sections)], SENTENCE_LABELS)
        out["weak_label_precision"] = weak_label_precision(examples, sections)
    return out
