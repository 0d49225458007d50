"""Where the author asserts no relation: a cue inside what someone dismisses or alleges.

"X dismissed talk of a rivalry with Y", "Y denied reports of an alliance", "amid speculation
about a partnership", "X accused Y of arming Z": the cue is someone's view or a rumour the
author reports, so it is neither asserted (+) nor denied (-) in the author's voice.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.extract.relations.words import relation_words

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
MAX_HOPS = 8


def unasserted(tok: Token, sent: Span) -> bool:
    """Whether the cue sits under a dismissal verb's object, a rumour noun, or an allegation."""
    words = relation_words()
    node = tok
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
        node = head
    return False
