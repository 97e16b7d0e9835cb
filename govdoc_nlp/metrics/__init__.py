"""METRIC: numbers with what they count, and their normalised readings."""
