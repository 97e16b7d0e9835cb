"""Corpus-scale annotation: local worker processes or Ray, resumable shards, atomic outputs."""
