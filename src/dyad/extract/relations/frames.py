"""Relations read from a whole clause rather than one cue word: relationship nouns with a word that
says which ("strained relations"), troops stationed or hosted, and claims to another state's land.

"British troops are stationed in Estonia" and "Japan hosts 50,000 American troops": the troops'
state supports the host. "Beijing considers Taiwan part of its territory", "the island that
Beijing considers its own territory", "Rabat claims the region as its own territory": a claim
to another state's land makes the two rivals.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.extract.relations.arguments import Sides
from dyad.extract.relations.clauses import COPULAS, SUBJECT_DEPS, conjuncts, denied_by, negated, phrase_tokens, subject
from dyad.extract.relations.scope import unasserted
from dyad.extract.relations.states import RELATIVE

OTHER_SIDE = ("with", "to")  # "ties with Y", "close ties to Y"


class Frames(Sides):
    """Clause frames of the relations component (see the module docstring)."""

    def presence(self, tok: Token, sent: Span) -> None:
        """"British troops are stationed in Estonia": the troops' state supports the host."""
        noun = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        if noun is None and tok.dep_ == "acl":
            noun = tok.head
        if noun is None or noun.lower_ not in self.words.presence_nouns:
            return
        owner = self.states.of_tokens([t for t in noun.subtree if t.i < noun.i])
        hosts = self.states.of_tokens(self.prep_objects(tok, ("in", "on")))
        tokens = [tok, noun, *noun.subtree, *self.prep_objects(tok, ("in", "on"))]
        self.pairs(self.words.presence_type, (owner[:1], hosts[:1]), "-" if negated(tok, sent) else "+", tokens, sent)

    def hosting(self, tok: Token, sent: Span) -> None:
        """"Japan hosts about 50,000 American troops": the troops' state supports the host (the subject)."""
        noun = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ in self.words.presence_nouns), None)
        if noun is None:
            return
        owner = self.states.of_tokens([t for t in noun.subtree if t.i < noun.i])
        host = self.subject_side(tok, sent, persons=False)
        tokens = [tok, noun, *[t for t in noun.subtree if t.i < noun.i]]
        self.pairs(self.words.presence_type, (owner[:1], [s for s in host if s not in owner][:1]),
                   "-" if denied_by(tok) else "+", tokens, sent)

    def territorial(self, tok: Token, sent: Span) -> None:
        """A claim to another state's land (relations.yaml `territorial_claims`): the claimant, the subject of
        the claim verb, and the state it claims, the verb's object, the subject of its small clause ("considers
        Taiwan part of ..."), or the noun a relative clause with no object of its own describes."""
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.lemma_.lower() not in self.words.claim_verbs or not (sent.start <= verb.i < sent.end):
            return
        subj = subject(verb)
        if subj is not None and subj.pos_ in ("VERB", "AUX"):  # a relative clause the parse hung on a verb
            subj = next((t for t in reversed(sent[: verb.left_edge.i - sent.start]) if not t.is_punct), None)
        if subj is None:
            return
        claimant = self.states.of_tokens(phrase_tokens(subj))
        above, own = set(tok.ancestors), set(phrase_tokens(subj))
        claimed = [t for t in verb.subtree if t not in own and t.i < tok.i and t.head is not tok
                   and (t.dep_ in ("dobj", "nsubj") or (t.dep_ == "compound" and t.head in above))]  # "Kosovo part of ..."
        relative = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if not claimed and verb.dep_ == "relcl" and (relative is None or relative.lower_ not in RELATIVE):
            claimed = [verb.head]  # "the island that Beijing considers its own territory"
            if verb.head.dep_ == "attr" and (described := subject(verb.head.head)) is not None:
                claimed.append(described)  # "Taiwan is the island that ..."
        others = [s for s in self.states.of_tokens([t for c in claimed for t in phrase_tokens(c)]) if s not in claimant]
        tokens = [tok, verb, *phrase_tokens(subj), *claimed]
        self.pairs("rival", (claimant[:1], others[:1]), "-" if denied_by(verb) else "+", tokens, sent)

    def relationship(self, tok: Token, sent: Span) -> None:
        """"strained X-Y relations", "X and Y's ties deteriorated", "relations between X and Y have soured"."""
        words = self.words.relationship_words
        signals = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ in words]
        verb = tok.head
        if tok.dep_ in (*SUBJECT_DEPS, "dobj") and (verb.lemma_.lower() in words or verb.lower_ in words):
            signals.append(verb)  # "ties deteriorated", "they upgraded their ties"
        if tok.dep_ in SUBJECT_DEPS and verb.lemma_ in COPULAS:  # "relations are full of tensions"
            signals += [t for c in verb.children if c.dep_ in ("acomp", "attr") for t in c.subtree
                        if t.pos_ in ("NOUN", "ADJ") and (t.lower_ in words or t.lemma_.lower() in words)][:1]
        marks: list[Token] = []  # "relations are marked by rivalry and cooperation": each word its own relation
        if tok.dep_ in SUBJECT_DEPS:
            marks = [
                o for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                for p in c.children if p.dep_ == "pobj" for o in conjuncts(p) if o.lemma_.lower() in words or o.lower_ in words
            ]
            signals += marks
        kind = ""
        if not signals and (tok.lower_ in self.words.partner_nouns or tok.lemma_.lower() in self.words.partner_nouns):
            if self.states.of_tokens(self.prep_objects(tok, OTHER_SIDE)) and not unasserted(tok, sent, activity=True):
                signals, kind = [tok], "partner"  # "Pakistan's ties with China"; "sought to improve ties with Y": none yet
        if not signals or all(s.pos_ == "VERB" and unasserted(s, sent, activity=True) for s in signals):
            return  # "wants to deepen its ties with Y": a change only wished for
        kinds = [kind or self.kind_of(signals[0])]
        kinds += [k for k in map(self.kind_of, marks) if k not in kinds]
        polarity = "-" if negated(tok, sent) or any(negated(s, sent) for s in signals if s.pos_ == "VERB") else "+"
        between = self.between(tok)
        pair = self.states.of_tokens(between) if between else self.own_pair(tok, sent)
        tokens = [tok, *signals, *between, *tok.doc[tok.left_edge.i : tok.i]]
        if len(pair) < 2:
            objects = self.prep_objects(tok, OTHER_SIDE)
            poss, _mods = self.left_window(tok)
            owner = self.states.of_tokens(poss) or (self.subject_side(tok, sent, False) if tok.dep_ not in SUBJECT_DEPS else [])
            others = self.states.of_tokens(objects)
            if owner and others:  # "X's ties with Y and Z": X with each
                for kind in kinds:
                    self.pairs(kind, (owner[:1], others), polarity, tokens + objects, sent)
                return
            if len(owner) >= 2 and not objects:  # "X and Y have upgraded their ties"
                pair = owner
        if len(pair) < 2 and not between and not self.prep_objects(tok, OTHER_SIDE):
            # "Lee met Xi to mend strained relations": a sentence about exactly two states names the pair
            in_sentence = self.states.of_tokens(sent, persons=True)
            if len(in_sentence) == 2:
                pair = in_sentence
        for kind in kinds:
            self.every_pair(kind, pair[:2], polarity, tokens, sent)

    def kind_of(self, signal: Token) -> str:
        """The relation a relationship word says ("strained": rival)."""
        words = self.words.relationship_words
        return words.get(signal.lower_) or words[signal.lemma_.lower()]
