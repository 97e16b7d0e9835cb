"""A ledger figure's source: its sentence and neighbours, with the entities marked, for the browser report."""

from __future__ import annotations

from bisect import bisect_right

from govdoc_nlp.views.markup import reading_title

CONTEXT_SENTENCES = 1  # sentences shown before and after the figure's own


def source_context(record: dict, start: int, end: int, doc: str) -> dict:
    """The figure at clean offsets ``start:end`` of ``record`` in context: ``text`` (its sentence and one either
    side), ``figure`` (its offsets in that text) and ``marks`` (entities as [start, end, label, title])."""
    sents = record.get("sents") or [{"start": 0, "end": len(record["text"])}]
    i = max(0, bisect_right([s["start"] for s in sents], start) - 1)
    first = sents[max(0, i - CONTEXT_SENTENCES)]["start"]
    last = sents[min(len(sents) - 1, i + CONTEXT_SENTENCES)]["end"]
    marks = []
    for ent in record.get("ents", ()):
        if first <= ent["start"] and ent["end"] <= last:
            marks.append([ent["start"] - first, ent["end"] - first, ent["label"], reading_title(ent)])
    return {"doc": doc, "text": record["text"][first:last], "figure": [start - first, end - first], "marks": marks}
