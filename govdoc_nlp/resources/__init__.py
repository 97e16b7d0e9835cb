"""Artefacts fetched from the package registry and what `govdoc setup` builds from them."""
