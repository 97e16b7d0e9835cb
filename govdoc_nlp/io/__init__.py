"""Readers of input documents and writers of records."""
