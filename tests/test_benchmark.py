"""Scoring, the labelled sets we ship, and the benchmark on them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from govdoc_nlp.evaluate.benchmark import run_benchmark
from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from govdoc_nlp.evaluate.scorer import entity_errors, score_entities
from govdoc_nlp.io.readers import InputError

LABELLED = ROOT / "corpora" / "labelled"


def test_strict_and_overlap_scores() -> None:
    gold = [[(0, 4, "METRIC"), (6, 8, "PLACE")]]
    pred = [[(0, 4, "METRIC"), (5, 8, "PLACE"), (10, 12, "SLOGAN")]]
    scores = score_entities(gold, pred, ("METRIC", "PLACE", "SLOGAN"))
    assert scores["strict"]["METRIC"]["f1"] == 1.0
    assert scores["strict"]["PLACE"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert scores["overlap"]["PLACE"]["f1"] == 1.0
    assert scores["strict"]["SLOGAN"]["fp"] == 1


def test_entity_errors_list_strict_mismatches_in_context() -> None:
    text = "新会获评首批全国医养结合示范区，江门市增长3.4%。"
    gold = [[(0, 2, "PLACE"), (16, 19, "PLACE")]]
    pred = [[(0, 2, "PLACE"), (16, 18, "PLACE"), (21, 25, "METRIC")]]
    rows = entity_errors([text], gold, pred, ("PLACE",), context=2)
    assert rows == [
        {"example": 0, "kind": "missed", "label": "PLACE", "text": "江门市", "context": "区，江门市增长"},
        {"example": 0, "kind": "spurious", "label": "PLACE", "text": "江门", "context": "区，江门市增"},
    ]


def test_shipped_labelled_sets_are_built_from_their_inline_sources(tmp_path) -> None:
    before = {name: (LABELLED / f"{name}.jsonl").read_bytes() for name in ("dev", "test", "problems", "places", "places2", "places3")}
    subprocess.run([sys.executable, str(LABELLED / "build.py")], check=True, capture_output=True)
    for name, data in before.items():
        assert (LABELLED / f"{name}.jsonl").read_bytes() == data, f"{name}.jsonl is stale: run corpora/labelled/build.py"
    splits = [read_labelled_set(LABELLED / f"{name}.jsonl") for name in before]
    assert len(splits[0]) + len(splits[1]) >= 300
    docs = [{e.meta["doc"] for e in split} for split in splits]
    # Split by document among the sets scored for the same thing: entities (dev, test, places, places2, places3) and
    # sentence labels (dev, test, problems); places2 shares reports with problems, not sentences.
    for group in ((0, 1, 3, 4, 5), (0, 1, 2)):
        assert sum(len(docs[k]) for k in group) == len(set().union(*(docs[k] for k in group))), "split by document"
    texts = [{e.text for e in split} for split in splits]
    assert not texts[2] & texts[4]
    assert all(e.span_labels == ("PLACE",) and e.label is None for e in splits[3] + splits[4] + splits[5])


def test_bad_labelled_set_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text(json.dumps({"text": "增长3%", "spans": [{"start": 0, "end": 9, "label": "METRIC"}]}) + "\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl:1: span offsets 0..9 outside the text"):
        read_labelled_set(bad)


def test_metric_quality_on_the_dev_split_does_not_regress(nlp) -> None:
    report = run_benchmark(nlp, LABELLED / "dev.jsonl")
    assert report["entities"]["strict"]["METRIC"]["f1"] >= 0.97
    assert report["metric_values"]["accuracy"] >= 0.97
    assert report["entities"]["strict"]["SLOGAN"]["f1"] >= 0.9
    assert report["entities"]["strict"]["PLACE"]["f1"] >= 0.9


def test_cue_word_baseline_follows_the_guideline_cues() -> None:
    from govdoc_nlp.evaluate.baselines import cue_word_label

    assert cue_word_label("各位代表，现在我代表市人民政府向大会报告工作，请予审议。") == "other"
    assert cue_word_label("教育、医疗等公共服务与群众期盼还有差距，短板仍需加快补齐。") == "problem"
    assert cue_word_label("力争地区生产总值增长5%左右。") == "target"
    assert cue_word_label("进出口总额1917亿元、创历史新高。") == "achievement"


def test_macro_f1_averages_only_the_labels_that_occur() -> None:
    from govdoc_nlp.evaluate.scorer import score_classes

    scores = score_classes(["problem", "target"], ["problem", "problem"], ("achievement", "target", "problem", "other"))
    assert scores["per_class"]["problem"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 0) / 2, abs=1e-4) and scores["accuracy"] == 0.5


def test_a_set_that_marked_places_only_is_scored_on_places_only(nlp, tmp_path) -> None:
    gold = tmp_path / "places.jsonl"
    row = {"text": "江门市地区生产总值增长3.4%。", "spans": [{"start": 0, "end": 3, "label": "PLACE"}],
           "meta": {"span_labels": ["PLACE"]}}
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    report = run_benchmark(nlp, gold)
    assert set(report["entities"]["strict"]) == {"PLACE"}  # the METRIC 3.4% is neither right nor wrong here
    assert report["entities"]["strict"]["PLACE"]["f1"] == 1.0
    row["meta"]["span_labels"] = ["METRIC"]
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="places.jsonl:1: a span's label is not in"):
        read_labelled_set(gold)


def test_sentence_scores_come_from_the_set_or_an_explicit_documents_folder(nlp, tmp_path, monkeypatch) -> None:
    from conftest import SHARED

    alone = run_benchmark(nlp, LABELLED / "problems.jsonl")
    assert "sentences_in_context" not in alone and alone["sentences_context"].startswith("alone only")
    monkeypatch.chdir(tmp_path)  # no ../shared/corpora from here: the score must not change
    assert run_benchmark(nlp, LABELLED / "problems.jsonl")["sentences_alone"] == alone["sentences_alone"]
    placed = run_benchmark(nlp, LABELLED / "problems.jsonl", documents=SHARED / "corpora")
    assert placed["sentences_alone"] == alone["sentences_alone"] and "sentences_in_context" in placed
    assert 0 <= placed["sentences_in_context"]["ece"] <= 1
    with pytest.raises(InputError, match="the source document of a labelled example is missing"):
        run_benchmark(nlp, LABELLED / "problems.jsonl", documents=tmp_path)
