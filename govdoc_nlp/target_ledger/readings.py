"""Read a report's targets and outcomes from its annotated record (METRIC entities, sentence sections)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govdoc_nlp.io.document_meta import parse_year
from govdoc_nlp.target_ledger.catalogue import Indicator, indicator_catalogue, ledger_phrases
from govdoc_nlp.years import names_other_year, own_year_pattern

_ITEM_BREAK = "；;。："
_CLAUSE_BREAK = "，,；;。："
_LIST_JOIN = re.compile(r"^(?:、|和|及|与|以及)?$")
_QUALIFIER_OF = {"about": "about", "over": "at_least", "at_least": "at_least", "under": "at_most"}
_CONTINUATION_LEAD = re.compile(r"[：:]?[\s—\-－]*(?:\d+[.、．](?!\d)|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）)?\s*")
_RESPECTIVELY = re.compile(r"分别|(?<![年人平])均")
_NUMBERS = re.compile(r"[\d一二三四五六七八九十]+")
MAX_CONTINUATIONS = 12
MAX_TEXT = 160


@dataclass(frozen=True)
class Figure:
    """One figure read for an indicator: a target (bounds and qualifier) or an outcome (``value``)."""

    indicator: Indicator
    unit: str | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    note: str
    text: str
    clause: str
    start: int
    end: int
    raw_start: int | None
    raw_end: int | None


def _last_break(text: str, start: int, stop: int, breaks: str) -> int:
    """Index just after the last of ``breaks`` in ``text[start:stop]`` (``start`` when there is none)."""
    for i in range(stop - 1, start - 1, -1):
        if text[i] in breaks:
            return i + 1
    return start


def _next_break(text: str, start: int, stop: int, breaks: str) -> int:
    """Index of the first of ``breaks`` in ``text[start:stop]`` (``stop`` when there is none)."""
    for i in range(start, stop):
        if text[i] in breaks:
            return i
    return stop


def _signed(value: float, reading: dict, indicator: Indicator, lead: str) -> float:
    falls = reading.get("direction") == "down" or (not reading.get("direction") and ledger_phrases().fall_lead.search(lead))
    return -value if indicator.measure in ("growth", "change") and falls else value


def _hedged(reading: dict, last: dict | None) -> dict:
    """A listed figure without a hedge takes the hedge of its list's last figure (分别增长7%和8%左右)."""
    if last is None or reading.get("qualifier") or reading.get("value_max") is not None:
        return reading
    return {**reading, "qualifier": last["metric"].get("qualifier")}


def _qualifier(reading: dict, lead: str) -> str:
    if reading.get("value_max") is not None:
        return "range"
    if qualifier := _QUALIFIER_OF.get(reading.get("qualifier") or ""):
        return qualifier
    phrases = ledger_phrases()
    if phrases.at_most_lead.search(lead):
        return "at_most"
    if phrases.at_least_lead.search(lead):
        return "at_least"
    return "exact"


def _indicators_for(text: str, names: list[tuple[int, int, str]], metric: dict, item_start: int,
                    item_figures: list[dict]) -> tuple[list[Indicator], int, dict | None]:
    """The indicators a figure is a value of, where the text naming them ends, and the last figure of its 分别
    list (whose hedge covers the list: 分别增长7%和8%左右): the nearest name before it, or its share of a 分别 list
    (地区生产总值、固定资产投资分别增长7%和8%; 城乡居民收入分别增长8.7%和8.6%)."""
    catalogue = indicator_catalogue()
    unit = metric["metric"].get("unit")
    # A name may run into the figure: 经济增长5%左右, where the METRIC is 增长5%左右.
    before = [n for n in names if item_start <= n[0] < metric["start"] and n[1] <= metric["end"]]
    if not before:
        return [], 0, None
    nearest = before[-1]
    fitting = [ind for ind in catalogue.by_name[nearest[2]] if ind.takes(unit)]
    chain = [nearest]
    for name in reversed(before[:-1]):
        if not _LIST_JOIN.match(text[name[1]:chain[0][0]]):
            break
        chain.insert(0, name)
    found = _RESPECTIVELY.search(text, nearest[1], metric["start"])
    if found is None and len(chain) == 1:
        return fitting, nearest[1], None
    # Names joined before their figures share them out as a 分别 list does (城镇居民人均可支配收入和农村居民人均纯收入
    # 年均增长5%左右; 地区生产总值、一般公共预算收入年均增长7%和8%).
    respectively = found.start() if found else nearest[1]
    next_name = min((n[0] for n in names if n[0] > respectively), default=len(text))
    if found is None:  # without 分别 the joined names' figures stand on their line
        next_name = min(next_name, _paragraph_end(text, metric["start"]))
    run = [f for f in item_figures if respectively < f["start"] < next_name and f["metric"].get("unit") == unit]
    figures = [f["start"] for f in run]
    last = run[-1] if run else None
    position = figures.index(metric["start"]) if metric["start"] in figures else -1
    if len(figures) == 1:
        return [i for n in chain for i in catalogue.by_name[n[2]] if i.takes(unit)], nearest[1], last
    if len(chain) == len(figures):
        return [i for i in catalogue.by_name[chain[position][2]] if i.takes(unit)], nearest[1], last
    if len(chain) == 1 and len(fitting) == len(figures):
        return [fitting[position]], nearest[1], last  # a joint name: its indicators in catalogue order
    return ([], nearest[1], None) if found else (fitting, nearest[1], None)


