"""What one line or sentence of an article is: its words, where its sentences end, and the
features that mark it as site furniture (a credit, a byline, a contact block, a call to the reader).

Every pattern here runs in time linear in its input: a text of any length, a line of dots or a
single 300 KB word costs no more than reading it.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_EMPHASIS = "*_ "
MINOR = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from",
         "as", "vs", "via", "into", "over", "amid", "after", "about", "its", "is", "are", "be"}
# Words after which a line cannot end a sentence: a line ending in one was broken mid-sentence.
DANGLING = re.compile(r"(?:\b(?:the|a|an|of|in|on|at|to|for|with|by|from|and|or|but|that|as|his|her|its|their)|[,\-–—(])$",
                      re.IGNORECASE)

_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
# A call to action: a verb used in the imperative, followed by what such calls take.
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:share|leave|subscribe|sign|follow|click|tap|read|join|download|comment|like|tell|"
    r"contact|send|support|donate|register|log|watch|listen|check|stay|visit|get|see|find|discover|learn|"
    r"don['’]t|do not)(?:\s+(?:us|our|your|the|this|a|an|more|up|in|here|now|below|today|it|also)\b|\s*[.!:]|$)",
    re.IGNORECASE,
)
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|stated|added|wrote|asked)\b", re.IGNORECASE)
_SELF_REFERENCE = re.compile(
    r"\b(?:this|our)\s+(?:article|post|content|publication|newsletter|page|site|website|blog|podcast|"
    r"column|piece|story|video|coverage|reporting|journalism)\b|\bfor\s+(?:reading|watching|listening|visiting|"
    r"subscribing)\b|\bviews\s+expressed\b|\ball rights reserved\b|©|\bcopyright\s+(?:©\s*)?\d{4}",
    re.IGNORECASE,
)
_FORM = re.compile(r"\b(?:required|mandatory)\s+fields?\b|\bfields?\s+(?:are\s+)?marked\b|\s\*$", re.IGNORECASE)
_CREDIT = re.compile(
    r"^[(\[*_]*+\s*+(?:file\s+)?(?:photo(?:graph)?|picture|image|illustration|graphic|video|credit)s?"
    r"(?:\s+(?:source|credit|courtesy|caption)s?)?\s*(?::|\bby\b|/|\|)",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\b(?:tel|phone|telephone|fax|mobile|hotline)\b\.?\s*+(?::\s*+)?\+?\(?\d[\d\s().\-]{5,}",
                    re.IGNORECASE)
# Each pattern below is linear in its input: a run that a pattern starts with is entered only at
# its first character (a look-behind) and never given back where giving back cannot help
# (possessive `*+`, `++`), and no two branches of a repeated group can match the same text.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]++@[\w\-]++\.[\w.\-]+")
_URL_ONLY = re.compile(r"^[<(\[]*+(?:https?://|www\.)\S+$", re.IGNORECASE)
_STREET = re.compile(
    r"\b(?:rd|road|st|street|ave|avenue|lane|ln|blvd|boulevard|suite|floor|sec|district|building|bldg|"
    r"p\.?\s?o\.?\s+box)\b\.?",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[*_]*+[A-Z][\w'’]*+(?:\s++[\w'’]++){0,2}\s*+:\s")
# "and" is a name-like word under IGNORECASE: listing it apart made every "and" match two ways.
_BYLINE = re.compile(r"^[*_]*+by\s++[A-Z][\w.'’\-]*+(?:\s++(?:[A-Z][\w.'’\-]*+|&|,))*+[*_]*$", re.IGNORECASE)
_PROVENANCE = re.compile(
    r"^[*_(]*(?:sources?\s*:|(?:additional\s+|with\s+)?reporting\s+by\b|(?:written|compiled|edited|editing)\s+by\b)",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]*]*+\s++(?=[\"“‘(\[*]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b[A-Z]\.$|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|St|No|Vol|vs|Jr|Sr)\.$")
_ABBREVIATION_WINDOW = 16  # characters before a full stop that decide whether it ends an abbreviation
_GLUED = re.compile(r"([a-z]{2}[.!?][\"”’]?)([A-Z][a-z])")
_TOKEN = re.compile(r"\S+")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")

TAIL_SHORT_WORDS = 8  # shorter unpunctuated lines after the body are links and labels
SENTENCE_MAX_WORDS = 30  # longer sentences addressing "you" are the article's own


def words(line: str) -> list[str]:
    return WORD.findall(line)


def bare(line: str) -> str:
    """The line without markdown emphasis around it."""
    return line.strip().strip(_EMPHASIS).strip()


def ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(bare(line)))


def is_title_case(line: str) -> bool:
    """Most words that are not minor words start with a capital or a digit."""
    major = [w for w in words(line) if w.lower() not in MINOR]
    return bool(major) and sum(w[0].isupper() or w[0].isdigit() for w in major) / len(major) >= 0.75


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph (a light splitter: no model)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        stop = match.start() + 1
        if paragraph[match.start()] == "." and _ABBREVIATION.search(
            paragraph[max(start, stop - _ABBREVIATION_WINDOW) : stop]
        ):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def sentences(paragraph: str) -> list[str]:
    return [paragraph[s:e].strip() for s, e in sentence_spans(paragraph)]


def unglue(line: str) -> str:
    """Put the missing space back between two sentences run together ("countries.Beijing")."""

    def fix(token: re.Match[str]) -> str:
        word = token.group(0)
        if "/" in word or "@" in word or "www" in word.lower():
            return word
        return _GLUED.sub(r"\1 \2", word)

    return _TOKEN.sub(fix, line) if _GLUED.search(line) else line


# -- features of one sentence or line ----------------------------------------------------------


def is_credit(text: str) -> bool:
    return bool(_CREDIT.match(text.strip()))


def is_contact(line: str) -> bool:
    """A phone/fax line, an e-mail address, a lone URL or a postal address."""
    text = bare(line)
    if _PHONE.search(text) or _EMAIL.search(text) or _URL_ONLY.match(text):
        return True
    return (
        len(words(text)) <= 25
        and not ends_sentence(text)
        and text.count(",") >= 2
        and any(c.isdigit() for c in text)
        and bool(_STREET.search(text))
    )


def addresses_reader(sentence: str) -> bool:
    """Second person or an imperative call to action, outside quotations, in a short sentence."""
    text = _QUOTED.sub(" ", bare(sentence))
    if len(words(text)) > SENTENCE_MAX_WORDS or _REPORTING.search(text):
        return False
    return bool(_SECOND_PERSON.search(text) or _IMPERATIVE.match(text))


def is_furniture_sentence(sentence: str) -> bool:
    """A sentence that belongs to the page, not the article."""
    return (
        is_credit(sentence)
        or bool(_FORM.search(sentence.strip()))
        or (bool(_SELF_REFERENCE.search(sentence)) and not _REPORTING.search(sentence))
        or is_contact(sentence)
        or addresses_reader(sentence)
    )


def is_byline(line: str) -> bool:
    return len(words(line)) <= 8 and bool(_BYLINE.match(line.strip()))


def is_provenance(line: str) -> bool:
    """Who wrote or supplied the story (a byline, "Source: ...", "Reporting by ..."): kept, it names actors."""
    return is_byline(line) or (bool(_PROVENANCE.match(line.strip())) and len(words(line)) <= 16)


def is_dateline(line: str) -> bool:
    """A short unpunctuated line that carries a date: a timestamp widget."""
    return len(words(line)) <= 8 and not ends_sentence(line) and bool(_DATELINE.search(line))


def looks_like_headline(line: str) -> bool:
    text = bare(line)
    n = len(words(text))
    return (
        4 <= n <= 30
        and len(text) <= 250
        and not text.endswith(":")
        and text[:1].isupper()
        and len(sentences(text)) == 1
        and not (is_byline(text) or is_dateline(text) or is_contact(text) or is_credit(text))
        and not addresses_reader(text)
    )


def is_tail_furniture(line: str) -> bool:
    """A whole paragraph after the article body that belongs to the page."""
    text = bare(line)
    n = len(words(text))
    if n == 0:
        return True
    if not ends_sentence(text) and n <= TAIL_SHORT_WORDS:
        return True
    if is_contact(text):
        return True
    labelled = bool(_LABEL.match(line.strip())) and n <= 40 and not ends_sentence(text)
    return labelled or all(is_furniture_sentence(s) for s in sentences(text))
