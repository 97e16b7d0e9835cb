"""The weak label a sentence's place in the report gives it: review → achievement, plan → target, difficulties →
problem, preamble and appendix → other. It labels the classifier's weak training rows and is the section-position
baseline of the benchmarks."""

from __future__ import annotations

import re
from functools import lru_cache

from govdoc_nlp.data_files import read_tsv

SECTION_LABELS = {"review": "achievement", "plan": "target", "problems": "problem", "preamble": "other",
                  "appendix": "other"}


@lru_cache(maxsize=1)
def sentence_cues() -> dict[str, tuple[str, ...]]:
    """The guideline cue words of each sentence class (data/sentence_cues.tsv)."""
    cues: dict[str, list[str]] = {}
    for row in read_tsv("sentence_cues.tsv"):
        cues.setdefault(row["label"], []).append(row["cue"])
    return {label: tuple(words) for label, words in cues.items()}


@lru_cache(maxsize=1)
def _exceptions() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((row["section"], re.compile(row["pattern"]), row["label"]) for row in read_tsv("weak_label_rules.tsv"))


def section_position_label(text: str, section: str | None) -> str:
    """Weak label from the report's structure; greetings, thanks and procedure (guideline cues for other) → other;
    the exceptions in data/weak_label_rules.tsv (a commitment to solve the difficulties → target)."""
    if any(cue in text for cue in sentence_cues().get("other", ())) or section is None:
        return "other"
    for rule_section, pattern, label in _exceptions():
        if section == rule_section and pattern.search(text):
            return label
    return SECTION_LABELS.get(section, "other")
