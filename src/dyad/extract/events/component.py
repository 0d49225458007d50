"""The `events` component: CAMEO-coded interactions between actors, with realis, modality, date and intensity.

For each sentence: find triggers (lexicon), read their source and target
(roles, through the shared party resolver in extract/parties), pair them
(pairs), decide which state-level pair each is stored under and drop
restatements (scope), decide realis and modality (modality), attach the
sentence's date expression (dates), and look up Goldstein, QuadClass and PLOVER
from the code table. Which kinds of event are symmetric, self-directed or shows
of force is data (codes). At most one event per (sentence, pair, root): the
first trigger wins.
"""

from __future__ import annotations

import bisect
import datetime as dt

from spacy.tokens import Doc, Span, Token

from dyad.extract.common.arrays import paragraph_breaks
from dyad.extract.common.context import DocContext
from dyad.extract.common.doccache import sentences
from dyad.extract.events import dates, terms, timing
from dyad.extract.events.codes import role_words, roots
from dyad.extract.events.lexicon import Match, code_info, lexicon, matches, may_match_at, word_lists
from dyad.extract.events.modality import ModalityReading, cues, intent_code, is_past, reading
from dyad.extract.events.nominal import hosting_verb, noun_roles, proposal
from dyad.extract.events.pairs import pairs
from dyad.extract.events.roles import Roles, adj_roles, verb_roles
from dyad.extract.events.scope import Restatements, is_armed_group, is_official, placed_at_home, state_pair, what_of
from dyad.extract.events.speech import offered_roles, own_call, refused_offer, threatened, undergo_roles
from dyad.extract.events.syntax import verb_subjects
from dyad.extract.parties import Party, PartyResolver
from dyad.extract.registry import component
from dyad.records import Actor, Event


def states_by_sentence(ctx: DocContext, sents: list[Span]) -> list[set[str]]:
    """The states each sentence mentions (directly or through a person or body of theirs)."""
    starts = [s.start_char for s in sents]
    out: list[set[str]] = [set() for _ in sents]
    for m in ctx.result.mentions:
        i = bisect.bisect_right(starts, m.evidence.start) - 1
        state = ctx.state_of(m.actor_key)
        if i >= 0 and state:
            out[i].add(state)
    return out


def after(when: str, published: dt.date) -> bool:
    """Whether a resolved date lies after the publication date at its own precision."""
    return when > published.isoformat()[: len(when)]


def decided_before(trigger: Token, when: str | None, published: dt.date | None) -> bool:
    """Whether the trigger is what a decision dated before the text's own day decided: reported as history,
    it was carried out ("the 2016 decision to deploy"; not "Xi's decision to host Lee")."""
    head = trigger.head
    return bool(trigger.dep_ == "acl" and head.lemma_.lower() in cues().decision_nouns and when and published
                and when < published.isoformat()[: len(when)])


def decide_modality(trigger: Token, triggers: set[int], when: str | None, date_text: str | None,
                    published: dt.date | None, read: ModalityReading | None = None) -> ModalityReading:
    """The trigger's modality, from its `reading` (`read`, when the caller has it) and its date."""
    r = read if read is not None else reading(trigger, triggers)
    if r.modality == "desired" and r.cue == "to" and decided_before(trigger, when, published):
        return ModalityReading("asserted", True, False)  # "South Korea's 2016 decision to deploy the system"
    if r.modality != "asserted" or is_past(trigger):
        return r
    future_words = cues().future_time
    words = date_text.lower().split() if date_text else []
    if any(w in future_words for w in words):
        return ModalityReading("planned", False, False, date_text)
    if trigger.pos_ == "NOUN" and "this" in words and {"week", "weekend"} & set(words):
        # "Lee's visit to Beijing this weekend", with no past-tense verb over it
        return ModalityReading("planned", False, False, date_text)
    if when and published and after(when, published):
        return ModalityReading("planned", False, False, date_text)
    return r


def paragraph_sentences(doc: Doc) -> list[Span]:
    """The parser's sentences, cut again at paragraph breaks: a headline is its own sentence even when
    the parser ran it into the first line of the body."""
    out: list[Span] = []
    breaks = paragraph_breaks(doc)
    for sent in sentences(doc):
        start = sent.start
        for i in breaks[bisect.bisect_left(breaks, sent.start) : bisect.bisect_left(breaks, sent.end)]:
            if i > start:
                out.append(doc[start:i])
            start = i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return out


