"""``govdoc view``: annotated records as one self-contained HTML page — entities coloured by label with their
readings on hover, sentences tinted by class with their scores on hover."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable

from govdoc_nlp.io.writers import atomic_path
from govdoc_nlp.views.markup import ENTITY_STYLE, marked_text, reading_title

CLASS_COLOURS = {"achievement": "#e8f5e9", "target": "#e3f2fd", "problem": "#ffebee", "other": "#ffffff"}
STYLE = ("body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;margin:2em;"
         "max-width:60em;line-height:1.9;color:#222}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}"
         ".legend span{margin-right:1em;padding:.1em .4em}.sent{border-radius:3px}"
         + "".join(f".sent.{label}{{background:{colour}}}" for label, colour in CLASS_COLOURS.items())
         + ENTITY_STYLE)


def _sentence_html(record: dict, sent: dict) -> str:
    marks = []
    for ent in record.get("ents", ()):
        start, end = max(ent["start"], sent["start"]), min(ent["end"], sent["end"])
        if start < end:
            marks.append([start - sent["start"], end - sent["start"], ent["label"], reading_title(ent)])
    label = sent.get("label")
    title = " · ".join(filter(None, [
        label and f"{label} " + ", ".join(f"{k} {v:.2f}" for k, v in (sent.get("scores") or {}).items()),
        sent.get("section") and f"section: {sent['section']}", sent.get("heading") and f"heading: {sent['heading']}"]))
    return (f'<span class="sent {html.escape(label or "")}" title="{html.escape(title)}">'
            f'{marked_text(record["text"][sent["start"]:sent["end"]], marks)}</span>')


def record_html(record: dict) -> str:
    """One record's text with its sentences and entities marked (text between sentences kept as it is)."""
    text, parts, position = record["text"], [], 0
    for sent in record.get("sents", ()):
        parts.append(marked_text(text[position:sent["start"]], []))
        parts.append(_sentence_html(record, sent))
        position = sent["end"]
    parts.append(marked_text(text[position:], []))
    meta = record.get("meta") or {}
    heading = " ".join(str(v) for v in (record.get("source") or record.get("id"), meta.get("place"),
                                        meta.get("year")) if v)
    return f"<section><h2>{html.escape(heading)}</h2><p>{''.join(parts)}</p></section>"


def view_html(records: Iterable[dict]) -> str:
    """The whole page for ``records``."""
    legend = "".join(f'<span class="sent {label}">{label}</span>' for label in CLASS_COLOURS) + "".join(
        f'<mark class="{label}">{label}</mark> ' for label in ("METRIC", "PLACE", "SLOGAN"))
    body = "\n".join(record_html(r) for r in records)
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>govdoc view</title>'
            f"<style>{STYLE}</style></head><body><h1>govdoc-nlp annotations</h1>"
            f'<p class="legend">{legend} — hover for readings and scores.</p>{body}</body></html>')


def write_view(records: Iterable[dict], path: Path) -> Path:
    """Write the page atomically."""
    with atomic_path(Path(path)) as tmp:
        tmp.write_text(view_html(records), encoding="utf-8")
    return Path(path)
