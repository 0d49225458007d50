"""Who did it and to whom: source and target of an event trigger, read from the parse.

Verbs: the subject (or the "by" agent of a passive) is the source; the direct
object, then a "with/to/against/on/at/toward/into/for" phrase, then an actor
attached to the object ("restrict China's access") is the target. A verb with no
subject of its own borrows one: an open complement from its governing verb
("Lee is set to meet", "urged China to lift" gives China), a relative clause
from the noun it modifies ("Lee, who arrived in Beijing"), a conjoined verb from
its first conjunct.

Event nouns ("Beijing's ban on X", "held talks with Y") are read in `nominal`,
with the helpers here.

Which actor each word stands for is the shared party resolver's business
(extract/parties); the codes whose roles read differently (symmetric,
locative, content, holder, topic) are data (cameo_roles.yaml, through `codes`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dyad.extract.events.codes import is_locative, is_symmetric, roots
from dyad.extract.events.frames import copula
from dyad.extract.events.lexicon import matches, word_lists
from dyad.extract.events.syntax import (
    MODIFIER_DEPS,
    OWNER_DEPS,
    SUBJECT_DEPS,
    conjuncts,
    is_passive,
    pobjs,
    preps,
    shared_objects,
    verb_objects,
    verb_subjects,
)
from dyad.extract.parties import Party, PartyResolver, unique
from dyad.extract.parties.anaphora import previous_sentence

TARGET_PREPS = frozenset({"with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "for", "onto"})
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "over"}
LOCATIVE_PREPS = frozenset({"in", "at"})
PARTICLE_WORDS = frozenset({"out", "away", "closer", "nearer"})
DONE_TO_PREPS = frozenset({"on", "against", "to", "upon"})
GROUP_PREPS = frozenset({"between", "among", "amongst"})
CONTENT_PREPS = frozenset({"of", "about", "over"})
# a visit or talks framing a clause in time or place: the clause's subject made them
FRAME_PREPS = frozenset({"during", "following", "after", "in", "at"})  # "X was locked in a standoff with Y"
OTHER_SIDE_PREPS = frozenset({"from"})
PROTEST_PREPS = frozenset({"outside", "near", "before"})
# what talks are about is no party of them: "talks on Ukraine", "a meeting about trade"
TOPIC_PREPS = frozenset({"on", "about", "over", "for", "at", "into", "upon", "onto", "of"})  # "recalled its ambassador from X", "withdrew from the talks with X"


@dataclass
class Roles:
    sources: list[Party]
    targets: list[Party]
    group: list[Party]  # parties named together ("talks between X and Y")


def doc_head(party: Party, head: Token) -> bool:
    """Whether the party's token hangs directly on the role head (a modifier, owner or apposition of it)."""
    tok = head.doc[party.token]
    return tok.head == head or (tok.dep_ == "conj" and tok.head.head == head)


def first_parties(heads: list[Token], idx: PartyResolver) -> list[Party]:
    """The actors of the first role head that names any."""
    for h in heads:
        found = idx.parties(h)
        if found:
            return found
    return []


