"""What `dyad watch` remembers between rounds: the items it has seen and the alerts it has raised."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from dyad.store.db import Store


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def seen_items(store: Store, source: str) -> frozenset[str]:
    """The items of `source` (feed entry ids, file stamps) already taken in."""
    return frozenset(r["item"] for r in store.rows("SELECT item FROM watch_seen WHERE source = ?", [source]))


def mark_seen(store: Store, source: str, items: Iterable[str]) -> None:
    """Remember items of `source` as taken in (an item already remembered stays as it was)."""
    rows = [(source, item, _now()) for item in dict.fromkeys(items)]
    if not rows:
        return
    with store.transaction() as con:
        con.executemany("INSERT INTO watch_seen VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows)


def record_alert(store: Store, key: str, kind: str, dyad: str | None, alert: dict[str, Any]) -> bool:
    """Remember an alert; False (and nothing written) when one with this key was raised before."""
    if store.rows("SELECT 1 FROM watch_alerts WHERE key = ?", [key]):
        return False
    with store.transaction() as con:
        con.execute("INSERT INTO watch_alerts VALUES (?, ?, ?, ?, ?)",
                    [key, kind, dyad, _now(), json.dumps(alert, ensure_ascii=False, default=str)])
    return True


def alerts(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Alerts raised so far, the latest first."""
    tail, params = (" LIMIT ?", [limit]) if limit is not None else ("", [])
    rows = store.rows("SELECT alert FROM watch_alerts ORDER BY fired_at DESC, key" + tail, params)
    return [json.loads(r["alert"]) for r in rows]
