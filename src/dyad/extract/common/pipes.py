"""spaCy components dyad adds to the model's pipeline: article structure and lemma corrections.

`dyad_paragraphs` runs before the parser and marks sentence starts the parser
must respect: the first word after a line break (a headline, a subheading or a
paragraph is never run into the next line) and the first word after a dateline
("SEOUL, South Korea (Reuters) — "). Character offsets do not change: only
`Token.is_sent_start` is set.

The tokenizer also splits an em dash off whatever it touches: the model's own
rules leave 'policy"—the' as one word; and a hyphen after an abbreviation
("U.S.-proposed"), which the model's rules split only after a letter.

`dyad_lemmas` runs after the lemmatizer and corrects the lemmas the small model
gets wrong for irregular or ambiguous forms ("forgave", "fined", "hoped"), from
src/dyad/data/lemmas.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from dyad.codes import data_text

# an em dash is never part of a word, even against a quotation mark ('the "One China policy"—the recognition');
# a hyphen between an abbreviation's last period and a lower-case word joins two words, as it does after a letter
# ("U.S.-proposed" is "U.S." and "proposed", as "Chinese-funded" already is); before a capital it stays inside a
# name ("the U.S.-Japan NEXT Alliance Initiative")
DASH_INFIXES = ("\u2014", "(?<=[\\w.,!?])[\"\u201d\u2019](?=\u2014)", "(?<=\u2014)[\"\u201c\u2018]",
                "(?<=[A-Z]\\.)-(?=[a-z])")

# an upper-case place at the start of a paragraph, optionally ", Country" and "(Agency)", then a dash
DATELINE = re.compile(r"[A-Z][A-Z .'\-]{1,40}(?:, [A-Z][A-Za-z .'\-]{1,40})?(?: \([A-Za-z .]{1,30}\))? ?[\u2014\u2013-]{1,2} ")


@lru_cache(maxsize=1)
def lemma_fixes() -> dict[tuple[str, str], str]:
    """(lower-case form, coarse tag or "*") -> lemma."""
    out: dict[tuple[str, str], str] = {}
    for line in data_text("lemmas.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        form, pos, lemma = (part.strip() for part in line.split("\t")[:3])
        out[(form.lower(), pos or "*")] = lemma
    return out


def _paragraph_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that open a line (after a whitespace token holding a line break)."""
    return [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]


@Language.component("dyad_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Sentence starts at line breaks and after datelines, set before the parser runs."""
    if not len(doc):
        return doc
    text = doc.text
    for i in [0, *_paragraph_starts(doc)]:
        if i > 0:
            doc[i].is_sent_start = True
        m = DATELINE.match(text, doc[i].idx)
        if m is None:
            continue
        j = next((t.i for t in doc[i:] if t.idx >= m.end()), None)
        if j is not None:
            doc[j].is_sent_start = True
    return doc


@Language.component("dyad_lemmas")
def lemmas(doc: Doc) -> Doc:
    """Lemmas from lemmas.tsv where the model's own are wrong."""
    fixes = lemma_fixes()
    for tok in doc:
        low = tok.lower_
        lemma = fixes.get((low, tok.pos_)) or fixes.get((low, "*"))
        if lemma is not None:
            tok.lemma_ = lemma
    return doc


def add_dyad_pipes(nlp: Language) -> Language:
    """Add both components where they belong (once), if the model has a parser and a lemmatizer; split em
    dashes off the words they touch."""
    infixes = list(nlp.Defaults.infixes or ())
    if isinstance(nlp.tokenizer, Tokenizer) and DASH_INFIXES[0] not in infixes:
        nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, *DASH_INFIXES]).finditer
    names = nlp.pipe_names
    if "dyad_paragraphs" not in names and "parser" in names:
        nlp.add_pipe("dyad_paragraphs", before="parser")
    if "dyad_lemmas" not in names and "lemmatizer" in names:
        nlp.add_pipe("dyad_lemmas", after="lemmatizer")
    return nlp
