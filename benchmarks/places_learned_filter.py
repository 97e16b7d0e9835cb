"""PLACE: learned decisions over the rules' candidates, by leave-one-set-out, beside the rules alone.

Usage:
    python benchmarks/places_learned_filter.py [--out FILE]

Every hand-labelled PLACE set (dev, test, places, places2–37) is run through the rule pipeline (no classifier).
Two learned decisions, each a logistic regression trained on every set but one and applied to the held-out set
(kept where p ≥ 0.5):

- *learned filter*: each place the rules find is a candidate with features (the string, the characters around it,
  its length and last character, its gazetteer level, whether it has a code or several candidates, whether the
  example has a home place and the place is under it, how often the string recurs); the model keeps or drops it.
- *learned decision*: every match of the candidate stages (``PlaceRecognizer.candidates``), the ones the rules'
  decisions drop as well (a place starting a name, inside a title …), with the same features plus the rules'
  verdict, whether the match starts a name by the rules, and whether it starts and ends on a segmentation
  boundary; the model decides each anew, so it can also take back what the rules drop.

Reported per set: strict PLACE F1 of the rules alone and of each learned decision, and the gold places no candidate
stage proposed (no decision can recover them).
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
from govdoc_nlp.extensions import doc_text

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "corpora" / "labelled"
SETS = ("dev", "test", "places", *(f"places{k}" for k in range(2, 38)))
STRENGTH, THRESHOLD = 1.0, 0.5


def candidates(nlp, name: str) -> list[dict]:
    """Per PLACE-labelled example of set ``name``: its text, home place, gold spans, the rules' places
    (``found``) and the candidate stages' matches the rules' decisions drop (``dropped``: start, end, reading,
    whether the rules read it as the start of a name)."""
    examples = [ex for ex in read_labelled_set(LABELLED / f"{name}.jsonl")
                if ex.spans is not None and "PLACE" in ex.span_labels]
    recognizer = nlp.get_pipe("govdoc_places")
    with nlp.select_pipes(disable=["govdoc_classifier"]):
        docs = list(nlp.pipe(make_doc_with_place(nlp, ex.text, ex.meta.get("place")) for ex in examples))
    rows = []
    for ex, doc in zip(examples, docs):
        offsets, text, home = doc._.offset_map, doc_text(doc), recognizer.home_record(doc)
        kept = {(e.start_char, e.end_char): e._.place or {} for e in doc.ents if e.label_ == "PLACE"}
        matches = recognizer.candidates(text, home.adcode if home is not None and home.adcode else "")
        token_starts = {t.idx for t in doc}
        token_ends = {t.idx + len(t) for t in doc}
        spans = [(s, e, place, True) for (s, e), place in kept.items()]
        spans += [(s, e, recognizer.names.resolve(text[s:e], home), False) for s, e in matches if (s, e) not in kept]
        found, dropped = [], []
        for s, e, place, is_kept in spans:
            flags = {"starts_name": bool(recognizer.starts_a_name(text, s, e)),
                     "on_tokens": s in token_starts and e in token_ends}
            (found if is_kept else dropped).append((*offsets.span_to_raw(s, e), place, flags))
        rows.append({"text": ex.text, "home": ex.meta.get("place"),
                     "gold": {(s.start, s.end) for s in ex.spans if s.label == "PLACE"},
                     "found": found, "dropped": dropped})
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


def decision_features(row: dict, start: int, end: int, place: dict, flags: dict, kept: bool) -> dict:
    """What the learned decision reads of one match: the filter's features, the rules' verdict and flags, and the
    verdict joined with the characters around and the level (the rules' exceptions differ by context)."""
    out = features(row, start, end, place)
    text = row["text"]
    out.update({"rules_keep": int(kept), "starts_name": int(flags["starts_name"]), "on_tokens": int(flags["on_tokens"])})
    for key in (f"left1={text[start - 1:start]}", f"right1={text[end:end + 1]}", f"right2={text[end:end + 2]}",
                f"level={place.get('level')}"):
        out[f"rules_keep={int(kept)}&{key}"] = 1
    return out


def table(rows_by_set: dict[str, list[dict]], names, every_match: bool = False
          ) -> tuple[list[dict], np.ndarray, list[tuple]]:
    """Feature dicts, labels (the candidate is a gold place) and keys (set, example, start, end) of ``names``: the
    rules' places, or with ``every_match`` the dropped matches too (features of the learned decision)."""
    x, y, keys = [], [], []
    for name in names:
        for k, row in enumerate(rows_by_set[name]):
            spans = [(s, e, place, flags, True) for s, e, place, flags in row["found"]]
            if every_match:
                spans += [(s, e, place, flags, False) for s, e, place, flags in row["dropped"]]
            for start, end, place, flags, kept in spans:
                x.append(decision_features(row, start, end, place, flags, kept) if every_match
                         else features(row, start, end, place))
                y.append(int((start, end) in row["gold"]))
                keys.append((name, k, start, end))
    return x, np.array(y), keys


def learned_keys(rows_by_set: dict[str, list[dict]], held_out: str, every_match: bool) -> tuple[set, set]:
    """The candidates of ``held_out`` a model trained on the other sets keeps, and those it does not."""
    x, y, _ = table(rows_by_set, [name for name in rows_by_set if name != held_out], every_match)
    x_test, _, keys = table(rows_by_set, [held_out], every_match)
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=STRENGTH, max_iter=5000).fit(vectorizer.fit_transform(x), y)
    keep = model.predict_proba(vectorizer.transform(x_test))[:, 1] >= THRESHOLD
    return {key for key, k in zip(keys, keep) if k}, {key for key, k in zip(keys, keep) if not k}


