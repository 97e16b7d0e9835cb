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
def _classifier(model: str | None, quantize: bool | None):
    from govdoc_nlp.classify.model import SentenceClassifier

    return SentenceClassifier(model, quantize=quantize)


def classify(sentences: Sequence[str], sections: Sequence[str | None] | None = None,
             headings: Sequence[str] | None = None, model: str | Path | None = None,
             quantize: bool | None = None) -> list:
    """Label sentences without running the pipeline: a ``SentencePrediction`` (label, scores) per sentence.

    Without ``sections`` each sentence is read alone, from its own words. ``sections``: the part of its report
    each sentence stands in (review, problems, plan, preamble, appendix, unknown; None: read alone); ``headings``:
    the headings above each one (optional). ``model``: a classifier folder (default: the shipped model), loaded
    once and kept. ``quantize``: None (default) the model's int8 graph where it has one, else float32; False
    float32; True int8 (see :class:`govdoc_nlp.classify.model.SentenceClassifier`). The default gives a sentence
    the same scores alone or in any batch; True on a folder without an int8 graph runs PyTorch's int8 layers,
    whose scores move slightly with the batch.
    """
    if isinstance(sentences, str):
        raise TypeError("classify() takes a list of sentences, not one string")
    return _classifier(str(model) if model is not None else None, quantize).predict(list(sentences), sections,
                                                                                    headings)


def ledger(inputs: Sequence[str | Path] | str | Path, segmenter: str = "pkuseg", nlp: Language | None = None):
    """The target ledger of ``inputs`` (reports, folders, or annotated JSONL) as a pandas DataFrame: one row per
    place, year and indicator, the target a report sets for its year against the outcome the next report gives
    (columns and rules: docs/ledger.md). ``nlp``: a pipeline to run unannotated inputs through (default: the saved
    one, without the classifier). The reports' own verdicts are in ``govdoc_nlp.target_ledger.build.build_ledger``.
    """
    from govdoc_nlp.target_ledger.build import build_ledger

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    return build_ledger(inputs, segmenter, nlp).ledger


def load(segmenter: str = "pkuseg", path: str | Path | None = None, classifier: bool = True) -> Language:
    """The govdoc pipeline (`segmenter` = "pkuseg", "jieba" or "char"), as saved by `govdoc setup`;
    ``classifier=False`` leaves out the sentence classifier (entities and sections only; 1.7× as fast in
    benchmarks/batch_throughput.py)."""
    return load_pipeline(segmenter, path, classifier)


__all__ = ["SetupRequiredError", "__version__", "build_pipeline", "classify", "ledger", "load", "to_record"]
