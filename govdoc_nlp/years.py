"""Years as reports write them: 1957年, １９５７年 (full width) or 一九五七年 (Han digits, 〇 or ○ for zero)."""

from __future__ import annotations

import re

from govdoc_nlp.metrics.numerals import DIGITS

_FORMS = {d: "".join(sorted(ch for ch, v in DIGITS.items() if v == d and ch != "两")) + ("○" if d == 0 else "")
          + str(d) + chr(0xFF10 + d) for d in range(10)}
WRITTEN_YEAR = re.compile(rf"((?:19|20)\d\d|[一二][{''.join(_FORMS.values())}]{{3}})年")


def year_value(written: str) -> int:
    """The year 1957 from ``1957``, ``１９５７`` or ``一九五七``."""
    return int("".join(str(next(d for d, chars in _FORMS.items() if ch in chars)) for ch in written))


def own_year_pattern(year: int | None) -> re.Pattern[str] | None:
    """The report's own year written out in any form, not after 比 (比1957年 is the base of a comparison)."""
    if year is None:
        return None
    return re.compile("(?<!比)" + "".join(f"[{_FORMS[int(c)]}]" for c in str(year)) + "年")


def names_other_year(clause: str, year: int, before: str = "") -> bool:
    """Whether ``clause`` speaks of a year other than ``year``: it names one, unless the clause (or the text
    ``before`` it) names ``year`` too and the other is the year before, the base of a one-year comparison
    (一九五九年的工业总产值比一九五八年增长百分之四十一; not 1957年…比1952年将增长26%, five years' growth)."""
    years = [(m.start(), year_value(m.group(1))) for m in WRITTEN_YEAR.finditer(clause)]
    names_own = any(value == year for _, value in years) or any(
        year_value(m.group(1)) == year for m in WRITTEN_YEAR.finditer(before))
    return any(value != year and not (names_own and value == year - 1 and clause[start - 1:start] == "比")
               for start, value in years)
