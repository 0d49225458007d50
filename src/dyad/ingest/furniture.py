"""Drop site furniture (navigation, bylines, sign-offs, comment forms, credits, contact blocks).

Nothing here lists the strings of any site. A line is furniture because of
its features: where it sits (the head before the first body paragraph, the
tail after the last one), how long it is, whether it ends like a sentence,
whether it speaks to the reader ("you", an imperative), refers to the page
itself, or is a credit, a form instruction, an address or a phone number.
The article's headline is recognised on the way and returned as a title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_EMPHASIS = "*_ "
_MINOR = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from",
          "as", "vs", "via", "into", "over", "amid", "after", "about", "its", "is", "are", "be"}
# Words after which a line cannot end a sentence: a line ending in one was broken mid-sentence.
_DANGLING = re.compile(r"(?:\b(?:the|a|an|of|in|on|at|to|for|with|by|from|and|or|but|that|as|his|her|its|their)|[,\-–—(])$",
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
    r"^[(\[*_]*\s*(?:file\s+)?(?:photo(?:graph)?|picture|image|illustration|graphic|video|credit)s?"
    r"(?:\s+(?:source|credit|courtesy|caption)s?)?\s*(?::|\bby\b|/|\|)",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\b(?:tel|phone|telephone|fax|mobile|hotline)\b\.?\s*:?\s*\+?\(?\d[\d\s().\-]{5,}", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+\.[\w.\-]+")
_URL_ONLY = re.compile(r"^[<(\[]*(?:https?://|www\.)\S+?[>)\]]*[.]?$", re.IGNORECASE)
_STREET = re.compile(
    r"\b(?:rd|road|st|street|ave|avenue|lane|ln|blvd|boulevard|suite|floor|sec|district|building|bldg|"
    r"p\.?\s?o\.?\s+box)\b\.?",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[*_]*[A-Z][\w'’]*(?:\s+[\w'’]+){0,2}\s*:\s")
_BYLINE = re.compile(r"^[*_]*by\s+[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|and|&|,))*[*_]*$", re.IGNORECASE)
_PROVENANCE = re.compile(
    r"^[*_(]*(?:sources?\s*:|(?:additional\s+|with\s+)?reporting\s+by\b|(?:written|compiled|edited|editing)\s+by\b)",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]*]*\s+(?=[\"“‘(\[*]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|St|No|Vol|vs|Jr|Sr)\.$")
_GLUED = re.compile(r"([a-z]{2}[.!?][\"”’]?)([A-Z][a-z])")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")

HEAD_BODY_WORDS = 15  # a line this long that ends like a sentence is article body
HEAD_KICKER_WORDS = 5  # with no headline, shorter unpunctuated lines above the body are section labels
SHORT_WORDS = 3  # shorter unpunctuated lines between headline and body are widgets
TAIL_SHORT_WORDS = 8  # shorter unpunctuated lines after the body are links and labels
TAIL_MAX_SHARE = 0.5  # the tail walk never removes more than this share of the words
REPEAT_SHARE = 0.8  # a paragraph whose word 5-grams mostly recur later is a repeat
SENTENCE_MAX_WORDS = 30  # longer sentences addressing "you" are the article's own


@dataclass(frozen=True)
class Cleaned:
    text: str
    headline: str | None


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def bare(line: str) -> str:
    """The line without markdown emphasis around it."""
    return line.strip().strip(_EMPHASIS).strip()


def ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(bare(line)))


def is_title_case(line: str) -> bool:
    """Most words that are not minor words start with a capital or a digit."""
    major = [w for w in words(line) if w.lower() not in _MINOR]
    return bool(major) and sum(w[0].isupper() or w[0].isdigit() for w in major) / len(major) >= 0.75


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph (a light splitter: no model)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        head = paragraph[start : match.start() + 1]
        if _ABBREVIATION.search(head.rstrip(".") + "."):
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

    def fix(match: re.Match[str]) -> str:
        head, tail = line[: match.start()], line[match.end() :]
        token = (head.split()[-1:] or [""])[0] + match.group(0) + (tail.split()[:1] or [""])[0]
        if "/" in token or "@" in token or "www" in token.lower():
            return match.group(0)
        return f"{match.group(1)} {match.group(2)}"

    return _GLUED.sub(fix, line)


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
    return bool(_BYLINE.match(line.strip())) and len(words(line)) <= 8


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


# -- the passes over a document -----------------------------------------------------------------


def _join_broken(lines: list[str]) -> list[str]:
    """Re-join a paragraph broken mid-sentence by hard wrapping or page breaks."""
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            broken = (
                len(words(prev)) >= 6
                and not ends_sentence(prev)
                and not prev.rstrip().endswith(":")
                and (line[:1].islower() or (bool(_DANGLING.search(prev.rstrip())) and not is_title_case(prev)))
            )
            if broken:
                out[-1] = prev.rstrip() + " " + line.lstrip()
                continue
        out.append(line)
    return out


def _drop_sentences(line: str, test: Callable[[str], bool]) -> str:
    return " ".join(line[s:e].strip() for s, e in sentence_spans(line) if not test(line[s:e]))


def _shingles(line: str, n: int = 5) -> set[tuple[str, ...]]:
    tokens = [w.casefold() for w in words(line)]
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}


def _drop_repeats(lines: list[str]) -> list[str]:
    """A paragraph repeated later (a teaser, a pull quote), even lightly edited, is kept only where it comes last."""
    later: set[tuple[str, ...]] = set()
    kept: list[str] = []
    for line in reversed(lines):
        grams = _shingles(line)
        if len(words(line)) >= 8 and len(grams & later) >= REPEAT_SHARE * len(grams):
            continue
        later |= grams
        kept.append(line)
    return kept[::-1]


def _first_body(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        n = len(words(line))
        if (n >= HEAD_BODY_WORDS and ends_sentence(line)) or (n >= 10 and len(sentences(line)) >= 2):
            return i
    return None


def _clean_head(lines: list[str], body: int) -> tuple[list[str], str | None]:
    """Keep the headline (the last headline-like line above the body: navigation comes first)."""
    candidates = [i for i in range(body) if looks_like_headline(lines[i])]
    headline_at = candidates[-1] if candidates else None
    kept: list[str] = []
    for i, line in enumerate(lines[:body]):
        if i == headline_at:
            kept.append(line)
            continue
        above_headline = headline_at is None or i < headline_at
        limit = HEAD_KICKER_WORDS if headline_at is None else (10**6 if above_headline else SHORT_WORDS)
        short = not ends_sentence(line) and len(words(line)) <= limit
        if is_provenance(line):
            kept.append(line)
            continue
        if short or is_dateline(line) or is_credit(line) or is_contact(line):
            continue
        kept.append(line)
    headline = bare(lines[headline_at]) if headline_at is not None else None
    return kept + lines[body:], headline


def _drop_lone_words(lines: list[str]) -> list[str]:
    """A one-word line without punctuation between paragraphs is a widget ("Advertisement")."""
    return [line for line in lines if len(words(line)) > 1 or ends_sentence(line) or len(lines) == 1]


def _clean_tail(lines: list[str], first_body: int) -> list[str]:
    """Walk back from the end dropping furniture, stepping over provenance, up to the article's last paragraph."""
    budget = TAIL_MAX_SHARE * sum(len(words(line)) for line in lines)
    keep = [True] * len(lines)
    last = len(lines) - 1
    while last > first_body:
        line = lines[last]
        if not is_provenance(line):
            budget -= len(words(line))
            if budget < 0 or not is_tail_furniture(line):
                break
            keep[last] = False
        last -= 1
    if last >= 0:
        lines[last] = _trim_trailing_sentences(lines[last])
    return [line for line, kept in zip(lines, keep, strict=True) if kept and line.strip()]


