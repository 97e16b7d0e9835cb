"""Whole-word masking for a character-level Chinese BERT: the characters of a segmented word are masked together.

Masking single characters lets the model fill ``生产总[MASK]`` from the word around it; masking ``生产总值`` as a
whole makes it read the sentence (the Chinese BERT-wwm recipe). Words come from jieba, already a dependency.
"""

from __future__ import annotations

import random
from typing import Sequence

MASK_SHARE = 0.15


def word_ids_for(text: str, offsets: Sequence[tuple[int, int]]) -> list[int]:
    """For each token (its character ``offsets`` in ``text``; (0, 0) for special tokens) the index of the jieba
    word it falls in, or -1 for special tokens."""
    import jieba

    starts: list[int] = []
    position = 0
    for word in jieba.cut(text, HMM=False):
        starts.append(position)
        position += len(word)
    out, w = [], 0
    for start, end in offsets:
        if start == end:
            out.append(-1)
            continue
        while w + 1 < len(starts) and starts[w + 1] <= start:
            w += 1
        out.append(w)
    return out


class WholeWordMaskCollator:
    """Pads a batch and masks about ``MASK_SHARE`` of its tokens, whole words at a time (80 % [MASK], 10 % a
    random token, 10 % unchanged), as ``labels`` for ``BertForMaskedLM``; examples carry ``word_ids``."""

    def __init__(self, tokenizer, seed: int = 13, mask_share: float = MASK_SHARE) -> None:
        self.tokenizer = tokenizer
        self.mask_share = mask_share
        self.rng = random.Random(seed)

    def __call__(self, examples: list[dict]) -> dict:
        import torch

        width = max(len(ex["input_ids"]) for ex in examples)
        pad, mask_id, vocab = self.tokenizer.pad_token_id, self.tokenizer.mask_token_id, len(self.tokenizer)
        input_ids = torch.full((len(examples), width), pad, dtype=torch.long)
        labels = torch.full((len(examples), width), -100, dtype=torch.long)
        attention = torch.zeros((len(examples), width), dtype=torch.long)
        for row, ex in enumerate(examples):
            ids, words = list(ex["input_ids"]), ex["word_ids"]
            attention[row, :len(ids)] = 1
            positions: dict[int, list[int]] = {}
            for i, w in enumerate(words):
                if w >= 0:
                    positions.setdefault(w, []).append(i)
            budget = max(1, round(self.mask_share * sum(w >= 0 for w in words)))
            chosen: list[int] = []
            for w in self.rng.sample(sorted(positions), len(positions)):
                if len(chosen) + len(positions[w]) > budget:
                    continue
                chosen.extend(positions[w])
                if len(chosen) >= budget:
                    break
            for i in chosen:
                labels[row, i] = ids[i]
                roll = self.rng.random()
                if roll < 0.8:
                    ids[i] = mask_id
                elif roll < 0.9:
                    ids[i] = self.rng.randrange(vocab)
            input_ids[row, :len(ids)] = torch.tensor(ids)
        return {"input_ids": input_ids, "attention_mask": attention, "labels": labels}