def _soft_note(item: str) -> str:
    """The soft words of a list item (在实际工作中努力争取更好结果, 力争…), each once: a match inside another is dropped."""
    found = sorted({(m.start(), m.end()) for pattern in ledger_phrases().soft_note for m in pattern.finditer(item)},
                   key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if not any(a <= start and end <= b for a, b in kept):
            kept.append((start, end))
    return "；".join(item[a:b] for a, b in kept)


def _line_of(text: str, item_start: int, item_end: int, named_end: int, figure_end: int) -> str:
    """The text shown for a figure: its list item, or only the lines from its name to it when the item runs over
    several lines (a plan's list without punctuation)."""
    first = text.rfind("\n", item_start, max(item_start, named_end - 1)) + 1 or item_start
    last = text.find("\n", figure_end, item_end)
    shown = text[max(first, item_start):item_end if last < 0 else last]
    return shown.strip(" \n\t：:—")[:MAX_TEXT]


def figures_in(record: dict, start: int, end: int, year: int | None = None, average: bool = False,
               targets: bool = False) -> list[Figure]:
    """Every figure in ``text[start:end]`` that follows an indicator name, in text order; a figure whose clause
    is multi-year (年均, 五年…) or names a year other than ``year`` is left out, as is a share of something else
    (占国内生产总值比重1.07%). With ``average``, only the figures of annual-average clauses (年均) are kept. With
    ``targets``, ``year`` named earlier in the sentence (to 。) makes the year before it, after 比, a base
    (计划规定一九五九年的…将达到…，比一九五八年的…增长百分之十九)."""
    text = record["text"]
    catalogue, phrases = indicator_catalogue(), ledger_phrases()
    metrics = [e for e in record.get("ents", ()) if e.get("label") == "METRIC" and start <= e["start"]
               and e["end"] <= end and e.get("metric")]
    names = [(start + s, start + e, name) for s, e, name in catalogue.find_names(text[start:end])]
    out: list[Figure] = []
    for ent in metrics:
        reading = ent["metric"]
        item_start = _last_break(text, start, ent["start"], _ITEM_BREAK)
        item_end = _next_break(text, ent["end"], end, _ITEM_BREAK)
        clause_start = _last_break(text, item_start, ent["start"], _CLAUSE_BREAK)
        clause = text[clause_start:_next_break(text, ent["end"], item_end, _CLAUSE_BREAK)]
        if average:
            if not phrases.annual_average.search(clause):
                continue  # a five-year plan's figures are annual averages (年均增长7.5%)
        elif phrases.long_term.search(clause) or (
                year is not None and names_other_year(clause, year, text[_last_break(text, 0, start, "。\n"):clause_start]
                                                      if targets else "")):
            continue
        in_item = [e for e in metrics if item_start <= e["start"] < item_end]
        indicators, named_end, last = _indicators_for(text, names, ent, item_start, in_item)
        lead = text[named_end:ent["start"]]
        if not indicators or phrases.share_lead.search(lead) or phrases.from_lead.search(text[item_start:ent["start"]]):
            continue
        item = text[item_start:item_end]
        shown = _line_of(text, item_start, item_end, named_end, ent["end"])
        note = _soft_note(item)
        for indicator in dict.fromkeys(indicators):
            if average and indicator.measure == "level":
                continue  # 平均每年增产500万吨: an average increase, not a level
            bounds = sorted(_signed(v, reading, indicator, lead) for v in (reading["value"], reading.get("value_max"))
                            if v is not None)
            value = _signed(reading["value"], reading, indicator, lead)
            out.append(Figure(indicator, reading.get("unit"), value, bounds[0], bounds[-1],
                              _qualifier(_hedged(reading, last), lead), note, shown, clause,
                              ent["start"], ent["end"], ent.get("raw_start"), ent.get("raw_end")))
    return out


def _sentence_end(text: str, position: int) -> int:
    end = text.find("。", position)
    return len(text) if end < 0 else end + 1


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def paragraph_around(text: str, position: int) -> str:
    """The line (paragraph) of ``text`` that holds ``position``."""
    return text[_paragraph_start(text, position):_paragraph_end(text, position)]


def _marker(lead: str) -> str:
    """The shape of a list item's marker (``——``, ``N、``, ``（N）``, ``N.``), "" where there is none."""
    return _NUMBERS.sub("N", lead.strip("：: \u3000\n\t"))


def target_passages(record: dict) -> list[tuple[int, int]]:
    """(start, end) of each list of the year's main targets (主要预期目标是：…), multi-year lists left out."""
    text = record["text"]
    catalogue, phrases = indicator_catalogue(), ledger_phrases()
    passages = []
    for match in phrases.target_passage.finditer(text):
        sentence_start = _last_break(text, 0, match.start(), "。\n")
        if phrases.long_term.search(text[sentence_start:match.start()]):
            continue  # “十五五”时期经济社会发展的主要目标是
        end = _sentence_end(text, match.end())
        first = _CONTINUATION_LEAD.match(text, match.end())
        marker = _marker(first.group())
        if marker:  # a list of marked items (——农业总产值…): each item read to its paragraph's end
            end = _paragraph_end(text, first.end())
        for _ in range(MAX_CONTINUATIONS):
            lead = _CONTINUATION_LEAD.match(text, end)
            if marker and _marker(lead.group()) == marker:
                end = _paragraph_end(text, lead.end())  # the next item of the list, whatever it starts with
                continue
            following = min(_sentence_end(text, lead.end()), _paragraph_end(text, lead.end()) + 1)
            if catalogue.names.match(text, lead.end()):
                end = _sentence_end(text, lead.end())  # 固定资产投资…实现正增长。 continues the list: read on
            elif ("\n" not in lead.group() and _has_figure(record, lead.end(), following)
                  and not _opens_with_past(text[lead.end():following])):
                end = following  # a sentence of the list's paragraph with a figure: 一产、二产、三产增加值…
            else:
                break
        passages.append((sentence_start, end))  # from the sentence's start: 今年经济增长预期目标为7%左右
    return passages


def _opens_with_past(sentence: str) -> bool:
    """Whether a sentence opens with words on another year (去年…, 过去一年…, 五年来…): it reports, it sets nothing."""
    return ledger_phrases().not_this_year.match(sentence.lstrip(" \u3000\n\t，,")) is not None


def _has_figure(record: dict, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a METRIC (一产、二产、三产增加值分别增长5%左右: a list's next sentence in
    its paragraph that does not open with a name)."""
    return any(start <= e["start"] < end for e in record.get("ents", ()) if e.get("label") == "METRIC")


def _sections_known(record: dict) -> bool:
    return any("section" in s for s in record.get("sents", ()))


def _states_targets(text: str, sentence: dict, before: str, own_year: re.Pattern[str] | None = None) -> bool:
    """Whether a sentence states this year's targets: its whole sentence (to 。; a list split at ；) speaks of this
    year's targets (今年…计划/目标, or ``own_year`` written out with a plan word: 计划规定一九五九年的…), anywhere;
    in the plan part, so does the sentence before, or its whole sentence has a target word and the year is named
    in it or earlier in its paragraph (今年计划要求，…。社会商品零售总额增长百分之十二点三，…控制在百分之六以内), or it
    restates a target and says why (城镇调查失业率5.5%左右，体现了…)."""
    phrases = ledger_phrases()
    start = _last_break(text, 0, sentence["start"], "。\n")
    last = max(sentence["end"] - 1, start)
    whole = text[start:min(_sentence_end(text, last), _paragraph_end(text, last))]
    if _opens_with_past(whole):
        return False  # 去年全市城镇新增就业1.3万人: the past year, whatever the sentence before says
    if phrases.plan_target.search(whole) or (own_year and own_year.search(whole) and phrases.plan_words.search(whole)):
        return True  # also where the sections missed the plan
    if sentence.get("section") != "plan":
        return False
    paragraph = text[_paragraph_start(text, sentence["start"]):start]
    if phrases.next_year.search(paragraph + whole):
        return False  # 明年经济发展的主要任务是：… (a December report on next year's plan) names this year only to compare
    if phrases.plan_target.search(before + sentence["text"]) or phrases.target_rationale.search(whole):
        return True
    return bool(phrases.plan_words.search(whole) and phrases.this_year_in_plan.search(before + paragraph + whole))


def first_each(figures: list[Figure]) -> dict[str, Figure]:
    """The first figure of each indicator, by indicator id, in text order."""
    first: dict[str, Figure] = {}
    for figure in figures:
        first.setdefault(figure.indicator.id, figure)
    return first


def _year(record: dict) -> int | None:
    return parse_year((record.get("meta") or {}).get("year"))


def report_targets(record: dict) -> dict[str, Figure]:
    """The year's targets a report sets, by indicator: its first main-target list with figures, and for the
    indicators it lacks the first figure of each in the sentences that speak of this year's targets (今年…计划/
    预期/目标…: in the plan part with the sentence before, elsewhere in the sentence itself); plus the statement
    that no target is set."""
    text = record["text"]
    targets: dict[str, Figure] = {}
    for start, end in target_passages(record):
        targets = first_each(figures_in(record, start, end, _year(record), targets=True))
        if targets:
            break
    if _sections_known(record):
        # Targets stated outside the list, in the sentences on this year's targets (今年计划国内生产总值增长百分之
        # 九), for the indicators the list does not give.
        sents = record["sents"]
        own_year = own_year_pattern(_year(record))
        plan = [s for i, s in enumerate(sents)
                if _states_targets(text, s, sents[i - 1]["text"] if i else "", own_year)]
        stated = first_each([f for s in plan for f in figures_in(record, s["start"], s["end"], _year(record),
                                                                 targets=True)])
        targets = {**stated, **targets}
    for pattern, indicator_id in ledger_phrases().no_target:
        match = pattern.search(text)
        if match and indicator_id not in targets:
            sentence = next((s for s in record.get("sents", ()) if s["start"] <= match.start() < s["end"]), None)
            targets[indicator_id] = Figure(
                indicator_catalogue().indicators[indicator_id], None, None, None, None, "none", "",
                (sentence["text"] if sentence else match.group())[:MAX_TEXT], match.group(), match.start(), match.end(),
                sentence.get("raw_start") if sentence else None, sentence.get("raw_end") if sentence else None)
    return targets


def review_sentences(record: dict) -> list[dict]:
    """The sentences that report on the past year: the review part, or (without sections) what precedes the
    first list of targets."""
    sents = record.get("sents", ())
    if _sections_known(record):
        return [s for s in sents if s.get("section") == "review"]
    passages = target_passages(record)
    if not passages:
        return []
    return [s for s in sents if s["end"] <= passages[0][0]]


def sentence_ranges(sentences: list[dict]) -> list[tuple[int, int]]:
    """Runs of adjacent sentences merged into (start, end) ranges (a figure's sentence may be split by a line
    break: 国内生产总值达到74.4\n万亿元，增长6.7%)."""
    ranges: list[list[int]] = []
    for s in sentences:
        if ranges and s["start"] - ranges[-1][1] <= 2:
            ranges[-1][1] = s["end"]
        else:
            ranges.append([s["start"], s["end"]])
    return [(a, b) for a, b in ranges]


def _summary_sentences(record: dict) -> list[dict]:
    """The sentences outside the review in paragraphs that sum up the past year (过去一年…: a report that reviews
    five years in its first part and the past year at the head of its plan part), less a list of targets there
    (过去一年，…增长10.2%。今年主要目标是：…)."""
    summary, text = ledger_phrases().year_summary, record["text"]
    passages = target_passages(record)
    return [s for s in record.get("sents", ()) if s.get("section") not in ("review", None)
            and summary.search(paragraph_around(text, s["start"])) and not any(a <= s["start"] < b for a, b in passages)]


def report_outcomes(record: dict) -> dict[str, Figure]:
    """The past year's outcomes a report gives, by indicator: the first figure of each in its review, from a
    paragraph that names the past year where there is one, then from a paragraph summing up the past year outside
    the review, a five-year review's figures last; a target restated in the review is not an outcome."""
    year = _year(record)
    past = year - 1 if year is not None else None
    phrases = ledger_phrases()
    ranges = [(a, b, 0) for a, b in sentence_ranges(review_sentences(record))]
    ranges += [(a, b, 1) for a, b in sentence_ranges(_summary_sentences(record))] if _sections_known(record) else []
    figures = [(f, outside) for a, b, outside in ranges for f in figures_in(record, a, b, past)
               if not phrases.restated_target.search(f.clause)]

    def tier(item: tuple[Figure, int]) -> int:
        figure, outside = item
        if outside:
            return 1
        paragraph = paragraph_around(record["text"], figure.start)
        if phrases.past_year.search(paragraph) or (past is not None and f"{past}年" in paragraph):
            return 0
        return 3 if phrases.multi_year.search(paragraph) else 2

    return first_each([f for f, _ in sorted(figures, key=tier)])
