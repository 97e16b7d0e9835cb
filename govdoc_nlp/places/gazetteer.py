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
    successor: str | None = None  # a renamed or abolished division: the division(s) it became (襄樊市 → 襄阳市)
    changed: str | None = None  # and the date of the change

    def as_reading(self) -> dict:
        """The ``span._.place`` value for this place (a former name: with ``historical``, the current name and the
        date of the change; ``adcode`` is the current division's code)."""
        reading = {"name": self.name, "adcode": self.adcode, "level": self.level, "parent": self.parent}
        if self.successor:
            reading.update(historical=True, current_name=self.successor, changed=self.changed)
        return reading


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


FIELDS = ("name", "short", "adcode", "level", "parent", "province_code", "city_code", "successor", "changed")
_OPTIONAL_FIELDS = ("adcode", "parent", "successor", "changed")  # an empty cell reads as None
CHANGE_LIST_MEMBER = "jionlp/dictionary/china_location_change.txt"


def parse_jionlp_changes(text: str, records: list[PlaceRecord]) -> list[PlaceRecord]:
    """Records for the former names in jionlp's china_location_change.txt (date, 国批, the old path of full and
    short names, ``=>``, the new path): a city or county whose old full name is no longer a division's name
    (襄樊市, 柳州地区, 望城县), with the code and parent of what it became; one that was split (柳州地区 → 来宾市
    and 柳州市) has no code."""
    current = {r.name for r in records}
    taken = current | {r.short for r in records}  # a former short form that names a division today is not added
    by_path = {(r.parent, r.name): r for r in records}
    became: dict[tuple[str, str], dict] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("\t")]
        arrow = next((k for k, c in enumerate(cells) if "=>" in c), None)
        if arrow is None or arrow < 5:
            continue
        old_last, new_first = cells[arrow].split("=>", 1)
        old = cells[2:arrow] + [old_last]  # province, short, city, short[, county, short]
        new = [new_first] + cells[arrow + 1:]  # province, city[, county]
        for depth, (full, short) in enumerate(zip(old[2::2], old[3::2]), 1):
            if full in current or depth >= len(new):
                continue
            parent = new[depth - 1]
            now = by_path.get((parent, new[depth]))
            entry = became.setdefault((old[0], full), {"short": short, "level": "city" if depth == 1 else None,
                                                       "date": cells[0], "to": {}, "parent": parent,
                                                       "parent_record": by_path.get((new[0], parent))})
            entry["to"].setdefault(new[depth], None)
            if now is not None:
                entry["to"][now.name] = now
            if depth > 1:
                entry["level"] = entry["level"] or (now.level if now else "county")
    provinces = {r.name: r.province_code for r in records if r.level == "province"}
    out = []
    for (province, full), entry in became.items():
        if set(entry["to"]) == {full}:
            continue  # moved to another parent under the same name (金秀县, now 金秀瑶族自治县 of 来宾市)
        one = next(iter(entry["to"].values())) if len(entry["to"]) == 1 else None
        level = entry["level"]  # a city's, or set from its successor (or "county") as the rows were read
        # Only a former city keeps its short form (襄樊); a county's (红星, 三山) is too often a word.
        short = entry["short"] if level == "city" and entry["short"] not in taken else full
        above = entry["parent_record"]  # where the successor is misspelt in the list (玉环区), its parent still is known
        out.append(PlaceRecord(full, short, one.adcode if one else None, level, one.parent if one else entry["parent"],
                               one.province_code if one else provinces.get(province, ""),
                               one.city_code if one else (above.city_code if above and level != "city" else ""),
                               "、".join(entry["to"]), entry["date"]))
    return out


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
        for lineno, line in enumerate(src, 2):
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(FIELDS):
                raise ValueError(f"{path} line {lineno}: {len(cells)} cells, expected {len(FIELDS)}")
            row = dict(zip(FIELDS, cells))
            records.append(PlaceRecord(**{k: (v or None) if k in _OPTIONAL_FIELDS else v for k, v in row.items()}))
        return records
