"""Where a gazetteer match stops being a place: overlapping matches merged, two-character counties and places
made of the ends of two words."""

from __future__ import annotations
from govdoc_nlp.han import is_han

Match = tuple[int, int]  # a candidate's (start, end) character offsets

# Characters that make 县 the start of a word (县城, 县乡, 县级, 县委, 县长): a two-character county before them,
# after another character, is part of a longer word.
COUNTY_WORD_ENDS = set("城乡级委长")
# Characters a two-character county may follow (besides the end of another place): links and division words.
COUNTY_LINKS = set("的在到至与及和同省市州县区盟旗镇乡从向赴")


def county_inside_word(text: str, start: int, end: int, ends: set[int]) -> bool:
    """Whether a two-character county at ``start:end`` (康县, 和县) is part of a longer word (健康县城, 公社和县,
    振兴县中, 延吉县) rather than a place, which follows punctuation, a link word or another place (``ends``: where
    the other matches end; 山西岚县, 岷县和漳县, 皖东地区的泗县)."""
    if end - start != 2 or text[end - 1] != "县" or start == 0:
        return False
    after_char = is_han(text[start - 1])
    word_goes_on = text[end:end + 1] in COUNTY_WORD_ENDS
    if text[start] in COUNTY_LINKS:  # 和县: only right after a place (安徽和县) or after punctuation
        return start not in ends and (after_char or word_goes_on)
    return after_char and (word_goes_on or (start not in ends and text[start - 1] not in COUNTY_LINKS))


def merge_matches(matches: list[tuple[int, int]], extra: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Both lists of matches, leftmost-longest first, without overlaps."""
    if not extra:
        return matches
    merged, last_end = [], -1
    for start, end in sorted(matches + extra, key=lambda m: (m[0], -m[1])):
        if start >= last_end:
            merged.append((start, end))
            last_end = end
    return merged


def inside_two_words(text: str, start: int, end: int, word_freq: dict[str, int]) -> bool:
    """Whether a match at ``start:end`` is the end of one word and the start of the next: a two-character place
    (均衡水平 is not 衡水, 重大理论 not 大理, 创新乡村 not 新乡), or a three-character city, county or district whose
    last two characters are a word (顺应城市 is not 应城市). Both words must be common, and at least half as common
    in jieba's dictionary as the place itself (共同心声 is not 同心; 从中国人民 keeps 中国).
    ``word_freq``: from :func:`short_forms.two_character_words`, negative for names."""
    size = end - start
    if size not in (2, 3) or start == 0 or (size == 2 and end >= len(text)):
        return False
    if size == 3 and text[end - 1] not in "市县区":
        return False
    floor = max(abs(word_freq.get(text[start:end], 0)) // 2, 1)
    right = text[end - 1:end + 1] if size == 2 else text[start + 1:end]
    return abs(word_freq.get(text[start - 1:start + 1], 0)) >= floor and abs(word_freq.get(right, 0)) >= floor
