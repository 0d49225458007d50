"""The alerts `dyad watch` raises, as the settings define them (`[[dyad.alerts]]`), and where they go.

- `goldstein_shift`: a dyad's mean Goldstein over the last `window_days` moved by
  `threshold` or more against the window before (each with `min_events` events);
- `new_story`: a story on the dyad that only this round's documents report;
- `new_contradiction`: a contradiction one side of which is in this round's documents.

Each alert has a key and is raised once per store; it is printed, appended to
`alerts_file` (JSON Lines) and given to `alert_command` on its stdin as JSON.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from dyad.settings import AlertRule, Settings
from dyad.store import Store, fusion_rows, story_rows
from dyad.store.watch import record_alert

if TYPE_CHECKING:
    from dyad.analyse.dyads import Temperature
    from dyad.stored import DyadRow


class Database(Protocol):
    """What the alerts read: a `dyad.Database` (named here by what it offers, so watch does not import api)."""

    store: Store
    settings: Settings

    def dyads(self) -> list[DyadRow]: ...

    def temperature(self, dyad: str, *, window: int) -> Temperature: ...

HOOK_TIMEOUT = 60  # seconds an alert command may run
Warn = Callable[[str], None]


@dataclass
class Alert:
    kind: str
    dyad: str | None
    message: str
    key: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _shift(db: Database, rule: AlertRule) -> list[Alert]:
    found = []
    names = [rule.dyad] if rule.dyad else [row.dyad for row in db.dyads()]
    for name in names:
        t = db.temperature(name, window=rule.window_days)
        change = t.change
        if change is None or min(t.recent_n, t.previous_n) < rule.min_events or abs(change) < rule.threshold:
            continue
        label = name.upper()
        message = (f"{label}: mean Goldstein {t.previous_mean:+.2f} -> {t.recent_mean:+.2f} ({t.label}, "
                   f"{change:+.2f} over {rule.window_days} days to {t.until}; {t.previous_n} then {t.recent_n} events)")
        details = {"until": t.until.isoformat(), "window_days": rule.window_days, "previous_mean": t.previous_mean,
                   "recent_mean": t.recent_mean, "change": change, "previous_n": t.previous_n, "recent_n": t.recent_n,
                   "direction": t.label}
        key = f"goldstein_shift|{label}|{rule.window_days}|{t.until}|{t.label}"
        found.append(Alert("goldstein_shift", label, message, key, details))
    return found


def _in_scope(rule: AlertRule, a: str, b: str) -> bool:
    """Whether a story's or contradiction's states are the rule's dyad (either order; a figure about one of
    its states too), or the rule has none."""
    if not rule.dyad:
        return True
    pair = set(re.split(r"[-~/ ]+", rule.dyad.strip().upper()))
    return a in pair and (b in pair or not b) and a != b


def _stories(db: Database, rule: AlertRule, new: set[str]) -> list[Alert]:
    """Stories (read from the fusion tables) that only this round's documents report."""
    found = []
    for story in story_rows.stories_only_in(db.store, sorted(new)):
        if story.background or not _in_scope(rule, story.a, story.b):
            continue
        label = f"{story.a}-{story.b}"
        docs = sorted(new.intersection(m.doc_id for m in story_rows.mentions(db.store, story_id=story.id)))
        message = f"{label}: new story {story.id} ({story.family}, {story.status}): {story.evidence}"
        details = {"story": story.id, "family": story.family, "status": story.status, "documents": docs,
                   "when": story.when}
        found.append(Alert("new_story", label, message, f"new_story|{story.id}", details))
    return found


def _contradictions(db: Database, rule: AlertRule, new: set[str]) -> list[Alert]:
    """Contradictions (read from the fusion tables) one side of which is in this round's documents."""
    found = []
    for c in fusion_rows.contradictions_touching(db.store, sorted(new)):
        if not _in_scope(rule, c.a, c.b):
            continue
        sides = (c.first.doc_id, c.second.doc_id)
        message = (f"{c.kind} contradiction on {c.subject}: {c.first.outlet} says {c.first.says}, "
                   f"{c.second.outlet} says {c.second.says}")
        details = {"kind": c.kind, "subject": c.subject, "first": c.first.says, "second": c.second.says,
                   "documents": list(sides)}
        key = f"new_contradiction|{c.kind}|{c.subject}|{'|'.join(sorted(sides))}"
        found.append(Alert("new_contradiction", rule.dyad, message, key, details))
    return found


def evaluate(db: Database, rules: list[AlertRule], new_docs: set[str]) -> list[Alert]:
    """The alerts the rules raise after `new_docs` were stored, each once per store."""
    if not new_docs:
        return []
    raised = []
    for rule in rules:
        if rule.kind == "goldstein_shift":
            candidates = _shift(db, rule)
        elif rule.kind == "new_story":
            candidates = _stories(db, rule, new_docs)
        else:
            candidates = _contradictions(db, rule, new_docs)
        raised += [a for a in candidates if record_alert(db.store, a.key, a.kind, a.dyad, a.as_dict())]
    return raised


def deliver(alert: Alert, alerts_file: Path | None, command: str | None, warn: Warn) -> None:
    """Append the alert to the JSON Lines file and give it to the command hook; a failing hook is a warning."""
    line = json.dumps(alert.as_dict(), ensure_ascii=False, default=str)
    if alerts_file is not None:
        try:
            alerts_file.parent.mkdir(parents=True, exist_ok=True)
            with alerts_file.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        except OSError as exc:
            warn(f"{alerts_file}: cannot write the alert ({exc.strerror or exc})")
    if command:
        try:
            done = subprocess.run(command, shell=True, input=line + "\n", text=True, timeout=HOOK_TIMEOUT,  # noqa: S602
                                  capture_output=True, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            warn(f"alert command failed ({exc})")
            return
        if done.returncode != 0:
            warn(f"alert command exited {done.returncode}: {done.stderr.strip()[:200]}")
