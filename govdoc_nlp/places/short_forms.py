"""Which short county and town names are too common as words to be matched alone.

A short form such as 振兴 (振兴区) or 新兴 (新兴县) is first of all a verb or an adjective. jieba's general
dictionary tags every word with a part of speech; a short form it tags as anything but a noun is dropped
(the full name, 振兴区, is still matched). Towns looked up across a whole province need a stricter test: any
word jieba knows other than as a place name (人民, 化工, 黄金 are nouns) is dropped. jieba tags rare words
unreliably (垦利 a verb, 陆家嘴 a person's name), so a word counts as common only when jieba's frequency for it
is at least COMMON_MIN_FREQ, and person-name tags count as place-like.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

PLACE_LIKE_TAGS = frozenset({"ns", "nr", "nrt", "nrfg"})
COMMON_MIN_FREQ = 30
NON_NOUN_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "b", "d", "s", "f", "m", "q", "r", "p", "c", "u", "l", "i"})


def _jieba_words(max_length: int, keep_tag) -> frozenset[str]:
    """Words of 2 to ``max_length`` characters in jieba's dictionary, at least COMMON_MIN_FREQ frequent, whose
    tag ``keep_tag`` accepts."""
    words = set()
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as src:
        for line in src:
            parts = line.split()
            if (len(parts) == 3 and 2 <= len(parts[0]) <= max_length and keep_tag(parts[2])
                    and int(parts[1]) >= COMMON_MIN_FREQ):
                words.add(parts[0])
    return frozenset(words)


@lru_cache(maxsize=1)
def common_non_nouns() -> frozenset[str]:
    """Common two-to-three-character words jieba's dictionary tags as verbs, adjectives, adverbs and the like."""
    return _jieba_words(3, NON_NOUN_TAGS.__contains__)


@lru_cache(maxsize=1)
def common_non_places() -> frozenset[str]:
    """Common two-to-four-character words jieba's dictionary tags as anything but a place or a person's name."""
    return _jieba_words(4, lambda tag: tag not in PLACE_LIKE_TAGS)



def two_character_words() -> dict[str, int]:
    """jieba's frequency of every two-character word it holds at least COMMON_MIN_FREQ times, negative for
    place and person names: what :func:`govdoc_nlp.places.match_boundaries.inside_two_words` reads (均衡 and 水平
    around 衡水)."""
    words: dict[str, int] = {}
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as src:
        for line in src:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 2 and int(parts[1]) >= COMMON_MIN_FREQ:
                words[parts[0]] = -int(parts[1]) if parts[2] in PLACE_LIKE_TAGS else int(parts[1])
    return words


WORD_LIST_FILES = ("common_shorts.txt", "common_town_words.txt", "two_character_words.tsv")


def write_word_lists(folder: Path, common_shorts: set[str], common_town_words: set[str],
                     word_freq: dict[str, int]) -> None:
    """Save the word lists found from jieba at setup, so that loading never reads jieba's dictionary."""
    (folder / "common_shorts.txt").write_text("\n".join(sorted(common_shorts)), encoding="utf-8")
    (folder / "common_town_words.txt").write_text("\n".join(sorted(common_town_words)), encoding="utf-8")
    (folder / "two_character_words.tsv").write_text(
        "".join(f"{w}\t{f}\n" for w, f in sorted(word_freq.items())), encoding="utf-8")


def read_word_lists(folder: Path) -> tuple[frozenset[str], frozenset[str], dict[str, int]]:
    """What :func:`write_word_lists` saved: common shorts, common town words, two-character word frequencies."""
    common = frozenset((folder / "common_shorts.txt").read_text(encoding="utf-8").split())
    town_common = frozenset((folder / "common_town_words.txt").read_text(encoding="utf-8").split())
    word_freq = {}
    with (folder / "two_character_words.tsv").open(encoding="utf-8") as src:
        for line in src:
            word, freq = line.split("\t")
            word_freq[word] = int(freq)
    return common, town_common, word_freq
