"""Local engine: annotate batches in this process or in N worker processes, each loading the pipeline once.

Each batch is annotated and written as a shard by the process that annotates it, so the parent only hands
out documents and counts: records never travel back between processes.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from govdoc_nlp.batch.shards import BatchDone, peak_rss_mb, write_shard_file
from govdoc_nlp.batch.worker_lifetime import end_with_run
from govdoc_nlp.batch.worker_pipeline import (PipelineChoice, load_worker_pipeline,
                                               torch_threads_per_worker)
from govdoc_nlp.io.readers import InputDocument

_WORKER_NLP = None


def _init_worker(choice: PipelineChoice, torch_threads: int | None = None, run_pid: int | None = None) -> None:
    global _WORKER_NLP
    if run_pid is not None:
        end_with_run(run_pid)
    _WORKER_NLP = load_worker_pipeline(choice, torch_threads)


def _annotate_batch(batch: list[InputDocument], folder: Path, run_id: str, index: int) -> BatchDone:
    from govdoc_nlp.annotate import annotate_documents

    started = time.perf_counter()
    records = list(annotate_documents(_WORKER_NLP, batch))
    seconds = time.perf_counter() - started
    write_shard_file(folder, run_id, index, records)
    return BatchDone(len(records), sum(len(r["text"]) for r in records), peak_rss_mb(), seconds)


def annotate_local(batches: Iterable[list[InputDocument]], choice: PipelineChoice, workers: int, folder: Path,
                   run_id: str) -> Iterator[BatchDone]:
    """Annotate batch n into shard n of run ``run_id`` in ``folder``; yields what each batch did, in input
    order, with at most 2 batches per worker in flight."""
    if workers <= 1:
        _init_worker(choice)
        for n, batch in enumerate(batches):
            yield _annotate_batch(batch, folder, run_id, n)
        return
    # A fork server with the package imported starts workers almost as fast as fork, without forking a
    # parent that may run threads (a progress bar's monitor); spawn re-imports everything in every worker.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govdoc_nlp.pipeline"])
    else:
        context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(choice, torch_threads_per_worker(workers), os.getpid())) as pool:
        window: deque = deque()
        for n, batch in enumerate(batches):
            window.append(pool.submit(_annotate_batch, batch, folder, run_id, n))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
