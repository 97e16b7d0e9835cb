"""Baselines for sentence classes, to read the classifier's scores against."""

from __future__ import annotations

import re
from functools import lru_cache

from govdoc_nlp.data_files import read_tsv

TIE_ORDER = ("other", "problem", "target", "achievement")


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    cues: dict[str, list[str]] = {}
    for row in read_tsv("sentence_cues.tsv"):
        cues.setdefault(row["label"], []).append(row["cue"])
    return {label: tuple(words) for label, words in cues.items()}


def cue_word_label(text: str) -> str:
    """The label whose guideline cue words occur most often in ``text`` (ties: other, problem, target); else other."""
    counts = {label: sum(text.count(cue) for cue in cues) for label, cues in _cues().items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return "other"
    return next(label for label in TIE_ORDER if counts.get(label) == best)


SECTION_LABELS = {"review": "achievement", "plan": "target", "problems": "problem", "preamble": "other",
                  "appendix": "other"}


@lru_cache(maxsize=1)
def _exceptions() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((row["section"], re.compile(row["pattern"]), row["label"]) for row in read_tsv("weak_label_rules.tsv"))


def section_position_label(text: str, section: str | None) -> str:
    """Weak label from the report's structure: review → achievement, plan → target, difficulties → problem,
    preamble and appendix → other; greetings, thanks and procedure (guideline cues for other) → other; the
    exceptions in data/weak_label_rules.tsv (a commitment to solve the difficulties → target)."""
    if any(cue in text for cue in _cues().get("other", ())) or section is None:
        return "other"
    for rule_section, pattern, label in _exceptions():
        if section == rule_section and pattern.search(text):
            return label
    return SECTION_LABELS.get(section, "other")
