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
}
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Meta:
    """What is known about a document besides its text; None means unknown."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None

    def over(self, base: Meta) -> Meta:
        """These values where known, `base`'s elsewhere."""
        return replace(base, **{f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None})


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


def meta_from_mapping(record: Mapping[str, Any]) -> Meta:
    """Read metadata fields (and their common aliases) from a JSON, CSV or YAML record."""

    def pick(name: str) -> Any:
        for key in ALIASES[name]:
            if record.get(key) not in (None, ""):
                return record[key]
        return None

    return Meta(
        title=_text(pick("title")),
        outlet=_text(pick("outlet")),
        url=_text(pick("url")),
        published=parse_date(pick("published")),
        language=parse_language(pick("language")),
    )
