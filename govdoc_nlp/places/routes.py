"""The ends of a route (将军庙至淖毛湖铁路, G314线喀什至塔什库尔干, 海拉尔至宝日希勒农村公路): places the gazetteer may
lack (villages, scenic spots, stations), which the route itself shows to be places."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from govdoc_nlp.han import CHINESE_NUMERALS, is_han
from govdoc_nlp.places.match_boundaries import Match
from govdoc_nlp.places.unknown_names import MAX_NAME, MIN_NAME, FoundPlaces, NameFilter

_LINK = re.compile("至")
ROUTE_SPAN = 40  # characters after 至 read for the route (its clause, at most)
FIRST_RUN = 12  # characters before 至 read back for the first end (verbs and the name)
SHORT_NAME = 3  # the longest first end read after a route word (高铁鹤洲至)
_CLAUSE_STOP = re.compile("[，。；：！？\n]")
_LIST_STOP = re.compile("[、等，。；：！？\n]")
# A road or line number right before the route (G314线, S21, 22号线): the route needs no route word after it.
_ROAD_NUMBER = re.compile(r"(?:[GS]\d{1,4}|\d{1,3}号)线?$")


@dataclass(frozen=True)
class RouteWords:
    """The route_word rows (what a route is: 铁路, 高速, 航线) and the words a route's first end may follow within
    its run of characters (route_verb and name_breaking_verb rows: 续建, 开工)."""

    words: tuple[str, ...]
    verbs: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "verbs", tuple(sorted(self.verbs, key=len, reverse=True)))  # longest first

    def first_word(self, text: str, start: int, end: int, word_freq: dict[str, int]) -> int:
        """Where the first route word in ``text[start:end]`` begins (``end`` when none does); a one-character
        route word that closes a common word (段 in 阶段) does not count."""
        first = end
        for word in self.words:
            k = text.find(word, start, first)
            while k >= 0 and len(word) == 1 and word_freq.get(text[max(0, k - 1):k + 1], 0) > 0:
                k = text.find(word, k + 1, first)
            if k >= 0:
                first = k
        return first


def route_ends(text: str, found: FoundPlaces, words: RouteWords, is_name: NameFilter, word_freq: dict[str, int],
               knows: Callable[[str], bool], is_word: Callable[[str], bool]) -> list[Match]:
    """Spans of the ends of every ``X至Y`` route in ``text`` that are not among the places ``found``. A route is
    ``X至Y`` with a route word after 至 in the same clause (not one closing a common word: 阶段), or a road number
    before ``X``; its 至 is not part of a place (周至) or of a common word (截至, 甚至). ``Y`` runs from 至 to a
    route word, a stop character or punctuation, and may be followed by more ends in a 、-list (乌兰巴托、赤塔);
    ``X`` runs back to punctuation, a stop character or a place found (which then is ``X``), a leading verb left
    out (续建黄桶 → 黄桶), with a bracketed other name (禾木（吉克普林）). Both ends must be places found, divisions'
    names (``knows``), names (``is_name``; ``word_freq``: jieba's two-character words, negative for names), or
    facilities (邦达机场) and divisions' short forms that are common words (``is_word``: 奉节), which make the route
    but are not added; :func:`_as_end` says which."""

    def not_place(end: str) -> bool:
        return is_word(end) or any(w in end for w in is_name.words)

    spans: set[Match] = set()
    for link in _LINK.finditer(text):
        at = link.start()
        if found.overlaps(at, at + 1) or word_freq.get(text[max(0, at - 1):at + 1], 0) > 0:
            continue
        stop = _CLAUSE_STOP.search(text, at, at + ROUTE_SPAN)
        clause_end = stop.start() if stop else min(len(text), at + ROUTE_SPAN)
        first, alternative = _first_end(text, at, found, words, is_name.stop_chars)
        second = _second_end(text, at + 1, clause_end, found, words, is_name.stop_chars, word_freq)
        if first is None or second is None:
            continue
        numbered = _ROAD_NUMBER.search(text, max(0, first[0] - 6), first[0]) is not None
        if not numbered and words.first_word(text, at + 1, clause_end, word_freq) == clause_end:
            continue
        ends = [_as_end(text, span, found, is_name, word_freq, lambda w: knows(w) or is_word(w))
                for span in (first, second)]
        if None in ends:
            continue
        more = [_as_end(text, span, found, is_name, word_freq, knows)
                for span in _listed_ends(text, second[1], clause_end, found, words, is_name.stop_chars, word_freq)]
        if alternative is not None and _is_other_name(text[alternative[0]:alternative[1]], is_name, word_freq):
            more.append(alternative)
        spans.update(span for span in ends + more
                     if span is not None and span not in found and not not_place(text[span[0]:span[1]]))
    return sorted(spans)


def _as_end(text: str, span: Match, found: FoundPlaces, is_name: NameFilter, word_freq: dict[str, int],
            knows: Callable[[str], bool]) -> Match | None:
    """The place found, the division's name (``knows``: 奉节, a word to jieba) or the name an end is (four or five
    characters ending in a common word: the name before it, 特尼河农村 → 特尼河); a facility (邦达机场) is an end
    as it stands; None for anything else."""
    start, end = span
    if span in found or knows(text[start:end]) or any(w in text[start:end] for w in is_name.words):
        return span
    if end - start >= 4 and word_freq.get(text[end - 2:end], 0) > 0:
        end -= 2
    return (start, end) if is_name(text[start:end], word_freq) else None


def _first_end(text: str, link: int, found: FoundPlaces, words: RouteWords,
               stop_chars: str) -> tuple[Match | None, Match | None]:
    """The end before 至 and the bracketed other name after it, if any (禾木（吉克普林）至)."""
    alternative = None
    stop = link
    if link > 0 and text[link - 1] in "）)":
        opening = max(text.rfind("（", 0, link), text.rfind("(", 0, link))
        if opening < 0 or link - 1 - opening > MAX_NAME:
            return None, None
        alternative, stop = (opening + 1, link - 1), opening
    if stop in found.by_end:
        return (found.by_end[stop], stop), alternative
    begin = stop
    while (begin > max(0, stop - FIRST_RUN) and is_han(text[begin - 1]) and text[begin - 1] not in stop_chars
           and begin not in found.by_end and not _ROAD_NUMBER.search(text, max(0, begin - 6), begin)):
        begin -= 1
    for verb in words.verbs:
        while text.startswith(verb, begin) and stop - begin - len(verb) >= MIN_NAME:
            begin += len(verb)
    # The route's own kind may come first when a short name follows it (高铁鹤洲至横琴段 → 鹤洲; not 高铁通车里程进至).
    for kind in (word for word in words.words if len(word) > 1):
        if text.startswith(kind, begin) and MIN_NAME <= stop - begin - len(kind) <= SHORT_NAME:
            begin += len(kind)
    return ((begin, stop) if MIN_NAME <= stop - begin <= MAX_NAME else None), alternative


def _second_end(text: str, begin: int, clause_end: int, found: FoundPlaces, words: RouteWords, stop_chars: str,
                word_freq: dict[str, int]) -> Match | None:
    """The end after 至: a place found there, or a name right after it (俄罗斯赤塔 → 赤塔), else the characters up
    to a route word, a stop character or the end of the run."""
    if begin in found.by_start:
        after = _run(text, found.by_start[begin], clause_end, words, stop_chars, word_freq)
        return after if after is not None else (begin, found.by_start[begin])
    return _run(text, begin, clause_end, words, stop_chars, word_freq)


def _run(text: str, begin: int, clause_end: int, words: RouteWords, stop_chars: str,
         word_freq: dict[str, int]) -> Match | None:
    stop = begin
    while stop < clause_end and is_han(text[stop]) and text[stop] not in stop_chars:
        stop += 1
    stop = words.first_word(text, begin, stop, word_freq)
    return (begin, stop) if MIN_NAME <= stop - begin <= MAX_NAME else None


def _listed_ends(text: str, after: int, clause_end: int, found: FoundPlaces, words: RouteWords, stop_chars: str,
                 word_freq: dict[str, int]) -> list[Match]:
    """More ends listed after the second (海拉尔至乌兰巴托、赤塔、韩国: flights to each), up to the next route
    (、合浦至湛江) or anything but a name."""
    spans = []
    while text[after:after + 1] == "、":
        stop = _LIST_STOP.search(text, after + 1, clause_end)
        if "至" in text[after + 1:stop.start() if stop else clause_end]:
            break
        item = _second_end(text, after + 1, clause_end, found, words, stop_chars, word_freq)
        if item is None:
            break
        spans.append(item)
        after = item[1]
    return spans


def _is_other_name(name: str, is_name: NameFilter, word_freq: dict[str, int]) -> bool:
    """Whether a bracketed word after a route's first end is its other name (吉克普林), not a phase or a number
    (二期, G5)."""
    return all(map(is_han, name)) and name[:1] not in CHINESE_NUMERALS and is_name(name, word_freq)
