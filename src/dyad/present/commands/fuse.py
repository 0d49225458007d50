"""Across sources: `dyad stories`, `figures`, `contradictions`, `sources`, `dyads`, `network`, `brief`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dyad.present.cli import App, pass_app
from dyad.present.hints import hint_if_empty
from dyad.present.output import chosen_format, emit, format_option

if TYPE_CHECKING:
    from dyad.fuse.contradictions import Contradiction
    from dyad.fuse.corroboration import Figure
    from dyad.fuse.stories import Story

Day = str | None  # YYYY, YYYY-MM or YYYY-MM-DD, checked by the library
SINCE_HELP = "Documents published from this date (YYYY, YYYY-MM or YYYY-MM-DD)."
UNTIL_HELP = "Documents published up to this date (YYYY, YYYY-MM or YYYY-MM-DD)."


def limit_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--limit", type=int, default=None, help=f"Show at most this many {what}.")


def scope_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--dyad, --directed, --since, --until."""
    f = click.option("--until", help=UNTIL_HELP)(f)
    f = click.option("--since", help=SINCE_HELP)(f)
    f = click.option("--directed", is_flag=True, help="Only events from the first state to the second.")(f)
    f = click.option("--dyad", "dyad_text", help="Two ISO3 codes, e.g. KOR-CHN.")(f)
    return f


def _words(text: str) -> str:
    """Quoted words with runs of whitespace (line breaks) shown as one space."""
    return " ".join(text.split())


# -- stories ---------------------------------------------------------------------------

STORY_COLUMNS = [
    "id", "dyad", "directed", "family", "codes", "when", "status", "n_documents", "n_sources", "single_source",
    "n_happened", "n_not_happened", "first_seen", "last_seen", "outlets", "evidence",
]
STORY_TABLE = ["id", "dyad", "family", "when", "status", "n_documents", "n_sources", "evidence"]


def story_row(s: Story) -> dict[str, Any]:
    lead = s.lead()
    return {
        "id": s.id, "dyad": f"{s.source}-{s.target}", "directed": s.directed, "family": s.family,
        "codes": s.codes, "when": s.when, "status": s.status, "n_documents": s.n_documents,
        "n_sources": s.n_sources, "single_source": s.single_source, "n_happened": s.n_happened,
        "n_not_happened": s.n_not_happened, "first_seen": s.first_seen, "last_seen": s.last_seen,
        "outlets": s.outlets, "evidence": _words(lead.cited.words), "doc_id": lead.doc.id,
    }


@click.command("stories")
@scope_options
@click.option("--min-sources", type=int, default=1, show_default=True, help="Only stories with this many independent sources.")
@click.option("--limit", type=int, default=None, help="Show at most this many stories.")
@format_option
@pass_app
def stories_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, min_sources: int,
                limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Story events: one real event with every document that reports it, most sources first.

    Reports merge when they share the code family and states (the unordered pair for
    meetings and agreements), fall within story_window_days, and have similar evidence.
    """
    found = app.db(read_only=True).stories(dyad_text, directed, since, until, min_sources, limit)
    rows = [story_row(s) for s in found]
    fmt = chosen_format(as_json, as_csv)
    hint_if_empty(rows, "stories", dyad=dyad_text, since=since, until=until,
                  min_sources=min_sources if min_sources > 1 else None)
    emit(rows, STORY_COLUMNS if fmt != "table" else STORY_TABLE, fmt, title="story events")


# -- figures ---------------------------------------------------------------------------

FIGURE_COLUMNS = ["value", "unit", "about", "n_claims", "n_sources", "single_source", "outlets", "evidence"]


def figure_row(f: Figure) -> dict[str, Any]:
    return {
        "value": f.value, "unit": f.unit, "about": f.about, "n_claims": len(f.claims), "n_sources": f.n_sources,
        "single_source": f.single_source, "outlets": f.outlets, "evidence": _words(f.claims[0].cited.words),
        "doc_id": f.claims[0].doc.id,
    }


@click.command("figures")
@scope_options
@click.option("--single-source", "only_single", is_flag=True, help="Only figures no other source gives.")
@limit_option("figures")
@format_option
@pass_app
def figures_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, only_single: bool,
                limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Claimed figures with their corroboration: how many independent sources give each value."""
    found = app.db(read_only=True).figures(dyad_text, directed, since, until, only_single, limit)
    rows = [figure_row(f) for f in found]
    hint_if_empty(rows, "figures", dyad=dyad_text, since=since, until=until, single_source=only_single)
    emit(rows, FIGURE_COLUMNS, chosen_format(as_json, as_csv), title="figures")


