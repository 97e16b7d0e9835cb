"""Report sections over the shared corpora: the share of sentences in each section, per document.

Sentences as the weak labels see them (govdoc_nlp.classify.weak_labels: four characters or more).

Usage: python benchmarks/sections.py [--corpora ../shared/corpora] [--out benchmarks/results/sections.json]

Lists the reports (national, provincial, county, city) in which no review or no plan part was recognised, each with
the reason benchmarks/sections_explained.tsv gives (a report without one is flagged: explain it or fix the rules),
and sums up the five-year plans and policy documents, which have other outlines (a plan has no review of a past
year as a rule; a policy document is a plan of measures).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from govdoc_nlp.classify.weak_labels import sentences_with_sections
from govdoc_nlp.io.readers import read_text_file
from govdoc_nlp.sections.splitter import SECTIONS

ROOT = Path(__file__).resolve().parents[1]
REPORT_FOLDERS = ("national", "provincial-2026", "county-hailar", "seed")
EXPLAINED = ROOT / "benchmarks" / "sections_explained.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "sections.json")
    args = parser.parse_args()
    documents = {}
    for folder in sorted(p for p in args.corpora.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            sections = [section for _, section, _ in sentences_with_sections(read_text_file(path).text)]
            counts = Counter(sections)
            documents[f"{folder.name}/{path.name}"] = {
                "sentences": len(sections),
                "share": {s: round(counts[s] / len(sections), 3) for s in SECTIONS if counts[s]} if sections else {}}
    reasons = {row["document"]: row["reason"] for row in csv.DictReader(
        (line for line in EXPLAINED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")),
        delimiter="\t")}
    missing = {name: {"missing": sorted({"review", "plan"} - set(doc["share"])), "reason": reasons.get(name)}
               for name, doc in documents.items()
               if name.split("/")[0] in REPORT_FOLDERS and not {"review", "plan"} <= set(doc["share"])}
    by_folder: dict[str, Counter] = {}
    for name, doc in documents.items():
        folder = by_folder.setdefault(name.split("/")[0], Counter())
        for section, share in doc["share"].items():
            folder[section] += share * doc["sentences"]
    summary = {folder: {s: round(n / sum(c.values()), 3) for s, n in c.most_common()} for folder, c in by_folder.items()}
    args.out.write_text(json.dumps({"folders": summary, "reports_missing_review_or_plan": missing,
                                    "documents": documents}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for folder, shares in summary.items():
        print(f"{folder:18s} " + "  ".join(f"{s} {v:.1%}" for s, v in shares.items()))
    print(f"\n{len(missing)} reports without a recognised review or plan part:")
    for name, found in missing.items():
        print(f"  {name}: no {' or '.join(found['missing'])}. {found['reason'] or 'NOT EXPLAINED'}")
    unexplained = [name for name, found in missing.items() if not found["reason"]]
    if unexplained:
        raise SystemExit(f"{len(unexplained)} without a reason in {EXPLAINED.name}: {', '.join(unexplained)}")


if __name__ == "__main__":
    main()
