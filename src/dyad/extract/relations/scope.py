"""Where the author asserts no relation: a cue inside what someone dismisses or alleges.

"X dismissed talk of a rivalry with Y", "Y denied reports of an alliance", "amid speculation
about a partnership", "the possibility of restoring cooperation", "X accused Y of arming Z": the
cue is someone's view, a rumour or a mere possibility the author reports, so it is neither
asserted (+) nor denied (-) in the author's voice. Working together that a subject pledges, plans
or hopes for ("the leaders pledged to increase cooperation") is an intention, not a standing
relation; a standing relation named inside one ("vowed to deepen their alliance") still stands.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.extract.relations.words import relation_words

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
MAX_HOPS = 8
CLAUSES = frozenset({"advcl", "relcl", "acl", "ccomp", "parataxis", "csubj", "conj"})


def unasserted(tok: Token, sent: Span, activity: bool = False) -> bool:
    """Whether the cue sits under a dismissal verb's object, a rumour noun or an allegation; for a cue that
    names an activity ("cooperation"), also under an intention."""
    words = relation_words()
    node = tok
    crossed = False  # a clause boundary below: "aims to restore ties, acknowledging X as a partner"
    for _ in range(MAX_HOPS):
        head = node.head
        if head is node or not (sent.start <= head.i < sent.end):
            return False
        lemma = head.lemma_.lower()
        if head.pos_ in ("NOUN", "PROPN") and lemma in words.dismissed_nouns and node.dep_ in ("prep", "pobj", "acl"):
            return True  # "talk of a rivalry", "reports of an alliance"
        if head.pos_ == "VERB" and node.dep_ not in SUBJECTS:
            if lemma in words.dismissals or lemma in words.allegations:
                return True
            if activity and lemma in words.intentions and node.dep_ == "xcomp" and not crossed:
                return True  # "pledged to increase cooperation": an intention, not a standing relation
        crossed = crossed or node.dep_ in CLAUSES
        node = head
    return False
