"""Ray engine: the same pipeline on Ray Data, with actors that load it once (``pip install govdoc-nlp[ray]``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Iterable, Iterator

from govdoc_nlp.io.readers import InputDocument


ACTOR_BATCH = 2  # small batches per actor call keep every actor busy until the end


class RayAnnotator:
    """A Ray Data actor: loads the pipeline once, annotates a batch of documents per call."""

    def __init__(self, segmenter: str) -> None:
        import govdoc_nlp

        self.nlp = govdoc_nlp.load(segmenter)

    def __call__(self, batch: dict) -> dict:
        """Batch of columns (id, source, text, meta) → column ``record`` (JSON)."""
        from govdoc_nlp.annotate import annotate_documents

        documents = [InputDocument(id=i, source=s, text=t, meta=json.loads(m))
                     for i, s, t, m in zip(batch["id"], batch["source"], batch["text"], batch["meta"])]
        records = annotate_documents(self.nlp, documents)
        return {"record": [json.dumps(r, ensure_ascii=False) for r in records]}


def annotate_ray(documents: Iterable[InputDocument], segmenter: str, workers: int, batch_size: int,
                 address: str | None = None) -> Iterator[list[dict]]:
    """Records in input order, ``batch_size`` at a time, from one Ray Data pipeline over all ``documents``.

    A local Ray is started unless ``address`` names a running cluster. The documents are read by the
    driver and handed to Ray; each actor loads the pipeline once.
    """
    try:
        import ray
    except ImportError:
        raise RuntimeError("the Ray engine needs Ray: pip install 'govdoc-nlp[ray]'") from None
    rows = [{**asdict(doc), "meta": json.dumps(doc.meta, ensure_ascii=False)} for doc in documents]
    if not rows:
        return
    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    blocks = max(1, -(-len(rows) // ACTOR_BATCH))
    dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
        RayAnnotator, fn_constructor_kwargs={"segmenter": segmenter}, concurrency=workers,
        batch_size=ACTOR_BATCH, batch_format="numpy",
    )
    for batch in dataset.iter_batches(batch_size=batch_size, batch_format="numpy"):
        yield [json.loads(record) for record in batch["record"]]
