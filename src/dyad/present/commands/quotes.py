"""`dyad quotes`, `dyad claims`, `dyad relations`: who said what, which figures, which standing relations."""

from __future__ import annotations

from typing import Any

import click

from dyad.codes import relation_types
from dyad.figures import figure_text
from dyad.present.cli import App, pass_app
from dyad.present.output import chosen_format, emit, format_option

QUOTE_KINDS = ("direct", "partial", "indirect")
RELATION_TYPES = tuple(relation_types())
SYMMETRIC = tuple(name for name, kind in relation_types().items() if kind.symmetric)
DOC_COLUMNS = "coalesce(d.source_name, d.id) AS doc, d.published, d.outlet"
EVIDENCE = 'substr(d.text, t.start + 1, t."end" - t.start) AS evidence'


def _doc_clause(doc: str | None, where: list[str], params: list[Any]) -> None:
    """--doc matches a document id, an id prefix or a file name."""
    if doc:
        where.append("(d.id = ? OR d.id LIKE ? OR d.source_name = ? OR d.source = ?)")
        params += [doc, doc + "%", doc, doc]


def _rows(app: App, sql: str, where: list[str], params: list[Any], order: str, limit: int | None) -> list[dict]:
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return app.store(read_only=True).query(sql, params)


def _pair(value: str) -> tuple[str, str]:
    parts = [p.strip().upper() for p in value.replace(",", "-").replace("/", "-").split("-") if p.strip()]
    if len(parts) != 2:
        raise click.BadParameter(f"{value!r}: give two ISO3 codes, e.g. KOR-CHN", param_hint="--pair")
    return parts[0], parts[1]


@click.command("quotes")
@click.option("--speaker", help="Only quotes whose speaker name contains this text.")
@click.option("--actor", help="Only quotes by this actor (name or part of it) or by actors of this country (ISO3).")
@click.option("--doc", help="Only quotes from this document (id, id prefix or file name).")
@click.option("--kind", type=click.Choice(QUOTE_KINDS), help="Only direct, partial or indirect quotes.")
@click.option("--limit", type=int, help="At most this many rows.")
@format_option
@pass_app
def quotes_cmd(
    app: App, speaker: str | None, actor: str | None, doc: str | None, kind: str | None, limit: int | None,
    as_json: bool, as_csv: bool,
) -> None:
    """Quotations with their speakers: direct, partial (within a sentence, or under four words) and indirect."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("t.speaker ILIKE ?")
        params.append(f"%{speaker}%")
    if actor:
        where.append("(a.name ILIKE ? OR a.country = ?)")
        params += [f"%{actor}%", actor.upper()]
    if kind:
        where.append("t.kind = ?")
        params.append(kind)
    _doc_clause(doc, where, params)
    sql = (
        f"SELECT {DOC_COLUMNS}, t.speaker, a.country AS speaker_country, t.kind, t.text "
        "FROM quotes t JOIN documents d ON d.id = t.doc_id "
        "LEFT JOIN actors a ON a.doc_id = t.doc_id AND a.key = t.speaker_actor"
    )
    rows = _rows(app, sql, where, params, "d.published NULLS LAST, doc, t.idx", limit)
    columns = ["doc", "published", "speaker", "speaker_country", "kind", "text"]
    emit(rows, columns, chosen_format(as_json, as_csv), title="quotes")


@click.command("claims")
@click.option("--unit", help="Only claims in this unit (USD, share, years, troops ...).")
@click.option("--actor", help="Only claims about this state (ISO3), or asserted by a speaker whose name contains this.")
@click.option("--doc", help="Only claims from this document (id, id prefix or file name).")
@click.option("--limit", type=int, help="At most this many rows.")
@format_option
@pass_app
def claims_cmd(
    app: App, unit: str | None, actor: str | None, doc: str | None, limit: int | None, as_json: bool, as_csv: bool
) -> None:
    """Numeric claims: the figure as written (with its qualifier), value, unit, bound, what is measured, which states, who asserts it."""
    where: list[str] = []
    params: list[Any] = []
    if unit:
        where.append("lower(t.unit) = lower(?)")
        params.append(unit)
    if actor:
        where.append("(list_contains(t.actors, ?) OR t.asserted_by ILIKE ?)")
        params += [actor.upper(), f"%{actor}%"]
    _doc_clause(doc, where, params)
    sql = (
        f"SELECT {DOC_COLUMNS}, t.value, t.unit, t.approx, t.qualifier, t.bound, t.expected, t.about, t.actors, "
        f"t.asserted_by, {EVIDENCE} FROM claims t JOIN documents d ON d.id = t.doc_id"
    )
    rows = _rows(app, sql, where, params, "d.published NULLS LAST, doc, t.idx", limit)
    for r in rows:  # the figure as it reads: "more than 10 agreements", never "10" or "1e+01"
        r["figure"] = figure_text(r["value"], r["unit"], r["qualifier"], r["bound"])
    columns = ["doc", "figure", "value", "unit", "approx", "qualifier", "bound", "expected", "about", "actors", "asserted_by", "evidence"]
    emit(rows, columns, chosen_format(as_json, as_csv), title="claims")


@click.command("relations")
@click.option(
    "--pair", help=f"Only relations between these two states, e.g. KOR-CHN (either order for {', '.join(SYMMETRIC)})."
)
@click.option("--type", "kind", type=click.Choice(RELATION_TYPES), help="Only relations of this type.")
@click.option("--polarity", type=click.Choice(["+", "-"]), help="Only asserted (+) or denied (-) relations.")
@click.option("--doc", help="Only relations from this document (id, id prefix or file name).")
@click.option("--limit", type=int, help="At most this many rows.")
@format_option
@pass_app
def relations_cmd(
    app: App, pair: str | None, kind: str | None, polarity: str | None, doc: str | None, limit: int | None,
    as_json: bool, as_csv: bool,
) -> None:
    """Standing relations between states (a -> b for depends_on, supports, neutral), with polarity and evidence."""
    where: list[str] = []
    params: list[Any] = []
    if pair:
        a, b = _pair(pair)
        either = ", ".join("?" for _ in SYMMETRIC)
        where.append(f"((t.a = ? AND t.b = ?) OR (t.type IN ({either}) AND t.a = ? AND t.b = ?))")
        params += [a, b, *SYMMETRIC, b, a]
    if kind:
        where.append("t.type = ?")
        params.append(kind)
    if polarity:
        where.append("t.polarity = ?")
        params.append(polarity)
    _doc_clause(doc, where, params)
    sql = f"SELECT {DOC_COLUMNS}, t.a, t.b, t.type, t.polarity, t.directed, {EVIDENCE} FROM relations t JOIN documents d ON d.id = t.doc_id"
    rows = _rows(app, sql, where, params, "d.published NULLS LAST, doc, t.idx", limit)
    columns = ["doc", "a", "b", "type", "polarity", "directed", "evidence"]
    emit(rows, columns, chosen_format(as_json, as_csv), title="relations")


COMMANDS = [quotes_cmd, claims_cmd, relations_cmd]
