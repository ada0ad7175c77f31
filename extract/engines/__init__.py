"""Engines that run the per-document extraction: ``local`` worker processes with deadlines."""
