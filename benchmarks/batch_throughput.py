"""Throughput of corpus annotation: 1 and 2 workers, local processes and Ray, on the shared corpus.

Usage (after `govdoc setup`): python benchmarks/batch_throughput.py [--corpus DIR] [--segmenter pkuseg]

Each configuration runs in a fresh process through ``run_annotation`` (the code path of `govdoc annotate`),
writing to a temporary folder. Reported: documents/s and chars/s over the whole run (pipeline loading
included), and the largest peak resident memory any worker reported (each worker, process or Ray actor,
reports its own). A plot goes beside the JSON results.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora"
CONFIGS = tuple((engine, workers, classifier, None) for classifier in (True, False)
                for engine, workers in (("local", 1), ("local", 2), ("ray", 1), ("ray", 2)))
# One worker whose classifier may use one core only: the same work per worker as with two workers, so the
# speed-up of two workers over it is the engine's own scaling (one worker normally gives torch every core).
CONFIGS += (("local", 1, True, 1),)


def measure(engine: str, workers: int, classifier: bool, corpus: Path, segmenter: str,
            torch_threads: int | None = None) -> dict:
    """Run one configuration in this process (``torch_threads``: limit the one local worker's classifier)."""
    from govdoc_nlp.batch.runner import run_annotation

    if torch_threads is not None:
        import torch

        torch.set_num_threads(torch_threads)

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        summary = run_annotation([corpus], Path(tmp) / "out.jsonl", segmenter=segmenter, engine=engine,
                                 workers=workers, progress=False, classifier=classifier)
        seconds = time.perf_counter() - started
    return {"engine": engine, "workers": workers, "classifier": classifier, "torch_threads_one_worker": torch_threads,
            "segmenter": segmenter, "documents": summary.documents,
            "failed": len(summary.failures), "chars": summary.chars, "seconds": round(seconds, 1),
            "docs_per_s": round(summary.documents / seconds, 2), "chars_per_s": round(summary.chars / seconds),
            "peak_rss_mb_per_worker": round(summary.worker_peak_rss_mb)}


def plot(results: list[dict], path: Path) -> bool:
    """Throughput against workers, one line per engine and pipeline (needs matplotlib: pip install
    'govdoc-nlp[bench]')."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(5, 3.5))
    default = [r for r in results if not r.get("torch_threads_one_worker")]
    for engine, classifier in sorted({(r["engine"], r["classifier"]) for r in default}):
        rows = sorted((r for r in default if (r["engine"], r["classifier"]) == (engine, classifier)),
                      key=lambda r: r["workers"])
        label = f"{engine}, {'whole pipeline' if classifier else 'no classifier'}"
        ax.plot([r["workers"] for r in rows], [r["chars_per_s"] for r in rows], marker="o", label=label,
                linestyle="-" if classifier else "--")
    ax.set_xlabel("workers")
    ax.set_ylabel("characters / second")
    ax.set_xticks(sorted({r["workers"] for r in results}))
    ax.set_title(f"govdoc annotate, {results[0]['segmenter']}, {results[0]['documents']} documents")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return True


def main() -> None:
    """Run every configuration in its own process; write JSON and the plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--segmenter", default="pkuseg")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "batch-throughput.json")
    parser.add_argument("--config", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.config:
        engine, workers, classifier, *threads = args.config.split(":")
        print(json.dumps(measure(engine, int(workers), classifier == "on", args.corpus, args.segmenter,
                                 int(threads[0]) if threads else None)))
        return
    from speed_memory import machine

    results = []
    for engine, workers, classifier, threads in CONFIGS:
        config = f"{engine}:{workers}:{'on' if classifier else 'off'}" + (f":{threads}" if threads else "")
        done = subprocess.run([sys.executable, __file__, "--config", config, "--corpus",
                               str(args.corpus), "--segmenter", args.segmenter], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{config} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(results[-1], file=sys.stderr)
    report = {"machine": machine(), "results": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    drew = plot(results, args.out.with_suffix(".png"))
    default = [r for r in results if not r.get("torch_threads_one_worker")]
    one = {(r["engine"], r["classifier"]): r["chars_per_s"] for r in default if r["workers"] == 1}
    local = {(r["workers"], r["classifier"]): r["chars_per_s"] for r in default if r["engine"] == "local"}
    print("| classifier | engine | workers | docs/s | chars/s | vs 1 worker | vs local | peak RSS per worker MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in default:
        key = (r["engine"], r["classifier"])
        speedup = r["chars_per_s"] / one[key] if key in one else float("nan")
        versus = r["chars_per_s"] / local.get((r["workers"], r["classifier"]), float("nan"))
        print(f"| {'yes' if r['classifier'] else 'no'} | {r['engine']} | {r['workers']} | {r['docs_per_s']} | "
              f"{r['chars_per_s']:,} | {speedup:.2f}× | {versus:.2f} | {r['peak_rss_mb_per_worker'] or 'n/a'} |")
    for r in results:
        if r.get("torch_threads_one_worker") and (2, r["classifier"]) in local:
            print(f"one local worker, classifier on {r['torch_threads_one_worker']} torch thread(s): "
                  f"{r['chars_per_s']:,} chars/s; two workers are {local[(2, r['classifier'])] / r['chars_per_s']:.2f}× that")
    if not drew:
        print("(no plot: pip install 'govdoc-nlp[bench]' for matplotlib)")


if __name__ == "__main__":
    main()