def strict_f1(rows: list[dict], name: str, dropped: set[tuple] = frozenset(), added: set[tuple] = frozenset()) -> dict:
    """Strict PLACE precision, recall and F1 of one set: the rules' places without ``dropped``, with ``added``."""
    tp = fp = fn = 0
    for k, row in enumerate(rows):
        kept = {(s, e) for s, e, _, _ in row["found"] if (name, k, s, e) not in dropped}
        kept |= {(s, e) for s, e, _, _ in row["dropped"] if (name, k, s, e) in added}
        tp, fp, fn = tp + len(kept & row["gold"]), fp + len(kept - row["gold"]), fn + len(row["gold"] - kept)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / max(1e-9, p + r), 4),
            "true_positives": tp, "false_positives": fp, "misses": fn}


def main() -> None:
    """Leave-one-set-out scores of the rules alone and with the learned filter; print a table, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "places-learned-filter.json")
    args = parser.parse_args()
    nlp = govdoc_nlp.load()
    rows_by_set = {name: candidates(nlp, name) for name in SETS}
    per_set = {}
    for held_out in SETS:
        rows = rows_by_set[held_out]
        _, filtered = learned_keys(rows_by_set, held_out, every_match=False)
        decided, undecided = learned_keys(rows_by_set, held_out, every_match=True)
        unproposed = sum(len(r["gold"] - {(s, e) for s, e, *_ in r["found"] + r["dropped"]}) for r in rows)
        per_set[held_out] = {"rules": strict_f1(rows, held_out),
                             "rules + learned filter": strict_f1(rows, held_out, filtered),
                             "learned decision": strict_f1(rows, held_out, undecided, decided),
                             "dropped by the filter": len(filtered),
                             "gold places no candidate stage proposed": unproposed}
    systems = ("rules", "rules + learned filter", "learned decision")
    mean = {system: round(float(np.mean([s[system]["f1"] for s in per_set.values()])), 4) for system in systems}
    micro = {}
    for system in systems:
        tp = sum(s[system]["true_positives"] for s in per_set.values())
        errors = sum(s[system]["false_positives"] + s[system]["misses"] for s in per_set.values())
        micro[system] = round(2 * tp / (2 * tp + errors), 4)
    report = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
              "model": {"kind": "logistic regression", "C": STRENGTH, "threshold": THRESHOLD},
              "mean_strict_f1": mean, "micro_strict_f1": micro, "sets": per_set}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("| set | rules F1 | + learned filter F1 | learned decision F1 | false positives → | misses → |")
    print("|---|---|---|---|---|---|")
    for name, s in per_set.items():
        a, b, c = (s[system] for system in systems)
        print(f"| {name} | {a['f1']:.3f} | {b['f1']:.3f} | {c['f1']:.3f} | {a['false_positives']} → "
              f"{b['false_positives']}, {c['false_positives']} | {a['misses']} → {b['misses']}, {c['misses']} |")
    for system in systems:
        print(f"{system}: mean strict F1 {mean[system]:.3f}, micro {micro[system]:.3f}")


if __name__ == "__main__":
    main()
