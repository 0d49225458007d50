"""Read inputs (files, folders, record files, URLs, stdin) into Documents; bad inputs become IngestErrors.

Every input is read one at a time and yielded at once, so a corpus of any
size streams through. Metadata is merged by precedence: a manifest entry,
then what the file says about itself (front matter, HTML meta tags, record
fields), then what the text shows (its headline).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from dyad.ingest.decode import DecodeError, decode
from dyad.ingest.files import NotRegular, open_regular, read_limited, reason, walk
from dyad.ingest.furniture import clean
from dyad.ingest.html import NoArticleText, read_html
from dyad.ingest.items import IngestError, RawText, note
from dyad.ingest.jsonl import RECORD_SUFFIXES, read_json_lines_text, read_records
from dyad.ingest.manifest import Manifest, load_manifest
from dyad.ingest.markdown import FrontMatterError, read_markdown
from dyad.ingest.meta import MAX_FIELD_CHARS, Meta
from dyad.ingest.normalize import document_id, normalize_text, scrub
from dyad.ingest.urls import fetch, is_url, looks_like_html, unsupported_scheme
from dyad.records import Document
from dyad.settings import Settings

__all__ = ["IngestError", "iter_documents", "to_document"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# Files a folder walk passes over: code, styles, media, archives and databases that sit beside
# articles (a saved web page's assets, a package's modules). A file named on its own is always tried.
NOT_DOCUMENTS = {
    ".py", ".pyc", ".js", ".mjs", ".css", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp",
    ".ico", ".woff", ".woff2", ".ttf", ".otf", ".mp3", ".mp4", ".webm", ".zip", ".gz", ".tar", ".whl",
    ".so", ".exe", ".duckdb", ".wal", ".parquet", ".db", ".sqlite", ".toml", ".yaml", ".yml", ".cfg",
    ".ini", ".lock",
}
STDIN = "-"
INTERNAL = "internal error"  # a failure no rule foresaw: reported against its input, never a traceback


def is_document_file(path: Path) -> bool:
    return path.suffix.lower() not in NOT_DOCUMENTS


def _clean_meta(meta: Meta) -> Meta:
    """Metadata strings a store and a terminal can hold (a page title may carry anything), on one
    line and at most MAX_FIELD_CHARS long."""

    def fix(value: str | None) -> str | None:
        return " ".join(scrub(value).split())[:MAX_FIELD_CHARS] or None if value is not None else None

    return replace(meta, title=fix(meta.title), outlet=fix(meta.outlet), url=fix(meta.url))


def to_document(raw: RawText, manifest: Manifest | None = None) -> Document | IngestError:
    """Extract (HTML), normalise, drop furniture, merge metadata, and hash the text."""
    for line in raw.notes:
        note(raw.source, line)
    meta = raw.meta
    text = scrub(raw.text)
    if raw.html:
        try:
            text, page = read_html(text, raw.meta.url)
        except NoArticleText as exc:
            return IngestError(raw.source, str(exc))
        meta = raw.meta.over(page)  # what the record or fetch said wins; the page fills the gaps
    text = normalize_text(text)
    if not text:
        return IngestError(raw.source, "empty")
    cleaned = clean(text)
    if manifest is not None and raw.path is not None:
        meta = manifest.meta_for(raw.path).over(meta)
    if meta.title is None and cleaned.headline:
        meta = Meta(title=cleaned.headline).over(meta)
    meta = _clean_meta(meta)
    return Document(
        id=document_id(cleaned.text),
        text=cleaned.text,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=meta.published,
        language=meta.language or "en",
        source=scrub(raw.source),
        ref=meta.ref,
        author=meta.author,
        section=meta.section,
        keywords=list(meta.keywords or ()),
        extra=dict(meta.extra or {}),
    )


def _read_bytes(path: Path, name: str, settings: Settings) -> bytes | IngestError:
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > settings.max_bytes:
                return IngestError(name, f"too large ({size} bytes > {settings.max_bytes})")
            data = read_limited(fh, settings.max_bytes)
    except NotRegular as exc:
        return IngestError(name, f"{exc}; not read")
    except OSError as exc:
        return IngestError(name, f"cannot read ({reason(exc)})")
    if data is None:
        return IngestError(name, f"too large (more than {settings.max_bytes} bytes)")
    return data


def _text_to_raw(text: str, name: str, kind: str, path: str | None, settings: Settings,
                 notes: list[str]) -> RawText | IngestError:
    text = scrub(text)
    if kind == "markdown":
        try:
            body, meta = read_markdown(text, settings, notes)
        except FrontMatterError as exc:
            return IngestError(name, str(exc))
        return RawText(source=name, text=body, meta=meta, path=path, notes=notes)
    return RawText(source=name, text=text, html=kind == "html", path=path, notes=notes)


def read_file(path: Path, settings: Settings) -> Iterator[RawText | IngestError]:
    """One file: a record file gives many texts, any other file one."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        yield from read_records(path, name, settings)
        return
    data = _read_bytes(path, name, settings)
    if isinstance(data, IngestError):
        yield data
        return
    try:
        found = decode(data)
    except DecodeError as exc:
        yield IngestError(name, str(exc))
        return
    kind = "html" if suffix in HTML_SUFFIXES else "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    yield _text_to_raw(found.text, name, kind, name, settings, [found.note] if found.note else [])


