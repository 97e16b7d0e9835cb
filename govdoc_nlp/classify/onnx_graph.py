"""The classifier as an ONNX graph beside its weights, run by ONNX Runtime: the same scores, faster on a CPU.

`govdoc train-classifier` writes ``model.onnx`` next to ``model.safetensors``; `govdoc export-onnx` adds it to an
older model folder. ONNX Runtime fuses what PyTorch runs op by op (bias and GELU, residual and layer norm), which
is most of the gain for a model this small: ``benchmarks/sentence_classifier.py`` measures both. The graph is
checked against PyTorch when it is written, so a folder never holds a graph that scores differently.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

ONNX_FILE = "model.onnx"
INT8_FILE = "model.int8.onnx"  # written by calibration (govdoc_nlp.classify.int8_graph)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
TOLERANCE = 1e-4  # largest logit difference allowed between the graph and PyTorch
CHECK_SENTENCES = ("地区生产总值增长3.4%。", "今年主要预期目标是：地区生产总值增长5%左右。",
                   "教育、医疗、养老等公共服务与群众期盼还有差距。", "各位代表！")


def graph_file(int8: bool) -> str:
    """The file name of a classifier folder's float32 or int8 graph."""
    return INT8_FILE if int8 else ONNX_FILE


class OnnxGraphError(RuntimeError):
    """The ONNX graph of a classifier does not give the scores of its PyTorch weights."""


def export_onnx(model_dir: str | Path) -> Path:
    """Write ``model.onnx`` for the classifier in ``model_dir`` (its safetensors weights), after checking that the
    graph and PyTorch give the same logits on padded batches; returns the file."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from govdoc_nlp.classify.hf_logging import quiet_transformers

    model_dir = Path(model_dir)
    with quiet_transformers():
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        model = AutoModelForSequenceClassification.from_pretrained(model_dir, use_safetensors=True).eval()
    sample = tokenizer(list(CHECK_SENTENCES), padding=True, return_tensors="pt", return_token_type_ids=True)
    args = tuple(sample[name] for name in INPUTS)
    target = model_dir / ONNX_FILE
    partial = model_dir / f".{ONNX_FILE}.partial"
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on traced Python conditions and its own deprecation
        with torch.inference_mode():
            torch.onnx.export(model, args, str(partial), input_names=list(INPUTS), output_names=["logits"],
                              dynamic_axes={**axes, "logits": {0: "batch"}}, opset_version=17, dynamo=False)
    try:
        with torch.inference_mode():
            expected = model(*args).logits.numpy()
        got = OnnxRunner(partial, threads=1).run(*(a.numpy() for a in args))
        difference = float(abs(got - expected).max())
        if difference > TOLERANCE:
            raise OnnxGraphError(f"{target}: the exported graph's logits differ from PyTorch's by {difference:.2e}")
        os.replace(partial, target)
        (model_dir / INT8_FILE).unlink(missing_ok=True)  # made from the graph this one replaces
    finally:
        partial.unlink(missing_ok=True)
    return target


class OnnxRunner:
    """An ONNX Runtime session for a classifier graph on the CPU, with its own thread count (nothing global)."""

    def __init__(self, path: str | Path, threads: int) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: no notes on constant folding at every load
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(self, input_ids, attention_mask, token_type_ids):
        """Logits (a batch × labels numpy array) for int64 numpy inputs of one shape."""
        feed = dict(zip(INPUTS, (input_ids, attention_mask, token_type_ids)))
        return self.session.run(["logits"], feed)[0]
