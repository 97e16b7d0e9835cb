"""pkuseg's saved model in files that load fast: feature tables as text lines, weights as a mappable ``.npy``.

The mixed-domain model has 2.6 million features; unpacking its 69 MB ``features.msgpack`` took 2.4 s of the
pipeline's 5 s load on the development machine, reading the same tables from text lines 1.7 s. The feature
index is the line number, so the text holds exactly what the msgpack held (checked when written). The 106 MB of
weights took 0.35 s to read from ``weights.npz``; ``weights.npy`` is memory-mapped instead (pages are read as
segmentation touches them).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import srsly

MSGPACK_FILE = "features.msgpack"
TEXT_FILES = {"unigram": "unigram.txt", "bigram": "bigram.txt", "feature_to_idx": "features.txt"}
TAGS_FILE = "tags.json"
NPZ_FILE = "weights.npz"
NPY_FILE = "weights.npy"


def convert_features_to_text(model_dir: Path) -> bool:
    """Replace ``features.msgpack`` in ``model_dir`` by text tables; False (msgpack kept) where the tables
    cannot be written as lines (a feature with a line break, or indices not 0…n-1 in order)."""
    data = srsly.read_msgpack(model_dir / MSGPACK_FILE)
    features = data["feature_to_idx"]
    if list(features.values()) != list(range(len(features))):
        return False
    tables = {"unigram": data["unigram"], "bigram": data["bigram"], "feature_to_idx": list(features)}
    if any("\n" in item for table in tables.values() for item in table):
        return False
    for key, name in TEXT_FILES.items():
        (model_dir / name).write_text("\n".join(tables[key]), encoding="utf-8")
    (model_dir / TAGS_FILE).write_text(json.dumps(data["tag_to_idx"], ensure_ascii=False), encoding="utf-8")
    (model_dir / MSGPACK_FILE).unlink()
    return True


def convert_weights_to_npy(model_dir: Path) -> None:
    """Replace ``weights.npz`` in ``model_dir`` by ``weights.npy`` (the sizes it held follow from the tables)."""
    import numpy as np

    with np.load(model_dir / NPZ_FILE) as npz:
        n_tag, n_feature = (int(size) for size in npz["sizes"])
        weights = npz["w"]
    if weights.shape != (n_tag * (n_feature + n_tag),):
        raise ValueError(f"{model_dir / NPZ_FILE}: {weights.shape[0]} weights for {n_tag} tags and {n_feature} features")
    np.save(model_dir / NPY_FILE, weights)
    (model_dir / NPZ_FILE).unlink()


def read_weights(model_dir: Path, n_tag: int, n_feature: int):
    """A spacy-pkuseg ``Model`` whose weights are mapped from ``weights.npy`` (copy-on-write: pkuseg's Cython
    code asks for a writable buffer, and nothing ever writes to the file)."""
    import numpy as np
    from spacy_pkuseg.model import Model

    model = Model.__new__(Model)
    model.w = np.load(model_dir / NPY_FILE, mmap_mode="c")
    model.n_tag, model.n_feature = n_tag, n_feature
    model.n_transition_feature = n_tag * (n_feature + n_tag)
    if model.w.shape != (model.n_transition_feature,):
        raise ValueError(f"{model_dir / NPY_FILE}: {model.w.shape[0]} weights for {n_tag} tags and {n_feature} "
                         "features; run `govdoc setup --force`")
    return model


def read_feature_tables(model_dir: Path):
    """A spacy-pkuseg ``FeatureExtractor`` with the tables :func:`convert_features_to_text` wrote."""
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    def lines(key: str) -> list[str]:
        text = (model_dir / TEXT_FILES[key]).read_text(encoding="utf-8")
        return text.split("\n") if text else []

    # The same attributes FeatureExtractor.load sets from the msgpack.
    extractor = FeatureExtractor.__new__(FeatureExtractor)
    extractor.unigram = set(lines("unigram"))
    # Segmenting reads only unigram and feature_to_idx (spacy_pkuseg's get_node_features_idx); the bigram table
    # serves pkuseg's training path, so it stays on disk instead of costing 1.1 M strings at every load.
    extractor.bigram = set()
    names = lines("feature_to_idx")
    extractor.feature_to_idx = dict(zip(names, range(len(names))))
    extractor.tag_to_idx = json.loads((model_dir / TAGS_FILE).read_text(encoding="utf-8"))
    return extractor


class _Loaded:
    """Stands in for a spacy-pkuseg class whose ``load()`` would read a file: returns what was read already."""

    def __init__(self, value) -> None:
        self.value = value

    def load(self, model_dir=None):
        return self.value


@contextmanager
def _model_loader(spacy_pkuseg, extractor, model) -> Iterator[None]:
    # pkuseg.__init__ calls FeatureExtractor.load() and Model.load() by their module-level names; hand them what
    # was read above (None: pkuseg reads that part itself).
    originals = spacy_pkuseg.FeatureExtractor, spacy_pkuseg.Model
    if extractor is not None:
        spacy_pkuseg.FeatureExtractor = _Loaded(extractor)
    if model is not None:
        spacy_pkuseg.Model = _Loaded(model)
    try:
        yield
    finally:
        spacy_pkuseg.FeatureExtractor, spacy_pkuseg.Model = originals


def load_pkuseg(model_dir: Path):
    """``spacy_pkuseg.pkuseg`` for a saved model folder (no user dictionary), from text tables and ``.npy``
    weights where present."""
    import spacy_pkuseg

    extractor = model = None
    if (model_dir / TEXT_FILES["feature_to_idx"]).exists():
        extractor = read_feature_tables(model_dir)
        if (model_dir / NPY_FILE).exists():
            model = read_weights(model_dir, len(extractor.tag_to_idx), len(extractor.feature_to_idx))
    with _model_loader(spacy_pkuseg, extractor, model):
        return spacy_pkuseg.pkuseg(str(model_dir), user_dict=None)
