"""`dyad actors` (who appears, resolved across documents) and `dyad actor NAME` (one actor in full)."""

from __future__ import annotations

import json
from typing import Any

import click

from dyad.present.cli import App, pass_app
from dyad.present.output import chosen_format, emit, format_option

ACTOR_COLUMNS = ["name", "kind", "country", "role", "code", "mentions", "documents"]
KINDS = ("person", "organization", "state", "group")


def _resolved(app: App) -> list[Any]:
    from dyad.fuse.actors import global_actors

    try:
        return global_actors(app.store(read_only=True), app.settings.overrides)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


def _doc_ids(store: Any, doc: str) -> set[str]:
    """Document ids a --doc value names: an id, an id prefix or a file name."""
    rows = store.query(
        "SELECT id FROM documents WHERE id = ? OR id LIKE ? OR source_name = ? OR source = ?",
        [doc, doc + "%", doc, doc],
    )
    if not rows:
        raise click.BadParameter(f"no stored document matches {doc!r}", param_hint="--doc")
    return {r["id"] for r in rows}


@click.command("actors")
@click.option("--kind", type=click.Choice(KINDS), help="Only actors of this kind.")
@click.option("--country", help="Only actors of this country (ISO3, e.g. KOR).")
@click.option("--role", help="Only actors with this role (e.g. 'head of state', analyst).")
@click.option("--doc", help="Only actors named in this document (id, id prefix or file name).")
@click.option("--limit", type=int, default=None, help="Show at most this many actors.")
@format_option
@pass_app
def actors_cmd(
    app: App, kind: str | None, country: str | None, role: str | None, doc: str | None, limit: int | None,
    as_json: bool, as_csv: bool,
) -> None:
    """List actors resolved across documents, most mentioned first.

    One row per real-world actor: spelling variants and short forms of one
    person are merged (see `dyad actor NAME` for why), and the overrides file
    named in the settings wins over the automatic choice.
    """
    actors = _resolved(app)
    if doc:
        ids = _doc_ids(app.store(read_only=True), doc)
        actors = [g for g in actors if any(d in ids for d, _ in g.members)]
    if kind:
        actors = [g for g in actors if g.kind == kind]
    if country:
        actors = [g for g in actors if (g.country or "").upper() == country.upper()]
    if role:
        actors = [g for g in actors if (g.role or "").lower() == role.lower()]
    rows = [g.as_row() for g in actors[:limit]]
    fmt = chosen_format(as_json, as_csv)
    columns = ACTOR_COLUMNS if fmt == "table" else ["id", *ACTOR_COLUMNS, "sector", "aliases"]
    emit(rows, columns, fmt, title="actors")


def _mention_rows(store: Any, members: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Per document: date, outlet, role and country as read there, with the first mention in context."""
    rows: list[dict[str, Any]] = []
    for doc_id, key in members:
        found = store.query(
            """
            SELECT d.published, coalesce(d.outlet, d.source_name, d.id) AS source, a.role, a.country, a.why,
                   m.text AS mention, m.start, m."end", d.text AS doc_text,
                   (SELECT count(*) FROM mentions x WHERE x.doc_id = a.doc_id AND x.actor_key = a.key) AS mentions
            FROM actors a
            JOIN documents d ON d.id = a.doc_id
            LEFT JOIN mentions m ON m.doc_id = a.doc_id AND m.actor_key = a.key
            WHERE a.doc_id = ? AND a.key = ?
            ORDER BY m.start
            LIMIT 1
            """,
            [doc_id, key],
        )
        for r in found:
            rows.append(
                {
                    "published": r["published"],
                    "doc_id": doc_id,
                    "source": r["source"],
                    "role": r["role"],
                    "country": r["country"],
                    "mentions": r["mentions"],
                    "evidence": _context(r["doc_text"], r["start"], r["end"]),
                    "start": r["start"],
                    "end": r["end"],
                    "why": r["why"],
                }
            )
    return sorted(rows, key=lambda r: (r["published"] is None, r["published"] or "", r["doc_id"]))


def _context(text: str | None, start: int | None, end: int | None, width: int = 70) -> str | None:
    """The words around a mention, on one line."""
    if text is None or start is None or end is None:
        return None
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return " ".join(snippet.split())


def _quote_rows(store: Any, members: list[tuple[str, str]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for doc_id, key in members:
        rows += store.query(
            """
            SELECT d.published, coalesce(d.outlet, d.source_name, d.id) AS source, q.text, q.kind
            FROM quotes q JOIN documents d ON d.id = q.doc_id
            WHERE q.doc_id = ? AND q.speaker_actor = ?
            ORDER BY q.start
            """,
            [doc_id, key],
        )
    return sorted(rows, key=lambda r: (r["published"] is None, r["published"] or ""))


@click.command("actor")
@click.argument("name")
@format_option
@pass_app
def actor_cmd(app: App, name: str, as_json: bool, as_csv: bool) -> None:
    """Show one actor: aliases, roles over time with evidence, documents and quotes.

    NAME is a name, an alias or an id from `dyad actors --json`; close
    spellings are accepted. When several actors fit, they are listed.
    """
    from dyad.fuse.actors import find_actor

    fmt = chosen_format(as_json, as_csv)
    matches = find_actor(_resolved(app), name)
    if not matches:
        raise click.ClickException(f"no actor named {name!r}; try `dyad actors` to see the names")
    if len(matches) > 1:
        click.echo(f"{len(matches)} actors fit {name!r}; give one of these ids:", err=True)
        emit([g.as_row() for g in matches], ["id", *ACTOR_COLUMNS], fmt, title="actors")
        return
    actor = matches[0]
    store = app.store(read_only=True)
    appearances = _mention_rows(store, actor.members)
    quotes = _quote_rows(store, actor.members)
    if fmt == "json":
        data = {**actor.as_row(), "members": [list(m) for m in actor.members], "appearances": appearances, "quotes": quotes}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        emit(appearances, ["published", "doc_id", "source", "role", "country", "mentions", "evidence"], fmt)
        return
    head = [{"field": k, "value": v} for k, v in actor.as_row().items() if k not in {"why"}]
    head.append({"field": "merged because", "value": "; ".join(actor.why) or "-"})
    emit(head, ["field", "value"], fmt, title=actor.name)
    emit(appearances, ["published", "source", "role", "country", "mentions", "evidence"], fmt, title="roles over time")
    if quotes:
        emit(quotes, ["published", "source", "text"], fmt, title="quotes")


COMMANDS = [actors_cmd, actor_cmd]
