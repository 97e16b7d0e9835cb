"""MetricNormalizer: turn a METRIC regex match into its reading (value, unit, kind, direction, qualifier, scope, subject)."""

from __future__ import annotations

import re
from decimal import Decimal

from govdoc_nlp.metrics.numerals import DIGITS, SCALES, parse_chinese_integer, parse_number, scale_value
from govdoc_nlp.metrics.patterns import MetricLexicon

_CLAUSE_BREAK = re.compile(r"[，。；！？：、（）\n“”,;:]")
_QUALIFIER_OF = {"over": "over", "about": "about", "at_least": "at_least", "under": "under",
                 "post_over": "over", "post_under": "under", "post_about": "about"}
_REJECT_AFTER = set("级年月日号届期代是大")
_YEARS = re.compile(r"^(?:连续|近)?[一二三四五六七八九十两\d]+年(?:来)?|(?:连续|近)?[一二三四五六七八九十两\d]+年(?:来)?$")
_LEADING_COUNT = re.compile(r"^\d+(?:\.\d+)?[^\d\s]")


def _float(value: Decimal) -> float:
    return float(value)


def normalize_quantity(match: re.Match[str], lex: MetricLexicon) -> dict | None:
    """Reading of a quantity match, or None when the match is not a METRIC (bare number, year, ordinal…)."""
    g = match.groupdict()
    value_max = None
    unit_surface, text, end = g["unit"], match.string, match.end()
    nxt = text[end] if end < len(text) else ""
    if g["pct"] is not None:  # 百分之三点九, 百分之八至九, 千分之十: a percentage or per mille written out
        try:
            value = parse_number(g["pct"])
            value_max = parse_number(g["pct_max"]) if g["pct_max"] else None
        except ValueError:
            return None
        unit_surface = "%" if g["per"] == "百分之" else "‰"
    elif g["zh"] is not None:
        zh = g["zh"]
        has_scale = any(ch in "百千万亿" for ch in zh) or g["mid_scale"] is not None
        if nxt in _REJECT_AFTER and not unit_surface:
            return None
        if unit_surface is None and not (has_scale and (g["pre"] or g["dir"])):
            return None
        if len(zh) > 1 and all(ch in DIGITS for ch in zh):
            return None  # 一二三次产业, 二〇二四: an enumeration or a year, not a quantity
        if zh in ("零", "〇") or (zh in ("百", "千", "万", "亿") and not g["pre"]):
            return None
        if zh == "一" and not (g["pre"] or g["dir"]):
            return None
        if unit_surface and lex.units[unit_surface][2] in ("measure", "physical") and nxt in "是大":
            return None
        try:
            value = Decimal(parse_chinese_integer(zh))
        except ValueError:
            return None
    else:
        if unit_surface is None and g["scale"] is None and g["mid_scale"] is None:
            return None  # a bare number; 1000多万 has its scale after 多
        if unit_surface is None and nxt in _REJECT_AFTER:
            return None
        value = scale_value(g["ar"], g["scale"] or "")
        if g["ar_max"]:
            value_max = scale_value(g["ar_max"], g["scale"] or "")
    if g["mid_scale"]:
        value = value * SCALES[g["mid_scale"]]  # 七百多万人: a scale after 多
        value_max = value_max * SCALES[g["mid_scale"]] if value_max is not None else None
    unit, factor, unit_class = lex.units[unit_surface] if unit_surface else (None, 1, "none")
    value *= factor
    value_max = value_max * factor if value_max is not None else None
    direction = None
    start = match.start()
    if unit_class == "rank_places" and nxt == "数":
        return None  # 两位数增长
    if g["dir"] and unit_class in ("measure", "physical"):
        # 提升100条薄弱村, 林分优化提升200万亩: a verb before a count or area names a task, not a change.
        start = match.start("pre") if g["pre"] else match.start("ar") if g["ar"] else match.start("zh")
    elif g["dir"]:
        direction = "up" if lex.kind_of(g["dir"]) == "up" else "down"
    qualifier = None
    for part in (g["pre"], g["post"], g["mid"]):
        if part:
            qualifier = _QUALIFIER_OF.get(lex.kind_of(part) or ("post_over" if part in "多余" else ""), qualifier)
    if direction or unit_class == "points":
        kind = "change"
    elif unit_class == "percent":
        kind = "share"
    elif unit_class in ("currency", "none"):
        kind = "amount"
    elif unit_class == "ratio_word":
        kind = "ratio"
    else:
        kind = "count"
    reading = {"value": _float(value), "unit": unit, "kind": kind, "direction": direction,
               "qualifier": qualifier, "scope": None, "subject": None, "_start": start}
    if value_max is not None:
        reading["value_max"] = _float(value_max)  # a range such as 2—3家: value is its lower bound
    return reading


