"""The document stage: a sentence of a document read beside its neighbours.

A report's parts run in blocks (a review of achievements, a list of targets, a paragraph of difficulties), and the
section rules do not place every block. The network and the lexical head read one sentence and the section it stands
in; this stage adds what the lexical head says of the neighbouring sentences read alone (the nearest 1, 3 and 8 on
each side), through a multinomial logistic regression over the sentence's own scores, its own words read alone, the
neighbours and the section. It is fitted on calibration sentences (hand labels the network was not trained on) and
saved as plain JSON (``document_stage.json``). A sentence without a document or without neighbours never reaches
it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from govdoc_nlp.classify.context import REACH, SentenceContext
from govdoc_nlp.labels import SECTIONS

STAGE_FILE = "document_stage.json"
WINDOWS = (1, 3, REACH)
# A window's mean probability is smoothed towards uniform (0.05 / 0.2 = 1/4 per label): an empty window reads as
# "no evidence", and a lone confident neighbour does not give log 0.
SMOOTH_MASS, SMOOTH_COUNT = 0.05, 0.2
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0)  # inverse regularisation tried, chosen by cross-validation
FOLDS = 5


def stage_features(own: np.ndarray, texts: Sequence[str], contexts: Sequence[SentenceContext],
                   alone_log_proba: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """One feature row per sentence: its own log-scores in context (``own``, sentences × labels), the lexical head's
    log-probabilities of its words read alone, of its neighbours in each window, and its section (one-hot)."""
    from scipy.special import log_softmax

    unique = list(dict.fromkeys([*texts, *(t for c in contexts for t in (*c.before, *c.after))]))
    index = {text: k for k, text in enumerate(unique)}
    alone = alone_log_proba(unique)
    # Each sentence's neighbours as rows of ``alone``: columns REACH-1 … 0 before it, REACH … after (-1: none).
    near = np.full((len(texts), 2 * REACH), -1)
    for row, context in enumerate(contexts):
        before, after = context.before[-REACH:], context.after[:REACH]
        near[row, REACH - len(before):REACH] = [index[t] for t in before]
        near[row, REACH:REACH + len(after)] = [index[t] for t in after]
    probabilities = np.vstack([np.exp(alone), np.zeros((1, alone.shape[1]))])  # row -1: no neighbour, adds 0
    parts = [log_softmax(own, axis=1), alone[[index[t] for t in texts]]]
    for width in WINDOWS:
        window = near[:, REACH - width:REACH + width]
        total = probabilities[window].sum(axis=1)
        count = (window >= 0).sum(axis=1, keepdims=True)
        parts.append(np.log((total + SMOOTH_MASS) / (count + SMOOTH_COUNT)))
    parts.append(np.array([[c.section == s for s in SECTIONS] for c in contexts], dtype=float))
    return np.hstack(parts)


def in_document(context: SentenceContext | None) -> bool:
    """Whether the stage reads a sentence in ``context``: one of a document (a section) with neighbours. A text of
    one sentence keeps the scores of its own words, as when classified alone."""
    return context is not None and context.section is not None and bool(context.before or context.after)


def feature_count(labels: int) -> int:
    """The length of a :func:`stage_features` row for ``labels`` labels."""
    return labels * (2 + len(WINDOWS)) + len(SECTIONS)


@dataclass(frozen=True)
class DocumentStage:
    """A linear layer over :func:`stage_features`: ``weights`` (labels × features) and ``bias`` (labels)."""

    labels: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    strength: float

    def log_scores(self, features: np.ndarray) -> np.ndarray:
        """Unnormalised log-probabilities of the labels, one row per feature row."""
        return features @ self.weights.T + self.bias

    def save(self, folder: Path) -> None:
        """Write ``document_stage.json`` into a model folder."""
        data = {"labels": list(self.labels), "windows": list(WINDOWS), "sections": list(SECTIONS),
                "strength": self.strength, "weights": self.weights.round(6).tolist(), "bias": self.bias.round(6).tolist()}
        (Path(folder) / STAGE_FILE).write_text(json.dumps(data) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "DocumentStage":
        """Read a model folder's stage, checking it was made for these windows and sections."""
        path = Path(folder) / STAGE_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["windows"] != list(WINDOWS) or data["sections"] != list(SECTIONS):
            raise ValueError(f"{path}: made for windows {data['windows']} and sections {data['sections']}, not "
                             f"{list(WINDOWS)} and {list(SECTIONS)}; fit it again (govdoc calibrate-classifier)")
        weights, bias = np.array(data["weights"], dtype=np.float64), np.array(data["bias"], dtype=np.float64)
        labels = len(data["labels"])
        if weights.shape != (labels, feature_count(labels)) or bias.shape != (labels,):
            raise ValueError(f"{path}: weights {weights.shape} and bias {bias.shape} do not fit {data['labels']}")
        return cls(tuple(data["labels"]), weights, bias, float(data["strength"]))


def has_document_stage(folder: Path) -> bool:
    """Whether a model folder has a document stage."""
    return (Path(folder) / STAGE_FILE).exists()


def fit_document_stage(features: np.ndarray, gold: Sequence[str], labels: Sequence[str],
                       seed: int = 13) -> DocumentStage:
    """The stage fitted on labelled feature rows, its regularisation chosen by cross-validated log-loss."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    target = np.array([list(labels).index(label) for label in gold])
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)

    def loss(strength: float) -> float:
        model = LogisticRegression(C=strength, max_iter=5000)
        probabilities = cross_val_predict(model, features, target, cv=folds, method="predict_proba")
        return -float(np.log(probabilities[np.arange(len(target)), target] + 1e-12).mean())

    strength = min(STRENGTHS, key=loss)
    model = LogisticRegression(C=strength, max_iter=5000).fit(features, target)
    if list(model.classes_) != list(range(len(labels))):
        raise ValueError(f"calibration sentences lack a label: found {sorted(set(gold))}, need {list(labels)}")
    return DocumentStage(tuple(labels), model.coef_.astype(np.float64), model.intercept_.astype(np.float64), strength)
