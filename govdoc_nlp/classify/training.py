"""`govdoc train-classifier`: fine-tune a BERT checkpoint on weakly labelled and hand-labelled sentences."""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from govdoc_nlp.classify.context import (SentenceContext, context_kind, context_segment, reads_heading,
                                        section_prompts)
from govdoc_nlp.classify.model import METADATA_FILE, update_model_metadata
from govdoc_nlp.classify.onnx_graph import INT8_FILE, ONNX_FILE
from govdoc_nlp.classify.pretraining import PRETRAINING_FILE, TrainingSchedule, training_arguments
from govdoc_nlp.labels import SENTENCE_LABELS


@dataclass
class SentenceRows:
    """Training sentences: text, context (None: read alone), label, and where each comes from (weak or hand)."""

    text: list[str]
    context: list[SentenceContext | None]
    label: list[str]
    origin: list[str]

    def without(self, texts: set[str]) -> "SentenceRows":
        """These rows less every row whose text is in ``texts``."""
        keep = [i for i, text in enumerate(self.text) if text not in texts]
        return SentenceRows(*([column[i] for i in keep] for column in (self.text, self.context, self.label,
                                                                        self.origin)))

    def counts(self) -> dict[str, dict[str, int]]:
        """Sentences per origin and label."""
        out: dict[str, dict[str, int]] = {}
        for origin, label in zip(self.origin, self.label):
            out.setdefault(origin, {}).setdefault(label, 0)
            out[origin][label] += 1
        return out


def combine_rows(weak: dict[str, list], hand: list[tuple[str, SentenceContext | None, str]], hand_copies: int = 4,
                 context_dropout: float = 0.5, seed: int = 13, weak_share: float = 1.0,
                 weak_origin: str = "weak") -> SentenceRows:
    """A random ``weak_share`` of the weak rows (columns text, section, heading, weak_label) plus ``hand_copies``
    copies of each hand-labelled (text, context, label); a hand label replaces the weak label of the same sentence.
    ``weak_origin`` names where the weak rows come from (``weak``: the section rules; ``teacher``: a model).
    A ``context_dropout`` share of rows is read without context, so that the model learns to classify a sentence
    from its own words."""
    hand_texts = {text for text, _, _ in hand}
    rows = SentenceRows([], [], [], [])
    rng = random.Random(seed)
    for text, section, heading, label in zip(weak["text"], weak["section"], weak["heading"], weak["weak_label"]):
        # No draw at a share of 1: models trained before --weak-share keep their random context dropout.
        if text not in hand_texts and (weak_share >= 1.0 or rng.random() < weak_share):
            rows.text.append(text), rows.context.append(SentenceContext(section, heading))
            rows.label.append(label), rows.origin.append(weak_origin)
    for _ in range(hand_copies):
        for text, context, label in hand:
            rows.text.append(text), rows.context.append(context), rows.label.append(label)
            rows.origin.append("hand")
    rows.context = [None if rng.random() < context_dropout else c for c in rows.context]
    return rows


def base_licence(base: str | Path) -> str:
    """The licence a govdoc model folder records (pretrained or fine-tuned); else a pointer to the base's own."""
    for name in (METADATA_FILE, PRETRAINING_FILE):
        path = Path(base) / name
        if path.exists():
            licence = json.loads(path.read_text(encoding="utf-8")).get("licence")
            if licence:
                return licence
    return f"see the licence of {base}"


def class_weights(labels: list[str], classes: list[str], power: float) -> list[float]:
    """Loss weight per class, (n / (k · count)) ** power: 0 gives equal weights, 1 fully balanced ones (problem
    sentences are under 1 % of the weak labels; the square root lifts them without drowning the rest)."""
    counts = {c: max(1, labels.count(c)) for c in classes}
    return [round((len(labels) / (len(classes) * counts[c])) ** power, 4) for c in classes]


def _weighted_trainer(weights: list[float]):
    import torch
    from transformers import Trainer

    class WeightedLossTrainer(Trainer):
        """Cross-entropy with a weight per class."""

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            labels = inputs.pop("labels")
            outputs = model(**inputs)
            loss = torch.nn.functional.cross_entropy(
                outputs.logits, labels, weight=torch.tensor(weights, dtype=outputs.logits.dtype))
            return (loss, outputs) if return_outputs else loss

    return WeightedLossTrainer