def normalize_rank(match: re.Match[str]) -> dict:
    """Reading of a rank match (全省第7, 第46位)."""
    number = match.group("n1") or match.group("n2")
    return {"value": _float(parse_number(number)), "unit": "rank", "kind": "rank", "direction": None,
            "qualifier": None, "scope": match.group("scope"), "subject": None}


def normalize_ratio(match: re.Match[str]) -> dict:
    """Reading of a ratio match (1.81:1 → 1.81 when the second term is 1, else a/b)."""
    a, b = Decimal(match.group("a")), Decimal(match.group("b"))
    value = a if b == 1 else (a / b if b else a)
    return {"value": round(_float(value), 6), "unit": "ratio", "kind": "ratio", "direction": None,
            "qualifier": None, "scope": None, "subject": None}


def _strip_words(clause: str, words: tuple[str, ...], at_start: bool) -> str:
    """``clause`` without any of ``words`` at its start (or end), repeatedly, longest first."""
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed and clause:
        changed = False
        for word in ordered:
            if clause == word:
                return ""
            if (clause.startswith(word) if at_start else clause.endswith(word)) and len(clause) > len(word):
                clause = clause[len(word):] if at_start else clause[: -len(word)]
                changed = True
    return clause


def strip_years(text: str) -> str:
    """``text`` without a span of years at its start or end (四年增长66.7%: 四年 says over how long, not what)."""
    return _YEARS.sub("", text)


def find_subject(text: str, start: int, lex: MetricLexicon) -> str | None:
    """The quantity measured: the clause text before the metric, without trailing verbs (达/突破), leading verbs
    and scope words (完成, 新增, 全市) and what an 等 list names before its head (家电等大宗消费 → 大宗消费)."""
    window = text[max(0, start - 40):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = strip_years(window[breaks[-1].end():] if breaks else window)
    if clause.endswith(("和", "及", "与")):
        return None  # 建成8个零工市场和80个就业驿站: the second count's quantity follows it
    clause = _strip_words(clause, lex.words.get("subject_trim", ()), at_start=False).strip()
    if clause.startswith("其中"):
        clause = clause[2:]
    clause = _strip_words(clause, lex.words.get("subject_lead", ()), at_start=True)
    if clause in lex.words.get("subject_lead", ()):
        return None  # 新增623家外资企业: the clause before is only a verb; the quantity follows the number
    if "等" in clause[:-1]:
        clause = clause[clause.rindex("等") + 1:]
    clause = _LEADING_COUNT.sub("", clause)  # 73个镇街中72个: the earlier count is not part of the subject
    return clause.strip() or None


def find_following_subject(text: str, end: int, lex: MetricLexicon) -> str | None:
    """The counted thing written after a count (623家外资企业上榜 → 外资企业), up to a break or a verb."""
    window = text[end:end + 16]
    cut = _CLAUSE_BREAK.search(window)
    window = window[:cut.start()] if cut else window
    stops = [window.find(w) for w in lex.words.get("subject_stop", ()) if window.find(w) > 0]
    window = window[:min(stops)] if stops else window
    return window.strip() or None
