"""The shipped sentence classifier: in the pipeline, alone, on held-out documents, saved and loaded."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import govdoc_nlp
from govdoc_nlp.classify.component import SentenceClassifierComponent
from govdoc_nlp.classify.model import SentenceClassifier, default_model_dir
from govdoc_nlp.classify.context import contexts_in_documents
from govdoc_nlp.evaluate.labelled_set import SENTENCE_LABELS, read_labelled_set
from govdoc_nlp.evaluate.scorer import score_classes

from conftest import ROOT, SHARED

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


def test_the_section_decides_a_sentence_without_a_time_marker() -> None:
    # The example: in the plan part a figure with no future marker is a target.
    predictions = govdoc_nlp.classify(["森林覆盖率达到13.52%。"] * 2, ["plan", "review"])
    assert [p.label for p in predictions] == ["target", "achievement"]


def test_held_out_documents_macro_f1_at_least_0_90() -> None:
    examples = [ex for name in ("test", "problems") for ex in read_labelled_set(LABELLED / f"{name}.jsonl")]
    contexts = contexts_in_documents(examples, SHARED / "corpora")
    predicted = [p.label for p in govdoc_nlp.classify([ex.text for ex in examples], [c.section for c in contexts])]
    scores = score_classes([ex.label for ex in examples], predicted, SENTENCE_LABELS)
    assert scores["macro_f1"] >= 0.90, scores


def test_int8_and_float32_agree_on_held_out_sentences() -> None:
    examples = [ex for name in ("test", "problems") for ex in read_labelled_set(LABELLED / f"{name}.jsonl")]
    texts = [ex.text for ex in examples]
    sections = [c.section for c in contexts_in_documents(examples, SHARED / "corpora")]
    int8 = govdoc_nlp.classify(texts, sections)
    float32 = govdoc_nlp.classify(texts, sections, quantize=False)
    assert sum(a.label != b.label for a, b in zip(int8, float32)) <= len(texts) // 100
    assert max(abs(a.scores[k] - b.scores[k]) for a, b in zip(int8, float32) for k in a.scores) < 0.1


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
    assert not list(folder.glob("*.bin")) and not list(folder.glob("*.pt"))
    meta = json.loads((folder / "govdoc_classifier.json").read_text(encoding="utf-8"))
    assert meta["licence"] == "MIT" and not meta["random_init"]
    assert (folder / "README.md").exists()
    assert SentenceClassifier(folder).labels == list(SENTENCE_LABELS)


def test_an_empty_document_and_an_empty_list_are_fine(nlp) -> None:
    assert govdoc_nlp.classify([]) == []
    doc = nlp("")
    assert govdoc_nlp.to_record(doc)["sents"] == []
