"""Segmenter resources: the pkuseg model setup and the domain user dictionary."""
