"""Find states and international bodies in a parsed document.

States are found by their names, aliases, demonyms, capitals and seats of power
(gazetteer.tsv), international bodies by igos.tsv, both with a case-sensitive
spaCy PhraseMatcher so that "US" is a state and "us" is not. Contextual forms
("the North") count only when the document names the states they need.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyad.extract.actors import lexicon
from dyad.extract.common.doccache import entities, lowers, once, texts, token_positions
from dyad.extract.common.words import strip_possessive

# Entities inside which a state name is part of another name ("Seoul National University").
NAME_LABELS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LOC"}


@dataclass(frozen=True)
class PlaceHit:
    """A state or IGO found in the text: `target` is an ISO3 code (state) or an IGO key."""

    start: int  # token index
    end: int
    target: str
    how: str  # name, alias, demonym, metonym, context
    igo: bool = False


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    return spacy.blank("en")


def phrase_doc(vocab, form: str) -> Doc:
    made = _tokenizer().make_doc(form)
    return Doc(vocab, words=[t.text for t in made], spaces=[bool(t.whitespace_) for t in made])


_MATCHERS: dict[int, tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab) -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    """(places, non-actor phrases, long IGO names in any case) matchers for one vocab, built once."""
    key = id(vocab)
    if key not in _MATCHERS:
        places = PhraseMatcher(vocab, attr="ORTH")
        for form, (iso3, how) in lexicon.gazetteer().forms.items():
            places.add(f"state|{iso3}|{how}", [phrase_doc(vocab, form)])
        igo_words = PhraseMatcher(vocab, attr="LOWER")
        for form, igo_key in lexicon.igo_forms().items():
            phrase = phrase_doc(vocab, form)
            places.add(f"igo|{igo_key}|name", [phrase])
            if len(form.split()) > 1:  # "U.N. Refugee Agency": long names match in any case
                igo_words.add(f"igo|{igo_key}|name", [phrase])
        nonactors = PhraseMatcher(vocab, attr="LOWER")
        nonactors.add("nonactor", [phrase_doc(vocab, p.lower()) for p in lexicon.non_actor_phrases()])
        _MATCHERS[key] = (places, nonactors, igo_words)
    return _MATCHERS[key]


@lru_cache(maxsize=1)
def _context_patterns() -> tuple[tuple[tuple[bool, str], ...], ...]:
    """Each contextual form as its words: (whether matched in any case, the word); a lower-case word
    matches in any case ("the"), a capitalised one as written ("North")."""
    return tuple(tuple((w.islower(), w) for w in cf.form.split()) for cf in lexicon.context_forms())


def context_matches(doc: Doc) -> list[tuple[int, int, int]]:
    """(index of the contextual form, start, end) wherever one is written, in text order: each form is looked
    for where its rarest word stands, not token by token."""
    at = _pattern_word_positions(doc)
    words = (texts(doc), lowers(doc))
    found: list[tuple[int, int, int]] = []
    for k, pattern in enumerate(_context_patterns()):
        where = [at[word] for word in pattern]
        anchor = min(range(len(pattern)), key=lambda j: len(where[j]))
        for i in where[anchor]:
            start = i - anchor
            if start >= 0 and start + len(pattern) <= len(doc) and all(
                    words[int(low)][start + j] == word for j, (low, word) in enumerate(pattern)):
                found.append((k, start, start + len(pattern)))
    return sorted(found, key=lambda m: (m[1], m[2]))


def _pattern_word_positions(doc: Doc) -> dict[tuple[bool, str], list[int]]:
    """Where each word of the contextual forms stands, keyed as the patterns hold it: (any case, word)."""
    wanted = {word for pattern in _context_patterns() for word in pattern}
    at: dict[tuple[bool, str], list[int]] = {word: [] for word in wanted}
    for low, words in ((False, texts(doc)), (True, lowers(doc))):
        asked = {word for any_case, word in wanted if any_case == low}
        if asked:
            for i in (i for i, word in enumerate(words) if word in asked):
                at[(low, words[i])].append(i)
    return at


def _inside_other_name(span: Span, doc: Doc) -> bool:
    """True when the span is part of a longer name entity that is not itself a place form."""
    forms = lexicon.gazetteer().forms
    igo_forms = lexicon.igo_forms()
    ent = _entity_at(doc).get(span.start)  # entities never overlap: only the one at the span's start can hold it
    if ent is not None:
        if ent.label_ not in NAME_LABELS or ent.end < span.end:
            return False
        start = ent.start
        while start < ent.end and doc[start].pos_ not in {"PROPN", "NOUN", "ADJ", "X", "NUM"}:
            start += 1  # "Addressing Korean" taken for a name: the verb is not part of it
        if (start, ent.end) == (span.start, span.end):
            return False
        bare = lexicon.strip_article(" ".join(re.sub(r"[\[\]()]", " ", strip_possessive(ent.text)).split()))
        if bare in forms or bare in igo_forms or bare == span.text:
            return False
        if ent.label_ == "LOC" and span.text in forms and forms[span.text][1] == "demonym":
            # "the Korean Peninsula": a place, not the state (non-actor phrases catch most)
            return True
        if ent.label_ != "LOC":
            return True
    return False


def _entity_at(doc: Doc) -> dict[int, Span]:
    """Token index -> the entity that covers it."""
    return once(doc, "entity_at", lambda d: {i: e for e in entities(d) for i in range(e.start, e.end)})


def _is_language_use(span: Span) -> bool:
    """'spoke in Korean', 'translated into Chinese': a language, not the state."""
    if len(span) != 1 or span.root.dep_ != "pobj":
        return False
    head = span.root.head
    return head.lower_ in {"in", "into", "from"} and head.head.lemma_ in {
        "speak",
        "say",
        "write",
        "translate",
        "publish",
        "sing",
        "read",
        "subtitle",
        "dub",
    }


def find_places(doc: Doc) -> tuple[list[PlaceHit], list[PlaceHit]]:
    """(mentions, inner): states and IGOs mentioned in the document, longest match first,
    no overlaps; `inner` holds those found inside other names ("Seoul National University")
    or used as a place of origin ("Taipei-based"), which say where an organisation belongs."""
    places, nonactors, igo_words = _matchers(doc.vocab)
    blocked: set[int] = set()
    for _, start, end in nonactors(doc):
        blocked.update(range(start, end))
    spans: list[Span] = []
    for match_id, start, end in [*places(doc), *igo_words(doc)]:
        spans.append(Span(doc, start, end, label=match_id))  # the label's hash: its string is the matcher key
    found: list[PlaceHit] = []
    inner: list[PlaceHit] = []
    for span in filter_spans(spans):
        if blocked.intersection(range(span.start, span.end)) or _is_language_use(span) or _shares_a_place_name(span):
            continue
        kind, target, how = span.label_.split("|")
        hit = PlaceHit(span.start, span.end, target, how, igo=kind == "igo")
        if _inside_other_name(span, doc) or _is_origin(span):
            inner.append(hit)
        else:
            found.append(hit)
    named = {h.target for h in found if not h.igo}
    taken = {i for h in found for i in range(h.start, h.end)}
    for idx, start, end in context_matches(doc):
        cf = lexicon.context_forms()[idx]
        iso3 = cf.iso3
        if not set(cf.requires) <= named or taken.intersection(range(start, end)):
            continue
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and (nxt.is_title or nxt.pos_ == "PROPN"):
            continue  # "the North Atlantic", "the South China Sea"
        found.append(PlaceHit(start, end, iso3, "context"))
    return sorted(found, key=lambda h: h.start), inner


def _shares_a_place_name(span: Span) -> bool:
    """'the Indian and Pacific Ocean regions': the first of two names that share their last word
    ("Indian Ocean") is a place when that shared name is not an actor."""
    doc = span.doc
    k = span.end
    if k + 2 >= len(doc) or doc[k].lower_ not in {"and", "or", "&"} or not doc[k + 1].is_title:
        return False
    tail = [t.text for t in doc[k + 2 : k + 4] if t.is_title]
    lowered = lexicon.non_actor_lower()
    return any(f"{span.text} {' '.join(tail[:n])}".lower() in lowered for n in range(1, len(tail) + 1))


ORIGIN_WORDS = {"based", "headquartered", "born"}


def _is_origin(span: Span) -> bool:
    """'Taipei-based', 'Seoul-headquartered': where something is, not the state acting."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in ORIGIN_WORDS


