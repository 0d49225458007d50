"""Events as files other tools read: the GDELT 2.0 event table, CSV, JSON Lines, Parquet.

Text cells of the GDELT table and of CSV go through `safe.spreadsheet_cell`: one
a spreadsheet would run as a formula (starting with =, +, -, @) starts with an
apostrophe, and control characters are escaped; JSON Lines escape them losslessly
and write a figure that is not finite as null.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dyad.errors import BAD_FORMAT, PARQUET_NEEDS_FILE
from dyad.present.output import json_dumps
from dyad.present.safe import spreadsheet_cell
from dyad.stored import EventRow

if TYPE_CHECKING:
    import pyarrow as pa

EXPORT_FORMATS = ("gdelt", "csv", "jsonl", "parquet")
FULL_COLUMNS = [
    "doc_id", "doc", "doc_ref", "idx", "published", "when", "when_precision", "when_until", "source", "target", "source_actor", "target_actor",
    "source_name", "target_name", "code", "root", "quad_class", "goldstein", "plover", "realis", "modality", "negated",
    "trigger", "evidence", "start", "end", "trigger_start", "trigger_end",
    "source_start", "source_end", "target_start", "target_end", "url",
]
INT_COLUMNS = {"idx", "quad_class", "start", "end", "trigger_start", "trigger_end", "source_start", "source_end",
               "target_start", "target_end"}
BOOL_COLUMNS = {"realis", "negated"}

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


def parquet_schema() -> pa.Schema:
    import pyarrow as pa

    def kind(c: str) -> pa.DataType:
        if c in INT_COLUMNS:
            return pa.int64()
        if c in BOOL_COLUMNS:
            return pa.bool_()
        return pa.float64() if c == "goldstein" else pa.string()

    return pa.schema([(c, kind(c)) for c in FULL_COLUMNS])


def _gdelt_dates(r: EventRow) -> tuple[str, str, str, str]:
    return gdelt_dates(r.when, r.published)


def gdelt_dates(when: str | None, published: dt.date | None) -> tuple[str, str, str, str]:
    """Day, MonthYear, Year, FractionDate from the event's date, else the publication day."""
    day: dt.date | None
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


def event_id(r: EventRow) -> int:
    """A stable numeric id from the document id and the event's index in it."""
    return int(hashlib.sha1(f"{r.doc_id}:{r.idx}".encode()).hexdigest()[:15], 16)


def gdelt_row(r: EventRow) -> list[Any]:
    day, month, year, frac = _gdelt_dates(r)
    code = str(r.code).zfill(3)

    def actor(country: str | None, cameo: str | None, name: str | None, sector: str | None) -> list[Any]:
        country = country or ""
        return [cameo or country, name or country, country, "", "", "", "", sector or "", "", ""]

    added = r.ingested_at.strftime("%Y%m%d%H%M%S") if r.ingested_at else ""
    row: list[Any] = [event_id(r), day, month, year, frac]
    row += actor(r.source, r.source_code, r.source_name, r.source_sector)
    row += actor(r.target, r.target_code, r.target_name, r.target_sector)
    row += [1 if r.sentence_index < ROOT_SENTENCES else 0, code, code[:3], str(r.root).zfill(2),
            r.quad_class if r.quad_class is not None else "",
            r.goldstein if r.goldstein is not None else "", 1, 1, 1, ""]
    row += [""] * (3 * len(GDELT_GEO))
    row += [added, r.url or r.doc_source or ""]
    return row


def export_rows(rows: list[EventRow]) -> list[dict[str, Any]]:
    """The full columns of each event, dates as ISO text."""
    out = []
    for r in rows:
        values = r.as_dict()
        out.append({c: (v.isoformat() if isinstance(v := values.get(c), dt.date) else v) for c in FULL_COLUMNS})
    return out


def write_events(rows: list[EventRow], fmt: str, out: TextIO | Path, header: bool = False) -> None:
    """Write events in `fmt` to a text stream, or (always for Parquet) to a file."""
    if fmt not in EXPORT_FORMATS:
        raise BAD_FORMAT("format", value=fmt, choices=", ".join(EXPORT_FORMATS))
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise PARQUET_NEEDS_FILE()
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = parquet_schema()
        data = export_rows(rows)
        pq.write_table(pa.Table.from_pylist(data, schema=schema) if data else schema.empty_table(), out)
        return
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_events(rows, fmt, handle, header)
        return
    if fmt == "gdelt":
        if header:
            out.write("\t".join(GDELT_COLUMNS) + "\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        for r in rows:
            writer.writerow([spreadsheet_cell(v) for v in gdelt_row(r)])
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FULL_COLUMNS)
        for d in export_rows(rows):
            writer.writerow(["" if d[c] is None else spreadsheet_cell(d[c]) for c in FULL_COLUMNS])
    else:
        for d in export_rows(rows):
            out.write(json_dumps(d) + "\n")
