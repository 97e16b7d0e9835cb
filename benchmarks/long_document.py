"""Peak memory and time on one very long document, annotated whole and in parts.

Usage (after `govdoc setup`): python benchmarks/long_document.py [--copies 161] [--out FILE]

The document is the founding document repeated ``--copies`` times (161: 5.6 MB of UTF-8, 1.9 M characters), one
record, the whole pipeline with the classifier. Each way runs in a fresh process (peak resident memory is the
process's own), with torch on one thread: "whole" is `nlp(text)` on all of it; "parts" is what `govdoc annotate`
does (`govdoc_nlp.document_parts`, parts of at most PART_CHARS characters cut between sentences).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from speed_memory import machine  # this folder is on the path when the script runs

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = ROOT.parent / "shared" / "corpora" / "seed" / "jiangmen-2025-city-work-report.txt"


def worker(way: str, copies: int) -> dict:
    """Annotate the long document one way in this process."""
    import torch

    torch.set_num_threads(1)
    import govdoc_nlp
    from govdoc_nlp.annotate import annotate_documents
    from govdoc_nlp.document_parts import PART_CHARS
    from govdoc_nlp.io.readers import InputDocument

    nlp = govdoc_nlp.load()
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = (FOUNDING.read_text(encoding="utf-8") + "\n") * copies
    part_chars = PART_CHARS if way == "parts" else len(text) + 1
    parts = []
    started = time.perf_counter()
    record = next(annotate_documents(nlp, [InputDocument(id="long", source="long", text=text, meta={})],
                                     part_chars=part_chars, part_done=lambda chars, left: parts.append(chars)))
    seconds = time.perf_counter() - started
    return {"way": way, "chars": len(text), "utf8_mb": round(len(text.encode("utf-8")) / 2**20, 1),
            "parts": max(1, len(parts)), "seconds": round(seconds, 1), "sentences": len(record["sents"]),
            "entities": len(record["ents"]), "peak_rss_mb_after_load": round(rss_after_load / 1024),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    """Run both ways, each in its own process, and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=161)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "long-document.json")
    parser.add_argument("--worker", choices=("whole", "parts"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.copies)))
        return
    results = []
    for way in ("parts", "whole"):
        done = subprocess.run([sys.executable, __file__, "--worker", way, "--copies", str(args.copies)],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(results[-1], flush=True)
    report = {"machine": machine(),
              "copies": args.copies, "results": results}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