def verb_roles(verb: Token, code: str, idx: PartyResolver, absorbed: Sequence[Token] = ()) -> Roles:
    root = code[:2]
    subjects = verb_subjects(verb)
    sources = first_parties(subjects, idx)
    if code in roots().locative_codes:
        # who travels is named by the subject itself, not by what it is made of ("a batch of China's vaccine arrived")
        sources = [p for p in sources if p.anaphor or any(p.token == h.i or doc_head(p, h) for h in subjects)]
    objs = verb_objects(verb)
    if not objs and not is_passive(verb):  # "threatened to close or suspend X": either act is on X
        objs = shared_objects(verb)
    if verb.lemma_.lower() in word_lists().get("topic_verbs", frozenset()):
        objs = []  # "discuss Iran's programme" is no meeting with Iran
    symmetric = is_symmetric(code)
    pobj_heads = preps(verb, TARGET_PREPS - TOPIC_PREPS if symmetric else TARGET_PREPS)
    held = [x for o in objs for x in (o, *conjuncts(o))]  # "fired gas, bullets and grenades at X"
    groups: list[list[Party]] = [
        [p for o in objs for p in idx.parties(o)],
        [p for o in pobj_heads for p in idx.parties(o)],
        # "criticized sanctions on Iran" is no criticism of Iran: a judged act names its target by its owner only
        [p for o in held + pobj_heads for p in attached(o, idx, symmetric, judged_act(o, root))],
        # the other side is where something comes from ("pulled its troops from X", "withdrew from talks with X")
        [p for o in preps(verb, OTHER_SIDE_PREPS) + out_of(verb) for p in idx.parties(o) + attached(o, idx)],
        [p for c in absorbed if c.pos_ in ("NOUN", "PROPN") and c not in held for p in attached(c, idx)],
    ]
    # a complement the frame absorbed names the target ("pledged to strengthen ties with Pyongyang")
    for comp in absorbed:
        if comp.pos_ == "VERB" and comp.head == verb:
            # "helped Bolivia build a bridge" is parsed with Bolivia as the subject of the complement
            groups.append([p for c in comp.children if c.dep_ == "nsubj" for p in idx.parties(c)])
            inner = verb_roles(comp, code, idx)
            # "threatened to end its mediation between X and Y": those it would stop mediating between
            groups.append(inner.targets or inner.group)
    if root in roots().protest:  # "gathered outside the Israeli embassy", "massed in front of Israel's consulate"
        groups.append([p for o in preps(verb, PROTEST_PREPS) + [f for g in preps(verb, frozenset({"in"}))
                       if g.lower_ == "front" for f in preps(g, frozenset({"of"}))] for p in idx.parties(o) + attached(o, idx)])
    if is_locative(code):  # "deployed a system in South Korea", "roll out chips in South Korea"
        groups.append([p for o in [verb, *objs] for g in preps(o, LOCATIVE_PREPS) for p in idx.parties(g)])
        # "launched strikes on targets in Lebanon": those hit are placed where they are
        hit = pobj_heads + [g for o in objs for g in preps(o, TARGET_PREPS)] if root in roots().force else []
        groups.append([p for o in hit for g in preps(o, LOCATIVE_PREPS) for p in idx.parties(g)])
    if root in roots().asking:  # "demanded that Beijing remove them": who is to act is the one asked
        groups.append([p for c in verb.children if c.dep_ == "ccomp"
                       for sub in c.children if sub.dep_ in SUBJECT_DEPS for p in idx.parties(sub)])
    # "Beijing and Seoul disagreed over Yoon's remarks on Taiwan": conjoined parties of a reciprocal word act on
    # each other, not on what they disagree about
    reciprocal = verb.lemma_.lower() in word_lists().get("reciprocal", frozenset()) and len(
        {p.state or p.key for p in sources if p.reason not in ("grouping", "member")}) > 1
    if root in roots().content and not reciprocal:  # "warned of Russia's build-up", "threatened to close U.S. bases"
        topics = preps(verb, CONTENT_PREPS)
        groups.append([p for o in topics for p in idx.parties(o) + attached(o, idx)])
        for comp in (c for c in verb.children if c.dep_ == "xcomp" and c not in absorbed):
            groups.append(verb_roles(comp, code, idx).targets)
    # a statement's content names its target when nothing else does ("warned that it would retaliate against
    # Japan"); only an event the content itself codes ("turn to Russia" is no event with Russia)
    for comp in (c for c in verb.children if c.dep_ == "ccomp"):
        if found := matches(comp):  # read by its own kind: "suggested Tokyo could respond in the event of X's attack"
            groups.append(verb_roles(comp, found[0].entry.code, idx).targets)
    if root in roots().content:  # "warned that closer ties between Iran and Syria are risky"
        groups.append([p for c in verb.children if c.dep_ == "ccomp"
                       for sub in c.children if sub.dep_ in SUBJECT_DEPS for p in clause_parties(sub, idx)])
    if root in roots().welcoming:  # "welcomed the announcement that Peru had agreed": Peru's move is welcomed
        groups.append([p for o in objs for c in o.children if c.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for p in first_parties(verb_subjects(c), idx)])
    if root in roots().topic_target and not reciprocal:  # "criticized the report about Iran's programme"
        groups.append([p for o in objs + preps(verb, CONTENT_PREPS) if not judged_act(o, root)
                       for p in nested_topic(o, idx)])
    if root in roots().topic_target | roots().welcoming:  # "Chile condemned the move": whoever made it
        groups.append([p for o in objs for p in answered_act(o, idx)])
        groups.append([p for o in objs for p in earlier_deal(o, idx)])
    if root in roots().topic_target | roots().welcoming and (made := made_by(verb)) is not None:
        # "X accused Y of spying, a charge Y rejected": rejected to whoever made the charge
        groups.append([p for s in verb_subjects(made) for p in idx.parties(s)])
    # a party of the source's own state is no target ("strengthen Beijing's friendship with Pyongyang")
    # (a grouping's members are paired one by one: "G7 ministers agree with the U.S. proposal" is each with the U.S.)
    own = {s.key for s in sources} | {s.state for s in sources if s.state and s.reason not in ("grouping", "member")}
    targets = pick_targets(groups, own, root in roots().topic_target)
    # "talks between X and Y", "brokered a ceasefire between X and Y"
    group = [p for o in [verb, *objs] for g in preps(o, GROUP_PREPS) for p in idx.parties(g)]
    return Roles(sources, targets, group)


