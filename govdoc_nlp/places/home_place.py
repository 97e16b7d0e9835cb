"""A document's own place when no one gives it: named in its title lines, or shared by the county names of an
excerpt that names no city or province."""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

from govdoc_nlp.places.gazetteer import DIVISION_SUFFIX, PlaceRecord

COUNTY_LEVELS = ("county", "district")
MIN_SHARED_COUNTIES = 2  # different county names of one city that make an excerpt that city's

HOME_HEAD_CHARS = 20000  # the opening a document's own place is inferred from
EXCERPT_MAX_CHARS = 3000  # a text this short is an excerpt: short forms of cities and provinces name its place
_TITLE_PLACE = re.compile(rf"在(\S{{2,12}}?{DIVISION_SUFFIX})第[一二三四五六七八九十]+届人民代表大会")
Records = Mapping[str, Sequence[PlaceRecord]]


def named_in_title(text: str) -> str | None:
    """The division a report's title lines name as its congress's (在江门市第十六届人民代表大会 → 江门市)."""
    m = _TITLE_PLACE.search(text[:2000])
    return m.group(1) if m else None


def county_words(full: Records, short: Records) -> set[str]:
    """Every county and district name, full and short."""
    words = {name for name, recs in full.items() if any(r.level in COUNTY_LEVELS for r in recs)}
    words.update(name for name, recs in short.items() if any(r.level in COUNTY_LEVELS for r in recs))
    return words


def shared_city(words: Iterable[str], full: Records, short: Records) -> str | None:
    """The city that ``words`` (county names found in a text) point to: at least ``MIN_SHARED_COUNTIES``
    different names, each of one county or district only, and more than any other city has (新会、蓬江、台山 →
    江门市); None when they do not agree."""
    names_by_city: dict[str, set[str]] = {}
    for word in words:
        counties = {r for r in [*full.get(word, ()), *short.get(word, ())] if r.level in COUNTY_LEVELS}
        if len(counties) == 1:
            names_by_city.setdefault(counties.pop().parent or "", set()).add(word)
    ranked = sorted(((len(names), city) for city, names in names_by_city.items() if city), reverse=True)
    if not ranked or ranked[0][0] < MIN_SHARED_COUNTIES or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    city = ranked[0][1]
    return city if any(r.level == "city" for r in full.get(city, ())) else None
