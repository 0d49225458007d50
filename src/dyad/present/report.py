"""The demo report: a Markdown digest of what the store holds, every row cited.

Everything in the report is read from the store; quoted words are sliced from
the stored document text with the stored character offsets.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.figures import figure_text
from dyad.store import Store

TOP_EVENTS = 12
EVIDENCE_PER_EVENT = 3
MAX_ROWS = 40


@dataclass(frozen=True)
class Source:
    """One stored document, as a report cites it."""

    title: str
    outlet: str
    published: dt.date | None
    text: str

    def cite(self) -> str:
        day = f", {self.published.isoformat()}" if self.published else ""
        return f"*{_md(self.title)}*, {_md(self.outlet)}{day}"


def _md(text: Any) -> str:
    """Plain text made safe for a Markdown line or table cell."""
    return " ".join(str(text).split()).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _quoted(source: Source, start: int | None, end: int | None) -> str:
    if start is None or end is None:
        return ""
    return "“" + _md(source.text[start:end]) + "”"


def load_sources(store: Store) -> dict[str, Source]:
    rows = store.query("SELECT id, title, outlet, source_name, published, text FROM documents")
    return {
        r["id"]: Source(
            title=r["title"] or r["source_name"] or r["id"],
            outlet=r["outlet"] or "unknown outlet",
            published=r["published"],
            text=r["text"],
        )
        for r in rows
    }


def _more(rows: list[Any], command: str) -> list[str]:
    """A closing line when a section shows only the first MAX_ROWS rows."""
    hidden = len(rows) - MAX_ROWS
    return [f"- _… {hidden} more; `dyad {command}` lists them all._"] if hidden > 0 else []


def _summary(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| what | count |", "| --- | ---: |"]
    lines += [f"| {_md(r['what'].strip())} | {r['count']} |" for r in rows]
    return lines


def _documents(store: Store, sources: dict[str, Source]) -> list[str]:
    rows = store.query("SELECT id, n_words FROM documents ORDER BY published NULLS LAST, outlet, id")
    return [f"- {sources[r['id']].cite()} ({r['n_words']} words)" for r in rows]


def _events(store: Store, sources: dict[str, Source]) -> list[str]:
    """Event types reported by the most documents, each with its evidence sentences."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in store.query(
        'SELECT doc_id, source, target, code, root, "trigger", realis, modality, goldstein, start, "end" '
        "FROM events ORDER BY doc_id, idx"
    ):
        groups[(r["source"], r["target"], r["code"])].append(r)

    def rank(item: tuple[tuple[Any, ...], list[dict[str, Any]]]) -> tuple[int, int, str]:
        key, rows = item
        return (-len({r["doc_id"] for r in rows}), -sum(bool(r["realis"]) for r in rows), str(key))

    # A republished copy is not another source: count it under the story it copies.
    first_copy = {
        r["id"]: r["near_copy_of"]
        for r in store.query("SELECT id, near_copy_of FROM documents WHERE near_copy_of IS NOT NULL")
    }
    lines: list[str] = []
    for (src, tgt, code), rows in sorted(groups.items(), key=rank)[:TOP_EVENTS]:
        docs = {r["doc_id"] for r in rows}
        independent = {first_copy.get(d, d) for d in docs}
        realis = sum(bool(r["realis"]) for r in rows)
        goldstein = rows[0]["goldstein"]
        score = f", Goldstein {goldstein:+.1f}" if goldstein is not None else ""
        lines.append(
            f"- **{src or '?'} → {tgt or '?'}**, CAMEO {code}{score}: {len(rows)} mention(s) in "
            f"{len(docs)} document(s) ({len(independent)} independent), {realis} realis"
        )
        for r in rows[:EVIDENCE_PER_EVENT]:
            source = sources[r["doc_id"]]
            status = "happened" if r["realis"] else f"not realis ({r['modality']})"
            lines.append(
                f"  - {_quoted(source, r['start'], r['end'])} "
                f"(trigger “{_md(r['trigger'])}”, {status}) — {source.cite()}"
            )
    return lines


