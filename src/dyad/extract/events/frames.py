"""Frame conditions of the trigger lexicon: whether `key=value` holds on a token, and what it absorbs.

A condition names a slot of the trigger (its object, particle, complement,
a preposition's object ...) and the words allowed there. A value `*` takes
anything; `@actor` takes a word that names an actor, `@state` one that names
a state ("received **Lee**", "concern over **China's** build-up"); a key
ending in `!` ("mod!=charm") holds when no listed word is in the slot. The
table of keys is in the header of cameo_triggers.yaml and in
docs/data-events.md.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from dyad.extract.common.arrays import children, deps, memo
from dyad.extract.common.doccache import lemma_lowers, lowers, once
from dyad.extract.events.codes import role_words

WILDCARD = "*"
ACTOR, STATE = "@actor", "@state"
OBJECT_DEPS = ("dobj", "obj", "dative")
MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod")
RELATIVE_PRONOUNS = ("who", "which", "that", "whom")
MEASURE_NOUNS = frozenset({"age", "ages"})  # "girls ages 12 and older" is parsed as girls modifying "ages"

# the state a word stands for ("" for an actor with none), None when it names no actor
Actors = Callable[[Token], str | None]


def _noun_infinitive(tok: Token) -> bool:
    """The infinitive a noun governs, its complement as a verb's xcomp is: "its reluctance **to endorse**"."""
    return (tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and tok.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def _bare_infinitive(tok: Token) -> bool:
    """A complement the parser calls a clause though it is an infinitive after an object: "helped Peru
    build a port", "expects Peru to honor the accord" (not "said Peru would build")."""
    return tok.dep_ == "ccomp" and tok.tag_ == "VB" and not any(
        c.dep_ == "mark" or (c.dep_ == "aux" and c.lower_ != "to") for c in tok.children)


def _object_infinitive(tok: Token) -> bool:
    """An infinitive the parser hangs on a verb of asking as a clause of purpose, though it says what the
    object is asked to do: "persuading Beijing **to lift** the curbs"."""
    verb = tok.head
    return (tok.dep_ == "advcl" and tok.tag_ == "VB" and verb.lemma_.lower() in role_words().object_control_verbs
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and any(c.dep_ in OBJECT_DEPS and c.i < tok.i for c in verb.children))


def complements(token: Token) -> list[Token]:
    """The open complement of a verb ("urged X **to meet**"), or of a noun ("its reluctance **to endorse**")."""
    return [c for c in token.children
            if c.dep_ == "xcomp" or _bare_infinitive(c) or _noun_infinitive(c) or _object_infinitive(c)]


def objects(token: Token) -> list[Token]:
    """The objects of a trigger (a fresh list: callers add to it), read once per word of the document."""
    known = memo(token.doc, "frame_objects")
    found = known.get(token.i)
    if found is None:
        found = known[token.i] = _objects(token)
    return list(found)


def _objects(token: Token) -> list[Token]:
    doc = token.doc
    kids, labels, lows = children(doc), deps(doc), lowers(doc)
    own = kids[token.i]
    objs = [doc[c] for c in own if labels[c] in OBJECT_DEPS or labels[c] == "nsubjpass"]
    # "called Pakistan's assertions baseless": the parser may take the object for a predicate
    objs = objs or [t for c in own if labels[c] == "oprd" and (t := doc[c]).pos_ in ("NOUN", "PROPN")]
    if labels[token.i] == "acl" and token.tag_ == "VBN":  # "a ban imposed by X": the head noun is the object
        objs.append(token.head)
    if labels[token.i] == "relcl" and not objs and any(  # "the weapons Russia has used": the noun is the object
        labels[c] == "nsubj" and lows[c] not in RELATIVE_PRONOUNS for c in own
    ):
        objs.append(token.head)
    # "sought another round of talks": the noun inside a quantity phrase counts as the object
    objs += [doc[g] for o in list(objs) for c in kids[o.i] if labels[c] == "prep" and lows[c] == "of"
             for g in kids[c] if labels[g] == "pobj"]
    # "barred girls ages 12 and older": the parser may make the plural object a compound of a measure noun
    lemmas = lemma_lowers(doc)
    objs += [t for o in list(objs) if lemmas[o.i] in MEASURE_NOUNS for c in kids[o.i]
             if labels[c] == "compound" and (t := doc[c]).tag_ in ("NNS", "NNPS")]
    return objs


def copula(token: Token) -> list[Token]:
    """The verb a predicate adjective completes, whose phrases the parser may hang there ("is tough **on** X")."""
    return [token.head] if token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.pos_ in ("AUX", "VERB") else []


def _temporal(doc: Doc, prep: int) -> bool:
    """A prepositional phrase of time ("on Sunday"), which frames no event."""
    labels = deps(doc)
    return any(doc[g].ent_type_ in ("DATE", "TIME") for g in children(doc)[prep] if labels[g] == "pobj")


def _nominal_preps(token: Token) -> list[Token]:
    """Prepositions with a nominal, non-temporal object ("in Seoul", not "in issuing", not "on Sunday")."""
    doc = token.doc
    kids, labels = children(doc), deps(doc)
    return [doc[c] for c in kids[token.i] if labels[c] in ("prep", "agent", "dative") and not _temporal(doc, c)
            and any(labels[g] == "pobj" for g in kids[c])]


def _prep_objects(token: Token, prep: str) -> list[Token]:
    doc = token.doc
    kids, labels, lows = children(doc), deps(doc), lowers(doc)
    out = []
    for c in kids[token.i]:
        if labels[c] in ("prep", "agent", "dative") and lows[c] == prep:
            out += [doc[g] for g in kids[c] if labels[g] in ("pobj", "pcomp")]
    return out


def _predicates(token: Token) -> list[Token]:
    """What the object is called: "called the claims **baseless**", "dismissed it **as** false" (or "**as**
    meddling"), "held X **responsible**" (an adjective after the object or a clause of its own), "called the move a **provocation**"."""
    preds = [c for c in token.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl") and c.pos_ == "ADJ"]
    objs = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    preds += [g for h in (token, *objs) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
              for g in c.children if g.pos_ in ("ADJ", "NOUN") or g.dep_ == "pcomp"]  # "dismissed it as meddling"
    preds += [a for o in objs for a in o.children if a.dep_ == "amod" and a.i > o.i and a.pos_ == "ADJ"]
    if objs:  # a noun predicate beside an object
        preds += [c for c in token.children if c.dep_ in ("oprd", "attr") and c.pos_ == "NOUN"]
    return preds


def _owners(token: Token) -> list[Token]:
    """The possessors of a noun trigger, of a verb's objects, and of the nouns in their phrases ("concern
    over **China's** build-up")."""
    heads = [token] if token.pos_ != "VERB" else objects(token)
    heads += [g for h in [token, *heads] for c in h.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [c for h in heads for c in h.children if c.dep_ == "poss"]


def _slot(token: Token, key: str) -> tuple[list[Token], bool]:
    """The words a condition key looks at, and whether a match absorbs them."""
    if key == "prep":
        owners = [token] + ([o for o in objects(token) if o.head == token] if token.pos_ == "VERB" else [])
        owners += copula(token)
        return [c for o in owners for c in _nominal_preps(o)], False
    if key == "prt":  # the parser takes some particles for adverbs ("brought together") or prepositions ("walked out of")
        return [c for c in token.children if c.dep_ in ("prt", "advmod", "prep")], False
    if key == "obj":
        return objects(token), True
    if key == "xcomp":
        return complements(token), True
    if key == "comp":  # a clause it says, not absorbed: "suggested that Tokyo could **respond** with force"
        return [c for c in token.children if c.dep_ == "ccomp"], False
    if key == "xobj":  # the object of the complement: "threatened to end **its mediation**"
        return [o for c in complements(token) for o in objects(c)], True
    if key == "pred":
        return _predicates(token), False
    if key == "head":
        return ([token.head] if token.head != token else []), False
    if key == "owner":
        return _owners(token), False
    if key == "mod":
        owners = [token] if token.pos_ != "VERB" else objects(token)
        mods = [c for o in owners for c in o.children if c.dep_ in MODIFIER_DEPS]
        mods += [g for m in list(mods) for g in m.children if g.dep_ in MODIFIER_DEPS]  # "military-related"
        return mods, False
    # any other key is a preposition whose object must be listed ("closer **to** X": on the verb's particle too)
    found = _prep_objects(token, key) or [g for o in objects(token) for g in _prep_objects(o, key)]
    found = found or [g for c in token.children if c.dep_ in ("advmod", "prt") for g in _prep_objects(c, key)]
    return found, True


def _slots(doc: Doc) -> dict[tuple[int, str], tuple[list[Token], bool]]:
    return {}


def slot(token: Token, key: str) -> tuple[list[Token], bool]:
    """`_slot`, read once per word and key of the document: the lexicon tries many entries of one word, each
    with its conditions on the same few slots (the parse does not change while the stages run)."""
    held: dict[tuple[int, str], tuple[list[Token], bool]] = once(token.doc, "frame_slots", _slots)
    found = held.get((token.i, key))
    if found is None:
        found = held[token.i, key] = _slot(token, key)
    return found


def check(token: Token, key: str, values: frozenset[str], actors: Actors | None = None) -> tuple[int, list[int]] | None:
    """Score of one condition on the token (2 exact, 1 wildcard, 0 a negative condition) and the tokens it
    absorbs, or None when it does not hold."""
    negative = key.endswith("!")
    candidates, absorb = slot(token, key.rstrip("!"))
    lemmas, lows = lemma_lowers(token.doc), lowers(token.doc)
    for c in candidates:
        if WILDCARD in values:
            score = 1
        elif lemmas[c.i] in values or lows[c.i] in values:
            score = 2
        elif actors is not None and (ACTOR in values or STATE in values) and (named := actors(c)) is not None:
            if STATE in values and not named:
                continue
            score = 2
        else:
            continue
        return None if negative else (score, [c.i] if absorb else [])
    return (0, []) if negative else None
