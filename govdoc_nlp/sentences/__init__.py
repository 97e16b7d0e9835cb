"""Sentence splitting as the annotation guidelines define it."""
