"""Which figures are claims: not dates, times, ages, labels, list numbers or words that refer back."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from dyad.extract.claims.figures import Figure, unit_of_noun
from dyad.extract.claims.words import number_words, units
from dyad.extract.common.doccache import entities

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
    "nov nov. dec dec. monday tuesday wednesday thursday friday saturday sunday".split()
)
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
CLOCK = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "hrs"})
NOUNS = frozenset({"NOUN", "PROPN"})
HYPHEN_MARKS = ("-", "\u2013")
OPENERS = frozenset({"\u201c", '"', "(", "[", "\u2018", "'", "\u2014", ":"})  # after these a capital only opens a phrase


def is_date_or_time(doc: Doc, fig: Figure, unit: str | None) -> bool:
    tok = doc[fig.number_start]
    if fig.unit is None and YEAR.match(tok.text) and unit is None:
        return True
    if tok.ent_type_ == "TIME" and unit not in units().durations:
        return True  # "at 10:30", not "18 hours"
    if tok.ent_type_ == "DATE" and fig.unit is None:
        ent = next((e for e in entities(doc) if e.start <= tok.i < e.end), None)
        if ent is not None and any(t.lower_ in MONTHS or YEAR.match(t.text) for t in ent):
            return True
    near = {doc[k].lower_ for k in (fig.number_start - 1, fig.end) if 0 <= k < len(doc)}
    if near & MONTHS or near & CLOCK:
        return True
    return fig.end < len(doc) and doc[fig.end].text == ":" and fig.end + 1 < len(doc) and doc[fig.end + 1].is_digit


def is_label_or_list(doc: Doc, fig: Figure, sent: Span) -> bool:
    i = fig.number_start
    prev = doc[i - 1] if i > sent.start else None
    if fig.qualifier or fig.unit in units().currency_symbols.values():
        return False
    if prev is not None:
        if prev.lower_ in number_words().labels:
            return True
        # a capitalised word right before a bare number names a model or place: "Ascend 950", "Lane 60"
        if prev.is_title and prev.i > sent.start and prev.pos_ in NOUNS | {"VERB", "ADJ"} and not prev.ent_type_ == "DATE":
            return True
        # a word in capitals right before it is a designation: "MK 29", "T 90"
        if prev.is_upper and prev.is_alpha and not fig.spelled:
            return True
    # a number opening its line and followed by "." or ")" numbers a list item; the check reads the
    # previous token, since Doc.text rebuilds the whole text on every access
    before = doc[fig.start - 1] if fig.start > 0 else None
    opens_line = before is None or (before.is_space and "\n" in before.text)
    return opens_line and fig.end < len(doc) and doc[fig.end].text in (".", ")")


def is_age(doc: Doc, fig: Figure) -> bool:
    i, j = fig.number_start, fig.end
    if i > 0 and doc[i - 1].lower_ in ("aged", "age"):
        return True
    if j + 2 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in ("year", "years") and doc[j + 2].text == "-":
        return True
    if j + 1 < len(doc) and doc[j].lower_ in ("years", "year") and doc[j + 1].lower_ == "old":
        return True
    return 1 < i and doc[i - 1].text == "," and doc[i - 2].ent_type_ == "PERSON" and j < len(doc) and doc[j].text == ","


def is_claim(doc: Doc, fig: Figure, noun: Token | None, sent: Span) -> bool:
    """Whether a figure measures something: it has a unit or counts a noun, and is none of the above."""
    un, nw = units(), number_words()
    unit = fig.unit or (unit_of_noun(noun)[0] if noun is not None else None)
    if unit is None:
        return False
    if is_date_or_time(doc, fig, unit) or is_label_or_list(doc, fig, sent) or is_age(doc, fig):
        return False
    nxt = doc[fig.end] if fig.end < len(doc) else None
    if nxt is not None and nxt.text in HYPHEN_MARKS and fig.unit is None:
        return False  # "three-way talks", "26-27" (read as a range before this check)
    if fig.number_start > 0 and doc[fig.number_start - 1].text in (*HYPHEN_MARKS, "/"):
        return False
    number = doc[fig.number_start]
    opens = number.is_sent_start or (number.i > 0 and doc[number.i - 1].text in OPENERS)
    if fig.spelled and number.is_title and not opens and doc[fig.start].i == number.i:
        return False  # a spelled number in a name or title: "Zero Sum", "the Group of Seven"
    if fig.spelled and not fig.qualifier and not fig.collective and fig.unit is None:
        before = doc[fig.start - 1].lower_ if fig.start > sent.start else ""
        if before in nw.referring and fig.value <= nw.referring_max:
            return False  # "the two leaders" refers back, it does not count
        if fig.value < nw.spelled_count_min and unit not in un.durations and unit in un.descriptive:
            return False  # "two meetings" describes
        if fig.value == 1:
            return False
    return True
