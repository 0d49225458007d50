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

Actors are looked up only through the DocContext API.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from dyad.extract.context import DocContext
from dyad.extract.event_lexicon import lexicon, matches, word_lists
from dyad.extract.modality import cues
from dyad.records import ActorMention

TARGET_PREPS = frozenset({"with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "for", "onto"})
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "over"}
LOCATIVE_PREPS = frozenset({"in", "at"})
# kinds whose "in X" phrase names the party acted upon (a visit there, an attack or a deployment there);
# talks "in Canada" are not talks with Canada
LOCATIVE_ROOTS = frozenset({"06", "15", "18", "19", "20"})
LOCATIVE_CODES = frozenset({"042"})
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
ONE_WAY_CODES = frozenset({"042", "043", "051", "052", "054", "055", "056"})
GROUP_PREPS = frozenset({"between", "among", "amongst"})
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "persuade", "press", "call", "invite", "encourage", "force", "order", "help", "allow",
     "pressure", "push", "tell", "require", "compel", "lead", "prompt", "enable", "want", "expect"}
)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# an unresolved pronoun falls back to the nearest earlier actor of a fitting kind in its sentence
PRONOUN_KINDS = {
    "he": ("person",), "him": ("person",), "his": ("person",), "she": ("person",), "her": ("person",),
    "it": ("state", "organization"), "its": ("state", "organization"),
    "they": ("state", "organization", "group"), "them": ("state", "organization", "group"),
    "their": ("state", "organization", "group"),
}
# "the two sides", "both countries", "the three leaders": the states just named, when exactly that many are
GROUP_NOUNS = frozenset({"side", "country", "nation", "leader", "government", "neighbor", "neighbour", "power", "capital",
                         "president", "minister", "premier"})
PAIRED_TITLES = frozenset({"leader", "president", "minister", "premier"})
GROUP_SIZES = {"both": 2, "two": 2, "three": 3, "four": 4}
# "the country" told reporters ...: a definite noun that points back to a state named earlier in the sentence
ANAPHORIC_NOUNS = frozenset({"country", "nation", "government"})
# appeals, demands, criticism, rejections and threats whose target may sit in what they are about
CONTENT_ROOTS = frozenset({"02", "10", "11", "12", "13"})
CONTENT_PREPS = frozenset({"of", "about"})
# a visit or talks framing a clause in time: the clause's subject made them
FRAME_PREPS = frozenset({"during", "following", "after", "in"})  # "X was locked in a standoff with Y"
# kinds held or voiced by a body, whose "in X" names who holds them when nobody else is said to
# ("frustration in Ankara with Washington", "sanctions against Turkey are pending in Congress")
HOLDER_ROOTS = frozenset({"10", "11", "12", "13", "16"})
# "we" as the subject of a quoted act is the speaker's side: the subject of the verb of saying above it
# ("our partnerships" names a standing tie, not an act, and stays unread)
FIRST_PERSON = frozenset({"we", "i"})
SUBJECT_DEPS = ("nsubj", "csubj")
MODIFIER_DEPS = ("compound", "amod", "nmod")
OWNER_DEPS = ("poss",)


@dataclass(frozen=True)
class Party:
    key: str
    state: str | None
    start: int
    end: int
    token: int  # index of the token the mention covers
    anaphor: bool = False  # read from a pronoun or "the country", not a name


PARTICIPLES = frozenset({"made", "built", "run", "held", "born", "grown"})


def agentive(tok: Token) -> bool:
    """"U.S.-proposed", "Iran-backed": the actor did something to the noun; it is no party of the noun's event."""
    head, dash, last = tok.lower_.rpartition("-")
    return bool(dash and head) and (last.endswith("ed") or last in PARTICIPLES)


def is_symmetric(code: str) -> bool:
    return code[:2] in SYMMETRIC_ROOTS and code not in ONE_WAY_CODES


