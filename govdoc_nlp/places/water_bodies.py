"""Rivers and lakes the gazetteer does not know (伊敏河, 亮马河, 雁栖湖): a name of two characters before 河, 江 or
湖, set apart by punctuation, told from a phrase (以江泽民, 沿长江, 七大江河) and from a word (运河, 江河)."""

from __future__ import annotations

import re

from govdoc_nlp.han import CHINESE_NUMERALS, HAN_RANGES
from govdoc_nlp.places.match_boundaries import Match
from govdoc_nlp.places.unknown_names import FoundPlaces


def water_body_pattern(suffixes: str, not_before: str) -> re.Pattern[str]:
    """Two characters after anything but a character, then one of ``suffixes`` (one character each) not
    followed by ``not_before`` (河道, 河长: a word, not a name's end)."""
    lookahead = f"(?![{re.escape(not_before)}])" if not_before else ""
    return re.compile(f"(?<![{HAN_RANGES}])([{HAN_RANGES}]{{2}})[{re.escape(suffixes)}]{lookahead}")


def _counts(name: str, numeral_followers: str) -> bool:
    """Whether a two-character name is a count (七大江河, 三条河): a numeral and then a numeral or one of
    ``numeral_followers``, not a name that starts with a numeral (九洲江, 三岔河)."""
    return name[0] in CHINESE_NUMERALS and name[1] in CHINESE_NUMERALS + numeral_followers


def unknown_water_bodies(text: str, pattern: re.Pattern[str], stop_chars: str, word_freq: dict[str, int],
                         found: FoundPlaces, numeral_followers: str) -> list[Match]:
    """Spans of the water bodies ``pattern`` finds that overlap no place ``found``, whose name and its last
    character with the suffix are not common words (``word_freq``: jieba's two-character words, negative for
    names), whose suffix makes no word of any kind with the next character (湖泊), whose name is no count
    (:func:`_counts`) and holds no ``stop_chars`` character (以, 沿, 等: a phrase before 江 or 河), and that is not
    alone in quotes (首都的“护城河”: a figure of speech)."""
    spans = []
    for m in pattern.finditer(text):
        start, end = m.span()
        name = m.group(1)
        if found.overlaps(start, end) or _counts(name, numeral_followers) or any(c in stop_chars for c in name):
            continue
        if word_freq.get(name, 0) > 0 or word_freq.get(text[start + 1:end], 0) > 0 or text[end - 1:end + 1] in word_freq:
            continue  # 母亲河; 大江 in 各大江河; 湖泊 (a name to jieba) in 江河湖泊
        if text[start - 1:start] == "“" and text[end:end + 1] == "”":
            continue
        spans.append((start, end))
    return spans
