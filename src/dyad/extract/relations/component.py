"""The `relations` component: standing relations between states (ally, partner, depends_on, supports, rival, neutral).

A cue word from relations.yaml ("ally", "tensions", "relies", "balance") is
read with its arguments from the parse: a pair it names itself ("between X and
Y", "X-Y relations", "X and Y are allies"), or an owner (possessor, modifier,
subject, apposition) and an other side (the object of its prepositions).
A denial ("are not allies", "no longer partners") gives polarity "-".
Hedged or expected relations ("this burgeoning alliance", "could become
partners") are kept as asserted: a relation is a standing claim, not an event.
Each relation is stored once per document (first evidence).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from dyad.codes import symmetric_relations
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import lemma_lowers, lowers, once, sentences, tokens_by_lower
from dyad.extract.registry import component
from dyad.extract.relations.clauses import (
    COPULA_DEPS,
    SUBJECT_DEPS,
    describes,
    negated,
    phrase_tokens,
)
from dyad.extract.relations.frames import Frames
from dyad.extract.relations.scope import unasserted
from dyad.extract.relations.states import RELATIVE
from dyad.extract.relations.words import Cue, Phrase, RelationWords
from dyad.records import Relation


class Finder(Frames):
    """Reads the relations of one document: each cue word with the frame that fits it."""

    def cue(self, tok: Token, cue: Cue, sent: Span) -> None:
        """One cue word: a pair it names itself, else its owner and its other side."""
        polarity = "-" if negated(tok, sent) else "+"
        self.weak_cue = cue.weak and cue.type == "partner"
        try:
            if self.between_frame(tok, cue, polarity, sent) or cue.needs_between:
                return
            if cue.type in symmetric_relations() and self.own_pair_frame(tok, cue, polarity, sent):
                return
            self.owner_frame(tok, cue, polarity, sent)
        finally:
            self.weak_cue = False

    def between_frame(self, tok: Token, cue: Cue, polarity: str, sent: Span) -> bool:
        """"a dispute between X and Y"; "a balance between X and Y" (neutral: the subject towards each)."""
        between = self.between(tok)
        pair = self.states.of_tokens(between) if between else []
        if len(pair) >= 2 and cue.type in symmetric_relations():
            self.every_pair(cue.type, pair[:3], polarity, [tok, *between], sent)
            return True
        if pair and cue.type not in symmetric_relations():
            subject = self.subject_side(tok, sent, persons=True)
            self.pairs(cue.type, (subject[:1], pair), polarity, [tok, *between], sent)
            return True
        return False

    def own_pair_frame(self, tok: Token, cue: Cue, polarity: str, sent: Span) -> bool:
        """"X-Y relations", "X and Y are allies", "X, Y and Z, who are partners"."""
        if tok.dep_ in COPULA_DEPS | {"conj", "pobj"} and self._relcl_pair(tok, cue, polarity, sent):
            return True
        own = self.own_pair(tok, sent, cue.preps, cue.members_of)
        if len(own) >= 2:
            self.every_pair(cue.type, own, polarity, [tok, *tok.doc[tok.left_edge.i : tok.i]], sent)
            return True
        return False

    def owner_frame(self, tok: Token, cue: Cue, polarity: str, sent: Span) -> None:
        """The owner (possessor, modifier, subject, described noun) and the other side (objects, apposition)."""
        objects = self.prep_objects(tok, cue.preps, deep=cue.deep, heads_only=cue.type == "supports")
        if cue.needs_prep and not objects:
            return
        if cue.also_prep and not any(c.dep_ == "prep" and c.lower_ == cue.also_prep for c in tok.children):
            return  # "looks to Y" without "for ..." is no dependence
        if tok.pos_ == "VERB":
            for obj in (c for c in tok.children if c.dep_ in ("dobj", "attr") or (cue.datives and c.dep_ == "dative")):
                objects += self.head_and_owner(obj) if cue.type == "supports" else phrase_tokens(obj)
                if cue.object_owner:  # "contests all or parts of Y's claims"
                    objects += [t for p in obj.subtree if p.dep_ == "poss" for t in p.subtree]
        objects += self.additions(objects)
        if cue.agent_preps and self.agent_frame(tok, cue, polarity, objects, sent):
            return
        frame = self.as_frame(tok)
        poss, mods = self.left_window(tok)
        appos = [t for c in tok.children if c.dep_ == "appos" for t in c.subtree]
        appos += [t for c in tok.children if c.dep_ == "prep" and c.lower_ in ("including", "like") and tok.tag_ == "NNS"
                  for t in c.subtree]  # "its allies, including Japan and Australia"
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            appos += list(tok.head.subtree)
        persons = cue.type in ("depends_on", "supports")
        owner = self.states.of_tokens(poss, persons) if poss else self.states.of_tokens(mods)
        others = self.states.of_tokens(objects) + self.states.of_tokens(appos)
        if poss:  # "Russia's Ukraine invasion": with a possessor, the modifiers are the other side
            others += [s for s in self.states.of_tokens(mods) if s not in others]
        if frame is not None:
            f_owner, f_objects = frame
            rest = [s for s in f_objects if s not in owner]
            if owner and rest:  # "treats X as Y's partner"
                others = rest
            else:  # "views X as a rival", "views X as its rival": "its" is the subject's
                owner, others = f_owner, f_objects
        self.conjoined = False
        subject = [] if frame is not None else self.subject_side(tok, sent, persons)
        tokens = [tok, *poss, *mods, *objects, *appos]
        if cue.type in symmetric_relations():
            a_side = owner or subject
            # "X is a U.S. ally", "X, a U.S. ally": the described state is the other side of an owned cue
            described = describes(tok)
            b_side = [s for s in others if s not in a_side] or (
                [s for s in subject if s not in a_side] if owner and (described or cue.subject_other) else []
            )
            self.pairs(cue.type, (a_side, b_side), polarity, tokens, sent)
        elif cue.owner == "b":
            if not (others or describes(tok)):
                return  # "relies on Chinese suppliers": a supplier the clause does not describe says nothing
            self.pairs(cue.type, (subject, owner + others), polarity, tokens, sent)
        else:
            # one possessor word that stands for several states ("their", "the G7 countries'") speaks for all
            a_side = (owner if len(poss) == 1 or self.conjoined else owner[:1]) or (subject if self.conjoined else subject[:1])
            if self.passive_agent(tok):  # "Ukraine is backed by Poland": the agent is the supporter
                a_side, others = self.states.of_tokens(self.passive_agent(tok), persons), a_side
            others = [s for s in others if s not in a_side]  # "X's reliance on its alliance with Y": Y, not X again
            self.pairs(cue.type, (a_side, others if cue.type == "neutral" else others[:1]), polarity, tokens, sent)

    def agent_frame(self, tok: Token, cue: Cue, polarity: str, objects: list[Token], sent: Span) -> bool:
        """"Ukraine has the backing of Poland", "the backing of Poland for Ukraine": the objects of the
        agent prepositions are side a; the other objects, else the owner or the subject, side b."""
        agents = self.states.of_tokens(self.prep_objects(tok, cue.agent_preps, heads_only=True))
        if not agents:
            return False
        poss, _mods = self.left_window(tok)
        b_side = self.states.of_tokens(objects) or self.states.of_tokens(poss) or self.subject_side(tok, sent, False)
        tokens = [tok, *poss, *objects, *self.prep_objects(tok, cue.agent_preps)]
        self.pairs(cue.type, (agents[:1], [s for s in b_side if s not in agents][:1]), polarity, tokens, sent)
        return True

    def title(self, tok: Token, cue: Cue, sent: Span, named: Token | None = None) -> None:
        """"Turkey's rival Greece", "its longtime ally Japan": the cue names the state it modifies
        (`named`: the state right after the cue when the parse hung it elsewhere)."""
        named = named if named is not None else tok.head
        owners = [t for c in named.children if c.dep_ == "poss" for t in c.subtree]
        owners += [t for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") for t in c.subtree]
        owner = self.states.of_tokens(owners, persons=False)
        other = self.states.of_token(named)
        polarity = "-" if negated(tok, sent) else "+"
        self.pairs(cue.type, (owner, other) if cue.owner == "a" else (other, owner), polarity, [tok, named, *owners], sent)

    def _relcl_pair(self, tok: Token, cue: Cue, polarity: str, sent: Span) -> bool:
        """"X, Y and Z, who are all partners": every pair of the relative clause's antecedents."""
        node = tok
        while node.dep_ in ("conj", "attr", "pobj", "prep", "acomp") and node.head is not node:
            node = node.head
        if node.dep_ != "relcl":
            return False
        subj = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None or subj.lower_ not in RELATIVE:
            return False
        head = node.head
        while head.dep_ == "conj":
            head = head.head
        states = self.states.of_tokens(phrase_tokens(head))
        poss, mods = self.left_window(tok)
        others = self.states.of_tokens(poss + mods + self.prep_objects(tok, cue.preps))
        tokens = [tok, *head.subtree]
        if others:  # "Canada and Mexico, which are U.S. allies": each antecedent with the United States
            self.pairs(cue.type, (states, [s for s in others if s not in states]), polarity, tokens, sent)
            return bool(states)
        if len(states) < 2:
            return False
        self.every_pair(cue.type, states, polarity, tokens, sent)
        return True

    def phrase(self, tok: Token, phrase: Phrase, sent: Span) -> None:
        if phrase.particle is not None:
            obj = next((c for c in tok.children if c.dep_ == "prt" and c.lower_ == phrase.particle), None)
        else:
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in phrase.objects), None)
        if obj is None:
            return
        denied = negated(tok, sent)
        polarity = phrase.negated_means if denied else ("+" if phrase.negated_means == "-" else "-")
        if phrase.negated_means == "+" and not denied:
            return  # "takes sides with X" says nothing about neutrality
        others = [t for holder in (tok, obj) for t in self.prep_objects(holder, phrase.preps, deep=True)]
        subject = self.subject_side(tok, sent, persons=False)
        self.pairs(phrase.type, (subject[:1], self.states.of_tokens(others)), polarity, [tok, obj, *others], sent)

    def retyped(self, tok: Token, cue: Cue) -> Cue:
        """A cooperative cue the text says more of: "a U.S. alliance partner", "security cooperation" and
        "the two U.S. allies' collaboration" are alliances (relations.yaml `retype`)."""
        retype = self.words.retype
        for child in tok.children:
            word = child.lemma_.lower() if child.dep_ == "poss" else child.lower_
            if child.dep_ in ("compound", "amod", "poss") and word in retype:
                return replace(cue, type=retype[word])
        return cue

    def sentence(self, sent: Span) -> None:
        words = self.words
        doc = sent.doc
        lemmas, lows, looked_at = lemma_lowers(doc), lowers(doc), _looked_at(doc, words)
        first, stop = bisect.bisect_left(looked_at, sent.start), bisect.bisect_left(looked_at, sent.end)
        for i in looked_at[first:stop]:
            lemma, low = lemmas[i], lows[i]
            self.evidence_tokens = []
            cue = words.cues.get(lemma) or words.cues.get(low)
            tok = doc[i]
            verb, noun = tok.pos_ == "VERB", tok.pos_ == "NOUN"
            phrased = verb and any(lemma == phrase.verb for phrase in words.phrases)
            related = low in words.relationship_nouns or lemma in words.relationship_nouns
            present = verb and lemma in words.presence_verbs
            hosts = verb and lemma in words.host_verbs
            claims = noun and lemma in words.claim_nouns and any(c.dep_ == "poss" for c in tok.children)
            if not (cue or phrased or related or present or hosts or claims):
                continue  # the dependency walk below is the costly part: only for tokens that could cue
            if unasserted(tok, sent, activity=cue is not None and cue.weak) or _in_compound_word(tok):
                continue  # "dismissed talk of a rivalry": neither asserted nor denied by the author
            if cue is not None and cue.type == "partner":
                cue = self.retyped(tok, cue)
            after = tok.doc[tok.i + 1] if tok.i + 1 < sent.end else None
            if cue is not None and tok.dep_ in ("amod", "compound") and self.states.of_token(tok.head):
                self.title(tok, cue, sent)
            elif cue is not None and noun and after is not None and after.pos_ == "PROPN" and after.head is not tok \
                    and any(c.dep_ == "poss" for c in tok.children) and self.states.of_token(after):
                self.title(tok, cue, sent, after)  # "as its superpower rival China expands ...": a title the parse split
            elif cue is not None and (not cue.pos or tok.pos_ in cue.pos):
                self.cue(tok, cue, sent)
            for phrase in words.phrases if phrased else ():
                if lemma == phrase.verb:
                    self.phrase(tok, phrase, sent)
            if related:
                self.relationship(tok, sent)
            if present:
                self.presence(tok, sent)
            if hosts:
                self.hosting(tok, sent)
            if claims:
                self.territorial(tok, sent)
        if sent.start < sent.end and (first == stop or looked_at[stop - 1] != sent.end - 1):
            self.evidence_tokens = []  # as after a word not looked at, when the sentence ends with one


