"""Events carried by what one party says to or about another.

- **Undergoing.** A verb whose subject undergoes what its object names
  (`undergo_verbs`: "face", "risk") is done *to* its subject. Its source is a
  "from/by" phrase ("faces sanctions from Ottawa"), else whoever asks, warns or
  says the clause it sits in: "urged Russia to accept a ceasefire **or face**
  sanctions" is a threat to Russia by those who urged it, as true as the urging.
- **Threats said.** Saying what one will or could do to another is a threat
  (CAMEO 13, `threats` in cameo_roles.yaml): "Ottawa said it would impose
  tariffs on Mexican steel" threatens Mexico, as true as the saying, besides the
  tariffs it would impose. The coercive act must be the speaker's own: "Chile
  said Peru would impose tariffs" threatens nobody.
- **One's own act said to be needed.** A party saying its own cooperative act
  must or should happen expresses the intent to do it (`intent_codes`, as
  true as the saying): "Berlin said talks with Beijing must continue" is 036.
- **Offers refused.** Refusing another's offer says the offer was made
  (`_offered_nouns` under a `_refusing_verbs` verb): "Tehran rejected
  Washington's offer of talks" is an offer of talks by Washington to Tehran
  besides the rejection; one's own offer withdrawn is no offer.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.events.codes import role_words, roots
from dyad.extract.events.lexicon import word_lists
from dyad.extract.events.modality import cues
from dyad.extract.events.roles import Roles
from dyad.extract.events.syntax import SUBJECT_DEPS, pobjs, verb_objects, verb_subjects
from dyad.extract.parties import Party, PartyResolver, unique
from dyad.extract.parties.words import party_words

# how a clause hangs on the verb that says or asks it
CLAUSE_DEPS = frozenset({"conj", "xcomp", "ccomp", "advcl"})
# how an act hangs on the clause a verb of saying says: "said it would impose", "said it was ready to strike"
SAID_DEPS = frozenset({"conj", "xcomp", "acomp"})


def speaking_verb(verb: Token) -> Token | None:
    """The verb of asking, warning or saying that a clause hangs on ("urged X to act or **face** ...")."""
    asking = role_words().object_control_verbs | party_words().reporting_verbs
    tok = verb
    for _ in range(6):
        if tok.dep_ not in CLAUSE_DEPS or tok.head == tok:
            return None
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in asking:
            return tok
    return None


def undergo_roles(verb: Token, idx: PartyResolver) -> tuple[Roles, Token]:
    """Source and target of an undergoing verb, and the word whose modality the event takes."""
    targets = [p for s in verb_subjects(verb) for p in idx.parties(s)]
    heads = [verb, *verb_objects(verb)]
    sources = [p for h in heads for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
               for g in pobjs(c) for p in idx.parties(g)]
    anchor = verb
    if not sources and (said := speaking_verb(verb)) is not None:
        sources = [p for c in said.children if c.dep_ in SUBJECT_DEPS for p in idx.parties(c)]
        anchor = said
    own = {p.key for p in sources} | {p.state for p in sources if p.state}
    return Roles(unique(sources), unique([t for t in targets if t.key not in own and t.state not in own]), []), anchor


def threat_code(code: str) -> str | None:
    """The threat code of a threatened act's code or root, None for an act that threatens nobody."""
    codes = role_words().threat_codes
    return codes.get(code) or codes.get(code[:2])


def saying_verb(trigger: Token) -> Token | None:
    """The verb of saying whose content clause the trigger is the act of ("said it **would impose**")."""
    tok = trigger
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in word_lists().get("light_verbs", frozenset()):
        tok = tok.head  # "said it would exert **pressure** on X": the light verb carries the act
    for _ in range(5):
        if tok.dep_ == "ccomp":
            said = tok.head
            return said if said.pos_ == "VERB" and said.lemma_.lower() in role_words().threat_verbs else None
        if tok.dep_ not in SAID_DEPS or tok.head == tok:
            return None
        tok = tok.head
    return None


