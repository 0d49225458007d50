"""HTML to article text with trafilatura; explicit page metadata wins over guesses."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from trafilatura.settings import Document as Extracted

from dyad.ingest.meta import Meta, parse_date, parse_keywords, parse_language

# <meta> names and properties that state a publication date outright, most specific first.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
)


MAX_CHILDREN = 1000  # more children than this under one element: flattened to text (see _uncrowded)
INLINE_TAGS = ("a", "span", "b", "i", "em", "strong", "u", "small", "font", "sup", "sub", "abbr", "cite", "code",
               "mark", "q", "s", "time", "var")


MAX_BLOCKS_WITH_FALLBACK = 3000
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BLOCK_TAGS = {"p", "div", "td", "th", "tr", "li", "table", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
              "dt", "dd", "dl", "ul", "ol", "section", "article", "header", "footer", "nav", "aside", "figure", "form",
              "br", "hr", "img", "input", "iframe", "select", "option", "textarea", "button", "main"}


class NoArticleText(ValueError):
    """The page has no text that trafilatura recognises as an article."""


def _meta_tags(root: Any) -> dict[str, str]:
    tags: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in tags:
            tags[key] = content
    return tags


def _walk_json(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON value, outermost first, without recursion (JSON-LD can nest deeply)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _json_ld_date(root: Any) -> str | None:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for obj in _walk_json(data):
            if obj.get("datePublished"):
                return str(obj["datePublished"])
    return None


def _parse(html: str) -> Any | None:
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def explicit_meta(html: str) -> Meta:
    """What the page states about itself in <meta>, JSON-LD, <time> and <html lang>."""
    root = _parse(html)
    return _stated(root) if root is not None else Meta()


def _stated(root: Any) -> Meta:
    tags = _meta_tags(root)
    raw_date = next((tags[k] for k in _DATE_META if k in tags), None) or _json_ld_date(root)
    if raw_date is None:
        stamped = root.xpath("//time[@itemprop='datePublished' or @pubdate]/@datetime")
        raw_date = stamped[0] if stamped else None
    canonical = root.xpath("//link[@rel='canonical']/@href")
    return Meta(
        title=tags.get("og:title"),
        outlet=tags.get("og:site_name") or tags.get("application-name"),
        url=canonical[0] if canonical else tags.get("og:url"),
        published=parse_date(raw_date),
        language=parse_language(root.get("lang") or tags.get("content-language") or tags.get("og:locale")),
        author=tags.get("author") or tags.get("article:author") or None,
        section=tags.get("article:section") or None,
        keywords=parse_keywords(tags.get("keywords") or tags.get("news_keywords")),
    )


def _flatten(element: Any) -> None:
    """Everything under `element` becomes its text, a line break after each block; scripts go."""
    for child in list(element.iterdescendants("script", "style", "template", "noscript")):
        child.drop_tree()
    for child in element.iterdescendants():
        if child.tag in BLOCK_TAGS:
            child.tail = "\n" + (child.tail or "")
    lxml.etree.strip_tags(element, "*", lxml.etree.Comment, lxml.etree.ProcessingInstruction)


def _uncrowded(html: str, root: Any) -> str:
    """The page with no element holding more than MAX_CHILDREN children: trafilatura's time grows
    with the square of that count (8,000 links in one paragraph took 7 s, 16,000 images 12 s, and a
    5 MB page can hold 200,000). Inline markup there is flattened to its text first; an element
    still that crowded becomes plain text, a line per block. No text is lost."""
    crowded = [el for el in root.iter() if len(el) > MAX_CHILDREN]
    if not crowded:
        return html
    for element in crowded:
        lxml.etree.strip_tags(element, *INLINE_TAGS)
        if len(element) > MAX_CHILDREN:
            _flatten(element)
    return lxml.html.tostring(root, encoding="unicode")


def _blocks(root: Any) -> int:
    return sum(1 for el in root.iter() if el.tag in BLOCK_TAGS)


def read_html(html: str, url: str | None = None) -> tuple[str, Meta]:
    """(article text with boilerplate removed, metadata)."""
    # lxml parses characters that XML cannot hold (a form feed) but refuses them in any text set
    # back into the tree, as flattening and trafilatura do; in HTML they are white space or nothing.
    html = _NOT_XML.sub(" ", html)
    root = _parse(html)
    stated = _stated(root) if root is not None else Meta()
    fast = False
    if root is not None:
        html = _uncrowded(html, root)
        # trafilatura's fallback extractors (jusText, readability) grow with the square of a page's
        # blocks: past this many, its own extractor alone decides.
        fast = _blocks(root) > MAX_BLOCKS_WITH_FALLBACK
    options: dict[str, Any] = {
        "fast": fast,
        "url": url,
        "with_metadata": True,
        "include_comments": False,
        "include_tables": True,
        # Only dates the page states in its markup: a full-text search can take a copyright year for one.
        "date_extraction_params": {"extensive_search": False, "original_date": True},
    }
    result = trafilatura.bare_extraction(html, **options)
    if not isinstance(result, Extracted) or not (result.text or "").strip():
        result = trafilatura.bare_extraction(html, favor_recall=True, **options)
    if not isinstance(result, Extracted) or not result.text or not result.text.strip():
        raise NoArticleText("no article text found in the HTML")
    guessed = Meta(
        title=result.title or None,
        outlet=result.sitename or None,
        url=result.url or url,
        published=parse_date(result.date),
        language=parse_language(result.language),
        author=result.author or None,
        keywords=parse_keywords(result.tags or None),
    )
    return result.text, stated.over(guessed)