DASHES = re.compile(r"[-\u2010\u2011\u2013\u2014]")


def compound_hits(doc: Doc, taken: set[int]) -> list[tuple[int, int, str, str]]:
    """States inside dashed tokens the tokenizer kept whole: "U.S.-Japan", "U.S.\u2013South" + "Korea".

    Returns (start_char, end_char, ISO3, how); `taken` holds token indices already matched.
    """
    forms = lexicon.gazetteer().forms
    found: list[tuple[int, int, str, str]] = []
    for i, text in enumerate(texts(doc)):
        if i in taken or not DASHES.search(text) or text in forms:
            continue
        tok = doc[i]
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^-\u2010\u2011\u2013\u2014]+", tok.text)]
        for n, (a, b) in enumerate(pieces):
            text, end = tok.text[a:b], tok.idx + b
            if n + 1 < len(pieces) and tok.text[pieces[n + 1][0] : pieces[n + 1][1]].lower() in ORIGIN_WORDS:
                continue  # "Seoul-based"
            if n == len(pieces) - 1 and tok.whitespace_:
                for k in (2, 1):  # the last piece may go on into the next tokens ("South" + "Korea")
                    nxt = doc[tok.i + 1 : tok.i + 1 + k]
                    if len(nxt) == k and f"{text} {nxt.text}" in forms:
                        text, end = f"{text} {nxt.text}", nxt.end_char
                        break
            if text in forms:
                iso3, how = forms[text]
                found.append((tok.idx + a, end, iso3, how))
    return found


