"""SectionSplitter: which part of the report each line belongs to, and the heading it stands under.

Work reports share one outline: a review of the past year or five years (with a paragraph admitting difficulties),
then the plan for the coming year or plan period, sometimes a glossary or appendix. Headings are found by their
layout (numbering in ``data/heading_numbering.tsv``, or a short line without sentence-final punctuation) and
placed by their words (``data/section_rules.tsv``), not by a list of known headings. A part that cannot be placed
is ``unknown``: the sentence classifier then reads the sentence alone. The preamble is only the opening lines
before the first paragraph of body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.han import is_han
from govdoc_nlp.data_files import DataFileError, parse_tsv
from govdoc_nlp.extensions import SECTIONS_KEY, WHOLE_DOCUMENT_KEY, doc_text
from govdoc_nlp.labels import SECTIONS
from govdoc_nlp.rule_files import RuleFileComponent, RuleFiles
from govdoc_nlp.saved_files import BytesFromFiles
from govdoc_nlp.years import WRITTEN_YEAR, year_value

PLACED = ("review", "problems", "plan", "appendix")
RULE_SCOPES = ("heading", "line", "opener", "paragraph")
UNNUMBERED_HEADING_CHARS = 30
BODY_CHARS = 60  # a line this long is body text: the preamble is over
TENTATIVE_REVIEW = "review?"
_SENTENCE_END = re.compile(r"[。！？!?；;：:]$")
_PROCEDURE = re.compile(r"报告工作|请予审议|作政府工作报告|提出意见")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)年.{0,30}?(?:政府工作报告|报告|预算|计划|规划)")
_QUOTED = re.compile(r"“[^”]{1,12}”")
_FIRST_SENTENCE = re.compile(r"[^。！？]*")


class SectionRange(NamedTuple):
    """A line of the text: its offsets, its section and the heading it stands under ("" before any)."""

    start: int
    end: int
    section: str
    heading: str


@dataclass(frozen=True)
class SectionRules:
    """Compiled section rules and heading numbering."""

    heading: tuple[tuple[str, re.Pattern[str]], ...]
    line: tuple[tuple[str, re.Pattern[str]], ...]
    opener: tuple[tuple[str, re.Pattern[str]], ...]
    paragraph: tuple[tuple[str, re.Pattern[str]], ...]
    numbering: tuple[tuple[int, int, re.Pattern[str]], ...]


def _compiled(name: str, row: dict, column: str) -> re.Pattern[str]:
    try:
        return re.compile(row[column])
    except re.error as err:
        raise DataFileError(f"{name}: bad pattern {row[column]!r} ({err})") from None


RULE_FILES = ("section_rules.tsv", "heading_numbering.tsv")


def compile_section_rules(files: RuleFiles) -> SectionRules:
    """Check and compile section_rules.tsv and heading_numbering.tsv."""
    by_scope: dict[str, list] = {scope: [] for scope in RULE_SCOPES}
    rows = parse_tsv("section_rules.tsv", files.texts["section_rules.tsv"], ("section", "scope", "pattern"),
                     {"section": SECTIONS, "scope": RULE_SCOPES})
    for row in rows:
        by_scope[row["scope"]].append((row["section"], _compiled("section_rules.tsv", row, "pattern")))
    numbering = []
    for row in parse_tsv("heading_numbering.tsv", files.texts["heading_numbering.tsv"]):
        if row["level"] not in ("1", "2", "3") or not row["max_chars"].isdigit():
            raise DataFileError(f"heading_numbering.tsv: bad level or max_chars in {row}")
        numbering.append((int(row["level"]), int(row["max_chars"]), _compiled("heading_numbering.tsv", row, "pattern")))
    return SectionRules(*(tuple(by_scope[scope]) for scope in RULE_SCOPES), tuple(numbering))


@lru_cache(maxsize=1)
def section_rules() -> SectionRules:
    """The package's section rules, compiled once."""
    return compile_section_rules(RuleFiles.load(RULE_FILES))


