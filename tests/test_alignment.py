"""Token splitting at entity edges (the Doc is rebuilt) and overlap resolution, as properties."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from govdoc_nlp.alignment import CharSpan, _resolve_overlaps, add_entities, align_entities, split_tokens_at
from govdoc_nlp.extensions import CLEAN_KEY

WORDS = st.lists(st.sampled_from(["地区生产总值", "增长", "3.4%", "，", "江门市", "“", "百千万工程", "”", "。", "abc"]),
                 min_size=1, max_size=12)


def make_doc(words: list[str], spaces: list[bool]) -> Doc:
    nlp = spacy.blank("zh")
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.user_data[CLEAN_KEY] = doc.text
    return doc


@settings(max_examples=200, deadline=None)
@given(WORDS, st.data())
def test_splitting_keeps_the_text_and_puts_a_boundary_at_every_cut(words, data) -> None:
    spaces = data.draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
    doc = make_doc(words, spaces)
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0 or data.draw(st.booleans())
    sentence_starts = {t.idx for t in doc if t.is_sent_start}
    text = doc.text
    cuts = set(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    rebuilt = split_tokens_at(doc, cuts)
    assert rebuilt.text == text
    boundaries = {t.idx for t in rebuilt} | {t.idx + len(t) for t in rebuilt}
    for cut in cuts:
        assert cut in boundaries or cut == len(text)  # the end, after a trailing space, is no token edge
    assert {t.idx for t in rebuilt if t.is_sent_start} == sentence_starts


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["METRIC", "PLACE"])),
                max_size=12))
def test_resolved_spans_never_overlap_and_the_longest_wins(raw) -> None:
    spans = [[s, s + n, label, None, None] for s, n, label in raw]
    kept = _resolve_overlaps(spans)
    for a, b in zip(kept, kept[1:]):
        assert a[1] <= b[0]
    for span in spans:
        if span not in kept:
            assert any(k[0] < span[1] and span[0] < k[1] and k[1] - k[0] >= span[1] - span[0] for k in kept)


def test_entities_and_readings_survive_a_rebuild() -> None:
    doc = make_doc(["地区生产总值4210.18亿元", "，", "江门市"], [False, False, False])
    doc = add_entities(doc, [CharSpan(6, 15, "METRIC", "metric", {"value": 421018000000.0})])
    assert not doc.ents  # found on characters; set on tokens by the alignment step
    doc = add_entities(doc, [CharSpan(16, 19, "PLACE", "place", {"name": "江门市"})])
    doc = align_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("4210.18亿元", "METRIC"), ("江门市", "PLACE")]
    assert doc.ents[0]._.metric == {"value": 421018000000.0}


def test_a_pipeline_of_ones_own_aligns_in_the_explicit_step() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("govdoc_metrics")
    doc = nlp("地区生产总值增长3.4%。")
    assert not doc.ents and doc.user_data["govdoc.entities"]
    nlp.add_pipe("govdoc_align_entities")
    assert [(e.label_, e._.metric["value"]) for e in nlp("地区生产总值增长3.4%。").ents] == [("METRIC", 3.4)]
