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
# Publication dates outside these years are typing errors or attacks on date arithmetic.
MIN_YEAR, MAX_YEAR = 1000, 2999
MAX_DATE_CHARS = 64  # longer strings are not dates; dateparser's time grows with them
MAX_FIELD_CHARS = 2048  # title, outlet and url are cut here


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


def _year_ok(day: dt.date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def _date_or_note(day: dt.date | None, raw: Any, notes: list[str] | None) -> dt.date | None:
    if day is not None and _year_ok(day):
        return day
    if notes is not None:
        why = f"year outside {MIN_YEAR}-{MAX_YEAR}" if day is not None else "not a date"
        notes.append(f"published {_shown(raw)} left out ({why})")
    return None


def parse_date(value: Any, notes: list[str] | None = None) -> dt.date | None:
    """A calendar date from a date, a datetime, an ISO string ("2025-03-14 20:30:26Z") or prose.

    Anything else (an impossible day, a year out of range, a list, a long string) is None,
    with a line in `notes` when given.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _date_or_note(value.date(), value, notes)
    if isinstance(value, dt.date):
        return _date_or_note(value, value, notes)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _date_or_note(None, value, notes)
    text = str(value).strip()
    if match := _ISO_DAY.match(text):
        try:
            return _date_or_note(dt.date(*(int(g) for g in match.groups())), value, notes)
        except ValueError:
            return _date_or_note(None, value, notes)
    if len(text) > MAX_DATE_CHARS:
        return _date_or_note(None, value, notes)
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, OverflowError, ArithmeticError, TypeError):  # dateparser's own limits
        parsed = None
    return _date_or_note(parsed.date() if parsed else None, value, notes)


def parse_language(value: Any) -> str | None:
    """The primary subtag of a language tag: "en-GB" -> "en"."""
    if not value or not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _shown(value: Any) -> str:
    """A short printable form of a value for a note."""
    if isinstance(value, (list, dict)):
        return f"(a {type(value).__name__})"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any, name: str, notes: list[str] | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        if notes is not None:
            notes.append(f"{name} {_shown(value)} left out (not text)")
        return None
    text = " ".join(str(value).split())
    if len(text) > MAX_FIELD_CHARS:
        if notes is not None:
            notes.append(f"{name} cut to {MAX_FIELD_CHARS} characters")
        text = text[:MAX_FIELD_CHARS]
    return text or None


def _joined(value: Any, name: str, notes: list[str] | None) -> str | None:
    """One text for a field given as a text or a list (several authors)."""
    if isinstance(value, (list, tuple)):
        return _text(", ".join(str(v) for v in value if v not in (None, "")), name, notes)
    return _text(value, name, notes)


def parse_keywords(value: Any, notes: list[str] | None = None) -> tuple[str, ...] | None:
    """Keywords as a list, or as one text separated by commas or semicolons."""
    if value is None or value == "":
        return None
    items = value if isinstance(value, (list, tuple)) else re.split(r"[;,]", str(value))
    words = tuple(w for item in items if (w := _text(item, "keyword", notes)))
    return words or None


def _plain(value: Any) -> Any:
    """A value JSON can hold: dates as ISO text, anything else unknown as its text.

    Records reach here already checked against the nesting limit (ingest/structured.py)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def meta_from_mapping(record: Mapping[str, Any], notes: list[str] | None = None) -> Meta:
    """Read metadata fields (and their common aliases) from a JSON, CSV or YAML record.

    Fields dyad has no column for are kept in `extra`, so nothing the input says is lost. A
    value of the wrong kind (a list where a title belongs, a date that cannot exist) is left
    out, with a line in `notes` when given.
    """
    used: set[str] = set(NOT_METADATA)

    def pick(name: str) -> Any:
        for key in ALIASES[name]:
            if record.get(key) not in (None, ""):
                used.add(key)
                return record[key]
        return None

    meta = Meta(
        title=_text(pick("title"), "title", notes),
        outlet=_text(pick("outlet"), "outlet", notes),
        url=_text(pick("url"), "url", notes),
        published=parse_date(pick("published"), notes),
        language=_language(pick("language"), notes),
        ref=_text(pick("ref"), "id", notes),
        author=_joined(pick("author"), "author", notes),
        section=_joined(pick("section"), "section", notes),
        keywords=parse_keywords(pick("keywords"), notes),
    )
    extra = {str(k): _plain(v) for k, v in record.items() if k not in used and v not in (None, "")}
    return replace(meta, extra=extra) if extra else meta


def _language(value: Any, notes: list[str] | None) -> str | None:
    found = parse_language(value)
    if found is None and value is not None and notes is not None:
        notes.append(f"language {_shown(value)} left out (not a language tag)")
    return found
