"""Rule files come through initialize(), are saved with the pipeline, and a folder of one's own is checked."""

from __future__ import annotations

import shutil

import pytest
import spacy

from govdoc_nlp.data_files import DataFileError, package_text
from govdoc_nlp.pipeline import build_pipeline
from govdoc_nlp.rule_files import RuleFiles

TEXT = "种植树木1200棵。\n【责任编辑：王五】\n"


def own_rules(tmp_path):
    """A folder with one more METRIC unit (棵) and one more line of page furniture (the editor's line)."""
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / "metric_units.tsv").write_text(package_text("metric_units.tsv") + "棵\t棵\t1\tcount\n",
                                             encoding="utf-8")
    (folder / "furniture.tsv").write_text(package_text("furniture.tsv") + "editor\t^【责任编辑：[^】\\n]*】\\n?\n",
                                          encoding="utf-8")
    return folder


def units(nlp, text: str = TEXT) -> list:
    return [(e.text, e._.metric["unit"]) for e in nlp(text).ents if e.label_ == "METRIC"]


def test_rules_of_ones_own_come_through_initialize_and_are_saved_with_the_pipeline(tmp_path) -> None:
    nlp = build_pipeline("char")
    assert units(nlp) == [] and "责任编辑" in nlp(TEXT).text
    folder = own_rules(tmp_path)
    nlp.get_pipe("govdoc_metrics").initialize(rules=str(folder))
    nlp.tokenizer.initialize(rules=str(folder))
    assert units(nlp) == [("1200棵", "棵")] and "责任编辑" not in nlp(TEXT).text
    nlp.to_disk(tmp_path / "pipe")
    data = nlp.to_bytes()
    shutil.rmtree(folder)  # the saved pipeline keeps its rules, wherever it goes
    again = spacy.load(tmp_path / "pipe")
    assert units(again) == [("1200棵", "棵")] and "责任编辑" not in again(TEXT).text
    from_bytes = build_pipeline("char").from_bytes(data)
    assert units(from_bytes) == [("1200棵", "棵")] and "责任编辑" not in from_bytes(TEXT).text
    assert units(build_pipeline("char")) == []  # other pipelines keep the package's rules


def test_a_rules_folder_is_checked(tmp_path) -> None:
    with pytest.raises(DataFileError, match="no such rules folder"):
        RuleFiles.load(("metric_units.tsv",), tmp_path / "missing")
    folder = own_rules(tmp_path)
    (folder / "metric_unit.tsv").write_text("surface\tunit\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="metric_unit.tsv is not a govdoc rule file"):
        build_pipeline("char").get_pipe("govdoc_metrics").initialize(rules=str(folder))
    (folder / "metric_unit.tsv").unlink()
    (folder / "metric_words.tsv").write_text("kind\tword\nupp\t增长\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"metric_words.tsv:2: unknown kind 'upp'"):
        build_pipeline("char").get_pipe("govdoc_metrics").initialize(rules=str(folder))
