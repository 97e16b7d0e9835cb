"""NameStarts: whether a place found in the text is the first part of an organisation, facility or event name."""

from __future__ import annotations

import re
from typing import Sequence

from govdoc_nlp.data_files import DataFileError
from govdoc_nlp.han import HAN_RANGES

NAME_GAP = 12
# Characters a name may hold between its place and its organisation word (中国—中亚峰会); a count or a link
# (通辽2个…医院, 合浦至湛江等7个铁路项目, 与越南合作的…项目, 新疆五大…能源基地, 苏联人民在苏联共产党; a negation:
# 白山结束不通高铁) shows the place is not the start of a name, and so does a list's 等 (黄河小浪底等水利枢纽工程,
# 新加坡山东周等活动: the word after 等 is the list's kind) — not the 等 of 高等, 初等 or 中等职业 (教育部重庆高等研究院;
# a place may end in 中, 平 or 同, so 晋中等, 南平等 and 大同等 are lists).
NAME_GAP_CHAR = r"(?:(?![0-9二三四五六七八九十两百千]+大)(?!等)[^\W_个至与和及的不了在]|(?<=[高初])等|(?<=中)等(?=[职专])|[—-])"
# A company's legal form ends its name whatever comes between (上海至数企业发展有限公司), and so it does for a place
# in brackets (东云睿连（武汉）计算技术有限公司); only a link between two parties breaks it.
_COMPANY = re.compile(r"[）)]?[^\W_与和及的]{0,16}?有限(?:责任)?公司")


# A bracketed name right after a place, not a list's 等 after it (吉林（二期）等肥料厂 lists plants).
_BRACKETED_NAME = re.compile(f"[（(][{HAN_RANGES}]{{2,8}}[）)](?!等)")


def _past_bracket(text: str, start: int, end: int) -> int:
    """Where a name would go on after the place at ``start:end``: past the bracket around it (友城合作（黄山）论坛) or
    past a bracketed name right after it (中国（济南）国际信息技术博览会), as a name holds its brackets."""
    if start > 0 and text[start - 1] in "（(" and end < len(text) and text[end] in "）)":
        return end + 1
    if m := _BRACKETED_NAME.match(text, end):
        return m.end()
    return end


def rule_values(rules: Sequence[dict], kind: str) -> list[str]:
    """The values of the ``kind`` rows of ``rules`` (rows of place_rules.tsv), in file order."""
    return [r["value"] for r in rules if r["kind"] == kind]


def whole_number(rules: Sequence[dict], kind: str) -> int:
    """The one value of the ``kind`` row of ``rules`` as a whole number (0 when there is no such row)."""
    values = rule_values(rules, kind)
    if not values:
        return 0
    if len(values) > 1 or not (values[0].isascii() and values[0].isdecimal()):
        raise DataFileError(f"place_rules.tsv: {kind} takes one row whose value is a whole number, not {values}")
    return int(values[0])


def rule_words(rules: Sequence[dict], *kinds: str) -> str:
    """The values of ``kinds`` in ``rules`` as a regex alternation, longest first, so that a word is never cut
    short by another that begins it (东部 in 东部地区)."""
    values = sorted((r["value"] for r in rules if r["kind"] in kinds), key=len, reverse=True)
    return "|".join(map(re.escape, values))


def not_before(rules: Sequence[dict], kind: str) -> str:
    """A lookahead refusing any character of the ``kind`` rows in ``rules`` (nothing when there are none)."""
    chars = "".join(rule_values(rules, kind))
    return f"(?![{re.escape(chars)}])" if chars else ""


