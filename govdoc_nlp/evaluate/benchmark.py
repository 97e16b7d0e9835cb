"""run_benchmark: run the pipeline over a labelled set and score it (the `govdoc benchmark` job)."""

from __future__ import annotations

import time
from pathlib import Path

from spacy.language import Language

from govdoc_nlp.evaluate.baselines import cue_word_label
from govdoc_nlp.evaluate.labelled_set import ENTITY_LABELS, SENTENCE_LABELS, read_labelled_set
from govdoc_nlp.evaluate.scorer import score_classes, score_entities, score_metric_values


def run_benchmark(nlp: Language, gold_path: Path) -> dict:
    """Entity scores, metric-value accuracy, sentence-class F1 (when labelled and predicted) and speed."""
    examples = read_labelled_set(gold_path)
    docs = []
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        if ex.meta.get("place"):
            doc._.home_place = ex.meta["place"]
        docs.append(doc)
    chars = sum(len(ex.text) for ex in examples)
    started = time.perf_counter()
    docs = list(nlp.pipe(docs))
    seconds = time.perf_counter() - started
    report: dict = {"gold": str(gold_path), "examples": len(examples),
                    "speed": {"chars": chars, "seconds": round(seconds, 3),
                              "chars_per_second": round(chars / seconds) if seconds else None,
                              "note": "pipeline components only; tokenization happened before timing"}}
    with_spans = [(ex, doc) for ex, doc in zip(examples, docs) if ex.spans is not None]
    if with_spans:
        gold, pred, pairs = [], [], []
        for ex, doc in with_spans:
            offsets = doc._.offset_map
            # Predictions are on clean text; map them back to the example's own (raw) offsets.
            p = [(*offsets.span_to_raw(e.start_char, e.end_char), e.label_) for e in doc.ents]
            gold.append([(s.start, s.end, s.label) for s in ex.spans])
            pred.append(p)
            readings = {(*offsets.span_to_raw(e.start_char, e.end_char),): e._.metric for e in doc.ents
                        if e.label_ == "METRIC"}
            pairs.extend((s.metric, readings[(s.start, s.end)]) for s in ex.spans
                         if s.label == "METRIC" and s.metric is not None and (s.start, s.end) in readings)
        report["entities"] = score_entities(gold, pred, ENTITY_LABELS)
        report["entities"]["examples"] = len(with_spans)
        report["metric_values"] = score_metric_values(pairs)
    labelled = [(ex, doc) for ex, doc in zip(examples, docs) if ex.label is not None]
    if labelled and labelled[0][1].has_extension("sentence_label"):
        report["sentences"] = score_classes([ex.label for ex, _ in labelled],
                                            [doc._.sentence_label for _, doc in labelled], SENTENCE_LABELS)
    elif labelled:
        report["sentences"] = {"skipped": "the pipeline has no sentence classifier yet (issue: classifier)"}
    if labelled:
        report["sentences_baseline_cue_words"] = score_classes(
            [ex.label for ex, _ in labelled], [cue_word_label(ex.text) for ex, _ in labelled], SENTENCE_LABELS)
    return report
