"""SloganRecognizer: lexicon slogans anywhere, plus unseen slogans found by patterns inside quotation marks."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.extensions import WHOLE_DOCUMENT_KEY, doc_text  # importing it registers Span._.slogan
from govdoc_nlp.alignment import CharSpan, add_entities
from govdoc_nlp.data_files import read_lines, read_tsv
from govdoc_nlp.slogans.glossary import parse_glossary
from govdoc_nlp.slogans.lexicon import SloganLexicon, load_slogan_lexicon
from govdoc_nlp.phrase_index import PhraseIndex
from govdoc_nlp.saved_files import BytesFromFiles

_QUOTED = re.compile(r"“([^“”\n]{1,16})”")


def _unseen_pattern() -> re.Pattern[str]:
    rows = read_tsv("slogan_patterns.tsv")
    return re.compile("|".join(f"(?:{row['pattern']})" for row in rows))


class SloganRecognizer(BytesFromFiles):
    """Finds SLOGAN spans and sets ``span._.slogan = {"canonical", "short", "in_lexicon"}``."""

    def __init__(self, nlp: Language, name: str = "govdoc_slogans") -> None:
        self.name = name
        self.unseen = _unseen_pattern()
        self.not_slogans = frozenset(read_lines("slogan_stoplist.txt"))
        self.set_lexicon(load_slogan_lexicon())

    def set_lexicon(self, lexicon: SloganLexicon) -> None:
        """Replace the lexicon (and recompile its pattern)."""
        self.lexicon = lexicon
        self.index = PhraseIndex(lexicon.by_surface)

    def find(self, text: str, glossary: dict[str, str | None] | None = None) -> list[CharSpan]:
        """All slogan spans in ``text`` (may overlap; the caller resolves overlaps).

        Terms the report's own glossary defines count as slogans where quoted, with the glossary's full name
        (``glossary``: the whole document's, for a part of it; default: read from ``text``).
        """
        found = []
        for start, end in self.index.find(text):
            entry = self.lexicon.lookup(text[start:end])
            found.append(CharSpan(start, end, "SLOGAN", "slogan",
                                  {"canonical": entry.canonical, "short": entry.short, "in_lexicon": True}))
        if glossary is None:
            glossary = parse_glossary(text)
        for m in _QUOTED.finditer(text):
            inner = m.group(1)
            if self.lexicon.lookup(inner) is not None or inner in self.not_slogans:
                continue
            if inner in glossary or self.unseen.fullmatch(inner):
                found.append(CharSpan(m.start(1), m.end(1), "SLOGAN", "slogan",
                                      {"canonical": glossary.get(inner) or inner, "short": inner,
                                       "in_lexicon": False}))
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Add SLOGAN entities to ``doc``."""
        whole = doc.user_data.get(WHOLE_DOCUMENT_KEY)
        glossary = whole["glossary"] if whole is not None else None
        return add_entities(doc, self.find(doc_text(doc), glossary))

    def to_disk(self, path: Path, exclude: tuple = ()) -> None:
        """Write the lexicon (rules added at run time survive a save)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.lexicon.to_jsonl(path / "slogans.jsonl")

    def from_disk(self, path: Path, exclude: tuple = ()) -> "SloganRecognizer":
        """Read the lexicon written by :meth:`to_disk`."""
        self.set_lexicon(SloganLexicon.from_jsonl(Path(path) / "slogans.jsonl"))
        return self


@Language.factory("govdoc_slogans", assigns=["doc.user_data"])
def make_slogan_recognizer(nlp: Language, name: str) -> SloganRecognizer:
    """spaCy factory for :class:`SloganRecognizer`."""
    return SloganRecognizer(nlp, name)
