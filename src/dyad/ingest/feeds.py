"""RSS and Atom feeds: each entry becomes a text to ingest, with its metadata (feedparser).

An entry's text is its content, else its summary, as plain text; its title,
link, day, author, tags and id become the document's metadata (the id is the
document's own id, `ref`). With `fetch_articles`, the page an entry links to is
fetched (with the URL limits of `ingest.urls`) and its article text used
instead, the entry's text remaining the fallback. A feed that cannot be
fetched or parsed is one IngestError; a bad entry is one too, and the others
still come.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser
from lxml import html as lxml_html

from dyad.ingest.items import IngestError, RawText
from dyad.ingest.meta import Meta, parse_keywords
from dyad.ingest.urls import fetch, fetch_bytes, is_url
from dyad.settings import Settings

ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass
class FeedEntry:
    """One entry: `key` identifies it across reads of the feed (its id, else its link, else a hash)."""

    key: str
    raw: RawText | IngestError


@dataclass
class Feed:
    source: str
    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    error: IngestError | None = None


def _get(url: str, settings: Settings) -> bytes | IngestError:
    """The feed's bytes, within the URL limits of `ingest.urls` (redirects, size, deadline)."""
    got = fetch_bytes(url, settings, ACCEPT)
    if isinstance(got, IngestError):
        return IngestError(url, f"feed not reachable ({got.problem})")
    return got[3]


def _plain(fragment: str) -> str:
    """The text of an HTML fragment, one block per line."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml_html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml_html.etree.ParserError):
        return fragment.strip()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines()).strip()


def _day(entry: Any) -> dt.date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(name)
        if stamp:
            return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    return None


def entry_key(entry: Any) -> str:
    """The entry's id, else its link, else a hash of its title and summary."""
    for name in ("id", "link"):
        if entry.get(name):
            return str(entry[name])
    return hashlib.sha1(f"{entry.get('title', '')}\n{entry.get('summary', '')}".encode()).hexdigest()


def entry_meta(entry: Any, feed_title: str | None, source: str) -> Meta:
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    return Meta(
        title=entry.get("title") or None, outlet=feed_title, url=entry.get("link") or None, published=_day(entry),
        language=None, ref=entry_key(entry), author=entry.get("author") or None,
        keywords=parse_keywords(tags or None), extra={"feed": source},
    )


def entry_text(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    return _plain(next((c for c in contents if c.strip()), "") or entry.get("summary") or "")


def to_raw(entry: Any, feed: Feed, settings: Settings, fetch_articles: bool) -> RawText | IngestError:
    """One entry as a text to ingest: its linked page with `fetch_articles`, else its own content."""
    meta = entry_meta(entry, feed.title, feed.source)
    name = f"{feed.source}#{meta.ref}"
    if fetch_articles and meta.url and is_url(meta.url):
        page = fetch(meta.url, settings)
        if isinstance(page, RawText):
            return RawText(source=meta.url, text=page.text, meta=meta.over(page.meta), html=page.html)
    text = entry_text(entry) or (meta.title or "")
    if not text.strip():
        return IngestError(name, "feed entry without text")
    return RawText(source=name, text=text, meta=meta)


def read_feed(source: str, settings: Settings, fetch_articles: bool = False,
              seen: frozenset[str] = frozenset()) -> Feed:
    """The entries of a feed (a URL or a file) not in `seen`; a feed that is down or malformed is `error`."""
    data: bytes | IngestError
    if is_url(source):
        data = _get(source, settings)
    else:
        try:
            data = Path(source).read_bytes()[: settings.max_bytes + 1]
        except OSError as exc:
            data = IngestError(source, f"cannot read feed ({exc.strerror or exc})")
    if isinstance(data, IngestError):
        return Feed(source, error=data)
    parsed = feedparser.parse(data)
    # A broken feed feedparser could partly read is used only when its entries can be told apart
    # (an id or a link); otherwise a repaired fragment would come back under a new name each time.
    usable = any(e.get("id") or e.get("link") for e in parsed.entries)
    if parsed.bozo and not usable:
        problem = getattr(parsed, "bozo_exception", None) or "not RSS or Atom"
        return Feed(source, error=IngestError(source, f"malformed feed ({problem})"))
    feed = Feed(source, title=(parsed.feed.get("title") or None))
    for entry in parsed.entries:
        key = entry_key(entry)
        if key not in seen:
            feed.entries.append(FeedEntry(key, to_raw(entry, feed, settings, fetch_articles)))
    return feed
