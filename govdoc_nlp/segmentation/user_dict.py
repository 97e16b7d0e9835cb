"""The domain user dictionary given to the segmenter so slogans, regions and units stay whole."""

from __future__ import annotations

from functools import lru_cache

from govdoc_nlp.data_files import read_lines, read_tsv
from govdoc_nlp.slogans.lexicon import load_slogan_lexicon


@lru_cache(maxsize=1)
def domain_words() -> tuple[str, ...]:
    """Units, region names and slogan surface forms, longest first, without duplicates."""
    words = set(read_lines("user_dict.txt"))
    words.update(row["name"] for row in read_tsv("regions.tsv"))
    for entry in load_slogan_lexicon().entries:
        words.update(entry.surface_forms())
    return tuple(sorted((w for w in words if len(w) > 1), key=lambda w: (-len(w), w)))