@component("events", requires=["actors", "mentions"], assigns=["events"])
def run(ctx: DocContext) -> None:
    doc = ctx.doc
    sents = paragraph_sentences(doc)
    if not sents:
        return
    state = _DocState(ctx, sents)
    found: dict[int, list[Match]] = {}
    for i in may_match_at(doc):
        if ms := matches(doc[i], state.actor_state):
            found[i] = ms
    # the best frame of a word decides what it absorbs
    consumer = {i: t for t, ms in found.items() for i in ms[0].consumed if i != t}
    cancelling = word_lists().get("cancelling_verbs", frozenset())
    triggers = set(found)
    in_order = sorted(found)
    state.force_nouns = {i for i, ms in found.items() if ms[0].entry.pos == "noun" and ms[0].entry.root in roots().force}
    for si, sent in enumerate(sents):
        emitted: set[int] = set()
        deferred: list[Token] = []
        for tok in (doc[i] for i in in_order[bisect.bisect_left(in_order, sent.start) : bisect.bisect_left(in_order, sent.end)]):
            if tok.i in consumer:
                deferred.append(tok)
            elif emit_best(state, si, sent, tok, found[tok.i], triggers) or (
                    (offer := offered_roles(tok, state.idx)) is not None
                    and emit(state, si, sent, tok, found[tok.i][0], triggers, offer)):
                emitted.add(tok.i)
        # an absorbed noun or complement speaks for itself when the word that absorbed it found no parties,
        # unless that word ends or refuses it ("suspended its mediation" is no mediation); words that absorb
        # others come first ("threatened to end its mediation": the threat, then the ending, then the mediation)
        for tok in sorted(deferred, key=lambda t: absorbed_depth(t.i, consumer)):
            by = doc[consumer[tok.i]]
            if by.i in emitted and (offer := offered_roles(tok, state.idx)) is not None:
                # "Tehran rejected Washington's offer of talks": the offer was made
                emit(state, si, sent, tok, found[tok.i][0], triggers, offer)
                emitted.add(tok.i)
                continue
            if by.i in emitted or by.lemma_.lower() in cancelling:
                emitted.add(tok.i)  # what it absorbs is spoken for too
                continue
            if emit_best(state, si, sent, tok, found[tok.i], triggers):
                emitted.add(tok.i)


def absorbed_depth(i: int, consumer: dict[int, int]) -> int:
    """How many words absorb this one, one inside the other."""
    depth = 0
    while i in consumer and depth < 8:
        i, depth = consumer[i], depth + 1
    return depth


def emit_best(st: _DocState, si: int, sent: Span, tok: Token, ms: list[Match], triggers: set[int]) -> int:
    """Code a word with its best frame; a use of force that finds no target falls back to a show-of-force
    frame of the same word ("fired missiles into the sea" is no attack on anyone)."""
    added = emit(st, si, sent, tok, ms[0], triggers)
    if added or ms[0].entry.root not in roots().force:
        return added
    # force with nobody on the receiving end is a show of force
    for m in ms[1:]:
        if m.entry.root in roots().always_self and (added := emit(st, si, sent, tok, m, triggers)):
            return added
    return 0


class _DocState:
    """What the stage computes once per document."""

    def __init__(self, ctx: DocContext, sents: list[Span]) -> None:
        self.ctx = ctx
        self.idx = PartyResolver(ctx, event_noun=lambda lemma: ("noun", lemma) in lexicon())
        self.sentence_states = states_by_sentence(ctx, sents)
        self.date_ents = timing.date_entities(ctx.doc)
        self.published = ctx.document.published
        self.restated = Restatements()
        self.force_nouns: set[int] = set()  # uses of force named by a noun ("the attack")

    def actor_at(self, tok: Token) -> Actor | None:
        """The document actor a word stands for, if any."""
        party = self.idx.at(tok)
        return None if party is None else self.ctx.actor(party.key)

    def actor_state(self, tok: Token) -> str | None:
        """The state a word stands for ("" for an actor with none), None when it names no actor (frames'
        `@actor` and `@state` values)."""
        party = self.idx.at(tok)
        return None if party is None else party.state or ""


