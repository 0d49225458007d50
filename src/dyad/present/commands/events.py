"""`dyad events` (list CAMEO events with their evidence) and `dyad export events` (GDELT, CSV, JSONL, Parquet)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from dyad.present.cli import App, pass_app
from dyad.present.output import chosen_format, emit, format_option

TABLE_COLUMNS = ["doc", "when", "source", "target", "code", "modality", "evidence"]
FULL_COLUMNS = [
    "doc_id", "doc", "idx", "published", "when", "when_precision", "source", "target", "source_actor", "target_actor",
    "source_name", "target_name", "code", "root", "quad_class", "goldstein", "plover", "realis", "modality", "negated",
    "trigger", "evidence", "start", "end", "trigger_start", "trigger_end", "url",
]
EXPORT_FORMATS = ("gdelt", "csv", "jsonl", "parquet")
INT_COLUMNS = {"idx", "quad_class", "start", "end", "trigger_start", "trigger_end"}
BOOL_COLUMNS = {"realis", "negated"}


def _parquet_schema() -> Any:
    import pyarrow as pa

    def kind(c: str) -> Any:
        return pa.int64() if c in INT_COLUMNS else pa.bool_() if c in BOOL_COLUMNS else pa.float64() if c == "goldstein" else pa.string()

    return pa.schema([(c, kind(c)) for c in FULL_COLUMNS])
EVIDENCE_WIDTH = 90
DOC_WIDTH = 12

# GDELT 2.0 event table, in its published column order (61 columns)
GDELT_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
               "Type1Code", "Type2Code", "Type3Code"]
GDELT_GEO = ["Geo_Type", "Geo_FullName", "Geo_CountryCode", "Geo_ADM1Code", "Geo_ADM2Code", "Geo_Lat", "Geo_Long",
             "Geo_FeatureID"]
GDELT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in GDELT_ACTOR]
    + [f"Actor2{c}" for c in GDELT_ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1{c}" for c in GDELT_GEO]
    + [f"Actor2{c}" for c in GDELT_GEO]
    + [f"Action{c}" for c in GDELT_GEO]
    + ["DATEADDED", "SOURCEURL"]
)
ROOT_SENTENCES = 3  # events in a document's first sentences count as its root events, as GDELT marks the lead

EVENTS_SQL = """
SELECT e.*, d.published, d.url, d.source AS doc_source, d.ingested_at,
       coalesce(d.source_name, d.id) AS doc,
       substr(d.text, e.start + 1, e."end" - e.start) AS evidence,
       a1.name AS source_name, a1.code AS source_code, a1.sector AS source_sector,
       a2.name AS target_name, a2.code AS target_code, a2.sector AS target_sector,
       (SELECT count(*) FROM sentences s WHERE s.doc_id = e.doc_id AND s."end" <= e.start) AS sentence_index
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN actors a1 ON a1.doc_id = e.doc_id AND a1.key = e.source_actor
LEFT JOIN actors a2 ON a2.doc_id = e.doc_id AND a2.key = e.target_actor
"""


def _root(value: str) -> str:
    """'4', '04' or '042' -> '04'."""
    digits = value.strip()
    if not digits.isdigit() or not 1 <= int(digits[:2] if len(digits) > 2 else digits) <= 20:
        raise click.BadParameter(f"{value!r} is not a CAMEO root (01..20)", param_hint="--root")
    return digits[:2] if len(digits) > 2 else digits.zfill(2)


def _bound(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        if len(value) == 4:
            return dt.date(int(value), 1 if name == "--since" else 12, 1 if name == "--since" else 31)
        if len(value) == 7:
            y, m = map(int, value.split("-"))
            last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
            return dt.date(y, m, 1 if name == "--since" else last)
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", param_hint=name) from exc


def event_interval(when: str | None, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days an event's date covers: its own `when`, else the day its document was published."""
    if when:
        if len(when) == 4:
            return dt.date(int(when), 1, 1), dt.date(int(when), 12, 31)
        if len(when) == 7:
            lo = _bound(when, "--since")
            hi = _bound(when, "--until")
            return (lo, hi) if lo and hi else None
        day = dt.date.fromisoformat(when)
        return day, day
    return (published, published) if published else None


