"""Put character-level entity spans on a Doc: split tokens at span edges, resolve overlaps, set doc.ents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc
from spacy.util import filter_spans


@dataclass
class CharSpan:
    """An entity found on characters: [start, end) into ``doc.text``, a label and its normalised reading."""

    start: int
    end: int
    label: str
    attr: str | None = None
    value: dict[str, Any] | None = field(default=None)


def split_tokens_at(doc: Doc, cuts: set[int]) -> None:
    """Retokenise so that every character offset in ``cuts`` is a token boundary."""
    plan: list[tuple[int, list[int]]] = []
    for token in doc:
        inner = sorted(c - token.idx for c in cuts if token.idx < c < token.idx + len(token.text))
        if inner:
            plan.append((token.i, inner))
    if not plan:
        return
    with doc.retokenize() as retokenizer:
        for i, inner in plan:
            token = doc[i]
            edges = [0, *inner, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:])]
            retokenizer.split(token, orths, heads=[(token, k) for k in range(len(orths))])


def add_entities(doc: Doc, found: list[CharSpan]) -> None:
    """Add ``found`` to ``doc.ents``: the longer span wins an overlap; readings go to ``span._.<attr>``."""
    if not found:
        return
    existing = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    split_tokens_at(doc, {c for s in found for c in (s.start, s.end)})
    spans = [doc.char_span(s, e, label=label) for s, e, label in existing]
    for item in found:
        span = doc.char_span(item.start, item.end, label=item.label)
        if span is None:
            continue
        if item.attr is not None:
            span._.set(item.attr, item.value)
        spans.append(span)
    doc.ents = filter_spans([s for s in spans if s is not None])
