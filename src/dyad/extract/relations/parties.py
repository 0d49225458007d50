"""Parties that are groups of states or left implicit: "the G7 countries", "these four nations",
"their" (for a plural subject).

This is the one place where the relations stage turns such words into states; it is the seam
for the resolver of group and implicit parties shared with the events stage. Until that lands,
it reads groups.yaml and the states named before, with three rules:

- a named grouping (groups.yaml) stands for its members on the document's date when the text
  speaks of its members ("the G7 countries", "NATO allies", "Quad leaders": a `member_nouns`
  word after it) and it has at most ten; named alone ("NATO said", "the G20 summit"), or
  larger ("NATO members"), it is a body or a format, not its members;
- "the two", "these four nations", "the three neighbours" (a number word with a `pair_nouns`
  noun, or alone) stand for the states named last, when exactly that many are named in the
  sentence or, failing that, in the few sentences before;
- "their" stands for the plural subject of its clause, or for the states a counted reference
  just before it named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Span, Token

from dyad.codes import load_yaml
from dyad.extract.common.context import DocContext
from dyad.extract.relations.words import relation_words


class StateIndex(Protocol):
    """What the counted references read: the states a run of tokens names (states.StateIndex)."""

    def of_tokens(self, tokens: Iterable[Token], persons: bool = False) -> list[str]: ...

MAX_MEMBERS = 10  # a grouping larger than this is a party as a body, not as its members
REACH = 3  # sentences back in which a counted reference finds the states it counts


@lru_cache(maxsize=1)
def _groupings() -> dict[str, tuple[str, list[tuple[str, dt.date | None, dt.date | None]]]]:
    """IGO key -> (kind, [(iso3, since, until)]) for the groupings of groups.yaml that act as an IGO."""
    found = {}
    for g in load_yaml("groups.yaml").get("groups") or []:
        if g.get("igo"):
            members = [(str(m["iso3"]), _day(m.get("since")), _day(m.get("until"))) for m in g.get("members") or []]
            found[str(g["igo"])] = (str(g.get("kind") or ""), members)
    return found


def _day(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def grouping_members(ctx: DocContext, tok: Token) -> list[str]:
    """The member states a mention of a named grouping stands for, or none (see the module's rules)."""
    mention = ctx.mention_for_token(tok)
    actor = ctx.actor(mention.actor_key) if mention is not None else None
    if actor is None or not actor.key.startswith("igo:"):
        return []
    grouping = _groupings().get(actor.key.removeprefix("igo:"))
    if grouping is None:
        return []
    _kind, members = grouping
    end = mention.evidence.end if mention is not None else tok.idx + len(tok.text)
    after = next((t for t in tok.doc[tok.i + 1 : tok.i + 4] if t.idx >= end and not t.is_punct), None)
    if after is None or after.lemma_.lower() not in relation_words().member_nouns:
        return []  # "the G7 said", "NATO deployed": a body or a format, not its members
    day = ctx.document.published
    found = [iso for iso, since, until in members if day is None or ((since is None or since <= day) and (until is None or day < until))]
    return found if len(found) <= MAX_MEMBERS else []  # "NATO members": a relation with the body, not 32 states


@lru_cache(maxsize=1)
def _cardinals() -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in (load_yaml("numbers.yaml").get("cardinals") or {}).items()}


def counted(tok: Token) -> int | None:
    """How many states "the two", "these four nations", "the three neighbours" stand for."""
    words = relation_words()
    cardinals = _cardinals()
    number: Token | None
    if tok.lower_ in cardinals and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "poss"):
        number = tok  # "the two" alone
    elif tok.lemma_.lower() in words.pair_nouns or tok.lower_ in words.pair_nouns:
        number = next((c for c in tok.children if c.dep_ == "nummod" and c.lower_ in cardinals), None)
    else:
        return None
    if number is None or not any(c.lower_ in ("the", "these", "those", "both") for c in [*number.children, *tok.children]):
        return None
    value = int(cardinals[number.lower_])
    return value if 2 <= value <= 9 else None


def named_last(index: StateIndex, tok: Token, sent: Span, n: int) -> list[str]:
    """The n states named last: in the sentence (outside the reference itself), else in the
    sentences before, gathered back until there are n; any other count is no answer."""
    own = {x.i for x in tok.subtree}
    here = index.of_tokens([t for t in sent if t.i not in own], True)
    if here:
        return here if len(here) == n else []
    found: list[str] = []
    span = sent
    for _ in range(REACH):
        if span.start == 0:
            break
        span = sent.doc[span.start - 1].sent
        earlier = index.of_tokens(span, True)
        found += [s for s in earlier if s not in found]
        if len(found) >= n:
            break
    return found if len(found) == n else []
