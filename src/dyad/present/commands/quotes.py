"""`dyad quotes`, `dyad claims`, `dyad relations`: who said what, which figures, which standing relations."""

from __future__ import annotations

from typing import Any, get_args

import click

from dyad.codes import relation_types
from dyad.present.cli import App, pass_app
from dyad.present.hints import hint_if_empty
from dyad.present.output import as_row, chosen_format, emit, format_option
from dyad.records import Polarity, QuoteKind, RelationType
from dyad.stored.rows import ClaimRow

QUOTE_KINDS = get_args(QuoteKind)
RELATION_TYPES = get_args(RelationType)
POLARITIES = get_args(Polarity)
SYMMETRIC = tuple(name for name, kind in relation_types().items() if kind.symmetric)


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
    rows = app.db(read_only=True).quotes(speaker, actor, doc, kind, limit)
    hint_if_empty(rows, "quotes", speaker=speaker, actor=actor, doc=doc, kind=kind)
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
    """Numeric claims: the figure as written (with its qualifier), value, unit, bound, its own time ("in 2019", "since
    2016", "by 2030"; empty when the text gives none), what is measured, which states, who asserts it."""
    rows = app.db(read_only=True).claims(unit, actor, doc, limit)
    hint_if_empty(rows, "claims", unit=unit, actor=actor, doc=doc)
    fmt = chosen_format(as_json, as_csv)
    if fmt == "table":
        columns = ["doc", "figure", "value", "unit", "approx", "qualifier", "bound", "expected", "when", "about", "actors",
                   "asserted_by", "evidence"]
        emit([_with_period(r) for r in rows], columns, fmt, title="claims")
        return
    columns = ["doc", "figure", "value", "unit", "approx", "qualifier", "bound", "expected", "when", "when_precision",
               "when_until", "when_text", "about", "actors", "asserted_by", "evidence"]
    emit(rows, columns, fmt, title="claims")


def _with_period(row: ClaimRow) -> dict[str, Any]:
    """A claim as the table shows it: its time as `when..until` for a period."""
    out = as_row(row)
    if row.when and row.when_until:
        out["when"] = f"{row.when}..{row.when_until}"
    return out


@click.command("relations")
@click.option(
    "--pair", help=f"Only relations between these two states, e.g. KOR-CHN (either order for {', '.join(SYMMETRIC)})."
)
@click.option("--type", "kind", type=click.Choice(RELATION_TYPES), help="Only relations of this type.")
@click.option("--polarity", type=click.Choice(POLARITIES), help="Only asserted (+) or denied (-) relations.")
@click.option("--doc", help="Only relations from this document (id, id prefix or file name).")
@click.option("--limit", type=int, help="At most this many rows.")
@format_option
@pass_app
def relations_cmd(
    app: App, pair: str | None, kind: str | None, polarity: str | None, doc: str | None, limit: int | None,
    as_json: bool, as_csv: bool,
) -> None:
    """Standing relations between states (a -> b for depends_on, supports, neutral), with polarity and evidence."""
    rows = app.db(read_only=True).relations(pair, kind, polarity, doc, limit)
    hint_if_empty(rows, "relations", pair=pair, type=kind, polarity=polarity, doc=doc)
    columns = ["doc", "a", "b", "type", "polarity", "directed", "evidence"]
    emit(rows, columns, chosen_format(as_json, as_csv), title="relations")


COMMANDS = [quotes_cmd, claims_cmd, relations_cmd]
