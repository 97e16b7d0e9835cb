"""Where govdoc_nlp keeps what `govdoc setup` builds: $GOVDOC_NLP_HOME, else ~/.cache/govdoc_nlp."""

from __future__ import annotations

import json
import os
from pathlib import Path

SEGMENTERS = ("pkuseg", "jieba", "char")
# Bump when what the pipelines save changes shape, so that `govdoc setup` rebuilds them.
# 24: the PLACE rule kinds town_area_word_not_before, distinct_town_not_ending, distinct_town_start_max_freq, numeral_follower; 23: the PLACE rule kind town_area_word (and new rows); 22: the PLACE rule kinds org_suffix_not_before, listed_name_word, distinct_town_min_chars, direction_suffix, disaster_word, disaster_modifier; 21: the PLACE rule kinds route_word, route_verb, name_stop_chars, group_word, feature_word, feature_modifier, count_word, water_suffix, org_suffix_not_in, zone_suffix; 20: the PLACE rule kind distinct_short_min_chars; 19: the classifier's int8 graph, run by default; 18: the PLACE rule kind area_word; 16: the classifier's document stage saved with its model; 13: the classifier's ONNX graph saved with its model; 12: rule files saved with each component; 11: alignment step
SAVED_FORMAT = 24


def data_home() -> Path:
    """The folder holding fetched wheels and the saved pipelines."""
    env = os.environ.get("GOVDOC_NLP_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "govdoc_nlp"


def pipeline_dir(segmenter: str, home: Path | None = None) -> Path:
    """The saved pipeline for ``segmenter``."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    return (home or data_home()) / "pipelines" / segmenter


def setup_record_path(home: Path | None = None) -> Path:
    """The record `govdoc setup` writes of what it built (format, pins, classifier hash)."""
    return (home or data_home()) / "setup.json"


def read_setup_record(home: Path | None = None) -> dict | None:
    """The setup record, or None where setup has not run."""
    path = setup_record_path(home)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
