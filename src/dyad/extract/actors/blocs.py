"""Named groupings of states that are no international body: "the P5", "the Nordic countries", "Five Eyes".

A grouping that also acts as a body (the G7, NATO, the Quad) is found with the
international bodies (igos.tsv); the others in groups.yaml are found here by
their names, as written, and become one actor each, keyed `grouping:KEY`, so
that later stages can expand them into the states that belonged to them on the
document's date (`dyad.codes.members_on`).
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyad.codes import groupings
from dyad.extract.actors.drafts import Registry
from dyad.extract.actors.lexicon import igos, spellings, strip_article
from dyad.extract.actors.states import phrase_doc

# groups.yaml kinds that are a set of states rather than a body with a name of its own
REGION_KINDS = {"region"}

_MATCHERS: dict[int, PhraseMatcher] = {}


def _matcher(vocab) -> PhraseMatcher:
    if id(vocab) not in _MATCHERS:
        matcher = PhraseMatcher(vocab, attr="ORTH")
        for group in groupings().values():
            if group.igo in igos():
                continue  # found as an international body
            for form in {spelt for f in group.forms for spelt in spellings(strip_article(f))}:
                matcher.add(group.key, [phrase_doc(vocab, form)])
        _MATCHERS[id(vocab)] = matcher
    return _MATCHERS[id(vocab)]


def find_blocs(doc: Doc, reg: Registry, taken: set[int]) -> None:
    """Groupings named in the document, outside tokens already taken by states and bodies."""
    found = [Span(doc, start, end, label=match_id) for match_id, start, end in _matcher(doc.vocab)(doc)]
    for span in filter_spans(found):
        group = groupings().get(span.label_)
        if group is None or taken.intersection(range(span.start, span.end)):
            continue
        kind = "group" if group.kind in REGION_KINDS else "organization"
        draft = reg.ensure(f"grouping:{group.key}", span.text, kind, role=group.kind)  # named as first written
        reg.mention(draft.key, span.start_char, span.end_char, "name" if span.text == group.name else "alias")