def emit(st: _DocState, si: int, sent: Span, tok: Token, m: Match, triggers: set[int],
         given: Roles | None = None) -> int:
    """Code the events of one trigger (with `given` roles, when the caller read them); returns how many it
    coded (restatements of earlier ones included)."""
    entry = m.entry
    doc = tok.doc
    if entry.pos == "verb" and entry.root in roots().force and any(
            s.i in st.force_nouns for s in verb_subjects(tok)):
        return 1  # "Hamas's attack on Israel killed hundreds": the killing is the attack, coded once
    if entry.pos == "noun" and tok.dep_ == "attr" and any(
            s.i in triggers and s.pos_ == "NOUN" for s in verb_subjects(tok.head)):
        return 0  # "the visit will be their second meeting": the meeting is the visit, told again
    anchor = tok
    if given is not None:
        roles = given
    elif entry.pos == "verb" and tok.lemma_.lower() in role_words().undergo_verbs:
        roles, anchor = undergo_roles(tok, st.idx)  # "urged X to act or face sanctions": a threat to X
    elif entry.pos == "verb":
        roles = verb_roles(tok, entry.code, st.idx, [doc[i] for i in m.consumed])
        if not roles.targets and (offer := refused_offer(tok, st.idx)) is not None:
            roles = Roles(roles.sources, offer.sources, roles.group)  # the refusal answers whoever offered
        if tok.lemma_.lower() in role_words().experiencer_verbs:  # "X's remarks angered Y": Y disapproves of X
            roles = Roles(roles.targets, roles.sources, roles.group)
    elif entry.pos == "adj":
        roles = adj_roles(tok, st.idx)
    else:
        roles = noun_roles(tok, entry.code, st.idx, triggers)
        # "will host X on a visit": the visit is as planned as the hosting; "urged Y to accept a U.S.-proposed
        # ceasefire": the proposing is done, whatever Y is asked to do
        anchor = hosting_verb(tok) or (proposal(tok) if entry.code in roots().mediation else None) or tok
    found = pairs(roles, entry.code, tok)
    if not found:
        return 0
    code = entry.code
    first: ModalityReading | None = None
    if (intent := intent_code(tok, code)) is not None:
        code, anchor = intent  # "aims to engage China": the expressed intent is the event
    elif (own := own_call(tok, code, (first := reading(anchor, triggers)).modality, roles.sources, st.idx)) is not None:
        code, anchor = own  # "Berlin said talks with Beijing must continue": Berlin's intent to talk
        first = None  # read again, at the verb of saying
    if first is None:
        first = reading(anchor, triggers)
    dated = timing.own_date(tok, sent, st.date_ents, st.published,
                            first.modality in role_words().future_dated_modalities)
    date_span, resolved = dated if dated is not None else (None, None)
    r = decide_modality(anchor, triggers, resolved.when if resolved else None,
                        date_span.text if date_span is not None else None, st.published, first)
    added = sum(store(st, si, sent, tok, source, target, code, r, resolved, date_span) for source, target in found)
    # "Ottawa said it would impose tariffs on Mexico": the saying threatens what it says
    if added and (threat := threatened(tok, code, r.modality, roles.sources, st.idx)) is not None:
        said, threat_code = threat
        told = reading(said, triggers)
        said_dated = timing.own_date(said, sent, st.date_ents, st.published, False)
        said_span, said_when = said_dated if said_dated is not None else (None, None)
        for source, target in found:
            store(st, si, sent, said, source, target, threat_code, told, said_when, said_span)
    return added


def store(st: _DocState, si: int, sent: Span, tok: Token, source: Party, target: Party | None, code: str,
          r: ModalityReading, resolved: dates.ResolvedDate | None, date_span: Span | None) -> int:
    """Store one event of a trigger when it has a state-level pair and is no restatement; 1 when it has a pair."""
    ctx = st.ctx
    root = code[:2]
    states = state_pair(ctx, source, target, root, tok, st.sentence_states[si] - {source.state})
    if states is None:
        return 0
    code_here = code
    if code in role_words().at_home_codes and states[0] and placed_at_home(tok, states[0]):
        code_here = role_words().at_home_codes[code]  # "convene a meeting in Beijing": China hosts it
    if code in role_words().irregular_force_codes and is_armed_group(ctx, source) and not (
            target is not None and is_official(ctx, target) and target.state):
        code_here = role_words().irregular_force_codes[code]  # "rebels attacked villages"
    when = resolved.when if resolved else None
    precision = resolved.precision if resolved else None
    # no date of its own: the past term of office the text places it in, if any ("under former President X")
    term = None if resolved else terms.term_of(tok, tok.doc[source.token], st.actor_at, st.published)
    if term is not None:
        when, precision = term.when, "day"
    background = timing.is_background_phrase(tok, date_span)
    # a state said to hold since some time ("the ban in place since 2016") is the same state whenever it
    # began: as a restatement it is compared without that date
    restated_when = None if background else when
    threat_roots = {c[:2] for c in role_words().threat_codes.values()}
    what = what_of(tok) if code_here[:2] in threat_roots else None  # two things threatened are two threats
    if not st.restated.first(si, source, target, states, code_here, r.realis, restated_when, what):
        return 1  # a restatement still counts as coded: the word found its parties
    info = code_info(code_here)
    ctx.result.events.append(
        Event(
            source_actor=source.key,
            target_actor=target.key if target else None,
            source=states[0],
            target=states[1],
            code=code_here,
            root=code_here[:2],
            trigger=tok.text,
            realis=r.realis,
            modality=r.modality,
            negated=r.negated,
            when=when,
            when_precision=precision,
            goldstein=info.goldstein if info else None,
            quad_class=info.quad_class if info else None,
            plover=info.plover if info else None,
            evidence=ctx.span_evidence(sent),
            trigger_evidence=ctx.span_evidence(tok),
            source_evidence=ctx.evidence(source.start, source.end),
            target_evidence=ctx.evidence(target.start, target.end) if target else None,
            background=background,
            when_text=date_span.text if date_span is not None else None,
            when_until=term.until if term is not None else None,
        )
    )
    return 1
