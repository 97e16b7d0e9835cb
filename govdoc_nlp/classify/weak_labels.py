"""Weakly labelled sentences from the structure every work report shares (review, difficulties, plan).

No segmentation is needed: the cleaner, the sentence rule and the section rules run on the text directly.
The precision of each weak rule on hand-labelled data is printed by `govdoc benchmark`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.sections.position_label import section_position_label
from govdoc_nlp.io.readers import readable_documents
from govdoc_nlp.sections.splitter import find_sections
from govdoc_nlp.sentences.splitter import sentence_spans

MIN_CHARS = 4


def sentences_with_sections(text: str) -> list[tuple[str, str, str]]:
    """(sentence, section, heading) for every sentence of a raw report text."""
    clean = clean_text(text).text
    ranges = find_sections(clean)
    out, k = [], 0
    for start, sentence in sentence_spans(clean):
        if len(sentence) < MIN_CHARS:
            continue
        while k + 1 < len(ranges) and ranges[k][1] < start:
            k += 1
        out.append((sentence, ranges[k].section, ranges[k].heading))
    return out


def weak_label_rows(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> dict[str, list]:
    """Columns text, section, heading, weak_label, source for every sentence of the reports under ``inputs``
    that stands in a part the section rules placed (a sentence of an ``unknown`` part gets no weak label).

    ``exclude``: documents (paths) to leave out, such as the test split's documents.
    """
    rows: dict[str, list] = {"text": [], "section": [], "heading": [], "weak_label": [], "source": []}
    for item in readable_documents(inputs, exclude):
        for sentence, section, heading in sentences_with_sections(item.text):
            if section == "unknown":
                continue
            rows["text"].append(sentence)
            rows["section"].append(section)
            rows["heading"].append(heading)
            rows["weak_label"].append(section_position_label(sentence, section))
            rows["source"].append(item.source)
    return rows
