"""Realis and modality of an event trigger, read from the cues in its syntactic scope.

A cue governs the trigger when it sits on the trigger itself or on a word above
it up to the clause boundary: an auxiliary ("will meet"), a governing verb
("is set to meet", "urged X to lift"), a modifier ("planned visit", "never
acknowledged"), a conditional subordinator ("if China were to attack") or a
conditional frame ("in the event of an attack"). The walk stops at relative
clauses, parentheticals and adverbial clauses, which carry their own modality,
and at another event trigger above a noun ("never acknowledged the ban" does not
deny the ban). Cues are data (src/dyad/data/cameo_modality.yaml).

An attempt ("has attempted to engage", "is trying to restrict") is coded
`attempted` and stays realis: the attempt is an act toward the target that the
text asserts, though not its success; a future attempt ("will try to") is
`planned` like any other future act. A purpose infinitive ("travelled to
Pyongyang to meet Kim", "a decision to host Lee") is `desired`: the text does
not say it happened. A complement of a reporting verb ("said X attacked") is
`reported` and stays realis.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from dyad.codes import load_yaml
from dyad.extract.common.arrays import break_between, children, deps
from dyad.extract.common.doccache import lemma_lowers, lowers
from dyad.extract.events.codes import roots
from dyad.extract.events.lexicon import word_lists
from dyad.records import Modality

# when several cues govern one event, the first in this order names its modality
PRIORITY: tuple[Modality, ...] = (
    "negated",
    "conditional",
    "demanded",
    "hypothetical",
    "desired",
    "expected",
    "planned",
    "attempted",
    "reported",
    "asserted",
)
REALIS: frozenset[str] = frozenset({"asserted", "reported", "attempted"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing"})
CLAUSE_BREAKS = frozenset({"relcl", "parataxis", "appos", "advcl", "csubj", "acl:relcl", "ROOT"})


@dataclass(frozen=True)
class Cues:
    aux: dict[str, str]
    governing: dict[str, str]
    modifiers: dict[str, str]
    conditional_marks: frozenset[str]
    conditional_nouns: frozenset[str]
    conditional_preps: frozenset[str]
    future_time: frozenset[str]
    reporting: frozenset[str]
    intention_nouns: frozenset[str]
    negative_intention_nouns: frozenset[str]
    intent_verbs: frozenset[str]
    intent_codes: dict[str, str]
    evidential_verbs: frozenset[str]
    decision_nouns: frozenset[str]
    prospect_nouns: frozenset[str] = frozenset()
    goal_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cues() -> Cues:
    d = load_yaml("cameo_modality.yaml")
    return Cues(
        aux={str(k): v for k, v in d["aux"].items()},
        governing={str(k): v for k, v in d["governing"].items()},
        modifiers={str(k): v for k, v in d["modifiers"].items()},
        conditional_marks=frozenset(d["conditional_marks"]),
        conditional_nouns=frozenset(d["conditional_nouns"]),
        conditional_preps=frozenset(d["conditional_preps"]),
        future_time=frozenset(d["future_time"]),
        reporting=frozenset(d["reporting"]),
        intention_nouns=frozenset(d["intention_nouns"]),
        negative_intention_nouns=frozenset(d["negative_intention_nouns"]),
        intent_verbs=frozenset(d["intent_verbs"]),
        intent_codes={str(k): str(v) for k, v in d["intent_codes"].items()},
        evidential_verbs=frozenset(d.get("evidential_verbs") or []),
        decision_nouns=frozenset(d.get("decision_nouns") or []),
        prospect_nouns=frozenset(d.get("prospect_nouns") or ()),
        goal_nouns=frozenset(d.get("goal_nouns") or ()),
    )


@dataclass(frozen=True)
class ModalityReading:
    modality: Modality
    realis: bool
    negated: bool
    cue: str | None = None  # the word that decided it


def _local(tok: Token, c: Cues) -> list[tuple[str, str]]:
    """(modality, cue word) found on the token's own dependents."""
    doc = tok.doc
    kids, labels, lows, lemmas = children(doc), deps(doc), lowers(doc), lemma_lowers(doc)
    found: list[tuple[str, str]] = []
    for k in kids[tok.i]:
        low, lemma, dep = lows[k], lemmas[k], labels[k]
        if dep in ("aux", "auxpass") and low in c.aux:
            found.append((c.aux[low], low))
        elif (dep == "neg" or (low in NEGATIONS and dep in ("advmod", "det", "neg", "preconj"))) and not (
            _not_only(lows, k)
        ):
            found.append(("negated", low))
        elif dep == "mark" and low in c.conditional_marks:
            found.append(("conditional", low))
        elif dep in ("advmod", "amod", "acomp", "npadvmod") and (low in c.modifiers or lemma in c.modifiers):
            found.append((c.modifiers.get(low) or c.modifiers[lemma], low))
        if dep in ("amod", "advmod"):  # "potentially enhanced cooperation"
            for g in kids[k]:
                if labels[g] == "advmod" and lows[g] in c.modifiers:
                    found.append((c.modifiers[lows[g]], lows[g]))
    return found


def _not_only(lows: list[str], k: int) -> bool:
    """"not only X but also Y" adds, it does not deny (`lows`: the document's lower-case words)."""
    return lows[k] == "not" and k + 1 < len(lows) and lows[k + 1] in ("only", "merely", "just")


def _governing(head: Token, c: Cues) -> tuple[str, str] | None:
    lemma = head.lemma_.lower()
    if lemma in c.governing:
        return c.governing[lemma], lemma
    if head.lower_ in c.governing:
        return c.governing[head.lower_], head.lower_
    return None


