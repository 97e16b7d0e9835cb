"""MetricNormalizer: turn a METRIC regex match into its reading (value, unit, kind, direction, qualifier, scope, subject)."""

from __future__ import annotations

import re
from decimal import Decimal

from govdoc_nlp.metrics.numerals import parse_chinese_integer, parse_number, scale_value
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
    unit_surface, text, end = g["unit"], match.string, match.end()
    nxt = text[end] if end < len(text) else ""
    if g["zh"] is not None:
        zh = g["zh"]
        has_scale = any(ch in "百千万亿" for ch in zh)
        if nxt in _REJECT_AFTER and not unit_surface:
            return None
        if unit_surface is None and not (has_scale and (g["pre"] or g["dir"])):
            return None
        if zh in ("零", "〇") or (zh in ("百", "千", "万", "亿") and not (g["pre"] or g["dir"])):
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
    unit, factor, unit_class = lex.units[unit_surface] if unit_surface else (None, 1, "none")
    value *= factor
    direction = None
    start = match.start()
    if g["dir"] and unit_class == "measure":
        # 提升100条薄弱村: a verb before a count is not a change of a figure; the span starts after it.
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
    return {"value": _float(value), "unit": unit, "kind": kind, "direction": direction,
            "qualifier": qualifier, "scope": None, "subject": None, "_start": start}


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
