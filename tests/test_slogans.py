"""SLOGAN: lexicon entries with canonical forms, unseen slogans by pattern, quotes excluded."""

from __future__ import annotations

import pytest
from conftest import annotate

from govdoc_nlp.data_files import DataFileError
from govdoc_nlp.slogans.lexicon import SloganLexicon


def slogans(nlp, text: str) -> dict[str, dict]:
    return {e.text: e._.slogan for e in annotate(nlp, text).ents if e.label_ == "SLOGAN"}


def test_lexicon_slogan_has_its_canonical_form_and_no_quotes(nlp) -> None:
    found = slogans(nlp, "深入实施“百千万工程”，认真贯彻落实省委“1310”具体部署。")
    assert found["百千万工程"]["canonical"] == "百县千镇万村高质量发展工程"
    assert found["百千万工程"]["in_lexicon"] is True
    assert "1310" in found


def test_unquoted_lexicon_slogans(nlp) -> None:
    found = slogans(nlp, "坚定拥护两个确立、坚决做到两个维护，决胜十四五。")
    assert set(found) == {"两个确立", "两个维护", "十四五"}


def test_unseen_numbered_and_programme_slogans_in_quotes(nlp) -> None:
    found = slogans(nlp, "强化“三查一曝光两闭环”硬举措，做大做实“共链工程”。")
    assert set(found) == {"三查一曝光两闭环", "共链工程"}
    assert found["共链工程"]["in_lexicon"] is False


def test_descriptive_quotes_are_not_slogans(nlp) -> None:
    assert slogans(nlp, "建立优质工业企业“一对一”服务机制，实现“零填埋”。") == {}


def test_lexicon_file_rejects_unknown_keys(tmp_path) -> None:
    bad = tmp_path / "slogans.jsonl"
    bad.write_text('{"canonical": "三保", "short": "三保", "scop": "全国"}\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="slogans.jsonl:1: unknown key"):
        SloganLexicon.from_jsonl(bad)


def test_a_reports_glossary_names_its_slogans(nlp) -> None:
    from conftest import PROVINCIAL, read

    doc = annotate(nlp, read(PROVINCIAL / "广东省-2026.txt"), "广东省")
    found = {e.text: e._.slogan for e in doc.ents if e.label_ == "SLOGAN"}
    assert found["四网融合"] == {"canonical": "干线铁路、城际铁路、市域（郊）铁路和城市轨道交通的融合",
                              "short": "四网融合", "in_lexicon": False}
    assert found["链式改造"]["canonical"] == "链式改造"  # defined, but by a description rather than a name
    assert found["双一流"]["in_lexicon"] is True
