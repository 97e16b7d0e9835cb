"""What counts as a Chinese character (a Han ideograph), in one place."""

from __future__ import annotations

# CJK Unified Ideographs with Extension A, and the Compatibility Ideographs.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese numerals: a name does not start with one (二期, 七大江河).
CHINESE_NUMERALS = "〇一二三四五六七八九十两几百千万"


def is_han(ch: str) -> bool:
    """Whether ``ch`` (one character) is a Han ideograph."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
