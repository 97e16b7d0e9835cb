"""Text of a saved government web page: body text by block, without scripts, styles, navigation or footers."""

from __future__ import annotations

from bs4 import BeautifulSoup

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg")
BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "td")


def html_to_text(html: str) -> str:
    """One line per block element; page furniture that survives is dropped later by the cleaner."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_after("\n")
    lines = (line.strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)