class NameStarts:
    """Decides whether a place starts a name, from the org_suffix, org_suffix_not_in, org_suffix_not_before,
    listed_name_word, disaster_word, disaster_modifier, disaster_word_not_before, branch_suffix, branch_owner,
    facility_suffix, product_suffix, name_breaking_verb and people_word rows of ``place_rules.tsv``."""

    def __init__(self, rules: Sequence[dict]) -> None:
        # A place that starts a name: up to NAME_GAP characters (no punctuation) and then an organisation,
        # facility, project or event word, unless a verb in between shows the place is a subject or object.
        org_words = "(" + rule_words(rules, "org_suffix") + ")" + not_before(rules, "org_suffix_not_before")
        self.org_suffix = re.compile(f"{NAME_GAP_CHAR}{{0,{NAME_GAP}}}?" + org_words)
        # Right after a role word (城市副中心), a name may still end in an organisation word (北京城市副中心条例).
        self.org_word_here = re.compile(org_words)
        # 基地 ends an organisation's branch only after the organisation (…创新中心林芝基地); a base named after its
        # place keeps the place (包头老工业基地, 长沙数据标注基地).
        self.branch_suffix = re.compile(f"{NAME_GAP_CHAR}{{0,{NAME_GAP}}}?(?:" + rule_words(rules, "branch_suffix") + ")")
        self.branch_owner = re.compile("(?:" + rule_words(rules, "branch_owner") + r")\Z")
        # A place right before a port or road word names that port or road (上海港, 南京东路), unless the word
        # goes on as another word (路径, 路线, 港澳).
        self.facility_suffix = re.compile("(?:" + rule_words(rules, "facility_suffix") + ")"
                                          + not_before(rules, "facility_suffix_not_before"))
        self.not_org = tuple(rule_values(rules, "org_suffix_not_in"))
        self.listed_name_words = tuple(rule_values(rules, "listed_name_word"))
        products = rule_words(rules, "product_suffix")
        self.product_suffix = re.compile(products) if products else None
        verbs = rule_words(rules, "name_breaking_verb")
        self.name_breaking_verb = re.compile(verbs) if verbs else None
        people = rule_words(rules, "people_word")
        self.people_word = re.compile(people) if people else None
        # A disaster named after its place (漾濞6.4级地震, 江川“4·11”森林火灾, 新余“1·24”特别重大火灾事故): an
        # event's name, whatever magnitude or date comes between.
        disasters, modifiers = rule_words(rules, "disaster_word"), rule_words(rules, "disaster_modifier")
        self.disaster = re.compile(f"(?:[0-9][0-9.]*级|“[0-9]{{1,2}}·[0-9]{{1,2}}”){{0,2}}(?:{modifiers or '(?!)'})*"
                                   f"(?:{disasters}){not_before(rules, 'disaster_word_not_before')}") if disasters else None

    def names_each_listed(self, text: str, end: int) -> bool:
        """Whether a listed_name_word row follows a place ending at ``end``: a word that names each item of a
        、-list before it (贺兰山、六盘山国家公园, 藻渡水库、重庆站), not the list's last place only."""
        return bool(self.listed_name_words) and text.startswith(self.listed_name_words, end)

    def _org_word(self, text: str, at: int) -> re.Match | None:
        """The organisation word that ends the name a place ending at ``at`` starts: the first one after it, unless
        that is a role word (江门市第十六届人民代表大会: the congress of the place, not an event named after it) not
        followed right away by another organisation word (北京城市副中心条例)."""
        m = self.org_suffix.match(text, at)
        while m is not None and any(text.endswith(w, 0, m.end(1)) for w in self.not_org):
            m = self.org_word_here.match(text, m.end(1))
        return m

    def __call__(self, text: str, start: int, end: int) -> bool:
        """Whether the place at ``start:end`` is the first part of an organisation, facility or event name."""
        if _COMPANY.match(text, end) and (text[end:end + 1] not in "）)" or text[start - 1:start] in "（("):
            return True
        if text[start - 1:start] == "至":
            return False  # 奉节至建始高速: the end of a route, whose places are PLACE
        if self.facility_suffix.match(text, end):
            return True
        if self.disaster is not None and self.disaster.match(text, end):
            return True
        if self.product_suffix is not None and self.product_suffix.match(text, end):
            return True  # 吉林大米, 绍兴黄酒: a product or regional brand
        if text[end:end + 1] == "等":
            return False  # 满都拉等重点口岸提升工程: 等 ends a list of places
        m = self._org_word(text, _past_bracket(text, start, end))
        if m is None:
            owner = self.branch_owner.search(text, max(0, start - 4), start)
            return owner is not None and self.branch_suffix.match(text, end) is not None
        gap = text[end:m.start(1)]
        if self.people_word is not None and self.people_word.search(gap):
            return False  # 台湾居民口岸签注: the place's people, not a name
        if self.name_breaking_verb is None:
            return True
        # A verb right before the name word is part of the name (数字中国建设峰会); earlier, it shows the place is
        # a subject or object (江门建设…工程).
        verb = self.name_breaking_verb.search(gap)
        while verb is not None and verb.end() == len(gap):
            verb = self.name_breaking_verb.search(gap, verb.start() + 1)
        return verb is None
