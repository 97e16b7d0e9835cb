"""Every component and the whole pipeline survive to_disk / from_disk; saved pipelines load without us."""

from __future__ import annotations

import subprocess
import sys

import spacy

from govdoc_nlp.pipeline import PIPES
from govdoc_nlp.slogans.lexicon import SloganEntry, SloganLexicon


def test_component_round_trip_writes_identical_files(nlp, tmp_path) -> None:
    for name in PIPES:
        component = nlp.get_pipe(name)
        first, second = tmp_path / name / "a", tmp_path / name / "b"
        component.to_disk(first)
        component.from_disk(first)
        component.to_disk(second)
        files_a = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
        files_b = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
        assert files_a == files_b
        for rel in files_a:
            assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_slogans_added_at_run_time_survive_a_save(nlp_jieba, tmp_path) -> None:
    component = nlp_jieba.get_pipe("govdoc_slogans")
    original = component.lexicon
    try:
        component.set_lexicon(SloganLexicon(original.entries + [SloganEntry("侨都赋能新工程", "侨都新工程")]))
        nlp_jieba.to_disk(tmp_path / "pipe")
        again = spacy.load(tmp_path / "pipe")
        doc = again("推进侨都新工程。")
        assert [(e.text, e._.slogan["canonical"]) for e in doc.ents] == [("侨都新工程", "侨都赋能新工程")]
    finally:
        component.set_lexicon(original)


def test_saved_pipeline_loads_with_plain_spacy_through_entry_points(nlp_jieba, tmp_path) -> None:
    nlp_jieba.to_disk(tmp_path / "pipe")
    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]); doc = nlp('江门市地区生产总值增长3.4%。');"
        "print(sorted(e.label_ for e in doc.ents))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipe")], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "['METRIC', 'PLACE']"
