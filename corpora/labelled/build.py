"""Build dev.jsonl / test.jsonl (guidelines §3 format) from the hand-edited *.inline.tsv files.

Run from the project root: ``python corpora/labelled/build.py``. The split is by document. dev: the founding
document and six provincial reports (Guangdong, Shanxi, Jiangsu, Hunan, Fujian, Henan), on which the rules
were tuned. test: four other provincial reports (Beijing, Anhui, Guizhou, Liaoning), labelled after the
last rule change and measured once, blind. places: PLACE only, eight more provincial reports (Yunnan, Inner
Mongolia, Jilin, Ningxia, Guangxi, Xinjiang, Tibet, Qinghai), labelled by hand without pre-annotation after the
second round of PLACE rules and measured once, blind. places2: PLACE only, the eight provincial reports of
``problems`` (Shanghai, Tianjin, Shandong, Jiangxi, Hebei, Hubei, Chongqing, Shaanxi) and two Hailar district
reports (2015, 2019), labelled by hand without pre-annotation after the third round of PLACE rules (towns of a
provincial report's province) and measured once, blind. places3: PLACE only, other genres — three national
reports (2026, 2016, 2006), two more Hailar district reports (2013, 2017) and Yunnan's tenth five-year plan —
labelled by hand without pre-annotation after the fourth round of PLACE rules and measured once, blind.
places4: PLACE only, documents no set had used — two more Hailar district reports (2012, 2016), four Shandong
policy documents (2016, 2020, 2021, 2022), the national reports of 1985 and 1995 and the twelfth five-year plan —
labelled by hand without pre-annotation after the fifth round of PLACE rules and measured once, blind.
places5: PLACE only, more unused documents — Hailar 2014 and 2018, three more Shandong policy documents, a
report of the NDRC to the NPC standing committee (2022), the national reports of 1990, 2000 and 2010 and the
ninth five-year plan — labelled by hand without pre-annotation after the sixth round (the fixes from places4's
run) and measured once, blind. places6: PLACE only, after the seventh round — 25 sentences each from eight provincial
reports at stride positions no other set had taken (Guangdong, Jiangsu, Beijing, Guizhou, Yunnan, Xinjiang, Hubei,
Chongqing), the national reports of 2003, 2008, 2013 and 2021, two more Shandong policy documents and the eleventh
five-year plan — labelled by hand without pre-annotation and measured once, blind. places7: the same again after
the eighth round — eight other provincial reports (Anhui, Liaoning, Fujian, Hunan, Henan, Shanxi, Jilin, Guangxi;
25 each, unused stride positions), the national reports of 1998, 2005, 2018 and 2024, two Shandong policy
documents and two ministries' documents. places8: the same after the ninth round — Shanghai, Tianjin, Shandong, Jiangxi,
Hebei, Shaanxi, Inner Mongolia, Qinghai (25 each, unused stride positions), the national reports of 1994, 2001,
2009, 2015 and 2022, two Shandong policy documents and the seventh five-year plan. places9: after the tenth round —
Ningxia, Tibet, Guangdong, Henan, Hunan, Liaoning, Fujian, Yunnan (25 each, unused stride positions), the national
reports of 1992, 2007, 2019 and 2025, a Shandong policy document and the eighth five-year plan. places10: after the
eleventh round — Beijing, Jiangsu, Jilin, Xinjiang, Qinghai, Inner Mongolia, Guangxi, Guizhou (25 each, unused stride
positions), the national reports of 1996, 2004, 2012 and 2020, two ministries' documents (one a PDF with lines cut
mid-sentence, one a list of company names) and the sixth five-year plan. places11: after the twelfth round — Tianjin,
Hebei, Shanxi, Shanghai, Anhui, Jiangxi, Shandong, Hubei (25 each, unused stride positions), the national reports of
1987, 1997, 2011, 2017 and 2023, two more ministries' documents and the first five-year plan. places12: after the
thirteenth round — Ningxia, Tibet, Guangdong, Henan, Hunan, Liaoning, Fujian, Yunnan (25 each, unused stride
positions), the national reports of 1959, 1980, 1993, 2002 and 2014 and two Shandong policy documents (Qingdao).
places13: after the fourteenth round — Beijing, Jiangsu, Jilin, Xinjiang, Qinghai, Inner Mongolia, Guangxi, Guizhou
(25 each, unused stride positions), the national reports of 1955, 1964, 1979, 1988 and 1999, two Shandong policy
documents (Jinan, one a PDF with cut lines) and the 1956 proposal for the second five-year plan. places14: after
the fifteenth round — Tianjin, Hebei, Shanxi, Shanghai, Anhui, Jiangxi, Shandong, Hubei (25 each, unused stride
positions), the national reports of 1957, 1975, 1982, 1986 and 1991 and two Shandong policy documents (Qingdao, Jinan).
places15: after the sixteenth round — Ningxia, Tibet, Guangdong, Henan, Hunan, Liaoning, Fujian, Yunnan (25 each,
unused stride positions), the national reports of 1978, 1984 and 1989 and a Shandong (Jinan) policy document.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from inline_format import parse_line  # noqa: E402

DOCS = {
    "shanghai-2026": ("上海市", 2026, "provincial-2026/上海市-2026.txt"),
    "tianjin-2026": ("天津市", 2026, "provincial-2026/天津市-2026.txt"),
    "shandong-2026": ("山东省", 2026, "provincial-2026/山东省-2026.txt"),
    "jiangxi-2026": ("江西省", 2026, "provincial-2026/江西省-2026.txt"),
    "hebei-2026": ("河北省", 2026, "provincial-2026/河北省-2026.txt"),
    "hubei-2026": ("湖北省", 2026, "provincial-2026/湖北省-2026.txt"),
    "chongqing-2026": ("重庆市", 2026, "provincial-2026/重庆市-2026.txt"),
    "shaanxi-2026": ("陕西省", 2026, "provincial-2026/陕西省-2026.txt"),
    "beijing-2026": ("北京市", 2026, "provincial-2026/北京市-2026.txt"),
    "anhui-2026": ("安徽省", 2026, "provincial-2026/安徽省-2026.txt"),
    "guizhou-2026": ("贵州省", 2026, "provincial-2026/贵州省-2026.txt"),
    "liaoning-2026": ("辽宁省", 2026, "provincial-2026/辽宁省-2026.txt"),
    "jiangmen-2025": ("江门市", 2025, "seed/jiangmen-2025-city-work-report.txt"),
    "guangdong-2026": ("广东省", 2026, "provincial-2026/广东省-2026.txt"),
    "shanxi-2026": ("山西省", 2026, "provincial-2026/山西省-2026.txt"),
    "jiangsu-2026": ("江苏省", 2026, "provincial-2026/江苏省-2026.txt"),
    "hunan-2026": ("湖南省", 2026, "provincial-2026/湖南省-2026.txt"),
    "fujian-2026": ("福建省", 2026, "provincial-2026/福建省-2026.txt"),
    "henan-2026": ("河南省", 2026, "provincial-2026/河南省-2026.txt"),
    "yunnan-2026": ("云南省", 2026, "provincial-2026/云南省-2026.txt"),
    "neimenggu-2026": ("内蒙古自治区", 2026, "provincial-2026/内蒙古自治区-2026.txt"),
    "jilin-2026": ("吉林省", 2026, "provincial-2026/吉林省-2026.txt"),
    "ningxia-2026": ("宁夏回族自治区", 2026, "provincial-2026/宁夏回族自治区-2026.txt"),
    "guangxi-2026": ("广西壮族自治区", 2026, "provincial-2026/广西壮族自治区-2026.txt"),
    "xinjiang-2026": ("新疆维吾尔自治区", 2026, "provincial-2026/新疆维吾尔自治区-2026.txt"),
    "xizang-2026": ("西藏自治区", 2026, "provincial-2026/西藏自治区-2026.txt"),
    "qinghai-2026": ("青海省", 2026, "provincial-2026/青海省-2026.txt"),
    "china-2026": ("中国", 2026, "national/national_中国_2026_政府工作报告.txt"),
    "china-2016": ("中国", 2016, "national/national_中国_2016_政府工作报告.txt"),
    "china-2006": ("中国", 2006, "national/national_中国_2006_政府工作报告.txt"),
    "yunnan-plan-2001": ("云南省", 2001, "five-year-plans/provincial_云南省_2001-2005_第十个五年计划纲要.txt"),
    "china-1985": ("中国", 1985, "national/national_中国_1985_政府工作报告.txt"),
    "china-1995": ("中国", 1995, "national/national_中国_1995_政府工作报告.txt"),
    "china-1990": ("中国", 1990, "national/national_中国_1990_政府工作报告.txt"),
    "china-2000": ("中国", 2000, "national/national_中国_2000_政府工作报告.txt"),
    "china-2010": ("中国", 2010, "national/national_中国_2010_政府工作报告.txt"),
    "china-plan-1996": ("中国", 1996, "five-year-plans/national_国民经济和社会发展_1996-2000_九五计划和2010年远景目标纲要.txt"),
    "ministries-2022-040": ("中国", 2022, "policy-documents/national_中央部委_2022_040.txt"),
    "china-2003": ("中国", 2003, "national/national_中国_2003_政府工作报告.txt"),
    "china-2008": ("中国", 2008, "national/national_中国_2008_政府工作报告.txt"),
    "china-2013": ("中国", 2013, "national/national_中国_2013_政府工作报告.txt"),
    "china-2021": ("中国", 2021, "national/national_中国_2021_政府工作报告.txt"),
    "china-plan-2006": ("中国", 2006, "five-year-plans/national_国民经济和社会发展_2006-2010_第十一个五年规划纲要.txt"),
    "china-1998": ("中国", 1998, "national/national_中国_1998_政府工作报告.txt"),
    "china-2005": ("中国", 2005, "national/national_中国_2005_政府工作报告.txt"),
    "china-2018": ("中国", 2018, "national/national_中国_2018_政府工作报告.txt"),
    "china-2024": ("中国", 2024, "national/national_中国_2024_政府工作报告.txt"),
    "ministries-2018-122": ("中国", 2018, "policy-documents/national_中央部委_2018_122.txt"),
    "ministries-2020-084": ("中国", 2020, "policy-documents/national_中央部委_2020_084.txt"),
    "china-1994": ("中国", 1994, "national/national_中国_1994_政府工作报告.txt"),
    "china-2001": ("中国", 2001, "national/national_中国_2001_政府工作报告.txt"),
    "china-2009": ("中国", 2009, "national/national_中国_2009_政府工作报告.txt"),
    "china-2015": ("中国", 2015, "national/national_中国_2015_政府工作报告.txt"),
    "china-2022": ("中国", 2022, "national/national_中国_2022_政府工作报告.txt"),
    "china-plan-1986": ("中国", 1986, "five-year-plans/national_国民经济和社会发展_1986-1990_第七个五年计划.txt"),
    "china-1992": ("中国", 1992, "national/national_中国_1992_政府工作报告.txt"),
    "china-2007": ("中国", 2007, "national/national_中国_2007_政府工作报告.txt"),
    "china-2019": ("中国", 2019, "national/national_中国_2019_政府工作报告.txt"),
    "china-2025": ("中国", 2025, "national/national_中国_2025_政府工作报告.txt"),
    "china-plan-1991": ("中国", 1991, "five-year-plans/national_国民经济和社会发展_1991-1995_十年规划和第八个五年计划纲要.txt"),
    "china-1996": ("中国", 1996, "national/national_中国_1996_政府工作报告.txt"),
    "china-2004": ("中国", 2004, "national/national_中国_2004_政府工作报告.txt"),
    "china-2012": ("中国", 2012, "national/national_中国_2012_政府工作报告.txt"),
    "china-2020": ("中国", 2020, "national/national_中国_2020_政府工作报告.txt"),
    "ministries-2023-025": ("中国", 2023, "policy-documents/national_中央部委_2023_025.txt"),
    "ministries-2020-088": ("中国", 2020, "policy-documents/national_中央部委_2020_088.txt"),
    "china-plan-1981": ("中国", 1981, "five-year-plans/national_国民经济和社会发展_1981-1985_第六个五年计划.txt"),
    "china-1987": ("中国", 1987, "national/national_中国_1987_政府工作报告.txt"),
    "china-1997": ("中国", 1997, "national/national_中国_1997_政府工作报告.txt"),
    "china-2011": ("中国", 2011, "national/national_中国_2011_政府工作报告.txt"),
    "china-2017": ("中国", 2017, "national/national_中国_2017_政府工作报告.txt"),
    "china-2023": ("中国", 2023, "national/national_中国_2023_政府工作报告.txt"),
    "ministries-2022-041": ("中国", 2022, "policy-documents/national_中央部委_2022_041.txt"),
    "ministries-2013-166": ("中国", 2013, "policy-documents/national_中央部委_2013_166.txt"),
    "china-plan-1953": ("中国", 1953, "five-year-plans/national_国民经济和社会发展_1953-1957_第一个五年计划.txt"),
    "china-1959": ("中国", 1959, "national/national_中国_1959_政府工作报告.txt"),
    "china-1980": ("中国", 1980, "national/national_中国_1980_政府工作报告.txt"),
    "china-1993": ("中国", 1993, "national/national_中国_1993_政府工作报告.txt"),
    "china-2002": ("中国", 2002, "national/national_中国_2002_政府工作报告.txt"),
    "china-2014": ("中国", 2014, "national/national_中国_2014_政府工作报告.txt"),
    "china-1955": ("中国", 1955, "national/national_中国_1955_政府工作报告.txt"),
    "china-1964": ("中国", 1964, "national/national_中国_1964_政府工作报告.txt"),
    "china-1979": ("中国", 1979, "national/national_中国_1979_政府工作报告.txt"),
    "china-1988": ("中国", 1988, "national/national_中国_1988_政府工作报告.txt"),
    "china-1999": ("中国", 1999, "national/national_中国_1999_政府工作报告.txt"),
    "china-plan-1958": ("中国", 1956, "five-year-plans/national_国民经济和社会发展_1958-1962_第二个五年计划建议(1956).txt"),
    "china-1957": ("中国", 1957, "national/national_中国_1957_政府工作报告.txt"),
    "china-1975": ("中国", 1975, "national/national_中国_1975_政府工作报告.txt"),
    "china-1982": ("中国", 1982, "national/national_中国_1982_政府工作报告.txt"),
    "china-1986": ("中国", 1986, "national/national_中国_1986_政府工作报告.txt"),
    "china-1991": ("中国", 1991, "national/national_中国_1991_政府工作报告.txt"),
    "china-1978": ("中国", 1978, "national/national_中国_1978_政府工作报告.txt"),
    "china-1984": ("中国", 1984, "national/national_中国_1984_政府工作报告.txt"),
    "china-1989": ("中国", 1989, "national/national_中国_1989_政府工作报告.txt"),
    "china-plan-2011": ("中国", 2011, "five-year-plans/national_国民经济和社会发展_2011-2015_第十二个五年规划纲要.txt"),
    # places17 (whole documents), 2026-11-30
    "china-1956": ("中国", 1956, "national/national_中国_1956_政府工作报告.txt"),
    "china-1958": ("中国", 1958, "national/national_中国_1958_政府工作报告.txt"),
    "china-1960": ("中国", 1960, "national/national_中国_1960_政府工作报告.txt"),
    "china-1981": ("中国", 1981, "national/national_中国_1981_政府工作报告.txt"),
    "china-1983": ("中国", 1983, "national/national_中国_1983_政府工作报告.txt"),
    "china-plan-2001": ("中国", 2001, "five-year-plans/national_国民经济和社会发展_2001-2005_第十个五年计划纲要.txt"),
    # places22 (whole documents), 2026-12-02
    "china-1954": ("中国", 1954, "national/national_中国_1954_政府工作报告.txt"),
}
# Shandong policy documents (policy-documents/MANIFEST.tsv gives 山东省 as their place)
DOCS.update({f"shandong-policy-{year}-{n}": ("山东省", year, f"policy-documents/provincial_山东省_{year}_{n}.txt")
             for year, n in ((2016, "002"), (2019, "005"), (2020, "010"), (2020, "011"), (2021, "018"), (2021, "020"),
                                  (2021, "019"), (2022, "032"), (2022, "036"), (2023, "041"), (2023, "045"), (2023, "046"), (2024, "050"), (2024, "053"), (2023, "043"), (2020, "016"), (2021, "023"), (2021, "022"), (2021, "028"), (2021, "024"), (2020, "014"),
                             # places16 and places17
                             (2013, "001"), (2016, "003"), (2017, "004"), (2019, "006"), (2019, "007"), (2019, "008"),
                             (2020, "009"), (2020, "012"), (2020, "013"), (2020, "015"), (2020, "017"),
                             # places23, places25, places27, places29 and places31 (excerpts)
                             (2022, "033"), (2021, "021"), (2023, "044"), (2024, "047"), (2022, "035"), (2024, "048"))})
HAILAR = "内蒙古自治区呼伦贝尔市海拉尔区"
DOCS.update({f"hailar-{year}": (HAILAR, year, f"county-hailar/county_{HAILAR}_{year}_政府工作报告.txt")
             for year in range(2012, 2020)})
# Ministries' documents of places16 (excerpts, scored without their document's place).
DOCS.update({f"ministries-{year}-{n}": ("中国", year, f"policy-documents/national_中央部委_{year}_{n}.txt")
             for year, n in ((2013, "001"), (2024, "002"), (2024, "003"), (2024, "004"), (2024, "005"),
                             # places21 (excerpts)
                             (2013, "160"), (2013, "161"),
                             # places23, places25, places27, places29 and places31 (excerpts)
                             (2014, "158"), (2021, "070"), (2014, "157"), (2019, "108"), (2017, "147"), (2021, "062"),
                             (2014, "159"), (2019, "100"), (2019, "110"), (2021, "068"),
                             # places33 and places35 (excerpts)
                             (2016, "152"), (2020, "080"), (2018, "120"),
                             # places37 (excerpts)
                             (2021, "061"), (2023, "016"))})
# A split that marked some entity labels only; its rows say so in meta.span_labels and carry no sentence label.
SPAN_LABELS_ONLY = {"places": ["PLACE"], "places2": ["PLACE"], "places3": ["PLACE"], "places4": ["PLACE"], "places5": ["PLACE"], "places6": ["PLACE"], "places7": ["PLACE"], "places8": ["PLACE"], "places9": ["PLACE"], "places10": ["PLACE"], "places11": ["PLACE"], "places12": ["PLACE"], "places13": ["PLACE"], "places14": ["PLACE"], "places15": ["PLACE"], "places16": ["PLACE"], "places17": ["PLACE"], "places18": ["PLACE"], "places19": ["PLACE"], "places20": ["PLACE"], "places21": ["PLACE"], "places22": ["PLACE"], "places23": ["PLACE"], "places24": ["PLACE"], "places25": ["PLACE"], "places26": ["PLACE"], "places27": ["PLACE"], "places28": ["PLACE"], "places29": ["PLACE"], "places30": ["PLACE"], "places31": ["PLACE"], "places32": ["PLACE"], "places33": ["PLACE"], "places34": ["PLACE"], "places35": ["PLACE"], "places36": ["PLACE"], "places37": ["PLACE"]}
# Excerpts scored alone: their rows carry no place (the benchmark then gives the pipeline no home place).
EXCERPT_SPLITS = ("places16", "places19", "places21", "places23", "places25", "places27", "places29", "places31", "places33", "places35", "places37")
SPLITS = ("dev", "test", "problems", "places", "places2", "places3", "places4", "places5", "places6", "places7", "places8", "places9", "places10", "places11", "places12", "places13", "places14", "places15", "places16", "places17", "places18", "places19", "places20", "places21", "places22", "places23", "places24", "places25", "places26", "places27", "places28", "places29", "places30", "places31", "places32", "places33", "places34", "places35", "places36", "places37")


def build_rows(inline_path: Path, span_labels: list[str] | None = None, excerpt: bool = False) -> list[dict]:
    """JSONL rows for one inline file (``span_labels``: the labels it marked, if not all; ``excerpt``: rows read
    alone, without their document's place)."""
    rows = []
    for lineno, line in enumerate(inline_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            label, doc, text, spans = parse_line(line)
        except ValueError as err:
            raise SystemExit(f"{inline_path}:{lineno}: {err}") from None
        place, year, source = DOCS[doc]
        row = {"text": text, "label": label, "spans": spans,
               "meta": {"doc": doc, "place": place, "year": year, "source": source}}
        if span_labels:
            del row["label"]
            row["meta"]["span_labels"] = span_labels
        if excerpt:
            del row["meta"]["place"]
            row["meta"]["excerpt"] = True
        rows.append(row)
    return rows


def add_subjects(rows: list[dict], path: Path) -> int:
    """Put each METRIC's labelled subject (``SPLIT.subjects.tsv``: set, line, start, end, metric, subject; line is
    the row's 1-based number) into its span's ``metric``; rows written."""
    added = 0
    with open(path, encoding="utf-8", newline="") as handle:
        for entry in csv.DictReader(handle, delimiter="\t"):
            row = rows[int(entry["line"]) - 1]
            span = next(s for s in row["spans"] if (s["start"], s["end"]) == (int(entry["start"]), int(entry["end"])))
            if row["text"][span["start"]:span["end"]] != entry["metric"]:
                raise ValueError(f"{path}: line {entry['line']}: {entry['metric']!r} is not at {entry['start']}")
            if entry["subject"] and entry["subject"] not in row["text"]:
                raise ValueError(f"{path}: line {entry['line']}: subject {entry['subject']!r} not in the sentence")
            span["metric"]["subject"] = entry["subject"]
            added += 1
    return added


def main() -> None:
    """Write the JSONL file of each split in SPLITS next to this file (with METRIC subjects where labelled)."""
    for split in SPLITS:
        rows = build_rows(HERE / f"{split}.inline.tsv", SPAN_LABELS_ONLY.get(split), split in EXCERPT_SPLITS)
        if (HERE / f"{split}.subjects.tsv").exists():
            print(f"{split}: {add_subjects(rows, HERE / f'{split}.subjects.tsv')} METRIC subjects")
        with open(HERE / f"{split}.jsonl", "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{split}: {len(rows)} sentences")


if __name__ == "__main__":
    main()
