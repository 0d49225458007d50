"""Speech verbs, "according to" phrases and speaker titles for the quotes stage, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dyad.codes import load_yaml


@dataclass(frozen=True)
class SpeechWords:
    verbs: frozenset[str]
    needs: dict[str, str]  # lemma -> word that must follow it ("put" -> "it")
    according: tuple[tuple[str, ...], ...]
    titles: frozenset[str]
    bodies: frozenset[str]  # title nouns that stand for an organisation, not a person ("the military")
    documents: frozenset[str]  # nouns whose issuer speaks ("a statement from X", "X's report")
    complement: frozenset[str]  # verbs that attribute only the quotation they report ("thinks “...”")
    quoting: frozenset[str]  # verbs whose object speaks: "quoted X as saying"
    terms: tuple[tuple[str, ...], ...]  # words before a quotation that make it a name ("so-called", "known as")
    exchange: frozenset[str]  # verbs of a question and its answer: "asked Kim", "replied Lee"
    connectives: frozenset[str]  # words that may open a sentence that is otherwise a quotation ("But “...”")


@lru_cache(maxsize=1)
def speech_words() -> SpeechWords:
    raw = load_yaml("speech_verbs.yaml")
    return SpeechWords(
        verbs=frozenset(v.lower() for v in raw.get("verbs", [])),
        needs={k.lower(): str(v).lower() for k, v in raw.get("needs", {}).items()},
        according=tuple(sorted((tuple(p.lower().split()) for p in raw.get("according", [])), key=len, reverse=True)),
        titles=frozenset(t.lower() for t in raw.get("titles", [])),
        bodies=frozenset(t.lower() for t in raw.get("bodies", [])),
        documents=frozenset(t.lower() for t in raw.get("documents", [])),
        complement=frozenset(t.lower() for t in raw.get("complement", [])),
        quoting=frozenset(t.lower() for t in raw.get("quoting", [])),
        terms=tuple(sorted((tuple(p.lower().split()) for p in raw.get("terms", [])), key=len, reverse=True)),
        exchange=frozenset(t.lower() for t in raw.get("exchange", [])),
        connectives=frozenset(t.lower() for t in raw.get("connectives", [])),
    )
