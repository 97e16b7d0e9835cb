"""run_annotation: the corpus job behind `govdoc annotate` (read, annotate, resume, write outputs and errors)."""

from __future__ import annotations

import sys
import time
import warnings
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from govdoc_nlp.batch.output_lock import output_lock
from govdoc_nlp.batch.outputs import split_paths, write_records, write_tables
from govdoc_nlp.batch.run_stamp import (STAMP_FILE, StampMismatchError, check_stamp, pipeline_stamp, read_stamp,
                                        stamp_path, write_stamp)
from govdoc_nlp.batch.shards import ShardStore
from govdoc_nlp.batch.worker_pipeline import PipelineChoice
from govdoc_nlp.io.readers import InputDocument, InputFailure, expand_inputs, iter_inputs
from govdoc_nlp.io.writers import atomic_jsonl, write_record

ENGINES = ("local", "ray")
FORMATS = ("jsonl", "parquet")
DISPATCH_BATCH = 2
CONTAINER_SUFFIXES = (".jsonl", ".parquet")


LOG_EVERY_SECONDS = 10.0


@dataclass
class RunSummary:
    """What a run did."""

    documents: int = 0
    annotated: int = 0
    resumed: int = 0
    chars: int = 0
    seconds: float = 0.0
    annotate_seconds: float = 0.0  # summed over workers: the time spent annotating, without loading or writing
    worker_peak_rss_mb: float = 0.0
    failures: list[InputFailure] = field(default_factory=list)


def errors_path(out: Path) -> Path:
    """Where a run lists the inputs it could not read: ``OUT.errors.jsonl``."""
    out = Path(out)
    return out.with_name(out.name.rsplit(".", 1)[0] + ".errors.jsonl")


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _expected_documents(inputs: list[str | Path], done: set[str]) -> int | None:
    """How many documents are left, when every input file is one document (for the progress bar's ETA)."""
    files = [p for p in expand_inputs(inputs) if isinstance(p, Path)]
    if any(p.suffix.lower() in CONTAINER_SUFFIXES for p in files):
        return None  # .jsonl / .parquet: unknown until read
    return len({str(p) for p in files} - done)


