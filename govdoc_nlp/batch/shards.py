"""ShardStore: finished records in small shard files beside the output, so a killed run resumes where it stopped.

Each shard is written to a temporary file and renamed when complete, so after a SIGKILL at any moment the
store holds whole shards only; every document is in at most one shard, and a resumed run skips the
documents already there. ``finish`` assembles the output (in input order) atomically and removes the shards.
"""

from __future__ import annotations

import json
import resource
import shutil
import time
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from govdoc_nlp.io.writers import atomic_jsonl, write_record


class BatchDone(NamedTuple):
    """What one worker did with one batch: documents, characters, its own peak resident memory, and the seconds
    it spent annotating them (0 where not measured)."""

    documents: int
    chars: int
    peak_rss_mb: float
    seconds: float = 0.0


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _record_from_row(row: dict) -> dict:
    """A record back from a row of the Parquet output."""
    record = {"id": row["id"], "source": row["source"], "text": row["text"],
              "sents": [{k: v for k, v in s.items() if v is not None} for s in row["sents"]],
              "ents": [{k: v for k, v in e.items() if v is not None} for e in row["ents"]]}
    if row["meta"] not in (None, "{}"):
        record["meta"] = json.loads(row["meta"])
    return record


class ShardStore:
    """The shard folder ``OUT.parts/`` of one output file."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.folder = self.out.with_name(self.out.name + ".parts")
        self.folder.mkdir(parents=True, exist_ok=True)
        # Shards of this run are named by a run id, so no run can overwrite an earlier run's shard.
        self.run_id = f"{time.time_ns():016x}"
        self._next = 0

    def shard_files(self) -> list[Path]:
        """Complete shards, in the order they were written."""
        return sorted(self.folder.glob("shard-*.jsonl"))

    def done_sources(self) -> set[str]:
        """Sources of every document already annotated."""
        return {record["source"] for record in self.records()}

    def records(self) -> Iterator[dict]:
        """Every stored record, shard by shard."""
        for shard in self.shard_files():
            with open(shard, encoding="utf-8") as src:
                for line in src:
                    yield json.loads(line)

    @property
    def next_index(self) -> int:
        """The number the next shard gets."""
        return self._next

    def write_shard(self, records: list[dict]) -> Path:
        """Write ``records`` as the next shard, atomically."""
        path = write_shard_file(self.folder, self.run_id, self._next, records)
        self._next += 1
        return path

    def ordered_records(self, order: Iterable[str]) -> Iterator[dict]:
        """Stored records in the order of ``order`` (sources), each exactly once; reads one record at a time."""
        index: dict[str, tuple[Path, int]] = {}
        for shard in self.shard_files():
            with open(shard, "rb") as src:
                offset = 0
                for line in src:
                    source = json.loads(line)["source"]
                    index.setdefault(source, (shard, offset))
                    offset += len(line)
        handles: dict[Path, object] = {}
        try:
            for source in order:
                if source not in index:
                    continue
                shard, offset = index.pop(source)
                handle = handles.get(shard) or handles.setdefault(shard, open(shard, "rb"))
                handle.seek(offset)
                yield json.loads(handle.readline())
        finally:
            for handle in handles.values():
                handle.close()

    def seed_from_output(self, fmt: str, outputs: list[Path]) -> None:
        """Treat a finished earlier output (one file or numbered files) as done: copy its records into the store
        (once, if the store is empty)."""
        if self.shard_files():
            return
        records: list[dict] = []
        for path in outputs:
            if not path.exists():
                continue
            if fmt == "parquet":
                import pyarrow.parquet as pq

                records.extend(_record_from_row(r) for r in pq.read_table(path).to_pylist())
            else:
                with open(path, encoding="utf-8") as src:
                    records.extend(json.loads(line) for line in src if line.strip())
        if records:
            self.write_shard(records)

    def clear(self) -> None:
        """Delete every shard (a restart), keeping the folder."""
        self.remove()
        self.folder.mkdir(parents=True, exist_ok=True)

    def remove(self) -> None:
        """Delete the shard folder (after the output has been written)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def write_shard_file(folder: Path, run_id: str, index: int, records: list[dict]) -> Path:
    """Write shard ``index`` of run ``run_id`` in ``folder``: a temporary file, synced, then renamed into place."""
    target = Path(folder) / f"shard-{run_id}-{index:07d}.jsonl"
    with atomic_jsonl(target) as out:
        for record in records:
            write_record(out, record)
    return target