def _in_compound_word(tok: Token) -> bool:
    """"friend-shoring", "war-torn": a cue word joined by a hyphen to the word after it is part of
    another word."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in ("-", "\u2010"):
        return False
    return not tok.whitespace_ and not doc[tok.i + 1].whitespace_ and doc[tok.i + 2].is_alpha


_CUE_LEMMAS: dict[int, tuple[RelationWords, frozenset[str]]] = {}


def _cue_lemmas(words: RelationWords) -> frozenset[str]:
    """The lemmas `Finder.sentence` looks at besides the cues: phrase verbs, relationship, presence,
    hosting and claim words."""
    held = _CUE_LEMMAS.get(id(words))
    if held is None or held[0] is not words:
        lemmas = frozenset({*(p.verb for p in words.phrases), *words.relationship_nouns, *words.presence_verbs,
                            *words.host_verbs, *words.claim_nouns})
        held = _CUE_LEMMAS[id(words)] = (words, lemmas)
    return held[1]


def _looked_at(doc: Doc, words: RelationWords) -> list[int]:
    """Indices of the words `Finder.sentence` looks at (a cue, or a lemma of `_cue_lemmas`), once per document:
    every other word is passed over without a test."""
    held: dict[int, tuple[RelationWords, list[int]]] = once(doc, "relation_words_at", lambda d: {})
    got = held.get(id(words))
    if got is None or got[0] is not words:
        # a cue by its lemma or its word (a Cue is never falsy), or a lemma or relationship noun looked at: the
        # lemmas tested token by token, the words once per distinct word
        by_lemma, by_word = words.cues.keys() | _cue_lemmas(words), words.cues.keys() | words.relationship_nouns
        found = {i for i, lemma in enumerate(lemma_lowers(doc)) if lemma in by_lemma}
        found.update(i for low, at in tokens_by_lower(doc).items() if low in by_word for i in at)
        got = held[id(words)] = (words, sorted(found))
    return got[1]


def relations_in(ctx: DocContext) -> list[Relation]:
    finder = Finder(ctx)
    for sent in sentences(ctx.doc):
        finder.sentence(sent)
    return finder.relations()


@component("relations", requires=["actors", "mentions", "quotes"], assigns=["relations"])
def run(ctx: DocContext) -> None:
    ctx.result.relations.extend(relations_in(ctx))
