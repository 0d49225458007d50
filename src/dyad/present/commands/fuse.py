"""Across sources: `dyad stories`, `story`, `figures`, `contradictions`, `sources`, `fuse`, `dyads`, `network`, `brief`.

The listings read the fusion tables and print what they hold, cut to --limit; when
a listing is cut, how many rows it had is said on stderr.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from dyad.api import options as opt
from dyad.present.cli import App, pass_app
from dyad.present.hints import hint_if_empty
from dyad.present.output import chosen_format, emit, format_option

if TYPE_CHECKING:
    from dyad.stored.fusion import ContradictionRow, FigureRow, StoryRow

Day = str | None  # YYYY, YYYY-MM or YYYY-MM-DD, checked by the library


def scope_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--dyad, --directed, --since, --until."""
    f = click.option("--until", metavar="DATE", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD (its last day).")(f)
    f = click.option("--since", metavar="DATE", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD (its first day).")(f)
    f = click.option("--directed", is_flag=True, help="Only events from the first state to the second.")(f)
    f = click.option("--dyad", "dyad_text", help="Two ISO3 codes, e.g. KOR-CHN.")(f)
    return f


def _day(value: Day) -> Day:
    return value


def _words(text: str) -> str:
    """Quoted words with runs of whitespace (line breaks) shown as one space."""
    return " ".join(text.split())


def _shown(app: App, shown: int, total: int, what: str) -> None:
    """Say on stderr when a listing is cut, so no cut is silent."""
    if shown < total and not app.quiet:
        click.echo(f"{shown} of {total} {what} shown (raise --limit to see more)", err=True)


# -- stories ---------------------------------------------------------------------------

STORY_COLUMNS = [
    "id", "dyad", "directed", "family", "codes", "when", "when_until", "when_start", "when_end", "status", "disputed", "background",
    "n_mentions", "n_documents", "n_sources", "n_happened", "n_planned", "n_denied", "first_seen", "last_seen",
    "outlets", "evidence", "url", "lead_doc",
]
STORY_TABLE = ["id", "dyad", "family", "when", "status", "n_documents", "n_sources", "evidence"]


def story_row(s: StoryRow) -> dict[str, Any]:
    row = s.as_dict()
    row["when"] = s.period or ("undated, reported " + str(s.first_seen) if s.first_seen else "undated")
    if s.background:
        row["when"] += " (background)"
    if s.disputed:
        row["status"] += " (disputed)"
    return row


@click.command("stories")
@scope_options
@click.option("--min-sources", type=int, default=1, show_default=True, help="Only stories with this many independent sources.")
@click.option("--status", type=click.Choice(["happened", "planned", "denied"]), help="Only stories of this status.")
@click.option("--background", "background", flag_value=True, default=False,
              help="Only background stories (history the documents recall).")
@click.option("--all", "background", flag_value=None, help="Current and background stories.")
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many stories.")
@format_option
@pass_app
def stories_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, min_sources: int,
                status: str | None, background: bool | None, limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Story events: one real event with every document that reports it, most sources first.

    Reports are one story when they have the same code family and states (the unordered
    pair for meetings and agreements), their days agree (their own time, else bounded by
    publication), and their words tie them. Background stories (only recalled as history)
    are left out unless asked for; --since/--until select by the story's own time, else the
    days it was reported.
    """
    db = app.db(read_only=True)
    found = db.stories(dyad_text, directed, _day(since), _day(until), min_sources, limit, status, background)
    fmt = chosen_format(as_json, as_csv)
    hint_if_empty(found, "stories", dyad=dyad_text, since=since, until=until, status=status,
                  min_sources=min_sources if min_sources > 1 else None)
    emit([story_row(s) for s in found], STORY_COLUMNS if fmt != "table" else STORY_TABLE, fmt, title="story events")
    _shown(app, len(found), db.story_count(dyad_text, directed, _day(since), _day(until), min_sources, status,
                                           background), "stories")


MENTION_COLUMNS = ["doc", "published", "outlet", "source", "target", "code", "realis", "modality", "when",
                   "background", "evidence", "url"]


@click.command("story")
@click.argument("story_id")
@format_option
@pass_app
def story_cmd(app: App, story_id: str, as_json: bool, as_csv: bool) -> None:
    """One story: what its reports say together, then every report of it (GDELT's mentions)."""
    detail = app.db(read_only=True).story(story_id)
    fmt = chosen_format(as_json, as_csv)
    if fmt == "table" and not app.quiet:
        s = detail.story
        click.echo(f"{s.id} {s.dyad} {s.family} (CAMEO {', '.join(s.codes)}), {s.period or 'undated'}: {s.status}"
                   f"{' (disputed)' if s.disputed else ''}; {s.n_documents} documents, {s.n_sources} independent "
                   f"sources ({s.n_happened} say it happened)", err=True)
    emit(detail.mentions, MENTION_COLUMNS, fmt, title=f"reports of story {story_id}")


# -- figures ---------------------------------------------------------------------------

FIGURE_COLUMNS = ["id", "value", "unit", "qualifier", "about", "actors", "n_claims", "n_sources", "n_sources_all",
                  "n_values", "single_source", "first_seen", "last_seen", "outlets", "evidence", "url"]
FIGURE_TABLE = ["id", "value", "unit", "qualifier", "about", "n_sources", "n_values", "evidence"]
CLAIM_COLUMNS = ["doc", "published", "outlet", "value", "unit", "qualifier", "agrees", "evidence"]


def figure_row(f: FigureRow) -> dict[str, Any]:
    return f.as_dict()


@click.command("figures")
@scope_options
@click.option("--single-source", "only_single", is_flag=True, help="Only figures no other source gives.")
@click.option("--unit", help="Only figures in this unit (USD, share, troop ...).")
@click.option("--figure", "figure_id", help="Every claim of one figure (an id from this listing).")
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many figures.")
@format_option
@pass_app
def figures_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, only_single: bool,
                unit: str | None, figure_id: str | None, limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Claimed figures: one measured thing, its consensus value (the one most independent
    sources give), its qualifiers, and how many sources give it or another value."""
    db = app.db(read_only=True)
    fmt = chosen_format(as_json, as_csv)
    if figure_id:
        emit(db.figure(figure_id).claims, CLAIM_COLUMNS, fmt, title=f"claims of figure {figure_id}")
        return
    found = db.figures(dyad_text, directed, _day(since), _day(until), only_single, limit, unit)
    hint_if_empty(found, "figures", dyad=dyad_text, since=since, until=until, single_source=only_single, unit=unit)
    emit([figure_row(f) for f in found], FIGURE_COLUMNS if fmt != "table" else FIGURE_TABLE, fmt, title="figures")
    _shown(app, len(found), db.figure_count(dyad_text, directed, _day(since), _day(until), only_single, unit),
           "figures")


# -- contradictions ----------------------------------------------------------------------

CONTRADICTION_COLUMNS = [
    "kind", "subject", "first_says", "first_outlet", "first_words", "second_says", "second_outlet", "second_words",
]
FULL_COLUMNS = ["id", "ref", "day", "first_title", "first_doc_id", "first_published", "first_url", "first_start",
                "first_end", "second_title", "second_doc_id", "second_published", "second_url", "second_start",
                "second_end"]


def contradiction_row(c: ContradictionRow) -> dict[str, Any]:
    return c.as_dict()


@click.command("contradictions")
@scope_options
@click.option("--kind", type=click.Choice(["figure", "relation", "realis"]), help="Only this kind.")
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many.")
@click.option("--full", is_flag=True, help="Also print document ids, dates, URLs and character offsets.")
@format_option
@pass_app
def contradictions_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, kind: str | None,
                       limit: int | None, full: bool, as_json: bool, as_csv: bool) -> None:
    """Where sources disagree: one figure given different values, a relation asserted and
    denied, an event one source says happened and another, writing later, says only planned."""
    db = app.db(read_only=True)
    found = db.contradictions(dyad_text, directed, _day(since), _day(until), kind, limit)
    hint_if_empty(found, "contradictions", dyad=dyad_text, since=since, until=until, kind=kind)
    columns = list(CONTRADICTION_COLUMNS)
    if full or as_json or as_csv:
        columns += FULL_COLUMNS
    emit([contradiction_row(c) for c in found], columns, chosen_format(as_json, as_csv), title="contradictions")
    _shown(app, len(found), db.contradiction_count(dyad_text, directed, _day(since), _day(until), kind),
           "contradictions")


# -- sources -----------------------------------------------------------------------------

SOURCE_COLUMNS = ["outlet", "outlet_from", "n_documents", "n_events", "n_realis", "n_stories", "n_only",
                  "mean_goldstein", "irrealis_share", "single_source_claim_share", "speculative_sentence_share",
                  "speculation_index", "n_claims", "n_sentences"]
SOURCE_TABLE = ["outlet", "n_documents", "n_events", "n_stories", "n_only", "mean_goldstein", "irrealis_share",
                "single_source_claim_share", "speculative_sentence_share", "speculation_index"]


@click.command("sources")
@scope_options
@click.option("--story", "story_id", help="Compare outlets on one story (an id from `dyad stories`).")
@click.option("--limit", type=int, default=None, help="Show at most this many outlets.")
@format_option
@pass_app
def sources_cmd(app: App, dyad_text: str | None, directed: bool, since: Day, until: Day, story_id: str | None,
                limit: int | None, as_json: bool, as_csv: bool) -> None:
    """Per outlet (from the documents' metadata or site name, else their URL's host): what it
    reports, what it alone reports, its mean Goldstein and its speculation index (a measured
    signal of practice, not a bias rating)."""
    db = app.db(read_only=True)
    fmt = chosen_format(as_json, as_csv)
    if story_id:
        columns = ["outlet", "n_documents", "n_mentions", "codes", "says", "mean_goldstein", "evidence"]
        rows = db.story_sources(story_id, dyad_text, directed, _day(since), _day(until))[:limit]
        emit(rows, columns, fmt, title=f"outlets on story {story_id}")
        return
    outlets = db.sources(dyad_text, directed, _day(since), _day(until))
    shown = outlets[: opt.limit(limit)]
    hint_if_empty(shown, "outlets", dyad=dyad_text, since=since, until=until)
    emit(shown, SOURCE_TABLE if fmt == "table" else SOURCE_COLUMNS, fmt, title="sources")
    _shown(app, len(shown), len(outlets), "outlets")


# -- fuse --------------------------------------------------------------------------------


@click.command("fuse")
@click.option("--rebuild", is_flag=True, help="Empty the fusion tables and fuse every stored document again.")
@click.option("--refresh", "refresh", is_flag=True,
              help="Fuse again the documents whose outlet, URL or date changed since they were fused.")
@click.option("--doc", "docs", multiple=True, help="Fuse these documents (ids), or with --refresh fuse them again.")
@click.option("--check", is_flag=True, help="Only report whether the fusion tables agree with their sources.")
@pass_app
def fuse_cmd(app: App, rebuild: bool, refresh: bool, docs: tuple[str, ...], check: bool) -> None:
    """Bring the fusion tables (stories, figures, contradictions, outlets, global actors) up to
    date. Ingest keeps them current; this fuses documents stored without fusion, rebuilds them
    after a change of rules or settings, or refreshes documents whose metadata changed."""
    from dyad.fuse.check import stale_documents

    if check:
        problems = app.db(read_only=True).fusion_problems()
        for line in problems:
            click.echo(line)
        if not problems and not app.quiet:
            click.echo("the fusion tables agree with their sources", err=True)
        raise SystemExit(1 if problems else 0)
    db = app.db()
    if refresh:
        update = db.refresh_fusion(list(docs) or stale_documents(db.store))
    else:
        update = db.fuse(list(docs) or None, rebuild)
    if not app.quiet:
        click.echo(f"fused {len(update.documents)} document(s): {len(update.stories_new)} new stories, "
                   f"{len(update.stories_changed)} changed, {len(update.stories_removed)} merged or gone, "
                   f"{len(update.contradictions_new)} new contradictions; {update.actors_resolved} global actors "
                   f"resolved ({update.seconds:.1f} s)", err=True)


COMMANDS = [stories_cmd, story_cmd, figures_cmd, contradictions_cmd, sources_cmd, fuse_cmd]