def threatened(trigger: Token, code: str, modality: str, sources: list[Party],
               idx: PartyResolver) -> tuple[Token, str] | None:
    """(verb of saying, threat code) when the trigger is a coercive act its own speaker says it will or could
    do; None otherwise."""
    new = threat_code(code)
    if new is None or modality not in role_words().threat_modalities:
        return None
    said = saying_verb(trigger)
    if said is None:
        return None
    speakers = [p for c in said.children if c.dep_ in SUBJECT_DEPS for p in idx.parties(c)]
    own = {p.key for p in speakers} | {p.state for p in speakers if p.state}
    if not sources or not all(s.key in own or s.state in own for s in sources):
        return None
    return said, new


def refused_by(noun: Token) -> Token | None:
    """The refusing verb whose object is the noun, or the noun it modifies ("rejected his **outreach** efforts")."""
    obj = noun.head if noun.dep_ == "compound" else noun
    verb = obj.head
    if obj.dep_ != "dobj" or verb.lemma_.lower() not in word_lists().get("refusing_verbs", frozenset()):
        return None
    return verb


def offered_roles(noun: Token, idx: PartyResolver) -> Roles | None:
    """The offer a refusal answers: made by the noun's owner (or its "from" phrase) to whoever refuses it; None
    when the word is no offer refused by another."""
    if noun.lemma_.lower() not in word_lists().get("offered_nouns", frozenset()) or (by := refused_by(noun)) is None:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"] or [
        g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for g in pobjs(c)]
    if noun.dep_ == "compound":  # "his outreach efforts"
        owners += [c for c in noun.head.children if c.dep_ == "poss"]
    sources = unique([p for o in owners for p in idx.parties(o)])
    if any(p.anaphor for p in sources) and len(people_before(noun, idx)) > 1:
        return None  # "Lee will ask Xi to ..., which has ignored his offers": whose offers is not said
    refusers = unique([p for s in verb_subjects(by) for p in idx.parties(s)])
    shun = {p.state for p in refusers if p.state}
    if sources and shun and all(p.anaphor and p.state in shun for p in sources) and owners[0].pos_ == "PRON":
        # "Washington warned Iran, as Tehran rejected its offer": nobody refuses its own offer
        other = idx.other_than(owners[0], shun)
        sources = [other] if other is not None else []
    own = {p.key for p in sources} | {p.state for p in sources if p.state}
    targets = [p for p in refusers if p.key not in own and p.state not in own]
    return Roles(sources, targets, []) if sources and targets else None


def refused_offer(verb: Token, idx: PartyResolver) -> Roles | None:
    """The offer a refusing verb turns down, when its object is one ("Tehran rejected its offer")."""
    return next((r for o in verb_objects(verb) if (r := offered_roles(o, idx)) is not None), None)


def people_before(tok: Token, idx: PartyResolver) -> set[str]:
    """The people named in the word's sentence before it."""
    return {p.key for t in tok.sent if t.i < tok.i and (p := idx.at(t)) is not None and not p.anaphor
            and p.key.startswith("person:")}


def own_call(trigger: Token, code: str, modality: str, sources: list[Party],
             idx: PartyResolver) -> tuple[str, Token] | None:
    """(intent code, verb of saying) when a party says its own cooperative act must or should happen; None
    otherwise."""
    new = code if code[:2] in roots().intent else cues().intent_codes.get(code[:2])
    if new is None or modality not in ("demanded", "desired") or not sources:
        return None
    said = next((a for a in trigger.ancestors if a.pos_ == "VERB" and a.lemma_.lower() in party_words().reporting_verbs), None)
    if said is None or not any(c.dep_ == "ccomp" and trigger in c.subtree for c in said.children):
        return None
    speakers = [p for c in said.children if c.dep_ in SUBJECT_DEPS for p in idx.parties(c)]
    own = {p.key for p in speakers} | {p.state for p in speakers if p.state}
    return (new, said) if all(s.key in own or s.state in own for s in sources) else None
