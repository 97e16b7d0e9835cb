"""Entity P/R/F1 per label (strict and overlap), metric-value accuracy, sentence-class F1."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PRF:
    """Counts and derived precision / recall / F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        """Rounded figures plus counts."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


Span = tuple[int, int, str]


def score_entities(gold: list[list[Span]], pred: list[list[Span]], labels: tuple[str, ...]) -> dict:
    """Per-label PRF, strict (same offsets and label) and overlap (same label, any shared character)."""
    result = {}
    for mode in ("strict", "overlap"):
        per = {label: PRF() for label in labels}
        for g_spans, p_spans in zip(gold, pred):
            for label in labels:
                g = [s for s in g_spans if s[2] == label]
                p = [s for s in p_spans if s[2] == label]
                if mode == "strict":
                    tp = len(set(g) & set(p))
                    per[label].tp += tp
                    per[label].fp += len(set(p)) - tp
                    per[label].fn += len(set(g)) - tp
                else:
                    matched_g = {i for i, a in enumerate(g) if any(a[0] < b[1] and b[0] < a[1] for b in p)}
                    matched_p = {j for j, b in enumerate(p) if any(a[0] < b[1] and b[0] < a[1] for a in g)}
                    per[label].tp += len(matched_p)
                    per[label].fp += len(p) - len(matched_p)
                    per[label].fn += len(g) - len(matched_g)
        result[mode] = {label: prf.as_dict() for label, prf in per.items()}
    return result


def entity_errors(texts: list[str], gold: list[list[Span]], pred: list[list[Span]], labels: tuple[str, ...],
                  context: int = 10) -> list[dict]:
    """Strict mismatches, one row each: ``kind`` (missed: gold only; spurious: predicted only), label, text and
    the text around it, in example order."""
    rows = []
    for index, (text, g_spans, p_spans) in enumerate(zip(texts, gold, pred)):
        g = {s for s in g_spans if s[2] in labels}
        p = {s for s in p_spans if s[2] in labels}
        for kind, spans in (("missed", g - p), ("spurious", p - g)):
            for start, end, label in sorted(spans):
                rows.append({"example": index, "kind": kind, "label": label, "text": text[start:end],
                             "context": text[max(0, start - context):end + context]})
    return rows


def score_metric_values(pairs: list[tuple[dict, dict]]) -> dict:
    """Share of strictly matched METRICs whose predicted value and unit equal the gold ones."""
    right = sum(1 for gold, pred in pairs if values_equal(gold, pred))
    return {"checked": len(pairs), "exact": right, "accuracy": round(right / len(pairs), 4) if pairs else None}


def score_metric_subjects(pairs: list[tuple[dict, dict]]) -> dict:
    """Share of strictly matched METRICs with a labelled ``subject`` whose predicted subject is the same string
    (no subject labelled as "" matches a predicted None)."""
    labelled = [(gold["subject"] or None, pred.get("subject") or None) for gold, pred in pairs if "subject" in gold]
    right = sum(1 for gold, pred in labelled if gold == pred)
    return {"checked": len(labelled), "exact": right,
            "accuracy": round(right / len(labelled), 4) if labelled else None}


RELATIVE_TOLERANCE = 1e-6  # numbers read from text and converted to base units (亿元 → 元, % → share)


def same_number(a: float | None, b: float | None) -> bool:
    """Both missing, or equal to RELATIVE_TOLERANCE (relative to the first, absolute below 1)."""
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= RELATIVE_TOLERANCE * max(1.0, abs(float(a)))


def values_equal(gold: dict, pred: dict | None) -> bool:
    """Gold value and unit equal the prediction (value to RELATIVE_TOLERANCE)."""
    if pred is None:
        return False
    return same_number(gold.get("value"), pred.get("value")) and gold.get("unit") == pred.get("unit")


def score_classes(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict:
    """Per-class PRF and macro-F1 for sentence labels; the macro average is over the labels that occur in gold
    or predictions (a label absent from both, as achievement in a set of difficulties paragraphs, is not a 0)."""
    per = {label: PRF() for label in labels}
    for g, p in zip(gold, pred):
        if g == p:
            per[g].tp += 1
        else:
            per[p].fp += 1
            per[g].fn += 1
    seen = [prf for prf in per.values() if prf.tp + prf.fp + prf.fn]
    macro = sum(prf.f1 for prf in seen) / len(seen) if seen else 0.0
    return {"per_class": {k: v.as_dict() for k, v in per.items()}, "macro_f1": round(macro, 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else None}


def expected_calibration_error(gold: list[str], scores: list[dict[str, float]], bins: int = 10) -> float:
    """ECE: the gap between confidence (top probability) and accuracy, averaged over ``bins`` equal-width
    confidence bins weighted by their size."""
    if not gold:
        return 0.0
    totals = [[0, 0.0, 0] for _ in range(bins)]  # sentences, summed confidence, correct
    for label, row in zip(gold, scores):
        best = max(row, key=row.get)
        slot = min(bins - 1, int(row[best] * bins))
        totals[slot][0] += 1
        totals[slot][1] += row[best]
        totals[slot][2] += best == label
    return round(sum(abs(conf - correct) for n, conf, correct in totals if n) / len(gold), 4)
