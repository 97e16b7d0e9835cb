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


def load_check(segmenter: str = "pkuseg") -> None:
    """Raise SetupRequiredError (naming `govdoc setup`) if the pipeline for ``segmenter`` is not set up."""
    from govdoc_nlp.paths import pipeline_dir

    if not (pipeline_dir(segmenter) / "config.cfg").exists():
        load_pipeline(segmenter)  # raises with the message that names the command


__all__ = ["SetupRequiredError", "__version__", "build_pipeline", "load", "to_record"]
