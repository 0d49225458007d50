"""Document metadata as sources give it, merged by precedence, with dates parsed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

# Field names other tools use for the same thing, first match wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "publisher"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "pubdate", "datePublished"),
    "language": ("language", "lang"),
    "ref": ("id", "doc_id", "document_id", "guid", "identifier"),
    "author": ("author", "authors", "byline", "creator"),
    "section": ("section", "category", "categories", "desk"),
    "keywords": ("keywords", "tags", "subjects", "topics"),
}
# Fields that carry the text or name the file rather than describe the document.
NOT_METADATA = frozenset({"text", "html", "file", "content", "body"})
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Meta:
    """What is known about a document besides its text; None means unknown."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    ref: str | None = None  # the input's own id for the document
    author: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] | None = None
    extra: Mapping[str, Any] | None = None  # every other field the input gives, as it gave it

    def over(self, base: Meta) -> Meta:
        """These values where known, `base`'s elsewhere (the extra fields merged, these first)."""
        known = {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}
        if self.extra is not None and base.extra is not None:
            known["extra"] = {**base.extra, **self.extra}
        return replace(base, **known)


def parse_date(value: Any) -> dt.date | None:
    """A calendar date from a date, a datetime, an ISO string ("2025-03-14 20:30:26Z") or prose."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if match := _ISO_DAY.match(text):
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


def parse_language(value: Any) -> str | None:
    """The primary subtag of a language tag: "en-GB" -> "en"."""
    if not value or not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _joined(value: Any) -> str | None:
    """One text for a field given as a text or a list (several authors)."""
    if isinstance(value, (list, tuple)):
        return _text(", ".join(str(v) for v in value if v not in (None, "")))
    return _text(value)


def parse_keywords(value: Any) -> tuple[str, ...] | None:
    """Keywords as a list, or as one text separated by commas or semicolons."""
    if value is None or value == "":
        return None
    items = value if isinstance(value, (list, tuple)) else re.split(r"[;,]", str(value))
    words = tuple(w for item in items if (w := _text(item)))
    return words or None


def _plain(value: Any) -> Any:
    """A value JSON can hold: dates as ISO text, anything else unknown as its text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def meta_from_mapping(record: Mapping[str, Any]) -> Meta:
    """Read metadata fields (and their common aliases) from a JSON, CSV or YAML record.

    Fields dyad has no column for are kept in `extra`, so nothing the input says is lost.
    """
    used: set[str] = set(NOT_METADATA)

    def pick(name: str) -> Any:
        for key in ALIASES[name]:
            if record.get(key) not in (None, ""):
                used.add(key)
                return record[key]
        return None

    meta = Meta(
        title=_text(pick("title")),
        outlet=_text(pick("outlet")),
        url=_text(pick("url")),
        published=parse_date(pick("published")),
        language=parse_language(pick("language")),
        ref=_text(pick("ref")),
        author=_joined(pick("author")),
        section=_joined(pick("section")),
        keywords=parse_keywords(pick("keywords")),
    )
    extra = {str(k): _plain(v) for k, v in record.items() if k not in used and v not in (None, "")}
    return replace(meta, extra=extra) if extra else meta