def across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a paragraph break lies between two tokens: a headline parsed into the body's first
    sentence lends it no cue."""
    lo, hi = sorted((a.i, b.i))
    return break_between(a.doc, lo, hi)


def reading(trigger: Token, other_triggers: Collection[int] = ()) -> ModalityReading:
    """Walk from the trigger up to its clause boundary collecting cues."""
    c = cues()
    found: list[tuple[str, str]] = list(_local(trigger, c))
    tok = trigger
    for _ in range(12):  # clauses are shallow; the bound only guards odd parses
        dep, head = tok.dep_, tok.head
        if tok is trigger and dep == "amod" and tok.tag_ == "VBN":
            break  # "urged X to accept a U.S.-proposed ceasefire": a participle before its noun tells a done act
        if tok.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in tok.children) and (
            dep == "advcl" or (dep == "acl" and head.lemma_.lower() in c.intention_nouns)
        ):
            found.append(("desired", "to"))  # a purpose or intention, not an event the text asserts
        if dep == "acl" and head.lemma_.lower() in c.negative_intention_nouns:
            found.append(("negated", head.lemma_.lower()))
        if dep == "advcl" and tok.tag_ in ("VBG", "VBN") and not any(
            ch.dep_ in ("nsubj", "nsubjpass", "mark") and ch.lower_ not in ("before", "after", "while") for ch in tok.children
        ):
            found += _local(head, c)  # "will meet X before travelling to Y": the participle shares the main verb's time
        if dep in ("csubj", "csubjpass") and any(t.lemma_.lower() in c.goal_nouns for t in head.subtree
                                                 if not tok.left_edge.i <= t.i <= tok.right_edge.i):
            found.append(("desired", "goal"))  # "persuading Beijing is high on Lee's agenda": a goal, not a fact
        if head == tok or dep in CLAUSE_BREAKS or across_paragraphs(tok, head):
            break
        if dep == "conj" and any(ch.dep_ in ("nsubj", "nsubjpass") for ch in tok.children):
            break  # a conjoined clause with its own subject has its own modality
        if dep == "nsubj" and head.lemma_.lower() in c.evidential_verbs:
            break  # "its engagement in talks may suggest a shift": what suggests is a fact, whatever it suggests
        if dep == "ccomp":
            if head.lemma_.lower() in c.reporting:
                found.append(("reported", head.lemma_.lower()))
            else:
                gov = _governing(head, c)
                if gov:
                    found.append(gov)
            break
        if dep in ("xcomp", "nsubjpass", "pcomp") or (dep == "pobj" and head.dep_ == "prep"):
            gov = _governing(head, c)
            if gov and dep in ("xcomp", "nsubjpass"):
                found.append(gov)
        if dep in ("pobj", "pcomp") and head.dep_ == "prep":
            prep = head
            if prep.lower_ in c.conditional_preps:
                found.append(("negated", prep.lower_))
            owner = prep.head
            if owner.lemma_.lower() in c.conditional_nouns and owner.dep_ == "pobj" and owner.head.lower_ == "in":
                found.append(("conditional", f"in {owner.lower_} of"))
            gov = _governing(owner, c)
            if gov and (gov[0] == "negated" or owner.pos_ == "ADJ"):  # "refrained from joining", "ready for talking"
                found.append(gov)
            if prep.lower_ == "for" and owner.lemma_.lower() in c.prospect_nouns:
                found.append(("hypothetical", owner.lower_))  # "fertile ground for cooperation"
        # talks that discuss sanctions do not impose them: a weighing verb governs a measure with no owner of its
        # own even when the verb is itself an event ("discussed Beijing's aid" is aid Beijing gives)
        weighing = head.lemma_.lower() in word_lists().get("weighing_verbs", frozenset()) and not any(
            ch.dep_ == "poss" for ch in trigger.children)
        if dep == "dobj" and (head.i not in other_triggers or weighing):
            gov = _governing(head, c)
            if gov:  # "needs Chinese cooperation", "expect increased cooperation"
                found.append(gov)
        if trigger.pos_ == "NOUN" and head.i in other_triggers and dep in ("dobj", "pobj", "nsubjpass", "attr", "prep"):
            break  # the noun is the object of another event, which does not scope over it
        tok = head
        if dep == "pobj" and tok.dep_ == "prep":
            continue
        found += _local(tok, c)
    if not found:
        return ModalityReading("asserted", True, False)
    negated = any(m == "negated" for m, _ in found)
    modality, cue = min(found, key=lambda f: PRIORITY.index(f[0]) if f[0] in PRIORITY else len(PRIORITY))
    return ModalityReading(modality, modality in REALIS, negated, cue)  # type: ignore[arg-type]


def is_past(trigger: Token) -> bool:
    """Whether the trigger (or the verb governing a noun trigger) is in a past tense."""
    tok = trigger
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            auxes = [ch for ch in tok.children if ch.dep_ in ("aux", "auxpass")]
            if tok.tag_ == "VBD" or any(ch.tag_ == "VBD" for ch in auxes):
                return True
            # "has visited" is past; a bare participle ("the fallout expected from") is not
            return tok.tag_ == "VBN" and any(ch.lemma_ == "have" for ch in auxes)
        if tok.head == tok:
            break
        tok = tok.head
    return False


def intent_code(trigger: Token, code: str) -> tuple[str, Token] | None:
    """("036", governing verb) when a cooperative trigger sits under a verb of wanting or trying."""
    c = cues()
    new = code if code[:2] in roots().intent else c.intent_codes.get(code[:2])
    if new is None or trigger.dep_ != "xcomp" or trigger.pos_ != "VERB":
        return None
    head = trigger.head
    if head.lemma_.lower() in c.intent_verbs:
        return new, head
    return None
