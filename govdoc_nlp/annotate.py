"""annotate_documents: run the pipeline over input documents and yield records (used by every batch engine)."""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.document_parts import PART_CHARS, PartDone, annotate_in_parts
from govdoc_nlp.io.readers import InputDocument
from govdoc_nlp.io.records import to_record


def make_doc_with_place(nlp: Language, text: str, place: str | None = None) -> Doc:
    """The tokenized Doc of ``text``, with the document's own place set for PLACE disambiguation."""
    doc = nlp.make_doc(text)
    if place:
        doc._.home_place = place
    return doc


def annotate_documents(nlp: Language, documents: Iterable[InputDocument], batch_size: int = 8,
                       part_chars: int = PART_CHARS, part_done: PartDone | None = None) -> Iterator[dict]:
    """One record per document, in input order; ``meta["place"]`` sets the document's home place. A document
    longer than ``part_chars`` is annotated in parts (``govdoc_nlp.document_parts``), ``part_done`` called after
    each."""
    waiting: list[InputDocument] = []
    for item in documents:
        if len(item.text) > part_chars:
            yield from _annotate_whole(nlp, waiting, batch_size)
            waiting = []
            yield annotate_in_parts(nlp, item.text, item.meta.get("place"), part_chars, part_done,
                                    doc_id=item.id, source=item.source, meta=item.meta)
        else:
            waiting.append(item)
            if len(waiting) >= batch_size:
                yield from _annotate_whole(nlp, waiting, batch_size)
                waiting = []
    yield from _annotate_whole(nlp, waiting, batch_size)


def _annotate_whole(nlp: Language, documents: list[InputDocument], batch_size: int) -> Iterator[dict]:
    docs = ((make_doc_with_place(nlp, item.text, item.meta.get("place")), item) for item in documents)
    for doc, item in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        yield to_record(doc, doc_id=item.id, source=item.source, meta=item.meta)
