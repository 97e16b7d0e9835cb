"""to_record, `govdoc annotate` on files, folders and JSONL, and bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import govdoc_nlp
from govdoc_nlp.cli import app
from govdoc_nlp.io.readers import InputError, decode_bytes
from govdoc_nlp.pipeline import CLASSIFIER_PIPE

runner = CliRunner()


def test_record_offsets_point_into_the_raw_text(nlp, jiangmen_raw: str) -> None:
    doc = nlp(jiangmen_raw)
    offsets = doc._.offset_map
    record = govdoc_nlp.to_record(doc, doc_id="jm")
    assert record["ents"] and record["sents"]
    for item in record["ents"] + record["sents"]:
        assert record["text"][item["start"]:item["end"]] == item["text"]
        mapped = {offsets.to_raw(i) for i in range(item["start"], item["end"])}
        assert min(mapped) == item["raw_start"] and max(mapped) == item["raw_end"] - 1
        # What the raw span holds beyond the clean text is only what cleaning removed: line-wrap spaces.
        dropped = [jiangmen_raw[j] for j in range(item["raw_start"], item["raw_end"]) if j not in mapped]
        assert all(ch.isspace() for ch in dropped), (item["text"], dropped)
    labels = {e["label"] for e in record["ents"]}
    assert labels == {"METRIC", "PLACE", "SLOGAN"}
    metric = next(e for e in record["ents"] if e["text"] == "4210.18亿元")
    assert metric["metric"]["value"] == 421018000000.0


@pytest.mark.integration
def test_annotate_a_text_file_a_folder_and_jsonl(tmp_path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("江门市地区生产总值4210.18亿元。", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_bytes("新会区增长3.4%。".encode("gb18030"))
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "x1", "text": "台山增长5%。", "place": "江门市"},
                                                  ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", str(tmp_path / "docs"), str(tmp_path / "in.jsonl"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "x1"]
    assert records[1]["text"] == "新会区增长3.4%。"
    taishan = next(e for e in records[2]["ents"] if e["text"] == "台山")
    assert taishan["place"]["adcode"] == "440781"


@pytest.mark.integration
def test_empty_and_non_chinese_documents_give_empty_results(tmp_path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "english.txt").write_text("This report has no Chinese at all.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", str(tmp_path / "empty.txt"), str(tmp_path / "english.txt"),
                                 "--out", str(out), "--segmenter", "jieba"])
    assert result.exit_code == 0, result.output
    empty, english = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert empty["sents"] == [] and empty["ents"] == []
    assert english["ents"] == [] and english["text"] == "This report has no Chinese at all."


@pytest.mark.integration
def test_binary_garbage_is_listed_in_the_errors_file_naming_the_file(tmp_path) -> None:
    bad = tmp_path / "scan.txt"
    bad.write_bytes(bytes(range(256)) * 20)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", str(bad), "--out", str(out), "--segmenter", "jieba"])
    assert result.exit_code == 1
    assert str(bad) in result.output and "binary" in result.output
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors == [{"path": str(bad), "reason": f"{bad}: looks like binary data (NUL bytes), not text"}]
    assert not out.exists() and not (tmp_path / "out.stamp.json").exists()  # nothing read: no empty output


def test_undecodable_bytes_are_an_error_naming_the_source() -> None:
    with pytest.raises(InputError, match="doc.txt"):
        decode_bytes(b"\x81\xff\xfe\x80" * 3 + b"\xc3", "doc.txt")


@pytest.mark.integration
def test_an_odd_bad_byte_names_its_offset_and_replace_errors_reads_the_rest(tmp_path, jiangmen_raw: str) -> None:
    data = jiangmen_raw.encode("utf-8")
    cut = len(jiangmen_raw[:200].encode("utf-8"))
    damaged = data[:cut] + b"\xff" + data[cut:]
    with pytest.raises(InputError, match=f"offset {cut}"):
        decode_bytes(damaged, "report.txt")
    text = decode_bytes(damaged, "report.txt", replace_errors=True)
    assert text == jiangmen_raw[:200] + "\ufffd" + jiangmen_raw[200:]
    path = tmp_path / "report.txt"
    path.write_bytes(damaged)
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["annotate", str(path), "--out", str(out), "--segmenter", "char", "--no-classifier"])
    assert result.exit_code == 1 and f"offset {cut}" in result.output and not out.exists()
    result = runner.invoke(app, ["annotate", str(path), "--out", str(out), "--segmenter", "char", "--no-classifier",
                                 "--replace-errors"])
    assert result.exit_code == 0, result.output
    assert "江门" in json.loads(out.read_text(encoding="utf-8").splitlines()[0])["text"]


@pytest.mark.integration
def test_missing_input_and_bad_jsonl_lines_fail_alone(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "增长3%。"}\n{"id": 2}\nnot json\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["annotate", str(tmp_path / "nope.txt"), str(bad), "--out", str(out),
                                 "--segmenter", "jieba"])
    assert result.exit_code == 1
    assert "no such file" in result.output and "bad.jsonl:2" in result.output and "bad.jsonl:3" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == [f"{bad}:1"]


def test_a_five_megabyte_document_is_annotated(nlp_jieba, jiangmen_raw: str) -> None:
    big = (jiangmen_raw + "\n") * (5 * 1024 * 1024 // len(jiangmen_raw.encode("utf-8")) + 1)
    assert len(big.encode("utf-8")) >= 5 * 1024 * 1024
    # The rule components are what scales with length; the classifier's cost is per sentence and tested elsewhere.
    with nlp_jieba.select_pipes(disable=[CLASSIFIER_PIPE]):
        doc = nlp_jieba(big)
    assert sum(1 for e in doc.ents if e.text == "4210.18亿元") == big.count("4210.18亿元")
    assert CLASSIFIER_PIPE in nlp_jieba.pipe_names


def test_load_without_setup_names_the_command(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GOVDOC_NLP_HOME", str(tmp_path / "empty-home"))
    with pytest.raises(govdoc_nlp.SetupRequiredError, match="govdoc setup"):
        govdoc_nlp.load()


def test_pipe_with_context_survives_token_splitting(nlp, jiangmen_raw: str) -> None:
    # The founding document needs tokens split at entity edges, which rebuilds the Doc.
    out = list(nlp.pipe([(jiangmen_raw, {"id": "jm"}), ("增长3.4%。", {"id": "short"})], as_tuples=True))
    assert [context["id"] for _, context in out] == ["jm", "short"]
    assert any(e.text == "4210.18亿元" for e in out[0][0].ents)


@pytest.mark.integration
def test_version_format_by_extension_umask_and_no_empty_errors_file(tmp_path) -> None:
    import govdoc_nlp

    assert runner.invoke(app, ["--version"]).output.strip() == f"govdoc-nlp {govdoc_nlp.__version__}"
    (tmp_path / "a.txt").write_text("江门市地区生产总值4210.18亿元。", encoding="utf-8")
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["annotate", str(tmp_path / "a.txt"), "--out", str(out), "--segmenter", "char"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"PAR1"
    assert not (tmp_path / "out.errors.jsonl").exists()
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    result = runner.invoke(app, ["annotate", str(tmp_path / "a.txt"), "--out", str(tmp_path / "x.jsonl"),
                                 "--format", "parquet"])
    assert result.exit_code != 0 and "does not match the extension" in result.output


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_bad_text_and_missing_paths_are_clear_errors(nlp, tmp_path) -> None:
    from govdoc_nlp.corpora import load_reports

    with pytest.raises(ValueError, match="lone surrogate"):
        nlp("增长3%\ud800。")
    with pytest.raises(FileNotFoundError, match="nope"):
        load_reports(tmp_path / "nope")
    assert "govdoc-nlp[ray]" in runner.invoke(app, ["annotate", "--help"]).output
