"""Corpus runs: mixed encodings and formats, errors file, workers, Parquet and tables, resume after SIGKILL, Ray."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import JIANGMEN, PROVINCIAL

from govdoc_nlp.batch.runner import run_annotation
from govdoc_nlp.corpora import load_reports


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def mixed_corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "gbk.txt").write_bytes("新会区地区生产总值增长3.4%。".encode("gbk"))
    (folder / "utf16.txt").write_bytes("台山增长5%，全省第7。".encode("utf-16"))
    (folder / "bom.md").write_bytes("\ufeff# 报告\n\n规上工业增加值增长6%。".encode("utf-8"))
    (folder / "page.html").write_text(
        "<html><head><script>var x=1;</script></head><body><nav>首页 &gt; 要闻</nav>"
        "<p>江门市进出口总额1917亿元、增长10.6%。</p><div>打印</div><footer>版权所有</footer></body></html>",
        encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(os.urandom(2000) + b"\x00")
    (folder / "rows.jsonl").write_text(json.dumps({"id": "r1", "text": "粮食产量超100万吨。"}, ensure_ascii=False)
                                       + "\n", encoding="utf-8")
    pq.write_table(pa.table({"id": ["p1"], "text": ["新增企业1.78万户。"]}), folder / "rows.parquet")
    return folder


@pytest.mark.integration
def test_mixed_corpus_completes_with_bad_files_in_the_errors_file(mixed_corpus, tmp_path) -> None:
    out = tmp_path / "out" / "corpus.jsonl"
    summary = run_annotation([mixed_corpus], out, segmenter="jieba", tables=tmp_path / "tables", progress=False)
    records = {Path(r["source"].split(":")[0]).name: r for r in read_jsonl(out)}
    assert set(records) == {"gbk.txt", "utf16.txt", "bom.md", "page.html", "empty.txt", "rows.jsonl", "rows.parquet"}
    errors = read_jsonl(tmp_path / "out" / "corpus.errors.jsonl")
    assert [Path(e["path"]).name for e in errors] == ["binary.txt"]
    assert [f.source for f in summary.failures] == [str(mixed_corpus / "binary.txt")]
    assert records["gbk.txt"]["text"] == "新会区地区生产总值增长3.4%。"
    assert records["utf16.txt"]["text"] == "台山增长5%，全省第7。"
    assert records["page.html"]["text"].strip() == "江门市进出口总额1917亿元、增长10.6%。"  # nav, footer, 打印 gone
    assert records["empty.txt"]["ents"] == []
    assert {e["text"] for e in records["rows.parquet"]["ents"]} == {"1.78万户"}
    metrics = pq.read_table(tmp_path / "tables" / "metrics.parquet").to_pylist()
    metric_ents = [e for r in records.values() for e in r["ents"] if e["label"] == "METRIC"]
    assert len(metrics) == len(metric_ents)
    assert {m["text"]: m["value"] for m in metrics}["1917亿元"] == 191700000000.0
    assert not (tmp_path / "out" / "corpus.jsonl.parts").exists()


@pytest.mark.integration
def test_parquet_output_and_a_second_run_skips_finished_documents(mixed_corpus, tmp_path) -> None:
    out = tmp_path / "out.parquet"
    first = run_annotation([mixed_corpus], out, segmenter="jieba", fmt="parquet", progress=False)
    second = run_annotation([mixed_corpus], out, segmenter="jieba", fmt="parquet", progress=False)
    assert (first.annotated, second.annotated, second.resumed) == (7, 0, 7)
    table = pq.read_table(out)
    assert table.num_rows == 7 and len(set(table.column("source").to_pylist())) == 7


def _provincial_copy(tmp_path, n: int) -> Path:
    folder = tmp_path / "provincial"
    folder.mkdir()
    for path in sorted(PROVINCIAL.glob("*.txt"))[:n]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "MANIFEST.tsv").write_bytes((PROVINCIAL / "MANIFEST.tsv").read_bytes())
    return folder


@pytest.mark.integration
def test_two_workers_give_the_same_output_as_one(tmp_path) -> None:
    corpus = _provincial_copy(tmp_path, 4)
    run_annotation([corpus], tmp_path / "one.jsonl", segmenter="jieba", shard_size=1, progress=False)
    run_annotation([corpus], tmp_path / "two.jsonl", segmenter="jieba", shard_size=1, workers=2, progress=False)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    first = read_jsonl(tmp_path / "one.jsonl")[0]
    assert first["meta"] == {"place": "上海市", "level": "province", "year": 2026}


@pytest.mark.integration
def test_a_run_killed_with_sigkill_resumes_with_every_document_exactly_once(tmp_path) -> None:
    corpus = _provincial_copy(tmp_path, 26)
    out = tmp_path / "killed.jsonl"
    # Rules only: what is under test is the run's bookkeeping, not the classifier (which the other tests cover).
    cmd = [sys.executable, "-m", "govdoc_nlp.cli", "annotate", str(corpus), "--out", str(out),
           "--segmenter", "jieba", "--shard-size", "1", "--no-classifier"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out.with_name(out.name + ".parts")
    deadline = time.time() + 120
    while time.time() < deadline and len(list(parts.glob("shard-*.jsonl"))) < 5:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished_before_kill = len(list(parts.glob("shard-*.jsonl")))
    assert 5 <= finished_before_kill < 26, "the kill must land mid-run"
    assert not out.exists()
    resumed = run_annotation([corpus], out, segmenter="jieba", shard_size=1, progress=False, classifier=False)
    assert resumed.resumed == finished_before_kill and resumed.annotated == 26 - finished_before_kill
    reference = tmp_path / "reference.jsonl"
    run_annotation([corpus], reference, segmenter="jieba", progress=False, classifier=False)
    records = read_jsonl(out)
    assert len({r["source"] for r in records}) == len(records) == 26
    assert out.read_bytes() == reference.read_bytes()


def test_load_reports_reads_manifest_metadata() -> None:
    dataset = load_reports(JIANGMEN.parent)
    row = dataset[0]
    assert (row["place"], row["level"], row["year"]) == ("江门市", "city", 2025)
    assert len(row["id"]) == 16 and row["text"].startswith("## 政府工作报告")


@pytest.mark.integration
def test_ray_engine_gives_the_same_output_as_the_local_engine(tmp_path) -> None:
    pytest.importorskip("ray")
    corpus = _provincial_copy(tmp_path, 3)
    run_annotation([corpus], tmp_path / "local.jsonl", segmenter="jieba", progress=False)
    run_annotation([corpus], tmp_path / "ray.jsonl", segmenter="jieba", engine="ray", workers=2, shard_size=2,
                   progress=False)
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


@pytest.mark.integration
def test_split_output_files_and_resume_from_them(mixed_corpus, tmp_path) -> None:
    from govdoc_nlp.batch.outputs import split_paths

    out = tmp_path / "split" / "reports.jsonl"
    run_annotation([mixed_corpus], out, segmenter="jieba", split=3, progress=False)
    files = split_paths(out)
    assert [f.name for f in files] == ["reports-00000.jsonl", "reports-00001.jsonl", "reports-00002.jsonl"]
    assert [len(read_jsonl(f)) for f in files] == [3, 3, 1]
    again = run_annotation([mixed_corpus], out, segmenter="jieba", split=4, progress=False)
    assert (again.annotated, again.resumed) == (0, 7)
    assert [len(read_jsonl(f)) for f in split_paths(out)] == [4, 3]


@pytest.mark.integration
def test_without_the_classifier_entities_are_the_same_and_sentences_carry_no_label(mixed_corpus, tmp_path) -> None:
    run_annotation([mixed_corpus], tmp_path / "whole.jsonl", segmenter="jieba", progress=False)
    run_annotation([mixed_corpus], tmp_path / "rules.jsonl", segmenter="jieba", progress=False, classifier=False)
    whole, rules = read_jsonl(tmp_path / "whole.jsonl"), read_jsonl(tmp_path / "rules.jsonl")
    assert [r["ents"] for r in whole] == [r["ents"] for r in rules]
    assert all("label" in s for r in whole for s in r["sents"])
    assert not any("label" in s or "scores" in s for r in rules for s in r["sents"])


@pytest.mark.integration
def test_resuming_an_output_made_by_a_different_pipeline_stops_and_restart_redoes_it(tmp_path) -> None:
    from govdoc_nlp.batch.run_stamp import StampMismatchError, stamp_path

    corpus = _provincial_copy(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    run_annotation([corpus], out, segmenter="jieba", progress=False, classifier=False)
    stamp = json.loads(stamp_path(out).read_text(encoding="utf-8"))
    assert (stamp["segmenter"], stamp["classifier"]) == ("jieba", False) and len(stamp["rules_and_lexicons"]) == 64
    before = out.read_bytes()
    with pytest.raises(StampMismatchError, match=r"out\.jsonl was annotated by a different pipeline.*classifier"):
        run_annotation([corpus], out, segmenter="jieba", progress=False)  # now with the classifier
    assert out.read_bytes() == before  # untouched
    # An edited rule or lexicon file changes the stamp too (simulated by the stamp on disk).
    stamp_path(out).write_text(json.dumps({**stamp, "rules_and_lexicons": "0" * 64}), encoding="utf-8")
    with pytest.raises(StampMismatchError, match="rules_and_lexicons changed"):
        run_annotation([corpus], out, segmenter="jieba", progress=False, classifier=False)
    redone = run_annotation([corpus], out, segmenter="jieba", progress=False, restart=True)
    assert (redone.annotated, redone.resumed) == (2, 0)
    assert all("label" in s for r in read_jsonl(out) for s in r["sents"])
    assert json.loads(stamp_path(out).read_text(encoding="utf-8"))["classifier"] is True


def test_an_interrupted_run_by_another_pipeline_is_not_resumed(tmp_path) -> None:
    from govdoc_nlp.batch.run_stamp import StampMismatchError

    corpus = _provincial_copy(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    parts = tmp_path / "out.jsonl.parts"
    parts.mkdir()
    (parts / "shard-0000000000000000-0000000.jsonl").write_text(
        json.dumps({"id": "x", "source": "elsewhere.txt", "text": "", "sents": [], "ents": []}) + "\n",
        encoding="utf-8")
    (parts / "stamp.json").write_text(json.dumps({"segmenter": "pkuseg", "classifier": True}), encoding="utf-8")
    with pytest.raises(StampMismatchError, match=r"out\.jsonl\.parts was annotated by a different pipeline"):
        run_annotation([corpus], out, segmenter="jieba", progress=False, classifier=False)
    assert not out.exists()


def _hold_output_lock(out: Path) -> subprocess.Popen:
    """A separate process that takes the output's lock and keeps it until killed."""
    code = ("import sys, time\nfrom pathlib import Path\nfrom govdoc_nlp.batch.output_lock import output_lock\n"
            "with output_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(out)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


@pytest.mark.integration
def test_a_second_run_on_the_same_output_stops_at_once_and_a_killed_runs_lock_is_not_obeyed(tmp_path) -> None:
    from govdoc_nlp.batch.output_lock import OutputBusyError

    corpus = _provincial_copy(tmp_path, 2)
    out = tmp_path / "busy.jsonl"
    holder = _hold_output_lock(out)
    try:
        with pytest.raises(OutputBusyError, match="another govdoc run is writing this output"):
            run_annotation([corpus], out, segmenter="char", classifier=False, progress=False)
        assert not out.exists() and not out.with_name(out.name + ".parts").exists()
    finally:
        holder.kill()
        holder.wait()
    assert out.with_name(out.name + ".lock").exists()  # left by the killed holder: stale, and taken over
    summary = run_annotation([corpus], out, segmenter="char", classifier=False, progress=False)
    assert summary.annotated == 2 and len(read_jsonl(out)) == 2


def _descendants(pid: int) -> set[int]:
    """Every live process under ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.integration
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_their_run_is_killed(tmp_path) -> None:
    corpus = _provincial_copy(tmp_path, 26)
    out = tmp_path / "killed.jsonl"
    cmd = [sys.executable, "-m", "govdoc_nlp.cli", "annotate", str(corpus), "--out", str(out),
           "--segmenter", "char", "--no-classifier", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out.with_name(out.name + ".parts")
    deadline = time.time() + 120
    while time.time() < deadline and not list(parts.glob("shard-*.jsonl")):
        time.sleep(0.05)
    workers = _descendants(proc.pid)
    assert len(workers) >= 2, "the run must have started its workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 15
    while time.time() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}/stat").exists()
             and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert alive == []


@pytest.mark.integration
def test_sentence_labels_sections_and_headings_reach_parquet_and_the_tables(tmp_path) -> None:
    corpus = _provincial_copy(tmp_path, 1)
    out = tmp_path / "one.parquet"
    run_annotation([corpus], out, segmenter="char", tables=tmp_path / "tables", progress=False)
    sents = pq.read_table(out).to_pylist()[0]["sents"]
    assert {s["label"] for s in sents} <= {"achievement", "target", "problem", "other"} and sents[0]["label"]
    assert abs(sum(sents[0]["scores"].values()) - 1) < 1e-3
    assert {"review", "plan"} <= {s["section"] for s in sents}
    review = next(s for s in sents if s["section"] == "review")
    assert "回顾" in review["heading"]
    table = pq.read_table(tmp_path / "tables" / "sentences.parquet").to_pylist()
    assert [row["label"] for row in table] == [s["label"] for s in sents]


@pytest.mark.integration
def test_the_summary_gives_annotation_time_apart_from_loading(tmp_path) -> None:
    from govdoc_nlp.batch.runner import run_annotation, summary_line

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(3):
        (docs / f"r{n}.txt").write_text(f"江门市地区生产总值增长{n}.4%。城镇新增就业5.13万人。", encoding="utf-8")
    summary = run_annotation([docs], tmp_path / "o.jsonl", segmenter="char", classifier=False, progress=False)
    assert summary.annotated == 3 and 0 < summary.annotate_seconds < summary.seconds
    assert "annotating alone" in summary_line(summary, tmp_path / "o.jsonl")


@pytest.mark.integration
def test_without_a_terminal_progress_is_a_log_line(tmp_path, monkeypatch, capsys) -> None:
    import govdoc_nlp.batch.runner as runner_module

    monkeypatch.setattr(runner_module, "LOG_EVERY_SECONDS", 0.0)
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(4):
        (docs / f"r{n}.txt").write_text(f"地区生产总值增长{n}.4%。", encoding="utf-8")
    runner_module.run_annotation([docs], tmp_path / "o.jsonl", segmenter="char", classifier=False, shard_size=1)
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("annotate: ")]
    assert lines and lines[-1].startswith("annotate: 4 documents")
