"""Which states a claim is about: the entity its number measures, not every state of its sentence.

The states come from the parse around the measured noun (the noun the number counts, what a share
or sum is of, or the noun a share modifies: "a 25% tariff"):

- the noun's own phrase: its modifiers and owner ("American troops", "South Korea's exports", "its
  supplies"), a people named by its demonym ("7 percent of Indonesians"), and the states its
  prepositions name ("troops in Latvia", "exports to China");
- the verb that governs it: the holder (its subject when the noun is its object, "Washington keeps
  28,500 troops", through a relative pronoun to what it stands for) and the places and sides the
  verb's prepositions name ("are based in South Korea", "go to China");
- a definite description in such a place ("in the country", "on the peninsula") stands for the
  nearest state named before it that is not the holder's or owner's own.

Only when none of these names a state does a figure take the states of its own clause (its verb and
arguments, never a clause beside or under it, such as a purpose "to deter an attack from X").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyad.extract.actors.lexicon import gazetteer
from dyad.extract.claims.about import measured_token
from dyad.extract.claims.figures import Figure
from dyad.extract.claims.words import number_words
from dyad.extract.common.context import DocContext
from dyad.extract.parties import Party, PartyResolver
from dyad.extract.parties.words import party_words

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
CLIMB_DEPS = frozenset({"pobj", "prep", "appos", "compound", "amod", "nummod", "quantmod", "nmod", "npadvmod"})
RELATIVES = frozenset({"which", "that", "who", "whom"})
CLAUSE_BREAKS = frozenset({"conj", "ccomp", "advcl", "parataxis", "relcl", "xcomp", "acl", "csubj"})
MAX_PHRASE = 24  # tokens of a noun's phrase searched for states


def _governor(tok: Token, sent: Span) -> tuple[Token | None, str | None, Token]:
    """The verb that governs a noun, how the noun's phrase attaches to it, and the word that attaches."""
    node = tok
    for _ in range(8):
        head = node.head
        if head is node or not (sent.start <= head.i < sent.end):
            return None, None, node
        if head.pos_ in VERBS:
            return head, node.dep_, node
        if node.dep_ not in CLIMB_DEPS | SUBJECTS | OBJECTS:
            return None, None, node
        node = head
    return None, None, node


