"""Weakly labelled sentences from the structure every work report shares (review, difficulties, plan).

No segmentation is needed: the cleaner, the sentence rule and the section rules run on the text directly.
The precision of each weak rule on hand-labelled data is printed by `govdoc benchmark`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.evaluate.baselines import section_position_label
from govdoc_nlp.io.readers import readable_documents
from govdoc_nlp.sections.splitter import find_sections
from govdoc_nlp.sentences.splitter import sentence_boundaries

MIN_CHARS = 4


def sentences_with_sections(text: str) -> list[tuple[str, str]]:
    """(sentence, section) for every sentence of a raw report text."""
    clean = clean_text(text).text
    cuts = sorted(sentence_boundaries(clean) | {0, len(clean)})
    ranges = find_sections(clean)
    out, k = [], 0
    for start, end in zip(cuts, cuts[1:]):
        sentence = clean[start:end].strip()
        if len(sentence) < MIN_CHARS:
            continue
        while k + 1 < len(ranges) and ranges[k][1] < start:
            k += 1
        out.append((sentence, ranges[k][2]))
    return out


def weak_label_rows(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> dict[str, list]:
    """Columns text, section, weak_label, source for every sentence of the reports under ``inputs``.

    ``exclude``: documents (paths) to leave out, such as the test split's documents.
    """
    rows: dict[str, list] = {"text": [], "section": [], "weak_label": [], "source": []}
    for item in readable_documents(inputs, exclude):
        for sentence, section in sentences_with_sections(item.text):
            rows["text"].append(sentence)
            rows["section"].append(section)
            rows["weak_label"].append(section_position_label(sentence, section))
            rows["source"].append(item.source)
    return rows


def weak_label_dataset(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()):
    """The rows of :func:`weak_label_rows` as a ``datasets.Dataset``."""
    from datasets import Dataset

    return Dataset.from_dict(weak_label_rows(inputs, exclude))
