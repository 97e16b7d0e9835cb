"""`govdoc setup`: pinned hashes, clear errors, idempotence."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from govdoc_nlp.paths import data_home
from govdoc_nlp.resources.artefacts import SetupError, fetch_wheel, pinned_artefacts
from govdoc_nlp.resources.setup import run_setup


def test_a_wheel_with_the_wrong_hash_is_rejected_and_removed(tmp_path) -> None:
    artefact = pinned_artefacts()["jionlp"]
    fake = tmp_path / "src" / artefact.filename
    fake.parent.mkdir()
    fake.write_bytes(b"not the real wheel")
    with pytest.raises(SetupError, match="does not match the pinned"):
        fetch_wheel(artefact, tmp_path / "wheels", source=fake.parent)
    assert not (tmp_path / "wheels" / artefact.filename).exists()


def test_an_unreachable_registry_gives_a_clear_message(tmp_path, monkeypatch) -> None:
    def failing_run(*args, **kwargs):
        return subprocess.CompletedProcess(args, 1, "", "ERROR: Could not find a version (network unreachable)")

    monkeypatch.setattr(subprocess, "run", failing_run)
    artefact = replace(pinned_artefacts()["jionlp"], filename="absent.whl")
    with pytest.raises(SetupError, match="could not download .* from the package registry.*--from PATH"):
        fetch_wheel(artefact, tmp_path / "wheels")


@pytest.mark.integration
def test_setup_twice_does_nothing_the_second_time() -> None:
    messages: list[str] = []
    run_setup(home=data_home(), log=messages.append)
    assert messages and "already done" in messages[-1]


def test_loading_the_saved_pkuseg_pipeline_unpickles_nothing(monkeypatch) -> None:
    import pickle

    import govdoc_nlp
    from govdoc_nlp.paths import pipeline_dir

    def refuse(*args, **kwargs):
        raise AssertionError("a saved pipeline must load without unpickling")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    folder = pipeline_dir("pkuseg")
    assert (folder / "tokenizer" / "pkuseg_model" / "features.txt").exists()
    assert not list(folder.rglob("*.pkl"))
    nlp = govdoc_nlp.load("pkuseg")
    assert [t.text for t in nlp.make_doc("地区生产总值增长3.4%")] == ["地区生产总值", "增长", "3.4%"]  # domain dictionary


def test_the_saved_feature_tables_are_the_pkuseg_models_own() -> None:
    # The wheel's model is read the way spacy-pkuseg reads it (its features.pkl) and compared table by table.
    import zipfile

    import spacy_pkuseg.feature_extractor as fe

    from govdoc_nlp.paths import pipeline_dir
    from govdoc_nlp.segmentation.pkuseg_features import read_feature_tables

    artefact = pinned_artefacts()["pkuseg"]
    with zipfile.ZipFile(data_home() / "wheels" / artefact.filename) as wheel:
        original = pickle_tables(wheel.read(artefact.member + "features.pkl"))
    saved = read_feature_tables(pipeline_dir("pkuseg") / "tokenizer" / "pkuseg_model")
    assert isinstance(saved, fe.FeatureExtractor)
    assert saved.feature_to_idx == original["feature_to_idx"] and len(saved.feature_to_idx) > 2_000_000
    assert saved.unigram == set(original["unigram"])
    bigram_file = pipeline_dir("pkuseg") / "tokenizer" / "pkuseg_model" / "bigram.txt"
    assert set(bigram_file.read_text(encoding="utf-8").split("\n")) == set(original["bigram"])
    assert saved.bigram == set()  # not read at load: segmenting never looks at it
    assert saved.tag_to_idx == original["tag_to_idx"]


def test_the_saved_weights_are_the_pkuseg_models_own() -> None:
    # weights.npy (memory-mapped at load) holds exactly the wheel's weights.npz, in the model pkuseg builds.
    import io
    import zipfile

    import numpy as np

    from govdoc_nlp.paths import pipeline_dir
    from govdoc_nlp.segmentation.pkuseg_features import load_pkuseg

    artefact = pinned_artefacts()["pkuseg"]
    with zipfile.ZipFile(data_home() / "wheels" / artefact.filename) as wheel:
        original = np.load(io.BytesIO(wheel.read(artefact.member + "weights.npz")))
        sizes, weights = original["sizes"], original["w"]
    model_dir = pipeline_dir("pkuseg") / "tokenizer" / "pkuseg_model"
    assert (model_dir / "weights.npy").exists() and not (model_dir / "weights.npz").exists()
    model = load_pkuseg(model_dir).model
    assert isinstance(model.w, np.memmap)
    assert (model.n_tag, model.n_feature) == tuple(int(s) for s in sizes)
    assert np.array_equal(model.w, weights)


def pickle_tables(data: bytes) -> dict:
    """The pickled feature tables of the pinned (hash-checked) pkuseg wheel."""
    import pickle

    return pickle.loads(data)


def test_feature_tables_that_cannot_be_lines_stay_msgpack(tmp_path) -> None:
    import srsly

    from govdoc_nlp.segmentation.pkuseg_features import convert_features_to_text

    tables = {"unigram": ["江门"], "bigram": ["江门*市"], "feature_to_idx": {"a\nb": 0}, "tag_to_idx": {"B": 0}}
    srsly.write_msgpack(tmp_path / "features.msgpack", tables)
    assert not convert_features_to_text(tmp_path) and (tmp_path / "features.msgpack").exists()
    tables["feature_to_idx"] = {"c1=江": 0, "c1=门": 1}
    srsly.write_msgpack(tmp_path / "features.msgpack", tables)
    assert convert_features_to_text(tmp_path) and not (tmp_path / "features.msgpack").exists()
    assert (tmp_path / "features.txt").read_text(encoding="utf-8") == "c1=江\nc1=门"


def test_pipelines_saved_in_another_format_ask_for_setup(monkeypatch) -> None:
    import govdoc_nlp
    import govdoc_nlp.pipeline as pipeline_module
    from govdoc_nlp.pipeline import saved_pipeline_dir

    assert saved_pipeline_dir("pkuseg").name == "pkuseg"
    monkeypatch.setattr(pipeline_module, "SAVED_FORMAT", pipeline_module.SAVED_FORMAT + 1)
    with pytest.raises(govdoc_nlp.SetupRequiredError, match=r"saved in format \d+, this govdoc-nlp reads format"):
        saved_pipeline_dir("pkuseg")


def test_importing_govdoc_leaves_torch_usable_by_other_spacy_pipelines() -> None:
    # govdoc once hid torch while thinc was imported, which left thinc without torch for the whole process.
    code = ("import sys, govdoc_nlp, thinc.compat, torch; govdoc_nlp.load(classifier=False);"
            "print(thinc.compat.has_torch, sys.modules.get('torch') is torch)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True"]


def test_setup_keeps_third_parties_quiet_and_puts_them_back(tmp_path, capsys) -> None:
    import sys

    import jieba

    from govdoc_nlp.resources.setup import quiet_third_parties

    before = (jieba.dt.tmp_dir, jieba.default_logger.level)
    with quiet_third_parties(tmp_path):
        print("WARNING: features.msgpack does not exist, try loading features.pkl", file=sys.stderr)
        assert jieba.dt.tmp_dir == str(tmp_path)  # jieba's cache goes under GOVDOC_NLP_HOME
    assert "features.msgpack" not in capsys.readouterr().err
    assert (jieba.dt.tmp_dir, jieba.default_logger.level) == before