def made_by(verb: Token) -> Token | None:
    """The main verb of the sentence whose charge or act a relative clause answers ("X accused Y, **a charge** Y
    rejected", "X expelled Y's envoy, **a move** Y condemned"): an ownerless accusation or act noun set beside
    that clause."""
    charge = verb.head
    answered = word_lists().get("accusation_nouns", frozenset()) | word_lists().get("act_nouns", frozenset())
    if verb.dep_ != "relcl" or charge.lemma_.lower() not in answered:
        return None
    if any(c.dep_ in OWNER_DEPS or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in charge.children):
        return None
    main = verb.sent.root
    return main if main.pos_ == "VERB" and main != verb else None


def judged_act(obj: Token, root: str) -> bool:
    """Whether a criticism or rejection (`roots.topic_target`) is of a coercive or violent act the lexicon codes
    (`roots.imposed`: "sanctions on Iran", "the strikes against X"): those the act is done to are not whom it is
    held against."""
    if root not in roots().topic_target or obj.pos_ != "NOUN":
        return False
    found = matches(obj)
    return bool(found) and found[0].entry.code[:2] in roots().imposed


def answered_act(obj: Token, idx: PartyResolver) -> list[Party]:
    """"Lima condemned **the move**": whoever did what the sentence before told, when the object is a definite
    act noun with no owner or phrase of its own and every event coded in that sentence has one source state."""
    if obj.lemma_.lower() not in word_lists().get("act_nouns", frozenset()) or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children):
        return []
    if any(c.dep_ in ("poss", "prep", "acl", "relcl", "amod", "compound") for c in obj.children):
        return []
    previous = previous_sentence(obj)
    if previous is None:
        return []
    done = [e for e in idx.ctx.result.events if previous.start_char <= e.evidence.start < previous.end_char]
    states = {e.source for e in done}
    if len(states) != 1 or None in states:
        return []
    key = done[-1].source_actor
    return [Party(key, done[-1].source, obj.idx, obj.idx + len(obj.text), obj.i, True, "pronoun")] if key else []


def earlier_deal(obj: Token, idx: PartyResolver) -> list[Party]:
    """"Lima welcomed **the deal**": the parties of the deal an earlier sentence coded (both sides of an agreement,
    the target of a one-way act), when the object is a definite agreement noun with no owner or phrase of its own
    and the noun's last earlier mention was coded."""
    lemma = obj.lemma_.lower()
    if lemma not in word_lists().get("agreement_nouns", frozenset()) or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children):
        return []
    if any(c.dep_ in ("poss", "prep", "acl", "relcl", "compound") for c in obj.children):
        return []
    before = next((t for t in reversed(obj.doc[: obj.sent.start]) if t.lemma_.lower() == lemma), None)
    if before is None:
        return []
    at = {before.idx, before.head.idx}
    done = [e for e in idx.ctx.result.events if e.trigger_evidence.start in at]
    end = obj.idx + len(obj.text)
    sides = [(e.source_actor, e.source) for e in done if is_symmetric(e.code)] + [
        (e.target_actor, e.target) for e in done]
    return unique([Party(k, s, obj.idx, end, obj.i, True, "description") for k, s in sides if k and s])


def out_of(verb: Token) -> list[Token]:
    """The object of a two-word preposition on a verb: "walked **out of** the talks", "stepped **away from**",
    "moved **closer to** X"."""
    return [g for c in verb.children if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in PARTICLE_WORDS
            for cc in c.children if cc.dep_ == "prep" for g in pobjs(cc)]


