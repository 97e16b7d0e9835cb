"""Put character-level entity spans on a Doc: split tokens at span edges, resolve overlaps, set doc.ents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IDX, SENT_START, SPACY
from spacy.language import Language
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


def stored_entities(doc: Doc) -> list[list]:
    """[start_char, end_char, label, attr, reading] of every entity, from our store or from ``doc.ents``."""
    store = doc.user_data.get(ENTITY_STORE_KEY)
    if store is not None:
        return [list(item) for item in store]
    if not doc.has_annotation("ENT_IOB"):
        return []
    return [[e.start_char, e.end_char, e.label_, None, None] for e in doc.ents]


def set_entities(doc: Doc, entities: list[list]) -> None:
    """Set ``doc.ents`` and the readings from stored entities (edges must fall on token boundaries)."""
    spans = []
    for start, end, label, attr, reading in entities:
        span = doc.char_span(start, end, label=label)
        if span is None:
            continue
        if attr is not None:
            span._.set(attr, reading)
        spans.append(span)
    doc.ents = spans


def split_tokens_at(doc: Doc, cuts: set[int]) -> Doc:
    """A Doc whose tokens have a boundary at every character offset in ``cuts``: ``doc`` itself if it has.

    Rather than spaCy's retokenizer, whose every split reallocates the whole Doc (quadratic on a long
    report), the Doc is rebuilt once from the split words. The rebuilt Doc carries text, whitespace,
    sentence starts, entities, ``cats``, the ``nlp.pipe`` context and ``user_data`` (where extension values
    live); it is meant for a pipeline in which these rule components run before any statistical one, as in
    govdoc_nlp's.
    """
    if not len(doc) or not cuts:
        return doc
    text = doc_text(doc)
    starts = doc.to_array(IDX).astype("int64")
    trailing = doc.to_array(SPACY).astype("int64")
    ends = numpy.append(starts[1:], len(text)) - trailing
    candidates = numpy.fromiter(cuts, dtype="int64", count=len(cuts))
    owner = numpy.searchsorted(starts, candidates, side="right") - 1
    ok = owner >= 0
    inside = candidates[ok][(starts[owner[ok]] < candidates[ok]) & (candidates[ok] < ends[owner[ok]])]
    if not len(inside):
        return doc
    piece_starts = numpy.union1d(starts, inside)
    piece_owner = numpy.searchsorted(starts, piece_starts, side="right") - 1
    piece_ends = numpy.minimum(numpy.append(piece_starts[1:], len(text)), ends[piece_owner])
    last_piece = piece_ends == ends[piece_owner]
    words = [text[a:b] for a, b in zip(piece_starts.tolist(), piece_ends.tolist())]
    spaces = (last_piece & (trailing[piece_owner] == 1)).tolist()
    entities = stored_entities(doc) if ENTITY_STORE_KEY in doc.user_data else None
    rebuilt = Doc(doc.vocab, words=words, spaces=spaces)
    rebuilt.user_data.update(doc.user_data)
    rebuilt.cats = dict(doc.cats)
    rebuilt._context = doc._context  # nlp.pipe(..., as_tuples=True) reads the context back from the Doc
    if doc.has_annotation("SENT_START"):
        old = doc.to_array(SENT_START).astype("int64")
        first_piece = piece_starts == starts[piece_owner]
        column = numpy.where(first_piece, old[piece_owner], -1).astype("uint64").reshape(-1, 1)
        rebuilt.from_array([SENT_START], column)
    if entities:
        set_entities(rebuilt, entities)
    return rebuilt


def _resolve_overlaps(spans: list[list]) -> list[list]:
    """Longest span wins (then the earlier one); spans never overlap."""
    taken: list[list] = []
    occupied = bytearray(max((s[1] for s in spans), default=0))
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        start, end = span[0], span[1]
        if occupied.find(1, start, end) == -1:
            taken.append(span)
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(taken, key=lambda s: s[0])


def add_entities(doc: Doc, found: list[CharSpan]) -> Doc:
    """Merge ``found`` into the Doc's entities, kept on characters with their readings in ``doc.user_data``
    (the longer span wins an overlap); ``govdoc_align_entities`` then sets them on tokens, once."""
    merged = _resolve_overlaps(stored_entities(doc) + [[s.start, s.end, s.label, s.attr, s.value] for s in found])
    doc.user_data[ENTITY_STORE_KEY] = merged
    return doc


def align_entities(doc: Doc) -> Doc:
    """Split tokens at the stored entities' edges and set ``doc.ents`` and the readings. Returns the Doc, a new
    object when tokens had to be split (see :func:`split_tokens_at`)."""
    entities = stored_entities(doc)
    rebuilt = split_tokens_at(doc, {c for item in entities for c in item[:2]})
    if rebuilt is doc:
        set_entities(doc, entities)
    return rebuilt


class EntityAligner:
    """The step after the recognisers: the entities they found on characters, set on tokens once (each alignment
    may rebuild the Doc, so the recognisers do not align one by one)."""

    def __init__(self, nlp: Language, name: str = "govdoc_align_entities") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Split tokens at entity edges and set ``doc.ents`` and the readings."""
        return align_entities(doc)

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Nothing to save."""
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: Path, exclude: tuple = ()) -> "EntityAligner":
        """Nothing to load."""
        return self


@Language.factory("govdoc_align_entities", assigns=["doc.ents", "span._.metric", "span._.place", "span._.slogan"])
def make_entity_aligner(nlp: Language, name: str) -> EntityAligner:
    """spaCy factory for :class:`EntityAligner`."""
    return EntityAligner(nlp, name)