# -- contradictions ----------------------------------------------------------------------

CONTRADICTION_COLUMNS = [
    "kind", "subject", "first_says", "first_outlet", "first_words", "second_says", "second_outlet", "second_words",
]


def contradiction_row(c: Contradiction) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": c.kind, "subject": c.subject}
    for name, side in (("first", c.first), ("second", c.second)):
        row.update({
            f"{name}_says": side.says, f"{name}_outlet": side.cited.outlet, f"{name}_title": side.cited.title,
            f"{name}_doc": side.cited.doc_id, f"{name}_start": side.cited.start, f"{name}_end": side.cited.end,
            f"{name}_words": _words(side.cited.words),
        })
    return row


@click.command("contradictions")
@scope_options
@click.option("--kind", type=click.Choice(["figure", "relation", "realis"]), help="Only this kind.")
@click.option("--full", is_flag=True, help="Also print document ids and character offsets.")
@limit_option("contradictions")
@format_option
@pass_app
def contradictions_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, kind: str | None,
                       full: bool, limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Where sources disagree: figures beyond tolerance, relations asserted vs denied,
    events one source says happened and another, writing later, says only planned."""
    found = app.db(read_only=True).contradictions(dyad_text, directed, since, until, kind, limit)
    rows = [contradiction_row(c) for c in found]
    hint_if_empty(rows, "contradictions", dyad=dyad_text, since=since, until=until, kind=kind)
    columns = list(CONTRADICTION_COLUMNS)
    if full or as_json or as_csv:
        columns += ["first_title", "first_doc", "first_start", "first_end",
                    "second_title", "second_doc", "second_start", "second_end"]
    emit(rows, columns, chosen_format(as_json, as_csv), title="contradictions")


# -- sources -----------------------------------------------------------------------------


@click.command("sources")
@scope_options
@click.option("--story", "story_id", help="Compare outlets on one story (an id from `dyad stories`).")
@limit_option("outlets")
@format_option
@pass_app
def sources_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, story_id: str | None,
                limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Per outlet: what it reports, what it alone reports, its mean Goldstein and its
    speculation index (a measured signal of practice, not a bias rating)."""
    from dyad.fuse.sources import COLUMNS

    db = app.db(read_only=True)
    fmt = chosen_format(as_json, as_csv)
    if story_id:
        columns = ["outlet", "n_documents", "n_mentions", "codes", "says", "mean_goldstein", "evidence"]
        rows = db.story_sources(story_id, dyad_text, directed, since, until)[:limit]
        emit(rows, columns, fmt, title=f"outlets on story {story_id}")
        return
    if fmt == "table":
        columns = ["outlet", "n_documents", "n_events", "n_only", "mean_goldstein", "irrealis_share",
                   "single_source_claim_share", "speculative_sentence_share", "speculation_index"]
    else:
        columns = [*COLUMNS, "n_claims", "n_sentences"]
    outlets = db.sources(dyad_text, directed, since, until, limit)
    hint_if_empty(outlets, "outlets", dyad=dyad_text, since=since, until=until)
    emit(outlets, columns, fmt, title="sources")


# -- dyads -------------------------------------------------------------------------------


