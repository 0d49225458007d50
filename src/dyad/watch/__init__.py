"""`dyad watch`: follow folders, JSON Lines drops and RSS/Atom feeds; ingest what is new; raise alerts.

Each round reads every source, keeps only items the store has not seen (feed
entries by their id, files by name, size and modification time), ingests them
(extraction, near-copies, storage as `dyad ingest` does), remembers them, and
evaluates the alerts of the settings on what the new documents changed. A
source that is down or malformed is reported and the round goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.ingest.feeds import read_feed
from dyad.ingest.files import walk
from dyad.ingest.items import IngestError
from dyad.ingest.sources import is_document_file, read_file, to_document
from dyad.ingest.urls import is_url
from dyad.records import Document
from dyad.run import IngestReport, ingest_documents
from dyad.scale import extractor_for
from dyad.settings import Settings
from dyad.store.watch import mark_seen, seen_items
from dyad.watch.alerts import Alert, Database, deliver, evaluate

if TYPE_CHECKING:
    from dyad.scale import Extractor

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
Warn = Callable[[str], None]


@dataclass
class Round:
    """One pass over the sources: what was ingested, what failed, which alerts were raised."""

    ingest: IngestReport = field(default_factory=IngestReport)
    alerts: list[Alert] = field(default_factory=list)
    skipped: int = 0  # items seen in an earlier round

    def summary(self) -> str:
        return f"{self.ingest.summary()}; {self.skipped} item(s) seen before; {len(self.alerts)} alert(s)"


def _stamp(path: Path) -> str:
    info = path.stat()
    return f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}"


def _files(source: Path, settings: Settings) -> Iterator[Path | IngestError]:
    if source.is_dir():
        yield from walk(source, settings.max_folder_depth, is_document_file)
    elif is_document_file(source):
        yield source


def _read(source: str, settings: Settings, fetch_articles: bool, db: Database,
          keys: dict[str, list[str]], counts: Round) -> Iterator[Document | IngestError]:
    """The new items of one source as documents (or errors); their keys go to `keys[source]`."""
    seen = seen_items(db.store, source)
    if is_url(source) or Path(source).suffix.lower() in FEED_SUFFIXES:
        feed = read_feed(source, settings, fetch_articles, seen)
        if feed.error is not None:
            yield feed.error
            return
        for entry in feed.entries:
            keys.setdefault(source, []).append(entry.key)
            yield entry.raw if isinstance(entry.raw, IngestError) else to_document(entry.raw)
        return
    path = Path(source)
    if not path.exists():
        yield IngestError(source, "no such file, folder or feed")
        return
    for file in _files(path, settings):
        if isinstance(file, IngestError):
            yield file
            continue
        try:
            stamp = _stamp(file)
        except OSError as exc:
            yield IngestError(str(file), f"cannot read ({exc.strerror or exc})")
            continue
        if stamp in seen:
            counts.skipped += 1
            continue
        keys.setdefault(source, []).append(stamp)
        for raw in read_file(file, settings):
            yield raw if isinstance(raw, IngestError) else to_document(raw)


def watch_round(db: Database, sources: list[str], extractor: Extractor, fetch_articles: bool,
                alerts_file: Path | None, alert_command: str | None, warn: Warn) -> Round:
    """Ingest what is new in every source, remember it, and raise the alerts it causes."""
    settings = db.settings
    result = Round()
    keys: dict[str, list[str]] = {}
    for source in sources:
        items = _read(source, settings, fetch_articles, db, keys, result)
        # stored documents are fused as `dyad ingest` fuses them, so the alerts read current stories
        report = ingest_documents(items, db.store, extractor, near_copy_threshold=settings.near_copy_threshold,
                                  settings=settings)
        for name in ("stored", "duplicates", "near_copies", "errors", "fusion_errors"):
            getattr(result.ingest, name).extend(getattr(report, name))
        result.ingest.fusion.add(report.fusion)
        mark_seen(db.store, source, keys.get(source, []))
    for error in result.ingest.errors:
        warn(error.line())
    for line in result.ingest.fusion_errors:
        warn(f"fusion: {line} (run `dyad fuse`)")
    result.alerts = evaluate(db, settings.alerts, set(result.ingest.stored))
    for alert in result.alerts:
        deliver(alert, alerts_file, alert_command, warn)
    return result


def watch(db: Database, sources: list[str], once: bool, interval: float, fetch_articles: bool,
          alerts_file: Path | None, alert_command: str | None, warn: Warn,
          on_round: Callable[[Round], None], rounds: int | None = None) -> None:
    """Rounds every `interval` seconds (one with `once`, or `rounds` of them), until interrupted."""
    extractor = extractor_for(db.settings, db.settings.workers)
    done = 0
    while True:
        on_round(watch_round(db, sources, extractor, fetch_articles, alerts_file, alert_command, warn))
        done += 1
        if once or (rounds is not None and done >= rounds):
            return
        time.sleep(interval)
