"""Clause structure the relations component reads: subjects, conjuncts, controllers, denials."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.extract.relations.states import RELATIVE
from dyad.extract.relations.words import relation_words

COPULA_DEPS = frozenset({"attr", "acomp", "oprd"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
COPULAS = frozenset({"be", "remain", "become", "seem", "stay"})
QUANTIFIERS = frozenset({"one", "some", "several", "many", "most", "two", "three", "four", "five"})


def lifted(tok: Token) -> Token:
    """The word that takes a cue's place in its clause: "one" in "X is one of Y's backers", else the cue."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in QUANTIFIERS:
        return tok.head.head
    return tok


def among_copula(tok: Token) -> Token | None:
    """The copula of "X is among Y's backers", whose subject the cue describes."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.head.lemma_.lower() in COPULAS:
        return tok.head.head
    return None


def conjuncts(tok: Token) -> list[Token]:
    """The token and its conjuncts, in text order (walked with a stack: parses can be deep)."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None and subj.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head  # "the United States, which supports Taiwan"
    return subj


def clause_subject(tok: Token, sent: Span) -> Token | None:
    """The subject of the nearest clause above the token that has one."""
    node = tok
    for _ in range(len(sent)):
        if node.pos_ in ("VERB", "AUX") and node is not tok:
            subj = subject(node) or object_controller(node)
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


def object_controller(verb: Token) -> Token | None:
    """The object that controls an infinitive: "called on China to cease X", "urged Japan to protect Y"."""
    if verb.dep_ not in ("xcomp", "advcl", "ccomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if head.lemma_.lower() not in relation_words().object_control:
        return None  # "courts island states to counter X": a purpose, the subject's
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None:
        on = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "on" and c.i < verb.i), None)
        obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    return obj


def controller(verb: Token) -> Token | None:
    """A verb's subject, or for "to counter ..." the subject of the verb it completes or serves
    ("Australia courts island states to counter China's reach": Australia), or the object that
    controls it ("called on China to cease ..."), or for "the need to protect Y" the subject of
    the clause that has the need ("Ishiba sees the need to protect Taiwan")."""
    node = verb
    for _ in range(3):
        subj = subject(node) or object_controller(node)
        if subj is not None:
            return subj
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ == "acl" and infinitive and node.head.dep_ in ("dobj", "attr") and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head  # "sees the need to protect Y": the subject of "sees"
            continue
        if node.dep_ not in ("xcomp", "advcl") or not infinitive or node.head is node:
            return None
        node = node.head
    return None


def listed(tok: Token) -> list[Token]:
    """A noun and the members of the list it heads: its conjuncts, and an apposition that is a
    place name or goes on the list ("Vietnam, the Philippines and Brunei": the parser may take
    "the Philippines" for an apposition of Vietnam)."""
    out: list[Token] = []
    seen: set[int] = set()
    heads = [tok]
    while heads:  # a stack, not recursion: a list may nest appositions in conjuncts
        for t in conjuncts(heads.pop()):
            if t.i in seen:
                continue
            seen.add(t.i)
            out.append(t)
            heads += [c for c in t.children if c.dep_ == "appos" and (c.ent_type_ == "GPE" or any(g.dep_ == "conj" for g in c.children))
                      and not any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)]  # "Y, a U.S. ally": a description
    return sorted(out, key=lambda t: t.i)


def phrase_tokens(tok: Token) -> list[Token]:
    """A subject with its conjuncts but without relative clauses or appositions."""
    out = []
    for t in listed(tok):
        out.append(t)
        out.extend(x for x in t.subtree if x.i < t.i and x.dep_ not in ("relcl", "appos"))
        out.extend(x for c in t.children if c.dep_ == "compound" and c.i > t.i for x in c.subtree)
    return out


def denied_by(node: Token) -> bool:
    neg = relation_words().negations
    for child in node.children:
        if node.pos_ not in ("VERB", "AUX") and child.i > node.i and any(
                c.dep_ in ("appos", "conj") and c.i > child.i for c in node.children):
            continue  # "a partner, not a rival": the word denies what follows it (a clause joined on is no such)
        if child.dep_ == "neg" or (child.lower_ in neg and child.dep_ in ("det", "advmod", "neg", "preconj")):
            return True
        if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
    return False


def negated(tok: Token, sent: Span) -> bool:
    """Whether the cue is denied: by its own words, or by the verb it is the complement or object of."""
    if denied_by(tok):
        return True
    if tok.dep_ in ("appos", "conj") and any(c.dep_ == "neg" and tok.head.i < c.i < tok.i for c in tok.head.children):
        return True  # "as a partner, not a rival"
    words = relation_words()
    if tok.pos_ == "VERB" and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in words.refusals:
        return True  # "refuses to take sides", "declined to back Y"
    holder = tok.head if tok.dep_ == "dobj" and tok.head.lemma_.lower() in words.holding_verbs else None
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.lemma_.lower() in words.holding_states:
        holder = tok.head.head
    if holder is not None and denied_by(holder):
        return True  # "X and Y do not have a dispute", "are no longer at odds"
    node = tok
    if node.dep_ == "conj" and node.head.dep_ in COPULA_DEPS:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "as":
        node = node.head
    if node.dep_ in COPULA_DEPS or (node.dep_ == "prep" and node.lower_ == "as"):
        verb = node.head
        if denied_by(verb):
            return True
        if verb.dep_ in ("xcomp",) and denied_by(verb.head):
            return True
    return False


def describes(tok: Token) -> bool:
    """Whether a noun cue describes its clause's subject or the noun it is in apposition to ("X is one of
    Y's backers", "X is among Y's allies" too)."""
    first = lifted(tok)
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return first.dep_ in COPULA_DEPS or first.dep_ == "appos" or among_copula(first) is not None