def in_quotation(paragraph: str, start: int, end: int) -> bool:
    """The span is (part of) a quotation: a quote opened before it is still open, or it closes one."""
    before = paragraph[:start]
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return True
    return "”" in paragraph[start:end] or paragraph[start:end].rstrip().endswith('"')


def _trim_trailing_sentences(line: str) -> str:
    """Drop a sign-off glued to the end of the last paragraph; keep at least its first sentence."""
    spans = sentence_spans(line)
    while (
        len(spans) > 1
        and not in_quotation(line, *spans[-1])
        and is_furniture_sentence(line[spans[-1][0] : spans[-1][1]])
    ):
        spans.pop()
    return line[: spans[-1][1]].rstrip() if spans else line


def clean(text: str) -> Cleaned:
    """Remove site furniture from a normalised text; return the text and the headline found."""
    lines = [unglue(line) for line in text.split("\n") if line.strip()]
    lines = [_drop_sentences(line, is_credit) for line in lines]
    lines = _join_broken([line for line in lines if line.strip()])
    lines = _drop_repeats(lines)
    body = _first_body(lines)
    if body is None:  # no article prose at all: leave the text as it came
        return Cleaned("\n\n".join(lines) if lines else text, None)
    lines, headline = _clean_head(lines, body)
    body = _first_body(lines) or 0
    lines = lines[: body + 1] + _drop_lone_words(lines[body + 1 :])
    lines = _clean_tail(lines, body)
    return Cleaned("\n\n".join(lines) if lines else text, headline)