def heading_level(line: str, rules: SectionRules) -> int | None:
    """1 for a heading that opens a part, 2 or 3 for one inside a part, 0 for an unnumbered short heading-like
    line (no sentence-final punctuation), None for body text."""
    for level, max_chars, pattern in rules.numbering:
        if len(line) <= max_chars and pattern.match(line):
            return level
    if len(line) <= UNNUMBERED_HEADING_CHARS and not _SENTENCE_END.search(line) and any(is_han(ch) for ch in line):
        return 0
    return None


def heading_section(heading: str, report_year: int | None, top: bool, rules: SectionRules) -> str | None:
    """The section a heading's words place it in (the earliest word wins); else, for a top heading, review or
    plan by the year it names against the report's year; else None."""
    hits = [(m.start(), section) for section, pattern in rules.heading if (m := pattern.search(heading))]
    if hits:
        return min(hits)[1]
    year = WRITTEN_YEAR.search(heading)
    if top and year and report_year:
        return "review" if year_value(year.group(1)) < report_year else "plan"
    return None


def heading_turn(heading: str, rules: SectionRules) -> tuple[str, str] | None:
    """For a heading that holds the words of two sections and two quoted terms (二、“十三五”时期发展成就和“十四五”
    时期主要目标任务, 一、回顾“十三五”，展望“十四五”): the later section and the last term (plan, “十四五”); the part
    turns to that section at the first paragraph that names the term. None for any other heading."""
    hits = sorted((m.start(), section) for section, pattern in rules.heading if (m := pattern.search(heading)))
    if len({section for _, section in hits}) < 2:
        return None
    later = next(section for _, section in hits if section != hits[0][1])
    terms = [m.group() for m in _QUOTED.finditer(heading)]
    return (later, terms[-1]) if len(set(terms)) > 1 else None


def report_year(text: str, lines: list[str], levels: list[int | None]) -> int | None:
    """The year of the report: from its title near the top, else the latest year in a numbered top heading
    (``levels``: the heading level of each of ``lines``)."""
    if m := _TITLE_YEAR.search(text[:300]):
        return int(m.group(1))
    years = [year_value(m.group(1)) for line, level in zip(lines, levels) if level == 1
             and (m := WRITTEN_YEAR.search(line))]
    return max(years) if years else None


def top_levels(levels: list[int | None], placed_unnumbered: bool) -> list[int | None]:
    """Numbered heading levels moved up so that the highest present is 1: a report whose parts are numbered
    （一）…（五） has them as its parts (the 1958 report), not as sub-headings of nothing. Not where unnumbered
    headings place its parts (过去一年工作回顾 / （一）工业生产稳定增长 …): the numbers are sub-headings there."""
    numbered = [level for level in levels if level]
    shift = min(numbered) - 1 if numbered and not placed_unnumbered else 0
    return [level - shift if level else level for level in levels]


def _first(rules: tuple[tuple[str, re.Pattern[str]], ...], line: str) -> str | None:
    return next((name for name, pattern in rules if pattern.search(line)), None)


