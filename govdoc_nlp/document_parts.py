"""Very long documents in parts: bounded memory whatever the length, one record with offsets into the whole text.

A document longer than ``PART_CHARS`` is cut after line breaks that end a sentence (never inside one). Its
document-wide facts are read from the whole clean text first — sections and the headings above each line, the
glossary of slogans, the document's own place, the sentences just outside each part — and handed to every part, so
that each part is annotated as it would be inside the whole; the parts' records are then joined with their offsets
moved into the whole text.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.classify.context import REACH
from govdoc_nlp.cleaning.cleaner import clean_text
from govdoc_nlp.extensions import CLEAN_KEY, WHOLE_DOCUMENT_KEY
from govdoc_nlp.io.records import to_record
from govdoc_nlp.sections.splitter import find_sections
from govdoc_nlp.sentences.splitter import sentence_spans
from govdoc_nlp.slogans.glossary import parse_glossary

# Parts of this many characters keep a long document under 1.5 GB (benchmarks/long_document.py); reports are
# shorter (the longest tested, a five-year plan, has 93,000) and are annotated whole, as before.
PART_CHARS = 200_000
# A line break after sentence-final punctuation (and closing quotes), or before a full-width indent (reports
# without punctuation at paragraph ends, as the first five-year plan): the cleaner never joins such lines, and the
# sentence splitter ends a sentence there.
_CUT = re.compile(r"[。！？；!?;][”’」』）)]*[ \t\u3000]*\n|\n(?=\u3000)")

PartDone = Callable[[int, int], None]  # (characters of the part, parts left in its document)


def part_bounds(text: str, part_chars: int = PART_CHARS) -> list[tuple[int, int]]:
    """Consecutive (start, end) raw offsets covering ``text``: each part ends after a line break that ends a
    sentence, at most ``part_chars`` long where such a break exists (else at the first one after)."""
    bounds, start = [], 0
    while len(text) - start > part_chars:
        window_end = start + part_chars
        cut = None
        for m in _CUT.finditer(text, start + part_chars // 2, window_end):
            cut = m.end()
        if cut is None:
            m = _CUT.search(text, window_end)
            if m is None or m.end() >= len(text):
                break
            cut = m.end()
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def whole_document_facts(nlp: Language, clean: str, home_place: str | None) -> tuple[list, dict, str | None]:
    """Sections, glossary and the document's own place, read from the whole clean text as the components would."""
    if home_place is None and "govdoc_places" in nlp.pipe_names:
        home_place = nlp.get_pipe("govdoc_places").home_name(clean)
    sections = nlp.get_pipe("govdoc_sections").find(clean) if "govdoc_sections" in nlp.pipe_names else find_sections(clean)
    return sections, parse_glossary(clean), home_place


def annotate_in_parts(nlp: Language, text: str, home_place: str | None = None, part_chars: int = PART_CHARS,
                      part_done: PartDone | None = None, **record_fields) -> dict:
    """The record of ``text`` annotated part by part (as :func:`govdoc_nlp.io.records.to_record` makes it for
    the whole); ``part_done(chars, parts_left)`` is called after each part; ``record_fields`` go to to_record."""
    bounds = part_bounds(text, part_chars)
    rules = getattr(nlp.tokenizer, "cleaning_rules", None)
    clean_parts = [clean_text(text[start:end], rules).text for start, end in bounds]
    whole = clean_text(text, rules).text
    if "".join(clean_parts) != whole:
        # A cut the cleaner reads across (none among the documents tested): the whole at once, memory or not.
        warnings.warn(f"{record_fields.get('source')}: annotated whole, its parts do not clean as the whole does",
                      stacklevel=2)
        bounds, clean_parts = [(0, len(text))], [whole]
    sections, glossary, home = whole_document_facts(nlp, whole, home_place)
    spans = sentence_spans(whole)
    starts, sentences = [start for start, _ in spans], [sentence for _, sentence in spans]
    record: dict = {}
    clean_start = 0
    for n, ((raw_start, raw_end), clean) in enumerate(zip(bounds, clean_parts)):
        clean_end = clean_start + len(clean)
        part_sections = [(s.start - clean_start, s.end - clean_start, s.section, s.heading)
                         for s in sections if clean_start <= s.start <= clean_end]
        doc = nlp.make_doc(text[raw_start:raw_end])
        if doc.user_data.get(CLEAN_KEY) != clean:
            raise RuntimeError("a part of the document cleaned differently alone: report this as a bug")
        # The sentences just outside the part: the classifier reads a sentence beside its neighbours.
        first, after_last = bisect_left(starts, clean_start), bisect_left(starts, clean_end)
        neighbours = (sentences[max(0, first - REACH):first], sentences[after_last:after_last + REACH])
        doc.user_data[WHOLE_DOCUMENT_KEY] = {"sections": part_sections, "glossary": glossary, "neighbours": neighbours}
        if home:
            doc._.home_place = home
        part = to_record(_run_components(nlp, doc), **record_fields)
        _join(record, part, clean_start, raw_start)
        clean_start = clean_end
        if part_done is not None:
            part_done(raw_end - raw_start, len(bounds) - n - 1)
    return record


def _run_components(nlp: Language, doc: Doc) -> Doc:
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _join(record: dict, part: dict, clean_start: int, raw_start: int) -> None:
    """Append ``part`` to ``record``, its offsets moved by where the part starts in the whole text."""
    for rows in (part["sents"], part["ents"]):
        for row in rows:
            row["start"] += clean_start
            row["end"] += clean_start
            row["raw_start"] += raw_start
            row["raw_end"] += raw_start
    if not record:
        record.update(part)
        return
    record["text"] += part["text"]
    record["sents"].extend(part["sents"])
    record["ents"].extend(part["ents"])

