"""Temperature scaling: one number that makes the classifier's probabilities match how often it is right."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from govdoc_nlp.classify.context import SentenceContext

TEMPERATURES = tuple(round(0.5 + 0.05 * k, 2) for k in range(91))  # 0.5 … 5.0


def fit_temperature(classifier, texts: Sequence[str], contexts: Sequence[SentenceContext | None],
                    gold: Sequence[str]) -> float:
    """The temperature (0.5–5.0, steps of 0.05) with the least negative log-likelihood of the ``gold`` labels of
    ``texts`` read in ``contexts`` (hand-labelled sentences that were not trained on)."""
    import torch

    logits = classifier.logits(list(texts), list(contexts))
    target = torch.tensor([classifier.labels.index(label) for label in gold])
    losses = {t: float(torch.nn.functional.cross_entropy(logits / t, target)) for t in TEMPERATURES}
    return min(losses, key=losses.get)


WEIGHTS = tuple(round(0.05 * k, 2) for k in range(41))  # 0 … 2


def _log_softmax(scores):
    import numpy as np

    scores = scores - scores.max(axis=1, keepdims=True)
    return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))


def fit_combination(classifier, texts: Sequence[str], contexts: Sequence[SentenceContext | None],
                    gold: Sequence[str]) -> dict[str, float]:
    """The weights of the network's and the lexical head's log-probabilities (0–2, steps of 0.05; they also set
    how sharp the probabilities are) with the least negative log-likelihood of the ``gold`` labels."""
    import numpy as np

    target = np.array([classifier.labels.index(label) for label in gold])
    pick = np.arange(len(target))
    network = classifier.log_scores(list(texts), list(contexts), {"network": 1.0, "lexical": 0.0})
    lexical = classifier.log_scores(list(texts), list(contexts), {"network": 0.0, "lexical": 1.0})
    losses = {(a, b): -float(_log_softmax(a * network + b * lexical)[pick, target].mean())
              for a in WEIGHTS for b in WEIGHTS if a or b}
    a, b = min(losses, key=losses.get)
    return {"network": a, "lexical": b}


def calibrate_model(model_dir: Path, texts: Sequence[str], contexts: Sequence[SentenceContext | None],
                    gold: Sequence[str]) -> float:
    """Fit the temperature of the model in ``model_dir`` on hand-labelled sentences, each read in its context and
    alone, and record it in the model's metadata; returns it."""
    from govdoc_nlp.classify.model import METADATA_FILE, SentenceClassifier

    classifier = SentenceClassifier(model_dir, quantize=False)
    both = (list(texts) * 2, list(contexts) + [None] * len(texts), list(gold) * 2)
    temperature = fit_temperature(classifier, *both)
    meta_file = Path(model_dir) / METADATA_FILE
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta.update(temperature=temperature, calibration_sentences=len(texts))
    if classifier.lexical is not None:
        meta["combination"] = fit_combination(classifier, *both)
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return temperature
