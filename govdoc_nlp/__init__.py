"""govdoc-nlp: a spaCy pipeline for Chinese government work reports."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from spacy.language import Language

try:
    __version__ = version("govdoc-nlp")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

from govdoc_nlp.io.records import to_record  # noqa: E402
from govdoc_nlp.pipeline import SetupRequiredError, build_pipeline, load_pipeline  # noqa: E402


@lru_cache(maxsize=4)
def _classifier(model: str | None, quantize: bool):
    from govdoc_nlp.classify.model import SentenceClassifier

    return SentenceClassifier(model, quantize=quantize)


def classify(sentences: Sequence[str], sections: Sequence[str | None] | None = None,
             model: str | Path | None = None, quantize: bool = True) -> list:
    """Label sentences without a document: a ``SentencePrediction`` (label, scores) per sentence.

    ``sections``: where each sentence stands (review, problems, plan, preamble, appendix; None if not known).
    ``model``: a classifier folder (default: the shipped model), loaded once and kept.
    ``quantize``: int8 linear layers (default, as in the pipeline); False: float32, slower, and each sentence's
    scores then do not depend on the other sentences of the call.
    """
    if isinstance(sentences, str):
        raise TypeError("classify() takes a list of sentences, not one string")
    return _classifier(str(model) if model is not None else None, quantize).predict(list(sentences), sections)


def load(segmenter: str = "pkuseg", path: str | Path | None = None, classifier: bool = True) -> Language:
    """The govdoc pipeline (`segmenter` = "pkuseg", "jieba" or "char"), as saved by `govdoc setup`;
    ``classifier=False`` leaves out the sentence classifier (entities and sections only; 1.7× as fast in
    benchmarks/batch_throughput.py)."""
    return load_pipeline(segmenter, path, classifier)


__all__ = ["SetupRequiredError", "__version__", "build_pipeline", "classify", "load", "to_record"]
