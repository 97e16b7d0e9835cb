"""SLOGAN: a curated lexicon of policy slogans plus patterns for unseen ones."""