def find_sections(text: str, rules: SectionRules | None = None) -> list[SectionRange]:
    """One ``SectionRange`` per line of ``text``, in order, covering it (``rules``: default the package's)."""
    rules = rules or section_rules()
    lines = text.split("\n")
    stripped_lines = [line.strip().lstrip("#").strip() for line in lines]
    levels = [heading_level(stripped, rules) if stripped else None for stripped in stripped_lines]
    levels = top_levels(levels, any(level == 0 and heading_section(stripped, None, False, rules)
                                    for stripped, level in zip(stripped_lines, levels)))
    year = report_year(text, stripped_lines, levels)
    current, body_seen, opened_part = "preamble", False, False
    top_heading = sub_heading = ""
    turn: tuple[str, str] | None = None
    ranges: list[SectionRange] = []
    pos = 0
    for line, stripped, level in zip(lines, stripped_lines, levels):
        start, end = pos, pos + len(line)
        pos = end + 1
        section = None
        if level is not None:
            placed = heading_section(stripped, year, level == 1, rules)
            if level == 1:
                top_heading, sub_heading = stripped, ""
                turn = heading_turn(stripped, rules) if placed is not None else None
                if placed is None and current in ("preamble", "unknown") and not opened_part:
                    placed = TENTATIVE_REVIEW  # the first part of a report is its review, if a plan part follows
                elif placed is None and (body_seen or current == TENTATIVE_REVIEW):
                    # Reports go from review to plan: an unplaced part after the review (its difficulties
                    # included) opens the plan (1994: 二、保持国民经济持续快速健康发展).
                    placed = "plan" if current in ("plan", "appendix", "review", "problems") else "unknown"
                opened_part = True
            elif level >= 2:
                sub_heading = stripped
                if current not in ("preamble", "unknown", TENTATIVE_REVIEW):
                    placed = None  # inside a placed part, sub-headings do not move it
            elif placed is not None:
                top_heading, sub_heading = stripped, ""  # an unnumbered heading that names a part
            if placed is not None:
                current = section = placed
            elif turn and turn[1] in stripped:
                current, turn = turn[0], None
        elif stripped:
            section = _first(rules.line, stripped)
            if section is not None:
                current = section
            else:
                if len(stripped) >= BODY_CHARS and not _PROCEDURE.search(stripped):
                    if current == "preamble":
                        current = "unknown"
                    body_seen = True
                if current in ("preamble", "unknown", TENTATIVE_REVIEW) and (opened := _first(rules.opener, stripped)):
                    current = opened
                if turn and turn[1] in _FIRST_SENTENCE.match(stripped).group():
                    current, turn = turn[0], None
                section = _first(rules.paragraph, stripped)
        heading = f"{top_heading} {sub_heading}".strip()
        ranges.append(SectionRange(start, end, section or current, heading))
    confirmed = "review" if any(r.section == "plan" for r in ranges) else "unknown"
    ranges = [r._replace(section=confirmed) if r.section == TENTATIVE_REVIEW else r for r in ranges]
    if not any(r.section in PLACED for r in ranges):
        # An excerpt or a document without a recognisable outline: no line is a preamble of anything.
        ranges = [r._replace(section="unknown") for r in ranges]
    return ranges


class SectionSplitter(RuleFileComponent, BytesFromFiles):
    """Stores the report's sections on the Doc; ``span._.section`` and ``span._.heading`` read them at a span's
    start. Rules: the package's section_rules.tsv and heading_numbering.tsv, or a folder of one's own given to
    :meth:`initialize`; saved with the pipeline."""

    RULE_FILES = RULE_FILES

    def __init__(self, nlp: Language, name: str = "govdoc_sections") -> None:
        self.name = name
        self.initialize()

    def compile_rules(self, files: RuleFiles) -> None:
        """The section rules of ``files``."""
        self.rules = compile_section_rules(files)

    def find(self, text: str) -> list[SectionRange]:
        """The sections of ``text`` by this splitter's rules."""
        return find_sections(text, self.rules)

    def __call__(self, doc: Doc) -> Doc:
        """Find the sections of ``doc`` (a part of a longer document takes them from the whole)."""
        whole = doc.user_data.get(WHOLE_DOCUMENT_KEY)
        if whole is not None:
            doc.user_data[SECTIONS_KEY] = [SectionRange(*line) for line in whole["sections"]]
        else:
            doc.user_data[SECTIONS_KEY] = self.find(doc_text(doc))
        return doc


@Language.factory("govdoc_sections", assigns=["doc._.sections", "span._.section"])
def make_section_splitter(nlp: Language, name: str) -> SectionSplitter:
    """spaCy factory for :class:`SectionSplitter`."""
    return SectionSplitter(nlp, name)
