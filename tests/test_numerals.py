"""The number normaliser: Chinese numerals, Arabic numerals and scale words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdoc_nlp.metrics.numerals import parse_chinese_integer, parse_number, scale_value

DIGITS = "零一二三四五六七八九"


def render_section(n: int) -> str:
    """0 < n < 10000 in standard Chinese (an independent renderer for the property test)."""
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += DIGITS[d] + unit
            zero = False
        else:
            zero = True
    return out


def render(n: int) -> str:
    """0 <= n < 10**12 in standard Chinese."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    parts = []
    if yi:
        parts.append(render_section(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(render_section(wan) + "万")
    if low:
        if (yi or wan) and low < 1000:
            parts.append("零")
        parts.append(render_section(low))
    return "".join(parts)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_parse_back_to_the_number(n: int) -> None:
    assert parse_chinese_integer(render(n)) == n


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["", "百", "千", "万", "亿", "万亿"]))
def test_arabic_number_times_scale_is_exact(number: Decimal, scale: str) -> None:
    factor = {"": 1, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}[scale]
    assert scale_value(str(number), scale) == number * factor


@pytest.mark.parametrize("text,value", [
    ("十四", 14), ("两", 2), ("千亿", 10**11), ("三千五百万", 35_000_000), ("一百零五", 105),
    ("十万", 100_000), ("4,210.18", Decimal("4210.18")),
])
def test_spoken_forms(text: str, value) -> None:
    assert parse_number(text) == value


def test_not_a_numeral_is_an_error() -> None:
    with pytest.raises(ValueError):
        parse_chinese_integer("增长")
    with pytest.raises(ValueError):
        scale_value("3", "打")
