"""The editable source of our labelled sets: one sentence a line, entities marked inline.

Line format: ``LABEL<TAB>DOC<TAB>text with ⟦span|M|value|unit⟧, ⟦span|P⟧ and ⟦span|S⟧ marks``, where LABEL is
achievement/target/problem/other. ``build.py`` turns these files into the JSONL format of
docs/annotation-guidelines.md §3 (with each METRIC's gold value and unit in the span's ``metric`` field).
"""

from __future__ import annotations

import re

MARK = re.compile(r"⟦([^|⟦⟧]+)\|([MPS])(?:\|([^|⟦⟧]*)\|([^|⟦⟧]*))?⟧")
LABELS = {"M": "METRIC", "P": "PLACE", "S": "SLOGAN"}
CODES = {v: k for k, v in LABELS.items()}


def parse_line(line: str) -> tuple[str, str, str, list[dict]]:
    """(label, doc, plain text, spans) of one inline line."""
    label, doc, marked = line.rstrip("\n").split("\t")
    spans, parts, pos, out_len = [], [], 0, 0
    for m in MARK.finditer(marked):
        plain = marked[pos:m.start()]
        parts.append(plain)
        out_len += len(plain)
        text = m.group(1)
        span = {"start": out_len, "end": out_len + len(text), "label": LABELS[m.group(2)]}
        if m.group(2) == "M":
            value, unit = m.group(3), m.group(4)
            if value is None:
                raise ValueError(f"METRIC without value|unit: {m.group()}")
            span["metric"] = {"value": float(value) if value not in ("", "null") else None,
                              "unit": unit if unit not in ("", "null") else None}
        spans.append(span)
        parts.append(text)
        out_len += len(text)
        pos = m.end()
    parts.append(marked[pos:])
    text = "".join(parts)
    if "⟦" in text or "⟧" in text:
        raise ValueError(f"unbalanced mark in: {marked}")
    return label, doc, text, spans


def render_line(label: str, doc: str, text: str, spans: list[dict]) -> str:
    """Inverse of :func:`parse_line`."""
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        out.append(text[pos:span["start"]])
        code = CODES[span["label"]]
        piece = text[span["start"]:span["end"]]
        if code == "M":
            metric = span.get("metric") or {}
            value = metric.get("value")
            value_text = "null" if value is None else (repr(int(value)) if float(value).is_integer() else repr(value))
            out.append(f"⟦{piece}|M|{value_text}|{metric.get('unit') or 'null'}⟧")
        else:
            out.append(f"⟦{piece}|{code}⟧")
        pos = span["end"]
    out.append(text[pos:])
    return f"{label}\t{doc}\t{''.join(out)}"
