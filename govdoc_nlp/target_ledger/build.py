"""Build the ledger from inputs (report files, folders, JSONL of documents, or annotated JSONL) and write it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from govdoc_nlp.data_files import first_json_line
from govdoc_nlp.io.readers import InputFailure, expand_inputs, iter_inputs
from govdoc_nlp.io.records import read_annotated_records
from govdoc_nlp.io.writers import atomic_path
from govdoc_nlp.target_ledger.table import LedgerTables, PlaceCodes, ledger_tables
from govdoc_nlp.paths import pipeline_dir


class LedgerInputError(ValueError):
    """An input of the ledger cannot be read; the message names the file and the problem."""


def _is_annotated(path: Path) -> bool:
    """Whether a .jsonl file holds annotated records (``govdoc annotate`` output) rather than documents."""
    row = first_json_line(path)
    return isinstance(row, dict) and "ents" in row and "sents" in row


def ledger_records(inputs: Iterable[str | Path], segmenter: str = "pkuseg", nlp=None) -> Iterator[dict]:
    """Annotated records of ``inputs``: annotated JSONL as it is, every other document run through the pipeline
    (without the sentence classifier, which the ledger does not read). An unreadable input raises."""
    documents = []
    for path in expand_inputs(list(inputs)):
        if isinstance(path, InputFailure):
            raise LedgerInputError(path.reason)
        if path.suffix.lower() == ".jsonl" and _is_annotated(path):
            yield from read_annotated_records(path)
        else:
            documents.append(path)
    if not documents:
        return
    items = []
    for item in iter_inputs(documents):
        if isinstance(item, InputFailure):
            raise LedgerInputError(item.reason)
        items.append(item)
    if nlp is None:
        from govdoc_nlp.pipeline import load_pipeline

        nlp = load_pipeline(segmenter, None, classifier=False)
    from govdoc_nlp.annotate import annotate_documents

    yield from annotate_documents(nlp, items)


def place_code_lookup(segmenter: str = "pkuseg") -> PlaceCodes:
    """A place name (as metadata gives it: 四川省, 内蒙古自治区呼伦贝尔市海拉尔区) to its division code, from the
    saved pipeline's gazetteer; None for a name it cannot tell (中国, an ambiguous county)."""
    from govdoc_nlp.places.gazetteer import read_gazetteer

    path = pipeline_dir(segmenter) / "govdoc_places" / "gazetteer.tsv"
    records = [r for r in read_gazetteer(path) if r.adcode] if path.exists() else []
    by_name: dict[str, list] = {}
    for record in records:
        by_name.setdefault(record.name, []).append(record)

    def code(place: str) -> str | None:
        exact = by_name.get(place, [])
        if len(exact) == 1:
            return exact[0].adcode
        # A full path (province, city, county): the last division named whose parent is named before it.
        found = [r for name, rs in by_name.items() if len(name) >= 2 and place.endswith(name) and name != place
                 for r in rs if r.parent and r.parent in place[: len(place) - len(name)]]
        return found[0].adcode if len(found) == 1 else None

    return code


def build_ledger(inputs: Iterable[str | Path], segmenter: str = "pkuseg", nlp=None,
                 sources: dict | None = None) -> LedgerTables:
    """The ledger, statements and plans tables of ``inputs`` (docs/ledger.md); ``sources`` as ``ledger_tables``."""
    return ledger_tables(ledger_records(inputs, segmenter, nlp), place_code_lookup(segmenter), sources)


def write_ledger(ledger: pd.DataFrame, statements: pd.DataFrame, out: Path, sources: dict | None = None,
                 year: int | None = None, plans: pd.DataFrame | None = None) -> list[Path]:
    """Write ``ledger.csv`` (UTF-8), ``ledger.parquet``, ``statements.csv``, ``plans.csv`` (given ``plans``)
    and, given the figures' ``sources``, ``report.html`` (hierarchy of ``year``, default the latest with several
    levels) into ``out``, each atomically."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    files = [("ledger.csv", ledger, "csv"), ("ledger.parquet", ledger, "parquet"), ("statements.csv", statements, "csv")]
    if plans is not None:
        files.append(("plans.csv", plans, "csv"))
    for name, table, kind in files:
        target = out / name
        with atomic_path(target) as tmp:
            if kind == "csv":
                table.to_csv(tmp, index=False, encoding="utf-8")
            else:
                table.to_parquet(tmp, index=False)
        written.append(target)
    if sources is not None:
        from govdoc_nlp.target_ledger.report import write_report

        written.append(write_report(ledger, statements, sources, out / "report.html", year, plans))
    return written