def load_events(
    store: Any,
    source: tuple[str, ...] = (),
    target: tuple[str, ...] = (),
    root: tuple[str, ...] = (),
    realis_only: bool = True,
    since: str | None = None,
    until: str | None = None,
    doc: str | None = None,
) -> list[dict[str, Any]]:
    """Stored events with their document and actors, filtered as `dyad events` filters them."""
    where, params = [], []
    if source:
        where.append(f"e.source IN ({', '.join('?' * len(source))})")
        params += [s.upper() for s in source]
    if target:
        where.append(f"e.target IN ({', '.join('?' * len(target))})")
        params += [t.upper() for t in target]
    if root:
        where.append(f"e.root IN ({', '.join('?' * len(root))})")
        params += [_root(r) for r in root]
    if realis_only:
        where.append("e.realis")
    if doc:
        where.append("(d.id = ? OR d.id LIKE ? OR d.source_name = ? OR d.source = ?)")
        params += [doc, doc + "%", doc, doc]
    sql = EVENTS_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.published NULLS LAST, doc, e.idx"
    rows = store.query(sql, params)
    lo, hi = _bound(since, "--since"), _bound(until, "--until")
    if lo or hi:
        kept = []
        for r in rows:
            span = event_interval(r["when"], r["published"])
            if span is None or (lo and span[1] < lo) or (hi and span[0] > hi):
                continue
            kept.append(r)
        rows = kept
    return rows


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EVIDENCE_WIDTH else text[: EVIDENCE_WIDTH - 1] + "\u2026"


FILTERS = [
    click.option("--source", multiple=True, help="Only events whose source is this state (ISO3; repeatable)."),
    click.option("--target", multiple=True, help="Only events whose target is this state (ISO3; repeatable)."),
    click.option("--root", multiple=True, help="Only this CAMEO root, 01..20 (repeatable)."),
    click.option("--realis/--all", "realis_only", default=True, show_default=True,
                 help="Only events the text asserts happened, or all (planned, hypothetical, denied ... too)."),
    click.option("--since", help="Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--until", help="Only events on or before this date."),
    click.option("--doc", help="Only events of this document (id, id prefix or file name)."),
]


def with_filters(f: Any) -> Any:
    for option in reversed(FILTERS):
        f = option(f)
    return f


@click.command("events")
@with_filters
@click.option("--limit", type=int, default=None, help="Show at most this many events.")
@format_option
@pass_app
def events_cmd(
    app: App, source: tuple[str, ...], target: tuple[str, ...], root: tuple[str, ...], realis_only: bool,
    since: str | None, until: str | None, doc: str | None, limit: int | None, as_json: bool, as_csv: bool,
) -> None:
    """List CAMEO-coded events between states, with the sentence each came from.

    By default only events the text asserts (realis); --all adds planned,
    expected, hypothetical, conditional, demanded and denied ones, marked in
    the `realis` and `modality` columns. Dates are the event's own date when
    the text gives one (`when`), else the document's publication day.
    """
    rows = load_events(app.store(read_only=True), source, target, root, realis_only, since, until, doc)[:limit]
    fmt = chosen_format(as_json, as_csv)
    if fmt == "table":
        for r in rows:
            r["evidence"] = _short(r["evidence"])
            r["doc"] = r["doc"][:DOC_WIDTH]
        emit(rows, TABLE_COLUMNS, fmt, title="events" + ("" if realis_only else " (all)"))
    else:
        emit(rows, FULL_COLUMNS, fmt)


# -- export ----------------------------------------------------------------------


