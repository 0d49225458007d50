"""Relations stage: standing relations between states (ally, partner, depends_on, supports, rival, neutral).

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

from spacy.tokens import Span, Token

from dyad.extract.context import DocContext
from dyad.extract.relation_data import SYMMETRIC, Cue, Phrase, relation_words
from dyad.extract.relation_states import RELATIVE, StateIndex
from dyad.records import Relation

LEFT_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "nummod"})
COPULA_DEPS = frozenset({"attr", "acomp", "oprd"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None and subj.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head  # "the United States, which supports Taiwan"
    return subj


def _clause_subject(tok: Token, sent: Span) -> Token | None:
    """The subject of the nearest clause above the token that has one."""
    node = tok
    for _ in range(len(sent)):
        if node.pos_ in ("VERB", "AUX") and node is not tok:
            subj = _subject(node)
            if subj is not None and tok not in subj.subtree:
                return subj
        if node.head is node or not (sent.start <= node.head.i < sent.end):
            return None
        if node is not tok and node.dep_ in CLAUSE_BOUNDARIES:
            return None  # "hard to believe that the war in Ukraine ...": the outer subject is not a party
        if node is tok and tok.dep_ in SUBJECT_DEPS and node.head.dep_ in CLAUSE_BOUNDARIES:
            return None
        node = node.head
    return None


def _controller(verb: Token) -> Token | None:
    """A verb's subject, or for "to counter ..." the subject of the verb it completes or serves
    ("Australia courts island states to counter China's reach": Australia)."""
    node = verb
    for _ in range(3):
        subj = _subject(node)
        if subj is not None:
            return subj
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ not in ("xcomp", "advcl") or not infinitive or node.head is node:
            return None
        node = node.head
    return None


def _phrase_tokens(tok: Token) -> list[Token]:
    """A subject with its conjuncts but without relative clauses or appositions."""
    out = []
    for t in _conjuncts(tok):
        out.append(t)
        out.extend(x for x in t.subtree if x.i < t.i and x.dep_ not in ("relcl", "appos"))
        out.extend(x for c in t.children if c.dep_ == "compound" and c.i > t.i for x in c.subtree)
    return out


def _denied_by(node: Token) -> bool:
    neg = relation_words().negations
    for child in node.children:
        if child.dep_ == "neg" or (child.lower_ in neg and child.dep_ in ("det", "advmod", "neg", "preconj")):
            return True
        if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
    return False


def _negated(tok: Token, sent: Span) -> bool:
    """Whether the cue is denied: by its own words, or by the verb it is the complement or object of."""
    if _denied_by(tok):
        return True
    node = tok
    if node.dep_ == "conj" and node.head.dep_ in COPULA_DEPS:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "as":
        node = node.head
    if node.dep_ in COPULA_DEPS or (node.dep_ == "prep" and node.lower_ == "as"):
        verb = node.head
        if _denied_by(verb):
            return True
        if verb.dep_ in ("xcomp",) and _denied_by(verb.head):
            return True
    return False


def _describes(tok: Token) -> bool:
    """Whether a noun cue describes its clause's subject or the noun it is in apposition to."""
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return first.dep_ in COPULA_DEPS or first.dep_ == "appos"


