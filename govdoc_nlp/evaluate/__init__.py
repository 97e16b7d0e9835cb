"""Scoring against labelled sets in the format of docs/annotation-guidelines.md §3."""
