"""The slogan lexicon: canonical form, short form, aliases and scope, kept as JSONL."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from govdoc_nlp.data_files import parse_jsonl_rows, read_jsonl

SLOGAN_KEYS = frozenset({"canonical", "short", "aliases", "scope"})
SLOGAN_REQUIRED = frozenset({"canonical", "short"})


@dataclass(frozen=True)
class SloganEntry:
    """One named programme or formula."""

    canonical: str
    short: str
    aliases: tuple[str, ...] = field(default_factory=tuple)
    scope: str = ""

    def surface_forms(self) -> tuple[str, ...]:
        """Every string that names this slogan in running text."""
        return tuple(dict.fromkeys([self.short, *self.aliases]))


class SloganLexicon:
    """Slogan entries indexed by surface form."""

    def __init__(self, entries: list[SloganEntry]) -> None:
        self.entries = list(entries)
        self.by_surface: dict[str, SloganEntry] = {}
        for entry in self.entries:
            for form in entry.surface_forms():
                self.by_surface.setdefault(form, entry)

    @classmethod
    def from_rows(cls, rows: list[dict] | tuple[dict, ...]) -> "SloganLexicon":
        """Build from validated JSONL rows."""
        return cls([
            SloganEntry(r["canonical"], r["short"], tuple(r.get("aliases", [])), r.get("scope", "")) for r in rows
        ])

    @classmethod
    def from_jsonl(cls, path: Path) -> "SloganLexicon":
        """Read a lexicon file (closed key set: canonical, short, aliases, scope)."""
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return cls.from_rows(parse_jsonl_rows(lines, str(path), SLOGAN_KEYS, SLOGAN_REQUIRED))

    def to_jsonl(self, path: Path) -> None:
        """Write the lexicon as JSONL."""
        with open(path, "w", encoding="utf-8") as out:
            for entry in self.entries:
                row = asdict(entry)
                row["aliases"] = list(entry.aliases)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")

    def lookup(self, surface: str) -> SloganEntry | None:
        """The entry named by ``surface``, if any."""
        return self.by_surface.get(surface)


@lru_cache(maxsize=1)
def load_slogan_lexicon() -> SloganLexicon:
    """The lexicon shipped with the package (govdoc_nlp/data/slogans.jsonl)."""
    return SloganLexicon.from_rows(read_jsonl("slogans.jsonl", SLOGAN_KEYS, SLOGAN_REQUIRED))
