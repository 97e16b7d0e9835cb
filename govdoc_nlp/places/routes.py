"""The ends of a route (将军庙至淖毛湖铁路, G314线喀什至塔什库尔干, 海拉尔至宝日希勒农村公路): places the gazetteer may
lack (villages, scenic spots, stations), which the route itself shows to be places."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govdoc_nlp.han import is_han

MAX_END = 5  # characters of one end
CLAUSE_STOPS = "，。；：！？\n"
# A road or line number right before the route (G314线, S21, 22号线): the route needs no route word after it.
_ROAD_NUMBER = re.compile(r"(?:[GS]\d{1,4}|\d{1,3}号)线?$")


@dataclass(frozen=True)
class RouteWords:
    """The place_rules.tsv rows a route is read by: ``route_word`` (what a route is: 铁路, 高速, 航线),
    ``route_verb`` (a word a route's first end may follow within its run of characters: 续建, 开工) and
    ``route_stop_chars`` (characters no end holds: 的, 和, 等); an end holding an ``org_suffix`` word is a facility
    (邦达机场), not a place."""

    words: tuple[str, ...]
    verbs: tuple[str, ...]
    stop_chars: str
    facility_words: tuple[str, ...] = ()

    def first_word(self, text: str, start: int, end: int) -> int:
        """Where the first route word in ``text[start:end]`` begins (``end`` when none does)."""
        hits = [k for k in (text.find(w, start, end) for w in self.words) if k >= 0]
        return min(hits, default=end)


def route_ends(text: str, place_spans: list[tuple[int, int]], words: RouteWords,
               word_freq: dict[str, int]) -> list[tuple[int, int]]:
    """Spans of the ends of every ``X至Y`` route in ``text`` that are not already among ``place_spans`` (sorted
    (start, end) of the places found so far). A route is ``X至Y`` with a route word after ``Y`` in the same
    clause, or a road number before ``X``; an end is 2–5 characters, not a common word (``word_freq``: jieba's
    two-character words, negative for names) and holds no stop character."""
    starts = {s: e for s, e in place_spans}
    ends = {e: s for s, e in place_spans}
    spans = []
    inside = {k for s, e in place_spans for k in range(s, e)}
    for link in re.finditer("至", text):
        at = link.start()
        if at in inside:
            continue  # the 至 of a name (周至)
        clause_end = min((k for k in (text.find(c, at) for c in CLAUSE_STOPS) if k >= 0), default=len(text))
        second = _second_end(text, at + 1, clause_end, starts, words)
        first, alternative = _first_end(text, at, ends, words)
        if second is None or first is None:
            continue
        numbered = _ROAD_NUMBER.search(text, max(0, first[0] - 6), first[0]) is not None
        if not numbered and words.first_word(text, at + 1, clause_end) == clause_end:
            continue
        for span in (first, alternative, second, *_listed_ends(text, second[1], clause_end, starts, words)):
            if span is None or any(w in text[span[0]:span[1]] for w in words.facility_words):
                continue  # 邦达机场: a facility, not a place
            if span[1] - span[0] >= 4 and word_freq.get(text[span[1] - 2:span[1]], 0) > 0:
                span = (span[0], span[1] - 2)  # 特尼河农村公路: a kind of road after the end's name
            if _is_name(text[span[0]:span[1]], words, word_freq) and span not in place_spans:
                spans.append(span)
    return spans


def _listed_ends(text: str, after: int, clause_end: int, starts: dict[int, int],
                 words: RouteWords) -> list[tuple[int, int]]:
    """More ends listed after the second (海拉尔至乌兰巴托、赤塔、韩国: flights to each), up to a route word, the
    next route (、小柴旦湖至老茫崖) or anything but a name."""
    spans = []
    while text[after:after + 1] == "、":
        stops = [k for k in (text.find(c, after + 1, clause_end) for c in "、等") if k >= 0]
        if "至" in text[after + 1:min(stops, default=clause_end)]:
            break  # the next route
        item = _second_end(text, after + 1, clause_end, starts, words)
        if item is None:
            break
        spans.append(item)
        after = item[1]
    return spans


def _second_end(text: str, begin: int, clause_end: int, starts: dict[int, int],
                words: RouteWords) -> tuple[int, int] | None:
    """The end after 至: a place found there, or a name right after it (俄罗斯赤塔 → 赤塔), else the characters up
    to a route word, a stop character or the end of the run."""
    if begin in starts:
        after = _run_to_route_word(text, starts[begin], clause_end, words)
        return after if after is not None else (begin, starts[begin])
    return _run_to_route_word(text, begin, clause_end, words)


def _run_to_route_word(text: str, begin: int, clause_end: int, words: RouteWords) -> tuple[int, int] | None:
    stop = begin
    while stop < clause_end and is_han(text[stop]) and text[stop] not in words.stop_chars:
        stop += 1
    stop = min(stop, words.first_word(text, begin, stop))
    return (begin, stop) if 2 <= stop - begin <= MAX_END else None


def _first_end(text: str, link: int, ends: dict[int, int],
               words: RouteWords) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The end before 至 (and a bracketed other name of it: 禾木（吉克普林）至), back to punctuation, a place found
    or a stop character, with a leading route verb left out (续建黄桶 → 黄桶)."""
    alternative = None
    stop = link
    if text[stop - 1:stop] in "）)":
        opening = max(text.rfind("（", 0, stop), text.rfind("(", 0, stop))
        if opening < 0 or stop - 1 - opening > MAX_END:
            return None, None
        alternative, stop = (opening + 1, stop - 1), opening
    if stop in ends:
        return (ends[stop], stop), alternative  # the place found there is the end
    begin = stop
    while (begin > 0 and is_han(text[begin - 1]) and text[begin - 1] not in words.stop_chars and begin not in ends
           and not _ROAD_NUMBER.search(text, max(0, begin - 6), begin)):
        begin -= 1
    stripped = True
    while stripped:
        stripped = False
        for verb in words.verbs:
            if text.startswith(verb, begin) and stop - begin - len(verb) >= 2:
                begin += len(verb)
                stripped = True
    return ((begin, stop) if 2 <= stop - begin <= MAX_END else None), alternative


def _is_name(end: str, words: RouteWords, word_freq: dict[str, int]) -> bool:
    """Whether one end can be a place's name: not a common two-character word, no route word or stop character."""
    if len(end) == 2 and word_freq.get(end, 0) > 0:
        return False
    return not any(c in words.stop_chars for c in end) and not any(w in end for w in words.words + words.facility_words)
