"""Titles and organisation head words, and what they say.

"deputy foreign minister" says a person's role (titles.tsv); "Institute for
Ocean Law" says what an organisation is (titles_orgs.tsv).
"""

from __future__ import annotations

from functools import lru_cache

from dyad.extract.actors import lexicon


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word that appears in some title (to know where a title phrase ends)."""
    words: set[str] = set()
    for t in lexicon.titles():
        words.update(t.split())
    return frozenset(words) | {"former", "then", "acting", "senior", "top", "deputy", "vice", "chief", "first", "assistant", "-", "interim", "incoming", "outgoing", "late", "de", "facto", "state", "counterpart", "counterparts"}


def match_title(words: list[str]) -> tuple[lexicon.Title, int] | None:
    """The longest known title that ends the word list, with how many words it takes."""
    table = lexicon.titles()
    for size in range(min(len(words), 7), 0, -1):
        phrase = " ".join(words[-size:]).replace(" - ", "-")
        if phrase in table:
            return table[phrase], size
    return None


def find_title(words: list[str]) -> tuple[lexicon.Title, int, int] | None:
    """The longest known title anywhere in the words: (title, start, end)."""
    best: tuple[lexicon.Title, int, int] | None = None
    for end in range(len(words), 0, -1):
        hit = match_title(words[:end])
        if hit and (best is None or hit[1] > best[2] - best[1]):
            best = (hit[0], end - hit[1], end)
    return best


def org_head(words: list[str]) -> lexicon.Title | None:
    """What an organisation's name says it is: its last words ("foreign ministry" -> government),
    or the words before "of"/"for"/"on" ("Institute for Ocean Law" -> think tank)."""
    table = lexicon.org_heads()
    lowered = [w.lower() for w in words]
    cut = next((k for k, w in enumerate(lowered) if w in {"of", "for", "on"} and k > 0), None)
    if cut is not None and cut < len(words) - 1:
        before = org_head(words[:cut])
        if before is not None:
            return before
    for size in range(min(len(words), 5), 0, -1):
        phrase = " ".join(words[-size:]).lower().replace(" - ", "-")
        if phrase in table:
            return table[phrase]
    for word in words:
        if word.lower() in table and table[word.lower()].role in {"university", "think tank"}:
            return table[word.lower()]  # "University of Tokyo", "Institute for Peace"
    return None


def title_from_words(words: list[str]) -> lexicon.Title | None:
    """A title from a description like "chairman of the parliament", with the body deciding the role."""
    hit = find_title(words)
    if "of" in words:
        cut = words.index("of")
        head = find_title(words[:cut])
        body = org_head([w for w in words[cut + 1 :] if w not in {"the", "a"}])
        if head and body and body.sector in {"LEG", "MIL", "JUD", "COP"} and head[0].sector == "GOV":
            return lexicon.Title(head[0].title, body.role, body.sector, "person")
        leads = head is not None and head[0].role in {"head of state", "head of government"}
        if head is not None and leads and body and body.sector not in {"GOV", "LEG", "MIL", "JUD", "COP", "-"} and body.role != "none":
            return lexicon.Title(head[0].title, "official", body.sector, "person")  # "president of the X Association"
    return hit[0] if hit else None
