"""`govdoc pretrain`: a compact character-level BERT pretrained with masked-language modelling."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from govdoc_nlp.classify.char_tokenizer import build_char_tokenizer, character_vocabulary
from govdoc_nlp.classify.context import section_prompts
from govdoc_nlp.classify.pretraining_data import LICENCE, VOCABULARY_DIR, encode_chunks

PRETRAINING_FILE = "pretraining.json"


@dataclass(frozen=True)
class CompactBertShape:
    """The size of the encoder: small enough to classify ≥ 1,000 sentences/s on 2 CPU cores."""

    hidden_size: int = 192
    num_hidden_layers: int = 2
    num_attention_heads: int = 3
    intermediate_size: int = 768
    max_length: int = 128


@dataclass(frozen=True)
class TrainingSchedule:
    """Optimiser settings shared by pretraining and fine-tuning."""

    epochs: float = 1.0
    batch_size: int = 64
    learning_rate: float = 5e-4
    warmup_fraction: float = 0.05
    weight_decay: float = 0.01
    seed: int = 13
    max_steps: int = -1


def training_arguments(out_dir: Path, schedule: TrainingSchedule, steps_per_epoch: int, log_every: int = 50,
                       checkpoint_every: int = 0, keep_columns: bool = False):
    """``TrainingArguments`` for a CPU run: fixed seeds, no remote reporting; a checkpoint in ``out_dir`` every
    ``checkpoint_every`` steps (0: none); ``keep_columns`` hands every dataset column to the collator."""
    from transformers import TrainingArguments

    total = schedule.max_steps if schedule.max_steps > 0 else int(steps_per_epoch * schedule.epochs)
    checkpoints = {"save_strategy": "steps", "save_steps": checkpoint_every, "save_total_limit": 2} \
        if checkpoint_every > 0 else {"save_strategy": "no"}
    return TrainingArguments(
        output_dir=str(out_dir), per_device_train_batch_size=schedule.batch_size,
        learning_rate=schedule.learning_rate, num_train_epochs=schedule.epochs, max_steps=schedule.max_steps,
        warmup_steps=max(1, int(total * schedule.warmup_fraction)), weight_decay=schedule.weight_decay,
        lr_scheduler_type="linear", seed=schedule.seed, data_seed=schedule.seed, use_cpu=True,
        report_to="none", logging_steps=max(1, min(log_every, total // 4)), dataloader_num_workers=0, disable_tqdm=False,
        remove_unused_columns=not keep_columns, **checkpoints)


def pretraining_tokenizer(texts: Sequence[str], vocabulary_dir: Path, init_from: Path | None = None,
                          min_count: int = 2, max_length: int = CompactBertShape.max_length, reuse: bool = True):
    """The vocabulary of a pretraining run, kept in ``vocabulary_dir``: ``init_from``'s, else (``reuse``) the one
    kept there by an earlier start, else every character of ``texts`` (and the section prompts) seen ``min_count``
    times."""
    from transformers import AutoTokenizer

    if init_from is not None:
        tokenizer = AutoTokenizer.from_pretrained(init_from)
    elif reuse and vocabulary_dir.is_dir():
        return AutoTokenizer.from_pretrained(vocabulary_dir)
    else:
        prompts = list(section_prompts().values())
        tokenizer = build_char_tokenizer(character_vocabulary([*texts, *prompts], min_count), max_length)
    tokenizer.save_pretrained(vocabulary_dir)
    return tokenizer


def run_pretraining(texts: Sequence[str], out_dir: Path, shape: CompactBertShape = CompactBertShape(),
                    schedule: TrainingSchedule = TrainingSchedule(), min_count: int = 2, whole_word: bool = True,
                    checkpoint_every: int = 0, init_from: Path | None = None,
                    log: Callable[[str], None] = print) -> Path:
    """Pretrain a BERT of ``shape`` on ``texts`` with masked-language modelling; save it (safetensors).

    ``init_from``: a pretrained model folder (ours) to continue from, with its vocabulary and shape.
    ``whole_word``: mask jieba words whole (else single characters). ``checkpoint_every`` > 0 writes a checkpoint
    to ``out_dir/checkpoints`` every so many steps, and a run started again with the same ``out_dir`` resumes from
    the newest one (the vocabulary is kept in ``out_dir/tokenizer`` from the first start).
    """
    import torch
    from datasets import Dataset
    from transformers import BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling, Trainer, set_seed
    from transformers.trainer_utils import get_last_checkpoint

    from govdoc_nlp.classify.whole_word_masking import WholeWordMaskCollator

    set_seed(schedule.seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = pretraining_tokenizer(texts, out_dir / VOCABULARY_DIR, init_from, min_count, shape.max_length)
    log(f"vocabulary: {len(tokenizer)} tokens; {len(texts)} training chunks")
    if init_from is not None:
        model = BertForMaskedLM.from_pretrained(init_from, use_safetensors=True)
        config = model.config
        shape = CompactBertShape(config.hidden_size, config.num_hidden_layers, config.num_attention_heads,
                                 config.intermediate_size, config.max_position_embeddings)
    else:
        model = BertForMaskedLM(BertConfig(
            vocab_size=len(tokenizer), hidden_size=shape.hidden_size, num_hidden_layers=shape.num_hidden_layers,
            num_attention_heads=shape.num_attention_heads, intermediate_size=shape.intermediate_size,
            max_position_embeddings=shape.max_length, pad_token_id=tokenizer.pad_token_id))

    data = Dataset.from_dict({"text": list(texts)}).map(
        lambda batch: encode_chunks(batch["text"], tokenizer, shape.max_length, whole_word), batched=True,
        remove_columns=["text"])
    collator = WholeWordMaskCollator(tokenizer, schedule.seed) if whole_word else \
        DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15, seed=schedule.seed)
    steps = max(1, len(data) // schedule.batch_size)
    checkpoints = out_dir / "checkpoints"
    found = get_last_checkpoint(checkpoints) if checkpoint_every > 0 and checkpoints.is_dir() else None
    resume = Path(found) if found else None
    if resume is not None:
        log(f"resuming from {resume}")
    with tempfile.TemporaryDirectory() as scratch:
        args = training_arguments(checkpoints if checkpoint_every > 0 else Path(scratch), schedule, steps,
                                  checkpoint_every=checkpoint_every, keep_columns=whole_word)
        trainer = Trainer(model=model, args=args, train_dataset=data, data_collator=collator)
        result = trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    curve = [{"step": row["step"], "loss": row["loss"]} for row in trainer.state.log_history if "loss" in row]
    record = {"shape": asdict(shape), "schedule": asdict(schedule), "chunks": len(texts),
              "vocabulary": len(tokenizer), "masking": "whole word (jieba)" if whole_word else "character",
              "train_loss": round(result.training_loss, 4), "steps": result.global_step,
              "resumed_from": resume.name if resume else None,
              "initialised_from": str(init_from) if init_from is not None else None,
              "seconds": round(result.metrics.get("train_runtime", 0.0), 1), "curve": curve,
              "torch": torch.__version__, "licence": LICENCE}
    (out_dir / PRETRAINING_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    log(f"pretrained: loss {record['train_loss']} after {record['steps']} steps → {out_dir}")
    return out_dir
