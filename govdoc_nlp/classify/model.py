"""SentenceClassifier: a fine-tuned sentence classifier, loaded once, that labels sentences in batches."""

from __future__ import annotations

import json
import os
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from govdoc_nlp.classify.context import (SentenceContext, context_segment, contexts_for, reads_heading,
                                        with_neighbours)
from govdoc_nlp.classify.document_stage import DocumentStage, has_document_stage, in_document, stage_features
from govdoc_nlp.classify.hf_logging import quiet_transformers
from govdoc_nlp.classify.lexical_head import LexicalHead, has_lexical_head, head_input
from govdoc_nlp.classify.onnx_graph import INT8_FILE, OnnxRunner, graph_file

DEFAULT_MODEL = "govdoc-sentence-zh"
METADATA_FILE = "govdoc_classifier.json"


def update_model_metadata(folder: Path, changes: dict | None = None, remove: Sequence[str] = ()) -> None:
    """Set ``changes`` in, and take the ``remove`` keys out of, a model folder's metadata file."""
    meta_file = Path(folder) / METADATA_FILE
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta.update(changes or {})
    for key in remove:
        meta.pop(key, None)
    partial = meta_file.with_name(f".{METADATA_FILE}.partial")
    partial.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, meta_file)


class ClassifierModelError(ValueError):
    """A classifier model folder is missing or is not one `govdoc train-classifier` wrote."""


def default_model_dir() -> Path:
    """The shipped default model: inside the package once installed, ``models/`` beside it in a source tree."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "models" / DEFAULT_MODEL, package.parent / "models" / DEFAULT_MODEL):
        if candidate.is_dir():
            return candidate
    raise ClassifierModelError(f"the default classifier model {DEFAULT_MODEL} is missing from {package}; "
                               "reinstall govdoc-nlp")


@contextmanager
def _without_onednn(torch) -> Iterator[None]:
    # oneDNN keeps a kernel per tensor shape, and sentence batches come in hundreds of shapes: with it on, a
    # corpus run grew by 300-400 MB (benchmarks/speed_memory.py). Plain BLAS is as fast for a model this small.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "TF32 … available for Intel GPUs", printed on every switch
        with torch.backends.mkldnn.flags(enabled=False):
            yield


def quantize_linear_layers(torch, model):
    """The model with its linear layers in int8 (weights ahead of time, activations scaled per batch, so scores
    move with the batch: up to 0.02–0.03 measured in benchmarks/sentence_classifier.py)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization's notice that its API moves to torchao
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


@dataclass(frozen=True)
class SentencePrediction:
    """A sentence's label and the probability of every label."""

    label: str
    scores: dict[str, float]


BACKENDS = ("auto", "onnx", "torch")


