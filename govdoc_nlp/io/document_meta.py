"""A report's metadata (place, level, year; a plan's last year) from its folder's MANIFEST.tsv, its file name or its title."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from govdoc_nlp.places.gazetteer import DIVISION_SUFFIX

_LEVEL_PREFIX = re.compile(r"^(national|provincial|province|city|county)_([^_]+)_(\d{4})")
_PLACE_YEAR = re.compile(rf"^(.+?{DIVISION_SUFFIX})-(\d{{4}})$")
_TITLE = re.compile(rf"(\d{{4}})年(\S{{2,20}}?{DIVISION_SUFFIX})?(?:人民)?政府工作报告")
LEVELS = {"provincial": "province", "province": "province", "national": "national", "city": "city",
          "county": "county"}


@lru_cache(maxsize=256)
def _manifest(folder: Path) -> dict[str, dict]:
    path = folder / "MANIFEST.tsv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as src:
        return {row["file"]: row for row in csv.DictReader(src, delimiter="\t") if row.get("file")}


def parse_year(value) -> int | None:
    """The year a metadata value starts with (2026, "2026", "2001-2005" → 2001), or None."""
    match = re.match(r"\d{4}", str(value) if value is not None else "")
    return int(match.group()) if match else None


def parse_period_end(value) -> int | None:
    """The last year of a period written ``2006-2010`` (a five-year plan), or None for a single year."""
    match = re.match(r"\d{4}\s*[-–—至]\s*(\d{4})", str(value) if value is not None else "")
    return int(match.group(1)) if match else None


def document_meta(path: Path, text: str = "") -> dict:
    """place, level and year of a report file, from its folder's MANIFEST.tsv, else its name, else its title;
    ``period_end`` too for a document of a period (a five-year plan, year ``2006-2010``)."""
    path = Path(path)
    row = _manifest(path.parent.resolve()).get(path.name)
    if row:
        meta = {"place": row.get("place") or None, "level": row.get("level") or None, "year": parse_year(row.get("year")),
                "period_end": parse_period_end(row.get("year"))}
        return {k: v for k, v in meta.items() if v is not None}
    if m := _LEVEL_PREFIX.match(path.stem):
        return {"level": LEVELS[m.group(1)], "place": m.group(2), "year": int(m.group(3))}
    if m := _PLACE_YEAR.match(path.stem):
        return {"place": m.group(1), "year": int(m.group(2))}
    if m := _TITLE.search(text[:500]):
        meta = {"year": int(m.group(1))}
        if m.group(2):
            meta["place"] = m.group(2)
        return meta
    return {}
