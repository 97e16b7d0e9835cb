"""pkuseg's feature tables as plain text lines, so that a saved pipeline loads faster than from msgpack.

The mixed-domain model has 2.6 million features; unpacking its 69 MB ``features.msgpack`` took 2.4 s of the
pipeline's 5 s load on the development machine, reading the same tables from text lines 1.7 s. The feature
index is the line number, so the text holds exactly what the msgpack held (checked when written).
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


def read_feature_tables(model_dir: Path):
    """A spacy-pkuseg ``FeatureExtractor`` with the tables :func:`convert_features_to_text` wrote."""
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    def lines(key: str) -> list[str]:
        text = (model_dir / TEXT_FILES[key]).read_text(encoding="utf-8")
        return text.split("\n") if text else []

    # The same attributes FeatureExtractor.load sets from the msgpack.
    extractor = FeatureExtractor.__new__(FeatureExtractor)
    extractor.unigram = set(lines("unigram"))
    extractor.bigram = set(lines("bigram"))
    names = lines("feature_to_idx")
    extractor.feature_to_idx = dict(zip(names, range(len(names))))
    extractor.tag_to_idx = json.loads((model_dir / TAGS_FILE).read_text(encoding="utf-8"))
    return extractor


@contextmanager
def _feature_loader(spacy_pkuseg, extractor) -> Iterator[None]:
    # pkuseg.__init__ calls FeatureExtractor.load() by its module-level name; hand it the tables read above.
    class _Loaded:
        @staticmethod
        def load(model_dir=None):
            return extractor

    original = spacy_pkuseg.FeatureExtractor
    spacy_pkuseg.FeatureExtractor = _Loaded
    try:
        yield
    finally:
        spacy_pkuseg.FeatureExtractor = original


def load_pkuseg(model_dir: Path):
    """``spacy_pkuseg.pkuseg`` for a saved model folder (no user dictionary), from text tables if present."""
    import spacy_pkuseg

    if not (model_dir / TEXT_FILES["feature_to_idx"]).exists():
        return spacy_pkuseg.pkuseg(str(model_dir), user_dict=None)
    with _feature_loader(spacy_pkuseg, read_feature_tables(model_dir)):
        return spacy_pkuseg.pkuseg(str(model_dir), user_dict=None)
