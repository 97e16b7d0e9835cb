"""The names every part of govdoc-nlp shares: sentence classes and report sections (guidelines §1)."""

SENTENCE_LABELS = ("achievement", "target", "problem", "other")
SECTIONS = ("preamble", "review", "problems", "plan", "appendix", "unknown")
