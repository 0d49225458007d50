"""Read inputs (files, folders, record files, URLs, stdin) into Documents; bad inputs become IngestErrors.

Every input is read one at a time and yielded at once, so a corpus of any
size streams through. Metadata is merged by precedence: a manifest entry,
then what the file says about itself (front matter, HTML meta tags, record
fields), then what the text shows (its headline).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dyad.ingest.decode import DecodeError, decode_bytes
from dyad.ingest.furniture import clean
from dyad.ingest.html import NoArticleText, read_html
from dyad.ingest.items import IngestError, RawText
from dyad.ingest.jsonl import RECORD_SUFFIXES, read_json_lines_text, read_records
from dyad.ingest.manifest import Manifest, load_manifest
from dyad.ingest.markdown import FrontMatterError, read_markdown
from dyad.ingest.meta import Meta
from dyad.ingest.normalize import document_id, normalize_text
from dyad.ingest.urls import fetch, is_url, looks_like_html
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


def is_document_file(path: Path) -> bool:
    return path.suffix.lower() not in NOT_DOCUMENTS


def to_document(raw: RawText, manifest: Manifest | None = None) -> Document | IngestError:
    """Extract (HTML), normalise, drop furniture, merge metadata, and hash the text."""
    meta = raw.meta
    text = raw.text
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
    return Document(
        id=document_id(cleaned.text),
        text=cleaned.text,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=meta.published,
        language=meta.language or "en",
        source=raw.source,
        ref=meta.ref,
        author=meta.author,
        section=meta.section,
        keywords=list(meta.keywords or ()),
        extra=dict(meta.extra or {}),
    )


def _read_limited(fh: BinaryIO, limit: int) -> bytes | None:
    """Up to `limit` bytes, or None when there are more."""
    data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _read_bytes(path: Path, name: str, settings: Settings) -> bytes | IngestError:
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return IngestError(name, f"too large ({size} bytes > {settings.max_bytes})")
        with path.open("rb") as fh:
            data = _read_limited(fh, settings.max_bytes)
    except OSError as exc:
        return IngestError(name, f"cannot read ({exc.strerror or exc})")
    if data is None:
        return IngestError(name, f"too large (more than {settings.max_bytes} bytes)")
    return data


def _text_to_raw(text: str, name: str, kind: str, path: str | None) -> RawText | IngestError:
    if kind == "markdown":
        try:
            body, meta = read_markdown(text)
        except FrontMatterError as exc:
            return IngestError(name, str(exc))
        return RawText(source=name, text=body, meta=meta, path=path)
    return RawText(source=name, text=text, html=kind == "html", path=path)


def read_file(path: Path, settings: Settings) -> Iterator[RawText | IngestError]:
    """One file: a record file gives many texts, any other file one."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        yield from read_records(path, name, settings.max_bytes)
        return
    data = _read_bytes(path, name, settings)
    if isinstance(data, IngestError):
        yield data
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield IngestError(name, str(exc))
        return
    kind = "html" if suffix in HTML_SUFFIXES else "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    yield _text_to_raw(text, name, kind, name)


def read_stdin(settings: Settings) -> Iterator[RawText | IngestError]:
    """Standard input: HTML, JSON Lines, Markdown with front matter, or plain text, told apart by content."""
    stream = getattr(sys.stdin, "buffer", None)
    data = _read_limited(stream, settings.max_bytes) if stream is not None else sys.stdin.read().encode("utf-8")
    if data is None:
        yield IngestError(STDIN, f"too large (more than {settings.max_bytes} bytes)")
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield IngestError(STDIN, str(exc))
        return
    start = text.lstrip()
    if looks_like_html(data):
        yield _text_to_raw(text, STDIN, "html", None)
    elif start.startswith("{") and '"text"' in start.split("\n", 1)[0]:
        yield from read_json_lines_text(text, STDIN, settings.max_bytes)
    elif start.startswith("---"):
        yield _text_to_raw(text, STDIN, "markdown", None)
    else:
        yield _text_to_raw(text, STDIN, "text", None)


def walk(folder: Path, skip: set[Path]) -> Iterator[Path]:
    """Document files under a folder, recursively, in name order, leaving out hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and is_document_file(path) and path.resolve() not in skip:
                yield path


def _expand(raw: str, settings: Settings, skip: set[Path]) -> Iterator[RawText | IngestError]:
    if raw == STDIN:
        yield from read_stdin(settings)
    elif is_url(raw):
        yield fetch(raw, settings.url_timeout, settings.max_bytes)
    elif (path := Path(raw)).is_dir():
        for child in walk(path, skip):
            yield from read_file(child, settings)
    elif path.exists():
        yield from read_file(path, settings)
    else:
        yield IngestError(raw, "no such file or directory")


def iter_documents(
    inputs: list[str], settings: Settings, manifest: Path | None = None
) -> Iterator[Document | IngestError]:
    """Documents from every input, in order; with no inputs, the files a manifest lists."""
    listing = load_manifest(manifest) if manifest is not None else None
    skip: set[Path] = set()
    if listing is not None:
        yield from listing.errors
        skip.add(listing.path.resolve())
        if not inputs:
            inputs = [str(p) for p in listing.files()]
    for raw in inputs:
        for item in _expand(raw, settings, skip):
            yield item if isinstance(item, IngestError) else to_document(item, listing)
