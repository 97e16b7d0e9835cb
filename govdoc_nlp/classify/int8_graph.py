"""The classifier's int8 graph: ``model.onnx`` with its weight products in int8 (per output channel) and the
scales of their inputs fixed on calibration sentences (static quantization, ONNX Runtime's ``quantize_static``).

Fixed scales keep a sentence's scores the same alone or in any batch, which per-batch (dynamic) scaling does not.
The graph is checked against the float32 one when it is made: one that keeps the label of fewer than
``MIN_AGREEMENT`` of the calibration sentences is not written (a barely trained model's near-equal scores flip).
``benchmarks/sentence_classifier.py --also-int8`` measures both.
"""

from __future__ import annotations

import logging
import os
import warnings
from contextlib import contextmanager
from typing import Iterator, Sequence

import numpy as np

from govdoc_nlp.classify.context import SentenceContext
from govdoc_nlp.classify.model import SentenceClassifier
from govdoc_nlp.classify.onnx_graph import INPUTS, INT8_FILE, ONNX_FILE, OnnxRunner

MIN_AGREEMENT = 0.98


def export_int8(classifier: SentenceClassifier, texts: Sequence[str],
                contexts: Sequence[SentenceContext | None]) -> float:
    """Write ``model.int8.onnx`` beside the float32 graph of the folder ``classifier`` (a float32 reader of it)
    was loaded from, its scales fitted on ``texts`` read in ``contexts``; returns the share of those sentences
    whose label it keeps (below ``MIN_AGREEMENT``: no graph, and none left from before)."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    model_dir = classifier.path
    batches = [dict(zip(INPUTS, arrays)) for _, *arrays in classifier.encoded_batches(list(texts), list(contexts))]

    class Batches(CalibrationDataReader):
        def __init__(self) -> None:
            self.left = iter(batches)

        def get_next(self) -> dict | None:
            return next(self.left, None)

    target = model_dir / INT8_FILE
    partial = model_dir / f".{INT8_FILE}.partial"
    try:
        with warnings.catch_warnings(), _quiet_root_logger():
            warnings.simplefilter("ignore")
            # Weight products only (MatMulConstBOnly): attention's products of two activations stay float32.
            # 7-bit weights (reduce_range): x86 CPUs without VNNI can saturate on 8-bit u8×s8 products.
            quantize_static(str(model_dir / ONNX_FILE), str(partial), Batches(), quant_format=QuantFormat.QOperator,
                            op_types_to_quantize=["MatMul"], per_channel=True, activation_type=QuantType.QUInt8,
                            weight_type=QuantType.QInt8, reduce_range=True, extra_options={"MatMulConstBOnly": True})
        float32, int8 = OnnxRunner(model_dir / ONNX_FILE, threads=1), OnnxRunner(partial, threads=1)
        kept = [np.argmax(float32.run(*(b[name] for name in INPUTS)), axis=1)
                == np.argmax(int8.run(*(b[name] for name in INPUTS)), axis=1) for b in batches]
        agreement = round(float(np.concatenate(kept).mean()), 4) if kept else 1.0
        if agreement >= MIN_AGREEMENT:
            os.replace(partial, target)
        else:
            target.unlink(missing_ok=True)
    finally:
        partial.unlink(missing_ok=True)
    return agreement


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    # The quantizer logs its advice to pre-process the graph through the root logger, which would also give the
    # root logger a handler of its own (logging.basicConfig) where it has none: a change to the user's process.
    root, hold = logging.getLogger(), logging.NullHandler()
    advice = logging.Filter("govdoc_nlp.none")  # passes no record of the root logger
    root.addHandler(hold), root.addFilter(advice)
    try:
        yield
    finally:
        root.removeFilter(advice), root.removeHandler(hold)
