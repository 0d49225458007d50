"""Who did it and to whom: source and target of an event trigger, read from the parse.

Verbs: the subject (or the "by" agent of a passive) is the source; the direct
object, then a "with/to/against/on/at/toward/into/for" phrase, then an actor
attached to the object ("restrict China's access") is the target. A verb with no
subject of its own borrows one: an open complement from its governing verb
("Lee is set to meet", "urged China to lift" gives China), a relative clause
from the noun it modifies ("Lee, who arrived in Beijing"), a conjoined verb from
its first conjunct.

Nouns: a possessor ("Beijing's ban"), a "by"/"from" phrase ("a warning from
China"), the subject of a light verb ("imposed a ban", "held talks") or a
modifier naming an actor ("a Chinese attack", "U.S. controls") is the source; an
"on/against/to/with/of" phrase or a second modifier ("Russia's Ukraine
invasion") is the target. "between X and Y" names all the parties at once.

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
from dyad.extract.parties import Party, PartyResolver, agentive, unique

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
        [p for o in held + pobj_heads for p in attached(o, idx, symmetric)],
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
        groups.append([p for o in objs + preps(verb, CONTENT_PREPS) for p in nested_topic(o, idx)])
    if root in roots().topic_target and (made := made_by(verb)) is not None:
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
    """The main verb of the sentence whose charge a relative clause answers ("X accused Y, **a charge** Y
    rejected"): the charge is an ownerless accusation noun set beside that clause."""
    charge = verb.head
    if verb.dep_ != "relcl" or charge.lemma_.lower() not in word_lists().get("accusation_nouns", frozenset()):
        return None
    if any(c.dep_ in OWNER_DEPS or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in charge.children):
        return None
    main = verb.sent.root
    return main if main.pos_ == "VERB" and main != verb else None


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
    out = [p for c in obj.children if c.dep_ in OWNER_DEPS + MODIFIER_DEPS for p in idx.direct(c)]  # "their policies"
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


def hyphen_pair(mod: Token) -> list[Token]:
    """The first of two names joined by a hyphen before a noun: "the **Russia**-Ukraine war"."""
    return [c for c in mod.children if c.dep_ in ("compound", "amod") and c.i < mod.i
            and any(t.text in ("-", "\u2013") for t in mod.doc[c.i + 1 : mod.i])]


def quantity_of(noun: Token) -> Token:
    """The quantity noun an event noun is counted by ("a **series** of airstrikes", "a **wave** of attacks"), else
    the noun itself."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in word_lists().get(
            "quantity_nouns", frozenset()):
        return prep.head
    return noun


def recipient_verb(noun: Token) -> Token | None:
    """The verb whose subject receives what the noun gives: "benefits from Moscow's protection"."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "from" else noun.head if noun.dep_ == "dobj" else None
    words = word_lists().get("recipient_verbs", frozenset())
    return verb if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in words else None


def shared_by(noun: Token, idx: PartyResolver) -> list[Party]:
    """The conjoined subject "their" points to: "Lima and Quito built on **their** call"."""
    subjects = next((s for a in noun.ancestors if a.pos_ in ("VERB", "AUX") and (s := verb_subjects(a))), [])
    parties = [p for s in subjects for p in idx.parties(s)]
    return parties if len({p.state for p in parties if p.state}) >= 2 else []


def holders(noun: Token, idx: PartyResolver) -> list[Party]:
    """Who holds an agentless stance or measure: its own "in X", or that of the clause it is the subject of."""
    places = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        places.append(noun.head)
    return unique([p for t in places for o in preps(t, frozenset({"in"})) for p in idx.parties(o)])[:1]


def noun_roles(noun: Token, code: str, idx: PartyResolver, triggers: set[int]) -> Roles:
    sources: list[Party] = []
    targets: list[Party] = []
    symmetric = is_symmetric(code)
    owners = [p for c in noun.children if c.dep_ in OWNER_DEPS if (p := idx.at(c))]
    undergoing: list[Party] = []
    if noun.lemma_.lower() in word_lists().get("patient_nouns", frozenset()) and not preps(noun, frozenset({"of"})):
        undergoing, owners = owners, []  # "Lai's release" is Lai released
    by = [p for o in preps(noun, frozenset({"by", "from"})) for p in idx.parties(o)]
    mods = [p for c in noun.children if c.dep_ in MODIFIER_DEPS and not agentive(c)
            for x in (*hyphen_pair(c), c) if (p := idx.at(x))]
    # participial modifiers carry roles too: "a tariff imposed by Ottawa on Chinese steel"
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"):
        if not symmetric:  # "a meeting requested by X and Y" does not say X and Y met
            by += [p for c in acl.children if c.dep_ == "agent" for g in pobjs(c) for p in idx.parties(g)]
        targets += [p for o in preps(acl, TARGET_PREPS) for p in idx.parties(o)]
    head = noun.head
    held = quantity_of(noun)  # "carried out a series of airstrikes": the series is the light verb's object
    light = (
        held.head
        if held.dep_ in ("dobj", "nsubjpass") and held.head.pos_ == "VERB" and held.head.i not in triggers
        and held.head.lemma_.lower() in word_lists().get("light_verbs", frozenset())
        else None
    )
    sources = owners or by
    if not sources and light is not None and recipient_verb(held) is not None:
        # "Ukraine received military aid from Germany": the giver is the taker's "from", the taker the target
        sources = [p for o in preps(light, frozenset({"from"})) for p in idx.parties(o)]
        if not sources and mods and code[:2] in roots().giving:  # "Ghana accepted Japanese loans": Japan lent
            sources, mods = mods[:1], mods[1:]
    if not sources and light is not None:
        sources = first_parties(verb_subjects(light), idx)
    if not sources and noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        owner = head.head  # "Beijing's engagement in talks", "its role in the negotiations"
        sources = [p for c in owner.children if c.dep_ in OWNER_DEPS if (p := idx.at(c))]
    if not sources and noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in FRAME_PREPS:
        # "during a visit to Beijing, Sanchez said", "following talks with X, both leaders ...": the clause's subject
        governing = head.head
        if governing.pos_ in ("VERB", "AUX"):
            sources = first_parties(verb_subjects(governing), idx)
            if not sources and is_passive(governing):  # "X was locked in a standoff with Y": X is in it
                sources = first_parties([c for c in governing.children if c.dep_ == "nsubjpass"], idx)
            elif sources and symmetric and not is_passive(governing):
                # "X and Y told Z in phone calls": each spoke with the one they told
                targets += [p for o in verb_objects(governing) for p in idx.parties(o)]
    # an owner word ("our partnership with X") already said whose it is, and the stage read it as no party
    with_party = preps(noun, frozenset({"with"})) and not any(c.dep_ in OWNER_DEPS for c in noun.children)
    if not sources and symmetric and with_party and noun.dep_ in SUBJECT_DEPS and noun.head.dep_ == "ccomp":
        # "Oslo said talks with Stockholm must go on": the speaker takes part in the talks it speaks of
        speaker = idx.speaker(noun)
        sources = [speaker] if speaker is not None else []
    if not sources and code in roots().said_of and noun.dep_ == "attr" and (speaker := idx.speaker(noun)) is not None:
        # "'China is a key partner,' Lee said": Lee praises China
        sources = [speaker]
        targets += first_parties(verb_subjects(noun.head), idx)
    if not sources and code[:2] in roots().holder:
        sources = holders(noun, idx)
    if not sources and mods:
        sources, mods = mods[:1], mods[1:]
    targets += undergoing + mods
    target_preps = TARGET_PREPS - TOPIC_PREPS if symmetric else NOUN_TARGET_PREPS
    targets += [p for o in preps(noun, target_preps) for p in idx.parties(o)]
    # "the transfer of arms to Russia", "the imposition of sanctions on Turkey": the target hangs on the "of" noun
    things = [x for o in preps(noun, frozenset({"of"})) for x in (o, *conjuncts(o)) if idx.at(x) is None]
    targets += [p for x in things for g in preps(x, frozenset({"to", "on", "against"})) for p in idx.parties(g)]
    if not targets and code[:2] in roots().content:  # "Pakistan's allegation that the attack was planned on Afghan soil"
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        targets += [p for c in clauses for p in clause_parties(c, idx)]
    if not targets and code[:2] in roots().content:  # "its reluctance to endorse the U.S. proposal"
        targets += [p for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"
                    for p in verb_roles(c, code, idx).targets]
    if light is not None:
        targets += [p for o in preps(light, TARGET_PREPS) for p in idx.parties(o)]
        if not targets and is_locative(code):  # "carried out airstrikes in X"
            targets += [p for o in preps(light, LOCATIVE_PREPS) for p in idx.parties(o)]
    if not targets and light is None and code[:2] in roots().giving and noun.dep_ == "dobj":
        # "slammed Washington's arms sale to Taipei": the parser hangs the receiver on the verb
        targets += [p for o in preps(noun.head, frozenset({"to"})) for p in idx.parties(o)]
    if sources and not any(t.state for t in targets) and (taker := recipient_verb(noun)) is not None:
        targets += first_parties(verb_subjects(taker), idx)
    if not targets and is_locative(code):
        targets += [p for o in preps(noun, LOCATIVE_PREPS) for p in idx.parties(o)]
    if not targets and code[:2] in roots().force:
        # "airstrikes against militants in Syria": those hit are placed where they are
        hit = preps(noun, target_preps) + (preps(held, target_preps) if held != noun else [])
        hit += preps(light, TARGET_PREPS) if light is not None else []
        targets += [p for o in hit for g in preps(o, LOCATIVE_PREPS) for p in idx.parties(g)]
    src_keys = {s.key for s in sources}
    group = [p for o in preps(noun, GROUP_PREPS) for p in idx.parties(o)]
    if not group and not sources and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
        # "a summit will take place between X and Y", "clashes erupted between X and Y": the noun's own parties
        group = [p for o in preps(noun.head, GROUP_PREPS) for p in idx.parties(o)]
    if symmetric and not sources and not group and any(c.lower_ == "their" for c in noun.children):
        group = shared_by(noun, idx)
        # "these four nations ... their growing collaboration": the states "their" stands for
        theirs = [p for c in noun.children if c.lower_ == "their" for p in idx.parties(c)]
        group = group or (theirs if len({p.state for p in theirs if p.state}) >= 2 else [])
    if symmetric:
        group += [p for o in preps(noun, frozenset({"of"})) for p in idx.parties(o)]
    return Roles(unique(sources), unique([t for t in targets if t.key not in src_keys]), unique(group))


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
