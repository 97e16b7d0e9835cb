"""The shipped sentence classifier: in the pipeline, alone, on held-out documents, saved and loaded."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

import govdoc_nlp
from govdoc_nlp.classify.component import SentenceClassifierComponent
from govdoc_nlp.classify.model import SentenceClassifier, default_model_dir
from govdoc_nlp.classify.context import contexts_in_documents
from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from govdoc_nlp.evaluate.scorer import score_classes
from govdoc_nlp.labels import SENTENCE_LABELS

from conftest import JIANGMEN, ROOT, SHARED

LABELLED = ROOT / "corpora" / "labelled"


@pytest.fixture(scope="module")
def founding_doc(nlp, jiangmen_raw: str):
    """The founding document through the whole default pipeline."""
    return nlp(jiangmen_raw)


def test_every_sentence_gets_a_label_and_scores_that_follow_the_report(founding_doc) -> None:
    sents = [s for s in founding_doc.sents if s.text.strip()]
    assert all(s._.label in SENTENCE_LABELS for s in sents)
    assert all(abs(sum(s._.scores.values()) - 1) < 1e-3 and max(s._.scores, key=s._.scores.get) == s._.label
               for s in sents)
    by_section = {section: Counter(s._.label for s in sents if s._.section == section)
                  for section in ("review", "plan")}
    assert by_section["review"].most_common(1)[0][0] == "achievement"
    assert by_section["plan"].most_common(1)[0][0] == "target"
    record = govdoc_nlp.to_record(founding_doc)
    assert all(row["label"] in SENTENCE_LABELS and set(row["scores"]) == set(SENTENCE_LABELS)
               for row in record["sents"])


def test_the_pipeline_reads_each_sentence_beside_the_neighbours_the_benchmark_gives_it(founding_doc) -> None:
    # The component and `govdoc benchmark` (contexts_in_documents) must read a sentence in the same context.
    sents = [s for s in founding_doc.sents if s.text.strip()][40:100]
    examples = [SimpleNamespace(text=s.text.strip(), meta={"source": "seed/" + JIANGMEN.name,
                                                          "start": s.start_char + len(s.text) - len(s.text.lstrip())})
                for s in sents]
    contexts = contexts_in_documents(examples, SHARED / "corpora")
    assert all(c.before and c.after for c in contexts)
    predictions = SentenceClassifier().predict_contexts([ex.text for ex in examples], contexts)
    assert [p.label for p in predictions] == [s._.label for s in sents]
    assert max(abs(p.scores[k] - s._.scores[k]) for p, s in zip(predictions, sents) for k in p.scores) < 1e-3


def test_the_section_decides_a_sentence_without_a_time_marker() -> None:
    # The example: in the plan part a figure with no future marker is a target.
    predictions = govdoc_nlp.classify(["森林覆盖率达到13.52%。"] * 2, ["plan", "review"])
    assert [p.label for p in predictions] == ["target", "achievement"]


BLIND_SETS = ("classes1", "classes2", "classes3", "classes4")


def test_scores_on_the_blind_class_sets_alone_and_in_context() -> None:
    # Regression guards at the level measured on 2026-11-30 on these four sets together (macro-F1 0.536 alone,
    # 0.669 in context); the targets (0.90 / 0.95) are not met.
    examples = [ex for name in BLIND_SETS for ex in read_labelled_set(LABELLED / f"{name}.jsonl")]
    gold, texts = [ex.label for ex in examples], [ex.text for ex in examples]
    contexts = contexts_in_documents(examples, SHARED / "corpora")
    alone = score_classes(gold, [p.label for p in govdoc_nlp.classify(texts)], SENTENCE_LABELS)
    placed = govdoc_nlp.classify(texts, [c.section for c in contexts], [c.heading for c in contexts])
    in_context = score_classes(gold, [p.label for p in placed], SENTENCE_LABELS)
    assert alone["macro_f1"] >= 0.52 and in_context["macro_f1"] >= 0.65, (alone, in_context)
    assert in_context["macro_f1"] > alone["macro_f1"]


def test_a_lone_sentence_is_read_from_its_own_words(nlp) -> None:
    # The examples: each alone, without a section, through classify() and through nlp().
    texts = {"城镇新增就业5.13万人、完成省下达任务的128%。": "achievement",
             "教育、医疗、养老、托育等公共服务与群众期盼还有差距。": "problem",
             "一些企业生产经营困难，部分群众就业增收压力较大。": "problem",
             "力争地区生产总值增长5%左右。": "target"}
    predictions = govdoc_nlp.classify(list(texts))
    assert [p.label for p in predictions] == list(texts.values())
    for text, prediction in zip(texts, predictions):
        sent = list(nlp(text).sents)[0]
        assert sent._.section == "unknown" and sent._.scores == prediction.scores


def test_a_sentences_scores_do_not_depend_on_its_batch() -> None:
    texts = [ex.text for ex in read_labelled_set(LABELLED / "classes1.jsonl")][:80]
    together = govdoc_nlp.classify(texts)
    assert [govdoc_nlp.classify([text])[0] for text in texts] == together


def test_int8_scores_do_not_depend_on_the_batch_either() -> None:
    # The int8 graph's activation scales were fixed at calibration, not taken from each batch.
    texts = [ex.text for ex in read_labelled_set(LABELLED / "classes2.jsonl")][:80]
    int8 = SentenceClassifier(batch_size=16)
    assert (int8.backend, int8.precision) == ("onnx", "int8")
    together = int8.predict(texts)
    assert [int8.predict([text])[0] for text in texts] == together


def test_int8_and_float32_agree_on_held_out_sentences() -> None:
    examples = [ex for name in ("test", "problems") for ex in read_labelled_set(LABELLED / f"{name}.jsonl")]
    texts = [ex.text for ex in examples]
    sections = [c.section for c in contexts_in_documents(examples, SHARED / "corpora")]
    assert SentenceClassifier().precision == "int8"  # the default where the model has its int8 graph
    int8 = govdoc_nlp.classify(texts, sections)
    float32 = govdoc_nlp.classify(texts, sections, quantize=False)
    assert sum(a.label != b.label for a, b in zip(int8, float32)) <= len(texts) // 50
    assert max(abs(a.scores[k] - b.scores[k]) for a, b in zip(int8, float32) for k in a.scores) < 0.1


def test_onnx_runtime_and_pytorch_give_the_same_scores_on_held_out_sentences() -> None:
    examples = [ex for name in ("test", "problems") for ex in read_labelled_set(LABELLED / f"{name}.jsonl")]
    texts = [ex.text for ex in examples]
    contexts = contexts_in_documents(examples, SHARED / "corpora")
    sections, headings = [c.section for c in contexts], [c.heading for c in contexts]
    onnx, torch = SentenceClassifier(quantize=False), SentenceClassifier(backend="torch")
    assert (onnx.backend, torch.backend) == ("onnx", "torch")
    for args in ((texts,), (texts, sections, headings)):
        a, b = onnx.predict(*args), torch.predict(*args)
        assert [p.label for p in a] == [p.label for p in b]
        assert max(abs(p.scores[k] - q.scores[k]) for p, q in zip(a, b) for k in p.scores) <= 2e-4


def test_classify_takes_a_list_and_sections_of_the_same_length() -> None:
    with pytest.raises(TypeError):
        govdoc_nlp.classify("今年要推动高质量发展。")
    with pytest.raises(ValueError, match="2 texts but 1 sections"):
        govdoc_nlp.classify(["一。", "二。"], ["plan"])


def test_component_saves_its_model_and_loads_it_back(nlp, tmp_path: Path) -> None:
    component = nlp.get_pipe("govdoc_classifier")
    component.to_disk(tmp_path)
    restored = SentenceClassifierComponent(nlp, "govdoc_classifier", None, 64).from_disk(tmp_path)
    texts = ["过去一年，地区生产总值增长5.2%。", "今年要推动高质量发展。"]
    assert restored.classifier.predict(texts) == component.classifier.predict(texts)
    assert (tmp_path / "model" / "model.safetensors").exists()


def test_shipped_model_is_small_safetensors_with_a_redistributable_licence() -> None:
    folder = default_model_dir()
    assert (folder / "model.safetensors").stat().st_size <= 40 * 1024 * 1024
    assert (folder / "model.onnx").stat().st_size <= 40 * 1024 * 1024
    assert sum(f.stat().st_size for f in folder.iterdir()) <= 40 * 1024 * 1024  # network, graph and lexical head
    assert not list(folder.glob("*.bin")) and not list(folder.glob("*.pt")) and not list(folder.glob("*.pkl"))
    meta = json.loads((folder / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert meta["combination"]["lexical"] > 0 and (folder / "lexical_head.safetensors").exists()
    assert meta["licence"] == "MIT" and not meta["random_init"]
    assert (folder / "README.md").exists()
    assert SentenceClassifier(folder).labels == list(SENTENCE_LABELS)


def test_an_empty_document_and_an_empty_list_are_fine(nlp) -> None:
    assert govdoc_nlp.classify([]) == []
    doc = nlp("")
    assert govdoc_nlp.to_record(doc)["sents"] == []
