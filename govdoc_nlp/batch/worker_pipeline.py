"""The pipeline a batch worker (process or Ray actor) loads once, with its share of the machine's cores."""

from __future__ import annotations

import os
from dataclasses import dataclass

from spacy.language import Language


@dataclass(frozen=True)
class PipelineChoice:
    """Which saved pipeline the workers load: its segmenter, and whether the sentence classifier runs."""

    segmenter: str = "pkuseg"
    classifier: bool = True


def torch_threads_per_worker(workers: int) -> int:
    """Torch threads for each of ``workers`` workers on this machine: its cores shared out, at least one each."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def load_worker_pipeline(choice: PipelineChoice, torch_threads: int | None) -> Language:
    """``govdoc_nlp.load`` as ``choice`` says, the classifier limited to ``torch_threads`` threads if given: N
    workers each running torch on every core would fight over the cores."""
    import govdoc_nlp

    if torch_threads is not None:
        import torch

        torch.set_num_threads(torch_threads)
    return govdoc_nlp.load(choice.segmenter, classifier=choice.classifier)
