"""Masked-language-model pretraining of a compact BERT on a lent GPU machine, within a time budget.

That machine has PyTorch and transformers but not spaCy, jieba or datasets, so the text comes tokenised
(`govdoc pretrain INPUTS… --out DIR --export`, ../docs/pretraining-on-a-gpu.md) and this script imports nothing of
govdoc_nlp's package: it loads the two modules it needs, which import nothing of it, by path. The masking is the
one `govdoc pretrain` uses (whole jieba words, 15 %). Runs on a CPU too (slowly), which is how the tests run it.

    python3 scripts/device_pretraining.py --data DIR --out OUT --minutes 8 [--layers 4 --hidden-size 256 …]

OUT is a `govdoc pretrain`-style folder (config, safetensors in shards of at most 15 MB, vocabulary,
pretraining.json with the curve) that `govdoc train-classifier --base OUT` takes; with --weights-only the
vocabulary is left out (copy DATA/tokenizer/* into OUT afterwards).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import sys
import time
from pathlib import Path

CLASSIFY = Path(__file__).resolve().parents[1] / "govdoc_nlp" / "classify"
REPLAN_AT = (60, 500, 2000, 8000)  # steps at which the schedule's length is fitted to the time left


def module_at(name: str):
    """A module of govdoc_nlp/classify loaded from its file, without the package (and its spaCy import)."""
    spec = importlib.util.spec_from_file_location(f"govdoc_device_{name}", CLASSIFY / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def endless(loader):
    """The loader's batches, epoch after epoch."""
    while True:
        yield from loader


class SeededPerWorker:
    """The whole-word collator, its random stream seeded apart in each data-loader worker."""

    def __init__(self, collator, seed: int) -> None:
        self.collator, self.seed, self.seeded = collator, seed, False

    def __call__(self, examples: list[dict]) -> dict:
        import torch

        info = torch.utils.data.get_worker_info()
        if info is not None and not self.seeded:
            self.collator.rng.seed(self.seed + 1000 * (info.id + 1))
            self.seeded = True
        return self.collator(examples)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="A folder written by `govdoc pretrain --export`.")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=8.0, help="Training time budget; the schedule fits it.")
    parser.add_argument("--max-steps", type=int, default=0, help="Stop after this many steps (0 or less: the budget).")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--warmup-steps", type=int, default=300)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--hidden-size", type=int, default=192)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--heads", type=int, default=3)
    parser.add_argument("--intermediate-size", type=int, default=768)
    parser.add_argument("--workers", type=int, default=max(0, min(8, (os.cpu_count() or 1) - 2)))
    parser.add_argument("--log-every", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--weights-only", action="store_true",
                        help="Leave the vocabulary (DATA/tokenizer) out of OUT: fewer files to bring back.")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Pretrain, save the model beside the vocabulary, and record the curve."""
    import torch
    from torch.utils.data import DataLoader
    from transformers import AutoTokenizer, BertConfig, BertForMaskedLM

    args = arguments(argv)
    data, masking = module_at("pretraining_data"), module_at("whole_word_masking")
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
    tokenizer = AutoTokenizer.from_pretrained(args.data / data.VOCABULARY_DIR)
    record = json.loads((args.data / data.RECORD_FILE).read_text(encoding="utf-8"))
    examples = data.read_pretraining_data(args.data)
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=args.hidden_size, num_hidden_layers=args.layers,
                        num_attention_heads=args.heads, intermediate_size=args.intermediate_size,
                        max_position_embeddings=record["max_length"], pad_token_id=tokenizer.pad_token_id)
    model = BertForMaskedLM(config)
    collate = SeededPerWorker(masking.WholeWordMaskCollator(tokenizer, args.seed), args.seed)
    loader_options = {"num_workers": args.workers, "persistent_workers": args.workers > 0,
                      "pin_memory": device.type == "cuda"}
    if args.workers > 0:
        loader_options["multiprocessing_context"] = "fork"  # the collator's module is not importable by name
    loader = DataLoader(examples, batch_size=args.batch_size, shuffle=True, drop_last=True, collate_fn=collate,
                        generator=torch.Generator().manual_seed(args.seed), **loader_options)
    if len(loader) == 0:
        raise SystemExit(f"{args.data}: {len(examples)} chunks, fewer than one batch of {args.batch_size}")
    batches = endless(loader)
    first = next(batches)  # the workers fork here, before any tensor is on the GPU (they never use it)
    model.to(device)
    decay = [p for p in model.parameters() if p.ndim > 1]
    rest = [p for p in model.parameters() if p.ndim <= 1]
    optimiser = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                                   {"params": rest, "weight_decay": 0.0}], lr=args.learning_rate,
                                  fused=device.type == "cuda")
    planned = {"steps": args.max_steps if args.max_steps > 0 else 10 ** 9}

    def rate(step: int) -> float:
        if step < args.warmup_steps:
            return (step + 1) / args.warmup_steps
        return max(0.0, (planned["steps"] - step) / max(1, planned["steps"] - args.warmup_steps))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, rate)
    budget = args.minutes * 60
    started = time.monotonic()
    curve, window, steady = [], [], started
    model.train()
    step = 0
    while step < planned["steps"]:
        batch = first if step == 0 else next(batches)
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            loss = model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        optimiser.zero_grad(set_to_none=True)
        step += 1
        window.append(loss.detach())
        elapsed = time.monotonic() - started
        if step == 20:
            steady = time.monotonic()  # the first steps (kernel selection, worker start) are slow
        if args.max_steps <= 0 and step in REPLAN_AT:
            # Fit the linear decay to what is left of the budget at the speed since step 20.
            per_step = (time.monotonic() - steady) / (step - 20)
            planned["steps"] = max(step + 1, step + int((budget - elapsed) / per_step))
        out_of_time = elapsed > budget * 1.05
        if step % args.log_every == 0 or step >= planned["steps"] or out_of_time:
            curve.append({"step": step, "loss": round(float(torch.stack(window).mean()), 4),
                          "seconds": round(elapsed, 1)})
            window = []
            print(json.dumps(curve[-1]), flush=True)
        if out_of_time:
            break
    seconds = time.monotonic() - started
    args.out.mkdir(parents=True, exist_ok=True)
    model.to("cpu").save_pretrained(args.out, safe_serialization=True, max_shard_size="15MB")
    if not args.weights_only:
        tokenizer.save_pretrained(args.out)
    epochs = step * args.batch_size / len(examples)
    result = {"shape": {"hidden_size": args.hidden_size, "num_hidden_layers": args.layers,
                        "num_attention_heads": args.heads, "intermediate_size": args.intermediate_size,
                        "max_length": record["max_length"]},
              "schedule": {"batch_size": args.batch_size, "learning_rate": args.learning_rate,
                           "warmup_steps": args.warmup_steps, "weight_decay": args.weight_decay,
                           "seed": args.seed, "planned_steps": planned["steps"]},
              "chunks": len(examples), "vocabulary": len(tokenizer), "masking": record["masking"],
              "steps": step, "epochs": round(epochs, 2), "train_loss": curve[-1]["loss"] if curve else math.nan,
              "seconds": round(seconds, 1), "curve": curve, "torch": torch.__version__,
              "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu", "licence": data.LICENCE,
              "script": "scripts/device_pretraining.py"}
    (args.out / "pretraining.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"pretrained: loss {result['train_loss']} after {step} steps ({result['epochs']} epochs) → {args.out}")


if __name__ == "__main__":
    main()
