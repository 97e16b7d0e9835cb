"""Put character-level entity spans on a Doc: split tokens at span edges, resolve overlaps, set doc.ents."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import IDX, SENT_START, SPACY
from spacy.tokens import Doc

from govdoc_nlp.extensions import doc_text

ENTITY_STORE_KEY = "govdoc.entities"


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


def entity_offsets(doc: Doc) -> list[tuple[int, int, str]]:
    """(start_char, end_char, label) of the Doc's entities, from our store when there is one."""
    store = doc.user_data.get(ENTITY_STORE_KEY)
    if store is not None:
        return [tuple(item) for item in store]
    if not doc.has_annotation("ENT_IOB"):
        return []
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def set_entities(doc: Doc, entities: list[tuple[int, int, str]]) -> list:
    """Set ``doc.ents`` from character offsets (which must fall on token boundaries); returns the Spans."""
    spans = [span for s, e, label in entities if (span := doc.char_span(s, e, label=label)) is not None]
    doc.ents = spans
    doc.user_data[ENTITY_STORE_KEY] = [[s.start_char, s.end_char, s.label_] for s in spans]
    return spans


def split_tokens_at(doc: Doc, cuts: set[int]) -> Doc:
    """A Doc whose tokens have a boundary at every character offset in ``cuts``: ``doc`` itself if it has.

    Rather than spaCy's retokenizer, whose every split reallocates the whole Doc (quadratic on a long
    report), the Doc is rebuilt once from the split words. The rebuilt Doc carries text, whitespace,
    sentence starts, entities and ``user_data`` (where extension values live); it is meant for a pipeline
    in which these rule components run before any statistical one, as in govdoc_nlp's.
    """
    if not len(doc) or not cuts:
        return doc
    starts = token_starts(doc)
    start_set = set(starts)
    plan: dict[int, list[int]] = {}
    for cut in sorted(c for c in cuts if c not in start_set):
        k = bisect_right(starts, cut) - 1
        if k >= 0 and cut < starts[k] + len(doc[k]):
            plan.setdefault(k, []).append(cut)
    if not plan:
        return doc
    text = doc_text(doc)
    whitespace = doc.to_array(SPACY).tolist()
    old_sents = doc.to_array(SENT_START).tolist() if doc.has_annotation("SENT_START") else None
    entities = entity_offsets(doc)
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[int] = []
    for i, start in enumerate(starts):
        end = (starts[i + 1] if i + 1 < len(starts) else len(text)) - whitespace[i]
        edges = [start, *plan.get(i, ()), end]
        for n, (a, b) in enumerate(zip(edges, edges[1:])):
            words.append(text[a:b])
            spaces.append(bool(whitespace[i]) and n == len(edges) - 2)
            if old_sents is not None:
                sent_starts.append(old_sents[i] if n == 0 else -1)
    rebuilt = Doc(doc.vocab, words=words, spaces=spaces)
    rebuilt.user_data.update(doc.user_data)
    if old_sents is not None:
        column = numpy.array(sent_starts, dtype="int64").astype("uint64").reshape(-1, 1)
        rebuilt.from_array([SENT_START], column)
    if entities:
        set_entities(rebuilt, entities)
    return rebuilt


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


def add_entities(doc: Doc, found: list[CharSpan]) -> Doc:
    """Add ``found`` to ``doc.ents``: the longer span wins an overlap; readings go to ``span._.<attr>``.

    The entity list is kept on characters in ``doc.user_data`` as well, so each recogniser can merge without
    reading ``doc.ents`` back (that getter walks every token in Python). Returns the Doc, which is a new
    object when tokens had to be split.
    """
    if not found:
        return doc
    readings = {(s.start, s.end, s.label): s for s in found if s.attr is not None}
    merged = _resolve_overlaps(entity_offsets(doc) + [(s.start, s.end, s.label) for s in found])
    doc = split_tokens_at(doc, {c for s, e, _ in merged for c in (s, e)})
    for span in set_entities(doc, merged):
        item = readings.get((span.start_char, span.end_char, span.label_))
        if item is not None:
            span._.set(item.attr, item.value)
    return doc
