"""What the extraction stages share while they work on one parsed document."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dyad.records import Actor, ActorMention, DocExtraction, Document, Evidence


@dataclass
class DocContext:
    document: Document
    doc: Doc
    result: DocExtraction
    # char offset -> mention, filled by the actor stage, read by later stages
    _by_start: dict[int, ActorMention] = field(default_factory=dict)
    _actors: dict[str, Actor] = field(default_factory=dict)
    # mentions sorted by start, rebuilt after the actor stage adds more
    _sorted: list[ActorMention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _longest: int = 0

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(doc_id=self.document.id, start=start, end=end)

    def span_evidence(self, span: Span | Token) -> Evidence:
        if isinstance(span, Token):
            return self.evidence(span.idx, span.idx + len(span.text))
        return self.evidence(span.start_char, span.end_char)

    # -- actors ------------------------------------------------------------------

    def add_actor(self, actor: Actor) -> Actor:
        self._actors[actor.key] = actor
        self.result.actors.append(actor)
        return actor

    def ensure_state(self, iso3: str) -> str:
        """The key of the state's actor, added when a later component names a state the actor stage kept
        no actor for (a demonym, a bare place): every stored party key must name an actor of its document."""
        key = f"state:{iso3}"
        if key not in self._actors:
            from dyad.codes import state_names

            name = state_names().get(iso3, (iso3,))[0] or iso3
            self.add_actor(Actor(key=key, name=name, kind="state", country=iso3, role="government", sector="GOV",
                                 code=f"{iso3}GOV", why="named as a place or by a demonym"))
        return key

    def settle(self) -> None:
        """After the last component: a state named only as a place or by a demonym gets its actor."""
        keys = [k for e in self.result.events for k in (e.source_actor, e.target_actor)]
        keys += [q.speaker_actor for q in self.result.quotes]
        for key in keys:
            if key and key.startswith("state:") and key not in self._actors:
                self.ensure_state(key.split(":", 1)[1])

    def add_mention(self, mention: ActorMention) -> None:
        self.result.mentions.append(mention)
        self._by_start[mention.evidence.start] = mention

    def drop_actor(self, key: str) -> None:
        """Remove an actor and its mentions (a later component found it is no actor after all)."""
        self._actors.pop(key, None)
        self.result.actors[:] = [a for a in self.result.actors if a.key != key]
        self.result.mentions[:] = [m for m in self.result.mentions if m.actor_key != key]
        self._by_start = {s: m for s, m in self._by_start.items() if m.actor_key != key}
        self._sorted, self._starts = [], []

    def actor(self, key: str | None) -> Actor | None:
        return self._actors.get(key) if key else None

    def mention_covering(self, start: int, end: int) -> ActorMention | None:
        """The actor mention that overlaps the character range, if any (longest first)."""
        best: ActorMention | None = None
        for m in self.mentions_between(start, end):
            if best is None or (m.evidence.end - m.evidence.start) > (best.evidence.end - best.evidence.start):
                best = m
        return best

    def mentions_between(self, start: int, end: int) -> list[ActorMention]:
        """Every actor mention that overlaps the character range, in text order."""
        if len(self._sorted) != len(self.result.mentions):
            self._sorted = sorted(self.result.mentions, key=lambda m: (m.evidence.start, m.evidence.end))
            self._starts = [m.evidence.start for m in self._sorted]
            self._longest = max((m.evidence.end - m.evidence.start for m in self._sorted), default=0)
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self._sorted[lo:hi] if m.evidence.start < end and start < m.evidence.end]

    def actor_at(self, token: Token) -> Actor | None:
        """The actor a token names, through its mention."""
        mention = self.mention_for_token(token)
        return self.actor(mention.actor_key) if mention else None

    def mention_for_token(self, token: Token) -> ActorMention | None:
        return self.mention_covering(token.idx, token.idx + len(token.text))

    def state_of(self, key: str | None) -> str | None:
        actor = self.actor(key)
        return actor.country if actor else None
