"""Speed, load time and peak memory of the govdoc pipeline, per segmenter, beside segmentation alone.

Usage (after `govdoc setup`): python benchmarks/speed_memory.py [--corpus DIR] [--rounds N] [--out FILE]

Each segmenter runs in a fresh process so that peak resident memory is its own; load time (import and load, the
classifier's model loads on first use) is the median of five more fresh processes. Within a
process, "segmentation alone" (the segmenter's own cut(), no cleaning, no spaCy Doc), the rule pipeline
(cleaning + segmentation + Doc + slogans, places, metrics, sentences, sections; the classifier disabled) and the
whole pipeline (the sentence classifier too) run over the same corpus in rounds; the best round of each is
reported. Segmentation alone and the rule pipeline alternate document by document, and the overhead of the rules
is the median round's ratio of the two. The classifier's sentences/s is its share of the time: whole minus rules.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "provincial-2026"
SEGMENTERS = ("pkuseg", "jieba", "char")


def worker(segmenter: str, corpus: Path, rounds: int) -> dict:
    """Measure one segmenter in this process."""
    started = time.perf_counter()
    import govdoc_nlp

    nlp = govdoc_nlp.load(segmenter)
    load_seconds = time.perf_counter() - started
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    chars = sum(len(t) for t in texts)
    nlp(texts[0])  # warm-up: first-use caches (jieba dictionary, per-place indexes)
    segment = nlp.tokenizer.segment
    best = {"segmentation": float("inf"), "rules": float("inf"), "pipeline": float("inf")}
    ratios = []
    sentences = 0
    for _ in range(rounds):
        # Segmentation alone and the rule pipeline take turns document by document, so that the machine's
        # drifts in speed (several % on this VM) fall on both alike; the overhead is the median round's ratio.
        seconds = {"segmentation": 0.0, "rules": 0.0}
        with nlp.select_pipes(disable=["govdoc_classifier"]):
            for text in texts:
                t0 = time.perf_counter()
                segment(text)
                t1 = time.perf_counter()
                nlp(text)
                seconds["segmentation"] += t1 - t0
                seconds["rules"] += time.perf_counter() - t1
        ratios.append(seconds["rules"] / seconds["segmentation"])
        for key, value in seconds.items():
            best[key] = min(best[key], value)
        t0 = time.perf_counter()
        sentences = sum(1 for text in texts for s in nlp(text).sents if s._.label is not None)
        best["pipeline"] = min(best["pipeline"], time.perf_counter() - t0)
    import torch

    return {
        "segmenter": segmenter,
        "documents": len(texts),
        "chars": chars,
        "load_seconds": round(load_seconds, 2),
        "segmentation_chars_per_s": round(chars / best["segmentation"]),
        "rules_chars_per_s": round(chars / best["rules"]),
        "overhead_vs_segmentation": round(sorted(ratios)[len(ratios) // 2] - 1, 3),
        "overhead_per_round": [round(r - 1, 3) for r in ratios],
        "pipeline_chars_per_s": round(chars / best["pipeline"]),
        "classifier_sentences": sentences,
        "classifier_sentences_per_s": round(sentences / (best["pipeline"] - best["rules"])),
        "torch_threads": torch.get_num_threads(),
        "peak_rss_mb_after_load": round(rss_after_load / 1024),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


LOAD_RUNS = 5


def fresh_process_seconds(statements: str) -> float:
    """Seconds that ``statements`` (imports included) take in a fresh Python process."""
    code = f"import time; t = time.perf_counter(); {statements}; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(float(done.stdout.split()[-1]), 2)


def load_seconds(segmenter: str, runs: int = LOAD_RUNS) -> list[float]:
    """Seconds to import govdoc_nlp and load the pipeline, each in a fresh process (one run is noisy here)."""
    return [fresh_process_seconds(f"import govdoc_nlp; govdoc_nlp.load({segmenter!r})") for _ in range(runs)]


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    import spacy

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "spacy": spacy.__version__, "platform": platform.platform()}


def main() -> None:
    """Run every segmenter in its own process and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "speed-memory.json")
    parser.add_argument("--worker", choices=SEGMENTERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.corpus, args.rounds)))
        return
    results = []
    for segmenter in SEGMENTERS:
        out = subprocess.run([sys.executable, __file__, "--worker", segmenter, "--corpus", str(args.corpus),
                              "--rounds", str(args.rounds)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        loads = load_seconds(segmenter)
        results[-1].update(load_seconds_runs=loads, load_seconds_median=sorted(loads)[len(loads) // 2])
    corpus = args.corpus.resolve()
    shown = corpus.relative_to(ROOT.parent) if corpus.is_relative_to(ROOT.parent) else corpus
    report = {"machine": machine(), "corpus": f"../{shown}", "rounds": args.rounds, "results": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"| segmenter | load s (median of {LOAD_RUNS}) | segmentation alone chars/s | rule pipeline chars/s | overhead | "
          "with classifier chars/s | classifier sentences/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['segmenter']} | {r['load_seconds_median']} | {r['segmentation_chars_per_s']:,} | "
              f"{r['rules_chars_per_s']:,} | {r['overhead_vs_segmentation']:.1%} | {r['pipeline_chars_per_s']:,} | "
              f"{r['classifier_sentences_per_s']:,} | {r['peak_rss_mb']} |")
    print(f"\n{report['machine']}")


if __name__ == "__main__":
    main()
