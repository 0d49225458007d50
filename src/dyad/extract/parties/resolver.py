"""The party resolver: which actors (and states) a word of the parse stands for, and why.

`PartyResolver(ctx).resolve(token)` gives the parties of a role head and of the
heads conjoined with it. A word stands for the actor whose mention covers it;
else, in this order:

- a first-person subject in a quotation ("we reject") is the speaker's side;
- a pronoun the actor stage left unresolved points back (anaphora): a subject
  "it"/"they" continues the subject before it when that is an actor, and
  stands for nothing when that subject is a thing ("It ended quickly");
  a plural pronoun may stand for several states ("Seoul and Tokyo said they");
- "the country", "the island", "the regime" point back to a state named
  before (a description only to a state it can describe);
- "the group", "the bloc" point back to a named grouping (its `refs`);
- "the two sides", "the leaders" stand for the states just named (groups);
- an apposition, an actor modifying the word ("U.S. officials", "the Chinese
  side", "Beijing's government"), or a "from/of X" phrase ("diplomats from
  China") names it; a grouping there stands for its members when they act;
- a stateless armed group or crowd is coded to the state its sentence places it
  in ("militants in Syria"), else it keeps no state.

States named only as places live in `places`, the speaker's side in `speakers`.
Nothing here is specific to events: the relations stage can use it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Doc, Token

from dyad.extract.common.arrays import children, deps
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import lowers
from dyad.extract.parties.anaphora import SUBJECTS, Mentions, last_subject
from dyad.extract.parties.groups import expand, grouping_of, named_group, names_members
from dyad.extract.parties.party import Party, unique
from dyad.extract.parties.places import PLACE_PREPS, Placer, demonym, place_party
from dyad.extract.parties.speakers import speakers
from dyad.extract.parties.words import party_words
from dyad.records import ActorMention

MODIFIER_DEPS = ("compound", "amod", "nmod")
OWNER_DEPS = ("poss",)
MEMBER_REASONS = frozenset({"grouping", "member"})
PARTICIPLES = frozenset({"made", "built", "run", "held", "born", "grown"})


def conjuncts(tok: Token) -> list[Token]:
    """The words conjoined to this one, each followed by its own conjuncts."""
    doc = tok.doc
    kids, labels = children(doc), deps(doc)
    out: list[Token] = []
    for k in kids[tok.i]:
        if labels[k] == "conj":
            child = doc[k]
            out.append(child)
            out += conjuncts(child)
    return out


def agentive(tok: Token) -> bool:
    """"U.S.-proposed", "Iran-backed": the actor did something to the noun; it is no party of the noun's event."""
    head, dash, last = tok.lower_.rpartition("-")
    return bool(dash and head) and (last.endswith("ed") or last in PARTICIPLES)