class ClaimStates:
    """The states of each claim of one document (the party resolver is built once, when first needed)."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self._resolver: PartyResolver | None = None

    @property
    def resolver(self) -> PartyResolver:
        if self._resolver is None:
            self._resolver = PartyResolver(self.ctx, bare_numbers=True)
        return self._resolver

    def of(self, doc: Doc, fig: Figure, noun: Token | None, sent: Span) -> list[str]:
        measured = measured_token(doc, fig, noun, sent)
        if measured is None:
            return self.clause(doc, fig, sent)
        skip = set(range(fig.start, max(fig.end, fig.range_end or fig.end)))
        owners = self._owners(measured, skip)
        verb, dep, arm = _governor(measured, sent)
        holders: list[str] = []
        if verb is not None and dep in OBJECTS | {"pobj", "prep"}:
            holders = self._holder(verb, sent)
        shun = set(owners) | set(holders)
        places = self._places(measured, sent, skip, shun)
        if verb is not None:
            if dep == "prep":  # the figure describes the verb's event ("met X in Seoul, the first meeting in
                # four years"): its object takes part too
                for obj in (c for c in verb.children if c.dep_ == "dobj"):
                    places += self._parties(self.resolver.parties(obj)) + self._places(obj, sent, skip, shun)
            for child in verb.children:
                if child.i != arm.i and child.dep_ in ("prep", "agent") and child.lower_ in number_words().state_preps:
                    places += [s for obj in child.children if obj.dep_ == "pobj" for s in self._place(obj, shun)]
        found = _unique([*owners, *holders, *places])
        return found or self.clause(doc, fig, sent)

    # -- the parts ------------------------------------------------------------------------

    def _speaks_for_state(self, party: Party) -> bool:
        """A state, a people, or a state's own official or body; not a company, an insurgency or a stateless
        group placed in a country ("al-Shabab militants" are no figure about Somalia)."""
        actor = self.ctx.actor(party.key)
        if actor is None or actor.kind in ("state", "group"):
            return party.reason != "placed"
        return (actor.sector or "GOV") in number_words().state_sectors and party.reason != "placed"

    def _parties(self, parties: list[Party]) -> list[str]:
        return [p.state for p in parties if p.state and self._speaks_for_state(p) and not self._in_place_name(p)]

    def _in_place_name(self, party: Party) -> bool:
        """A demonym inside the name of a place that is no actor: "the Indian Ocean" is not India."""
        tok = self.ctx.doc[party.token]
        m = self.ctx.mention_for_token(tok)
        head = tok.head
        return (m is not None and m.how == "demonym" and tok.dep_ in ("amod", "compound") and head.i != tok.i
                and head.pos_ == "PROPN" and self.ctx.mention_for_token(head) is None)

    def _states(self, tok: Token) -> list[str]:
        """The states one word stands for: an actor's mention, a pronoun, "the two sides", a demonym."""
        return self._parties(self.resolver.stands_for(tok))

    def _owners(self, measured: Token, skip: set[int]) -> list[str]:
        """States among the noun's own modifiers and owner ("U.S. troops", "its supplies"), the subject of a
        clause that has it as object ("the minerals Seoul imports"), and the noun itself when it names a
        people ("Indonesians")."""
        out = self._states(measured) if measured.pos_ in NOUNS else []
        if not out and measured.tag_ in ("NNS", "NNPS") and (iso := demonym_state(measured)) is not None:
            out = [iso]  # a people: "7% of Indonesians"
        for child in measured.children:
            if child.dep_ in OWNER_DEPS and child.i not in skip:
                out += self._states(child)
                out += [s for g in child.children if g.dep_ in OWNER_DEPS for s in self._states(g)]
            elif child.dep_ == "relcl" and not any(c.dep_ in OBJECTS and c.lower_ not in RELATIVES for c in child.children):
                for subj in (c for c in child.children if c.dep_ in SUBJECTS and c.lower_ not in RELATIVES):
                    out += self._states(subj) or [s for g in subj.children if g.dep_ in OWNER_DEPS for s in self._states(g)]
        return out

    def _places(self, measured: Token, sent: Span, skip: set[int], shun: set[str]) -> list[str]:
        """States the noun's prepositional phrases name ("troops in Latvia", "its rare earths from China")."""
        out: list[str] = []
        stack, seen = [measured], 0
        while stack and seen < MAX_PHRASE:
            node = stack.pop()
            for child in node.children:
                if child.i in skip or not (sent.start <= child.i < sent.end):
                    continue
                if child.dep_ == "prep" and child.lower_ in number_words().state_preps:
                    for obj in (c for c in child.children if c.dep_ == "pobj"):
                        out += self._place(obj, shun)
                        stack.append(obj)
                        seen += 1
        return out

    def _place(self, obj: Token, shun: set[str]) -> list[str]:
        """The states a preposition's object names; "the country" is the nearest state named before it
        that is not `shun` (troops "in the country" are not in their own)."""
        if self._description(obj):
            words = party_words()
            allowed = words.descriptions.get(obj.lemma_.lower())
            for m in self.resolver.mentions.fitting(0, obj.idx, ("state",), allowed):
                state = self.ctx.state_of(m.actor_key)
                if state and state not in shun:
                    return [state]
            return []
        out = self._parties(self.resolver.parties(obj))
        if not out:
            out = [s for c in obj.children if c.dep_ in OWNER_DEPS for s in self._states(c)]
        return out

    def _description(self, tok: Token) -> bool:
        words = party_words()
        return (tok.lemma_.lower() in words.anaphoric_nouns and tok.tag_ == "NN" and self.ctx.mention_for_token(tok) is None
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                and not any(c.dep_ in ("prep", "poss", "amod", "compound") for c in tok.children))

    def _holder(self, verb: Token, sent: Span) -> list[str]:
        """The states of whoever holds or does what the verb's object measures: its subject, the subject of the
        verb it completes ("plans to send"), or what a relative pronoun stands for."""
        node = verb
        for _ in range(3):
            subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
            if subj is not None:
                if subj.lower_ in RELATIVES and node.dep_ == "relcl":
                    return self._antecedent(subj, node)
                return self._parties(self.resolver.parties(subj))
            if node.dep_ not in ("xcomp", "conj") or node.head is node or not (sent.start <= node.head.i < sent.end):
                return []
            node = node.head
        return []

    def _antecedent(self, pronoun: Token, clause: Token) -> list[str]:
        """ "X, which keeps ...": the word right before the pronoun when it names a state, else the head noun."""
        k = pronoun.i - 1
        while k >= pronoun.sent.start and pronoun.doc[k].is_punct:
            k -= 1
        if k >= pronoun.sent.start and (found := self._states(pronoun.doc[k])):
            return found
        return self._states(clause.head)

    def clause(self, doc: Doc, fig: Figure, sent: Span) -> list[str]:
        """The states named in the figure's own clause: its verb and arguments, without the clauses under it."""
        node = doc[fig.number_start]
        while node.pos_ not in VERBS and node.head.i != node.i and sent.start <= node.head.i < sent.end:
            node = node.head
        tokens: list[Token] = list(sent) if node.pos_ not in VERBS else [node]
        if node.pos_ in VERBS:
            stack = [c for c in node.children if not (c.dep_ in CLAUSE_BREAKS and c.pos_ in VERBS)]
            while stack:
                t = stack.pop()
                tokens.append(t)
                stack += [c for c in t.children if not (c.dep_ in CLAUSE_BREAKS and c.pos_ in VERBS)]
        found: list[str] = []
        for t in sorted(tokens, key=lambda t: t.i):
            actor = self.ctx.actor_at(t)
            if actor is not None and actor.kind == "state" and actor.country and actor.country not in found:
                found.append(actor.country)
        return found


def demonym_state(tok: Token) -> str | None:
    """The state a people's name stands for through the gazetteer's demonyms: "Indonesians", "South Koreans"."""
    if tok.pos_ not in NOUNS | {"ADJ"}:
        return None
    forms = gazetteer().forms
    words = [c.text for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1]
    for text in (tok.text, tok.lemma_, tok.text[:-1] if tok.text.endswith("s") else ""):
        if not text:
            continue
        form = forms.get(" ".join([*words, text])) or forms.get(text)
        if form is not None and form[1] == "demonym":
            return form[0]
    return None


def _unique(states: list[str]) -> list[str]:
    out: list[str] = []
    for s in states:
        if s not in out:
            out.append(s)
    return out
