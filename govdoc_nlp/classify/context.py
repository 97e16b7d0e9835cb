"""What the sentence classifier reads besides the sentence: where it stands in its document.

The context is the first segment of the model's input (``[CLS] context [SEP] sentence [SEP]``): the word for the
report part the sentence stands in (``data/section_prompts.tsv``) and the text of the headings above it, so that
the model reads a heading's own words (``“十四五”时期工作回顾``, ``2026年重点工作``) rather than only the part the
section rules gave it. A sentence without a document has the context ``未知`` (not known) and is classified from its
own words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from govdoc_nlp.data_files import read_tsv

HEADING_CHARS = 16  # the start of the top heading: its placing words, without slowing the model much
NO_CONTEXT = "none"
REACH = 8  # neighbours kept on each side: the widest window of the document stage


# A model folder's metadata "context": the section's word and the heading's start, or the word alone.
WITH_HEADING = "section+heading"
WORD_ONLY = "section"


def context_kind(with_heading: bool) -> str:
    """The metadata "context" of a model that reads the heading (``with_heading``) or the section's word alone."""
    return WITH_HEADING if with_heading else WORD_ONLY


def reads_heading(meta: dict) -> bool:
    """Whether the model with metadata ``meta`` reads the heading's start after the section's word."""
    return meta.get("context") == WITH_HEADING


def section_prompts() -> dict[str, str]:
    """The word the classifier reads for each report section ("none": no document)."""
    return {row["section"]: row["prompt"] for row in read_tsv("section_prompts.tsv")}


@dataclass(frozen=True)
class SentenceContext:
    """Where a sentence stands: its report section (None: no document), the headings above it, and the sentences
    before and after it in its document (document order, nearest ``REACH`` each side; empty where not known)."""

    section: str | None = None
    heading: str = ""
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


def with_neighbours(texts: Sequence[str], contexts: Sequence[SentenceContext | None]) -> list[SentenceContext | None]:
    """``contexts`` of ``texts``, one document's sentences in order, each with its neighbours among ``texts``."""
    return [replace(c, before=tuple(texts[max(0, i - REACH):i]), after=tuple(texts[i + 1:i + 1 + REACH]))
            if c is not None else None for i, c in enumerate(contexts)]


def context_segment(context: SentenceContext | None, prompts: dict[str, str], with_heading: bool) -> str:
    """The first segment of the model input for a sentence in ``context``."""
    if context is None or context.section is None:
        return prompts[NO_CONTEXT]
    prompt = prompts.get(context.section, prompts[NO_CONTEXT])
    if with_heading and context.heading:
        return f"{prompt}：{context.heading[:HEADING_CHARS]}"
    return prompt


def contexts_for(sections: Sequence[str | None] | None, headings: Sequence[str] | None,
                 count: int) -> list[SentenceContext | None]:
    """Contexts from parallel lists of sections and headings (either may be None), checked against ``count``."""
    if sections is None and headings is None:
        return [None] * count
    sections = list(sections) if sections is not None else [None] * count
    headings = list(headings) if headings is not None else [""] * count
    if len(sections) != count or len(headings) != count:
        raise ValueError(f"{count} texts but {len(sections)} sections and {len(headings)} headings")
    return [SentenceContext(s, h or "") if s is not None else None for s, h in zip(sections, headings)]


def contexts_in_documents(examples: Sequence, documents: Path) -> list[SentenceContext | None]:
    """The context of each labelled example in its source document (``meta.source`` under ``documents``; the
    sentence is found at ``meta.start`` where given, else by its text), with its neighbouring sentences. An example
    whose document is missing raises: scores must not depend silently on which files happen to be found."""
    from bisect import bisect_right

    from govdoc_nlp.cleaning import clean_text
    from govdoc_nlp.extensions import range_at
    from govdoc_nlp.io.readers import InputError, read_text_file
    from govdoc_nlp.sections.splitter import find_sections
    from govdoc_nlp.sentences.splitter import sentence_spans

    cache: dict[str, tuple[str, list, list[int], list[str]]] = {}
    out: list[SentenceContext | None] = []
    for ex in examples:
        source = ex.meta.get("source")
        if not source:
            out.append(None)
            continue
        path = Path(documents) / source
        if source not in cache:
            if not path.exists():
                raise InputError(f"{path}: the source document of a labelled example is missing (--documents "
                                 f"{documents})")
            text = clean_text(read_text_file(path).text).text
            spans = sentence_spans(text)
            cache[source] = (text, find_sections(text), [start for start, _ in spans], [s for _, s in spans])
        text, ranges, starts, sentences = cache[source]
        at = ex.meta.get("start")
        if not isinstance(at, int) or text[at:at + len(ex.text)] != ex.text:
            at = text.find(ex.text)
        if at < 0:
            raise InputError(f"{path}: does not hold the labelled sentence {ex.text[:30]!r}")
        found = range_at(ranges, at)
        if found is None:
            out.append(None)
            continue
        # The neighbours as the pipeline sees them: the document's sentences around the one this starts in.
        k = bisect_right(starts, at) - 1
        before, after = sentences[max(0, k - REACH):max(0, k)], sentences[k + 1:k + 1 + REACH]
        out.append(SentenceContext(found.section, found.heading, tuple(before), tuple(after)))
    return out
