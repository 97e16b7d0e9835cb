"""Shared fixtures: the real corpora beside the project, and pipelines built by `govdoc setup`.

Two layers: a test that needs the pipelines `govdoc setup` builds (through a fixture below, or marked
``integration`` by hand) is an integration test; every other test runs offline, without setup
(`python -m pytest -m "not integration"`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govdoc_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
JIANGMEN = SHARED / "corpora" / "seed" / "jiangmen-2025-city-work-report.txt"
PROVINCIAL = SHARED / "corpora" / "provincial-2026"


PIPELINE_FIXTURES = {"nlp", "nlp_jieba", "ledger_2015_2017"}


def pytest_collection_modifyitems(items: list) -> None:
    """Mark every test that uses a saved pipeline as ``integration``."""
    for item in items:
        if PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)


def read(path: Path) -> str:
    """A corpus file as text."""
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def jiangmen_raw() -> str:
    """The founding document, as delivered."""
    return read(JIANGMEN)


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline (pkuseg), as saved by `govdoc setup`."""
    return govdoc_nlp.load()


@pytest.fixture(scope="session")
def nlp_jieba():
    """The jieba pipeline, as saved by `govdoc setup`."""
    return govdoc_nlp.load("jieba")


@pytest.fixture(scope="session")
def ledger_2015_2017(nlp):
    """The ledger of the national reports 2015-2017 and its figures' sources (ledger and browser tests)."""
    from govdoc_nlp.target_ledger.build import build_ledger

    reports = [SHARED / "corpora" / "national" / f"national_中国_{year}_政府工作报告.txt" for year in (2015, 2016, 2017)]
    sources: dict = {}
    return build_ledger(reports, nlp=nlp, sources=sources), sources


def annotate(nlp, text: str, place: str | None = None):
    """Run the pipeline with an optional home place."""
    from govdoc_nlp.annotate import make_doc_with_place

    return nlp(make_doc_with_place(nlp, text, place))


def places(nlp, text: str, place: str | None = None) -> dict[str, dict]:
    """PLACE readings by surface text."""
    return {e.text: e._.place for e in annotate(nlp, text, place).ents if e.label_ == "PLACE"}
