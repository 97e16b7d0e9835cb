"""Local engine: annotate batches in this process or in N worker processes, each loading the pipeline once.

Each batch is annotated and written as a shard by the process that annotates it, so the parent only hands
out documents and counts: records never travel back between processes.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor, wait
from pathlib import Path
from queue import Empty
from typing import Iterable, Iterator

from govdoc_nlp.batch.shards import BatchDone, peak_rss_mb, write_shard_file
from govdoc_nlp.batch.worker_lifetime import end_with_run
from govdoc_nlp.batch.worker_pipeline import (PipelineChoice, load_worker_pipeline,
                                               torch_threads_per_worker)
from govdoc_nlp.document_parts import PartDone
from govdoc_nlp.io.readers import InputDocument

_WORKER_NLP = None
_PART_DONE: PartDone | None = None
PROGRESS_POLL_SECONDS = 0.5


def _init_worker(choice: PipelineChoice, torch_threads: int | None = None, run_pid: int | None = None,
                 parts=None) -> None:
    global _WORKER_NLP, _PART_DONE
    if run_pid is not None:
        end_with_run(run_pid)
    _WORKER_NLP = load_worker_pipeline(choice, torch_threads)
    if parts is not None:  # a queue back to the parent: progress inside long documents
        _PART_DONE = lambda chars, left: parts.put((chars, left))


def _annotate_batch(batch: list[InputDocument], folder: Path, run_id: str, index: int) -> BatchDone:
    from govdoc_nlp.annotate import annotate_documents

    started = time.perf_counter()
    records = list(annotate_documents(_WORKER_NLP, batch, part_done=_PART_DONE))
    seconds = time.perf_counter() - started
    write_shard_file(folder, run_id, index, records)
    return BatchDone(len(records), sum(len(r["text"]) for r in records), peak_rss_mb(), seconds)


def annotate_local(batches: Iterable[list[InputDocument]], choice: PipelineChoice, workers: int, folder: Path,
                   run_id: str, part_done: PartDone | None = None) -> Iterator[BatchDone]:
    """Annotate batch n into shard n of run ``run_id`` in ``folder``; yields what each batch did, in input
    order, with at most 2 batches per worker in flight. ``part_done`` hears of each part of a long document
    (``govdoc_nlp.document_parts``) as it is done, in this process."""
    global _PART_DONE
    if workers <= 1:
        _init_worker(choice)
        _PART_DONE = part_done
        try:
            for n, batch in enumerate(batches):
                yield _annotate_batch(batch, folder, run_id, n)
        finally:
            _PART_DONE = None
        return
    # A fork server with the package imported starts workers almost as fast as fork, without forking a
    # parent that may run threads (a progress bar's monitor); spawn re-imports everything in every worker.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["govdoc_nlp.pipeline"])
    else:
        context = multiprocessing.get_context("spawn")
    parts = context.Queue() if part_done is not None else None
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(choice, torch_threads_per_worker(workers), os.getpid(), parts)) as pool:
        window: deque = deque()
        for n, batch in enumerate(batches):
            window.append(pool.submit(_annotate_batch, batch, folder, run_id, n))
            if len(window) >= 2 * workers:
                yield _result_reporting_parts(window.popleft(), parts, part_done)
        while window:
            yield _result_reporting_parts(window.popleft(), parts, part_done)


def _result_reporting_parts(future, parts, part_done: PartDone | None) -> BatchDone:
    """The future's result; while waiting for it, each part the workers report is passed to ``part_done``."""
    while parts is not None and part_done is not None:
        finished = wait([future], timeout=PROGRESS_POLL_SECONDS).done
        try:
            while True:
                part_done(*parts.get_nowait())
        except Empty:
            pass
        if finished:
            break
    return future.result()