def _gdelt_dates(r: dict[str, Any]) -> tuple[str, str, str, str]:
    """Day, MonthYear, Year, FractionDate from the event's date, else the publication day."""
    when: str | None = r["when"]
    published: dt.date | None = r["published"]
    if when and len(when) == 10:
        day = dt.date.fromisoformat(when)
    elif published and (not when or published.isoformat().startswith(when)):
        day = published
    else:
        day = None
    if day is not None:
        frac = day.year + (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365)
        return day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{frac:.4f}"
    if when and len(when) == 7:
        return "", when.replace("-", ""), when[:4], ""
    if when:
        return "", "", when[:4], ""
    return "", "", "", ""


def event_id(r: dict[str, Any]) -> int:
    """A stable numeric id from the document id and the event's index in it."""
    return int(hashlib.sha1(f"{r['doc_id']}:{r['idx']}".encode()).hexdigest()[:15], 16)


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    day, month, year, frac = _gdelt_dates(r)
    code = str(r["code"]).zfill(3)

    def actor(prefix: str) -> list[Any]:
        country = r[prefix] or ""
        cameo = r[f"{prefix}_code"] or country
        return [cameo, r[f"{prefix}_name"] or country, country, "", "", "", "", r[f"{prefix}_sector"] or "", "", ""]

    added = r["ingested_at"].strftime("%Y%m%d%H%M%S") if r.get("ingested_at") else ""
    row = [event_id(r), day, month, year, frac, *actor("source"), *actor("target")]
    row += [1 if r["sentence_index"] < ROOT_SENTENCES else 0, code, code[:3], str(r["root"]).zfill(2),
            r["quad_class"] if r["quad_class"] is not None else "",
            r["goldstein"] if r["goldstein"] is not None else "", 1, 1, 1, ""]
    row += [""] * (3 * len(GDELT_GEO))
    row += [added, r["url"] or r["doc_source"] or ""]
    return row


def export_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{c: (r.get(c).isoformat() if isinstance(r.get(c), dt.date) else r.get(c)) for c in FULL_COLUMNS} for r in rows]


def write_export(rows: list[dict[str, Any]], fmt: str, out: TextIO | None, path: Path | None) -> None:
    if fmt == "parquet":
        if path is None:
            raise click.UsageError("--format parquet needs -o FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _parquet_schema()
        data = export_rows(rows)
        table = pa.Table.from_pylist(data, schema=schema) if data else schema.empty_table()
        pq.write_table(table, path)
        return
    assert out is not None
    if fmt == "gdelt":
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        for r in rows:
            writer.writerow(gdelt_row(r))
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FULL_COLUMNS)
        for r in export_rows(rows):
            writer.writerow(["" if r[c] is None else r[c] for c in FULL_COLUMNS])
    else:
        for r in export_rows(rows):
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


@click.group("export")
def export_group() -> None:
    """Write stored data to files other tools read."""


@export_group.command("events")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True,
              help="gdelt: the GDELT 2.0 event table (61 tab-separated columns, no header); csv; jsonl; parquet.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output (required for parquet).")
@click.option("--header", is_flag=True, help="With --format gdelt, start with a row of column names.")
@with_filters
@pass_app
def export_events_cmd(
    app: App, fmt: str, output: Path | None, header: bool, source: tuple[str, ...], target: tuple[str, ...],
    root: tuple[str, ...], realis_only: bool, since: str | None, until: str | None, doc: str | None,
) -> None:
    """Export events: realis only unless --all; CAMEO codes are zero-padded strings ("042", root "04")."""
    rows = load_events(app.store(read_only=True), source, target, root, realis_only, since, until, doc)
    if fmt == "parquet":
        write_export(rows, fmt, None, output)
    else:
        handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if header and fmt == "gdelt":
                handle.write("\t".join(GDELT_COLUMNS) + "\n")
            write_export(rows, fmt, handle, output)
        finally:
            if output:
                handle.close()
    if not app.quiet and output:
        click.echo(f"wrote {len(rows)} event(s) to {output}", err=True)


COMMANDS = [events_cmd, export_group]
