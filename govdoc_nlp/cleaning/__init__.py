"""Raw report text → clean text with an offset map back to the raw text."""

from govdoc_nlp.cleaning.cleaner import CleanText, clean_text
from govdoc_nlp.cleaning.offset_map import OffsetMap

__all__ = ["CleanText", "OffsetMap", "clean_text"]
