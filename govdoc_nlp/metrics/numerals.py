"""Parse Arabic and Chinese numerals (with 万/亿/千/百 scales) into exact values."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
SECTION_UNITS = {"万": 10**4, "亿": 10**8}
SCALES = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10**4), "亿": Decimal(10**8),
          "十万": Decimal(10**5), "百万": Decimal(10**6), "千万": Decimal(10**7),
          "万亿": Decimal(10**12), "百亿": Decimal(10**10), "千亿": Decimal(10**11)}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(SECTION_UNITS)


def parse_chinese_integer(text: str) -> int:
    """Value of a Chinese numeral such as 三千五百万, 十四, 两, 千亿; raises ValueError if not one."""
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(DIGITS[ch]) for ch in text))  # digit-by-digit, e.g. 二〇二四
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:  # 万 or 亿 closes a section
            section += digit or 0
            if section == 0:
                section = 1
            if ch == "亿":
                total = (total + section) * 10**8
            else:
                total += section * 10**4
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> Decimal:
    """Exact value of an Arabic (``4,210.18``) or Chinese (``三千``, ``十七点八``) numeral; raises ValueError otherwise."""
    cleaned = text.replace(",", "").replace("，", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        pass
    whole, point, decimals = text.partition("点")
    if point:
        if not decimals or any(ch not in DIGITS for ch in decimals):
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return Decimal(parse_chinese_integer(whole) if whole else 0) + Decimal(
            "0." + "".join(str(DIGITS[ch]) for ch in decimals))
    return Decimal(parse_chinese_integer(text))


def scale_value(number: str, scale: str = "") -> Decimal:
    """``number`` times the scale word after it (``5.3`` + ``万`` → 53000)."""
    value = parse_number(number)
    if scale:
        if scale not in SCALES:
            raise ValueError(f"unknown scale word: {scale!r}")
        value *= SCALES[scale]
    return value
