"""The `quotes` component: direct, partial and indirect quotations with their speakers.

A quotation is the words between a pair of quotation marks (straight or curly)
on one line. Its speaker comes from the attribution around it, in this order:
a speech verb after it ("...," she said / said Kim), a speech verb or
"according to" before it in the same sentence (Lee said his visit would "..."),
or, for a quotation that is a sentence of its own, the sentence before it
(a speech verb, a colon, an earlier quotation by the same speaker, or a name
with its description: "..., Kim Min-su, a professor at Y."). A quotation split
by its attribution ("A," he said, "B.") is two quotations with one speaker.
Quotations of fewer than four words and quotations that are part of a sentence
of the writer's are `partial`. Reported speech with no quotation marks
("Wi told reporters that ...", "according to X, ...") is `indirect`.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.quotes.attribution import attribution_after, attribution_before
from dyad.extract.quotes.discourse import Said, bare_quotation
from dyad.extract.quotes.indirect import indirect_quotes
from dyad.extract.quotes.speakers import Speaker
from dyad.extract.quotes.window import (
    SENT_END,
    Marked,
    Quoted,
    is_speech_verb,
    left_tokens,
    marked,
    outside_words,
    own_right,
    right_tokens,
    split_swallowed,
)
from dyad.extract.quotes.words import speech_words
from dyad.extract.registry import component
from dyad.records import Quote

MIN_WORDS = 4
MAX_BARE = 6  # words of a capitalised attribution after a quoted full stop ("...?" Ilse Brandt said.)
DIRECT_BEFORE = frozenset({":", ",", "\u2014", "\u2013", "-"})


class _Near(NamedTuple):
    """The words around one quotation that its rules read: the sentence before it (`left_tokens`), those
    outside quotation marks, the tokens after it up to the next quotation (`own_right`), those outside."""

    left: list[Token]
    left_words: list[Token]
    right: list[Token]
    right_words: list[Token]


def _kind(text: str, left_words: list[Token], before_char: str) -> str:
    if len(text.split()) < MIN_WORDS:
        return "partial"
    if not left_words or before_char in DIRECT_BEFORE:
        return "direct"
    return "partial"


def _is_term(ctx: DocContext, m: Marked, near: _Near, after: list[Token], quoted: Quoted) -> bool:
    """A name or term in quotation marks, nobody's words: after "so-called", "known as", "dubbed"
    (speech_verbs.yaml `terms`), or a modifier inside a noun phrase (the “one country” model).
    `after` is every token after the closing mark up to the end of the sentence (`right_tokens`)."""
    words = [t.lower_ for t in near.left_words]
    if any(tuple(words[-len(p) :]) == p for p in speech_words().terms):
        return True
    nxt = next((t for t in after if not t.is_space), None)
    prev = near.left[-1] if near.left else None
    return (
        m.closed
        and prev is not None
        and (prev.pos_ in ("DET", "ADJ") or prev.tag_ in ("PRP$", "POS"))
        and nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN")
        and nxt.idx not in quoted
        and ctx.document.text[m.start : m.end][-1:].isalnum()
    )


def _bare_attribution(after: list[Token]) -> bool:
    """After a quoted full stop or question mark, a capitalised "Kim said." is still its attribution:
    a few words, a speech verb that reports nothing else, then the sentence ends."""
    words = after[:MAX_BARE]
    verb = next((t for t in words if is_speech_verb(t) and t.tag_ in ("VBD", "VBZ")), None)
    if verb is None or any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i for c in verb.children):
        return False
    rest = verb.doc[verb.i + 1 : verb.sent.end]
    return all(t.is_punct or t.dep_ in ("npadvmod", "advmod", "prep", "pobj", "det", "compound", "amod") for t in rest)


def _standalone(left_words: list[Token]) -> bool:
    """A quotation that is its sentence, but for a connective before it ("But “...”")."""
    return all(t.lower_ in speech_words().connectives for t in left_words)


def direct_quotes(ctx: DocContext) -> list[Quote]:
    doc, text = ctx.doc, ctx.document.text
    marks = split_swallowed(doc, marked(text))
    quoted = Quoted(marks)
    out: list[Quote] = []
    history: list[Said] = []
    for m in marks:
        left = left_tokens(doc, m.open, quoted)
        left_words = outside_words(left, quoted)
        after = right_tokens(doc, m.close, quoted)
        right = own_right(after, quoted)
        near = _Near(left, left_words, right, outside_words(right, quoted))
        speaker = None if _is_term(ctx, m, near, after, quoted) else _attribute(ctx, m, near, quoted, history)
        speaker = speaker or Speaker(None, None, None)
        before = text[: m.open].rstrip()[-1:] if text[: m.open].strip() else ""
        words = text[m.start : m.end]
        out.append(
            Quote(
                text=words,
                kind=_kind(words, [] if _standalone(left_words) else left_words, before),  # type: ignore[arg-type]
                speaker=speaker.name,
                speaker_actor=speaker.actor_key,
                evidence=ctx.evidence(m.start, m.end),
                speaker_evidence=speaker.evidence,
            )
        )
        history.append(Said(m, speaker, _turn(near, history, speaker)))
    _continued(out, history)
    return out


def _attribute(ctx: DocContext, m: Marked, near: _Near, quoted: Quoted, history: list[Said]) -> Speaker | None:
    """The speaker of one quotation: its own attribution in its sentence, else, for a quotation that
    is a sentence of its own, what the paragraph before says (discourse.py)."""
    text, left, left_words, right, after = ctx.document.text, near.left, near.left_words, near.right, near.right_words
    # after a quoted full stop, only a lower-case attribution belongs to it ("...over.\u201d she said")
    ended = text[m.start : m.close].rstrip()[-1:] in SENT_END
    after_ok = not ended or bool(after) and (after[0].text[:1].islower() or _bare_attribution(after))
    standalone = _standalone(left_words)
    speaker = attribution_after(ctx, right, quoted, m.open, standalone) if after_ok else None
    if speaker is None and left_words and not standalone:
        speaker = attribution_before(ctx, left, quoted, m.open)
    if speaker is None and standalone:
        speaker = bare_quotation(ctx, left, m, quoted, history)
    return speaker


def _turn(near: _Near, history: list[Said], speaker: Speaker) -> bool:
    """Whether a quotation is a turn of an exchange: its attribution asks or answers ("asked Kim",
    "replied Lee", speech_verbs.yaml `exchange`), or it took its speaker as the next turn of one."""
    verbs = [t for t in near.left_words + near.right_words if t.pos_ in ("VERB", "AUX")]
    if any(t.lemma_.lower() in speech_words().exchange and t.tag_ in ("VBD", "VBZ", "VBP") for t in verbs):
        return True
    last = history[-1] if history else None
    return bool(last and last.turn and speaker.name and speaker.name != last.speaker.name and not verbs)


def _continued(quotes: list[Quote], history: list[Said]) -> None:
    """An unclosed quotation with no speaker of its own is spoken by whoever speaks the quotation
    that continues it (the next paragraph's)."""
    for k in range(len(history) - 2, -1, -1):
        said, nxt = history[k], history[k + 1]
        if said.mark.closed or quotes[k].speaker or not quotes[k + 1].speaker:
            continue
        quotes[k] = quotes[k].model_copy(
            update={"speaker": quotes[k + 1].speaker, "speaker_actor": quotes[k + 1].speaker_actor, "speaker_evidence": quotes[k + 1].speaker_evidence}
        )
        history[k] = Said(said.mark, nxt.speaker, said.turn)


@component("quotes", requires=["actors", "mentions"], assigns=["quotes"])
def run(ctx: DocContext) -> None:
    marks = Quoted(split_swallowed(ctx.doc, marked(ctx.document.text)))
    seen: set[tuple[int, int]] = set()
    for quote in [*direct_quotes(ctx), *indirect_quotes(ctx, marks)]:
        key = (quote.evidence.start, quote.evidence.end)
        if key not in seen:
            seen.add(key)
            ctx.result.quotes.append(quote)
