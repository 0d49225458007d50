"""`dyad summary`: what the store holds."""

from __future__ import annotations

import click

from dyad.present.cli import App, pass_app
from dyad.present.output import chosen_format, emit, format_option


def summary_rows(store) -> list[dict]:
    rows = [
        {"what": "documents", "count": store.count("documents")},
        {"what": "actors", "count": store.count("actors")},
        {"what": "events (realis)", "count": store.count("events", "realis")},
        {"what": "events (irrealis)", "count": store.count("events", "NOT realis")},
        {"what": "quotes", "count": store.count("quotes")},
        {"what": "claims", "count": store.count("claims")},
        {"what": "relations", "count": store.count("relations")},
    ]
    for r in store.query("SELECT root, count(*) AS n FROM events GROUP BY root ORDER BY root"):
        rows.append({"what": f"  events with CAMEO root {r['root']}", "count": r["n"]})
    return rows


@click.command("summary")
@format_option
@pass_app
def summary_cmd(app: App, as_json: bool, as_csv: bool) -> None:
    """Count documents, actors, events by CAMEO root, quotes, claims and relations."""
    emit(summary_rows(app.store(read_only=True)), ["what", "count"], chosen_format(as_json, as_csv), title="dyad store")


COMMANDS = [summary_cmd]
