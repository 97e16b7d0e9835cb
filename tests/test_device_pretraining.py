"""`govdoc pretrain --export` and scripts/device_pretraining.py: the chunks travel as arrays and train elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govdoc_nlp.classify.pretraining_corpus import pack_chunks, report_paragraphs
from govdoc_nlp.classify.pretraining_data import LICENCE, encode_chunks, read_pretraining_data
from govdoc_nlp.cli import app

from conftest import ROOT, SHARED

SEED = SHARED / "corpora" / "seed"
TINY = ["--hidden-size", "32", "--layers", "1", "--heads", "2", "--intermediate-size", "64"]


def device_run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """scripts/device_pretraining.py run as on the GPU machine: spaCy, jieba and datasets cannot be imported."""
    blocked = tmp_path / "blocked"
    for name in ("spacy", "jieba", "datasets"):
        (blocked / name).mkdir(parents=True, exist_ok=True)
        (blocked / name / "__init__.py").write_text(f"raise ImportError('no {name} on this machine')\n",
                                                    encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(blocked), "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "device_pretraining.py"), *args], env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The founding document exported as pretraining arrays."""
    out = tmp_path_factory.mktemp("export") / "data"
    result = CliRunner().invoke(app, ["pretrain", str(SEED), "--out", str(out), "--no-people-daily", "--export"])
    assert result.exit_code == 0, result.output
    return out


def test_exported_arrays_hold_each_chunks_tokens_and_jieba_words(exported: Path) -> None:
    from transformers import AutoTokenizer

    chunks = list(pack_chunks(report_paragraphs([SEED])))
    record = json.loads((exported / "data.json").read_text(encoding="utf-8"))
    examples = read_pretraining_data(exported)
    assert record["chunks"] == len(chunks) == len(examples) > 50
    assert record["tokens"] == sum(len(ex["input_ids"]) for ex in examples)
    tokenizer = AutoTokenizer.from_pretrained(exported / "tokenizer")
    expected = encode_chunks(chunks[:20], tokenizer, record["max_length"], whole_word=True)
    assert [ex["input_ids"] for ex in examples[:20]] == expected["input_ids"]
    assert [ex["word_ids"] for ex in examples[:20]] == expected["word_ids"]
    assert tokenizer.decode(examples[0]["input_ids"]).replace(" ", "") == "[CLS]政府工作报告[SEP]"


def test_device_script_trains_without_spacy_and_writes_a_base_train_classifier_takes(exported: Path,
                                                                                      tmp_path: Path) -> None:
    out = tmp_path / "base"
    run = device_run(tmp_path, "--data", str(exported), "--out", str(out), "--max-steps", "3", "--batch-size", "8",
                     "--log-every", "1", "--workers", "0", *TINY)
    assert run.returncode == 0, run.stderr[-2000:]
    record = json.loads((out / "pretraining.json").read_text(encoding="utf-8"))
    assert record["steps"] == 3 and [row["step"] for row in record["curve"]] == [1, 2, 3]
    assert record["licence"] == LICENCE and record["device"] == "cpu" and record["shape"]["hidden_size"] == 32
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from govdoc_nlp.classify.training import base_licence

    model = AutoModelForSequenceClassification.from_pretrained(out, num_labels=4)
    assert model.config.num_hidden_layers == 1 and base_licence(out) == "MIT"
    assert AutoTokenizer.from_pretrained(out).get_vocab() == AutoTokenizer.from_pretrained(exported / "tokenizer").get_vocab()


def test_device_script_fits_its_schedule_to_a_time_budget_with_worker_processes(exported: Path,
                                                                                tmp_path: Path) -> None:
    out = tmp_path / "budget"
    run = device_run(tmp_path, "--data", str(exported), "--out", str(out), "--minutes", "0.1", "--batch-size", "8",
                     "--warmup-steps", "5", "--workers", "1", "--weights-only", *TINY)
    assert run.returncode == 0, run.stderr[-2000:]
    record = json.loads((out / "pretraining.json").read_text(encoding="utf-8"))
    # It stopped at the 6 s budget, its last loss logged; past step 60 its decay was fitted to the budget.
    assert record["seconds"] < 30 and record["curve"][-1]["step"] == record["steps"] > 0
    assert record["schedule"]["planned_steps"] >= record["steps"]
    assert record["steps"] < 60 or record["schedule"]["planned_steps"] < 10 ** 9
    assert (out / "config.json").exists() and not (out / "tokenizer.json").exists()  # vocabulary left out
