"""``report.html``: the ledger in the browser — targets against outcomes over the years, the hierarchy of one
year's targets, and every number linked to its source sentence. Self-contained: plotly.js is inlined."""

from __future__ import annotations

import html
import math
from pathlib import Path

import pandas as pd

from govdoc_nlp.io.writers import atomic_path
from govdoc_nlp.target_ledger.catalogue import in_unit, indicator_catalogue
from govdoc_nlp.views.markup import ENTITY_STYLE, marked_text

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;max-width:72em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:right}
td.t,th.t{text-align:left}.met{color:#1a7f37}.missed{color:#c62828}.no_target,.no_outcome{color:#777}
.source{border-left:3px solid #ccc;padding:.3em .8em;margin:.8em 0}.source .doc{color:#666;font-size:.85em}
.source:target{border-left-color:#1565c0;background:#f3f8ff}
""" + ENTITY_STYLE
CHART_HEIGHT = 320


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return ""
    value = float(value)
    if abs(value) >= 1e8:
        return f"{value / 1e8:g}亿"
    if abs(value) >= 1e4:
        return f"{value / 1e4:g}万"
    return f"{value:g}"


def _target(row) -> str:
    if row.qualifier == "none":
        return "none set"
    if pd.isna(row.target_low):
        return ""
    low, high = _fmt(row.target_low), _fmt(row.target_high)
    text = f"{low}–{high}" if row.qualifier == "range" else low
    return {"about": f"≈{text}", "at_least": f"≥{text}", "at_most": f"≤{text}"}.get(row.qualifier, text)


class SourceIndex:
    """Numbers sources #src-1, #src-2 … in the order they are linked."""

    def __init__(self, sources: dict) -> None:
        self.sources = sources
        self.ids: dict[tuple, int] = {}

    def link(self, text: str, doc, raw_start, raw_end) -> str:
        """``text`` as a link to its source, or plain when the source is not known."""
        if pd.isna(raw_start) or doc is None or (isinstance(doc, float) and math.isnan(doc)):
            return html.escape(text)
        key = (doc, int(raw_start), int(raw_end))
        if key not in self.sources:
            return html.escape(text)
        number = self.ids.setdefault(key, len(self.ids) + 1)
        return f'<a href="#src-{number}">{html.escape(text)}</a>'

    @staticmethod
    def _marked(source: dict) -> str:
        return marked_text(source["text"], source["marks"], tuple(source["figure"]))

    def render(self) -> str:
        """Every linked source: its sentence in context, entities marked, the figure outlined."""
        parts = []
        for key, number in sorted(self.ids.items(), key=lambda kv: kv[1]):
            parts.append(f'<div class="source" id="src-{number}"><div class="doc">[{number}] '
                         f'{html.escape(str(key[0]))}</div><p>{self._marked(self.sources[key])}</p></div>')
        return "\n".join(parts)


def _in_one_unit(rows: pd.DataFrame, unit: str) -> pd.DataFrame:
    """``rows`` with bounds and outcomes in ``unit`` (each row is in its target's unit: grain in 吨 or 斤)."""
    rows = rows.copy()
    for column in ("target_low", "target_high", "outcome_value"):
        rows[column] = [None if pd.isna(v) else in_unit(float(v), u, unit) for v, u in zip(rows[column], rows.unit)]
    return rows


def _series_chart(rows: pd.DataFrame, title: str, unit: str, div_id: str) -> str:
    import plotly.graph_objects as go

    rows = rows.sort_values("year")
    fig = go.Figure()
    # The target at its lower bound, with a bar up to the upper bound: a band for ranges (6.5%－7%).
    fig.add_trace(go.Scatter(x=rows.year, y=rows.target_low, mode="lines+markers", name="target",
                             line={"color": "#1565c0", "dash": "dash"},
                             error_y={"type": "data", "symmetric": False, "arrayminus": [0] * len(rows),
                                      "array": (rows.target_high - rows.target_low).fillna(0).tolist(),
                                      "thickness": 6, "width": 0, "color": "rgba(21,101,192,0.35)"},
                             text=[_target(r) for r in rows.itertuples()], hovertemplate="%{x}: target %{text}"))
    fig.add_trace(go.Scatter(x=rows.year, y=rows.outcome_value, mode="lines+markers", line={"color": "#e65100"},
                             name="outcome", hovertemplate="%{x}: outcome %{y}"))
    fig.update_layout(title=title, height=CHART_HEIGHT, margin={"l": 50, "r": 20, "t": 40, "b": 30},
                      yaxis_title=unit, xaxis={"dtick": 1 if rows.year.nunique() < 12 else 2})
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id)


def _rows_table(rows: pd.DataFrame, index: SourceIndex) -> str:
    head = "<tr><th>year</th><th>target</th><th>outcome</th><th>gap</th><th class=t>status</th></tr>"
    body = []
    for r in rows.sort_values("year").itertuples():
        target = index.link(_target(r), r.target_doc, r.target_raw_start, r.target_raw_end)
        outcome = index.link(_fmt(r.outcome_value), r.outcome_doc, r.outcome_raw_start, r.outcome_raw_end)
        body.append(f"<tr><td>{r.year}</td><td>{target}</td><td>{outcome}</td><td>{_fmt(r.gap)}</td>"
                    f'<td class="t {r.status}">{r.status}</td></tr>')
    return f"<table>{head}{''.join(body)}</table>"


def _plans_table(plans: pd.DataFrame, index: SourceIndex) -> str:
    """Five-year plans' annual-average targets against the averages the report after each plan gives."""
    head = ("<tr><th class=t>place</th><th>period</th><th class=t>indicator</th><th>target</th><th>outcome</th>"
            "<th>gap</th><th class=t>status</th></tr>")
    body = []
    for r in plans.sort_values(["place", "period", "indicator"]).itertuples():
        target = index.link(_target(r), r.target_doc, r.target_raw_start, r.target_raw_end)
        outcome = index.link(_fmt(r.outcome_value), r.outcome_doc, r.outcome_raw_start, r.outcome_raw_end)
        body.append(f"<tr><td class=t>{html.escape(r.place)}</td><td>{r.period}</td><td class=t>"
                    f"{html.escape(r.indicator)}</td><td>{target}</td><td>{outcome}</td><td>{_fmt(r.gap)}</td>"
                    f'<td class="t {r.status}">{r.status}</td></tr>')
    return f'<table id="plans">{head}{"".join(body)}</table>'


def hierarchy_year(ledger: pd.DataFrame) -> int | None:
    """The latest year whose GDP growth targets come from more than one level (national, province, city…)."""
    gdp = ledger[(ledger.indicator == "gdp_growth") & ledger.target_low.notna()]
    levels = gdp.groupby("year")["level"].nunique()
    years = levels[levels > 1].index
    return int(max(years)) if len(years) else (int(gdp.year.max()) if len(gdp) else None)


def _hierarchy(ledger: pd.DataFrame, year: int, index: SourceIndex) -> str:
    import plotly.graph_objects as go

    rows = ledger[(ledger.indicator == "gdp_growth") & (ledger.year == year) & ledger.target_low.notna()]
    order = {"national": 0, "province": 1, "city": 2, "county": 3}
    rows = rows.assign(rank=rows.level.map(order).fillna(4)).sort_values(["rank", "target_high"], ascending=[True, False])
    colours = {"national": "#c62828", "province": "#1565c0", "city": "#2e7d32", "county": "#6a1b9a"}
    fig = go.Figure(go.Bar(
        x=rows.place, y=rows.target_high, marker_color=[colours.get(level, "#777") for level in rows.level],
        error_y={"type": "data", "symmetric": False, "array": [0] * len(rows),
                 "arrayminus": (rows.target_high - rows.target_low).tolist()},
        text=[_target(r) for r in rows.itertuples()], hovertemplate="%{x}: %{text}%"))
    national = rows[rows.level == "national"]
    if len(national):
        fig.add_hline(y=float(national.iloc[0].target_low), line_dash="dot", line_color="#c62828",
                      annotation_text="national")
    fig.update_layout(title=f"GDP growth targets for {year}, by level", height=420, yaxis_title="%",
                      margin={"l": 50, "r": 20, "t": 40, "b": 120})
    table = "".join(f"<tr><td class=t>{html.escape(r.place)}</td><td class=t>{html.escape(str(r.level))}</td>"
                    f"<td>{index.link(_target(r), r.target_doc, r.target_raw_start, r.target_raw_end)}</td></tr>"
                    for r in rows.itertuples())
    return (fig.to_html(full_html=False, include_plotlyjs=False, div_id="hierarchy") +
            f"<table><tr><th class=t>place</th><th class=t>level</th><th>target</th></tr>{table}</table>")


def report_html(ledger: pd.DataFrame, statements: pd.DataFrame, sources: dict, year: int | None = None,
                plans: pd.DataFrame | None = None) -> str:
    """The whole page (with the five-year plans' rows, given ``plans``)."""
    from plotly.offline import get_plotlyjs

    index = SourceIndex(sources)
    catalogue = indicator_catalogue().indicators
    sections = []
    year = year if year is not None else hierarchy_year(ledger)
    if year is not None:
        sections.append(f"<h2>Hierarchy {year}</h2>" + _hierarchy(ledger, year, index))
    charts = 0
    for indicator_id in [i for i in catalogue if i in set(ledger.indicator)]:
        for place, rows in ledger[ledger.indicator == indicator_id].groupby("place", sort=True):
            if rows.target_low.notna().sum() == 0 or rows.year.nunique() < 2:
                continue
            charts += 1
            unit = catalogue[indicator_id].unit
            sections.append(f"<h3>{html.escape(indicator_id)} — {html.escape(place)}</h3>"
                            + _series_chart(_in_one_unit(rows, unit), f"{indicator_id}, {place}", unit,
                                            f"chart-{charts}")
                            + _rows_table(rows, index))
    if plans is not None and len(plans):
        sections.append("<h2>Five-year plans</h2><p>Annual averages (年均增长) a plan sets, against those the report in "
                        "the next plan's first year gives.</p>" + _plans_table(plans, index))
    counts = ledger.status.value_counts().to_dict()
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("met", "missed", "no_target", "no_outcome"))
    verdicts = "".join(f"<tr><td class=t>{html.escape(r.place)}</td><td>{r.year}</td><td class=t>{r.verdict}</td>"
                       f"<td class=t>{r.scope}</td><td class=t>{html.escape(r.text)}</td></tr>"
                       for r in statements.itertuples())
    body = (f"<h1>Target ledger</h1><p>{len(ledger)} rows ({summary}); {ledger.place.nunique()} places, "
            f"{int(ledger.year.min()) if len(ledger) else ''}–{int(ledger.year.max()) if len(ledger) else ''}. "
            "A report of year t sets targets for t; the outcome is the figure the report of t+1 gives. "
            "Click a number to see its sentence.</p>" + "\n".join(sections) +
            "<h2>The reports' own verdicts</h2><table><tr><th class=t>place</th><th>year</th><th class=t>verdict"
            f"</th><th class=t>scope</th><th class=t>sentence</th></tr>{verdicts}</table>"
            "<h2>Sources</h2>" + index.render())
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>Target ledger</title>'
            f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>{body}</body></html>")


def write_report(ledger: pd.DataFrame, statements: pd.DataFrame, sources: dict, path: Path,
                 year: int | None = None, plans: pd.DataFrame | None = None) -> Path:
    """Write ``report.html`` atomically."""
    with atomic_path(Path(path)) as tmp:
        tmp.write_text(report_html(ledger, statements, sources, year, plans), encoding="utf-8")
    return Path(path)
