"""OffsetMap and the cleaner's offsets: every clean character comes from the raw character it maps to."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govdoc_nlp.cleaning import OffsetMap, clean_text

PIECES = st.sampled_from([
    "地区生产总值", "增长3.4%", "75周 年", "重要意 义", " ", "  ", "\n", "\n\n", ",", ":", ";", "\"", "(", ")",
    "1.81:1", "▶下转A04版", "\n分享\n", "\n打印\n", "\n【字号：\n加大\n还原\n减小\n】\n", "ＧＤＰ", "１２％",
    "abc def", "。", "，", "“十四五”", "\r\n", "字体 大 中 小\n",
])
RAW_TEXTS = st.lists(PIECES, max_size=30).map("".join)
HALF_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？", '"': "“”"}


def same_character(clean_ch: str, raw_ch: str) -> bool:
    """The clean character is the raw one, or its full/half-width form."""
    if clean_ch == raw_ch:
        return True
    if raw_ch in HALF_FULL and clean_ch in HALF_FULL[raw_ch]:
        return True
    if clean_ch in ":." and raw_ch in "：．":
        return True
    return ord(raw_ch) - 0xFEE0 == ord(clean_ch)  # full-width digits and letters


@settings(max_examples=300, deadline=None)
@given(RAW_TEXTS)
def test_every_clean_character_maps_to_its_raw_source(raw: str) -> None:
    cleaned = clean_text(raw)
    offsets = cleaned.offsets
    assert offsets.clean_length == len(cleaned.text)
    previous = -1
    for i, ch in enumerate(cleaned.text):
        j = offsets.to_raw(i)
        assert j > previous, "the map must be strictly increasing"
        assert same_character(ch, raw[j]), (ch, raw[j])
        previous = j


@settings(max_examples=200, deadline=None)
@given(RAW_TEXTS, st.data())
def test_raw_span_of_a_clean_span_holds_exactly_its_characters(raw: str, data) -> None:
    cleaned = clean_text(raw)
    n = len(cleaned.text)
    if n == 0:
        return
    start = data.draw(st.integers(0, n - 1))
    end = data.draw(st.integers(start + 1, n))
    raw_start, raw_end = cleaned.offsets.span_to_raw(start, end)
    assert 0 <= raw_start < raw_end <= len(raw)
    mapped = [cleaned.offsets.to_raw(i) for i in range(start, end)]
    assert mapped[0] == raw_start and mapped[-1] == raw_end - 1
    # Whatever lies in the raw span but not in the clean span was deleted by cleaning.
    kept = set(mapped)
    for j in range(raw_start, raw_end):
        if j not in kept:
            assert all(cleaned.offsets.to_raw(i) != j for i in range(n))


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=10))
def test_map_round_trips_through_dict(segments) -> None:
    pos, kept = 0, []
    for gap, length in segments:
        kept.append((pos + gap, pos + gap + length))
        pos += gap + length
    offsets = OffsetMap.from_kept_segments(kept, pos)
    again = OffsetMap.from_dict(offsets.to_dict())
    assert again == offsets
    assert offsets.clean_length == sum(length for _, length in segments)