@dataclass
class ActorIndex:
    """Memoised actor lookups for one document (each token asked at most once)."""

    ctx: DocContext
    _memo: dict[int, Party | None] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _mentions: list[ActorMention] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mentions = sorted(self.ctx.result.mentions, key=lambda m: m.evidence.start)
        self._starts = [m.evidence.start for m in self._mentions]

    def at(self, tok: Token) -> Party | None:
        if tok.i not in self._memo:
            m: ActorMention | None = self.ctx.mention_for_token(tok)
            start, end = (m.evidence.start, m.evidence.end) if m is not None else (tok.idx, tok.idx + len(tok.text))
            anaphor = m is None
            if m is None and tok.lower_ in FIRST_PERSON and tok.pos_ == "PRON" and tok.dep_ == "nsubj":
                speaker = self.speaker(tok)
                self._memo[tok.i] = Party(speaker.key, speaker.state, start, end, tok.i, True) if speaker else None
                return self._memo[tok.i]
            if m is None and tok.lower_ in PRONOUN_KINDS and tok.pos_ == "PRON" and self.may_resolve(tok):
                m = self.antecedent(tok, PRONOUN_KINDS[tok.lower_])  # the evidence stays the pronoun itself
            elif m is None and tok.lemma_.lower() in ANAPHORIC_NOUNS and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children
            ) and not any(c.dep_ in ("prep", "poss", "compound", "amod") for c in tok.children):  # "the government of X"
                m = self.antecedent(tok, ("state",))
            self._memo[tok.i] = (
                Party(m.actor_key, self.ctx.state_of(m.actor_key), start, end, tok.i, anaphor) if m else None
            )
        return self._memo[tok.i]

    def speaker(self, tok: Token) -> Party | None:
        """The party of whoever says the clause a first-person pronoun sits in ("'We reject it,' X said")."""
        for verb in tok.ancestors:
            if verb.lemma_.lower() in cues().reporting and verb.pos_ == "VERB":
                subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in FIRST_PERSON]
                found = [p for c in subjects for p in self.direct(c)]
                return found[0] if found else None
        return None

    def may_resolve(self, tok: Token) -> bool:
        """A subject "it"/"they" is too often a thing ("it arrived in port"); it is read only as the
        speaker's own state under a verb of saying ("Seoul said it would ...")."""
        if tok.lower_ not in ("it", "they") or tok.dep_ not in ("nsubj", "nsubjpass"):
            return True
        verb = tok.head
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cues().reporting

    def antecedent(self, tok: Token, kinds: tuple[str, ...]) -> ActorMention | None:
        """The nearest earlier fitting mention in the sentence, else the subject of the sentence before.

        A subject pronoun prefers an antecedent that was itself a subject.
        """
        sent = tok.sent
        fitting = self._fitting(sent.start_char, tok.idx, kinds)
        # "the Kremlin said a Ukraine deal needs work, signalling its reluctance": a noun's modifier is seldom meant
        fitting = [m for m in fitting if not self._is_modifier(m)] or fitting
        if fitting:
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return next((m for m in fitting if self._is_subject(m)), fitting[0])
            return fitting[0]
        if sent.start == 0:
            return None
        previous = tok.doc[sent.start - 1].sent
        return next((m for m in self._fitting(previous.start_char, previous.end_char, kinds) if self._is_subject(m)), None)

    def named_group(self, tok: Token) -> list[Party]:
        """The states "the two sides" stands for: those named in its sentence, else in the one before."""
        if tok.lemma_.lower() not in GROUP_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
            return []
        size = next((GROUP_SIZES[c.lower_] for c in tok.children if c.lower_ in GROUP_SIZES), 0)
        if not size and tok.lemma_.lower() in PAIRED_TITLES and any(c.lower_ == "the" for c in tok.children):
            size = 2  # "the prime ministers signed": a summit's two leaders, when exactly two states are named
        if not size:
            return []
        sent = tok.sent
        phrase = (tok.left_edge.idx, tok.idx + len(tok.text))
        candidates = [(sent.start_char, phrase[0]), (phrase[1], sent.end_char)]
        if sent.start > 0:
            previous = tok.doc[sent.start - 1].sent
            candidates.append((previous.start_char, previous.end_char))
        for ranges in (candidates[:2], candidates[2:]):
            states: dict[str, ActorMention] = {}
            for lo, hi in ranges:
                i = bisect.bisect_left(self._starts, lo)
                while i < len(self._starts) and self._starts[i] < hi:
                    m = self._mentions[i]
                    state = self.ctx.state_of(m.actor_key)
                    if state and state not in states:
                        states[state] = m
                    i += 1
            if len(states) == size:
                return [Party(m.actor_key, st, phrase[0], phrase[1], tok.i) for st, m in states.items()]
            if states and ranges is candidates[:2]:
                return []  # the sentence names other states: do not guess from the one before
        return []

    def _fitting(self, lo: int, hi: int, kinds: tuple[str, ...]) -> list[ActorMention]:
        """Mentions starting in [lo, hi) whose actor has one of the kinds and a country, nearest to hi first."""
        out: list[ActorMention] = []
        i = bisect.bisect_left(self._starts, hi) - 1
        while i >= 0 and self._starts[i] >= lo:
            m = self._mentions[i]
            actor = self.ctx.actor(m.actor_key)
            if actor is not None and actor.kind in kinds and actor.country:
                out.append(m)
            i -= 1
        return out

    def _is_modifier(self, m: ActorMention) -> bool:
        span = self.ctx.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("compound", "amod")

    def _is_subject(self, m: ActorMention) -> bool:
        span = self.ctx.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def direct(self, tok: Token, depth: int = 0) -> list[Party]:
        """Actors a role head names: itself, an apposition, a modifier, or "of/from X" ("diplomats from China")."""
        p = self.at(tok)
        if p is not None:
            return [p]
        if depth > 1:
            return []
        group = self.named_group(tok)
        if group:
            return group
        for child in tok.children:
            if child.dep_ == "appos" and (q := self.at(child)):
                return [q]
            if child.dep_ == "poss" and child.lower_ == "whose":  # "Yoon, whose government aligned ..."
                clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
                if clause is not None and (q := self.at(clause.head)):
                    return [q]
        if tok.lemma_.lower() in word_lists().get("relational_nouns", frozenset()):
            return []  # "Chinese rivals", "America's allies" are not China or America
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS + OWNER_DEPS and not agentive(child) and (q := self.at(child)):
                # "Russian and Iranian leaders": the modifier's conjuncts are parties too
                return unique([q, *(r for c in conjuncts(child) if (r := self.at(c)))])
        for child in tok.children:  # "the US THAAD system": a modifier of a modifier
            if child.dep_ in MODIFIER_DEPS:
                for grand in child.children:
                    if grand.dep_ in MODIFIER_DEPS + OWNER_DEPS and (q := self.at(grand)):
                        return [q]
        event_noun = ("noun", tok.lemma_.lower()) in lexicon()  # "the bombing of a French base": a patient
        for child in tok.children:
            if child.dep_ == "prep" and (child.lower_ == "from" or (child.lower_ == "of" and not event_noun)):
                out = [q for g in child.children if g.dep_ == "pobj" for q in self.parties(g, depth + 1)]
                if out:
                    return out
        return []

    def parties(self, tok: Token, depth: int = 0) -> list[Party]:
        """Actors of a role head and of the heads conjoined with it."""
        out: list[Party] = []
        for t in [tok, *conjuncts(tok)]:
            out += self.direct(t, depth)
        return unique(out)


