"""States named as places, not actors: "airstrikes in Iraq", "a ban on Korean pop culture", "militants in Syria".

`place_party` and `demonym` give the state a word names by itself when the actor
stage kept no actor for it (under the state's canonical key, `state:ISO3`);
`Placer` codes a stateless armed group or crowd to the state its sentence (or
another sentence of the document) places it in.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.actors.lexicon import gazetteer, place_country
from dyad.extract.common.context import DocContext
from dyad.extract.parties.anaphora import Mentions
from dyad.extract.parties.party import Party
from dyad.extract.parties.words import party_words
from dyad.records import ActorMention

PLACE_PREPS = frozenset({"in", "inside", "across", "throughout", "near"})
BORDER_WORDS = frozenset({"border", "frontier", "boundary", "coast", "waters"})


def demonym(tok: Token) -> Party | None:
    """A demonym adjective ("Korean", "South Korean") as the state it names, under the state's actor key."""
    if tok.dep_ != "amod" or tok.pos_ != "ADJ":
        return None
    words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok]
    form = gazetteer().forms.get(" ".join(w.text for w in words))
    if form is None or form[1] != "demonym":
        return None
    start, end = words[0].idx, tok.idx + len(tok.text)
    return Party(f"state:{form[0]}", form[0], start, end, tok.i, False, "modifier")


def place_party(tok: Token) -> list[Party]:
    """A state named only as a place, which the actor stage keeps no actor for ("airstrikes in Iraq",
    "forces in Mali"): the state under its canonical key, `state:ISO3`."""
    if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS | {"at", "near"}:
        return []
    span = [t for t in tok.subtree]
    found = place_country([t.text for t in span])
    if found is None:
        return []
    return [Party(f"state:{found[0]}", found[0], span[0].idx, span[-1].idx + len(span[-1].text), tok.i, False, "placed")]


def place_in_sentence(tok: Token) -> str | None:
    """The state a word's own "in X" names, else the first its sentence names (a state or a city of the
    gazetteer, whether or not the actor stage kept it as an actor)."""
    own = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS for g in c.children]
    rest = [g for t in tok.sent if t.dep_ == "prep" and t.lower_ in PLACE_PREPS for g in t.children if g.dep_ == "pobj"]
    for g in own + rest:
        if g.lemma_.lower() in BORDER_WORDS:
            continue  # "near the Cameroon border" is not in Cameroon
        found = place_country([t.text for t in g.subtree])
        if found is not None:
            return found[0]
    return None


class Placer:
    """Where a document places its stateless armed groups and crowds (memoised per actor)."""

    def __init__(self, ctx: DocContext, mentions: Mentions) -> None:
        self.ctx = ctx
        self.mentions = mentions
        self._homes: dict[str, str | None] = {}

    def placed(self, m: ActorMention, tok: Token) -> str | None:
        """The state a stateless armed group or crowd is placed in: its own "in X", else its sentence's, else
        where another sentence of the document places it."""
        actor = self.ctx.actor(m.actor_key)
        if actor is None or actor.sector not in party_words().placed_sectors:
            return None
        return place_in_sentence(tok) or self.home(m.actor_key)

    def home(self, key: str) -> str | None:
        """Where any sentence of the document places an actor (the first that does)."""
        if key not in self._homes:
            self._homes[key] = None
            doc = self.ctx.doc
            for m in self.mentions.sorted:
                span = self.mentions.span(m) if m.actor_key == key else None
                if span is not None and (found := place_in_sentence(doc[span.end - 1])):
                    self._homes[key] = found
                    break
        return self._homes[key]
