"""Loading the spaCy pipeline: only what the entity stage and sentence splitting need."""

from __future__ import annotations

import logging
from typing import Any

from extract.errors import ConfigError

logger = logging.getLogger(__name__)


def load_model(name: str) -> Any:
    """Load the spaCy pipeline ``name`` (a package or a path) for entities and sentences.

    Only ``ner``, the components it listens to (its own ``tok2vec`` or a transformer)
    and a sentence splitter stay enabled: ``senter`` where the pipeline has one, else
    the ``parser``, else a rule-based ``sentencizer`` is added.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model '{name}' is not installed or not a pipeline folder "
            f"(set [model] name in the config): {exc}"
        ) from exc
    names = set(nlp.component_names)
    if "ner" not in names:
        raise ConfigError(f"spaCy model '{name}' has no 'ner' component")
    keep = {"ner"}
    for comp_name, component in nlp.components:
        listeners = getattr(component, "listening_components", None) or []
        if "ner" in listeners:
            keep.add(comp_name)
    if "senter" in names:
        keep.add("senter")
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
    elif "parser" in names:
        keep.add("parser")
    for comp_name in list(nlp.pipe_names):
        if comp_name not in keep:
            nlp.disable_pipe(comp_name)
    if not ({"senter", "parser"} & keep):
        nlp.add_pipe("sentencizer", first=True)
    logger.debug("model %s: enabled %s", name, nlp.pipe_names)
    return nlp
