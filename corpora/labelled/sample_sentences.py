"""Draw sentences for hand labelling: a fixed stride through each document's cleaned text, as plain text only.

Run from the project root, e.g.
``python corpora/labelled/sample_sentences.py --per-doc 34 --out /tmp/s.tsv provincial-2026/云南省-2026.txt …``
(paths relative to ``--corpora``, default ``../shared/corpora``). Writes ``id, doc, source, start, end, text``
(``start``/``end``: offsets into the document's cleaned text) and, with ``--texts DIR``, each cleaned document as
``DIR/<doc>.txt`` so that a labeller can read a sentence in its place. The pipeline's output is never written:
sets are labelled blind.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.io.readers import read_text_file
from govdoc_nlp.sentences.splitter import sentence_boundaries

MIN_CHARS = 4


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
    args = parser.parse_args()
    rows = []
    for relative in args.documents:
        path = args.corpora / relative
        text = clean_text(read_text_file(path).text).text
        doc = Path(relative).stem
        if args.texts:
            args.texts.mkdir(parents=True, exist_ok=True)
            (args.texts / f"{doc}.txt").write_text(text, encoding="utf-8")
        for start, end, sentence in stride_sample(document_sentences(text), args.per_doc, args.offset):
            rows.append((f"{args.prefix}{len(rows) + 1:04d}", doc, relative, start, end, sentence))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "doc", "source", "start", "end", "text"])
        writer.writerows(rows)
    print(f"{len(rows)} sentences from {len(args.documents)} documents in {args.out}")


if __name__ == "__main__":
    main()
