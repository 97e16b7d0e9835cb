"""Clean raw report text: drop furniture and page-jump markers, join line-wrap spaces and hard-wrapped lines,
unify punctuation."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from govdoc_nlp.cleaning.offset_map import OffsetMap
from govdoc_nlp.data_files import parse_tsv
from govdoc_nlp.han import HAN_RANGES, is_han
from govdoc_nlp.rule_files import RuleFiles

# Ideographs, CJK punctuation and full-width forms: the characters a line-wrap space sits between.
CJK = "\u3000-\u303f" + HAN_RANGES + "\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026\u3001\u3002"
# Half-width punctuation counts as Chinese here: it is unified to full-width only after spaces are joined.
_WRAP_SPACE = re.compile(
    rf"(?<=[{CJK}0-9%,;:\"()])[ \t\u3000\u00a0]+(?=[{CJK}])|(?<=[{CJK}])[ \t\u3000\u00a0]+(?=[0-9\"(])"
)
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t\n]*")
# Letter-spaced digits between Chinese characters (`1 9 9 7 年`, `4 9 2 5 0 万吨` in the 1998 national report):
# single digits, one space apart.
_SPACED_DIGITS = re.compile(rf"(?<=[{CJK}])\d(?: \d)+(?= ?[{CJK}])")
# Spaces inside a number (`8 ．8 ％`, `3 ％以内` in the 1998 national report): before a decimal point or a percent
# or per-mille sign that follows a digit, and after a decimal point before a digit.
_SPACED_DECIMAL = re.compile(r"\d([ \u3000]*)[．.]([ \u3000]*)\d")
_SPACED_PERCENT = re.compile(r"\d([ \u3000]+)[％%‰]")
# Old print writes a percentage's decimal point as a middle dot (`百分之一四·七` in the first five-year plan; OCR
# `8 · 7％` in the sixth): a middle dot, spaced or not, between digits of a percentage. Elsewhere it is kept
# (`“5·12”汶川特大地震`).
_DOT_DECIMAL = re.compile(r"\d([ \u3000]*)·([ \u3000]*)(?=\d+[ \u3000]*[％%‰])")
_HAN_DOT_DECIMAL = re.compile(r"分之[〇零一二三四五六七八九十百]+(·)(?=[〇零一二三四五六七八九])")
# A two-digit percentage split by one space in a PDF's text (`年均增长1 2%左右`, Yunnan's tenth plan).
_SPLIT_PERCENT = re.compile(rf"(?<=[{CJK}])\d( )\d(?= ?[％%‰])")
_HEADING_START = re.compile(r"#|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|第[一二三四五六七八九十]+[部章节条]")
MIN_WRAPPED_LINE = 40


# Hard-wrapped text (a PDF's lines, cut at one width in the ministries' policy documents: `截至2022\n年底`):
# most lines of 20 characters or more share the commonest display width (a Chinese character is two columns)
# to within a few columns; a break after such a line that ends inside a sentence is a wrap.
_WIDE = re.compile(f"[{CJK}]")
_SENTENCE_FINAL = "。！？!?；;：:…"
MIN_WRAP_WIDTH = 40
WRAP_BAND = 8  # columns either side of the commonest width that still count as cut at it (punctuation, digits)
MAX_WRAP_WIDTH = 100
MIN_WRAPPED_SHARE = 0.4  # of the prose lines of MIN_WRAP_WIDTH or more
MIN_WRAPPED_LINES = 10
_PAGE_NUMBER_LINE = re.compile(r"\d{1,3}[ \t]*\n[ \t]*")
MAX_PROSE_SPACES = 2  # a line with more spaces inside is laid out (a table row, a letter's signature), not prose
_LEADER_DOTS = re.compile(r"[.…·]{4,}")  # a table of contents' line: （四）加强国际合作 ........ 19


def _display_width(line: str) -> int | None:
    """Columns of a prose line, None for a laid-out one."""
    line = line.strip()
    if line.count(" ") > MAX_PROSE_SPACES or _LEADER_DOTS.search(line):
        return None
    return len(line) + len(_WIDE.findall(line))


def _line_widths(text: str) -> dict[int, int | None]:
    """The display width of each line of ``text`` (None: laid out), by the offset the line starts at."""
    widths, start = {}, 0
    for line in text.split("\n"):
        widths[start] = _display_width(line)
        start += len(line) + 1
    return widths


def _wrap_width(line_widths: Iterable[int | None]) -> int | None:
    """The width a hard-wrapped text's lines are cut at, or None where they are not cut at one width (reports
    with a paragraph a line, tables, lists)."""
    widths = [w for w in line_widths if w is not None and w >= MIN_WRAP_WIDTH]
    cut = Counter(w for w in widths if w <= MAX_WRAP_WIDTH)
    if not cut:
        return None
    common = cut.most_common(1)[0][0]
    near = sum(1 for w in widths if abs(w - common) <= WRAP_BAND)
    return common if near >= max(MIN_WRAPPED_LINES, MIN_WRAPPED_SHARE * len(widths)) else None


def _column_break(text: str, start: int, end: int, line_start: int) -> bool:
    """A newspaper column or page break: the line before is long, is not a heading and ends on a character
    rather than punctuation, and the line after continues with a character rather than a heading."""
    prev, nxt = text[start - 1], text[end]
    return ((is_han(prev) or prev.isdigit() or prev == "%") and (is_han(nxt) or nxt.isdigit() or nxt in "“\"")
            and start - line_start >= MIN_WRAPPED_LINE and text[line_start] != "#"
            and not _HEADING_START.match(text, end))


def _hard_wrap_end(text: str, line_break: re.Match[str], line_width: int | None, width: int) -> int | None:
    """Where the deletion of a hard wrap ends (past a page's number standing between the halves), or None: a
    wrap is a single break after a line (of ``line_width``) cut at the text's wrap ``width`` that does not end on
    sentence-final punctuation, before a line that opens no heading."""
    start, end = line_break.span()
    if line_break.group().count("\n") > 1 or text[start - 1] in _SENTENCE_FINAL:
        return None
    if line_width is None or abs(line_width - width) > WRAP_BAND:
        return None
    page = _PAGE_NUMBER_LINE.match(text, end)  # 加\n5\n强与全球产业
    if page and page.end() < len(text):
        end = page.end()
    return None if _HEADING_START.match(text, end) else end


def _broken_paragraphs(text: str) -> list[tuple[int, int]]:
    """Line breaks inside a sentence, as spans to delete: hard wraps where the text is cut at one width
    (``_wrap_width``), else column and page breaks."""
    line_widths = _line_widths(text)
    width = _wrap_width(line_widths.values())
    spans = []
    for m in _LINE_BREAK.finditer(text):
        start, end = m.span()
        if start == 0 or end >= len(text):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        wrap_end = _hard_wrap_end(text, m, line_widths[line_start], width) if width is not None else None
        if wrap_end is not None:
            spans.append((start, wrap_end))
        elif _column_break(text, start, end, line_start):
            spans.append((start, end))
    return spans


_FULLWIDTH_ALNUM = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH_ALNUM["％"] = "%"
# PDF extraction leaves form feeds where pages end, often inside a sentence (`体制\x0c改革` in the twelfth
# five-year plan): every line boundary str.splitlines knows becomes a line break, and the broken-paragraph rule
# below then decides whether it ends the line. A \r before \n is deleted earlier; a lone \r is a break too.
_LINE_BOUNDARIES = {ch: "\n" for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
_ALNUM_TABLE = str.maketrans({**_FULLWIDTH_ALNUM, **_LINE_BOUNDARIES})


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus the map from its offsets back to the raw text."""

    raw: str
    text: str
    offsets: OffsetMap


RULE_FILES = ("furniture.tsv", "punctuation.tsv")


@dataclass(frozen=True)
class CleaningRules:
    """The furniture to delete and the punctuation to unify, compiled from furniture.tsv and punctuation.tsv."""

    deletion: re.Pattern[str]
    to_full: dict[str, str]
    punctuation: re.Pattern[str]


def compile_cleaning_rules(files: RuleFiles) -> CleaningRules:
    """Check and compile the cleaning rule files."""
    parts = [f"(?:{row['pattern']})" for row in parse_tsv("furniture.tsv", files.texts["furniture.tsv"],
                                                          ("name", "pattern"))]
    parts.append(r"\r(?=\n)")
    rows = parse_tsv("punctuation.tsv", files.texts["punctuation.tsv"])
    to_full = {row["half"]: row["full"] for row in rows}
    to_half = {row["full"]: row["half"] for row in rows}
    chars = re.escape("".join(to_full) + "".join(to_half) + "．" + '"')
    return CleaningRules(re.compile("|".join(parts), re.MULTILINE), to_full, re.compile(f"[{chars}]"))


@lru_cache(maxsize=1)
def default_cleaning_rules() -> CleaningRules:
    """The package's cleaning rules, compiled once."""
    return compile_cleaning_rules(RuleFiles.load(RULE_FILES))


def _kept_segments(raw: str, deletions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    segments, pos = [], 0
    for start, end in sorted(deletions):
        if start > pos:
            segments.append((pos, start))
        pos = max(pos, end)
    if pos < len(raw):
        segments.append((pos, len(raw)))
    return segments


def _unify_punctuation(text: str, rules: CleaningRules) -> str:
    """Length-preserving: half-width punctuation next to Chinese → full-width; between digits → half-width."""
    to_full, pattern = rules.to_full, rules.punctuation
    chars = list(text)
    quote_open = True
    last_line = -1
    for m in pattern.finditer(text):
        i = m.start()
        ch = chars[i]
        # The text's ends read as line breaks: "" would be `in` every string below.
        prev = text[i - 1] if i > 0 else "\n"
        nxt = text[i + 1] if i + 1 < len(text) else "\n"
        if ch == '"':
            line_start = text.rfind("\n", 0, i) + 1
            if line_start != last_line:
                quote_open, last_line = True, line_start
            chars[i] = "“" if quote_open else "”"
            quote_open = not quote_open
        elif prev.isdigit() and nxt.isdigit() and prev.isascii() and nxt.isascii():
            # Only ratio colons and decimal points; a full-width comma between digits separates list items.
            if ch in "：．":
                chars[i] = "." if ch == "．" else ":"
        elif ch in to_full and (is_han(prev) or is_han(nxt) or prev in "%”）" or nxt in "“（"):
            chars[i] = to_full[ch]
    return "".join(chars)


def clean_text(raw: str, rules: CleaningRules | None = None) -> CleanText:
    """Clean ``raw`` and return the clean text with its offset map (deletions and 1:1 replacements only);
    ``rules``: default the package's."""
    rules = rules or default_cleaning_rules()
    deletions = [m.span() for m in rules.deletion.finditer(raw)]
    segments = _kept_segments(raw, deletions)
    stage = "".join(raw[s:e] for s, e in segments).translate(_ALNUM_TABLE)
    # Wrap spaces and broken paragraphs are found after furniture removal, so that text around a removed
    # marker joins too, and before quotes are paired, so that a quote split by a page break pairs up.
    wrap = sorted([m.span() for m in _WRAP_SPACE.finditer(stage)] + _broken_paragraphs(stage)
                  + [m.span(g) for m in _SPACED_DECIMAL.finditer(stage) for g in (1, 2) if m.start(g) < m.end(g)]
                  + [m.span(1) for m in _SPACED_PERCENT.finditer(stage)]
                  + [m.span(g) for m in _DOT_DECIMAL.finditer(stage) for g in (1, 2) if m.start(g) < m.end(g)]
                  + [m.span(1) for m in _SPLIT_PERCENT.finditer(stage)]
                  + [(i, i + 1) for m in _SPACED_DIGITS.finditer(stage) for i in range(m.start() + 1, m.end(), 2)])
    if wrap:
        stage_map = OffsetMap.from_kept_segments(segments, len(raw))
        stage_segments = _kept_segments(stage, wrap)
        segments = [raw for s, e in stage_segments for raw in stage_map.raw_segments(s, e)]
        stage = "".join(stage[s:e] for s, e in stage_segments)
    return CleanText(raw=raw, text=_decimal_dots(_unify_punctuation(stage, rules)),
                     offsets=OffsetMap.from_kept_segments(segments, len(raw)))


def _decimal_dots(text: str) -> str:
    """Length-preserving: a percentage's middle-dot decimal point → ``.`` after Arabic digits, ``点`` after Han."""
    chars = list(text)
    for m in _DOT_DECIMAL.finditer(text):
        chars[m.end() - 1] = "."
    for m in _HAN_DOT_DECIMAL.finditer(text):
        chars[m.start(1)] = "点"
    return "".join(chars) if "·" in text else text
