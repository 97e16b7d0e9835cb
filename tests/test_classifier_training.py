"""A tiny-config `govdoc pretrain` + `govdoc train-classifier` run end to end, and `govdoc classify` on its model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govdoc_nlp.classify.context import contexts_for
from govdoc_nlp.classify.model import ClassifierModelError, SentenceClassifier
from govdoc_nlp.classify.pretraining_corpus import pack_chunks, strip_pos_tags
from govdoc_nlp.classify.weak_labels import weak_label_rows
from govdoc_nlp.cli import app
from govdoc_nlp.evaluate.labelled_set import read_labelled_set

from conftest import ROOT, SHARED

runner = CliRunner()
LABELLED = ROOT / "corpora" / "labelled"
TINY = ["--hidden-size", "32", "--layers", "1", "--heads", "2", "--intermediate-size", "64"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """Pretrain a one-layer BERT on one report for a few steps, then fine-tune it for a few steps."""
    work = tmp_path_factory.mktemp("tiny")
    seed = str(SHARED / "corpora" / "seed")
    result = runner.invoke(app, ["pretrain", seed, "--out", str(work / "base"), "--no-people-daily",
                                 "--max-steps", "4", "--batch-size", "16", *TINY])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["train-classifier", seed, "--base", str(work / "base"), "--out", str(work / "cls"),
                                 "--hand", str(LABELLED / "dev.jsonl"), "--holdout", str(LABELLED / "test.jsonl"),
                                 "--calibration", str(LABELLED / "classes-calibration.jsonl"),
                                 "--sources-root", str(SHARED / "corpora"), "--max-steps", "4",
                                 "--batch-size", "16"])
    assert result.exit_code == 0, result.output
    return work / "cls"


def test_pretraining_writes_a_safetensors_bert_with_a_character_vocabulary(tiny_model: Path) -> None:
    base = tiny_model.parent / "base"
    assert (base / "model.safetensors").exists() and not list(base.glob("*.bin"))
    record = json.loads((base / "pretraining.json").read_text(encoding="utf-8"))
    assert record["steps"] == 4 and record["shape"]["hidden_size"] == 32 and record["licence"] == "MIT"
    from transformers import AutoTokenizer

    tokens = AutoTokenizer.from_pretrained(base).tokenize("江门市地区生产总值增长5.2%")
    assert tokens[:3] == ["江", "门", "市"] and "5" in tokens


def test_fine_tuned_model_records_labels_prompts_licence_and_training_rows(tiny_model: Path) -> None:
    meta = json.loads((tiny_model / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["achievement", "target", "problem", "other"]
    assert meta["section_prompts"]["plan"] == "安排" and meta["licence"] == "MIT"
    # Weak labels from the founding document less its hand-labelled sentences; the dev set four times over; none
    # of the calibration sentences.
    calibration = {ex.text for ex in read_labelled_set(LABELLED / "classes-calibration.jsonl")}
    weak = weak_label_rows([SHARED / "corpora" / "seed"])
    dev_texts = {json.loads(line)["text"] for line in (LABELLED / "dev.jsonl").read_text(encoding="utf-8").splitlines()}
    assert sum(meta["rows"]["hand"].values()) == 4 * len(dev_texts - calibration) == 4 * 318
    assert sum(meta["rows"]["weak"].values()) == sum(t not in dev_texts | calibration for t in weak["text"]) > 0
    assert {"achievement", "target", "problem"} <= set(meta["rows"]["weak"])


def test_fine_tuned_model_has_an_onnx_graph_that_scores_as_pytorch(tiny_model: Path, tmp_path: Path) -> None:
    texts = [json.loads(line)["text"] for line in (LABELLED / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    contexts = contexts_for(["plan"] * 30 + [None] * 30, None, 60)

    def same_logits(a: SentenceClassifier, b: SentenceClassifier) -> bool:
        return float((a.logits(texts[:60], contexts) - b.logits(texts[:60], contexts)).abs().max()) < 1e-4

    graph, weights = SentenceClassifier(tiny_model, quantize=False), SentenceClassifier(tiny_model, backend="torch")
    assert graph.backend == "onnx" and (tiny_model / "model.onnx").exists()
    assert same_logits(graph, weights)
    bare = tmp_path / "bare"
    shutil.copytree(tiny_model, bare, ignore=shutil.ignore_patterns("model.onnx", "model.int8.onnx"))
    with pytest.raises(ClassifierModelError, match="no model.onnx"):
        SentenceClassifier(bare, backend="onnx")
    with pytest.raises(ClassifierModelError, match="no model.int8.onnx"):
        SentenceClassifier(bare, backend="onnx", quantize=True)
    assert SentenceClassifier(bare).backend == SentenceClassifier(bare, quantize=True).backend == "torch"
    result = runner.invoke(app, ["export-onnx", str(bare)])
    assert result.exit_code == 0, result.output
    assert SentenceClassifier(bare).backend == "onnx" and same_logits(SentenceClassifier(bare), weights)


def test_classify_cli_reads_lines_and_jsonl_and_writes_a_label_per_sentence(tiny_model: Path, tmp_path: Path) -> None:
    plain = tmp_path / "s.txt"
    plain.write_text("过去一年，地区生产总值增长5.2%。\n\n今年要推动高质量发展。\n", encoding="gb18030")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["classify", str(plain), "--model", str(tiny_model), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rows] == [1, 3] and rows[0]["text"] == "过去一年，地区生产总值增长5.2%。"
    for row in rows:
        assert row["label"] in row["scores"] and abs(sum(row["scores"].values()) - 1) < 1e-3
    rows_jsonl = tmp_path / "s.jsonl"
    rows_jsonl.write_text('{"text": "今年要推动高质量发展。", "section": "plan"}\n', encoding="utf-8")
    result = runner.invoke(app, ["classify", str(rows_jsonl), "--model", str(tiny_model)])
    assert result.exit_code == 0 and json.loads(result.stdout.splitlines()[-1])["section"] == "plan"


def test_classify_cli_names_the_file_and_line_of_bad_input(tiny_model: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "一句话。"}\n{"text": "两句话。", "section": "middle"}\n', encoding="utf-8")
    result = runner.invoke(app, ["classify", str(bad), "--model", str(tiny_model)])
    assert result.exit_code == 2 and f"{bad}:2" in result.output and "middle" in result.output
    good = tmp_path / "good.txt"
    good.write_text("一句话。\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(good), "--model", str(tmp_path)])
    assert result.exit_code == 2 and "not a govdoc classifier model" in result.output


def test_training_refuses_hand_labels_from_held_out_documents(tiny_model: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["train-classifier", str(SHARED / "corpora" / "seed"), "--base",
                                 str(tiny_model.parent / "base"), "--out", str(tmp_path / "x"),
                                 "--hand", str(LABELLED / "test.jsonl"), "--holdout", str(LABELLED / "test.jsonl"),
                                 "--sources-root", str(SHARED / "corpora"), "--max-steps", "1"])
    assert result.exit_code == 2 and "held-out documents" in result.output and not (tmp_path / "x").exists()


def test_float32_predictions_do_not_depend_on_the_batch(tiny_model: Path) -> None:
    texts = [ex for ex in (LABELLED / "test.jsonl").read_text(encoding="utf-8").splitlines()][:40]
    texts = [json.loads(t)["text"] for t in texts]
    classifier = SentenceClassifier(tiny_model, batch_size=16, quantize=False)
    together = classifier.predict(texts)
    alone = [classifier.predict([t])[0] for t in texts[:8]]
    assert [p.label for p in together[:8]] == [p.label for p in alone]
    for a, b in zip(together[:8], alone):
        assert all(abs(a.scores[k] - b.scores[k]) <= 2e-4 for k in a.scores)
    assert classifier.predict(texts) == together


def test_people_daily_tags_and_compound_brackets_are_stripped() -> None:
    line = "１２月/t  ３１日/t  ，/w  [中央/n  人民/n  广播/vn  电台/n]nt  记者/n  报道/v  。/w"
    assert strip_pos_tags(line) == "１２月３１日，中央人民广播电台记者报道。"


def test_chunks_keep_whole_sentences_and_cut_only_overlong_ones() -> None:
    chunks = list(pack_chunks(["第一句话。第二句话。" + "长" * 30 + "。"], max_chars=12))
    assert chunks[0] == "第一句话。第二句话。" and all(len(c) <= 12 for c in chunks)
    assert "".join(chunks) == "第一句话。第二句话。" + "长" * 30 + "。"


def test_fine_tuning_twice_with_the_same_seed_gives_the_same_weights(tiny_model: Path, tmp_path: Path) -> None:
    seed = str(SHARED / "corpora" / "seed")
    result = runner.invoke(app, ["train-classifier", seed, "--base", str(tiny_model.parent / "base"),
                                 "--out", str(tmp_path / "again"), "--hand", str(LABELLED / "dev.jsonl"),
                                 "--holdout", str(LABELLED / "test.jsonl"), "--sources-root", str(SHARED / "corpora"),
                                 "--calibration", str(LABELLED / "classes-calibration.jsonl"),
                                 "--max-steps", "4", "--batch-size", "16"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "again" / "model.safetensors").read_bytes() == (tiny_model / "model.safetensors").read_bytes()


def test_a_graph_that_fails_its_check_is_a_one_line_error(tiny_model: Path, tmp_path: Path, monkeypatch) -> None:
    from govdoc_nlp.classify import onnx_graph

    def differing(folder):
        raise onnx_graph.OnnxGraphError(f"{folder}: the exported graph's logits differ from PyTorch's by 1.00e-01")

    monkeypatch.setattr(onnx_graph, "export_onnx", differing)
    result = runner.invoke(app, ["train-classifier", str(SHARED / "corpora" / "seed"), "--base",
                                 str(tiny_model.parent / "base"), "--out", str(tmp_path / "cls"), "--no-lexical-head",
                                 "--hand", str(LABELLED / "dev.jsonl"), "--holdout", str(LABELLED / "test.jsonl"),
                                 "--sources-root", str(SHARED / "corpora"), "--max-steps", "2", "--batch-size", "16"])
    assert result.exit_code == 2 and not isinstance(result.exception, onnx_graph.OnnxGraphError)
    assert "differ from PyTorch's" in result.output and "govdoc export-onnx" in result.output
    assert (tmp_path / "cls" / "model.safetensors").exists()


def test_pretraining_resumes_from_its_last_checkpoint(tmp_path) -> None:
    seed = str(SHARED / "corpora" / "seed")
    args = ["pretrain", seed, "--out", str(tmp_path / "base"), "--no-people-daily", "--batch-size", "16",
            "--checkpoint-every", "2", *TINY]
    assert runner.invoke(app, [*args, "--max-steps", "4"]).exit_code == 0
    assert (tmp_path / "base" / "checkpoints" / "checkpoint-4").is_dir()
    result = runner.invoke(app, [*args, "--max-steps", "6"])
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "base" / "pretraining.json").read_text(encoding="utf-8"))
    assert record["resumed_from"] == "checkpoint-4" and record["steps"] == 6
    assert record["masking"] == "whole word (jieba)" and [row["step"] for row in record["curve"]]


def test_pretraining_continues_from_a_pretrained_base_with_its_vocabulary_and_shape(tiny_model: Path,
                                                                                  tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file

    base = tiny_model.parent / "base"
    seed = str(SHARED / "corpora" / "seed")
    result = runner.invoke(app, ["pretrain", seed, "--out", str(tmp_path / "more"), "--no-people-daily",
                                 "--batch-size", "16", "--max-steps", "2", "--init-from", str(base)])
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "more" / "pretraining.json").read_text(encoding="utf-8"))
    assert record["initialised_from"] == str(base) and record["shape"]["hidden_size"] == 32
    from transformers import AutoTokenizer

    assert AutoTokenizer.from_pretrained(tmp_path / "more").get_vocab() == AutoTokenizer.from_pretrained(base).get_vocab()
    before, after = load_file(base / "model.safetensors"), load_file(tmp_path / "more" / "model.safetensors")
    name = "bert.embeddings.word_embeddings.weight"
    # Continued, not restarted: close to the base's weights, yet trained.
    assert not torch.equal(before[name], after[name])
    assert torch.allclose(before[name], after[name], atol=0.05)


def test_whole_word_masking_masks_every_character_of_a_chosen_word() -> None:
    from govdoc_nlp.classify.char_tokenizer import build_char_tokenizer, character_vocabulary
    from govdoc_nlp.classify.whole_word_masking import WholeWordMaskCollator, word_ids_for

    text = "地区生产总值增长百分之五，城镇新增就业超过十万人。"
    tokenizer = build_char_tokenizer(character_vocabulary([text], min_count=1))
    encoded = tokenizer(text, return_offsets_mapping=True)
    words = word_ids_for(text, encoded["offset_mapping"])
    assert words[0] == -1 and words[-1] == -1 and words[1] == words[2]  # 地区 is one word
    collator = WholeWordMaskCollator(tokenizer, seed=1, mask_share=0.3)
    batch = collator([{"input_ids": encoded["input_ids"], "word_ids": words}])
    masked = {words[i] for i, label in enumerate(batch["labels"][0].tolist()) if label != -100}
    assert masked and -1 not in masked
    for w in masked:  # a chosen word is masked whole
        assert all(batch["labels"][0][i] != -100 for i, x in enumerate(words) if x == w)


def test_the_lexical_head_reads_as_scikit_learn_does_and_survives_saving(tmp_path: Path) -> None:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from govdoc_nlp.classify.lexical_head import LexicalHead

    train = [ex for ex in read_labelled_set(LABELLED / "classes-train1.jsonl") if ex.label]
    texts, labels = [ex.text for ex in train], [ex.label for ex in train]
    order = ["achievement", "target", "problem", "other"]
    head = LexicalHead.fit(texts, labels, order)
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True, lowercase=False)
    model = LogisticRegression(max_iter=2000, class_weight="balanced", random_state=13)
    model.fit(vectorizer.fit_transform(texts), labels)
    held_out = [ex.text for ex in read_labelled_set(LABELLED / "test.jsonl")] + ["", "  两个 空格  ", "𠀀𠀁字"]
    expected = model.predict_log_proba(vectorizer.transform(held_out))[:, [list(model.classes_).index(x) for x in order]]
    assert np.abs(head.log_proba(held_out) - expected).max() < 5e-4  # the head keeps float32 weights
    head.save(tmp_path)
    assert not list(tmp_path.glob("*.pkl")) and np.array_equal(LexicalHead.load(tmp_path).log_proba(held_out),
                                                                 head.log_proba(held_out))


def test_a_trained_model_reads_its_lexical_head_with_the_calibrated_weights(tiny_model: Path) -> None:
    import numpy as np

    meta = json.loads((tiny_model / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert meta["lexical_head"]["features"] > 1000 and set(meta["combination"]) == {"network", "lexical"}
    classifier = SentenceClassifier(tiny_model)
    texts = ["城镇新增就业5.13万人、完成省下达任务的128%。", "力争地区生产总值增长5%左右。"]
    contexts = contexts_for(["review", None], None, 2)
    network = classifier.log_scores(texts, contexts, {"network": 1.0, "lexical": 0.0})
    lexical = classifier.log_scores(texts, contexts, {"network": 0.0, "lexical": 1.0})
    weights = meta["combination"]
    expected = weights["network"] * network + weights["lexical"] * lexical
    assert np.allclose(classifier.log_scores(texts, contexts), expected)
    best = expected.argmax(axis=1)
    assert [p.label for p in classifier.predict(texts, ["review", None])] == [classifier.labels[i] for i in best]


def test_retraining_without_calibration_leaves_no_stale_lexical_head(tiny_model: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cls"
    shutil.copytree(tiny_model, folder)
    result = runner.invoke(app, ["train-classifier", str(SHARED / "corpora" / "seed"), "--base", str(folder),
                                 "--out", str(folder), "--keep-network", "--hand", str(LABELLED / "dev.jsonl"),
                                 "--sources-root", str(SHARED / "corpora")])
    assert result.exit_code == 0, result.output
    assert "no lexical head" in result.output
    meta = json.loads((folder / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert "combination" not in meta and not (folder / "lexical_head.safetensors").exists()
    assert SentenceClassifier(folder).lexical is None


def test_calibration_fits_the_document_stage_and_calibrate_classifier_fits_it_again(tiny_model: Path,
                                                                                     tmp_path: Path) -> None:
    meta = json.loads((tiny_model / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert (tiny_model / "document_stage.json").exists()
    assert meta["document_stage"]["sentences"] == meta["calibration_sentences"] == 133
    copy = tmp_path / "cls"
    shutil.copytree(tiny_model, copy)
    (copy / "document_stage.json").unlink()
    result = runner.invoke(app, ["calibrate-classifier", str(copy), "--calibration",
                                 str(LABELLED / "classes-calibration.jsonl"), "--sources-root", str(SHARED / "corpora")])
    assert result.exit_code == 0, result.output
    refitted = json.loads((copy / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert refitted["document_stage"]["sentences"] == 133 and SentenceClassifier(copy).document_stage is not None
    stale = json.loads((copy / "document_stage.json").read_text(encoding="utf-8"))
    (copy / "document_stage.json").write_text(json.dumps({**stale, "windows": [1, 2]}), encoding="utf-8")
    with pytest.raises(ClassifierModelError, match="document_stage.json: made for windows"):
        SentenceClassifier(copy)
    result = runner.invoke(app, ["calibrate-classifier", str(copy), "--calibration",
                                 str(LABELLED / "classes-calibration.jsonl"), "--sources-root", str(SHARED / "corpora")])
    assert result.exit_code == 0, result.output  # a stale stage is refitted, not in the way
    assert SentenceClassifier(copy).document_stage is not None
    # Calibration also made the int8 graph from the float32 one, kept only where it keeps the float32 labels.
    int8 = json.loads((copy / "govdoc_classifier.json").read_text(encoding="utf-8"))["int8"]
    assert int8["sentences"] == 2 * 133 and (copy / "model.int8.onnx").exists() == (int8["agreement"] >= 0.98)
    if (copy / "model.int8.onnx").exists():
        assert SentenceClassifier(copy).precision == "int8"
    result = runner.invoke(app, ["calibrate-classifier", str(copy), "--calibration",
                                 str(LABELLED / "classes-calibration.jsonl"), "--sources-root", str(SHARED / "corpora"),
                                 "--no-document-stage"])
    assert result.exit_code == 0, result.output
    refitted = json.loads((copy / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert "document_stage" not in refitted and not (copy / "document_stage.json").exists()
    assert SentenceClassifier(copy).document_stage is None
    # Without its float32 graph a folder keeps no int8 graph made from an older one.
    (copy / "model.onnx").unlink()
    result = runner.invoke(app, ["calibrate-classifier", str(copy), "--calibration",
                                 str(LABELLED / "classes-calibration.jsonl"), "--sources-root", str(SHARED / "corpora")])
    assert result.exit_code == 0, result.output
    assert not (copy / "model.int8.onnx").exists() and SentenceClassifier(copy).precision == "float32"
    assert "int8" not in json.loads((copy / "govdoc_classifier.json").read_text(encoding="utf-8"))
    result = runner.invoke(app, ["calibrate-classifier", str(copy), "--calibration", str(tmp_path / "missing.jsonl"),
                                 "--sources-root", str(SHARED / "corpora")])
    assert result.exit_code != 0 and "missing.jsonl" in result.output


def test_teacher_labels_are_the_shipped_models_confident_labels_in_context() -> None:
    from govdoc_nlp.classify.model import default_model_dir
    from govdoc_nlp.classify.context import REACH
    from govdoc_nlp.classify.teacher_labels import teacher_label_rows

    seed = SHARED / "corpora" / "seed"
    loose = teacher_label_rows([seed], default_model_dir(), 0.0)
    strict = teacher_label_rows([seed], default_model_dir(), 0.9)
    assert len(loose["text"]) > len(strict["text"]) > 100
    assert min(strict["score"]) >= 0.9 and set(strict["section"]) == {None}
    labels = dict(zip(loose["text"], loose["weak_label"]))
    # The founding document read in context: a review heading's words are an achievement there, not a plan.
    assert labels["深化健康江门建设。"] == "achievement"
    assert labels["扎实推进典型镇培育三年行动计划，推动共和、崖门、棠下、水口4个省级试点中心镇按照小城市标准规划建设，打造县域副中心。"] == "target"
    assert not teacher_label_rows([seed], default_model_dir(), 0.0, exclude=list(seed.iterdir()))["text"]
    # Away from a calibration sentence: it and its neighbours within REACH are left out, the rest kept.
    middle = loose["text"][100]
    away = teacher_label_rows([seed], default_model_dir(), 0.0, away_from=frozenset({middle}))
    assert away["text"] == loose["text"][:100 - REACH] + loose["text"][101 + REACH:]


def test_training_on_teacher_labels_records_them_as_the_weak_rows(tiny_model: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["train-classifier", str(SHARED / "corpora" / "seed"), "--base",
                                 str(tiny_model.parent / "base"), "--out", str(tmp_path / "student"),
                                 "--teacher", str(tiny_model), "--teacher-threshold", "0.3",
                                 "--hand", str(LABELLED / "dev.jsonl"), "--sources-root", str(SHARED / "corpora"),
                                 "--max-steps", "2", "--batch-size", "16", "--no-lexical-head"])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "student" / "govdoc_classifier.json").read_text(encoding="utf-8"))["rows"]
    assert set(rows) == {"teacher", "hand"} and sum(rows["teacher"].values()) > 0


def test_a_model_trained_without_headings_reads_the_section_word_alone(tiny_model: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["train-classifier", str(SHARED / "corpora" / "seed"), "--base",
                                 str(tiny_model.parent / "base"), "--out", str(tmp_path / "plain"), "--no-heading",
                                 "--hand", str(LABELLED / "dev.jsonl"), "--sources-root", str(SHARED / "corpora"),
                                 "--calibration", str(LABELLED / "classes-calibration.jsonl"),
                                 "--max-steps", "2", "--batch-size", "16"])
    assert result.exit_code == 0, result.output
    classifier = SentenceClassifier(tmp_path / "plain")
    assert classifier.meta["context"] == "section" and not classifier.with_heading
    # The lexical head read the same segment: its n-grams hold no heading text beside the section word.
    head = json.loads((tmp_path / "plain" / "lexical_head.json").read_text(encoding="utf-8"))["vocabulary"]
    with_heading = json.loads((tiny_model / "lexical_head.json").read_text(encoding="utf-8"))["vocabulary"]
    assert "安排：" not in head and "安排：" in with_heading
