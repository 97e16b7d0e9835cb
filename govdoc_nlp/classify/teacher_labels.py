"""Sentences labelled by a teacher: a trained classifier reading every sentence of the inputs in its document
(section, heading and neighbours), whose confident labels teach a new model to read the sentence alone.

A sentence's document tells the teacher much (a plan part, a review heading, the sentences around it) that its
own words do not; a student trained on the teacher's labels with the sentence alone learns which words carry that
(self-training, the distillation of a context reader into a text reader). The rows have the columns of
:func:`govdoc_nlp.classify.weak_labels.weak_label_rows`, with no section: the student reads them alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from govdoc_nlp.classify.context import REACH, SentenceContext, with_neighbours
from govdoc_nlp.classify.weak_labels import sentences_with_sections
from govdoc_nlp.io.readers import readable_documents


def teacher_label_rows(inputs: Iterable[str | Path], teacher: Path, threshold: float,
                       exclude: Iterable[str | Path] = (), away_from: frozenset[str] = frozenset()) -> dict[str, list]:
    """Columns text, section (None), heading (""), weak_label, source, score for every sentence of the documents
    under ``inputs`` (less ``exclude``) that the ``teacher`` model, reading it in its document, labels with a
    probability of at least ``threshold``, less the sentences within ``REACH`` of one whose text is in
    ``away_from`` (the calibration sentences: the document stage fitted on them must read neighbours the model
    was not trained on, as in an unseen document)."""
    from govdoc_nlp.classify.model import SentenceClassifier

    texts: list[str] = []
    contexts: list[SentenceContext | None] = []
    sources: list[str] = []
    near: set[int] = set()  # indexes into texts
    for item in readable_documents(inputs, exclude):
        found = sentences_with_sections(item.text)
        own = [sentence for sentence, _, _ in found]
        for k, sentence in enumerate(own):
            if sentence in away_from:
                near.update(range(len(texts) + max(0, k - REACH), len(texts) + min(len(own), k + REACH + 1)))
        texts += own
        contexts += with_neighbours(own, [SentenceContext(section, heading) for _, section, heading in found])
        sources += [item.source] * len(own)
    rows: dict[str, list] = {"text": [], "section": [], "heading": [], "weak_label": [], "source": [], "score": []}
    # float32: a teacher's labels must not depend on which precision its folder happens to offer.
    predictions = SentenceClassifier(teacher, quantize=False).predict_contexts(texts, contexts) if texts else []
    for i, (text, source, prediction) in enumerate(zip(texts, sources, predictions)):
        score = prediction.scores[prediction.label]
        if score >= threshold and i not in near:
            for column, value in zip(rows, (text, None, "", prediction.label, source, score)):
                rows[column].append(value)
    return rows
