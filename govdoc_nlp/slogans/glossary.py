"""Learn slogans from a report's own glossary (名词解释 / 注释): each entry names a programme and says what it is.

    2.“双高计划”：
    是“中国特色高水平高职学校和专业建设计划”的简称，……
    1.“2030启航计划”：面向2030年及长远发展……的科技专项计划。
"""

from __future__ import annotations

import re

_GLOSSARY_HEADING = re.compile(r"^[^\n]{0,20}(?:名词解释|名词注释|注释)[:：]?\s*$", re.MULTILINE)
_ENTRY = re.compile(r"^\s*\d+[.．、]\s*[^“\n]{0,10}“([^”\n]{1,20})”[^：:\n]{0,10}[：:]\s*(.*)$")
_ABBREVIATION_OF = re.compile(r"是“([^”]{2,40})”的简称")
# 指X。 with X one clause: a definition that is itself the full name (指世界一流大学和一流学科。), not a
# description (指参与国际贸易和运输的各方，通过……).
_MEANS = re.compile(r"^(?:是)?指([^。；：:，,]{2,60})(?:。|$)")


def canonical_from_definition(definition: str) -> str | None:
    """The full name a glossary definition gives (是“X”的简称, 指X。), if it gives one."""
    if m := _ABBREVIATION_OF.search(definition):
        return m.group(1)
    if m := _MEANS.match(definition):
        return m.group(1)
    return None


def parse_glossary(text: str) -> dict[str, str | None]:
    """Glossary term → canonical name (None when the definition gives no short full name)."""
    heading = _GLOSSARY_HEADING.search(text)
    if heading is None:
        return {}
    lines = text[heading.end():].split("\n")
    entries: dict[str, str | None] = {}
    for i, line in enumerate(lines):
        m = _ENTRY.match(line)
        if not m:
            continue
        definition = m.group(2).strip() or next((l.strip() for l in lines[i + 1:] if l.strip()), "")
        entries[m.group(1)] = canonical_from_definition(definition)
    return entries
