"""MetricNormalizer: turn a METRIC regex match into its reading (value, unit, kind, direction, qualifier, scope, subject)."""

from __future__ import annotations

import re
from decimal import Decimal

from govdoc_nlp.metrics.numerals import DIGITS, parse_chinese_integer, parse_number, scale_value
from govdoc_nlp.metrics.patterns import metric_lexicon

_CLAUSE_BREAK = re.compile(r"[，。；！？：、（）\n“”,;:]")
_QUALIFIER_OF = {"over": "over", "about": "about", "at_least": "at_least", "under": "under",
                 "post_over": "over", "post_under": "under", "post_about": "about"}
_REJECT_AFTER = set("级年月日号届期代是大")


def _float(value: Decimal) -> float:
    return float(value)


def normalize_quantity(match: re.Match[str]) -> dict | None:
    """Reading of a quantity match, or None when the match is not a METRIC (bare number, year, ordinal…)."""
    lex = metric_lexicon()
    g = match.groupdict()
    value_max = None
    unit_surface, text, end = g["unit"], match.string, match.end()
    nxt = text[end] if end < len(text) else ""
    if g["pct"] is not None:  # 百分之三点九: a percentage written out
        try:
            value = parse_number(g["pct"])
        except ValueError:
            return None
        unit_surface = "%"
    elif g["zh"] is not None:
        zh = g["zh"]
        has_scale = any(ch in "百千万亿" for ch in zh)
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
        if unit_surface is None and g["scale"] is None:
            return None
        if unit_surface is None and nxt in _REJECT_AFTER:
            return None
        value = scale_value(g["ar"], g["scale"] or "")
        if g["ar_max"]:
            value_max = scale_value(g["ar_max"], g["scale"] or "")
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


def find_subject(text: str, start: int) -> str | None:
    """The quantity measured: the clause text before the metric, minus trailing verbs like 达/突破."""
    lex = metric_lexicon()
    window = text[max(0, start - 40):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end():] if breaks else window
    trims = sorted(lex.words.get("subject_trim", ()), key=len, reverse=True)
    changed = True
    while changed and clause:
        changed = False
        for word in trims:
            if clause.endswith(word):
                clause, changed = clause[: -len(word)], True
    clause = clause.strip()
    if clause.startswith("其中"):
        clause = clause[2:]
    return clause or None


def share_subject(subject: str | None) -> bool:
    """Whether ``subject`` names a share (率, 占比, 比重)."""
    return bool(subject) and any(word in subject for word in metric_lexicon().words.get("share", ()))