# Nouns that say a name is a place or a thing when the text calls it one ("X is a radar base").
PLACE_WORDS = frozenset({"base", "island", "islands", "reef", "city", "town", "village", "province", "region", "district",
                         "port", "airport", "camp", "river", "lake", "mountain", "sea", "strait", "bay", "peninsula"})


def fold_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def named_places(doc: Doc) -> frozenset[str]:
    """Names the text itself calls places or things: "Kurecik (radar base)", "Kurecik is a radar base"."""
    return once(doc, "named_places", _named_places)


def _named_places(doc: Doc) -> frozenset[str]:
    heads = lexicon.org_heads()
    found: set[str] = set()
    for i, low in enumerate(lowers(doc)):
        if not (low in PLACE_WORDS or (low in heads and heads[low].role == "none")) or doc[i].pos_ != "NOUN":
            continue
        tok = doc[i]
        if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            found.add(fold_name(tok.head.text))
        elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
            found.update(fold_name(c.text) for c in tok.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN")
    return frozenset(found)


PLACE_PREPOSITIONS = {"in", "at", "near", "into", "across", "around", "outside", "inside", "via"}
PLACE_NOUNS = {"camp", "camps", "city", "province", "region", "county", "district", "village", "town", "port", "airport", "border", "state",
               "reef", "island", "islands", "sea", "strait", "bay", "base", "river", "lake", "peninsula"}


def used_as_place(span: Span, lones: list[Span] | None = None) -> bool:
    """A lone name that the text somewhere uses as a place: after "in"/"at"/"to", before "camp"/"city"."""
    if len(span) != 1:
        return False
    doc = span.doc
    for i in token_positions(doc, span.text):
        tok = doc[i]
        if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS:
            return True
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in PLACE_NOUNS:
            return True
    return False
