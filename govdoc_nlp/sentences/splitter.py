"""SentenceSplitter: sentences end at 。！？； (full- or half-width, with closing quotes) and at line breaks."""

from __future__ import annotations

import re
from pathlib import Path

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.extensions import doc_text
from govdoc_nlp.alignment import split_tokens_at
from govdoc_nlp.saved_files import BytesFromFiles

# A terminator with any closing quotes/brackets after it, or a line break (headings and list items end there);
# the whitespace after it stays with the sentence it ends, so that no sentence is whitespace only.
SENTENCE_END = re.compile(r"(?:[。！？；!?;][”’」』）)]*|\n)\s*")


def sentence_boundaries(text: str) -> set[int]:
    """Character offsets where a new sentence starts (0 excluded)."""
    cuts: set[int] = set()
    for m in SENTENCE_END.finditer(text):
        cuts.add(m.end())
    cuts.discard(0)
    cuts.discard(len(text))
    return cuts


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """(start, sentence without surrounding white space) of every non-blank sentence of ``text``."""
    cuts = sorted(sentence_boundaries(text) | {0, len(text)})
    return [(start, text[start:end].strip()) for start, end in zip(cuts, cuts[1:]) if text[start:end].strip()]


class SentenceSplitter(BytesFromFiles):
    """Sets ``token.is_sent_start`` for every token (rule-based, no parser)."""

    def __init__(self, nlp: Language, name: str = "govdoc_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Split ``doc`` into sentences."""
        if not len(doc):
            return doc
        cuts = sentence_boundaries(doc_text(doc))
        doc = split_tokens_at(doc, cuts)
        # One array write: setting token.is_sent_start one by one re-checks the whole Doc each time.
        is_start = numpy.isin(doc.to_array(IDX), numpy.fromiter(cuts, dtype="int64", count=len(cuts)))
        is_start[0] = True
        starts = numpy.where(is_start, 1, -1).astype("int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], starts)
        return doc

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Nothing to save: the rule is fixed by the guidelines."""
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: Path, exclude: tuple = ()) -> "SentenceSplitter":
        """Nothing to load."""
        return self


@Language.factory("govdoc_sentences", assigns=["token.is_sent_start"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """spaCy factory for :class:`SentenceSplitter`."""
    return SentenceSplitter(nlp, name)
