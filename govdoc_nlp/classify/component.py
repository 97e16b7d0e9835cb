"""The `govdoc_classifier` pipeline component: a label and scores on every sentence, in batches."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from govdoc_nlp.classify.context import contexts_for, with_neighbours
from govdoc_nlp.classify.model import SentenceClassifier, default_model_dir
from govdoc_nlp.extensions import WHOLE_DOCUMENT_KEY, register_extensions
from govdoc_nlp.saved_files import BytesFromFiles

MODEL_FOLDER = "model"


class SentenceClassifierComponent(BytesFromFiles):
    """Sets ``span._.label`` and ``span._.scores`` on each sentence of a Doc (after govdoc_sections)."""

    keeps_files = True  # the model folder is read on first use

    def __init__(self, nlp: Language, name: str, model: str | None, batch_size: int,
                 quantize: bool | None = None) -> None:
        register_extensions()
        self.name = name
        self.model_path = Path(model) if model else default_model_dir()
        self.batch_size = batch_size
        self.quantize = quantize
        self._classifier: SentenceClassifier | None = None

    @property
    def classifier(self) -> SentenceClassifier:
        """The model, loaded on first use and kept."""
        if self._classifier is None:
            self._classifier = SentenceClassifier(self.model_path, self.batch_size, self.quantize)
        return self._classifier

    def __call__(self, doc: Doc) -> Doc:
        """Label every sentence of ``doc``."""
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        """Label the sentences of each document, one document per model call, each read beside its neighbours: a
        sentence's scores then do not depend on which other documents share the batch (same output with any
        --workers or shard size)."""
        for doc in docs:
            sents: list[Span] = [s for s in doc.sents if s.text.strip()]
            texts = [s.text.strip() for s in sents]
            contexts = contexts_for([s._.section for s in sents], [s._.heading or "" for s in sents], len(sents))
            # A part of a long document (document_parts.py) brings the sentences just outside it.
            before, after = (doc.user_data.get(WHOLE_DOCUMENT_KEY) or {}).get("neighbours", ((), ()))
            contexts = with_neighbours([*before, *texts, *after], [None] * len(before) + contexts + [None] * len(after))
            predictions = self.classifier.predict_contexts(texts, contexts[len(before):len(before) + len(texts)])
            for sent, prediction in zip(sents, predictions):
                sent._.label = prediction.label
                sent._.scores = prediction.scores
            yield doc

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Copy the model folder into the saved pipeline, so a saved pipeline is self-contained."""
        target = Path(path) / MODEL_FOLDER
        if target.resolve() != self.model_path.resolve():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(self.model_path, target, ignore=shutil.ignore_patterns("README.md"))

    def from_disk(self, path: Path, exclude: tuple = ()) -> "SentenceClassifierComponent":
        """Use the model folder :meth:`to_disk` wrote."""
        self.model_path = Path(path) / MODEL_FOLDER
        self._classifier = None
        return self


@Language.factory("govdoc_classifier", default_config={"model": None, "batch_size": 64, "quantize": None},
                  assigns=["span._.label", "span._.scores"], requires=["token.is_sent_start"])
def make_sentence_classifier(nlp: Language, name: str, model: str | None, batch_size: int,
                             quantize: bool | None) -> SentenceClassifierComponent:
    """spaCy factory for :class:`SentenceClassifierComponent`; ``model``: a classifier folder (default: shipped);
    ``quantize``: None (default) the model's int8 graph where it has one, else float32; False float32; True int8."""
    return SentenceClassifierComponent(nlp, name, model, batch_size, quantize)
