"""One sense per discourse: a place name left ambiguous takes the candidate the rest of its document points to."""

from __future__ import annotations

from govdoc_nlp.alignment import CharSpan


def settle_by_document(spans: list[CharSpan]) -> list[CharSpan]:
    """``spans`` (PLACE readings of one text), each ambiguous reading (``candidates``, no code) resolved where
    exactly one candidate lies in a city, else a province, that the text's unambiguous places name or lie in
    (朝阳区 beside 北京 or 东城区 → Beijing's). The others keep their candidates."""
    codes = [s.value["adcode"] for s in spans if s.value.get("adcode")]
    cities = {code[:4] for code in codes if not code.endswith("0000")}
    provinces = {code[:2] for code in codes}
    for span in spans:
        candidates = span.value.get("candidates")
        if not candidates:
            continue
        for prefix, named in ((4, cities), (2, provinces)):
            inside = [c for c in candidates if c["adcode"] and c["adcode"][:prefix] in named]
            if len(inside) == 1:
                span.value = dict(inside[0])
                break
    return spans
