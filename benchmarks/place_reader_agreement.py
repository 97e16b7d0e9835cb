"""How far a second reader of a blind PLACE set agrees with its labels: the ceiling a first run can be held to.

Usage: python benchmarks/place_reader_agreement.py [--out FILE]

``corpora/labelled/places21.second-reader.inline.tsv`` (excerpts) and ``places36.second-reader.inline.tsv`` (whole
documents) are those sets read again by a reader who saw neither the first labels, nor their notes, nor the
pipeline, following the same guidelines. Strict span F1 of the second reading
against the first (treated as gold; F1 is symmetric), and, for scale, the pipeline's against each reading (rules
only, excerpts scored alone as `govdoc benchmark` scores them), with the spans the readers disagree on.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import govdoc_nlp
from govdoc_nlp.evaluate.benchmark import make_doc_with_place
from govdoc_nlp.evaluate.labelled_set import read_labelled_set

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "corpora" / "labelled"
READINGS = {"places21": "places21.second-reader.inline.tsv", "places36": "places36.second-reader.inline.tsv"}


def second_reading(path: Path) -> list[set[tuple[int, int]]]:
    """PLACE spans per line of an inline file (``⟦name|P⟧`` marks), as offsets into the unmarked text."""
    from inline_format import parse_line  # corpora/labelled, on sys.path in main()

    return [{(s["start"], s["end"]) for s in parse_line(line)[3] if s["label"] == "PLACE"}
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def f1(gold: list[set], pred: list[set]) -> dict:
    """Strict span precision, recall and F1 of ``pred`` against ``gold``, example by example."""
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    fp = sum(len(p - g) for g, p in zip(gold, pred))
    fn = sum(len(g - p) for g, p in zip(gold, pred))
    return {"precision": round(tp / (tp + fp), 4) if tp + fp else 0.0, "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0, "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    """Score each second reading against the first, and the pipeline against both."""
    import sys

    sys.path.insert(0, str(LABELLED))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "place-reader-agreement.json")
    args = parser.parse_args()
    nlp = govdoc_nlp.load()
    report = {}
    for name, file in READINGS.items():
        examples = list(read_labelled_set(LABELLED / f"{name}.jsonl"))
        first = [{(s.start, s.end) for s in ex.spans if s.label == "PLACE"} for ex in examples]
        second = second_reading(LABELLED / file)
        if len(second) != len(first):
            raise SystemExit(f"{file}: {len(second)} lines, {name}.jsonl has {len(first)}")
        with nlp.select_pipes(disable=["govdoc_classifier"]):
            docs = list(nlp.pipe(make_doc_with_place(nlp, ex.text, ex.meta.get("place")) for ex in examples))
        pipeline = [{doc._.offset_map.span_to_raw(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PLACE"}
                    for doc in docs]
        disagreements = [{"text": ex.text[s:e], "only in": "first" if (s, e) in a else "second",
                          "context": ex.text[max(0, s - 10):e + 10]}
                         for ex, a, b in zip(examples, first, second) for s, e in sorted(a ^ b)]
        report[name] = {"second reader vs first": f1(first, second), "pipeline vs first": f1(first, pipeline),
                        "pipeline vs second": f1(second, pipeline), "disagreements": disagreements}
        print(name, {k: v["f1"] for k, v in report[name].items() if k != "disagreements"})
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
