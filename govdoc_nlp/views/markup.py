"""Marked text as HTML: entities in <mark> with their readings as titles, one span outlined."""

from __future__ import annotations

import html

ENTITY_STYLE = ("mark{padding:0 .1em;border-radius:3px}mark.METRIC{background:#ffe0a3}mark.PLACE{background:#c8e6c9}"
                "mark.SLOGAN{background:#e1bee7}strong.figure{outline:2px solid #1565c0}")


def reading_title(ent: dict) -> str:
    """An entity's reading as one line (value=5.0, unit=%, …) for a hover title."""
    reading = ent.get("metric") or ent.get("place") or ent.get("slogan") or {}
    if not isinstance(reading, dict):
        return str(reading)
    return ", ".join(f"{k}={v}" for k, v in reading.items() if v not in (None, "", [], {}))


def marked_text(text: str, marks: list, figure: tuple[int, int] | None = None) -> str:
    """``text`` as HTML with ``marks`` ([start, end, label, title], offsets into ``text``, not overlapping) in
    <mark class=LABEL title=…> and ``figure`` in <strong class=figure>; line breaks as <br>."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for start, end, label, title in marks:
        opens.setdefault(start, []).append(f'<mark class="{html.escape(label)}" title="{html.escape(title)}">')
        closes.setdefault(end, []).insert(0, "</mark>")
    if figure is not None:
        opens.setdefault(figure[0], []).insert(0, '<strong class="figure">')
        closes.setdefault(figure[1], []).append("</strong>")
    out = []
    for i, ch in enumerate(text):
        out.extend(closes.get(i, []))
        out.extend(opens.get(i, []))
        out.append("<br>" if ch == "\n" else html.escape(ch))
    out.extend(closes.get(len(text), []))
    return "".join(out)
