"""SloganRecognizer: lexicon slogans anywhere, plus unseen slogans found by patterns inside quotation marks."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from govdoc_nlp.extensions import WHOLE_DOCUMENT_KEY, doc_text  # importing it registers Span._.slogan
from govdoc_nlp.alignment import CharSpan, add_entities
from govdoc_nlp.data_files import parse_jsonl_rows, parse_lines, parse_tsv
from govdoc_nlp.slogans.glossary import parse_glossary
from govdoc_nlp.slogans.lexicon import SLOGAN_KEYS, SLOGAN_REQUIRED, SloganLexicon
from govdoc_nlp.phrase_index import PhraseIndex
from govdoc_nlp.rule_files import DEFAULT, RuleFiles
from govdoc_nlp.saved_files import BytesFromFiles

_QUOTED = re.compile(r"“([^“”\n]{1,16})”")


PATTERN_FILES = ("slogan_patterns.tsv", "slogan_stoplist.txt")
LEXICON_FILE = "slogans.jsonl"


class SloganRecognizer(BytesFromFiles):
    """Finds SLOGAN spans and sets ``span._.slogan = {"canonical", "short", "in_lexicon"}``. Lexicon and rules: the
    package's slogans.jsonl, slogan_patterns.tsv and slogan_stoplist.txt, or a folder of one's own given to
    :meth:`initialize`; saved with the pipeline."""

    def __init__(self, nlp: Language, name: str = "govdoc_slogans") -> None:
        self.name = name
        self.initialize()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, rules: str = DEFAULT) -> None:
        """Read the lexicon and rules again, from the package ("default") or a folder."""
        files = RuleFiles.load((*PATTERN_FILES, LEXICON_FILE), rules)
        self.set_rules(RuleFiles({name: files.texts[name] for name in PATTERN_FILES}))
        lines = files.texts[LEXICON_FILE].splitlines()
        self.set_lexicon(SloganLexicon.from_rows(parse_jsonl_rows(lines, LEXICON_FILE, SLOGAN_KEYS, SLOGAN_REQUIRED)))

    def set_rules(self, files: RuleFiles) -> None:
        """Use these pattern and stoplist files."""
        self.rule_files = files
        rows = parse_tsv("slogan_patterns.tsv", files.texts["slogan_patterns.tsv"])
        self.unseen = re.compile("|".join(f"(?:{row['pattern']})" for row in rows))
        self.not_slogans = frozenset(parse_lines(files.texts["slogan_stoplist.txt"]))

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
        """Write the lexicon (entries added at run time survive a save) and the rule files."""
        path = Path(path)
        self.rule_files.to_disk(path)
        self.lexicon.to_jsonl(path / LEXICON_FILE)

    def from_disk(self, path: Path, exclude: tuple = ()) -> "SloganRecognizer":
        """Read the lexicon and rules written by :meth:`to_disk`."""
        self.set_rules(RuleFiles.from_disk(path, PATTERN_FILES))
        self.set_lexicon(SloganLexicon.from_jsonl(Path(path) / LEXICON_FILE))
        return self


@Language.factory("govdoc_slogans", assigns=["doc.user_data"])
def make_slogan_recognizer(nlp: Language, name: str) -> SloganRecognizer:
    """spaCy factory for :class:`SloganRecognizer`."""
    return SloganRecognizer(nlp, name)
