"""SectionSplitter: which part of the report each stretch of text belongs to (rules in data/section_rules.tsv).

Work reports share one outline: a review of the past year or five years (with a paragraph admitting
difficulties), then the plan for the coming year (targets and tasks), sometimes a glossary or appendix.
The section is context for the sentence classifier and the source of its weak labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.data_files import read_tsv
from govdoc_nlp.extensions import SECTIONS_KEY, doc_text

SECTIONS = ("preamble", "review", "problems", "plan", "appendix")
_TOP_HEADING = re.compile(r"^(?:#+\s*)?(?:[一二三四五六七八九十]+、)")
MAX_HEADING = 40


@dataclass(frozen=True)
class SectionRules:
    """Compiled section rules."""

    heading: tuple[tuple[str, re.Pattern[str]], ...]
    line: tuple[tuple[str, re.Pattern[str]], ...]
    paragraph: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def section_rules() -> SectionRules:
    """Read data/section_rules.tsv."""
    by_scope: dict[str, list] = {"heading": [], "line": [], "paragraph": []}
    for row in read_tsv("section_rules.tsv"):
        if row["section"] not in SECTIONS or row["scope"] not in by_scope:
            raise ValueError(f"section_rules.tsv: bad row {row}")
        by_scope[row["scope"]].append((row["section"], re.compile(row["pattern"])))
    return SectionRules(*(tuple(by_scope[k]) for k in ("heading", "line", "paragraph")))


def find_sections(text: str) -> list[tuple[int, int, str]]:
    """(start, end, section) ranges covering ``text``, one per line, in order."""
    rules = section_rules()
    current = "preamble"
    ranges: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        section = None
        if stripped and len(stripped) <= MAX_HEADING and _TOP_HEADING.match(stripped):
            section = next((name for name, pattern in rules.heading if pattern.search(stripped)), None)
            if section is None and current == "preamble":
                section = "review"  # every report opens with its review, whatever the first heading says
            if section is not None:
                current = section
        if section is None:
            section = next((name for name, pattern in rules.line if pattern.search(stripped)), None)
            if section is not None:
                current = section
        if section is None:
            section = next((name for name, pattern in rules.paragraph if pattern.search(stripped)), current)
        ranges.append((start, end, section))
    return ranges


class SectionSplitter:
    """Stores the report's sections on the Doc; ``span._.section`` reads the section of a span's start."""

    def __init__(self, nlp: Language, name: str = "govdoc_sections") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Find the sections of ``doc``."""
        doc.user_data[SECTIONS_KEY] = find_sections(doc_text(doc))
        return doc

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Nothing to save: the rules are package data files."""
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: Path, exclude: tuple = ()) -> "SectionSplitter":
        """Nothing to load."""
        return self


@Language.factory("govdoc_sections", assigns=["doc._.sections", "span._.section"])
def make_section_splitter(nlp: Language, name: str) -> SectionSplitter:
    """spaCy factory for :class:`SectionSplitter`."""
    return SectionSplitter(nlp, name)
