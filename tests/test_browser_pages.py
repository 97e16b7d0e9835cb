"""report.html and view.html in a real browser: headless Chromium loads each page, runs its scripts, and we read
what it rendered (the DOM after scripts) and what it logged to the console."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHARED

from govdoc_nlp.annotate import annotate_documents
from govdoc_nlp.io.readers import read_text_file
from govdoc_nlp.target_ledger.build import write_ledger
from govdoc_nlp.views.document import write_view

NATIONAL = SHARED / "corpora" / "national"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CONSOLE = re.compile(r":CONSOLE[:(]")

if CHROMIUM is None:
    if os.environ.get("GOVDOC_BROWSER_TESTS") == "required":
        raise RuntimeError("GOVDOC_BROWSER_TESTS=required but no chromium on PATH (apt-get install chromium)")
    pytest.skip("headless Chromium is not installed (apt-get install chromium)", allow_module_level=True)


def render(page: Path) -> tuple[str, list[str]]:
    """The DOM of ``page`` after its scripts ran, and the console messages it logged."""
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=10000", "--dump-dom", page.resolve().as_uri()],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [line for line in done.stderr.splitlines() if CONSOLE.search(line)]


@pytest.fixture(scope="module")
def report_page(tmp_path_factory, ledger_2015_2017) -> Path:
    (ledger, statements, plans), sources = ledger_2015_2017
    out = tmp_path_factory.mktemp("ledger")
    write_ledger(ledger, statements, out, sources, plans=plans)
    return out / "report.html"


def test_report_draws_its_charts_without_console_errors(report_page: Path) -> None:
    html = report_page.read_text(encoding="utf-8")
    assert "<script src=" not in html and "https://" not in html.split("<script>")[0]  # nothing fetched
    dom, console = render(report_page)
    assert console == []
    # plotly replaced each chart's empty div by SVG: the hierarchy's bars and each series' target/outcome lines
    hierarchy = dom[dom.index('id="hierarchy"'):]
    assert re.search(r'class="trace bars', hierarchy)
    charts = re.findall(r'id="chart-\d+"', dom)
    assert len(charts) >= 5  # gdp_growth, cpi_growth, urban_new_jobs, … for 中国
    assert dom.count('class="main-svg"') >= 2 * len(charts)
    assert len(re.findall(r'class="trace scatter', dom)) >= 2 * len(charts)


def test_report_numbers_link_to_their_sentences(report_page: Path) -> None:
    dom, _ = render(report_page)
    links = set(re.findall(r'href="#src-(\d+)"', dom))
    anchors = set(re.findall(r'id="src-(\d+)"', dom))
    assert links and links == anchors
    # the 2016 GDP target 6.5%－7% is outlined in its sentence, with the METRIC marked and its reading on hover
    assert re.search(r'<strong class="figure"><mark class="METRIC" title="value=6.5[^"]*value_max=7.0', dom)


def test_report_lists_five_year_rows_with_their_sources(report_page: Path) -> None:
    dom, _ = render(report_page)
    plans = dom[dom.index('id="plans"'):]
    plans = plans[:plans.index("</table>")]
    # the 2016 report: “十三五”时期经济年均增长保持在6.5%以上; its review: “十二五”…年均增长7.8%
    assert re.search(r"<td>2016-2020</td><td class=\"t\">gdp_growth</td><td><a href=\"#src-\d+\">≥6.5</a>", plans)
    assert re.search(r"<td>2011-2015</td><td class=\"t\">gdp_growth</td><td></td><td><a href=\"#src-\d+\">7.8</a>",
                     plans)


def test_view_marks_entities_and_tints_sentences(tmp_path, nlp) -> None:
    records = list(annotate_documents(nlp, [read_text_file(NATIONAL / "national_中国_2024_政府工作报告.txt")]))
    page = write_view(records, tmp_path / "view.html")
    dom, console = render(page)
    assert console == []
    assert re.search(r'<mark class="METRIC" title="value=5\.0, unit=%', dom)
    assert re.search(r'<mark class="PLACE" title="name=', dom)
    tinted = re.findall(r'<span class="sent (achievement|target|problem|other)" title="', dom)
    assert {"achievement", "target"} <= set(tinted) and len(tinted) > 200
