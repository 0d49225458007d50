"""`dyad actors` (who appears, resolved across documents) and `dyad actor NAME` (one actor in full)."""

from __future__ import annotations

from typing import get_args

import click

from dyad.errors import NO_ACTOR
from dyad.present.cli import App, pass_app
from dyad.present.hints import hint_if_empty
from dyad.present.output import as_row, chosen_format, emit, format_option, json_dumps
from dyad.records import ActorKind

ACTOR_KINDS = get_args(ActorKind)
ACTOR_COLUMNS = ["name", "kind", "country", "role", "code", "mentions", "documents"]


@click.command("actors")
@click.option("--kind", type=click.Choice(ACTOR_KINDS), help="Only actors of this kind.")
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
    rows = [g.as_row() for g in app.db(read_only=True).actors(kind, country, role, doc, limit)]
    hint_if_empty(rows, "actors", kind=kind, country=country, role=role, doc=doc)
    fmt = chosen_format(as_json, as_csv)
    columns = ACTOR_COLUMNS if fmt == "table" else ["id", *ACTOR_COLUMNS, "sector", "aliases"]
    emit(rows, columns, fmt, title="actors")


@click.command("actor")
@click.argument("name")
@format_option
@pass_app
def actor_cmd(app: App, name: str, as_json: bool, as_csv: bool) -> None:
    """Show one actor: aliases, roles over time with evidence, documents and quotes.

    NAME is a name, an alias or an id from `dyad actors --json`; close
    spellings are accepted. When several actors fit, they are listed.
    """
    fmt = chosen_format(as_json, as_csv)
    db = app.db(read_only=True)
    matches = db.find_actors(name)
    if not matches:
        raise NO_ACTOR(value=name)
    if len(matches) > 1:
        click.echo(f"{len(matches)} actors fit {name!r}; give one of these ids:", err=True)
        emit([g.as_row() for g in matches], ["id", *ACTOR_COLUMNS], fmt, title="actors")
        return
    profile = db.profile(matches[0])
    actor = profile.actor
    appearances = [as_row(a) for a in profile.appearances]
    quotes = [as_row(q) for q in profile.quotes]
    if fmt == "json":
        data = {**actor.as_row(), "members": [list(m) for m in actor.members], "appearances": appearances, "quotes": quotes}
        click.echo(json_dumps(data, indent=2))
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