def unique(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        if p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out


def conjuncts(tok: Token) -> list[Token]:
    out = []
    for child in tok.children:
        if child.dep_ == "conj":
            out.append(child)
            out += conjuncts(child)
    return out


def pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]


def preps(tok: Token, words: frozenset[str]) -> list[Token]:
    return [g for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in words for g in pobjs(c)]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def verb_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Role heads of a verb's source, borrowed from above when it has none of its own."""
    if depth > 4:
        return []
    agents = [g for c in verb.children if c.dep_ == "agent" for g in pobjs(c)]
    if agents:
        return agents
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subj:
        if subj[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        return subj
    if is_passive(verb):
        return []
    head, dep = verb.head, verb.dep_
    if head == verb:
        return []
    if dep == "xcomp":
        if head.dep_ == "acl" and head.tag_ == "VBN":
            return []  # "a meeting requested by X to discuss": the meeting discusses, not those who asked for it
        if is_passive(head):  # "Lee is set to meet", "Seoul is expected to reassure"
            passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
            if passive_subj:
                return passive_subj
        if head.lemma_.lower() in OBJECT_CONTROL:
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
        return verb_subjects(head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep":
        above = head.head
        if above.pos_ in ("VERB", "AUX") and is_passive(above):  # "Suga's visit is aimed at boosting ties"
            return [c for c in above.children if c.dep_ == "nsubjpass"]
        return verb_subjects(above, depth + 1) if above.pos_ in ("VERB", "AUX") else []
    return []


def verb_objects(verb: Token) -> list[Token]:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "obj")]
    # "called Pakistan's assertions baseless": the parser may take the object for a predicate
    objs = objs or [c for c in verb.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")]
    if is_passive(verb):
        objs = [c for c in verb.children if c.dep_ == "nsubjpass"] + objs
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        objs.append(verb.head)
    # "the weapons Russia has used": a relative clause with its own subject and no object acts on its noun
    own_subject = any(c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children)
    if verb.dep_ == "relcl" and not objs and own_subject:
        objs.append(verb.head)
    return objs


@dataclass
class Roles:
    sources: list[Party]
    targets: list[Party]
    group: list[Party]  # parties named together ("talks between X and Y")


def doc_head(party: Party, head: Token) -> bool:
    """Whether the party's token hangs directly on the role head (a modifier, owner or apposition of it)."""
    tok = head.doc[party.token]
    return tok.head == head or (tok.dep_ == "conj" and tok.head.head == head)


def first_parties(heads: list[Token], idx: ActorIndex) -> list[Party]:
    """The actors of the first role head that names any."""
    for h in heads:
        found = idx.parties(h)
        if found:
            return found
    return []


def verb_roles(verb: Token, code: str, idx: ActorIndex, absorbed: list[Token] = ()) -> Roles:
    root = code[:2]
    subjects = verb_subjects(verb)
    sources = first_parties(subjects, idx)
    if code in LOCATIVE_CODES:
        # who travels is named by the subject itself, not by what it is made of ("a batch of China's vaccine arrived")
        sources = [p for p in sources if p.anaphor or any(p.token == h.i or doc_head(p, h) for h in subjects)]
    objs = verb_objects(verb)
    if verb.lemma_.lower() in word_lists().get("topic_verbs", frozenset()):
        objs = []  # "discuss Iran's programme" is no meeting with Iran
    pobj_heads = preps(verb, TARGET_PREPS)
    groups: list[list[Party]] = [
        [p for o in objs for p in idx.parties(o)],
        [p for o in pobj_heads for p in idx.parties(o)],
        [p for o in objs + pobj_heads for p in attached(o, idx)],
    ]
    # a complement the frame absorbed names the target ("pledged to strengthen ties with Pyongyang")
    for comp in absorbed:
        if comp.pos_ == "VERB" and comp.head == verb:
            # "helped Bolivia build a bridge" is parsed with Bolivia as the subject of the complement
            groups.append([p for c in comp.children if c.dep_ == "nsubj" for p in idx.parties(c)])
            inner = verb_roles(comp, code, idx)
            groups.append(inner.targets)
    if root in LOCATIVE_ROOTS or code in LOCATIVE_CODES:  # "deployed a system in South Korea", "roll out chips in South Korea"
        groups.append([p for o in [verb, *objs] for g in preps(o, LOCATIVE_PREPS) for p in idx.parties(g)])
    if root in ("02", "10"):  # "demanded that Beijing remove them": who is to act is the one asked
        groups.append([p for c in verb.children if c.dep_ == "ccomp"
                       for sub in c.children if sub.dep_ in SUBJECT_DEPS for p in idx.parties(sub)])
    if root in CONTENT_ROOTS:  # "warned of Russia's build-up", "threatened to close U.S. bases"
        topics = preps(verb, CONTENT_PREPS)
        groups.append([p for o in topics for p in idx.parties(o) + attached(o, idx)])
        for comp in (c for c in verb.children if c.dep_ == "xcomp" and c not in absorbed):
            groups.append(verb_roles(comp, code, idx).targets)
    # a statement's content names its target when nothing else does ("warned that it would retaliate against
    # Japan"); only an event the content itself codes ("turn to Russia" is no event with Russia)
    for comp in (c for c in verb.children if c.dep_ == "ccomp" and matches(c)):
        groups.append(verb_roles(comp, code, idx).targets)
    if root in CONTENT_ROOTS:  # "warned that closer ties between Iran and Syria are risky"
        groups.append([p for c in verb.children if c.dep_ == "ccomp"
                       for sub in c.children if sub.dep_ in SUBJECT_DEPS for p in clause_parties(sub, idx)])
    # a party of the source's own state is no target ("strengthen Beijing's friendship with Pyongyang")
    own = {s.key for s in sources} | {s.state for s in sources if s.state}
    targets = next((t for g in groups if (t := unique([p for p in g if p.key not in own and p.state not in own]))), [])
    group = [p for o in preps(verb, GROUP_PREPS) for p in idx.parties(o)]
    return Roles(sources, targets, group)


def clause_parties(tok: Token, idx: ActorIndex) -> list[Party]:
    """The actors named (not pointed back to) anywhere in a phrase or clause."""
    return unique([p for t in tok.subtree if (p := idx.at(t)) is not None and not p.anaphor])


def attached(obj: Token, idx: ActorIndex) -> list[Party]:
    """Actors hanging on a non-actor object: "restrict China's access", "rhetoric against Japan"."""
    if idx.at(obj) is not None:
        return []
    out = [p for c in obj.children if c.dep_ in OWNER_DEPS + MODIFIER_DEPS if (p := idx.at(c))]
    out += [p for o in preps(obj, NOUN_TARGET_PREPS | {"by"}) for p in idx.parties(o)]
    return out


def recipient_verb(noun: Token) -> Token | None:
    """The verb whose subject receives what the noun gives: "benefits from Moscow's protection"."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "from" else noun.head if noun.dep_ == "dobj" else None
    words = word_lists().get("recipient_verbs", frozenset())
    return verb if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in words else None


def shared_by(noun: Token, idx: ActorIndex) -> list[Party]:
    """The conjoined subject "their" points to: "Lima and Quito built on **their** call"."""
    subjects = next((s for a in noun.ancestors if a.pos_ in ("VERB", "AUX") and (s := verb_subjects(a))), [])
    parties = [p for s in subjects for p in idx.parties(s)]
    return parties if len({p.state for p in parties if p.state}) >= 2 else []


def holders(noun: Token, idx: ActorIndex) -> list[Party]:
    """Who holds an agentless stance or measure: its own "in X", or that of the clause it is the subject of."""
    places = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        places.append(noun.head)
    return unique([p for t in places for o in preps(t, frozenset({"in"})) for p in idx.parties(o)])[:1]


def noun_roles(noun: Token, code: str, idx: ActorIndex, triggers: set[int]) -> Roles:
    sources: list[Party] = []
    targets: list[Party] = []
    symmetric = is_symmetric(code)
    owners = [p for c in noun.children if c.dep_ in OWNER_DEPS if (p := idx.at(c))]
    by = [p for o in preps(noun, frozenset({"by", "from"})) for p in idx.parties(o)]
    mods = [p for c in noun.children if c.dep_ in MODIFIER_DEPS and not agentive(c) if (p := idx.at(c))]
    # participial modifiers carry roles too: "a tariff imposed by Ottawa on Chinese steel"
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"):
        if not symmetric:  # "a meeting requested by X and Y" does not say X and Y met
            by += [p for c in acl.children if c.dep_ == "agent" for g in pobjs(c) for p in idx.parties(g)]
        targets += [p for o in preps(acl, TARGET_PREPS) for p in idx.parties(o)]
    head = noun.head
    light = (
        head
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.i not in triggers
        and head.lemma_.lower() in word_lists().get("light_verbs", frozenset())
        else None
    )
    sources = owners or by
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
    # an owner word ("our partnership with X") already said whose it is, and the stage read it as no party
    with_party = preps(noun, frozenset({"with"})) and not any(c.dep_ in OWNER_DEPS for c in noun.children)
    if not sources and symmetric and with_party and noun.dep_ in SUBJECT_DEPS and noun.head.dep_ == "ccomp":
        # "Oslo said talks with Stockholm must go on": the speaker takes part in the talks it speaks of
        speaker = idx.speaker(noun)
        sources = [speaker] if speaker is not None else []
    if not sources and code[:2] in HOLDER_ROOTS:
        sources = holders(noun, idx)
    if not sources and mods:
        sources, mods = mods[:1], mods[1:]
    targets += mods
    target_preps = TARGET_PREPS if symmetric else NOUN_TARGET_PREPS
    targets += [p for o in preps(noun, target_preps) for p in idx.parties(o)]
    # "the transfer of arms to Russia", "the imposition of sanctions on Turkey": the target hangs on the "of" noun
    things = [x for o in preps(noun, frozenset({"of"})) for x in (o, *conjuncts(o)) if idx.at(x) is None]
    targets += [p for x in things for g in preps(x, frozenset({"to", "on", "against"})) for p in idx.parties(g)]
    if not targets and code[:2] in CONTENT_ROOTS:  # "Pakistan's allegation that the attack was planned on Afghan soil"
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        targets += [p for c in clauses for p in clause_parties(c, idx)]
    if not targets and code[:2] in CONTENT_ROOTS:  # "its reluctance to endorse the U.S. proposal"
        targets += [p for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"
                    for p in verb_roles(c, code, idx).targets]
    if light is not None:
        targets += [p for o in preps(light, TARGET_PREPS) for p in idx.parties(o)]
    if sources and not any(t.state for t in targets) and (taker := recipient_verb(noun)) is not None:
        targets += first_parties(verb_subjects(taker), idx)
    if not targets and (code[:2] in LOCATIVE_ROOTS or code in LOCATIVE_CODES):
        targets += [p for o in preps(noun, LOCATIVE_PREPS) for p in idx.parties(o)]
    src_keys = {s.key for s in sources}
    group = [p for o in preps(noun, GROUP_PREPS) for p in idx.parties(o)]
    if symmetric and not sources and not group and any(c.lower_ == "their" for c in noun.children):
        group = shared_by(noun, idx)
    if symmetric:
        group += [p for o in preps(noun, frozenset({"of"})) for p in idx.parties(o)]
    return Roles(unique(sources), unique([t for t in targets if t.key not in src_keys]), unique(group))


def adj_roles(adj: Token, idx: ActorIndex) -> Roles:
    """A predicate adjective: "Yoon was critical of China", "Seoul is open to talks with Tokyo"."""
    head = adj.head
    subjects = verb_subjects(head) if adj.dep_ in ("acomp", "oprd", "xcomp") and head.pos_ in ("VERB", "AUX") else []
    if adj.dep_ == "ROOT" or not subjects:
        subjects = subjects or [c for c in adj.children if c.dep_ in SUBJECT_DEPS]
    sources = first_parties(subjects, idx)
    src_keys = {p.key for p in sources}
    targets = [p for o in preps(adj, NOUN_TARGET_PREPS) for p in idx.parties(o)]
    targets += [p for o in preps(adj, NOUN_TARGET_PREPS) for p in attached(o, idx)]
    return Roles(sources, unique([t for t in targets if t.key not in src_keys]), [])
