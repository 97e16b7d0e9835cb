"""Very long documents in parts: cuts between sentences, the same record as the whole, progress per part."""

from __future__ import annotations

import pytest

from conftest import JIANGMEN, SHARED, read
from govdoc_nlp.annotate import annotate_documents
from govdoc_nlp.cleaning.cleaner import clean_text
from govdoc_nlp.document_parts import annotate_in_parts, part_bounds
from govdoc_nlp.io.readers import InputDocument
from govdoc_nlp.io.records import to_record

# Documents with a glossary at the end (slogans read from it), a title naming the place, five-year reviews.
DOCUMENTS = [JIANGMEN, *sorted((SHARED / "corpora" / "five-year-plans").glob("*.txt"))[:2],
             *sorted((SHARED / "corpora" / "provincial-2026").glob("*.txt"))[:3]]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_parts_end_after_a_sentence_and_clean_as_the_whole(path) -> None:
    text = read(path)
    bounds = part_bounds(text, 4000)
    assert len(bounds) > 1 and bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in zip(bounds, bounds[1:]))
    for _, end in bounds[:-1]:
        assert text[end - 1] == "\n" and (text[:end].rstrip()[-1] in "。！？；!?;”’」』）)" or text[end] == "\u3000")
    assert "".join(clean_text(text[start:end]).text for start, end in bounds) == clean_text(text).text


def test_a_text_without_a_sentence_end_is_one_part() -> None:
    text = "地区生产总值增长5%左右\n" * 1000
    assert part_bounds(text, 4000) == [(0, len(text))]


def _without_scores(record: dict) -> dict:
    return {**record, "sents": [{k: v for k, v in s.items() if k != "scores"} for s in record["sents"]]}


@pytest.mark.parametrize("path", DOCUMENTS[:2], ids=lambda p: p.name)
def test_a_document_in_parts_gives_the_record_of_the_whole(nlp, path) -> None:
    text = read(path)
    whole = to_record(nlp(text), doc_id="d", source=str(path))
    parts = annotate_in_parts(nlp, text, part_chars=5000, doc_id="d", source=str(path))
    assert len(part_bounds(text, 5000)) > 2
    assert _without_scores(parts) == _without_scores(whole)
    assert any(s.get("section") == "plan" for s in parts["sents"][len(parts["sents"]) // 2:])
    assert max(abs(a["scores"][k] - b["scores"][k]) for a, b in zip(whole["sents"], parts["sents"])
               for k in a["scores"]) < 1e-3


def test_long_and_short_documents_keep_their_order_and_parts_are_reported(nlp, jiangmen_raw) -> None:
    short = InputDocument(id="s", source="short", text="城镇新增就业5.13万人。", meta={})
    long = InputDocument(id="l", source="long", text=jiangmen_raw, meta={"place": "江门市"})
    heard: list[tuple[int, int]] = []
    records = list(annotate_documents(nlp, [short, long, short], part_chars=5000,
                                      part_done=lambda chars, left: heard.append((chars, left))))
    assert [r["source"] for r in records] == ["short", "long", "short"]
    assert records[1]["meta"] == {"place": "江门市"} and records[1]["text"] == clean_text(jiangmen_raw).text
    assert [left for _, left in heard] == list(range(len(heard) - 1, -1, -1)) and len(heard) > 2
    assert sum(chars for chars, _ in heard) == len(jiangmen_raw)


@pytest.mark.integration
def test_two_workers_report_the_parts_of_a_long_document(tmp_path, monkeypatch, capsys, jiangmen_raw) -> None:
    import govdoc_nlp.batch.runner as runner_module
    from govdoc_nlp.document_parts import PART_CHARS

    monkeypatch.setattr(runner_module, "LOG_EVERY_SECONDS", 0.0)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "long.txt").write_text((jiangmen_raw + "\n") * (PART_CHARS // len(jiangmen_raw) + 1), encoding="utf-8")
    (docs / "short.txt").write_text("城镇新增就业5.13万人。", encoding="utf-8")
    summary = runner_module.run_annotation([docs], tmp_path / "o.jsonl", segmenter="char", classifier=False,
                                           workers=2)
    assert summary.annotated == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if "a long one in parts" in line]
    assert lines and lines[-1].endswith("0 parts left")
