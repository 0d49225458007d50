"""The exports of every layer, as methods of `Database` (`dyad export LAYER`).

Each method lists what its listing method lists, with the same filters, and
writes it as CSV, JSON Lines or Parquet (events, stories and mentions also in
the GDELT 2.0 layouts, the network as GraphML or GEXF); it returns how many
rows (for the network: nodes) it wrote. `output` is a path or an open text
stream, standard output when not given; Parquet needs a path.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dyad.api import options as opt
from dyad.present.output import as_row
from dyad.present.tables import GRAPH_FORMATS, TABLE_FORMATS, check_format, write_graph, write_rows
from dyad.store import listings

if TYPE_CHECKING:
    from dyad.stored.fusion import MentionRow, StoryRow

# `self` of the mixin's methods: a Database, whose listing methods they call (typed as Any, since
# a mixin cannot name the class that derives from it as its self type).
DB = Any

Output = str | Path | TextIO | None
GDELT_TABLE_FORMATS = ("gdelt", *TABLE_FORMATS)

ACTOR_COLUMNS = ["id", "name", "kind", "country", "role", "sector", "code", "aliases", "mentions", "documents", "why"]
QUOTE_COLUMNS = ["doc_id", "doc", "doc_ref", "idx", "published", "outlet", "speaker", "speaker_country", "kind",
                 "text", "start", "end"]
CLAIM_COLUMNS = ["doc_id", "doc", "doc_ref", "idx", "published", "outlet", "value", "unit", "approx", "qualifier",
                 "about", "actors", "asserted_by", "evidence", "start", "end", "when", "when_precision", "when_until"]
RELATION_COLUMNS = ["doc_id", "doc", "doc_ref", "idx", "published", "outlet", "a", "b", "type", "polarity",
                    "directed", "evidence", "start", "end"]
DOCUMENT_COLUMNS = ["id", "ref", "published", "outlet", "title", "author", "section", "keywords", "language", "url",
                    "source", "near_copy_of", "near_copy_score", "extra"]


def sink(output: Output) -> TextIO | Path:
    return Path(output) if isinstance(output, (str, Path)) else (output or sys.stdout)


def _table(rows: Sequence[Any], columns: list[str], output: Output, format: str) -> int:
    write_rows([as_row(r) for r in rows], columns, format, sink(output))
    return len(rows)


def _gdelt(lines: list[list[Any]], columns: list[str], output: Output, header: bool) -> int:
    out = sink(output)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            return _gdelt(lines, columns, handle, header)
    if header:
        out.write("\t".join(columns) + "\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerows(lines)
    return len(lines)


class Exports:
    """`export_*` methods; mixed into `Database`, whose listing methods they call."""

    def export_actors(
        self: DB, output: Output = None, format: str = "csv", kind: str | None = None,
        country: str | None = None, role: str | None = None, doc: str | None = None,
    ) -> int:
        """Actors resolved across documents (one row per real-world actor, with its aliases)."""
        check_format(format, TABLE_FORMATS)
        return _table([g.as_row() for g in self.actors(kind, country, role, doc)], ACTOR_COLUMNS, output, format)

    def export_quotes(
        self: DB, output: Output = None, format: str = "csv", speaker: str | None = None,
        actor: str | None = None, doc: str | None = None, kind: str | None = None,
    ) -> int:
        """Quotations with their speakers and the offsets of the quoted words."""
        check_format(format, TABLE_FORMATS)
        return _table(self.quotes(speaker, actor, doc, kind), QUOTE_COLUMNS, output, format)

    def export_claims(
        self: DB, output: Output = None, format: str = "csv", unit: str | None = None,
        actor: str | None = None, doc: str | None = None,
    ) -> int:
        """Numeric claims with what they measure and their offsets."""
        check_format(format, TABLE_FORMATS)
        return _table(self.claims(unit, actor, doc), CLAIM_COLUMNS, output, format)

    def export_relations(
        self: DB, output: Output = None, format: str = "csv", pair: str | tuple[str, str] | None = None,
        type: str | None = None, polarity: str | None = None, doc: str | None = None,
    ) -> int:
        """Standing relations between states with polarity and offsets."""
        check_format(format, TABLE_FORMATS)
        return _table(self.relations(pair, type, polarity, doc), RELATION_COLUMNS, output, format)

    def export_documents(
        self: DB, output: Output = None, format: str = "csv", doc: str | None = None,
        since: opt.Day = None, until: opt.Day = None,
    ) -> int:
        """Documents with every field of metadata their input gave (not the text)."""
        check_format(format, TABLE_FORMATS)
        return _table([d.model_dump() for d in self.documents(doc, since, until)], DOCUMENT_COLUMNS, output, format)

    def _story_scope(
        self: DB, dyad: str | None, directed: bool, since: opt.Day, until: opt.Day, min_sources: int
    ) -> tuple[list[StoryRow], list[MentionRow], dict[tuple[str, int], Any]]:
        """The stories in scope (read from the fusion tables), their reports, and the stored events by key."""
        from dyad.store import story_rows

        stories = self.stories(dyad, directed, since, until, min_sources, background=None)
        mentions = story_rows.mentions_of_stories(self.store, [s.id for s in stories])
        rows = {(r.doc_id, r.idx): r for r in self.events(realis_only=False)}
        return stories, mentions, rows

    def export_stories(
        self: DB, output: Output = None, format: str = "csv", header: bool = False, dyad: str | None = None,
        directed: bool = False, since: opt.Day = None, until: opt.Day = None, min_sources: int = 1,
    ) -> int:
        """Story events (one real event, every report of it); `gdelt` is the GDELT 2.0 event table of stories."""
        from dyad.present.export import GDELT_COLUMNS
        from dyad.present.gdelt import STORY_COLUMNS, gdelt_story, story_row

        check_format(format, GDELT_TABLE_FORMATS)
        stories, _, rows = self._story_scope(dyad, directed, since, until, min_sources)
        if format == "gdelt":
            return _gdelt([gdelt_story(s, rows) for s in stories], GDELT_COLUMNS, output, header)
        return _table([story_row(s) for s in stories], STORY_COLUMNS, output, format)

    def export_mentions(
        self: DB, output: Output = None, format: str = "csv", header: bool = False, dyad: str | None = None,
        directed: bool = False, since: opt.Day = None, until: opt.Day = None, min_sources: int = 1,
    ) -> int:
        """Every report of every story with party and trigger offsets; `gdelt` is the GDELT 2.0 mentions table."""
        from dyad.present.gdelt import MENTION_COLUMNS, MENTION_ROW_COLUMNS, gdelt_mention, mention_row

        check_format(format, GDELT_TABLE_FORMATS)
        stories, mentions, rows = self._story_scope(dyad, directed, since, until, min_sources)
        if format == "gdelt":
            lengths = listings.document_lengths(self.store)
            by_id = {s.id: s for s in stories}
            lines = [gdelt_mention(by_id[m.story_id], m, rows, lengths) for m in mentions]
            return _gdelt(lines, MENTION_COLUMNS, output, header)
        return _table([mention_row(m, rows) for m in mentions], MENTION_ROW_COLUMNS, output, format)

    def export_network(
        self: DB, output: Output = None, format: str = "graphml", level: str = "state",
        since: opt.Day = None, until: opt.Day = None,
    ) -> int:
        """The event network as GraphML or GEXF: nodes with their centrality, edges with event counts and
        Goldstein sums (csv, jsonl and parquet give the edges); returns how many nodes (or edges)."""
        from dyad.analyse.network import build_graph

        check_format(format, (*GRAPH_FORMATS, *TABLE_FORMATS))
        edges = self.network_edges(level, since, until)
        if format in TABLE_FORMATS:
            return _table(edges, ["source", "target", "n_events", "goldstein_sum"], output, format)
        graph = build_graph(edges)
        for node in self.network(level, since, until):
            graph.nodes[node.node].update({k: v for k, v in as_row(node).items() if k != "node"})
        write_graph(graph, format, sink(output))
        return int(graph.number_of_nodes())

