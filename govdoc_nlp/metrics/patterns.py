"""The METRIC regexes, compiled from the rule files metric_units.tsv and metric_words.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from govdoc_nlp.data_files import parse_tsv
from govdoc_nlp.rule_files import RuleFiles
from govdoc_nlp.trie_pattern import trie_regex

NUM_ARABIC = r"\d+(?:[,，]\d{3}(?!\d))*(?:\.\d+)?"  # 3，989亿斤: a full-width comma between thousands too
NUM_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
SCALE = r"(?:万亿|千亿|百亿|千万|百万|十万|亿|万|千|百)"


@dataclass(frozen=True)
class MetricLexicon:
    """Units and attached words, by role."""

    units: dict[str, tuple[str, int, str]]
    words: dict[str, tuple[str, ...]]

    def kind_of(self, word: str) -> str | None:
        """The role of an attached word (up, down, over, …)."""
        for kind, words in self.words.items():
            if word in words:
                return kind
        return None


RULE_FILES = ("metric_units.tsv", "metric_words.tsv")
WORD_KINDS = ("up", "down", "over", "about", "at_least", "under", "post_over", "post_under", "post_about", "scope",
              "subject_lead", "subject_stop", "subject_trim")


def read_metric_lexicon(files: RuleFiles) -> MetricLexicon:
    """Check and read metric_units.tsv and metric_words.tsv."""
    units = {r["surface"]: (r["unit"], int(r["factor"]), r["class"])
             for r in parse_tsv("metric_units.tsv", files.texts["metric_units.tsv"])}
    words: dict[str, list[str]] = {}
    for row in parse_tsv("metric_words.tsv", files.texts["metric_words.tsv"], ("kind", "word"),
                         {"kind": WORD_KINDS}):
        words.setdefault(row["kind"], []).append(row["word"])
    return MetricLexicon(units, {k: tuple(v) for k, v in words.items()})


@dataclass(frozen=True)
class MetricRules:
    """A METRIC lexicon and the (quantity, rank, ratio) patterns compiled from it."""

    lexicon: MetricLexicon
    quantity: re.Pattern[str]
    rank: re.Pattern[str]
    ratio: re.Pattern[str]


def compile_metric_rules(files: RuleFiles) -> MetricRules:
    """The lexicon of ``files`` and its patterns."""
    lexicon = read_metric_lexicon(files)
    return MetricRules(lexicon, *metric_patterns(lexicon))


@lru_cache(maxsize=1)
def default_metric_rules() -> MetricRules:
    """The package's METRIC rules, compiled once."""
    return compile_metric_rules(RuleFiles.load(RULE_FILES))


def metric_patterns(lex: MetricLexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(quantity, rank, ratio) patterns of a lexicon."""
    w = lex.words
    direction = trie_regex(w["up"] + w["down"])
    pre = trie_regex(w["over"] + w["about"] + w["at_least"] + w["under"])
    post = trie_regex(w["post_over"][:1] + w["post_under"] + w["post_about"])  # 以上, 以下, 左右, 上下
    unit = trie_regex(lex.units)
    quantity = re.compile(
        rf"(?P<dir>{direction})?(?P<pre>{pre})?"
        rf"(?:(?P<per>百分之|千分之)(?P<pct>{NUM_CHINESE}(?:点[零〇一二三四五六七八九]+)?|{NUM_ARABIC})(?:[至到—－\-](?:百分之|千分之)?(?P<pct_max>{NUM_CHINESE}(?:点[零〇一二三四五六七八九]+)?|{NUM_ARABIC}))?|(?<![\d.A-Za-z])(?P<ar>{NUM_ARABIC})(?:%?[—–\-~～－至到](?P<ar_max>{NUM_ARABIC}))?(?P<scale>{SCALE})?|(?<![第每零〇一二两三四五六七八九十百千万亿])(?P<zh>{NUM_CHINESE}))"
        rf"(?:(?P<mid>[多余])(?P<mid_scale>万亿|亿|万)?)?(?P<unit>{unit})?(?P<post>{post})?"  # 七百多万人
    )
    scope = trie_regex(w["scope"])
    rank = re.compile(
        rf"(?:(?P<scope>{scope})第(?P<n1>\d+|[一二三四五六七八九十]+)(?P<s1>[位名])?"
        rf"|第(?P<n2>\d+)(?P<s2>[位名]))(?![\d届次批个代期])"
    )
    ratio = re.compile(r"(?<![\d.:])(?P<a>\d+(?:\.\d+)?):(?P<b>\d+(?:\.\d+)?)(?![\d.:])")
    return quantity, rank, ratio
