"""PLACE: a learned keep/drop decision over the rules' places, by leave-one-set-out, beside the rules alone.

Usage:
    python benchmarks/places_learned_filter.py [--out FILE]

Every hand-labelled PLACE set (dev, test, places, places2–29) is run through the rule pipeline (no classifier).
Each place the rules find is a candidate with features: the string, the characters around it, its length and last
character, its gazetteer level, whether it has a code or several candidates, whether the example has a home place
and the place is under it, how often the string recurs. A logistic regression trained on every set but one keeps
or drops the candidates of the held-out set (kept where p ≥ 0.5); strict PLACE F1 of each set, rules alone and
rules + learned filter, and the misses the filter cannot recover (gold places no rule proposed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

import govdoc_nlp
from govdoc_nlp.evaluate.benchmark import make_doc_with_place
from govdoc_nlp.evaluate.labelled_set import read_labelled_set

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "corpora" / "labelled"
SETS = ("dev", "test", "places", *(f"places{k}" for k in range(2, 30)))
STRENGTH, THRESHOLD = 1.0, 0.5


def candidates(nlp, name: str) -> list[dict]:
    """Per PLACE-labelled example of set ``name``: its text, home place, gold spans and the rules' places."""
    examples = [ex for ex in read_labelled_set(LABELLED / f"{name}.jsonl")
                if ex.spans is not None and "PLACE" in ex.span_labels]
    with nlp.select_pipes(disable=["govdoc_classifier"]):
        docs = list(nlp.pipe(make_doc_with_place(nlp, ex.text, ex.meta.get("place")) for ex in examples))
    rows = []
    for ex, doc in zip(examples, docs):
        found = [(*doc._.offset_map.span_to_raw(e.start_char, e.end_char), e._.place or {})
                 for e in doc.ents if e.label_ == "PLACE"]
        rows.append({"text": ex.text, "home": ex.meta.get("place"),
                     "gold": {(s.start, s.end) for s in ex.spans if s.label == "PLACE"}, "found": found})
    return rows


def features(row: dict, start: int, end: int, place: dict) -> dict:
    """What the decision reads of one candidate."""
    text, surface = row["text"], row["text"][start:end]
    return {f"surface={surface}": 1, f"left1={text[start - 1:start]}": 1, f"left2={text[max(0, start - 2):start]}": 1,
            f"right1={text[end:end + 1]}": 1, f"right2={text[end:end + 2]}": 1, f"right3={text[end:end + 3]}": 1,
            f"length={min(len(surface), 6)}": 1, f"last={surface[-1]}": 1, f"level={place.get('level')}": 1,
            "no_code": int(not place.get("adcode")), "ambiguous": int(bool(place.get("candidates"))),
            "full_name": int(place.get("name") == surface), "has_home": int(bool(row["home"])),
            "under_home": int(bool(row["home"]) and place.get("parent") == row["home"]),
            "recurs": min(3, text.count(surface))}


def table(rows_by_set: dict[str, list[dict]], names) -> tuple[list[dict], np.ndarray, list[tuple]]:
    """Feature dicts, labels (the candidate is a gold place) and keys (set, example, start, end) of ``names``."""
    x, y, keys = [], [], []
    for name in names:
        for k, row in enumerate(rows_by_set[name]):
            for start, end, place in row["found"]:
                x.append(features(row, start, end, place))
                y.append(int((start, end) in row["gold"]))
                keys.append((name, k, start, end))
    return x, np.array(y), keys


def strict_f1(rows: list[dict], name: str, dropped: set[tuple] = frozenset()) -> dict:
    """Strict PLACE precision, recall and F1 of one set, the candidates in ``dropped`` left out."""
    tp = fp = fn = 0
    for k, row in enumerate(rows):
        kept = {(s, e) for s, e, _ in row["found"] if (name, k, s, e) not in dropped}
        tp, fp, fn = tp + len(kept & row["gold"]), fp + len(kept - row["gold"]), fn + len(row["gold"] - kept)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(1e-9, p + r), 4),
            "false_positives": fp, "misses": fn}


def main() -> None:
    """Leave-one-set-out scores of the rules alone and with the learned filter; print a table, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "places-learned-filter.json")
    args = parser.parse_args()
    nlp = govdoc_nlp.load()
    rows_by_set = {name: candidates(nlp, name) for name in SETS}
    per_set = {}
    for held_out in SETS:
        x, y, _ = table(rows_by_set, [name for name in SETS if name != held_out])
        x_test, _, keys = table(rows_by_set, [held_out])
        vectorizer = DictVectorizer()
        model = LogisticRegression(C=STRENGTH, max_iter=3000).fit(vectorizer.fit_transform(x), y)
        keep = model.predict_proba(vectorizer.transform(x_test))[:, 1] >= THRESHOLD
        dropped = {key for key, kept in zip(keys, keep) if not kept}
        rows = rows_by_set[held_out]
        unproposed = sum(len(r["gold"] - {(s, e) for s, e, _ in r["found"]}) for r in rows)
        per_set[held_out] = {"rules": strict_f1(rows, held_out), "rules + learned filter": strict_f1(rows, held_out, dropped),
                             "dropped": len(dropped), "gold places no rule proposed": unproposed}
    mean = {system: round(float(np.mean([s[system]["f1"] for s in per_set.values()])), 4)
            for system in ("rules", "rules + learned filter")}
    report = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
              "model": {"kind": "logistic regression", "C": STRENGTH, "threshold": THRESHOLD},
              "mean_strict_f1": mean, "sets": per_set}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("| set | rules F1 | + learned filter F1 | dropped | false positives → | misses |")
    print("|---|---|---|---|---|---|")
    for name, s in per_set.items():
        a, b = s["rules"], s["rules + learned filter"]
        print(f"| {name} | {a['f1']:.3f} | {b['f1']:.3f} | {s['dropped']} | {a['false_positives']} → "
              f"{b['false_positives']} | {a['misses']} → {b['misses']} |")
    print(f"mean strict F1: rules {mean['rules']:.3f}, with the learned filter {mean['rules + learned filter']:.3f}")


if __name__ == "__main__":
    main()
