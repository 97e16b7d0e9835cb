"""Local engine: annotate batches in this process or in N worker processes, each loading the pipeline once."""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from govdoc_nlp.io.readers import InputDocument

_WORKER_NLP = None


def _init_worker(segmenter: str) -> None:
    global _WORKER_NLP
    import govdoc_nlp

    _WORKER_NLP = govdoc_nlp.load(segmenter)


def _annotate_batch(batch: list[InputDocument]) -> list[dict]:
    from govdoc_nlp.annotate import annotate_documents

    return list(annotate_documents(_WORKER_NLP, batch))


def annotate_local(batches: Iterable[list[InputDocument]], segmenter: str, workers: int) -> Iterator[list[dict]]:
    """Records for each batch, in input order; at most 2 batches per worker are in flight."""
    if workers <= 1:
        _init_worker(segmenter)
        for batch in batches:
            yield _annotate_batch(batch)
        return
    # A fork server with the package imported starts workers almost as fast as fork, without forking a
    # parent that may run threads (a progress bar's monitor); spawn re-imports everything in every worker.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govdoc_nlp.pipeline"])
    else:
        context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(segmenter,)) as pool:
        window: deque = deque()
        for batch in batches:
            window.append(pool.submit(_annotate_batch, batch))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
