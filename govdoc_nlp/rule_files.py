"""RuleFiles: the rule files a component reads, from the package or a folder of one's own, saved with it.

A component's config names its rules (``rules = "default"``: the package's data files; or a folder holding some
or all of the files, which replace the package's); ``to_disk`` writes the files beside the component and
``from_disk`` reads them back, so that a saved pipeline keeps the rules it was saved with, whatever the
installed package holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from govdoc_nlp.data_files import DataFileError, package_file_names, package_text

DEFAULT = "default"
FOLDER = "rules"


class RuleFiles:
    """The text of each of a component's rule files (by file name)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = dict(texts)

    @classmethod
    def load(cls, names: Sequence[str], source: str | Path = DEFAULT) -> "RuleFiles":
        """``names`` from the package (``source="default"``), or from the folder ``source`` where it holds them
        (one folder may serve every component); a folder that does not exist, or holds a file that is no rule
        file of the package (a misspelt name), is an error naming it."""
        if str(source) == DEFAULT:
            return cls({name: package_text(name) for name in names})
        folder = Path(source)
        if not folder.is_dir():
            raise DataFileError(f"{folder}: no such rules folder (rules = \"default\" or a folder of rule files)")
        known = package_file_names()
        unknown = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in known)
        if unknown:
            raise DataFileError(f"{folder}: {', '.join(unknown)} is not a govdoc rule file (a copy of one of "
                                "govdoc_nlp/data/, with the same name)")
        return cls({name: (folder / name).read_text(encoding="utf-8") if (folder / name).is_file()
                    else package_text(name) for name in names})

    def to_disk(self, path: str | Path) -> None:
        """Write every file into ``path/rules``."""
        folder = Path(path) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(self.texts.items()):
            (folder / name).write_text(text, encoding="utf-8")

    @classmethod
    def from_disk(cls, path: str | Path, names: Sequence[str]) -> "RuleFiles":
        """The files :meth:`to_disk` wrote into ``path/rules``; a missing one is an error naming it."""
        folder = Path(path) / FOLDER
        missing = [name for name in names if not (folder / name).is_file()]
        if missing:
            raise DataFileError(f"{folder}: {', '.join(missing)} missing from the saved component")
        return cls({name: (folder / name).read_text(encoding="utf-8") for name in names})


class RuleFileComponent:
    """Mixin for a pipeline component whose state is its rule files ``RULE_FILES``: it reads the package's when
    made, others through :meth:`initialize`, and saves them with the pipeline. A subclass compiles them in
    :meth:`compile_rules`."""

    RULE_FILES: tuple[str, ...] = ()

    def compile_rules(self, files: RuleFiles) -> None:
        """Compile ``files`` into what the component uses."""
        raise NotImplementedError

    def set_rules(self, files: RuleFiles) -> None:
        """Use these rule files."""
        self.rule_files = files
        self.compile_rules(files)

    def initialize(self, get_examples=None, *, nlp=None, rules: str = DEFAULT) -> None:
        """Read the rules again, from the package ("default") or a folder of one's own."""
        self.set_rules(RuleFiles.load(self.RULE_FILES, rules))

    def to_disk(self, path: str | Path, exclude: tuple = ()) -> None:
        """Save the rule files."""
        self.rule_files.to_disk(path)

    def from_disk(self, path: str | Path, exclude: tuple = ()):
        """Use the rule files :meth:`to_disk` saved."""
        self.set_rules(RuleFiles.from_disk(path, self.RULE_FILES))
        return self
