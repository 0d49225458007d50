"""Who did it and to whom for an event noun: "Beijing's ban on X", "a warning from China", "held talks with X".

A possessor, a "by"/"from" phrase, the subject of a light verb ("imposed a ban",
"held talks") or a modifier naming an actor ("a Chinese attack", "U.S.
controls") is the source; an "on/against/to/with/of" phrase or a second modifier
("Russia's Ukraine invasion") is the target; "between X and Y" names all the
parties at once. Verbs and adjectives are read in `roles`, whose helpers this
module shares.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.extract.events.codes import is_locative, is_symmetric, roots
from dyad.extract.events.lexicon import word_lists
from dyad.extract.events.roles import (
    FRAME_PREPS,
    GROUP_PREPS,
    LOCATIVE_PREPS,
    NOUN_TARGET_PREPS,
    TARGET_PREPS,
    TOPIC_PREPS,
    Roles,
    attached,
    clause_parties,
    first_parties,
    verb_roles,
)
from dyad.extract.events.syntax import (
    MODIFIER_DEPS,
    OWNER_DEPS,
    SUBJECT_DEPS,
    conjuncts,
    is_passive,
    pobjs,
    preps,
    verb_objects,
    verb_subjects,
)
from dyad.extract.parties import Party, PartyResolver, agentive, unique
from dyad.extract.parties.anaphora import previous_sentence


def hyphen_pair(mod: Token) -> list[Token]:
    """The first of two names joined by a hyphen before a noun: "the **Russia**-Ukraine war"."""
    return [c for c in mod.children if c.dep_ in ("compound", "amod", "nmod") and c.i < mod.i
            and any(t.text in ("-", "\u2013") for t in mod.doc[c.i + 1 : mod.i])]


def proposal(noun: Token) -> Token | None:
    """The participle that says who made a settlement for others: "a U.S.-**proposed** ceasefire"."""
    words = word_lists().get("proposer_participles", frozenset())
    return next((c for c in noun.children if c.dep_ == "amod" and c.lemma_.lower() in words), None)


def proposers(noun: Token, idx: PartyResolver) -> list[Party]:
    """Who made a settlement for others, named before its participle: "a **U.S.**-proposed ceasefire"."""
    made = proposal(noun)
    return [] if made is None else [p for g in made.children if g.i < made.i and g.dep_ in (*MODIFIER_DEPS, "npadvmod")
                                    if (p := idx.at(g))]


def conflict_sides(noun: Token, idx: PartyResolver) -> list[Party]:
    """The sides of the conflict a settlement is in: "a truce in the **Russia**-**Ukraine** war"."""
    return [p for o in preps(noun, frozenset({"in"})) for c in o.children if c.dep_ in MODIFIER_DEPS
            for x in (*hyphen_pair(c), c) if (p := idx.at(x))]


def importers(noun: Token, idx: PartyResolver) -> list[Party]:
    """Who takes a measure on imports: the state they go to ("tariffs on Chinese imports **to the U.S.**", the
    parser may hang the "to" on the measure)."""
    words = word_lists().get("import_nouns", frozenset())
    goods = [o for o in preps(noun, frozenset({"on", "against"})) if o.lemma_.lower() in words]
    return [p for g in ((noun, *goods) if goods else ()) for o in preps(g, frozenset({"to", "into"}))
            for p in idx.parties(o)]


def quantity_of(noun: Token) -> Token:
    """The quantity noun an event noun is counted by ("a **series** of airstrikes", "a **wave** of attacks"), else
    the noun itself."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in word_lists().get(
            "quantity_nouns", frozenset()):
        return prep.head
    return noun


def reaction_verb(noun: Token) -> Token | None:
    """The verb whose subject a reaction noun answers: "**drew** condemnation from X", "**faced** a rebuke from X"."""
    verb = noun.head
    words = word_lists().get("reaction_verbs", frozenset())
    return verb if noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in words else None


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


ORDER_WORDS = frozenset({"next", "previous", "last", "upcoming", "earlier", "later", "latest"})


def earlier_pair(noun: Token, idx: PartyResolver) -> list[Party]:
    """The two states of the events the sentence before coded, when they are one pair: whom "their" stands for
    in another meeting of theirs ("X met Y in May. **Their** next summit ..."). A bare "their meeting", or one
    said of the event just told ("this is their second summit"), tells that event again."""
    previous = previous_sentence(noun)
    if previous is None or noun.dep_ in ("attr", "appos") or not any(
            c.ent_type_ == "ORDINAL" or c.lower_ in ORDER_WORDS for c in noun.children):
        return []
    done = [e for e in idx.ctx.result.events if previous.start_char <= e.evidence.start < previous.end_char]
    pairs = {frozenset((e.source, e.target)) for e in done}
    if len(pairs) != 1 or None in next(iter(pairs)) or len(next(iter(pairs))) != 2:
        return []
    first = done[0]
    keys = [(first.source_actor, first.source), (first.target_actor, first.target)]
    end = noun.idx + len(noun.text)
    return [Party(k, s, noun.idx, end, noun.i, True, "group") for k, s in keys if k]


