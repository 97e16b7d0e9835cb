"""The run stamp: what made an output (package, rules and lexicons, saved pipeline, segmenter, classifier).

A resumed run adds documents to an earlier output; the stamp keeps it from mixing records made by two different
pipelines. It is written into the shard folder when a run starts and beside the output (``OUT.stamp.json``) when
it ends; a run whose stamp differs from the one found stops with an error that says what changed.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

from govdoc_nlp.batch.worker_pipeline import PipelineChoice
from govdoc_nlp.io.writers import atomic_path

STAMP_FILE = "stamp.json"
SHOWN_VALUES = ("govdoc_nlp", "segmenter", "classifier")  # short values an error message shows; digests are not


class StampMismatchError(ValueError):
    """An earlier output (or an interrupted run) was made by a different pipeline."""


def stamp_path(out: Path) -> Path:
    """Where a finished run keeps its stamp: ``OUT.stamp.json``."""
    out = Path(out)
    return out.with_name(out.name.rsplit(".", 1)[0] + ".stamp.json")


def _data_files_digest() -> str:
    """sha256 over the package's rule and lexicon files, names and contents."""
    digest = hashlib.sha256()
    folder = resources.files("govdoc_nlp").joinpath("data")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.is_file():
            digest.update(item.name.encode("utf-8") + b"\0" + item.read_bytes() + b"\0")
    return digest.hexdigest()


def pipeline_stamp(choice: PipelineChoice) -> dict:
    """The stamp of runs made with ``choice`` on this installation (its saved pipelines' setup record included)."""
    from govdoc_nlp import __version__
    from govdoc_nlp.paths import read_setup_record

    return {"govdoc_nlp": __version__, "segmenter": choice.segmenter, "classifier": choice.classifier,
            "rules_and_lexicons": _data_files_digest(), "setup": read_setup_record()}


def read_stamp(path: Path) -> dict | None:
    """A stamp written by :func:`write_stamp`, or None where there is none."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise StampMismatchError(f"{path}: not a run stamp ({err}); remove it or use --restart") from None


def write_stamp(path: Path, stamp: dict) -> None:
    """Write ``stamp`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        Path(tmp).write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")


def check_stamp(found: dict | None, stamp: dict, where: Path) -> None:
    """Raise :class:`StampMismatchError` naming ``where`` and what changed if ``found`` is not ``stamp``."""
    if found is None or found == stamp:
        return
    changed = [key for key in sorted(set(found) | set(stamp)) if found.get(key) != stamp.get(key)]
    details = ", ".join(f"{key}: {found.get(key)!r} → {stamp.get(key)!r}" if key in SHOWN_VALUES else f"{key} changed"
                        for key in changed)
    raise StampMismatchError(
        f"{where} was annotated by a different pipeline ({details}); resuming would mix its records with new "
        "ones. Use --restart to annotate everything again, or choose another --out")