def _quotes(store: Store, sources: dict[str, Source]) -> list[str]:
    rows = store.query(
        'SELECT doc_id, speaker, kind, start, "end" FROM quotes ORDER BY speaker IS NULL, speaker, doc_id, idx'
    )
    return [
        f"- **{_md(r['speaker'] or 'unattributed')}** ({r['kind']}): "
        f"{_quoted(sources[r['doc_id']], r['start'], r['end'])} — {sources[r['doc_id']].cite()}"
        for r in rows[:MAX_ROWS]
    ] + _more(rows, "quotes")


def _claims(store: Store, sources: dict[str, Source]) -> list[str]:
    rows = store.query(
        'SELECT doc_id, value, unit, qualifier, bound, about, asserted_by, start, "end" FROM claims '
        "ORDER BY unit, value, doc_id, idx"
    )
    lines = []
    for r in rows[:MAX_ROWS]:
        about = f" ({_md(r['about'])})" if r["about"] else ""
        by = f", asserted by {_md(r['asserted_by'])}" if r["asserted_by"] else ""
        lines.append(
            f"- {_md(figure_text(r['value'], r['unit'], r['qualifier'], r['bound']))}{about}{by}: "
            f"{_quoted(sources[r['doc_id']], r['start'], r['end'])} — {sources[r['doc_id']].cite()}"
        )
    return lines + _more(rows, "claims")


def _relations(store: Store, sources: dict[str, Source]) -> list[str]:
    rows = store.query(
        'SELECT doc_id, a, b, type, polarity, directed, start, "end" FROM relations ORDER BY a, b, type, doc_id, idx'
    )
    lines = []
    for r in rows[:MAX_ROWS]:
        arrow = "→" if r["directed"] else "–"
        denied = "" if r["polarity"] == "+" else " (denied)"
        lines.append(
            f"- {r['a']} {arrow} {r['b']}: **{r['type']}**{denied}: "
            f"{_quoted(sources[r['doc_id']], r['start'], r['end'])} — {sources[r['doc_id']].cite()}"
        )
    return lines + _more(rows, "relations")


def _near_copies(store: Store, sources: dict[str, Source]) -> list[str]:
    rows = store.query(
        "SELECT id, near_copy_of, near_copy_score FROM documents WHERE near_copy_of IS NOT NULL ORDER BY id"
    )
    lines = []
    for r in rows:
        first = sources.get(r["near_copy_of"])
        score = f" (similarity {r['near_copy_score']:.2f})" if r["near_copy_score"] is not None else ""
        lines.append(
            f"- {sources[r['id']].cite()} republishes {first.cite() if first else r['near_copy_of']}{score}"
        )
    return lines


def render_report(store: Store, summary: list[dict[str, Any]], title: str = "dyad demo report") -> str:
    """The whole report as Markdown."""
    sources = load_sources(store)
    sections: list[tuple[str, list[str], str]] = [
        ("Summary", _summary(summary), ""),
        ("Documents", _documents(store, sources), "No documents stored."),
        ("Top events", _events(store, sources), "No events extracted."),
        ("Quotes", _quotes(store, sources), "No quotes extracted."),
        ("Claims", _claims(store, sources), "No numeric claims extracted."),
        ("Relations", _relations(store, sources), "No standing relations extracted."),
        ("Near-copies", _near_copies(store, sources), "No near-copies found."),
    ]
    out = [
        f"# {title}",
        "",
        f"Store: `{store.path}`. Every quoted passage below is cut from the stored article text "
        "at the stored character offsets, and names the article it came from.",
    ]
    for heading, lines, empty in sections:
        out += ["", f"## {heading}", ""]
        out += lines or [f"_{empty}_"]
    return "\n".join(out) + "\n"


def write_report(store: Store, summary: list[dict[str, Any]], path: Path) -> Path:
    """Write the report to `path` (creating its folder) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(store, summary), encoding="utf-8")
    return path
