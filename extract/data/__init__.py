"""Packaged data files: default settings, aliases, metric lexicon."""
