"""Draw sentences for hand labelling: a fixed stride through each document's cleaned text, as plain text only.

Run from the project root, e.g.
``python corpora/labelled/sample_sentences.py --per-doc 34 --out /tmp/s.tsv provincial-2026/云南省-2026.txt …``
(paths relative to ``--corpora``, default ``../shared/corpora``). Writes ``id, doc, source, start, end, text``
(``start``/``end``: offsets into the document's cleaned text) and, with ``--texts DIR``, each cleaned document as
``DIR/<doc>.txt`` so that a labeller can read a sentence in its place. The pipeline's output is never written:
sets are labelled blind. ``--unit paragraph`` draws paragraphs (lines of 30–400 characters) instead of sentences,
for excerpts scored alone; ``--exclude SET.jsonl …`` skips any sentence or paragraph that holds, or is, a
sentence of those labelled sets (new sets at unused positions).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.io.readers import read_text_file
from govdoc_nlp.sentences.splitter import sentence_boundaries

MIN_CHARS = 4
PARAGRAPH_CHARS = (30, 400)


def document_sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of every non-blank sentence of a cleaned text, offsets without outer spaces."""
    cuts = sorted(sentence_boundaries(text) | {0, len(text)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        stripped = piece.strip()
        if len(stripped) >= MIN_CHARS:
            begin = start + len(piece) - len(piece.lstrip())
            out.append((begin, begin + len(stripped), stripped))
    return out


def document_paragraphs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, paragraph) of every line of a cleaned text with 30–400 characters, without outer spaces."""
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if PARAGRAPH_CHARS[0] <= len(stripped) <= PARAGRAPH_CHARS[1]:
            begin = pos + len(line) - len(line.lstrip())
            out.append((begin, begin + len(stripped), stripped))
        pos += len(line) + 1
    return out


def labelled_texts(paths: list[Path]) -> set[str]:
    """The text of every row of these labelled JSONL sets."""
    return {json.loads(line)["text"] for path in paths for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()}


def stride_sample(sentences: list, per_doc: int, offset: int) -> list:
    """``per_doc`` items at an even stride, starting ``offset`` items in (all of them when there are fewer)."""
    if len(sentences) <= per_doc:
        return sentences
    step = len(sentences) / per_doc
    return [sentences[min(len(sentences) - 1, int(offset + k * step))] for k in range(per_doc)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="+")
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--per-doc", type=int, default=34)
    parser.add_argument("--offset", type=int, default=3, help="first stride position (differs from earlier sets)")
    parser.add_argument("--prefix", default="s")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--texts", type=Path)
    parser.add_argument("--unit", choices=("sentence", "paragraph"), default="sentence")
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    used = labelled_texts(args.exclude)
    split = document_paragraphs if args.unit == "paragraph" else document_sentences
    rows = []
    for relative in args.documents:
        path = args.corpora / relative
        text = clean_text(read_text_file(path).text).text
        doc = Path(relative).stem
        if args.texts:
            args.texts.mkdir(parents=True, exist_ok=True)
            (args.texts / f"{doc}.txt").write_text(text, encoding="utf-8")
        items = [item for item in split(text) if not any(t in item[2] for t in used)]
        for start, end, sentence in stride_sample(items, args.per_doc, args.offset):
            rows.append((f"{args.prefix}{len(rows) + 1:04d}", doc, relative, start, end, sentence))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "doc", "source", "start", "end", "text"])
        writer.writerows(rows)
    print(f"{len(rows)} {args.unit}s from {len(args.documents)} documents in {args.out}")


if __name__ == "__main__":
    main()
