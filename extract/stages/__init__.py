"""Stages: each finds mentions of some kinds in a ParsedDoc."""
