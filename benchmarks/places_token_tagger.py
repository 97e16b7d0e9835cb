"""A PLACE token tagger fine-tuned from a pretrained Chinese BERT, beside the rules, on sets the tagger never saw.

Usage: python benchmarks/places_token_tagger.py [--base m3e-small|FOLDER] [--epochs 2] [--held-out places34 …]
[--out FILE]

Trains a B/I/O token classifier on every PLACE-labelled set but the held-out ones (dev, test, places, places2 …),
then scores on the held-out sets, strict span F1: the tagger alone (argmax, and its spans kept above a confidence),
the rules alone (the shipped pipeline, as ``govdoc benchmark`` runs it), and the ways the two could be joined — the
rules plus the tagger's spans that overlap none of theirs, plus the tagger's spans among the candidates the rules
drop, and the rules less the places the tagger does not tag. A question for issue 15's option (b), a contextual
classifier: does it find what the gazetteer lacks without losing what the rules get right? On 2 CPU cores with
m3e-small (`govdoc fetch-base m3e-small`) two epochs take about 20 minutes; ``--base`` takes any BERT folder.
The held-out sets are unseen by the tagger, not by the rules: rows were added after places34–36's first runs
(0.873, 0.952, 0.906 and places37's 0.846 are the rules' first runs).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path

import govdoc_nlp
from govdoc_nlp.evaluate.labelled_set import read_labelled_set
from place_reader_agreement import f1  # benchmarks/, on sys.path when run from there
from places_learned_filter import LABELLED, SETS, candidates

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ("places34", "places35", "places36", "places37")
LABELS = ("O", "B", "I")
MAX_TOKENS = 192
BATCH = 16


def token_labels(offsets: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[int]:
    """B/I/O per token from its character offsets (-100 for special tokens)."""
    labels = []
    for s, e in offsets:
        if s == e:
            labels.append(-100)
        elif any(s == a for a, _ in spans):
            labels.append(1)
        elif any(a < s < b for a, b in spans):
            labels.append(2)
        else:
            labels.append(0)
    return labels


def train(base: Path, sets: list[str], epochs: int, seed: int = 0):
    """The tagger fine-tuned on ``sets`` (AdamW, warm-up then linear decay, length-bucketed batches)."""
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(base)
    data = []
    for name in sets:
        for ex in read_labelled_set(LABELLED / f"{name}.jsonl"):
            spans = [(s.start, s.end) for s in ex.spans if s.label == "PLACE"]
            enc = tokenizer(ex.text, return_offsets_mapping=True, truncation=True, max_length=MAX_TOKENS)
            data.append((enc["input_ids"], token_labels(enc["offset_mapping"], spans)))
    model = AutoModelForTokenClassification.from_pretrained(base, num_labels=len(LABELS))
    optimiser = torch.optim.AdamW(model.parameters(), lr=8e-5, weight_decay=0.01)
    total = epochs * math.ceil(len(data) / BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, (s + 1) / 100) * max(0.0, 1 - s / total))
    model.train()
    for epoch in range(epochs):
        order = sorted(range(len(data)), key=lambda i: len(data[i][0]) + rng.random() * 8)
        batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
        rng.shuffle(batches)
        for batch in batches:
            width = max(len(data[i][0]) for i in batch)
            ids = torch.tensor([data[i][0] + [0] * (width - len(data[i][0])) for i in batch])
            labels = torch.tensor([data[i][1] + [-100] * (width - len(data[i][1])) for i in batch])
            loss = model(input_ids=ids, attention_mask=(ids != 0).long(), labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
        print(f"epoch {epoch + 1} of {epochs} done, {len(data)} rows", flush=True)
    return tokenizer, model.eval()


def tagged_spans(tokenizer, model, text: str) -> list[tuple[int, int, float]]:
    """The tagger's PLACE spans in ``text``, each with its confidence (the least P(not O) over its tokens)."""
    import torch

    enc = tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=512, return_tensors="pt")
    offsets = enc.pop("offset_mapping")[0].tolist()
    with torch.no_grad():
        probs = model(**enc).logits[0].softmax(-1).tolist()
    spans, current = [], None
    for (s, e), p in zip(offsets, probs):
        if s == e:
            continue
        label = max(range(len(LABELS)), key=lambda k: p[k])
        if label == 1 or (label == 2 and current is None):
            if current:
                spans.append(current)
            current = [s, e, 1 - p[0]]
        elif label == 2:
            current[1], current[2] = e, min(current[2], 1 - p[0])
        elif current:
            spans.append(current)
            current = None
    if current:
        spans.append(current)
    return [tuple(s) for s in spans]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def joined(rules: set, dropped: set, tagged: list[tuple[int, int, float]]) -> dict[str, set]:
    """Each way of joining the rules' places (and the candidates they drop) with the tagger's spans."""
    spans = {(s, e) for s, e, _ in tagged}
    ways = {"rules": rules, "tagger": spans,
            "tagger, confidence >= 0.8": {(s, e) for s, e, c in tagged if c >= 0.8},
            "rules less places the tagger leaves untagged": {r for r in rules if any(_overlaps(r, t) for t in spans)}}
    for threshold in (0.5, 0.8, 0.95):
        new = {(s, e) for s, e, c in tagged if c >= threshold and not any(_overlaps((s, e), r) for r in rules)}
        ways[f"rules + the tagger's new spans >= {threshold}"] = rules | new
    for threshold in (0.5, 0.8):
        ways[f"rules + dropped candidates the tagger tags >= {threshold}"] = rules | {
            (s, e) for s, e, c in tagged if c >= threshold and (s, e) in dropped}
    return ways


def scores(pairs: list[tuple[set, set]]) -> dict:
    """Strict precision, recall and F1 over (gold, predicted) span sets."""
    return f1([gold for gold, _ in pairs], [predicted for _, predicted in pairs])


def main() -> None:
    """Train on all but the held-out sets, then score every way of using the tagger on the held-out ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="m3e-small", help="a packaged base's name or a BERT folder")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--held-out", nargs="+", default=list(HELD_OUT))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "places-token-tagger.json")
    args = parser.parse_args()
    base = Path(args.base)
    if not base.is_dir():
        from govdoc_nlp.resources.bases import fetch_base

        base = fetch_base(args.base)
    started = time.time()
    tokenizer, model = train(base, [s for s in SETS if s not in args.held_out], args.epochs)
    trained = time.time() - started
    nlp = govdoc_nlp.load()
    report = {"base": args.base, "epochs": args.epochs, "train_seconds": round(trained),
              "trained_on": [s for s in SETS if s not in args.held_out], "sets": {}}
    totals: dict[str, list] = {}
    for name in args.held_out:
        rows = candidates(nlp, name)
        per_way: dict[str, list] = {}
        for row in rows:
            tagged = tagged_spans(tokenizer, model, row["text"])
            rules = {(s, e) for s, e, *_ in row["found"]}
            dropped = {(s, e) for s, e, *_ in row["dropped"]}
            for way, spans in joined(rules, dropped, tagged).items():
                per_way.setdefault(way, []).append((row["gold"], spans))
        report["sets"][name] = {way: scores(pairs) for way, pairs in per_way.items()}
        for way, pairs in per_way.items():
            totals.setdefault(way, []).extend(pairs)
    report["micro"] = {way: scores(pairs) for way, pairs in totals.items()}
    for way, s in report["micro"].items():
        print(f"{way:55s} micro F1 {s['f1']:.3f} (P {s['precision']:.3f}, R {s['recall']:.3f})")
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
