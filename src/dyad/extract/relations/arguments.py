"""The sides of a relation cue, read from the parse.

A pair the cue names itself, its owner, the objects of its prepositions, the
subject of its clause. `Sides` also keeps what is found, once per pair.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.codes import symmetric_relations
from dyad.extract.common.context import DocContext
from dyad.extract.relations.clauses import (
    COPULA_DEPS,
    among_copula,
    clause_subject,
    conjuncts,
    controller,
    describes,
    lifted,
    listed,
    phrase_tokens,
    subject,
)
from dyad.extract.relations.states import StateIndex
from dyad.extract.relations.words import relation_words
from dyad.records import Relation

MAX_MUTUAL = 5  # states a cue may pair with each other ("X, Y and Z are partners")


class Sides:
    """Reads the sides of the relations of one document and keeps the relations found."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.states = StateIndex(ctx)
        self.words = relation_words()
        self.found: list[Relation] = []
        self.keys: dict[tuple[str, str, str, str], int] = {}  # each relation once: its index in `found`
        self.weak_cue = False  # the cue at hand only says that two states work together ("cooperation")
        self.weak: set[int] = set()  # relations read only from such cues
        self.evidence_tokens: list[Token] = []  # subjects read for the cue at hand
        self.conjoined = False  # the last subject read is a list of states, each a party

    # -- output ------------------------------------------------------------------

    def add(self, a: str, b: str, kind: str, polarity: str, tokens: list[Token], sent: Span) -> None:
        if a == b:
            return
        directed = kind not in symmetric_relations()
        key = (a, b, kind, polarity) if directed else (*sorted((a, b)), kind, polarity)
        if key in self.keys:
            if not self.weak_cue:
                self.weak.discard(self.keys[key])  # a partnership the text also names outright
            return
        self.keys[key] = len(self.found)  # type: ignore[index]
        if self.weak_cue:
            self.weak.add(len(self.found))
        inside = [t for t in [*tokens, *self.evidence_tokens] if sent.start <= t.i < sent.end]
        start = min(t.idx for t in inside)
        end = max(t.idx + len(t.text) for t in inside)
        self.found.append(
            Relation(
                a=a, b=b, type=kind, polarity=polarity, directed=directed, evidence=self.ctx.evidence(start, end)  # type: ignore[arg-type]
            )
        )

    def relations(self) -> list[Relation]:
        """What was found, less the cooperation of a pair the document calls allies, or where one backs the
        other: that is their alliance or support at work, not a partnership besides it."""
        closer = {frozenset((r.a, r.b)) for r in self.found if r.type in ("ally", "supports") and r.polarity == "+"}
        return [r for k, r in enumerate(self.found)
                if not (k in self.weak and r.type == "partner" and frozenset((r.a, r.b)) in closer)]

    def pairs(self, kind: str, sides: tuple[list[str], list[str]], polarity: str, tokens: list[Token], sent: Span) -> None:
        a_side, b_side = sides
        for a in a_side:
            for b in b_side:
                self.add(a, b, kind, polarity, tokens, sent)

    # -- argument reading -------------------------------------------------------

    def between(self, tok: Token) -> list[Token]:
        for holder in (tok, tok.head):
            for child in holder.children:
                if child.lower_ == "between" and child.dep_ == "prep":
                    return list(child.subtree)
        return []

    @staticmethod
    def head_and_owner(obj: Token) -> list[Token]:
        """An object's head words and possessors: "Russia's war" -> Russia, "the U.S. proposal" -> nothing."""
        out: list[Token] = []
        for t in conjuncts(obj):
            out.append(t)
            out.extend(x for c in t.children if c.dep_ == "poss" for x in c.subtree)
            if t.pos_ == "PROPN":  # "South Korea": the compound is part of the name
                out.extend(x for c in t.children if c.dep_ == "compound" for x in c.subtree)
        return out

    def prep_objects(self, tok: Token, preps: tuple[str, ...], deep: bool = False, heads_only: bool = False) -> list[Token]:
        """The objects of the cue's prepositions, each with its modifiers (and with `deep`, all it governs)."""
        out: list[Token] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        if heads_only:
                            out.extend(self.head_and_owner(obj))
                        else:
                            out.extend(obj.subtree if deep else phrase_tokens(obj))
        if not out and tok.pos_ == "VERB":  # "contests a chain of islets with Y": the parse hung it on the object
            out += [t for c in tok.children if c.dep_ == "dobj" for p in c.subtree if p.dep_ == "prep" and p.lower_ in preps
                    for o in p.children if o.dep_ == "pobj" for t in (o.subtree if deep else phrase_tokens(o))]
        if tok.dep_ == "acomp":  # "X is reliant on Y": the preposition hangs on the verb
            out += [t for c in tok.head.children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i
                    for o in c.children if o.dep_ == "pobj" for t in phrase_tokens(o)]
        infinitive = tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to" and tok.doc[tok.i + 2].pos_ in ("VERB", "AUX")
        if not out and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in preps and not infinitive:
            out = self.linear_object(tok.doc[tok.i + 1])
            if heads_only:
                out = [t for t in out if t.pos_ == "PROPN"]
        return out

    def additions(self, objects: list[Token]) -> list[Token]:
        """"threats from China and Russia in addition to North Korea": a phrase right after the other side
        that adds to it (relations.yaml `additions`)."""
        if not objects:
            return []
        doc = objects[0].doc
        k = max(t.i for t in objects) + 1
        k += k < len(doc) and doc[k].text == ","
        for phrase in self.words.additions:
            words = doc[k : k + len(phrase)]
            if len(words) == len(phrase) and tuple(t.lower_ for t in words) == phrase:
                last = words[-1]
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                return phrase_tokens(obj) if obj is not None else self.linear_object(last)
        return []

    def linear_object(self, prep: Token) -> list[Token]:
        """The words after a preposition up to the next punctuation or verb, when the parse lost them."""
        out: list[Token] = []
        for tok in prep.doc[prep.i + 1 : prep.i + 7]:
            if (tok.is_punct and tok.text not in ("-", "‐")) or tok.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ") and out:
                if tok.text in ("-", "‐") or tok.pos_ == "VERB" and tok.dep_ == "amod":
                    continue
                break
            out.append(tok)
        return out

    def left_window(self, tok: Token) -> tuple[list[Token], list[Token]]:
        """(possessor tokens, other modifier tokens) before a noun cue."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return [], []
        poss = [t for c in tok.children if c.dep_ == "poss" for t in c.subtree]
        mods = [t for t in tok.doc[tok.left_edge.i : tok.i] if t not in poss and t.dep_ != "det"]
        first = tok
        while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN") and first.head is not first:
            first = first.head
        if not poss and first is not tok:  # "Y's closest ally and main supplier": the possessor of both
            poss = [t for c in first.children if c.dep_ == "poss" for t in c.subtree]
        return poss, mods

    def own_pair(self, tok: Token, sent: Span, preps: tuple[str, ...] = (), members_of: bool = False) -> list[str]:
        """The states a cue names on its own: "X-Y relations", "X and Y's ties", "X and Y are allies",
        "the two NATO allies"."""
        if tok.pos_ in ("NOUN", "PROPN") and any(c.lower_ == "two" for c in tok.children):
            pair = self.the_two(tok, sent)
            if pair:
                self.evidence_tokens += list(tok.subtree)
                return pair
        poss, mods = self.left_window(tok)
        if any(c.dep_ == "amod" and c.lower_ in self.words.third_party for c in tok.children):
            return []  # "their shared rival": a third state, not the owners' rivalry with each other
        owned = [self.states.of_tokens(group) for group in (mods, poss)]
        named = self.states.of_tokens([t for c in tok.children if c.dep_ == "appos" for t in c.subtree])
        if any(s not in owned[0] + owned[1] for s in named):
            return []  # "their rival, Y": the owners with Y
        for states in owned:
            if len(states) >= 2:
                return states
        if any(owned):
            return []  # "X and Y are U.S. allies": each with the United States, not with each other
        founders = self.founders(tok)
        if len(founders) >= 2:
            return founders
        if members_of and tok.tag_ == "NN" and not describes(tok):
            members = self.states.of_tokens(self.prep_objects(tok, ("of",)))
            if len(members) >= 2:  # "this alliance of their governments", "the rivalry of X and Y"
                return members
        if self.states.of_tokens(self.prep_objects(tok, preps)):
            return []  # "X and Y are allies of Z": pairs with Z, not with each other
        if tok.pos_ == "VERB" and not self.object_states(tok):  # "X and Y have been disputing the islands"
            subj = subject(tok)
            states = self.states.of_tokens(phrase_tokens(subj)) if subj is not None else []
            if len(states) >= 2:
                self.evidence_tokens += phrase_tokens(subj)  # type: ignore[arg-type]
                return states
        if tok.dep_ == "appos" and not self.states.of_tokens(self.prep_objects(tok, preps)):
            states = self.states.of_tokens(phrase_tokens(tok.head))
            if len(states) >= 2:  # "X and Y, old friends with a complex relationship, ..."
                self.evidence_tokens += phrase_tokens(tok.head)
                return states
        if tok.dep_ in COPULA_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in COPULA_DEPS):
            verb = tok.head if tok.dep_ in COPULA_DEPS else tok.head.head
            subj = subject(verb)
            if subj is not None:
                states = self.states.of_tokens(phrase_tokens(subj))
                if len(states) >= 2:
                    self.evidence_tokens += [*phrase_tokens(subj), verb]
                    return states
        held = self.held_by(tok)
        if held is not None and not self.states.of_tokens(self.prep_objects(tok, preps)):
            states = self.states.of_tokens(phrase_tokens(held))
            if len(states) >= 2:  # "X and Y have a border dispute", "X and Y are locked in a dispute"
                self.evidence_tokens += [*phrase_tokens(held), tok.head]
                return states
        subj = subject(tok) if tok.pos_ in ("VERB", "AUX") else clause_subject(tok, sent)
        if subj is not None and not self.states.of_tokens(self.prep_objects(tok, preps)):
            pair = self.the_two(subj, sent)
            if pair:
                self.evidence_tokens += list(subj.subtree)
            return pair
        return []

    def held_by(self, tok: Token) -> Token | None:
        """The subject of the verb by which it has the cue: "X and Y **have** a dispute", "are **locked in** a
        dispute", "**are at** odds" (relations.yaml `holding`)."""
        verb = tok.head
        if tok.dep_ == "dobj" and verb.lemma_.lower() in self.words.holding_verbs:
            return subject(verb)
        if tok.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("in", "at") \
                and verb.head.lemma_.lower() in self.words.holding_states:
            return subject(verb.head)
        return None

    def founders(self, tok: Token) -> list[str]:
        """"X, Y and Z created a confederation": the subjects of a verb that forms the cue's body
        (relations.yaml `forming_verbs`), read through "withdrew ... and created"."""
        verb = tok.head
        if tok.dep_ != "dobj" or verb.lemma_.lower() not in self.words.forming_verbs:
            return []
        subj = subject(verb)
        if subj is None and verb.dep_ == "conj":
            subj = subject(verb.head)
        if subj is None:
            return []
        self.evidence_tokens += [*phrase_tokens(subj), verb]
        return self.states.of_tokens(phrase_tokens(subj))

    def object_states(self, verb: Token) -> list[str]:
        """The states a verb's object names, or whose possession it is ("contests Y's claims")."""
        tokens = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in c.subtree if t.dep_ in ("poss", "pobj", "dobj", "compound", "conj") or t is c]
        return self.states.of_tokens(tokens)

    def the_two(self, subj: Token, sent: Span) -> list[str]:
        """"the two (countries)", "these four nations" as a party: the states named last (the resolver's groups)."""
        return self.states.group(subj)

    def subject_side(self, tok: Token, sent: Span, persons: bool) -> list[str]:
        first = lifted(tok)  # "X, one of Y's backers": as "X, a backer of Y"
        while first.dep_ == "conj" and first.head is not first and first.pos_ in ("NOUN", "PROPN"):
            first = first.head  # "Mexico, a close ally and Canada's third-largest trading partner"
        if first.dep_ == "appos":  # "X and Y, both allies of Z": each of the list
            members = listed(first.head)
            self.evidence_tokens += members
            self.conjoined = len(members) > 1
            return self.states.of_tokens([t for h in members for t in (h, *(c for c in h.children if c.dep_ == "compound"))], persons)
        if tok.pos_ == "VERB":
            subj = controller(tok)
        elif (verb := among_copula(first)) is not None or (verb := among_copula(tok)) is not None:
            subj = subject(verb)  # "X is among Y's allies"
        elif first.dep_ in COPULA_DEPS and first is not tok:
            subj = subject(first.head)  # "X is one of Y's backers"
        elif tok.dep_ in COPULA_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in COPULA_DEPS):
            verb = tok.head if tok.dep_ in COPULA_DEPS else tok.head.head
            subj = subject(verb)
        else:
            subj = clause_subject(tok, sent)
        if subj is None:
            return []
        self.evidence_tokens += phrase_tokens(subj)
        states = self.states.of_tokens(phrase_tokens(subj), persons)
        heads = [self.states.of_tokens([h, *(c for c in h.children if c.dep_ == "compound")], persons) for h in listed(subj)]
        self.conjoined = len(heads) > 1 and all(len(h) == 1 for h in heads)  # "Estonia and Latvia look to ..."
        like = self.co_subjects(subj.head)
        self.evidence_tokens += like
        return states + [s for s in self.states.of_tokens(like) if s not in states]

    def co_subjects(self, verb: Token) -> list[Token]:
        """"Like Japan, ...", "Aside from Russia, ...": states the clause says the same of."""
        out: list[Token] = []
        for child in verb.children:
            words = (child.lower_, *[g.lower_ for g in child.children if g.dep_ == "prep"])
            if child.dep_ in ("prep", "advmod") and (" ".join(words[:2]) in self.words.co_subjects or child.lower_ in self.words.co_subjects):
                out.extend(child.subtree)
        return out

    def as_frame(self, tok: Token) -> tuple[list[str], list[str]] | None:
        """"treats X and Y as partners", "acknowledging X as Y's partner": the objects between verb and "as"."""
        if not (tok.dep_ == "pobj" and tok.head.lower_ == "as"):
            return None
        as_tok = tok.head
        verb = as_tok.head
        k = as_tok.i - 1
        objects: list[Token] = []
        while k > verb.i and tok.doc[k].lower_ != "as":
            objects.append(tok.doc[k])
            k -= 1
        subj = subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        owner = self.states.of_tokens(phrase_tokens(subj)) if subj is not None else []
        return owner, self.states.of_tokens(objects)

    def every_pair(self, kind: str, states: list[str], polarity: str, tokens: list[Token], sent: Span) -> None:
        if len(states) > MAX_MUTUAL:
            return  # a long list or a whole grouping is not a web of mutual relations
        for k, a in enumerate(states):
            for b in states[k + 1 :]:
                self.add(a, b, kind, polarity, tokens, sent)

    @staticmethod
    def passive_agent(tok: Token) -> list[Token]:
        """The "by X" of a passive verb cue."""
        if tok.pos_ != "VERB" or not any(c.dep_ == "nsubjpass" for c in tok.children):
            return []
        return [t for c in tok.children if c.dep_ == "agent" for t in c.subtree]
