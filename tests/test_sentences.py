"""Sentences as the guidelines define them."""

from __future__ import annotations

from govdoc_nlp.sentences.splitter import sentence_boundaries


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_terminators_split_and_commas_do_not(nlp) -> None:
    text = "规上工业增加值增长6%以上；地方一般公共预算收入增长3%。我们要乘势而上！能做到吗？能"
    assert sentences(nlp, text) == ["规上工业增加值增长6%以上；", "地方一般公共预算收入增长3%。", "我们要乘势而上！",
                                    "能做到吗？", "能"]


def test_headings_and_list_items_end_at_the_line_break(nlp) -> None:
    text = "## 二、2025年工作安排\n（一）锚定“一点两地”全新定位\n一是联合港澳承办十五运会。"
    assert sentences(nlp, text) == ["## 二、2025年工作安排", "（一）锚定“一点两地”全新定位", "一是联合港澳承办十五运会。"]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "他说：“要抓落实。”随后散会。"
    assert sentence_boundaries(text) == {text.index("随")}


def test_entities_never_cross_a_sentence_end(nlp, jiangmen_raw: str) -> None:
    doc = nlp(jiangmen_raw)
    starts = {s.start for s in doc.sents}
    for ent in doc.ents:
        assert not any(ent.start < i < ent.end for i in starts), ent.text


def test_no_sentence_is_whitespace_only_and_records_keep_every_sentence(nlp, jiangmen_raw: str) -> None:
    import govdoc_nlp

    doc = nlp(jiangmen_raw)
    sents = list(doc.sents)
    assert all(s.text.strip() for s in sents)
    record = govdoc_nlp.to_record(doc)
    assert [(r["start"], r["end"]) for r in record["sents"]] == [
        (s.start_char + len(s.text) - len(s.text.lstrip()), s.start_char + len(s.text.rstrip())) for s in sents]