@click.command("dyads")
@click.option("--dyad", "dyad_text", help="Two ISO3 codes, e.g. KOR-CHN: its trend over time.")
@click.option("--directed", is_flag=True, help="Directed dyads (KOR-CHN apart from CHN-KOR).")
@click.option("--bucket", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("--by-outlet", is_flag=True, help="One series per outlet.")
@click.option("--window", type=int, default=30, show_default=True, help="Days compared for warming/cooling.")
@click.option("--since", help="Events from this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Events up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", type=int, default=None, help="Show at most this many dyads (or periods).")
@format_option
@pass_app
def dyads_cmd(app: App, dyad_text: str | None, directed: bool, bucket: str, by_outlet: bool, window: int,
              since: Day, until: Day, limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Dyads by realis events, QuadClass and Goldstein; with --dyad, its trend over time
    and whether it is warming or cooling (printed on stderr)."""
    from dyad.analyse.dyads import DYAD_COLUMNS, TREND_COLUMNS
    from dyad.api.options import dyad as parse_dyad

    db = app.db(read_only=True)
    fmt = chosen_format(as_json, as_csv)
    if not dyad_text:
        table = db.dyads(directed, limit, since, until)
        hint_if_empty(table, "dyads", since=since, until=until)
        emit(table, DYAD_COLUMNS, fmt, title="dyads")
        return
    dyad = parse_dyad(dyad_text, directed)
    assert dyad is not None
    rows = db.trend(dyad, directed, bucket, by_outlet, since, until)[:limit]
    hint_if_empty(rows, "events", dyad=dyad_text, since=since, until=until)
    columns = ["period", "outlet", *TREND_COLUMNS[1:]] if by_outlet else TREND_COLUMNS
    emit(rows, columns, fmt, title=f"{dyad.label} by {bucket}")
    t = db.temperature(dyad, directed, window, until)
    if not app.quiet:
        change = "n/a" if t.change is None else f"{t.change:+.2f}"
        click.echo(
            f"{dyad.label}: mean Goldstein {window} days to {t.until} vs the {window} before: {change} "
            f"({t.label}; {t.recent_n} vs {t.previous_n} events)",
            err=True,
        )


# -- network -----------------------------------------------------------------------------


@click.command("network")
@click.option("--level", type=click.Choice(["state", "actor"]), default="state", show_default=True)
@click.option("--since", help="Events from this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Events up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--edges", "show_edges", is_flag=True, help="List the edges instead of the nodes.")
@limit_option("nodes (or edges)")
@format_option
@pass_app
def network_cmd(app: App, level: str, since: Day, until: Day, show_edges: bool, limit: int | None, as_json: bool,
                as_csv: bool) -> None:
    """The actor network of realis events: degree and betweenness centrality per node
    (`dyad export network` writes it as GraphML or GEXF)."""
    from dyad.analyse.network import NETWORK_COLUMNS

    db = app.db(read_only=True)
    fmt = chosen_format(as_json, as_csv)
    if show_edges:
        found: list[Any] = db.network_edges(level, since, until, limit)
        columns = ["source", "target", "n_events", "goldstein_sum"]
    else:
        found, columns = db.network(level, since, until, limit), NETWORK_COLUMNS
    hint_if_empty(found, "events", since=since, until=until)
    emit(found, columns, fmt, title="network edges" if show_edges else "network")


# -- brief -------------------------------------------------------------------------------


@click.command("brief")
@scope_options
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write [brief-<dyad>.<format>].")
@click.option("--window", type=int, default=30, show_default=True, help="Days compared for warming/cooling.")
@pass_app
def brief_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, fmt: str,
              output: Path | None, window: int) -> None:
    """Write a briefing: key story events (corroborated first), who said what, figures and
    their corroboration, contradictions, source comparison and a trend chart. Extractive:
    every line quotes the words it rests on and names its document."""
    written = app.db(read_only=True).brief(dyad_text, directed, since, until, fmt, output, window)
    if not app.quiet:
        for path in written:
            click.echo(f"wrote {path}", err=True)


COMMANDS = [stories_cmd, figures_cmd, contradictions_cmd, sources_cmd, dyads_cmd, network_cmd, brief_cmd]
