"""The `events` component: CAMEO-coded interactions between states, with realis, modality, date and intensity.

For each sentence: find triggers (lexicon), read their source and target
(roles, parties), resolve them to states through the actor layer, decide realis
and modality (modality), attach the sentence's date expression (dates), and
look up Goldstein, QuadClass and PLOVER from the code table. Which kinds of
event are symmetric, self-directed or shows of force is data (codes).

Pairing rules (docs/data-events.md):
- conjoined sources and targets expand: "China and Japan criticised X" is two events;
- a multi-party event of a symmetric kind (intent, consultation, cooperation,
  agreement) with no separate target, or "talks between X, Y and Z", becomes
  one event per pair of distinct states, in the order they are named;
- an event without a state target keeps the source's own code as target only
  for statements and protests when no other state is named in the sentence
  (a statement to reporters) and for shows of force (a missile test);
  otherwise it is left out, as is an event without a source state;
- one event per (sentence, source, target, root): the first trigger wins.
"""

from __future__ import annotations

import bisect
import datetime as dt
from itertools import combinations

from spacy.tokens import Doc, Span, Token

from dyad.extract.common.context import DocContext
from dyad.extract.events import timing
from dyad.extract.events.codes import is_symmetric, role_words, roots
from dyad.extract.events.lexicon import Match, code_info, matches, word_lists
from dyad.extract.events.modality import ModalityReading, cues, intent_code, is_past, reading
from dyad.extract.events.parties import ActorIndex, Party, unique
from dyad.extract.events.roles import Roles, adj_roles, noun_roles, verb_roles
from dyad.extract.registry import component
from dyad.records import Event


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


def distinct_states(parties: list[Party]) -> list[Party]:
    seen: set[str | None] = set()
    out = []
    for p in parties:
        if p.state not in seen:
            seen.add(p.state)
            out.append(p)
    return out


def mutual_intent(trigger: Token) -> bool:
    """Whether an intent is about the parties' own relations ("pledged closer cooperation")."""
    words = word_lists().get("mutual_objects", frozenset())
    return any(t.lemma_.lower() in words for t in trigger.subtree)


def pairs(roles: Roles, code: str, trigger: Token) -> list[tuple[Party, Party | None]]:
    """(source, target) pairs of one trigger, expanded as the module docstring says."""
    sources = [p for p in roles.sources if p.state]
    targets = [p for p in roles.targets if p.state]
    lemma = trigger.lemma_.lower()
    mutual = is_symmetric(code) or lemma in word_lists().get("reciprocal", frozenset())
    if mutual and code[:2] in roots().intent and not mutual_intent(trigger):
        mutual = False
    if mutual and roles.group:
        everyone = distinct_states(unique(sources + [p for p in roles.group if p.state] + targets))
        return [(a, b) for a, b in combinations(everyone, 2)]
    if not sources and mutual and len(distinct_states(targets)) > 2:  # "a conference with diplomats from A, B and C"
        return [(a, b) for a, b in combinations(distinct_states(targets), 2)]
    if not sources:
        return []
    if not targets and mutual and len(distinct_states(sources)) > 1:
        return [(a, b) for a, b in combinations(distinct_states(sources), 2)]
    if not targets:
        return [(s, None) for s in sources]
    return [(s, t) for s in sources for t in targets]


def after(when: str, published: dt.date) -> bool:
    """Whether a resolved date lies after the publication date at its own precision."""
    return when > published.isoformat()[: len(when)]


def decide_modality(trigger: Token, triggers: set[int], when: str | None, date_text: str | None,
                    published: dt.date | None) -> ModalityReading:
    r = reading(trigger, triggers)
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
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    out.append(doc[start : tok.i])
                start = tok.i + 1
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
    for tok in doc:
        ms = matches(tok)
        if ms:
            found[tok.i] = ms
    # the best frame of a word decides what it absorbs
    consumer = {i: t for t, ms in found.items() for i in ms[0].consumed if i != t}
    triggers = set(found)
    for si, sent in enumerate(sents):
        emitted: set[int] = set()
        deferred: list[Token] = []
        for tok in sent:
            if tok.i not in found:
                continue
            if tok.i in consumer:
                deferred.append(tok)
            elif emit_best(state, si, sent, tok, found[tok.i], triggers):
                emitted.add(tok.i)
        # an absorbed noun or complement speaks for itself when the word that absorbed it found no parties
        for tok in deferred:
            if consumer[tok.i] not in emitted:
                emit_best(state, si, sent, tok, found[tok.i], triggers)


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
        self.idx = ActorIndex(ctx)
        self.sentence_states = states_by_sentence(ctx, sents)
        self.date_ents = timing.date_entities(ctx.doc)
        self.published = ctx.document.published
        self.seen: set[tuple] = set()


def emit(st: _DocState, si: int, sent: Span, tok: Token, m: Match, triggers: set[int]) -> int:
    """Code the events of one trigger; returns how many were added."""
    ctx, entry = st.ctx, m.entry
    doc = tok.doc
    if entry.pos == "verb":
        roles = verb_roles(tok, entry.code, st.idx, [doc[i] for i in m.consumed])
    elif entry.pos == "adj":
        roles = adj_roles(tok, st.idx)
    else:
        roles = noun_roles(tok, entry.code, st.idx, triggers)
    found = pairs(roles, entry.code, tok)
    if not found:
        return 0
    code, anchor = entry.code, tok
    if (intent := intent_code(tok, code)) is not None:
        code, anchor = intent  # "aims to engage China": the expressed intent is the event
    root = code[:2]
    first = reading(anchor, triggers)
    dated = timing.own_date(tok, sent, st.date_ents, st.published,
                            first.modality in role_words().future_dated_modalities)
    date_span, resolved = dated if dated is not None else (None, None)
    r = decide_modality(anchor, triggers, resolved.when if resolved else None,
                        date_span.text if date_span is not None else None, st.published)
    info = code_info(code)
    added = 0
    self_target, always_self = roots().self_target, roots().always_self
    for source, target in found:
        if target is None:
            others = st.sentence_states[si] - {source.state}
            if root not in self_target or (others and root not in always_self):
                continue
            target_state = source.state
        else:
            target_state = target.state
            if target_state == source.state and target.anaphor:
                continue  # "stations troops in the country": the anaphor points back at the wrong state
            # a state acting on its own people or officials is domestic, outside the dyads the layer codes,
            # except for the self-directed kinds above
            if target_state == source.state and (root not in self_target or st.sentence_states[si] - {source.state}):
                continue
        key = (si, source.state, target_state, root)
        if key in st.seen:
            continue
        st.seen.add(key)
        added += 1
        ctx.result.events.append(
            Event(
                source_actor=source.key,
                target_actor=target.key if target else None,
                source=source.state,
                target=target_state,
                code=code,
                root=root,
                trigger=tok.text,
                realis=r.realis,
                modality=r.modality,
                negated=r.negated,
                when=resolved.when if resolved else None,
                when_precision=resolved.precision if resolved else None,
                goldstein=info.goldstein if info else None,
                quad_class=info.quad_class if info else None,
                plover=info.plover if info else None,
                evidence=ctx.span_evidence(sent),
                trigger_evidence=ctx.span_evidence(tok),
                source_evidence=ctx.evidence(source.start, source.end),
                target_evidence=ctx.evidence(target.start, target.end) if target else None,
                background=timing.is_background_phrase(tok, date_span),
                when_text=date_span.text if date_span is not None else None,
            )
        )
    return added
