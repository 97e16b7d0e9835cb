"""``to_bytes``/``from_bytes`` for components whose state is the files their ``to_disk`` writes."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path

import srsly


class BytesFromFiles:
    """Mixin: serialise a component to bytes as the files its ``to_disk`` writes (path → content), and back
    through ``from_disk``, so that ``nlp.to_bytes()`` keeps what ``nlp.to_disk()`` keeps (gazetteer, lexicon,
    model). A component that reads its files lazily sets ``keeps_files``: they then stay in a temporary folder
    removed when the component is."""

    keeps_files = False

    def to_bytes(self, exclude: tuple = ()) -> bytes:
        """The files of ``to_disk`` as one msgpack'd mapping of relative path to content."""
        with tempfile.TemporaryDirectory() as folder:
            self.to_disk(Path(folder), exclude=exclude)
            files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}
        return srsly.msgpack_dumps(files)

    def from_bytes(self, data: bytes, exclude: tuple = ()):
        """Write the files of :meth:`to_bytes` to a temporary folder and read them with ``from_disk``."""
        files = srsly.msgpack_loads(data)
        folder = Path(tempfile.mkdtemp(prefix="govdoc-component-"))
        try:
            for relative, content in files.items():
                target = folder / relative
                if folder.resolve() not in target.resolve().parents:
                    raise ValueError(f"from_bytes: {relative!r} is outside the component's folder")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            loaded = self.from_disk(folder, exclude=exclude)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if self.keeps_files:
            weakref.finalize(self, shutil.rmtree, str(folder), True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        return loaded
