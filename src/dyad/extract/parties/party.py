"""A party: the actor a word stands for, the state it acts for, and why the resolver chose it."""

from __future__ import annotations

from dataclasses import dataclass

# why a word stands for its actor
REASONS = (
    "name",         # the word is (part of) a mention of the actor
    "pronoun",      # a pronoun pointing back to an earlier actor
    "speaker",      # "we" in a quotation: the side of whoever says it
    "description",  # "the country", "the island": a definite noun pointing back to a state
    "group",        # "the two sides", "the leaders": the states just named
    "grouping",     # "G7 ministers", "the Quad": the member states of a named grouping
    "member",       # such a member state that the sentence also names
    "modifier",     # "the Chinese side", "U.S. officials": an actor modifying the word
    "apposition",   # "its neighbour, Japan"
    "phrase",       # "diplomats from China", "the government of Peru"
    "placed",       # a stateless armed group or crowd, coded to the state the text places it in
)


@dataclass(frozen=True)
class Party:
    key: str  # the actor's key in the document
    state: str | None  # ISO3 of the state it acts for; None for an international body or a stateless group
    start: int  # the characters that name it (the pronoun itself when read from a pronoun)
    end: int
    token: int  # index of the token it was read from
    anaphor: bool = False  # read from a pronoun or a description, not a name
    reason: str = "name"

    def but(self, **changes: object) -> Party:
        """A copy with some fields changed."""
        fields = {**self.__dict__, **changes}
        return Party(**fields)  # type: ignore[arg-type]


def unique(parties: list[Party]) -> list[Party]:
    """Parties in order, each (actor, state) once: a grouping's members share its key."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for p in parties:
        if (p.key, p.state) not in seen:
            seen.add((p.key, p.state))
            out.append(p)
    return out
