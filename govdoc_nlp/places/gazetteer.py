"""Gazetteer of Chinese administrative divisions (province → city → county → town) with codes, and of countries.

Built from jionlp's ``dictionary/china_location.zip`` and ``dictionary/world_location.txt`` (Apache-2.0), fetched
and hash-checked by ``govdoc setup``; stored inside the saved pipeline (divisions as TSV, countries as JSON) so
loading never needs jionlp.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

LEVELS = ("province", "city", "county", "town")
DIVISION_SUFFIX = r"(?:省|市|自治区|区|县|旗|州|盟)"  # a regex for the last character(s) of a division's name
_COUNTY_SUFFIX_DISTRICT = "区"


@dataclass(frozen=True)
class PlaceRecord:
    """One administrative division."""

    name: str
    short: str
    adcode: str | None
    level: str
    parent: str | None
    province_code: str
    city_code: str = ""

    def as_reading(self) -> dict:
        """The ``span._.place`` value for this place."""
        return {"name": self.name, "adcode": self.adcode, "level": self.level, "parent": self.parent}


def _county_level(name: str) -> str:
    return "district" if name.endswith(_COUNTY_SUFFIX_DISTRICT) else "county"


def parse_jionlp_locations(text: str) -> list[PlaceRecord]:
    """Parse jionlp's tab-indented china_location.txt (depth = number of leading tabs; villages skipped)."""
    records: list[PlaceRecord] = []
    parents: list[PlaceRecord | None] = [None] * 4
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3 or not line.strip():
            continue
        cells = line.strip("\t").split("\t")
        name = cells[0].strip()
        code = cells[1].strip() if len(cells) > 1 and cells[1].strip() else None
        short = cells[2].strip() if len(cells) > 2 else ""
        parent = parents[depth - 1] if depth else None
        level = LEVELS[depth] if depth != 2 else _county_level(name)
        province_code = (code or (parent.province_code if parent else ""))[:2]
        if parent is not None and not province_code:
            province_code = parent.province_code
        city_code = code[:4] if code and depth >= 1 else (parent.city_code if parent else "")
        record = PlaceRecord(name, short, code, level, parent.name if parent else None, province_code, city_code)
        # Municipalities repeat their own name at city level (上海市 > 上海市); keep one record.
        if not (parent is not None and depth == 1 and parent.name == name):
            records.append(record)
        parents[depth] = record if not (depth == 1 and parent and parent.name == name) else parent
        for deeper in range(depth + 1, 4):
            parents[deeper] = None
    return records


def read_jionlp_zip(path: Path) -> list[PlaceRecord]:
    """Read china_location.zip (the file inside jionlp's wheel) into records."""
    with zipfile.ZipFile(path) as archive:
        inner = [n for n in archive.namelist() if n.endswith(".txt")]
        if not inner:
            raise ValueError(f"{path}: no china_location.txt inside")
        text = io.TextIOWrapper(archive.open(inner[0]), encoding="utf-8").read()
    return parse_jionlp_locations(text)


COUNTRY_LIST_MEMBER = "jionlp/dictionary/world_location.txt"


def parse_jionlp_countries(text: str) -> list[dict[str, str]]:
    """Countries (short and official names, canonical = short), continents, and the capitals and major cities of
    other countries (level ``foreign_city``) from jionlp's world_location.txt, as rows shaped like
    ``data/regions.tsv``."""
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if line.endswith((":", "：")):
            continent = line.rstrip(":：").replace("大洋州", "大洋洲")
            rows.append({"name": continent, "canonical": continent, "kind": "region", "adcode": ""})
        elif line:
            cells = [c.strip() for c in line.split("\t")]
            short = cells[0]
            for name in dict.fromkeys(c for c in cells[:2] if c):
                rows.append({"name": name, "canonical": short, "kind": "country", "adcode": ""})
            if short == "中国":
                continue  # China's cities are in the administrative gazetteer
            cities = ([cells[2]] if len(cells) > 2 and cells[2] else []) + (cells[3].split("/") if len(cells) > 3 else [])
            for city in dict.fromkeys(c.strip() for c in cities if c.strip()):
                rows.append({"name": city, "canonical": city, "kind": "foreign_city", "adcode": ""})
    countries = {r["name"] for r in rows if r["kind"] != "foreign_city"}
    return [r for r in rows if r["kind"] != "foreign_city" or r["name"] not in countries]  # 卢森堡 is the country


FIELDS = ("name", "short", "adcode", "level", "parent", "province_code", "city_code")


def write_gazetteer(records: list[PlaceRecord], path: Path) -> None:
    """Write records as TSV (one row a division; empty cells for missing codes and parents)."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("\t".join(FIELDS) + "\n")
        for record in records:
            out.write("\t".join(getattr(record, f) or "" for f in FIELDS) + "\n")


def read_gazetteer(path: Path) -> list[PlaceRecord]:
    """Read records written by :func:`write_gazetteer`."""
    with open(path, encoding="utf-8") as src:
        header = src.readline().rstrip("\n").split("\t")
        if tuple(header) != FIELDS:
            raise ValueError(f"{path}: expected columns {FIELDS}, got {tuple(header)}")
        records = []
        for line in src:
            name, short, adcode, level, parent, province_code, city_code = line.rstrip("\n").split("\t")
            records.append(PlaceRecord(name, short, adcode or None, level, parent or None, province_code, city_code))
        return records
