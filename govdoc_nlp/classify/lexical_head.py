"""The classifier's lexical head: character n-grams of the sentence and its context, TF-IDF weighted, and a
linear layer — read beside the network, whose small base misses words a bag of n-grams catches.

Trained with scikit-learn (``TfidfVectorizer`` and ``LogisticRegression``, as the TF-IDF baseline of
``benchmarks/sentence_classifier.py``) and saved as plain arrays (``lexical_head.safetensors``) and its n-grams
(``lexical_head.json``): no pickle. Reading it needs numpy only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

WEIGHTS_FILE = "lexical_head.safetensors"
VOCABULARY_FILE = "lexical_head.json"
NGRAMS = (1, 3)
MIN_DF = 2
_SPACES = re.compile(r"\s\s+")  # as scikit-learn's char analyzer: runs of white space read as one space


def head_input(text: str, context_words: str) -> str:
    """What the head reads: the context's words (those the network reads first) and the sentence."""
    return f"{context_words} ¶ {text}"


_BITS = 21  # a code point + 1 fits in 21 bits, so an n-gram of up to three characters is one 64-bit key


def _keys_of(grams: Sequence[str]) -> np.ndarray:
    """The 64-bit key of each n-gram: its code points + 1, left-aligned in 21-bit fields (0 where it is shorter)."""
    width = NGRAMS[1]
    padded = "".join(gram.ljust(width, "\0") for gram in grams).encode("utf-32-le", "surrogatepass")
    points = np.frombuffer(padded, dtype=np.uint32).reshape(-1, width).astype(np.uint64) + 1
    points[np.arange(width) >= np.array([len(g) for g in grams])[:, None]] = 0
    keys = np.zeros(len(grams), dtype=np.uint64)
    for k in range(width):
        keys |= points[:, k] << np.uint64(_BITS * (width - 1 - k))
    return keys


def _gram_keys(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The key of every n-gram of every text and the text it is in (vectorised over the whole batch)."""
    texts = [_SPACES.sub(" ", text) for text in texts]
    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64) + 1
    row_of = np.repeat(np.arange(len(texts)), [len(text) for text in texts])
    keys, rows = [], []
    for n in range(NGRAMS[0], NGRAMS[1] + 1):
        count = len(points) - n + 1
        if count <= 0:
            continue
        key = np.zeros(count, dtype=np.uint64)
        for k in range(n):
            key |= points[k:k + count] << np.uint64(_BITS * (NGRAMS[1] - 1 - k))
        inside = row_of[:count] == row_of[n - 1:n - 1 + count]  # an n-gram does not run across two texts
        keys.append(key[inside]), rows.append(row_of[:count][inside])
    if not keys:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.concatenate(keys), np.concatenate(rows)


@dataclass(frozen=True)
class LexicalHead:
    """N-gram indexes, their idf, and one row of weights per label."""

    labels: tuple[str, ...]
    ngrams: tuple[str, ...]  # in feature order
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str], label_order: Sequence[str], seed: int = 13) -> "LexicalHead":
        """Train on ``texts`` (``head_input`` strings) and their labels: sublinear TF-IDF of character 1–3-grams
        seen at least twice, a class-balanced logistic regression."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, min_df=MIN_DF, sublinear_tf=True,
                                     lowercase=False, dtype=np.float32)
        features = vectorizer.fit_transform(texts)
        model = LogisticRegression(max_iter=2000, class_weight="balanced", random_state=seed).fit(features, labels)
        order = [list(model.classes_).index(label) for label in label_order]
        return cls(tuple(label_order), tuple(vectorizer.get_feature_names_out()), vectorizer.idf_.astype(np.float32),
                   model.coef_[order].astype(np.float32), model.intercept_[order].astype(np.float32))

    def __post_init__(self) -> None:
        keys = _keys_of(self.ngrams)
        order = np.argsort(keys)
        object.__setattr__(self, "_keys", keys[order])
        object.__setattr__(self, "_features", order.astype(np.int64))

    def log_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Log-probabilities of the labels (``len(texts)`` × labels), as scikit-learn's ``predict_log_proba``."""
        from scipy.special import log_softmax

        keys, rows = _gram_keys(texts)
        at = np.minimum(np.searchsorted(self._keys, keys), max(len(self._keys) - 1, 0))
        known = self._keys[at] == keys if len(self._keys) else np.zeros(len(keys), dtype=bool)
        size = len(self.ngrams)
        pairs, counts = np.unique(rows[known] * size + self._features[at[known]], return_counts=True)
        rows_a, index_a = pairs // size, pairs % size
        weight = (1.0 + np.log(counts)) * self.idf[index_a]
        norms = np.sqrt(np.bincount(rows_a, weight * weight, minlength=len(texts)))
        weight /= np.where(norms > 0, norms, 1.0)[rows_a]
        scores = np.stack([np.bincount(rows_a, weight * self.coef[k, index_a], minlength=len(texts))
                           for k in range(len(self.labels))], axis=1) + self.intercept
        return log_softmax(scores, axis=1)

    def save(self, folder: Path) -> None:
        """Write the head's arrays and n-grams into ``folder``."""
        from safetensors.numpy import save_file

        save_file({"idf": self.idf, "coef": self.coef, "intercept": self.intercept}, str(Path(folder) / WEIGHTS_FILE))
        (Path(folder) / VOCABULARY_FILE).write_text(
            json.dumps({"labels": list(self.labels), "ngrams": list(NGRAMS), "vocabulary": list(self.ngrams)},
                       ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "LexicalHead":
        """The head saved in ``folder``."""
        from safetensors.numpy import load_file

        arrays = load_file(str(Path(folder) / WEIGHTS_FILE))
        saved = json.loads((Path(folder) / VOCABULARY_FILE).read_text(encoding="utf-8"))
        if tuple(saved["ngrams"]) != NGRAMS or len(saved["vocabulary"]) != arrays["idf"].shape[0]:
            raise ValueError(f"{folder}: {VOCABULARY_FILE} does not match {WEIGHTS_FILE}")
        return cls(tuple(saved["labels"]), tuple(saved["vocabulary"]), arrays["idf"], arrays["coef"],
                   arrays["intercept"])


def has_lexical_head(folder: Path) -> bool:
    """Whether a classifier folder has a lexical head."""
    return (Path(folder) / WEIGHTS_FILE).exists()
