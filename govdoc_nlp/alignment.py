"""Put character-level entity spans on a Doc: split tokens at span edges, resolve overlaps, set doc.ents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.tokens import Doc


@dataclass
class CharSpan:
    """An entity found on characters: [start, end) into ``doc.text``, a label and its normalised reading."""

    start: int
    end: int
    label: str
    attr: str | None = None
    value: dict[str, Any] | None = field(default=None)


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, in order (read in one pass over the Doc's array)."""
    return doc.to_array(IDX).tolist() if len(doc) else []


def split_tokens_at(doc: Doc, cuts: set[int]) -> None:
    """Retokenise so that every character offset in ``cuts`` is a token boundary."""
    starts = token_starts(doc)
    plan: dict[int, list[int]] = {}
    for cut in sorted(cuts):
        k = bisect_right(starts, cut) - 1
        if k >= 0 and starts[k] != cut and cut < starts[k] + len(doc[k].text):
            plan.setdefault(k, []).append(cut - starts[k])
    if not plan:
        return
    with doc.retokenize() as retokenizer:
        for i, inner in plan.items():
            token = doc[i]
            edges = [0, *inner, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:])]
            retokenizer.split(token, orths, heads=[(token, k) for k in range(len(orths))])


ENTITY_STORE_KEY = "govdoc.entities"


def _resolve_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest span wins (then the earlier one); spans never overlap."""
    taken: list[tuple[int, int, str]] = []
    occupied = bytearray(max((s[1] for s in spans), default=0))
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        start, end = span[0], span[1]
        if occupied.find(1, start, end) == -1:
            taken.append(span)
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(taken)


def add_entities(doc: Doc, found: list[CharSpan]) -> None:
    """Add ``found`` to ``doc.ents``: the longer span wins an overlap; readings go to ``span._.<attr>``.

    The entity list is kept on characters in ``doc.user_data`` as well, so each recogniser can merge without
    reading ``doc.ents`` back (that getter walks every token in Python).
    """
    if not found:
        return
    store = doc.user_data.get(ENTITY_STORE_KEY)
    if store is None:
        store = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if doc.has_annotation("ENT_IOB") else []
    readings = {(s.start, s.end, s.label): s for s in found if s.attr is not None}
    merged = _resolve_overlaps([tuple(s) for s in store] + [(s.start, s.end, s.label) for s in found])
    split_tokens_at(doc, {c for s, e, _ in merged for c in (s, e)})
    spans = [span for s, e, label in merged if (span := doc.char_span(s, e, label=label)) is not None]
    doc.ents = spans
    for span in spans:
        item = readings.get((span.start_char, span.end_char, span.label_))
        if item is not None:
            span._.set(item.attr, item.value)
    doc.user_data[ENTITY_STORE_KEY] = [[s.start_char, s.end_char, s.label_] for s in spans]
