"""The parse as the role reader needs it.

A verb's subjects (borrowed from above when it has none), its objects, its
prepositional objects, passives and conjuncts.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyad.extract.common.arrays import children, deps
from dyad.extract.common.doccache import lowers
from dyad.extract.events.codes import role_words
from dyad.extract.parties.speakers import quoted

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SUBJECT_DEPS = ("nsubj", "csubj")
MODIFIER_DEPS = ("compound", "amod", "nmod")
OWNER_DEPS = ("poss",)


def conjuncts(tok: Token) -> list[Token]:
    """The words conjoined to this one, each followed by its own conjuncts."""
    doc = tok.doc
    return [doc[i] for i in conjunct_indices(doc, tok.i)]


def conjunct_indices(doc: Doc, i: int) -> list[int]:
    kids, labels = children(doc), deps(doc)
    out: list[int] = []
    for k in kids[i]:
        if labels[k] == "conj":
            out.append(k)
            out += conjunct_indices(doc, k)
    return out


def pobjs(prep: Token) -> list[Token]:
    doc = prep.doc
    labels = deps(doc)
    return [doc[g] for g in children(doc)[prep.i] if labels[g] in ("pobj", "pcomp")]


def preps(tok: Token, words: frozenset[str]) -> list[Token]:
    doc = tok.doc
    kids, labels, lows = children(doc), deps(doc), lowers(doc)
    return [doc[g] for c in kids[tok.i] if labels[c] in ("prep", "dative") and lows[c] in words
            for g in kids[c] if labels[g] in ("pobj", "pcomp")]


def is_passive(verb: Token) -> bool:
    labels = deps(verb.doc)
    return any(labels[c] in ("nsubjpass", "auxpass") for c in children(verb.doc)[verb.i])


def verb_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Role heads of a verb's source, borrowed from above when it has none of its own."""
    if depth > 4:
        return []
    doc = verb.doc
    kids, labels = children(doc), deps(doc)
    agents = [doc[g] for c in kids[verb.i] if labels[c] == "agent" for g in kids[c] if labels[g] in ("pobj", "pcomp")]
    if agents:
        return agents
    subj = [doc[c] for c in kids[verb.i] if labels[c] in SUBJECT_DEPS]
    if subj:
        if subj[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        if verb.dep_ == "relcl" and any(g.lower_ in ("whom", "which") for c in subj[0].children
                                        if c.dep_ == "prep" and c.lower_ == "of" for g in pobjs(c)):
            return [verb.head]  # "demonstrators, some of whom threw rocks": some of the demonstrators
        return subj
    if is_passive(verb):
        return []
    head, dep = verb.head, verb.dep_
    if head == verb:
        return []
    if dep == "ccomp" and head.lemma_.lower() in role_words().clause_verbs:
        named = [c for c in head.children if c.dep_ == "dobj" and c.pos_ == "PROPN" and head.i < c.i < verb.i]
        if named:  # "a source said Ankara in recent years imposed controls": the parser's object is the subject
            return named
    if dep in ("csubj", "csubjpass"):
        # "persuading Beijing is high on Lee's agenda", "sanctioning X was Y's choice": whose the goal is
        return [o for t in head.subtree if t.dep_ == "poss" and not (verb.left_edge.i <= t.i <= verb.right_edge.i)
                and t.head.dep_ in ("pobj", "attr") for o in (t,)][:1]
    if dep == "xcomp":
        if head.dep_ == "acl" and head.tag_ == "VBN":
            return []  # "a meeting requested by X to discuss": the meeting discusses, not those who asked for it
        if is_passive(head):  # "Lee is set to meet", "Seoul is expected to reassure"
            passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
            if passive_subj:
                return passive_subj
        if head.lemma_.lower() in role_words().object_control_verbs:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            objs += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for g in pobjs(c)]
            if objs:
                return objs
        return verb_subjects(head, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        return verb_subjects(head, depth + 1)
    if dep in ("acomp", "oprd") and verb.pos_ == "ADJ":  # "Russia appears ready to invade": via the adjective
        return verb_subjects(head, depth + 1)
    if dep == "relcl":
        return [head]
    if dep == "acl" and verb.tag_ != "VBN":
        # "Beijing's effort to strengthen", "announced plans to roll out": the noun, then its verb's subject
        above = verb_subjects(head.head, depth + 1) if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB" else []
        return [head, *above]
    participle = verb.tag_ in ("VBG", "VBN") or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if dep in ("advcl", "pcomp") and participle and head.pos_ in ("VERB", "AUX"):
        if quoted(verb) and not quoted(head):
            return []  # 'as X put it: "deepening Russian-Korean ties ..."': the quotation's words are not X's acts
        return verb_subjects(head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if head.lower_ in ("of", "for") and governor.lemma_.lower() in role_words().judged_doer_verbs:
            doers = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
            if doers:  # "accused Pyongyang of sending troops": Pyongyang sent them
                return doers
        if governor.pos_ in ("VERB", "AUX") and is_passive(governor):  # "Suga's visit is aimed at boosting ties"
            return [c for c in governor.children if c.dep_ == "nsubjpass"]
        if governor.pos_ == "ADJ" and governor.dep_ in ("acomp", "oprd") and governor.lower_ in role_words().doer_adjectives:
            return verb_subjects(governor.head, depth + 1)  # "X remains committed to defending Y": X defends Y
        return verb_subjects(governor, depth + 1) if governor.pos_ in ("VERB", "AUX") else []
    return []


def shared_objects(verb: Token) -> list[Token]:
    """The object a verb shares with its alternative joined right after it: "threatened to **close or suspend**
    U.S. operations" closes them too ("backfired and fueled anger" names no object of the backfiring)."""
    if any(c.dep_ in ("prep", "prt", "ccomp", "xcomp") for c in verb.children):
        return []
    nxt = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i == verb.i + 2
           and verb.doc[verb.i + 1].lower_ == "or"]
    return [o for c in nxt for o in c.children if o.dep_ in ("dobj", "obj")]


def verb_objects(verb: Token) -> list[Token]:
    doc = verb.doc
    kids, labels, lows = children(doc), deps(doc), lowers(doc)
    objs = [doc[c] for c in kids[verb.i] if labels[c] in ("dobj", "dative", "obj")]
    # "called Pakistan's assertions baseless": the parser may take the object for a predicate
    objs = objs or [t for c in kids[verb.i] if labels[c] == "oprd" and (t := doc[c]).pos_ in ("NOUN", "PROPN")]
    if is_passive(verb):
        undergoing = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "relcl" and undergoing and all(c.lower_ in RELATIVE_PRONOUNS for c in undergoing):
            # "the plan, which is backed by X": the plan; "the proposal of a truce that X backs": the proposal too
            head = verb.head
            of = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
            undergoing = [head, of] if of is not None and of.pos_ == "NOUN" else [head]
        if not undergoing and verb.dep_ in ("xcomp", "conj") and verb.head != verb:
            # "lawmakers are likely to be angered by X", "Peru attacked Chile and was condemned by Bolivia": the
            # subject above undergoes it
            head = verb.head
            undergoing = [c for c in head.children if c.dep_ == "nsubjpass"] or verb_subjects(head)
        objs = undergoing + objs
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        objs.append(verb.head)
    # "the weapons Russia has used": a relative clause with its own subject and no object acts on its noun
    own_subject = any(labels[c] in SUBJECT_DEPS and lows[c] not in RELATIVE_PRONOUNS for c in kids[verb.i])
    if verb.dep_ == "relcl" and not objs and own_subject:
        objs.append(verb.head)
    return objs