def read_stdin(settings: Settings) -> Iterator[RawText | IngestError]:
    """Standard input: HTML, JSON Lines, Markdown with front matter, or plain text, told apart by content."""
    stream = getattr(sys.stdin, "buffer", None)
    data = read_limited(stream, settings.max_bytes) if stream is not None else sys.stdin.read().encode("utf-8")
    if data is None:
        yield IngestError(STDIN, f"too large (more than {settings.max_bytes} bytes)")
        return
    try:
        found = decode(data)
    except DecodeError as exc:
        yield IngestError(STDIN, str(exc))
        return
    notes = [found.note] if found.note else []
    text = found.text
    start = text.lstrip()
    if looks_like_html(data):
        yield _text_to_raw(text, STDIN, "html", None, settings, notes)
    elif start.startswith("{") and '"text"' in start.split("\n", 1)[0]:
        yield from read_json_lines_text(text, STDIN, settings)
    elif start.startswith("---"):
        yield _text_to_raw(text, STDIN, "markdown", None, settings, notes)
    else:
        yield _text_to_raw(text, STDIN, "text", None, settings, notes)


def _wanted(skip: set[str]) -> Callable[[Path], bool]:
    def wanted(path: Path) -> bool:
        return is_document_file(path) and os.path.realpath(path) not in skip

    return wanted


def _expand(raw: str, settings: Settings, skip: set[str]) -> Iterator[RawText | IngestError]:
    if raw == STDIN:
        yield from read_stdin(settings)
        return
    if is_url(raw):
        yield fetch(raw, settings)
        return
    if (scheme := unsupported_scheme(raw)) is not None:
        yield IngestError(raw, f"unsupported URL scheme {scheme!r} (only http and https)")
        return
    try:
        mode = os.stat(raw).st_mode
    except FileNotFoundError:
        yield IngestError(raw, "no such file or directory")
        return
    except (OSError, ValueError) as exc:
        yield IngestError(raw, f"cannot read ({reason(exc) if isinstance(exc, OSError) else exc})")
        return
    if stat.S_ISDIR(mode):
        for child in walk(Path(raw), settings.max_folder_depth, _wanted(skip)):
            if isinstance(child, IngestError):
                yield child
            else:
                yield from _guarded(read_file(child, settings), str(child))
    else:
        yield from read_file(Path(raw), settings)


def _guarded(items: Iterator[RawText | IngestError], source: str) -> Iterator[RawText | IngestError]:
    """The items of one input; a failure no rule foresaw ends that input with one line, not the run."""
    try:
        yield from items
    except Exception as exc:
        yield IngestError(source, f"{INTERNAL} while reading ({exc.__class__.__name__}: {exc})")


def iter_documents(
    inputs: list[str], settings: Settings, manifest: Path | None = None
) -> Iterator[Document | IngestError]:
    """Documents from every input, in order; with no inputs, the files a manifest lists.

    Whatever an input holds, it gives documents or one error line each: an unexpected
    failure while reading one input is reported against it, and the next input is read.
    """
    listing = load_manifest(manifest, settings) if manifest is not None else None
    skip: set[str] = set()
    if listing is not None:
        yield from listing.errors
        skip.add(os.path.realpath(listing.path))
        if not inputs:
            inputs = [str(p) for p in listing.files()]
    for raw in inputs:
        for item in _guarded(_expand(raw, settings, skip), raw):
            if isinstance(item, IngestError):
                yield item
                continue
            try:
                yield to_document(item, listing)
            except Exception as exc:  # one document's failure must never end the run
                yield IngestError(item.source, f"{INTERNAL} while cleaning ({exc.__class__.__name__}: {exc})")
