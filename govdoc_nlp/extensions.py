"""Every extension attribute govdoc_nlp sets on Doc and Span, registered in one place."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from govdoc_nlp.cleaning.offset_map import OffsetMap

RAW_KEY = "govdoc.raw"
OFFSETS_KEY = "govdoc.offsets"
CLEAN_KEY = "govdoc.clean"
SECTIONS_KEY = "govdoc.sections"
# Set on each part of a document annotated in parts (govdoc_nlp.document_parts): what the whole document says
# (its sections in the part's offsets, its glossary), which components read instead of the part alone.
WHOLE_DOCUMENT_KEY = "govdoc.whole_document"


def doc_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it: spaCy joins every token on each access, the tokenizer keeps a copy.

    Splitting tokens never changes the text, so the copy stays right through the pipeline.
    """
    text = doc.user_data.get(CLEAN_KEY)
    return text if text is not None else doc.text


def _raw_text(doc: Doc) -> str:
    return doc.user_data.get(RAW_KEY, doc.text)


def _offset_map(doc: Doc) -> OffsetMap:
    data = doc.user_data.get(OFFSETS_KEY)
    if data is None:
        return OffsetMap([0], [0], len(doc.text), len(doc.text))
    return OffsetMap.from_dict(data)


def _sections(doc: Doc) -> list:
    return doc.user_data.get(SECTIONS_KEY, [])


def range_at(ranges, offset: int):
    """The section range (``sections.splitter.SectionRange``) holding character ``offset``, or None."""
    # Ranges are consecutive lines in order: the last one starting at or before the offset holds it.
    i = bisect_right(ranges, offset, key=lambda r: r[0]) - 1
    return ranges[i] if i >= 0 and offset <= ranges[i][1] else None


def _span_section(span: Span) -> str | None:
    line = range_at(span.doc.user_data.get(SECTIONS_KEY, ()), span.start_char)
    return line[2] if line is not None else None


def _span_heading(span: Span) -> str | None:
    line = range_at(span.doc.user_data.get(SECTIONS_KEY, ()), span.start_char)
    return line[3] if line is not None and len(line) > 3 else None


def _raw_span(span: Span) -> tuple[int, int]:
    return span.doc._.offset_map.span_to_raw(span.start_char, span.end_char)


def register_extensions() -> None:
    """Register the extension attributes (idempotent)."""
    for name, kwargs in {
        "raw_text": {"getter": _raw_text},
        "offset_map": {"getter": _offset_map},
        "home_place": {"default": None},
        "sections": {"getter": _sections},
    }.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **kwargs)
    for name, kwargs in {
        "raw_span": {"getter": _raw_span},
        "metric": {"default": None},
        "place": {"default": None},
        "slogan": {"default": None},
        "section": {"getter": _span_section},
        "heading": {"getter": _span_heading},
        "label": {"default": None},
        "scores": {"default": None},
    }.items():
        if not Span.has_extension(name):
            Span.set_extension(name, **kwargs)


register_extensions()
