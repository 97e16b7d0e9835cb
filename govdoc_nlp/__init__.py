"""govdoc-nlp: a spaCy pipeline for Chinese government work reports."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from spacy.language import Language

try:
    __version__ = version("govdoc-nlp")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

from govdoc_nlp.io.records import to_record  # noqa: E402
from govdoc_nlp.pipeline import SetupRequiredError, build_pipeline, load_pipeline  # noqa: E402


def load(segmenter: str = "pkuseg", path: str | Path | None = None) -> Language:
    """The govdoc pipeline (`segmenter` = "pkuseg", "jieba" or "char"), as saved by `govdoc setup`."""
    return load_pipeline(segmenter, path)


__all__ = ["SetupRequiredError", "__version__", "build_pipeline", "load", "to_record"]
