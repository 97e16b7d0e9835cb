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


def test_to_bytes_keeps_the_gazetteer_the_lexicon_and_the_model(nlp_jieba) -> None:
    from govdoc_nlp.slogans.lexicon import SloganLexicon as Lexicon

    text = "江门市推进侨都新工程，地区生产总值增长3.4%。"
    component = nlp_jieba.get_pipe("govdoc_slogans")
    original = component.lexicon
    try:
        component.set_lexicon(Lexicon(original.entries + [SloganEntry("侨都赋能新工程", "侨都新工程")]))
        expected = nlp_jieba(text)
        data = nlp_jieba.to_bytes()
    finally:
        component.set_lexicon(original)
    again = spacy.util.load_model_from_config(nlp_jieba.config, auto_fill=False)
    again.from_bytes(data)
    doc = again(text)
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in expected.ents]
    assert {"江门市", "侨都新工程"} <= {e.text for e in doc.ents}  # gazetteer and run-time lexicon came along
    assert [s._.label for s in doc.sents] == [s._.label for s in expected.sents]
    places = again.get_pipe("govdoc_places")
    assert places.to_bytes() == nlp_jieba.get_pipe("govdoc_places").to_bytes()
    assert len(places.names.records) > 40000
