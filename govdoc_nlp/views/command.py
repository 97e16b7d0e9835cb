"""``govdoc view``: a page showing annotated documents."""

from __future__ import annotations

from pathlib import Path

import typer

from govdoc_nlp.command_errors import fail


def view_command(
    annotated: list[Path] = typer.Argument(..., help="Annotated JSONL (govdoc annotate … --out OUT.jsonl)."),
    out: Path = typer.Option(..., "--out", "-o", help="The HTML page to write."),
) -> None:
    """A page showing annotated documents: entities coloured by label (readings on hover), sentences tinted by
    class (scores on hover). Self-contained: nothing is fetched when it is opened."""
    from govdoc_nlp.io.records import RecordsError, read_annotated_records
    from govdoc_nlp.views.document import write_view

    try:
        records = [r for path in annotated for r in read_annotated_records(path)]
    except RecordsError as err:
        fail(str(err))
    write_view(records, out)
    typer.echo(f"{len(records)} documents in {out}", err=True)
