"""run_benchmark: run the pipeline over a labelled set and score it (the `govdoc benchmark` job)."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language

from govdoc_nlp.annotate import make_doc_with_place
from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.evaluate.baselines import SECTION_LABELS, cue_word_label, section_position_label
from govdoc_nlp.evaluate.labelled_set import ENTITY_LABELS, SENTENCE_LABELS, GoldExample, read_labelled_set
from govdoc_nlp.sections.splitter import find_sections
from govdoc_nlp.evaluate.scorer import entity_errors, score_classes, score_entities, score_metric_values
from govdoc_nlp.pipeline import CLASSIFIER_PIPE


def gold_sections(examples: list[GoldExample], corpora: Path | None) -> list[str | None]:
    """The report section of each example, found in its source document (``meta.source`` under ``corpora``)."""
    cache: dict[str, tuple[str, list]] = {}
    sections: list[str | None] = []
    for ex in examples:
        source = ex.meta.get("source")
        path = corpora / source if corpora is not None and source else None
        if path is None or not path.exists():
            sections.append(None)
            continue
        if source not in cache:
            text = clean_text(path.read_text(encoding="utf-8")).text
            cache[source] = (text, find_sections(text))
        text, ranges = cache[source]
        at = text.find(ex.text)
        sections.append(next((name for s, e, name in ranges if s <= at <= e), None) if at >= 0 else None)
    return sections


def weak_label_precision(examples: list[GoldExample], sections: list[str | None]) -> dict:
    """For each section, how often its weak label is the hand label (the precision of each weak rule)."""
    out: dict[str, dict] = {}
    for ex, section in zip(examples, sections):
        if ex.label is None or section is None:
            continue
        row = out.setdefault(section, {"weak_label": SECTION_LABELS[section], "sentences": 0, "correct": 0})
        row["sentences"] += 1
        row["correct"] += section_position_label(ex.text, section) == ex.label
    for row in out.values():
        row["precision"] = round(row["correct"] / row["sentences"], 4)
    return out


def run_benchmark(nlp: Language, gold_path: Path, corpora: Path | None = None) -> dict:
    """Entity scores, metric-value accuracy, sentence-class F1 (when labelled and predicted), baselines, speed.

    ``corpora``: the folder the examples' ``meta.source`` paths are relative to, for the section baseline.
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
    labelled = [(ex, doc) for ex, doc in zip(examples, docs) if ex.label is not None]
    if labelled:
        gold_labels = [ex.label for ex, _ in labelled]
        sections = gold_sections([ex for ex, _ in labelled], corpora)
        if classifier_on:
            # An example is one sentence out of its report: the pipeline's own classifier reads it with the
            # section it stands in there (a lone sentence would look like a preamble).
            predictions = nlp.get_pipe(CLASSIFIER_PIPE).classifier.predict([ex.text for ex, _ in labelled], sections)
            report["sentences"] = score_classes(gold_labels, [p.label for p in predictions], SENTENCE_LABELS)
        report["sentences_baseline_cue_words"] = score_classes(
            gold_labels, [cue_word_label(ex.text) for ex, _ in labelled], SENTENCE_LABELS)
        if any(sections):
            report["sentences_baseline_section_position"] = score_classes(
                gold_labels, [section_position_label(ex.text, sec) for (ex, _), sec in zip(labelled, sections)],
                SENTENCE_LABELS)
            report["weak_label_precision"] = weak_label_precision([ex for ex, _ in labelled], sections)
    return report