def holders(noun: Token, idx: PartyResolver) -> list[Party]:
    """Who holds an agentless stance or measure: its own "in X", or that of the clause it is the subject of."""
    places = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        places.append(noun.head)
    return unique([p for t in places for o in preps(t, frozenset({"in"})) for p in idx.parties(o)])[:1]


def hosting_verb(noun: Token) -> Token | None:
    """The hosting verb whose "on/for" phrase holds this travel noun ("hosted X **on** a visit"), if any."""
    head = noun.head
    travel = noun.lemma_.lower() in word_lists().get("traveller_of_nouns", frozenset())
    if not travel or noun.dep_ != "pobj" or head.dep_ != "prep" or head.lower_ not in ("on", "for"):
        return None
    verb = head.head
    hosts = word_lists().get("hosting_verbs", frozenset())
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in hosts else None


def weighed_by(noun: Token) -> Token | None:
    """The weighing verb whose object, alone or in a list, is this measure: "discussed sanctions on X and more
    aid to Y"."""
    lead = noun
    while lead.dep_ == "conj" and lead.head.pos_ in ("NOUN", "PROPN"):
        lead = lead.head
    verb = lead.head
    words = word_lists().get("weighing_verbs", frozenset())
    return verb if lead.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in words else None


def noun_roles(noun: Token, code: str, idx: PartyResolver, triggers: set[int]) -> Roles:
    sources: list[Party] = []
    targets: list[Party] = []
    symmetric = is_symmetric(code)
    owners = [p for c in noun.children if c.dep_ in OWNER_DEPS if (p := idx.at(c))]
    undergoing: list[Party] = []
    if noun.lemma_.lower() in word_lists().get("patient_nouns", frozenset()) and not preps(noun, frozenset({"of"})):
        undergoing, owners = owners, []  # "Lai's release" is Lai released
    by = [p for o in preps(noun, frozenset({"by", "from"})) for p in idx.parties(o)]
    travellers = word_lists().get("traveller_of_nouns", frozenset())
    if not owners and noun.lemma_.lower() in travellers:  # "the visit of Peru's president to Chile": who travels
        by += [p for o in preps(noun, frozenset({"of"})) for p in idx.parties(o)]
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
    mediating = code in roots().mediation
    if not sources and mediating:
        sources = proposers(noun, idx)
    if not sources:
        sources = importers(noun, idx)
    reaction = reaction_verb(noun)
    if not sources and reaction is not None:  # "drew condemnation from Seoul": the parser may hang "from" on the verb
        sources = [p for o in preps(reaction, frozenset({"from"})) for p in idx.parties(o)]
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
    if not sources and (host := hosting_verb(noun)) is not None:
        # "Lima will host Quito's president on a state visit": the guest makes the visit, to the host
        sources = first_parties(verb_objects(host), idx)
        targets += first_parties(verb_subjects(host), idx)
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
    if not sources and code[:2] in roots().weighed and (weighing := weighed_by(noun)) is not None:
        # "the ministers discussed sanctions on X and more aid to Y": the measures they weigh are theirs to take
        sources = first_parties(verb_subjects(weighing), idx)
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
    if mediating:  # with each side: "a truce between X and Y", "a ceasefire in the X-Y war"
        targets += conflict_sides(noun, idx) + [p for o in preps(noun, GROUP_PREPS) for p in idx.parties(o)]
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
    if sources and not targets and reaction is not None:  # "Ankara's move drew criticism from Athens"
        targets += [p for s in verb_subjects(reaction) for p in idx.parties(s) or attached(s, idx)]
    src_keys = {s.key for s in sources}
    group = [p for o in preps(noun, GROUP_PREPS) for p in idx.parties(o)]
    if not group and not sources and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
        # "a summit will take place between X and Y", "clashes erupted between X and Y": the noun's own parties
        group = [p for o in preps(noun.head, GROUP_PREPS) for p in idx.parties(o)]
    if symmetric and not any(s.state for s in sources) and not group and any(
            c.lower_ == "their" for c in noun.children):
        group = shared_by(noun, idx)
        # "these four nations ... their growing collaboration": the states "their" stands for
        theirs = [p for c in noun.children if c.lower_ == "their" for p in idx.parties(c)]
        group = group or (theirs if len({p.state for p in theirs if p.state}) >= 2 else [])
        group = group or earlier_pair(noun, idx)  # "X met Y in May. Their second summit was in July."
        sources = sources if not group else []  # "their Joint Council meeting": the body is where they meet
    if symmetric:
        group += [p for o in preps(noun, frozenset({"of"})) for p in idx.parties(o)]
    if mediating:
        group = []
    return Roles(unique(sources), unique([t for t in targets if t.key not in src_keys]), unique(group))
