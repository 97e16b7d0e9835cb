"""OffsetMap: positions in cleaned text ↔ positions in the raw text the user passed in."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Piecewise-linear map from clean offsets to raw offsets.

    Cleaning only deletes characters or replaces one character by one character, so the
    clean text is a sequence of runs, each copied from one contiguous stretch of the raw
    text. ``clean_starts[k]`` is where run k begins in the clean text and
    ``raw_starts[k]`` where it begins in the raw text.
    """

    clean_starts: list[int] = field(default_factory=lambda: [0])
    raw_starts: list[int] = field(default_factory=lambda: [0])
    clean_length: int = 0
    raw_length: int = 0

    @classmethod
    def from_kept_segments(cls, segments: list[tuple[int, int]], raw_length: int) -> "OffsetMap":
        """Build the map from the raw (start, end) segments that were kept, in order."""
        clean_starts: list[int] = []
        raw_starts: list[int] = []
        pos = 0
        for start, end in segments:
            if end <= start:
                continue
            if clean_starts and raw_starts[-1] + (pos - clean_starts[-1]) == start:
                pos += end - start  # contiguous with the previous run
                continue
            clean_starts.append(pos)
            raw_starts.append(start)
            pos += end - start
        if not clean_starts:
            clean_starts, raw_starts = [0], [0]
        return cls(clean_starts, raw_starts, pos, raw_length)

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of the clean character at ``clean_offset``."""
        if not 0 <= clean_offset < self.clean_length:
            raise IndexError(f"clean offset {clean_offset} outside 0..{self.clean_length - 1}")
        k = bisect_right(self.clean_starts, clean_offset) - 1
        return self.raw_starts[k] + clean_offset - self.clean_starts[k]

    def raw_segments(self, start: int, end: int) -> list[tuple[int, int]]:
        """The raw (start, end) stretches the clean span [start, end) was copied from, in order."""
        segments = []
        pos = start
        k = bisect_right(self.clean_starts, pos) - 1
        while pos < end:
            run_end = self.clean_starts[k + 1] if k + 1 < len(self.clean_starts) else self.clean_length
            stop = min(end, run_end)
            raw_pos = self.raw_starts[k] + pos - self.clean_starts[k]
            segments.append((raw_pos, raw_pos + stop - pos))
            pos, k = stop, k + 1
        return segments

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) covering the clean span [start, end); an empty span maps to an empty span."""
        if start >= end:
            if start >= self.clean_length:
                return self.raw_length, self.raw_length
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_dict(self) -> dict:
        """JSON-serialisable form (used in ``doc.user_data`` and records)."""
        return {
            "clean_starts": list(self.clean_starts),
            "raw_starts": list(self.raw_starts),
            "clean_length": self.clean_length,
            "raw_length": self.raw_length,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "OffsetMap":
        """Inverse of :meth:`to_dict`."""
        return cls(
            list(data["clean_starts"]),
            list(data["raw_starts"]),
            int(data["clean_length"]),
            int(data["raw_length"]),
        )
