"""HTML to article text with trafilatura; explicit page metadata wins over guesses."""

from __future__ import annotations

import json
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
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _walk_json(child)
    elif isinstance(value, list):
        for child in value:
            yield from _walk_json(child)


def _json_ld_date(root: Any) -> str | None:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for obj in _walk_json(data):
            if obj.get("datePublished"):
                return str(obj["datePublished"])
    return None


def explicit_meta(html: str) -> Meta:
    """What the page states about itself in <meta>, JSON-LD, <time> and <html lang>."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Meta()
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


def read_html(html: str, url: str | None = None) -> tuple[str, Meta]:
    """(article text with boilerplate removed, metadata)."""
    stated = explicit_meta(html)
    options: dict[str, Any] = {
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
