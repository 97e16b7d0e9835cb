"""Temperature scaling: one number that makes the classifier's probabilities match how often it is right."""

from __future__ import annotations

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


def fit_combination(classifier, texts: Sequence[str], contexts: Sequence[SentenceContext | None],
                    gold: Sequence[str]) -> dict[str, float]:
    """The weights of the network's and the lexical head's log-probabilities (0–2, steps of 0.05; they also set
    how sharp the probabilities are) with the least negative log-likelihood of the ``gold`` labels."""
    import numpy as np
    from scipy.special import log_softmax

    target = np.array([classifier.labels.index(label) for label in gold])
    pick = np.arange(len(target))
    network, lexical = classifier.log_probabilities(list(texts), list(contexts))
    losses = {(a, b): -float(log_softmax(a * network + b * lexical, axis=1)[pick, target].mean())
              for a in WEIGHTS for b in WEIGHTS if a or b}
    a, b = min(losses, key=losses.get)
    return {"network": a, "lexical": b}


def fit_stage(classifier, texts: Sequence[str], contexts: Sequence[SentenceContext | None], gold: Sequence[str],
              combination: dict[str, float]):
    """The document stage fitted on the sentences of ``texts`` read in a document (None where none is)."""
    from govdoc_nlp.classify.document_stage import fit_document_stage, in_document

    placed = [i for i, c in enumerate(contexts) if in_document(c)]
    if not placed:
        return None
    texts, contexts = [texts[i] for i in placed], [contexts[i] for i in placed]
    own = classifier.log_scores(texts, contexts, combination, stage=False)
    return fit_document_stage(classifier.stage_features(own, texts, contexts), [gold[i] for i in placed],
                              classifier.labels)


def calibrate_model(model_dir: Path, texts: Sequence[str], contexts: Sequence[SentenceContext | None],
                    gold: Sequence[str], document_stage: bool = True) -> float:
    """Fit the temperature of the model in ``model_dir`` on hand-labelled sentences, each read in its context and
    alone, and, with a lexical head, the weights of network and head and (``document_stage``) the document
    stage; where the folder has an ONNX graph, write the int8 graph with scales fitted on the same sentences
    (:func:`govdoc_nlp.classify.int8_graph.export_int8`); record all in the model folder; returns the
    temperature."""
    from govdoc_nlp.classify.document_stage import STAGE_FILE, in_document
    from govdoc_nlp.classify.int8_graph import export_int8
    from govdoc_nlp.classify.model import SentenceClassifier, update_model_metadata
    from govdoc_nlp.classify.onnx_graph import INT8_FILE, ONNX_FILE

    # A stage fitted on other weights must not stay, and a stale one must not stop the model loading to refit it.
    (Path(model_dir) / STAGE_FILE).unlink(missing_ok=True)
    classifier = SentenceClassifier(model_dir, quantize=False)
    both = (list(texts) * 2, list(contexts) + [None] * len(texts), list(gold) * 2)
    temperature = fit_temperature(classifier, *both)
    changes = {"temperature": temperature, "calibration_sentences": len(texts)}
    stage = None
    if classifier.lexical is not None:
        changes["combination"] = fit_combination(classifier, *both)
        if document_stage:
            stage = fit_stage(classifier, list(texts), list(contexts), list(gold), changes["combination"])
    if (Path(model_dir) / ONNX_FILE).exists():
        changes["int8"] = {"agreement": export_int8(classifier, *both[:2]), "sentences": len(both[0])}
    else:  # an int8 graph made from an older float32 graph must not outlive it
        (Path(model_dir) / INT8_FILE).unlink(missing_ok=True)
    if stage is not None:
        stage.save(model_dir)
        changes["document_stage"] = {"sentences": sum(map(in_document, contexts)), "strength": stage.strength}
    update_model_metadata(model_dir, changes, remove=[key for key in ("document_stage", "int8")
                                                      if key not in changes])
    return temperature
