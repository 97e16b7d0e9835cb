"""Baselines for sentence classes, to read the classifier's scores against."""

from __future__ import annotations

from govdoc_nlp.sections.position_label import section_position_label, sentence_cues

__all__ = ["cue_word_label", "section_position_label"]

TIE_ORDER = ("other", "problem", "target", "achievement")


def cue_word_label(text: str) -> str:
    """The label whose guideline cue words occur most often in ``text`` (ties: other, problem, target); else other."""
    counts = {label: sum(text.count(cue) for cue in cues) for label, cues in sentence_cues().items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return "other"
    return next(label for label in TIE_ORDER if counts.get(label) == best)
