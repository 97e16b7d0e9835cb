"""A report's own verdicts on last year's targets or on the plan that ended (圆满完成全年主要目标任务)."""

from __future__ import annotations

from dataclasses import dataclass

from govdoc_nlp.target_ledger.catalogue import ledger_phrases
from govdoc_nlp.target_ledger.readings import MAX_TEXT, review_sentences


@dataclass(frozen=True)
class Verdict:
    """A report's own judgement of last year's targets (``圆满完成全年主要目标任务``)."""

    verdict: str
    scope: str
    text: str
    raw_start: int | None
    raw_end: int | None


def report_verdicts(record: dict) -> list[Verdict]:
    """A report's judgements of last year's targets (scope ``year``) or of the plan that ended then (``plan``:
    the sentence names several years, 十三五…), from its review part."""
    out = []
    phrases = ledger_phrases()
    for sentence in review_sentences(record):
        for pattern, verdict in phrases.verdicts:
            if pattern.search(sentence["text"]):
                scope = "plan" if phrases.multi_year.search(sentence["text"]) else "year"
                out.append(Verdict(verdict, scope, sentence["text"][:MAX_TEXT], sentence.get("raw_start"),
                                   sentence.get("raw_end")))
                break
    return out

