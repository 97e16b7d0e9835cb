"""``govdoc ledger``: the target ledger of a corpus, written as CSV and Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from govdoc_nlp.command_errors import fail


def ledger_command(
    inputs: list[str] = typer.Argument(..., help="Reports (files, folders, globs; .txt .md .html .jsonl .parquet) "
                                                 "or annotated JSONL from govdoc annotate."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for ledger.csv, ledger.parquet and statements.csv."),
    segmenter: str = typer.Option("pkuseg", help="Segmenter of the pipeline run on unannotated inputs."),
    year: Optional[int] = typer.Option(None, help="Year of the report's hierarchy chart (default: the latest "
                                                  "whose GDP targets come from several levels)."),
) -> None:
    """Every quantified target a report sets for its year, against the outcome the next year's report gives:
    ledger.csv, ledger.parquet, statements.csv (the reports' own verdicts), plans.csv (five-year plans' annual
    averages against the outcome the report after the plan gives) and report.html (charts; open it in a
    browser, nothing is fetched).

    Place and year come from each document's metadata (MANIFEST.tsv beside it, its file name, or its title);
    a report of year t gives targets for t and outcomes of t-1. Rules and columns: docs/ledger.md.
    """
    import govdoc_nlp
    from govdoc_nlp.target_ledger.build import ledger_records, place_code_lookup, write_ledger
    from govdoc_nlp.target_ledger.table import ledger_tables

    counts = {"read": 0, "no_year": 0}

    def counted(records):
        for record in records:
            counts["read"] += 1
            counts["no_year"] += (record.get("meta") or {}).get("year") is None
            yield record

    try:
        sources: dict = {}
        ledger, statements, plans = ledger_tables(counted(ledger_records(inputs, segmenter)), place_code_lookup(segmenter),
                                           sources)
    except (govdoc_nlp.SetupRequiredError, ValueError, FileNotFoundError) as err:
        fail(str(err))
    write_ledger(ledger, statements, out, sources, year, plans)
    met = int((ledger["status"] == "met").sum())
    missed = int((ledger["status"] == "missed").sum())
    typer.echo(f"{counts['read']} documents, {len(ledger)} ledger rows ({met} met, {missed} missed), "
               f"{len(statements)} statements, {len(plans)} five-year plan rows in {out}", err=True)
    if counts["no_year"]:
        typer.echo(f"  {counts['no_year']} documents without a year left out (name them like 四川省-2026.txt or "
                   "give a MANIFEST.tsv)", err=True)

