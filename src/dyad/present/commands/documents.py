"""`dyad documents`: the stored documents with the metadata their inputs gave."""

from __future__ import annotations

from typing import Any

import click

from dyad.present.cli import App, pass_app
from dyad.present.hints import hint_if_empty
from dyad.present.output import chosen_format, emit, format_option
from dyad.records import Document

TABLE_COLUMNS = ["ref", "published", "outlet", "title", "author", "section"]
FULL_COLUMNS = ["id", "ref", "published", "outlet", "title", "author", "section", "keywords", "language", "url",
                "source", "near_copy_of", "extra"]


def document_row(d: Document) -> dict[str, Any]:
    """A document's metadata as one row (the text left out)."""
    return {c: getattr(d, c) for c in FULL_COLUMNS}


@click.command("documents")
@click.option("--doc", help="Only this document (its own id, id, id prefix, file name or title).")
@click.option("--since", help="Only documents published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Only documents published on or before this date.")
@click.option("--limit", type=int, default=None, help="Show at most this many documents.")
@format_option
@pass_app
def documents_cmd(app: App, doc: str | None, since: str | None, until: str | None, limit: int | None,
                  as_json: bool, as_csv: bool) -> None:
    """List stored documents with their metadata: own id, day, outlet, title, author, section, keywords.

    The input's own fields (a record's `id`, `author`, `section`, `keywords` and
    any other) are kept with the document; `--doc` accepts the input's own id.
    """
    rows = [document_row(d) for d in app.db(read_only=True).documents(doc, since, until, limit)]
    fmt = chosen_format(as_json, as_csv)
    hint_if_empty(rows, "documents", since=since, until=until)
    emit(rows, TABLE_COLUMNS if fmt == "table" else FULL_COLUMNS, fmt, title="documents")


COMMANDS = [documents_cmd]
