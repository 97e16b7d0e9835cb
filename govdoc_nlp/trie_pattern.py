"""Compile a word list into one trie-shaped regex (fast longest-match search with Python's re)."""

from __future__ import annotations

import re
from typing import Iterable


def trie_regex(words: Iterable[str]) -> str:
    """A regex source matching any of ``words``, longest alternative first at every branch."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return _node_regex(trie) or "(?!)"


def _node_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # Optional continuation: greedy, so the longest word wins.
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