class SentenceClassifier:
    """Labels sentences (achievement / target / problem / other) with a model folder written by train-classifier.

    ``backend``: ``onnx`` runs the folder's ``model.onnx`` with ONNX Runtime (same scores; faster than PyTorch on
    some CPUs, not on all: ``benchmarks/sentence_classifier.py`` measures both), ``torch`` runs
    the safetensors weights with PyTorch, ``auto`` (default) takes ONNX where the folder has the graph.
    ``quantize``: None (default) runs the folder's int8 graph ``model.int8.onnx`` where it has one, else float32;
    False float32; True int8: the int8 graph, or with PyTorch int8 linear layers. The int8 graph's activation
    scales were fixed at calibration, so a sentence's scores are the same alone or in any batch, as in float32;
    PyTorch's int8 layers scale activations per batch, so scores then move slightly with the batch."""

    def __init__(self, path: str | Path | None = None, batch_size: int = 64, quantize: bool | None = None,
                 backend: str = "auto") -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.path = Path(path) if path is not None else default_model_dir()
        meta_file = self.path / METADATA_FILE
        if not meta_file.exists():
            raise ClassifierModelError(f"{self.path}: not a govdoc classifier model (no {METADATA_FILE}); "
                                       "make one with `govdoc train-classifier`")
        self.meta = json.loads(meta_file.read_text(encoding="utf-8"))
        self.labels: list[str] = self.meta["labels"]
        self.prompts: dict[str, str] = {"unknown": self.meta["section_prompts"]["none"], **self.meta["section_prompts"]}
        # Models trained with the heading text in their context say so; older ones read the section word only.
        self.with_heading: bool = reads_heading(self.meta)
        self.temperature: float = float(self.meta.get("temperature", 1.0))
        self.max_length: int = self.meta["max_length"]
        self.batch_size = batch_size
        if quantize is None:
            quantize = backend != "torch" and (self.path / INT8_FILE).exists()
        self.precision = "int8" if quantize else "float32"
        self.backend = self._choose_backend(backend, quantize)
        # One network per backend: the PyTorch weights are loaded only when PyTorch runs them.
        self.model = None
        self._onnx = None
        with quiet_transformers():
            self.tokenizer = AutoTokenizer.from_pretrained(self.path)
            if self.backend == "torch":
                self.model = AutoModelForSequenceClassification.from_pretrained(
                    self.path, use_safetensors=True, trust_remote_code=False).eval()
        if quantize and self.backend == "torch":
            self.model = quantize_linear_layers(torch, self.model)
        # The lexical head, where the folder has one, is read beside the network with the weights calibration
        # gave them (meta "combination"); without it the network's logits are scaled by the temperature.
        self.lexical = LexicalHead.load(self.path) if has_lexical_head(self.path) else None
        if self.lexical is not None and list(self.lexical.labels) != self.labels:
            raise ClassifierModelError(f"{self.path}: the lexical head's labels {list(self.lexical.labels)} are not "
                                       f"the network's {self.labels}")
        self.combination: dict[str, float] | None = self.meta.get("combination") if self.lexical else None
        # The document stage reads the lexical head's view of the neighbours, so it needs the head.
        self.document_stage = None
        try:
            if self.lexical is not None and has_document_stage(self.path):
                self.document_stage = DocumentStage.load(self.path)
        except ValueError as err:  # made for other windows or sections: the message names the file and the fix
            raise ClassifierModelError(str(err)) from err
        if self.document_stage is not None and list(self.document_stage.labels) != self.labels:
            raise ClassifierModelError(f"{self.path}: the document stage's labels are not the network's {self.labels}")
        if self.backend == "onnx":
            # Threads as PyTorch's setting, so that the batch workers' per-worker thread count holds here too.
            self._onnx = OnnxRunner(self.path / graph_file(quantize), torch.get_num_threads())
        self._torch = torch

    def _choose_backend(self, backend: str, quantize: bool) -> str:
        """The backend ``backend`` names, for this folder and precision."""
        if backend not in BACKENDS:
            raise ClassifierModelError(f"unknown classifier backend {backend!r}; one of {', '.join(BACKENDS)}")
        has_graph = (self.path / graph_file(quantize)).exists()
        if backend == "onnx" and not has_graph:
            raise ClassifierModelError(f"{self.path}: no {graph_file(quantize)} to run")
        return "onnx" if backend == "onnx" or (backend == "auto" and has_graph) else "torch"

    def encode(self, texts: Sequence[str], contexts: Sequence[SentenceContext | None]):
        """Unpadded ``input_ids`` and ``token_type_ids`` per sentence: its context as the first segment, the
        sentence as the second."""
        first = [context_segment(c, self.prompts, self.with_heading) for c in contexts]
        return self.tokenizer(first, list(texts), truncation="only_second", max_length=self.max_length,
                              return_token_type_ids=True, return_attention_mask=False)

    def predict(self, texts: Sequence[str], sections: Sequence[str | None] | None = None,
                headings: Sequence[str] | None = None, document: bool = False) -> list[SentencePrediction]:
        """One prediction per text. Without ``sections`` each text is read alone (no document); with them, each
        sentence's section (review, plan, problems, preamble, appendix, unknown or None) and optionally the
        headings above it (``headings``) are read as its context. ``document``: the texts are one document's
        sentences in order, and each is read beside its neighbours too."""
        contexts = contexts_for(sections, headings, len(texts))
        return self.predict_contexts(texts, with_neighbours(texts, contexts) if document else contexts)

    def predict_contexts(self, texts: Sequence[str],
                         contexts: Sequence[SentenceContext | None]) -> list[SentencePrediction]:
        """One prediction per text, each read in its context (None: alone)."""
        from scipy.special import softmax

        out = []
        for row in softmax(self.log_scores(texts, list(contexts)), axis=1).tolist():
            best = max(range(len(row)), key=row.__getitem__)
            out.append(SentencePrediction(self.labels[best], {label: round(p, 4) for label, p in zip(self.labels, row)}))
        return out

    def log_scores(self, texts: Sequence[str], contexts: Sequence[SentenceContext | None],
                   combination: dict[str, float] | None = None, stage: bool = True) -> np.ndarray:
        """Unnormalised log-probabilities of the labels (``len(texts)`` × labels): the network's logits over the
        temperature, or, with a lexical head, ``network`` × the network's log-probabilities + ``lexical`` × the
        head's (weights: ``combination``, default the model's), and for sentences of a document with neighbours
        the document stage over those (where the model has one and ``stage``)."""
        combination = combination or self.combination
        if self.lexical is None or combination is None:
            return self.logits(texts, contexts).numpy().astype(np.float64) / self.temperature
        network, lexical = self.log_probabilities(texts, contexts)
        scores = combination["network"] * network + combination["lexical"] * lexical
        if self.document_stage is not None and stage:
            placed = [i for i, c in enumerate(contexts) if in_document(c)]
            if placed:
                features = self.stage_features(scores[placed], [texts[i] for i in placed], [contexts[i] for i in placed])
                scores[placed] = self.document_stage.log_scores(features)
        return scores

    def stage_features(self, own: np.ndarray, texts: Sequence[str], contexts: Sequence[SentenceContext]) -> np.ndarray:
        """The document stage's features of sentences read in ``contexts`` with log-scores ``own``."""
        none = context_segment(None, self.prompts, self.with_heading)
        return stage_features(own, texts, contexts, lambda words: self.lexical.log_proba([head_input(w, none)
                                                                                          for w in words]))

    def log_probabilities(self, texts: Sequence[str],
                          contexts: Sequence[SentenceContext | None]) -> tuple[np.ndarray, np.ndarray]:
        """The network's and the lexical head's log-probabilities of the labels, each ``len(texts)`` × labels."""
        from scipy.special import log_softmax

        network = log_softmax(self.logits(texts, contexts).numpy().astype(np.float64), axis=1)
        words = [head_input(t, context_segment(c, self.prompts, self.with_heading)) for t, c in zip(texts, contexts)]
        return network, self.lexical.log_proba(words)

    def encoded_batches(self, texts: Sequence[str], contexts: Sequence[SentenceContext | None]
                        ) -> Iterator[tuple[list[int], np.ndarray, np.ndarray, np.ndarray]]:
        """The inputs in padded int64 batches: (indexes into ``texts``, input_ids, attention_mask,
        token_type_ids). Length-sorted batches waste little on padding. Which sentences share a batch can move
        float scores in the 4th decimal (the padded width changes the order of sums), so callers that need the same
        output however work is split (the pipeline component) classify one document per call."""
        encoded = self.encode(texts, contexts)
        ids, types = encoded["input_ids"], encoded["token_type_ids"]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for begin in range(0, len(order), self.batch_size):
            batch = order[begin:begin + self.batch_size]
            width = len(ids[batch[-1]])
            input_ids = np.full((len(batch), width), self.tokenizer.pad_token_id, dtype=np.int64)
            token_types = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(ids[i])
                input_ids[row, :n], token_types[row, :n], mask[row, :n] = ids[i], types[i], 1
            yield batch, input_ids, mask, token_types

    def logits(self, texts: Sequence[str], contexts: Sequence[SentenceContext | None]):
        """The model's raw scores (a ``len(texts)`` × labels float tensor, before temperature), in input order."""
        torch = self._torch
        out = torch.zeros((len(texts), len(self.labels)))
        if not texts:
            return out
        with torch.inference_mode(), _without_onednn(torch):
            for batch, input_ids, mask, token_types in self.encoded_batches(texts, contexts):
                if self._onnx is not None:
                    out[batch] = torch.from_numpy(self._onnx.run(input_ids, mask, token_types))
                else:
                    out[batch] = self.model(input_ids=torch.from_numpy(input_ids),
                                            attention_mask=torch.from_numpy(mask),
                                            token_type_ids=torch.from_numpy(token_types)).logits
        return out
