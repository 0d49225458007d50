"""Load the English pipeline from installed packages; never download."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from dyad.extract.common.pipes import add_dyad_pipes


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(names: tuple[str, ...]) -> Language:
    """The first of `names` that is installed, with dyad's own components added (common/pipes.py);
    loaded once per process."""
    tried = []
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            tried.append(name)
            continue
        nlp.meta.setdefault("dyad_name", name)
        return add_dyad_pipes(nlp)
    raise ModelNotFound(
        "no spaCy pipeline found (tried " + ", ".join(tried) + "); run `make venv` or set DYAD_MODELS"
    )


def pipeline_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '?')}"
