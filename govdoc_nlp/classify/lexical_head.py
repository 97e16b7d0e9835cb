"""The classifier's lexical head: character n-grams of the sentence and its context, TF-IDF weighted, and a
linear layer — read beside the network, whose small base misses words a bag of n-grams catches.

Trained with scikit-learn (``TfidfVectorizer`` and ``LogisticRegression``, as the TF-IDF baseline of
``benchmarks/sentence_classifier.py``) and saved as plain arrays (``lexical_head.safetensors``) and its n-grams
(``lexical_head.json``): no pickle. Reading it needs numpy only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
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


def _ngrams(text: str) -> Counter:
    text = _SPACES.sub(" ", text)
    return Counter(text[i:i + n] for n in range(NGRAMS[0], NGRAMS[1] + 1) for i in range(len(text) - n + 1))


@dataclass(frozen=True)
class LexicalHead:
    """N-gram indexes, their idf, and one row of weights per label."""

    labels: tuple[str, ...]
    vocabulary: dict[str, int]
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
        return cls(tuple(label_order), {k: int(v) for k, v in vectorizer.vocabulary_.items()},
                   vectorizer.idf_.astype(np.float32), model.coef_[order].astype(np.float32),
                   model.intercept_[order].astype(np.float32))

    def log_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Log-probabilities of the labels (``len(texts)`` × labels), as scikit-learn's ``predict_log_proba``."""
        rows, index, counts = [], [], []
        for row, text in enumerate(texts):
            for gram, count in _ngrams(text).items():
                if (i := self.vocabulary.get(gram)) is not None:
                    rows.append(row), index.append(i), counts.append(count)
        rows_a, index_a = np.asarray(rows, dtype=np.int64), np.asarray(index, dtype=np.int64)
        weight = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf[index_a]
        norms = np.sqrt(np.bincount(rows_a, weight * weight, minlength=len(texts)))
        weight /= np.where(norms > 0, norms, 1.0)[rows_a]
        scores = np.stack([np.bincount(rows_a, weight * self.coef[k, index_a], minlength=len(texts))
                           for k in range(len(self.labels))], axis=1) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))

    def save(self, folder: Path) -> None:
        """Write the head's arrays and n-grams into ``folder``."""
        from safetensors.numpy import save_file

        save_file({"idf": self.idf, "coef": self.coef, "intercept": self.intercept}, str(Path(folder) / WEIGHTS_FILE))
        ngrams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (Path(folder) / VOCABULARY_FILE).write_text(
            json.dumps({"labels": list(self.labels), "ngrams": list(NGRAMS), "vocabulary": ngrams}, ensure_ascii=False),
            encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "LexicalHead":
        """The head saved in ``folder``."""
        from safetensors.numpy import load_file

        arrays = load_file(str(Path(folder) / WEIGHTS_FILE))
        saved = json.loads((Path(folder) / VOCABULARY_FILE).read_text(encoding="utf-8"))
        if tuple(saved["ngrams"]) != NGRAMS or len(saved["vocabulary"]) != arrays["idf"].shape[0]:
            raise ValueError(f"{folder}: {VOCABULARY_FILE} does not match {WEIGHTS_FILE}")
        return cls(tuple(saved["labels"]), {g: i for i, g in enumerate(saved["vocabulary"])}, arrays["idf"],
                   arrays["coef"], arrays["intercept"])


def has_lexical_head(folder: Path) -> bool:
    """Whether a classifier folder has a lexical head."""
    return (Path(folder) / WEIGHTS_FILE).exists()
