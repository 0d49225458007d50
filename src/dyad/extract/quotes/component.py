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

from spacy.tokens import Token

from dyad.extract.common.context import DocContext
from dyad.extract.quotes.attribution import attribution_after, attribution_before, bare_quotation
from dyad.extract.quotes.indirect import indirect_quotes
from dyad.extract.quotes.speakers import Speaker
from dyad.extract.quotes.window import (
    SENT_END,
    Quoted,
    left_tokens,
    marked,
    outside_words,
    own_right,
    right_tokens,
)
from dyad.extract.registry import component
from dyad.records import Quote

MIN_WORDS = 4
DIRECT_BEFORE = frozenset({":", ",", "\u2014", "\u2013", "-"})


def _kind(text: str, left_words: list[Token], before_char: str) -> str:
    if len(text.split()) < MIN_WORDS:
        return "partial"
    if not left_words or before_char in DIRECT_BEFORE:
        return "direct"
    return "partial"


def direct_quotes(ctx: DocContext) -> list[Quote]:
    doc, text = ctx.doc, ctx.document.text
    marks = marked(text)
    quoted = Quoted(marks)
    out: list[Quote] = []
    last: tuple[Speaker, int] | None = None  # the previous quotation's speaker and closing offset
    for m in marks:
        left = left_tokens(doc, m.open, quoted)
        right = own_right(right_tokens(doc, m.close, quoted), quoted)
        left_words = outside_words(left, quoted)
        # after a quoted full stop, only a lower-case attribution belongs to it ("...over.\u201d she said")
        ended = text[m.start : m.close].rstrip()[-1:] in SENT_END
        after_ok = not ended or bool(outside_words(right, quoted)) and outside_words(right, quoted)[0].text[:1].islower()
        speaker = attribution_after(ctx, right, quoted, m.open, not left_words) if after_ok else None
        if speaker is None:  # an attribution whose speaker cannot be resolved ("they wrote") stays unresolved
            speaker = attribution_before(ctx, left, quoted, m.open) if left_words else None
        if speaker is None and not left_words:
            speaker = bare_quotation(ctx, doc, left, m, quoted, last)
        speaker = speaker or Speaker(None, None, None)
        before = text[: m.open].rstrip()[-1:] if text[: m.open].strip() else ""
        words = text[m.start : m.end]
        kind = _kind(words, left_words, before)
        out.append(
            Quote(
                text=words,
                kind=kind,  # type: ignore[arg-type]
                speaker=speaker.name,
                speaker_actor=speaker.actor_key,
                evidence=ctx.evidence(m.start, m.end),
                speaker_evidence=speaker.evidence,
            )
        )
        if speaker.name:
            last = (speaker, m.close)
    return out


@component("quotes", requires=["actors", "mentions"], assigns=["quotes"])
def run(ctx: DocContext) -> None:
    marks = Quoted(marked(ctx.document.text))
    seen: set[tuple[int, int]] = set()
    for quote in [*direct_quotes(ctx), *indirect_quotes(ctx, marks)]:
        key = (quote.evidence.start, quote.evidence.end)
        if key not in seen:
            seen.add(key)
            ctx.result.quotes.append(quote)
