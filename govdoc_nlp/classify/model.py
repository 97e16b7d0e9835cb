"""SentenceClassifier: a fine-tuned sentence classifier, loaded once, that labels sentences in batches."""

from __future__ import annotations

import json
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from govdoc_nlp.data_files import read_tsv

DEFAULT_MODEL = "govdoc-sentence-zh"
METADATA_FILE = "govdoc_classifier.json"


class ClassifierModelError(ValueError):
    """A classifier model folder is missing or is not one `govdoc train-classifier` wrote."""


def section_prompts() -> dict[str, str]:
    """The words the classifier reads for each report section ("none": not known)."""
    return {row["section"]: row["prompt"] for row in read_tsv("section_prompts.tsv")}


def default_model_dir() -> Path:
    """The shipped default model: inside the package once installed, ``models/`` beside it in a source tree."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "models" / DEFAULT_MODEL, package.parent / "models" / DEFAULT_MODEL):
        if candidate.is_dir():
            return candidate
    raise ClassifierModelError(f"the default classifier model {DEFAULT_MODEL} is missing from {package}; "
                               "reinstall govdoc-nlp")


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' loading reports and progress bars for a moment, then restore the user's settings."""
    from transformers.utils import logging as hf_logging

    level, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


@contextmanager
def _without_onednn(torch) -> Iterator[None]:
    # oneDNN keeps a kernel per tensor shape, and sentence batches come in hundreds of shapes: with it on, a
    # corpus run grew by 300-400 MB (benchmarks/speed_memory.py). Plain BLAS is as fast for a model this small.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "TF32 … available for Intel GPUs", printed on every switch
        with torch.backends.mkldnn.flags(enabled=False):
            yield


def quantize_linear_layers(torch, model):
    """The model with its linear layers in int8 (weights ahead of time, activations per batch): on the
    development machine's CPU 1.8× as fast as float32, 1 label in 11,366 changed (benchmarks/sentence_classifier.py)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization's notice that its API moves to torchao
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


@dataclass(frozen=True)
class SentencePrediction:
    """A sentence's label and the probability of every label."""

    label: str
    scores: dict[str, float]


class SentenceClassifier:
    """Labels sentences (achievement / target / problem / other) with a model folder written by train-classifier;
    ``quantize``: run the linear layers in int8 (default; 1.8× as fast on CPU) or, if False, in float32."""

    def __init__(self, path: str | Path | None = None, batch_size: int = 64, quantize: bool = True) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.path = Path(path) if path is not None else default_model_dir()
        meta_file = self.path / METADATA_FILE
        if not meta_file.exists():
            raise ClassifierModelError(f"{self.path}: not a govdoc classifier model (no {METADATA_FILE}); "
                                       "make one with `govdoc train-classifier`")
        self.meta = json.loads(meta_file.read_text(encoding="utf-8"))
        self.labels: list[str] = self.meta["labels"]
        self.prompts: dict[str, str] = self.meta["section_prompts"]
        self.max_length: int = self.meta["max_length"]
        self.batch_size = batch_size
        with quiet_transformers():
            self.tokenizer = AutoTokenizer.from_pretrained(self.path)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                self.path, use_safetensors=True, trust_remote_code=False).eval()
        # int8 activations are scaled per batch, so a sentence's scores move slightly with its batch-mates
        # (up to 0.06 measured); quantize=False gives float32 and scores that do not depend on the batch.
        self.precision = "int8" if quantize else "float32"
        if quantize:
            self.model = quantize_linear_layers(torch, self.model)
        self._torch = torch

    def encode(self, texts: Sequence[str], sections: Sequence[str | None]):
        """Unpadded ``input_ids`` and ``token_type_ids`` per sentence: the section's prompt as the first segment,
        the sentence as the second."""
        prompts = [self.prompts.get(s or "none", self.prompts["none"]) for s in sections]
        return self.tokenizer(prompts, list(texts), truncation="only_second", max_length=self.max_length,
                              return_token_type_ids=True, return_attention_mask=False)

    def predict(self, texts: Sequence[str], sections: Sequence[str | None] | None = None) -> list[SentencePrediction]:
        """One prediction per text; ``sections`` (review, plan, problems, preamble, appendix or None) per text."""
        sections = list(sections) if sections is not None else [None] * len(texts)
        if len(sections) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(sections)} sections")
        if not texts:
            return []
        encoded = self.encode(texts, sections)
        ids, types = encoded["input_ids"], encoded["token_type_ids"]
        # Length-sorted batches waste little on padding. Which sentences share a batch moves scores (the 4th
        # decimal in float32, more in int8), so callers that need the same output however work is split (the
        # pipeline component) classify one document per call; results go back in input order.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out: list[SentencePrediction | None] = [None] * len(texts)
        torch, pad = self._torch, self.tokenizer.pad_token_id
        with torch.inference_mode(), _without_onednn(torch):
            for begin in range(0, len(order), self.batch_size):
                batch = order[begin:begin + self.batch_size]
                width = len(ids[batch[-1]])
                input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
                token_types = torch.zeros((len(batch), width), dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, i in enumerate(batch):
                    n = len(ids[i])
                    input_ids[row, :n] = torch.tensor(ids[i])
                    token_types[row, :n] = torch.tensor(types[i])
                    mask[row, :n] = 1
                logits = self.model(input_ids=input_ids, token_type_ids=token_types, attention_mask=mask).logits
                for i, row in zip(batch, torch.softmax(logits, dim=-1).tolist()):
                    best = max(range(len(row)), key=row.__getitem__)
                    out[i] = SentencePrediction(self.labels[best],
                                                {label: round(p, 4) for label, p in zip(self.labels, row)})
        return out  # type: ignore[return-value]
