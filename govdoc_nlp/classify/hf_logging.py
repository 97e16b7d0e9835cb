"""Quiet loading of Hugging Face models: their load reports and progress bars off for a moment, nothing global."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' loading reports and progress bars for a moment, then restore the user's settings."""
    from transformers.utils import logging as hf_logging

    level, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()
