"""PLACE: a gazetteer of Chinese administrative divisions plus regions, and its recogniser."""