class Finder:
    """Reads the relations of one document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.states = StateIndex(ctx)
        self.words = relation_words()
        self.found: list[Relation] = []
        self.keys: set[tuple[str, str, str, str]] = set()
        self.evidence_tokens: list[Token] = []  # subjects read for the cue at hand

    # -- output ------------------------------------------------------------------

    def add(self, a: str, b: str, kind: str, polarity: str, tokens: list[Token], sent: Span) -> None:
        if a == b:
            return
        directed = kind not in SYMMETRIC
        key = (a, b, kind, polarity) if directed else (*sorted((a, b)), kind, polarity)
        if key in self.keys:
            return
        self.keys.add(key)  # type: ignore[arg-type]
        inside = [t for t in [*tokens, *self.evidence_tokens] if sent.start <= t.i < sent.end]
        start = min(t.idx for t in inside)
        end = max(t.idx + len(t.text) for t in inside)
        self.found.append(
            Relation(
                a=a, b=b, type=kind, polarity=polarity, directed=directed, evidence=self.ctx.evidence(start, end)  # type: ignore[arg-type]
            )
        )

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
        for t in _conjuncts(obj):
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
                            out.extend(obj.subtree if deep else _phrase_tokens(obj))
        if tok.dep_ == "acomp":  # "X is reliant on Y": the preposition hangs on the verb
            out += [t for c in tok.head.children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i
                    for o in c.children if o.dep_ == "pobj" for t in _phrase_tokens(o)]
        if not out and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in preps:
            out = self.linear_object(tok.doc[tok.i + 1])
            if heads_only:
                out = [t for t in out if t.pos_ == "PROPN"]
        return out

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
        return poss, mods

    def own_pair(self, tok: Token, sent: Span, preps: tuple[str, ...] = ()) -> list[str]:
        """The states a cue names on its own: "X-Y relations", "X and Y's ties", "X and Y are allies"."""
        poss, mods = self.left_window(tok)
        for group in (mods, poss):
            states = self.states.of_tokens(group)
            if len(states) >= 2:
                return states
        if self.states.of_tokens(self.prep_objects(tok, preps)):
            return []  # "X and Y are allies of Z": pairs with Z, not with each other
        if tok.pos_ == "VERB":  # "X and Y have been disputing the islands"
            subj = _subject(tok)
            states = self.states.of_tokens(_phrase_tokens(subj)) if subj is not None else []
            if len(states) >= 2:
                self.evidence_tokens += _phrase_tokens(subj)  # type: ignore[arg-type]
                return states
        if tok.dep_ in COPULA_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in COPULA_DEPS):
            verb = tok.head if tok.dep_ in COPULA_DEPS else tok.head.head
            subj = _subject(verb)
            if subj is not None:
                states = self.states.of_tokens(_phrase_tokens(subj))
                if len(states) >= 2:
                    self.evidence_tokens += [*_phrase_tokens(subj), verb]
                    return states
        subj = _subject(tok) if tok.pos_ in ("VERB", "AUX") else _clause_subject(tok, sent)
        if subj is not None and not self.states.of_tokens(self.prep_objects(tok, preps)):
            pair = self.the_two(subj, sent)
            if pair:
                self.evidence_tokens += list(subj.subtree)
            return pair
        return []

    def the_two(self, subj: Token, sent: Span) -> list[str]:
        """"the two (countries)" as a subject: the two states its sentence names, or, when it names
        none, the two the sentence before names ("... adds that the two share a strategic partnership")."""
        words = {t.lower_ for t in subj.subtree}
        if not {"the", "two"} <= words or subj.lower_ not in self.words.pair_nouns | {"two"}:
            return []
        spans = [sent]
        if sent.start > 0:
            spans.append(sent.doc[sent.start - 1].sent)
        for span in spans:
            states = self.states.of_tokens([t for t in span if t.i not in {x.i for x in subj.subtree}], persons=True)
            if states:
                return states if len(states) == 2 else []
        return []

    def subject_side(self, tok: Token, sent: Span, persons: bool) -> list[str]:
        first = tok
        while first.dep_ == "conj" and first.head is not first and first.pos_ in ("NOUN", "PROPN"):
            first = first.head  # "Mexico, a close ally and Canada's third-largest trading partner"
        if first.dep_ == "appos":
            self.evidence_tokens.append(first.head)
            return self.states.of_tokens([first.head], persons)
        if tok.pos_ == "VERB":
            subj = _controller(tok)
        elif tok.dep_ in COPULA_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in COPULA_DEPS):
            verb = tok.head if tok.dep_ in COPULA_DEPS else tok.head.head
            subj = _subject(verb)
        else:
            subj = _clause_subject(tok, sent)
        if subj is None:
            return []
        self.evidence_tokens += _phrase_tokens(subj)
        states = self.states.of_tokens(_phrase_tokens(subj), persons)
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
        subj = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        owner = self.states.of_tokens(_phrase_tokens(subj)) if subj is not None else []
        return owner, self.states.of_tokens(objects)

    # -- cues --------------------------------------------------------------------

    def every_pair(self, kind: str, states: list[str], polarity: str, tokens: list[Token], sent: Span) -> None:
        for k, a in enumerate(states):
            for b in states[k + 1 :]:
                self.add(a, b, kind, polarity, tokens, sent)

    def cue(self, tok: Token, cue: Cue, sent: Span) -> None:
        """One cue word: a pair it names itself, else its owner and its other side."""
        polarity = "-" if _negated(tok, sent) else "+"
        if self.between_frame(tok, cue, polarity, sent) or cue.needs_between:
            return
        if cue.type in SYMMETRIC and self.own_pair_frame(tok, cue, polarity, sent):
            return
        self.owner_frame(tok, cue, polarity, sent)

    def between_frame(self, tok: Token, cue: Cue, polarity: str, sent: Span) -> bool:
        """"a dispute between X and Y"; "a balance between X and Y" (neutral: the subject towards each)."""
        between = self.between(tok)
        pair = self.states.of_tokens(between) if between else []
        if len(pair) >= 2 and cue.type in SYMMETRIC:
            self.every_pair(cue.type, pair[:3], polarity, [tok, *between], sent)
            return True
        if pair and cue.type not in SYMMETRIC:
            subject = self.subject_side(tok, sent, persons=True)
            self.pairs(cue.type, (subject[:1], pair), polarity, [tok, *between], sent)
            return True
        return False

    def own_pair_frame(self, tok: Token, cue: Cue, polarity: str, sent: Span) -> bool:
        """"X-Y relations", "X and Y are allies", "X, Y and Z, who are partners"."""
        if tok.dep_ in COPULA_DEPS | {"conj", "pobj"} and self._relcl_pair(tok, cue, polarity, sent):
            return True
        own = self.own_pair(tok, sent, cue.preps)
        if len(own) >= 2:
            self.every_pair(cue.type, own, polarity, [tok, *tok.doc[tok.left_edge.i : tok.i]], sent)
            return True
        return False

    def owner_frame(self, tok: Token, cue: Cue, polarity: str, sent: Span) -> None:
        """The owner (possessor, modifier, subject, described noun) and the other side (objects, apposition)."""
        objects = self.prep_objects(tok, cue.preps, deep=cue.deep, heads_only=cue.type == "supports")
        if cue.needs_prep and not objects:
            return
        if tok.pos_ == "VERB":
            for obj in (c for c in tok.children if c.dep_ in ("dobj", "attr")):
                objects += self.head_and_owner(obj) if cue.type == "supports" else _phrase_tokens(obj)
        frame = self.as_frame(tok)
        poss, mods = self.left_window(tok)
        appos = [t for c in tok.children if c.dep_ == "appos" for t in c.subtree]
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            appos += list(tok.head.subtree)
        persons = cue.type in ("depends_on", "supports")
        owner = self.states.of_tokens(poss, persons) if poss else self.states.of_tokens(mods)
        others = self.states.of_tokens(objects) + self.states.of_tokens(appos)
        if poss:  # "Russia's Ukraine invasion": with a possessor, the modifiers are the other side
            others += [s for s in self.states.of_tokens(mods) if s not in others]
        if frame is not None:
            f_owner, f_objects = frame
            if owner:
                others = [s for s in f_objects if s not in owner]
            else:
                owner, others = f_owner, f_objects
        subject = [] if frame is not None else self.subject_side(tok, sent, persons)
        tokens = [tok, *poss, *mods, *objects, *appos]
        if cue.type in SYMMETRIC:
            a_side = owner or subject
            # "X is a U.S. ally", "X, a U.S. ally": the described state is the other side of an owned cue
            described = _describes(tok)
            b_side = [s for s in others if s not in a_side] or (
                [s for s in subject if s not in a_side] if owner and described else []
            )
            self.pairs(cue.type, (a_side, b_side), polarity, tokens, sent)
        elif cue.owner == "b":
            self.pairs(cue.type, (subject, owner + others), polarity, tokens, sent)
        else:
            a_side = (owner or subject)[:1]
            if self.passive_agent(tok):  # "Ukraine is backed by Poland": the agent is the supporter
                a_side, others = self.states.of_tokens(self.passive_agent(tok), persons), a_side
            self.pairs(cue.type, (a_side, others if cue.type == "neutral" else others[:1]), polarity, tokens, sent)

    @staticmethod
    def passive_agent(tok: Token) -> list[Token]:
        """The "by X" of a passive verb cue."""
        if tok.pos_ != "VERB" or not any(c.dep_ == "nsubjpass" for c in tok.children):
            return []
        return [t for c in tok.children if c.dep_ == "agent" for t in c.subtree]

    def title(self, tok: Token, cue: Cue, sent: Span) -> None:
        """"Turkey's rival Greece", "its longtime ally Japan": the cue names the state it modifies."""
        named = tok.head
        owners = [t for c in named.children if c.dep_ == "poss" for t in c.subtree]
        owners += [t for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod") for t in c.subtree]
        owner = self.states.of_tokens(owners, persons=False)
        other = self.states.of_token(named)
        polarity = "-" if _negated(tok, sent) else "+"
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
        states = self.states.of_tokens(_phrase_tokens(head))
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
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ == phrase.object), None)
        if obj is None:
            return
        negated = _negated(tok, sent)
        polarity = phrase.negated_means if negated else ("+" if phrase.negated_means == "-" else "-")
        if phrase.negated_means == "+" and not negated:
            return  # "takes sides with X" says nothing about neutrality
        others = [t for holder in (tok, obj) for t in self.prep_objects(holder, phrase.preps, deep=True)]
        subject = self.subject_side(tok, sent, persons=False)
        self.pairs(phrase.type, (subject[:1], self.states.of_tokens(others)), polarity, [tok, obj, *others], sent)

    def relationship(self, tok: Token, sent: Span) -> None:
        """"strained X-Y relations", "X and Y's ties deteriorated", "relations between X and Y have soured"."""
        words = self.words.relationship_words
        signals = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.lower_ in words]
        verb = tok.head
        if tok.dep_ in (*SUBJECT_DEPS, "dobj") and (verb.lemma_.lower() in words or verb.lower_ in words):
            signals.append(verb)  # "ties deteriorated", "they upgraded their ties"
        if tok.dep_ in SUBJECT_DEPS:  # "relations are marked by rivalry"
            signals += [
                o for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                for o in c.children if o.dep_ == "pobj" and (o.lemma_.lower() in words or o.lower_ in words)
            ]
        if not signals:
            return
        kind = words.get(signals[0].lower_) or words[signals[0].lemma_.lower()]
        polarity = "-" if _negated(tok, sent) or any(_negated(s, sent) for s in signals if s.pos_ == "VERB") else "+"
        between = self.between(tok)
        pair = self.states.of_tokens(between) if between else self.own_pair(tok, sent)
        tokens = [tok, *signals, *between, *tok.doc[tok.left_edge.i : tok.i]]
        if len(pair) < 2:
            objects = self.prep_objects(tok, ("with",))
            poss, _mods = self.left_window(tok)
            owner = self.states.of_tokens(poss) or (self.subject_side(tok, sent, False) if tok.dep_ not in SUBJECT_DEPS else [])
            others = self.states.of_tokens(objects)
            if owner and others:
                pair = [owner[0], *[s for s in others if s != owner[0]]]
                tokens += objects
            elif len(owner) >= 2 and not objects:  # "X and Y have upgraded their ties"
                pair = owner
        if len(pair) < 2 and not between and not self.prep_objects(tok, ("with",)):
            # "Lee met Xi to mend strained relations": a sentence about exactly two states names the pair
            in_sentence = self.states.of_tokens(sent, persons=True)
            if len(in_sentence) == 2:
                pair = in_sentence
        self.every_pair(kind, pair[:2], polarity, tokens, sent)

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
        self.pairs(self.words.presence_type, (owner[:1], hosts[:1]), "-" if _negated(tok, sent) else "+", tokens, sent)

    def sentence(self, sent: Span) -> None:
        words = self.words
        for tok in sent:
            lemma = tok.lemma_.lower()
            low = tok.lower_
            self.evidence_tokens = []
            cue = words.cues.get(lemma) or words.cues.get(low)
            if cue is not None and tok.dep_ in ("amod", "compound") and self.states.of_token(tok.head):
                self.title(tok, cue, sent)
            elif cue is not None and (not cue.pos or tok.pos_ in cue.pos):
                self.cue(tok, cue, sent)
            for phrase in words.phrases:
                if lemma == phrase.verb and tok.pos_ == "VERB":
                    self.phrase(tok, phrase, sent)
            if low in words.relationship_nouns or lemma in words.relationship_nouns:
                self.relationship(tok, sent)
            if lemma in words.presence_verbs and tok.pos_ == "VERB":
                self.presence(tok, sent)


def relations_in(ctx: DocContext) -> list[Relation]:
    finder = Finder(ctx)
    for sent in ctx.doc.sents:
        finder.sentence(sent)
    return finder.found


def run(ctx: DocContext) -> None:
    ctx.result.relations.extend(relations_in(ctx))