def pick_targets(groups: list[list[Party]], own: Collection[str | None], topic: bool = False) -> list[Party]:
    """The first group of candidates that names any actor; for the kinds whose target is who they are about
    (`roots.topic_target`), the first that names a state, over a body it is addressed to ("complained to the
    UN over Israel's strikes" is a complaint about Israel)."""
    found = [unique([p for p in g if p.key not in own and p.state not in own]) for g in groups]
    stated = next((g for g in found if any(p.state for p in g)), None) if topic else None
    return stated or next((g for g in found if g), [])


def clause_parties(tok: Token, idx: PartyResolver) -> list[Party]:
    """The actors named (not pointed back to) anywhere in a phrase or clause."""
    return unique([p for t in tok.subtree if (p := idx.at(t)) is not None and not p.anaphor])


def attached(obj: Token, idx: PartyResolver, symmetric: bool = False, in_appos: bool = False) -> list[Party]:
    """Actors hanging on a non-actor object: "restrict China's access", "rhetoric against Japan" (for talks and
    cooperation not what they are about: "convened for talks on Ukraine")."""
    if idx.at(obj) is not None:
        return []
    # "their policies", "tariffs on German and Italian cars"
    out = [p for c in obj.children if c.dep_ in OWNER_DEPS + MODIFIER_DEPS for x in (c, *adj_conjuncts(c))
           for p in idx.direct(x)]
    out += [p for c in obj.children if c.dep_ == "amod" and c.lemma_.lower() in word_lists().get(
        "owner_participles", frozenset()) for g in c.children if g.i < c.i for p in idx.direct(g)]  # "a Turkish-owned ship"
    if in_appos:
        return out
    if not out and obj.pos_ == "PROPN":  # an unknown name told by what it is: "the Mavi Marmara, a Turkish-owned ship"
        out = [p for c in obj.children if c.dep_ == "appos" for p in attached(c, idx, symmetric, True)]
    found = NOUN_TARGET_PREPS | OTHER_SIDE_PREPS | {"by"}
    out += [p for o in preps(obj, found - TOPIC_PREPS if symmetric else found) for p in idx.parties(o)]
    # "lifted the sanctions (it had) imposed on Iran": what the object was done to
    out += [p for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
            for o in preps(c, DONE_TO_PREPS) for p in idx.parties(o)]
    return out


def adj_conjuncts(mod: Token) -> list[Token]:
    """The adjectives conjoined to a modifying adjective: "German **and Italian** cars"."""
    return [c for c in conjuncts(mod) if c.pos_ == "ADJ"] if mod.pos_ == "ADJ" else []


def adj_roles(adj: Token, idx: PartyResolver) -> Roles:
    """A predicate adjective: "Yoon was critical of China", "Seoul is open to talks with Tokyo"."""
    head = adj.head
    subjects = verb_subjects(head) if adj.dep_ in ("acomp", "oprd", "xcomp") and head.pos_ in ("VERB", "AUX") else []
    if adj.dep_ == "ROOT" or not subjects:  # "X is concerned about Y": a participle's passive subject
        subjects = subjects or [c for c in adj.children if c.dep_ in (*SUBJECT_DEPS, "nsubjpass")]
    sources = first_parties(subjects, idx)
    src_keys = {p.key for p in sources}
    heads = [o for h in (adj, *copula(adj)) for o in preps(h, NOUN_TARGET_PREPS | CONTENT_PREPS)]  # "is tough on X"
    targets = [p for o in heads for p in idx.parties(o)]
    targets += [p for o in heads for p in attached(o, idx)]
    if not any(t.state for t in targets if t.key not in src_keys):  # "concerned about a report on Iran's plans"
        targets = [p for o in heads for p in nested_topic(o, idx)] or targets
    return Roles(sources, unique([t for t in targets if t.key not in src_keys]), [])


def nested_topic(obj: Token, idx: PartyResolver, depth: int = 0) -> list[Party]:
    """States a phrase is about one step further down: "the report **about Iran's** production", "a resolution
    **on Israel**"."""
    if depth > 1:
        return []
    out: list[Party] = []
    for g in preps(obj, CONTENT_PREPS | {"on"}):
        found = [p for p in idx.parties(g) + attached(g, idx) if p.state]
        out += found or nested_topic(g, idx, depth + 1)
    return out