def fine_tune(base: str | Path, rows: SentenceRows, out_dir: Path, schedule: TrainingSchedule,
              random_init: bool = False, max_length: int = 128, licence: str | None = None,
              class_weight_power: float = 0.0, with_heading: bool = True,
              log: Callable[[str], None] = print) -> Path:
    """Fine-tune ``base`` (a Hugging Face model name or folder) on ``rows``; save a classifier model folder.

    ``random_init``: same architecture and tokenizer, weights drawn afresh (to measure what pretraining adds).
    ``class_weight_power``: see :func:`class_weights`. ``with_heading``: the context segment holds the heading's
    start after the section's word (else the word alone: shorter inputs, faster).
    """
    import torch
    from datasets import Dataset
    from transformers import (AutoConfig, AutoModelForSequenceClassification, AutoTokenizer,
                              DataCollatorWithPadding, Trainer, set_seed)

    set_seed(schedule.seed)
    labels = list(SENTENCE_LABELS)
    label_ids = {label: i for i, label in enumerate(labels)}
    prompts = section_prompts()
    tokenizer = AutoTokenizer.from_pretrained(base)
    kwargs = {"num_labels": len(labels), "id2label": dict(enumerate(labels)), "label2id": label_ids}
    if random_init:
        model = AutoModelForSequenceClassification.from_config(AutoConfig.from_pretrained(base, **kwargs))
    else:
        model = AutoModelForSequenceClassification.from_pretrained(base, use_safetensors=True,
                                                                   trust_remote_code=False, **kwargs)
    data = Dataset.from_dict({"prompt": [context_segment(c, prompts, with_heading) for c in rows.context],
                              "text": rows.text, "labels": [label_ids[label] for label in rows.label]})
    data = data.map(lambda b: tokenizer(b["prompt"], b["text"], truncation="only_second", max_length=max_length),
                    batched=True, remove_columns=["prompt", "text"])
    steps = max(1, len(data) // schedule.batch_size)
    weights = class_weights(rows.label, labels, class_weight_power)
    with tempfile.TemporaryDirectory() as scratch:
        trainer_class = _weighted_trainer(weights) if class_weight_power else Trainer
        trainer = trainer_class(model=model, args=training_arguments(Path(scratch), schedule, steps),
                                train_dataset=data, data_collator=DataCollatorWithPadding(tokenizer))
        result = trainer.train()
    out_dir.mkdir(parents=True, exist_ok=True)
    for graph in (ONNX_FILE, INT8_FILE):  # graphs of an older network in this folder: written again after training
        (out_dir / graph).unlink(missing_ok=True)
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    meta = {"labels": labels, "section_prompts": prompts,
            "context": context_kind(with_heading), "max_length": max_length,
            "base": str(base),
            "random_init": random_init,
            "licence": licence or base_licence(base),
            "schedule": asdict(schedule), "class_weights": dict(zip(labels, weights)), "rows": rows.counts(),
            "train_loss": round(result.training_loss, 4), "steps": result.global_step,
            "seconds": round(result.metrics.get("train_runtime", 0.0), 1), "torch": torch.__version__}
    (out_dir / METADATA_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"fine-tuned: loss {meta['train_loss']} after {meta['steps']} steps → {out_dir}")
    return out_dir


def train_lexical_head(rows: SentenceRows, out: Path, seed: int = 13) -> int:
    """Fit the lexical head on the network's training rows, each read with the context words the network reads,
    save it in the model folder ``out`` and note it in the folder's metadata; returns its number of n-grams."""
    from govdoc_nlp.classify.lexical_head import NGRAMS, LexicalHead, head_input

    prompts = section_prompts()
    with_heading = reads_heading(json.loads((out / METADATA_FILE).read_text(encoding="utf-8")))
    head = LexicalHead.fit([head_input(text, context_segment(context, prompts, with_heading))
                            for text, context in zip(rows.text, rows.context)], rows.label, SENTENCE_LABELS, seed)
    head.save(out)
    # Weights fitted for an earlier head go: calibration fits them again.
    update_model_metadata(out, {"lexical_head": {"ngrams": list(NGRAMS), "features": len(head.ngrams),
                                                 "rows": len(rows.text)}}, remove=("combination",))
    return len(head.ngrams)


def remove_lexical_head(folder: Path) -> None:
    """Delete a model folder's lexical head, the document stage that reads it, and their weights in the metadata,
    where it has them."""
    from govdoc_nlp.classify.document_stage import STAGE_FILE
    from govdoc_nlp.classify.lexical_head import VOCABULARY_FILE, WEIGHTS_FILE

    for name in (WEIGHTS_FILE, VOCABULARY_FILE, STAGE_FILE):
        (Path(folder) / name).unlink(missing_ok=True)
    if (Path(folder) / METADATA_FILE).exists():
        update_model_metadata(folder, remove=("combination", "lexical_head", "document_stage"))
