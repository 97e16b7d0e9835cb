"""Sentence classification (achievement / target / problem / other): weak labels and baselines so far."""
