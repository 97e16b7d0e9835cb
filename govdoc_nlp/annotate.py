"""annotate_documents: run the pipeline over input documents and yield records (used by every batch engine)."""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from govdoc_nlp.io.readers import InputDocument
from govdoc_nlp.io.records import to_record


def annotate_documents(nlp: Language, documents: Iterable[InputDocument], batch_size: int = 8) -> Iterator[dict]:
    """One record per document, in input order; ``meta["place"]`` sets the document's home place."""

    def docs() -> Iterator:
        for item in documents:
            doc = nlp.make_doc(item.text)
            place = item.meta.get("place")
            if place:
                doc._.home_place = place
            yield doc, item

    for doc, item in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        yield to_record(doc, doc_id=item.id, source=item.source, meta=item.meta)
