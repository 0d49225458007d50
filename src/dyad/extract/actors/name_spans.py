"""Where a person's name begins and ends.

Honorifics, titles and stray words are left out; parts the small model cuts off
are put back ("Yoon Suk" + "-yeol", "Ursula von" + "der Leyen").
"""

from __future__ import annotations

from spacy.parts_of_speech import ADP, ADV, AUX, CCONJ, DET, NUM, PRON, PROPN, PUNCT, SCONJ, VERB
from spacy.tokens import Span

from dyad.extract.actors import lexicon
from dyad.extract.actors.titles import title_words
from dyad.extract.common.tokens import TokenLists, string_id, token_lists
from dyad.extract.common.words import POSSESSIVE

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "madam", "madame"}
# Lower-case words that belong inside names ("Ursula von der Leyen", "Mohammed bin Salman").
NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "dos", "das", "bin", "ibn", "al", "el", "le", "la", "ben", "abu", "ter"}


def clean_name(ent: Span) -> Span:
    """A person's name without honorifics, titles, possessive or stray words, hyphenated parts joined.

    The small model sometimes runs a name into the next line or into a
    headline's capitalised words ("Lee Amid Regional"): the name stops at a
    line break or at the first word that is not a proper noun.
    """
    doc = ent.doc
    t = token_lists(doc)
    n, words, lows, ws = len(doc), t.words, t.lows, t.ws
    forms = lexicon.gazetteer().forms
    start, end = ent.start, ent.end
    # "Ahn" + "So-young": a capitalised word right after a name, joined by a hyphen to a lower-case one
    while (
        end + 2 < n
        and t.title[end]
        and t.alpha[end]
        and t.ents[end - 1] == string_id("PERSON")
        and t.lower[end + 2]
        and t.alpha[end + 2]
        and words[end + 1] in HYPHENS
        and not ws[end]
        and words[end] not in forms
        and "\n" not in ws[end - 1]
    ):
        end += 1
    # "Yoon Suk-yeol" is sometimes cut before the hyphen
    while end + 1 < n and words[end] in HYPHENS and not ws[end - 1] and not ws[end] and t.alpha[end + 1]:
        end += 2
    # "Ri" + "Sol Ju": the model sometimes leaves out a name's first word
    while start > 0 and _lost_first_word(t, start - 1, start):
        start -= 1
    # "Ursula von" + "der Leyen": a name does not end on a particle
    while end < n and t.alpha[end - 1]:
        if lows[end - 1] in NAME_PARTICLES and t.title[end] and t.alpha[end]:
            end += 1
        elif lows[end] in NAME_PARTICLES and t.lower[end] and end + 1 < n and t.title[end + 1]:
            end += 1
        else:
            break
    tw = lexicon.titles()
    while end - start > 1 and (
        lows[start] in HONORIFICS
        or lows[start] in tw
        or t.lower[start]
        or t.pos[start] in _NOT_OPENING
        or words[start] in forms
    ):
        start += 1
    while end - start > 1 and forms.get(words[end - 1], ("", ""))[1] == "metonym":
        end -= 1  # "Erdogan Ankara will ...": a heading's name run into the capital that opens the sentence
    for i in range(start + 1, end):
        if "\n" in ws[i - 1] or "\n" in words[i] or _stray(t, i):
            end = i
            break
    while end - start > 1 and (words[end - 1] in POSSESSIVE or t.punct[end - 1]):
        end -= 1
    return doc[start:end]


HYPHENS = frozenset({"-", "\u2010", "\u2011"})


# Parts of speech a name does not open with, or continue with.
_NOT_OPENING = frozenset(int(p) for p in (VERB, AUX, ADP, DET, PRON, CCONJ, SCONJ, ADV, PUNCT, NUM))
_NOT_GOING_ON = frozenset(int(p) for p in (ADP, VERB, AUX, CCONJ, SCONJ, DET, PRON, ADV))


def _lost_first_word(t: TokenLists, i: int, nxt: int) -> bool:
    """A capitalised proper noun right before a name, in its sentence, that is nothing else."""
    if t.ents[i] or t.pos[i] != PROPN or not t.title[i] or not t.alpha[i] or t.doc[i].sent.start != t.doc[nxt].sent.start:
        return False  # Token.sent walks the parse: asked last
    low = t.lows[i]
    return not (
        low in HONORIFICS
        or low in lexicon.titles()
        or low in title_words()
        or t.words[i] in lexicon.gazetteer().forms
        or t.words[i] in lexicon.known_orgs()
        or (i > 0 and t.pos[i - 1] == PROPN)
    )


def _stray(t: TokenLists, i: int) -> bool:
    """A word that cannot continue a name: a function word or a common word written in title case."""
    if t.words[i] in HYPHENS or (i > 0 and t.words[i - 1] in HYPHENS):
        return False
    if not t.ws[i] and i + 1 < len(t.words) and t.words[i + 1] in HYPHENS:
        return False  # "So" in "Ahn So-young"
    if t.lows[i] in NAME_PARTICLES:
        return False
    return bool(t.stop[i]) or t.pos[i] in _NOT_GOING_ON