class PartyResolver:
    """Memoised party lookups for one document (each token resolved at most once).

    `event_noun(lemma)` tells the resolver which nouns are events: the "of X" of an event noun is
    its patient ("the bombing of a French base"), not who the noun stands for. With `bare_numbers`,
    "the two", "these three" alone are counted groups like "the two sides"; `group_reach` is how many
    sentences back a counted group may look for its states when the one before names too few.
    """

    def __init__(
        self, ctx: DocContext, event_noun: Callable[[str], bool] | None = None, bare_numbers: bool = False, group_reach: int = 1
    ) -> None:
        self.ctx = ctx
        self.bare_numbers = bare_numbers  # "the two" alone is a counted group too
        self.group_reach = group_reach  # sentences back in which "the two sides" may find its states
        self.mentions = Mentions(ctx)
        self._event_noun = event_noun or (lambda lemma: False)
        self._memo: dict[int, Party | None] = {}
        self._plural: dict[int, list[Party]] = {}
        self._placer = Placer(ctx, self.mentions)

    # -- the API ---------------------------------------------------------------------------

    def resolve(self, tok: Token) -> list[Party]:
        """The parties a role head stands for, with those of the heads conjoined with it."""
        return self.parties(tok)

    def parties(self, tok: Token, depth: int = 0) -> list[Party]:
        out: list[Party] = []
        for t in [tok, *conjuncts(tok)]:
            out += self.direct(t, depth)
        return unique(out)

    def at(self, tok: Token) -> Party | None:
        """The one actor a single word stands for, if any (a mention, pronoun, description or reference)."""
        if tok.i not in self._memo:
            self._memo[tok.i] = None  # guards a pronoun chain that leads back to itself
            self._memo[tok.i] = self._at(tok)
        return self._memo[tok.i]

    def direct(self, tok: Token, depth: int = 0) -> list[Party]:
        """Actors a role head names: itself, an apposition, a modifier, or "of/from X" ("diplomats from China")."""
        words = party_words()
        if tok.pos_ == "PRON" and tok.lower_ in words.first_person and tok.dep_ == "nsubj":
            span = {"start": tok.idx, "end": tok.idx + len(tok.text), "token": tok.i, "anaphor": True}
            return [p.but(**span, reason=p.reason if p.reason in MEMBER_REASONS else "speaker") for p in self.speakers(tok)]
        if tok.pos_ == "PRON" and tok.lower_ in words.plural_pronouns:
            return self.plural(tok, depth)
        p = self.at(tok)
        if p is not None:
            head = tok.head if tok.dep_ in MODIFIER_DEPS + OWNER_DEPS else None
            return expand(self.ctx, p, head, tok) or [p]
        if depth > 1:
            return []
        group = named_group(tok, self.mentions, self._event_noun, self.bare_numbers, self.group_reach)
        if group:
            return group
        kids = list(tok.children)  # read once: each walk of `children` builds every child again
        for child in kids:
            if child.dep_ == "appos" and (q := self.at(child)):  # "its partners, Mexico, Canada and China"
                found = [q, *(r for c in conjuncts(child) if (r := self.at(c)))]
                return expand(self.ctx, q, None, tok) or unique([f.but(reason="apposition") for f in found])
            if child.dep_ == "poss" and child.lower_ == "whose":  # "Yoon, whose government aligned ..."
                clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
                if clause is not None and (q := self.at(clause.head)):
                    return [q]
        modifiers = [c for c in kids if c.dep_ in MODIFIER_DEPS + OWNER_DEPS and not agentive(c)]
        for child in modifiers:  # "G7 ministers", "EU member states": the members; "NATO allies": the body
            if (q := self.at(child)) is not None and grouping_of(self.ctx, q.key) is not None:
                if members := expand(self.ctx, q, tok, tok):
                    return members
                if names_members(tok):  # a grouping too large to expand ("NATO allies") stays the body
                    return [q.but(reason="modifier")]
        if tok.lemma_.lower() in party_words().relational_nouns:
            return []  # "Chinese rivals", "America's allies" are not China or America
        for child in modifiers:
            if child.pos_ == "PRON" and child.lower_ in words.plural_pronouns:  # "their policies"
                return self.plural(child, depth)
            if (q := self.at(child)) is not None:
                # "Russian and Iranian leaders": the modifier's conjuncts are parties too
                found = [q, *(r for c in conjuncts(child) if (r := self.at(c)))]
                return unique([f.but(reason="modifier") if f.reason == "name" else f for f in found])
        for child in modifiers:  # "a ban on Korean pop culture": a demonym the actor stage did not take for the state
            if (q := demonym(child)) is not None:
                return [q]
        for child in kids:  # "the US THAAD system": a modifier of a modifier
            if child.dep_ in MODIFIER_DEPS:
                for grand in child.children:
                    if grand.dep_ in MODIFIER_DEPS + OWNER_DEPS and (q := self.at(grand)):
                        return [q.but(reason="modifier")]
        if tok.lemma_.lower() in party_words().state_bodies:  # "security forces in Somalia"
            found = [p for c in kids if c.dep_ == "prep" and c.lower_ in PLACE_PREPS
                     for g in c.children if g.dep_ == "pobj" for p in self.direct(g, depth + 1) if p.state]
            if found:
                return [p.but(reason="phrase") for p in found[:1]]
        event_noun = self._event_noun(tok.lemma_.lower())  # "the bombing of a French base": a patient
        for child in kids:
            if child.dep_ == "prep" and (child.lower_ == "from" or (child.lower_ == "of" and not event_noun)):
                out: list[Party] = []
                for g in (g for g in child.children if g.dep_ == "pobj"):
                    q = self.at(g)
                    members = expand(self.ctx, q, tok, tok) if q is not None else []
                    out += members or [p.but(reason="phrase") if p.reason == "name" else p
                                       for p in self.parties(g, depth + 1)]
                if out:
                    return unique(out)
        if self._definite_plural(tok):  # "the diplomats said": whoever the last subject was
            return self.plural(tok, depth)
        return place_party(tok)

    def other_than(self, tok: Token, shun: Collection[str | None]) -> Party | None:
        """The nearest actor named before a pronoun in its sentence whose state is none of `shun` ("Tehran
        rejected **its** offer" when the offer cannot be Tehran's own)."""
        for m in self.mentions.fitting(tok.sent.start_char, tok.idx, ("state", "person", "organization")):
            if self.ctx.state_of(m.actor_key) not in shun:
                return self._party(m, tok, "pronoun")
        return None

    def speakers(self, tok: Token) -> list[Party]:
        """Every party of whoever says the clause a word sits in (see `speakers.speakers`)."""
        return speakers(self.ctx, tok, self.parties)

    def speaker(self, tok: Token) -> Party | None:
        """The party of whoever says the clause a word sits in ("'We reject it,' X said")."""
        found = self.speakers(tok)
        return found[0] if found else None

    def stands_for(self, tok: Token) -> list[Party]:
        """The parties one word stands for by itself, never through its modifiers or phrases: a mention (a
        grouping's members where the text speaks of them), a pronoun, "we", a description, "the group", or a
        counted group ("the two sides", "these four nations", "the two")."""
        words = party_words()
        if tok.pos_ == "PRON" and (tok.lower_ in words.plural_pronouns or (tok.lower_ in words.first_person and tok.dep_ == "nsubj")):
            return self.direct(tok)
        p = self.at(tok)
        if p is not None:
            head = tok.head if tok.dep_ in MODIFIER_DEPS + OWNER_DEPS else None
            return expand(self.ctx, p, head, tok) or [p]
        return named_group(tok, self.mentions, self._event_noun, self.bare_numbers, self.group_reach)

    # -- the rules ----------------------------------------------------------------------------

    def _at(self, tok: Token) -> Party | None:
        words = party_words()
        m: ActorMention | None = self.ctx.mention_for_token(tok)
        if m is not None:
            return self._party(m, tok, "name", anaphor=False, own_span=True)
        low = tok.lower_
        if low in words.first_person and tok.pos_ == "PRON" and tok.dep_ == "nsubj":
            speaker = self.speaker(tok)
            return speaker.but(start=tok.idx, end=tok.idx + len(tok.text), token=tok.i, anaphor=True, reason="speaker") if speaker else None
        if low in words.pronouns and tok.pos_ == "PRON":
            return self._pronoun(tok, words.pronouns[low])
        lemma = tok.lemma_.lower()
        if lemma in words.armed_group_nouns and self._determined(tok) and (  # "the separatist group", "the militants"
                not self._definite(tok) or self._reference(tok) is None):  # "the group" after the G7 is the G7
            found = self.mentions.armed_group(tok, words.placed_sectors)
            return self._party(found, tok, "description") if found is not None else None
        if not self._definite(tok):
            return None
        singular = tok.tag_ in ("NN", "NNP")
        if (lemma in words.anaphoric_nouns and singular) or lemma in words.state_bodies:
            # "the island nation": a description of its own or of its compound limits the states it can stand for
            kinds = [lemma, *(c.lemma_.lower() for c in tok.children if c.dep_ == "compound")]
            states = next((words.descriptions[k] for k in kinds if k in words.descriptions), None)
            found = self.mentions.described(tok, states) if states else self.mentions.antecedent(tok, ("state",))
            if found is None and lemma in words.state_bodies:  # "the security forces": the state last named
                found = self.mentions.described(tok, None)
            return self._party(found, tok, "description") if found is not None else None
        return self._reference(tok)

    def _party(self, m: ActorMention, tok: Token, reason: str, anaphor: bool = True, own_span: bool = False) -> Party:
        start, end = (m.evidence.start, m.evidence.end) if own_span else (tok.idx, tok.idx + len(tok.text))
        state = self.ctx.state_of(m.actor_key)
        if state is None and (placed := self._placer.placed(m, tok)) is not None:
            state, reason = placed, "placed"
        return Party(m.actor_key, state, start, end, tok.i, anaphor, reason)

    def _pronoun(self, tok: Token, kinds: tuple[str, ...]) -> Party | None:
        """A subject "it"/"they" continues the last subject when that is an actor of a fitting kind, and is a
        thing when that subject is a thing ("The summit was short. It ended quickly"); otherwise, and for
        other pronouns, it points to the nearest fitting actor before it."""
        if tok.dep_ in SUBJECTS and tok.lower_ in ("it", "they"):
            subject = last_subject(tok)
            # the subject itself must name the actor: "the Iranian vessel ... when it arrived" is the vessel
            found = [p] if subject is not None and (p := self.at(subject)) is not None else []
            actor = self.ctx.actor(found[0].key) if found else None
            if actor is None and subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                return None  # the subject before it is a thing
            if actor is not None and actor.kind in kinds:
                return found[0].but(start=tok.idx, end=tok.idx + len(tok.text), token=tok.i, anaphor=True, reason="pronoun")
        m = self.mentions.antecedent(tok, kinds)
        return self._party(m, tok, "pronoun") if m is not None else None

    def plural(self, tok: Token, depth: int) -> list[Party]:
        """What "they", "their" or "the diplomats" stands for: the parties of the subject before it; for "them",
        the conjoined actors named before it in its sentence; else a counted group before it in its sentence
        ("these four nations"); else, for "their" or "them", the nearest fitting actor."""
        if tok.i in self._plural:
            return self._plural[tok.i]
        self._plural[tok.i] = []
        if tok.dep_ in SUBJECTS or tok.dep_ == "poss" or tok.pos_ != "PRON":
            subject = last_subject(tok)
            found = self.parties(subject) if subject is not None and subject.i != tok.i else []
        else:  # "tariffs on Mexico, Canada and China to pressure them": the list named before it
            found = next((ps for t in reversed(tok.doc[tok.sent.start : tok.i]) if t.dep_ != "conj"
                          and any(c.dep_ == "conj" for c in t.children) and len(ps := self.parties(t)) > 1), [])
        if not found and tok.pos_ == "PRON":  # "analysts refer to these four nations as ..., describing their ..."
            found = next((g for t in reversed(tok.doc[tok.sent.start : tok.i])
                          if (g := named_group(t, self.mentions, self._event_noun, self.bare_numbers, self.group_reach))), [])
        if not found and tok.dep_ not in SUBJECTS and tok.pos_ == "PRON" and (p := self.at(tok)) is not None:
            found = [p]  # "their", "them": the nearest fitting actor before it
        span = (tok.idx, tok.idx + len(tok.text))
        out = [p.but(start=span[0], end=span[1], token=tok.i, anaphor=True,
                     reason=p.reason if p.reason in MEMBER_REASONS else "pronoun") for p in found]
        self._plural[tok.i] = unique(out)
        return self._plural[tok.i]

    def _definite(self, tok: Token) -> bool:
        """"the country", "the security forces", "the island nation": a definite noun with no "of X", owner,
        adjective or actor of its own ("the government of Peru", "the other country" are no anaphors)."""
        doc = tok.doc
        own, labels = children(doc)[tok.i], deps(doc)
        return _has_the(doc, own) and not any(
            labels[c] in ("prep", "poss", "amod", "nummod", "nmod") or (labels[c] == "compound" and self.at(doc[c]) is not None)
            for c in own)

    def _definite_plural(self, tok: Token) -> bool:
        """"the diplomats", "the ministers" with nothing of their own: the group just spoken of."""
        return tok.tag_ == "NNS" and tok.lemma_.lower() in party_words().member_nouns and self._definite(tok)

    def _reference(self, tok: Token) -> Party | None:
        """"the group", "the bloc": the nearest grouping named before whose references include the phrase."""
        phrase = f"the {tok.lower_}"
        for m in reversed(self.mentions.between(0, tok.idx)):
            g = grouping_of(self.ctx, m.actor_key)
            if g is not None and phrase in g.refs:
                return self._party(m, tok, "pronoun")
        return None

    @staticmethod
    def _determined(tok: Token) -> bool:
        """"the group", "the separatist group", "the militants": a definite noun with no "of X" or owner of its own
        (adjectives allowed)."""
        doc = tok.doc
        own, labels = children(doc)[tok.i], deps(doc)
        return _has_the(doc, own) and not any(labels[c] in ("prep", "poss", "nummod", "appos") for c in own)


def _has_the(doc: Doc, own: list[int]) -> bool:
    """Whether one of these children (indices) is the determiner "the"."""
    labels, lows = deps(doc), lowers(doc)
    return any(labels[c] == "det" and lows[c] == "the" for c in own)
