"""Where a person's name begins and ends.

Honorifics, titles and stray words are left out; parts the small model cuts off
are put back ("Yoon Suk" + "-yeol", "Ursula von" + "der Leyen").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.extract.actors import lexicon
from dyad.extract.actors.titles import title_words
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
    start, end = ent.start, ent.end
    # "Ahn" + "So-young": a capitalised word right after a name, joined by a hyphen to a lower-case one
    while (
        end + 2 < len(doc)
        and doc[end].is_title
        and doc[end].is_alpha
        and doc[end - 1].ent_type_ == "PERSON"
        and doc[end + 2].is_lower
        and doc[end + 2].is_alpha
        and doc[end + 1].text in {"-", "\u2010", "\u2011"}
        and not doc[end].whitespace_
        and doc[end].text not in lexicon.gazetteer().forms
        and "\n" not in doc[end - 1].whitespace_
    ):
        end += 1
    # "Yoon Suk-yeol" is sometimes cut before the hyphen
    while (
        end + 1 < len(doc)
        and doc[end].text in {"-", "\u2010", "\u2011"}
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    # "Ri" + "Sol Ju": the model sometimes leaves out a name's first word
    while start > 0 and _lost_first_word(doc[start - 1], doc[start]):
        start -= 1
    # "Ursula von" + "der Leyen": a name does not end on a particle
    while end < len(doc) and doc[end - 1].is_alpha:
        here, prev = doc[end], doc[end - 1]
        if prev.lower_ in NAME_PARTICLES and here.is_title and here.is_alpha:
            end += 1
        elif here.lower_ in NAME_PARTICLES and here.is_lower and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 1
        else:
            break
    tw = lexicon.titles()
    while end - start > 1 and (
        doc[start].lower_ in HONORIFICS
        or doc[start].lower_ in tw
        or doc[start].is_lower
        or doc[start].pos_ in {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV", "PUNCT", "NUM"}
        or doc[start].text in lexicon.gazetteer().forms
    ):
        start += 1
    forms = lexicon.gazetteer().forms
    while end - start > 1 and forms.get(doc[end - 1].text, ("", ""))[1] == "metonym":
        end -= 1  # "Erdogan Ankara will ...": a heading's name run into the capital that opens the sentence
    for i in range(start + 1, end):
        if "\n" in doc[i - 1].whitespace_ or "\n" in doc[i].text or _stray(doc[i]):
            end = i
            break
    while end - start > 1 and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _lost_first_word(tok: Token, nxt: Token) -> bool:
    """A capitalised proper noun right before a name, in its sentence, that is nothing else."""
    if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title or not tok.is_alpha or tok.sent.start != nxt.sent.start:
        return False  # Token.sent walks the parse: asked last
    low = tok.lower_
    return not (
        low in HONORIFICS
        or low in lexicon.titles()
        or low in title_words()
        or tok.text in lexicon.gazetteer().forms
        or tok.text in lexicon.known_orgs()
        or (tok.i > 0 and tok.nbor(-1).pos_ == "PROPN")
    )


def _stray(tok: Token) -> bool:
    """A word that cannot continue a name: a function word or a common word written in title case."""
    hyphens = {"-", "\u2010", "\u2011"}
    if tok.text in hyphens or (tok.i > 0 and tok.nbor(-1).text in hyphens):
        return False
    if not tok.whitespace_ and tok.i + 1 < len(tok.doc) and tok.nbor(1).text in hyphens:
        return False  # "So" in "Ahn So-young"
    if tok.lower_ in NAME_PARTICLES:
        return False
    return tok.is_stop or tok.pos_ in {"ADP", "VERB", "AUX", "CCONJ", "SCONJ", "DET", "PRON", "ADV"}
