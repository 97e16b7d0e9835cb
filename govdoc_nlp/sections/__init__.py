"""Report structure: review / problems / plan / appendix parts of a work report."""