def run_annotation(inputs: list[str | Path], out: Path, *, segmenter: str = "pkuseg", workers: int = 1,
                   engine: str = "local", fmt: str | None = None, tables: Path | None = None,
                   place: str | None = None, shard_size: int = 16, ray_address: str | None = None,
                   split: int = 0, progress: bool | None = None, classifier: bool = True,
                   restart: bool = False, replace_errors: bool = False) -> RunSummary:
    """Annotate every readable document under ``inputs`` into ``out`` exactly once, resuming an earlier run.

    An earlier output or interrupted run is resumed only if the same pipeline made it (see ``run_stamp``);
    otherwise this raises ``StampMismatchError``. ``restart=True`` discards it and annotates everything again.
    ``classifier=False`` leaves the sentence classifier out (sentences then carry no label or scores).
    ``split`` > 0 writes numbered output files of at most that many records. ``progress=None`` shows a
    progress bar on a terminal only. ``replace_errors``: read UTF-8 text with a few undecodable bytes, U+FFFD in
    their place (without it such a file is a failure naming the first bad byte's offset).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    fmt = format_for(Path(out), fmt)
    with output_lock(Path(out)):
        return _run_locked(inputs, Path(out), segmenter, workers, engine, fmt, tables, place, shard_size,
                           ray_address, split, progress, classifier, restart, replace_errors)


def _run_locked(inputs: list[str | Path], out: Path, segmenter: str, workers: int, engine: str, fmt: str,
                tables: Path | None, place: str | None, shard_size: int, ray_address: str | None, split: int,
                progress: bool | None, classifier: bool, restart: bool, replace_errors: bool = False) -> RunSummary:
    started = time.perf_counter()
    summary = RunSummary()
    choice = PipelineChoice(segmenter, classifier)
    stamp = pipeline_stamp(choice)
    outputs = split_paths(out) if split > 0 else [out]
    store = ShardStore(out)
    if restart:
        store.clear()
        stamp_path(out).unlink(missing_ok=True)
    else:
        if store.shard_files():
            check_stamp(read_stamp(store.folder / STAMP_FILE), stamp, store.folder)
        if any(path.exists() for path in outputs):
            found = read_stamp(stamp_path(out))
            try:
                check_stamp(found, stamp, out)
            except StampMismatchError:
                store.remove()  # holds no shards here: leave nothing behind
                raise
            if found is None:
                warnings.warn(f"{out} has no run stamp ({stamp_path(out).name}); resuming it as if this pipeline "
                              "made it", stacklevel=2)
            store.seed_from_output(fmt, outputs)
    write_stamp(store.folder / STAMP_FILE, stamp)
    done = store.done_sources()
    order: list[str] = []
    seen: set[str] = set()

    def pending() -> Iterator[InputDocument]:
        for item in iter_inputs(inputs, replace_errors):
            if isinstance(item, InputFailure):
                summary.failures.append(item)
                continue
            if item.source in seen:
                continue  # the same file named twice
            seen.add(item.source)
            order.append(item.source)
            summary.documents += 1
            if item.source in done:
                summary.resumed += 1
                continue
            if place and "place" not in item.meta:
                item = replace(item, meta={**item.meta, "place": place})
            yield item

    bar = tqdm(total=_expected_documents(inputs, done), unit="doc", desc="annotate", file=sys.stderr,
               disable=None if progress is None else not progress)
    log_lines = bar.disable and progress is None  # not a terminal (a log file, a pipe): a plain line now and then
    last_log = time.perf_counter()
    long_done = 0  # characters done in the long document being annotated in parts

    def chars_per_s() -> str:
        return f"{summary.chars / (bar.format_dict['elapsed'] or 1e-9):,.0f}"

    def part_done(chars: int, parts_left: int) -> None:
        nonlocal last_log, long_done
        long_done = 0 if parts_left == 0 else long_done + chars
        bar.set_postfix(chars_per_s=chars_per_s(), long_document=f"{parts_left} parts left")
        if log_lines and time.perf_counter() - last_log >= LOG_EVERY_SECONDS:
            last_log = time.perf_counter()
            print(f"annotate: {summary.annotated} documents done, a long one in parts: {long_done:,} chars done, "
                  f"{parts_left} parts left", file=sys.stderr, flush=True)

    if engine == "ray":
        from govdoc_nlp.batch.ray_engine import annotate_ray

        results = annotate_ray(pending(), choice, max(1, workers), store.folder, store.run_id, ray_address)
    else:
        from govdoc_nlp.batch.local_engine import annotate_local

        # Several workers get small batches, so that none idles while another finishes a long tail.
        batch = shard_size if workers <= 1 else max(1, min(shard_size, DISPATCH_BATCH))
        results = annotate_local(_chunks(pending(), batch), choice, max(1, workers), store.folder, store.run_id,
                                 part_done)
    with bar:
        for done_batch in results:
            documents, chars = done_batch.documents, done_batch.chars
            summary.annotated += documents
            summary.chars += chars
            summary.annotate_seconds += done_batch.seconds
            summary.worker_peak_rss_mb = max(summary.worker_peak_rss_mb, done_batch.peak_rss_mb)
            bar.update(documents)
            bar.set_postfix(chars_per_s=chars_per_s(), refresh=False)
            if log_lines and time.perf_counter() - last_log >= LOG_EVERY_SECONDS:
                last_log = time.perf_counter()
                print(f"annotate: {summary.annotated} documents, {summary.chars:,} chars, "
                      f"{summary.chars / (last_log - started):,.0f} chars/s", file=sys.stderr, flush=True)
    if summary.documents == 0 and summary.failures:
        store.remove()  # nothing could be read: no empty output, no stamp; the errors file says why
        _write_errors(out, summary.failures)
        summary.seconds = time.perf_counter() - started
        return summary
    write_records(store.ordered_records(order), out, fmt, split)
    if tables is not None:
        write_tables(lambda: store.ordered_records(order), tables)
    _write_errors(out, summary.failures)
    write_stamp(stamp_path(out), stamp)  # after the output: a kill in between leaves no stamp, never a wrong one
    store.remove()
    summary.seconds = time.perf_counter() - started
    return summary


def _write_errors(out: Path, failures: list[InputFailure]) -> None:
    """``OUT.errors.jsonl`` listing ``failures``; none (and no file left from an earlier run) when nothing failed."""
    if not failures:
        errors_path(out).unlink(missing_ok=True)
        return
    with atomic_jsonl(errors_path(out)) as sink:
        for failure in failures:
            write_record(sink, {"path": failure.source, "reason": failure.reason})


def format_for(out: Path, fmt: str | None) -> str:
    """The output format: ``fmt`` if given, else from the extension of ``out`` (.parquet, else jsonl); an error
    when the two disagree."""
    by_extension = "parquet" if Path(out).suffix.lower() == ".parquet" else "jsonl"
    if fmt is None:
        return by_extension
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if Path(out).suffix.lower() in (".jsonl", ".parquet") and fmt != by_extension:
        raise ValueError(f"--format {fmt} does not match the extension of {out}")
    return fmt


def summary_line(summary: RunSummary, out: Path) -> str:
    """One line for the terminal."""
    rate = summary.chars / summary.seconds if summary.seconds else 0.0
    line = (f"{summary.documents} documents in {out} ({summary.annotated} annotated now, {summary.resumed} from an "
            f"earlier run), {summary.chars:,} chars in {summary.seconds:.1f} s ({rate:,.0f} chars/s)")
    if summary.annotate_seconds > 0:
        line += (f"; annotating alone {summary.chars / summary.annotate_seconds:,.0f} chars/s per worker "
                 "(loading the pipeline and writing excluded)")
    if summary.failures:
        line += f"; {len(summary.failures)} inputs failed, listed in {errors_path(out)}"
    return line
