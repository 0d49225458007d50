"""Per dyad and outlet, what a dyad's page and brief show of each outlet (schema version 10), kept current.

`pair_outlets` holds, for each undirected pair of distinct states (a < b) and
each outlet, the parts of the row `source_rows.sources` computes for the pair
over all time: the outlet's documents in the dyad's scope (those reporting an
event or a relation between the two), their events between the two, the dyad's
stories it reports and those it alone reports, its claims on figures about
either state, and its sentences. Shares are divided at reading, so the stored
parts are counts and exact sums (Goldstein as a decimal, as the aggregates keep it).

A fusion step (and a deletion) makes the rows of the pairs it touched again
from the tables, as set-based SQL over those pairs alone: the pairs of the
documents coming and going, of the stories and figures replaced (a figure
touches every pair of a state it is about). The rows are then what a
recomputation gives, whatever the order documents arrived in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb
import pyarrow as pa

PAIR_DDL = """
CREATE TABLE IF NOT EXISTS pair_outlets (
    a VARCHAR,
    b VARCHAR,
    outlet VARCHAR,
    outlet_from VARCHAR,
    n_documents INTEGER,
    n_sentences BIGINT,
    n_speculative BIGINT,
    first_published DATE,
    last_published DATE,
    n_events INTEGER,
    n_realis INTEGER,
    n_spec INTEGER,
    g_sum DECIMAL(18, 3),
    g_n INTEGER,
    n_stories INTEGER,
    n_only INTEGER,
    n_claims INTEGER,
    n_single INTEGER,
    single_n INTEGER
);
"""
PAIR_TABLES = ("pair_outlets",)
MEANING = {
    "pair_outlets": "per undirected pair of distinct states (a < b) and outlet: the outlet's documents reporting "
    "an event or relation between the two, their events between the two (realis, speculative, Goldstein), the "
    "pair's stories it reports and reports alone, its claims on figures about either state (version 10)",
}
STATE_KEY = "pair_outlets_modalities"  # fusion_state: the speculative modalities the rows were counted with
UNKNOWN_OUTLET = "(unknown outlet)"
OUTLET = f"coalesce(d.outlet, '{UNKNOWN_OUTLET}')"
COLUMNS = ("a, b, outlet, outlet_from, n_documents, n_sentences, n_speculative, first_published, last_published, "
           "n_events, n_realis, n_spec, g_sum, g_n, n_stories, n_only, n_claims, n_single, single_n")

# Every pair's rows ({scope}: a condition on the pair `p` of an event or relation, "TRUE" for all pairs).
ROWS_SQL = f"""
WITH pd AS (
    SELECT DISTINCT * FROM (
        SELECT least(source, target) AS a, greatest(source, target) AS b, doc_id FROM events
        WHERE source <> target
        UNION ALL
        SELECT least(a, b), greatest(a, b), doc_id FROM relations WHERE a <> b) p
    WHERE {{scope}}),
docs AS (SELECT pd.a, pd.b, d.* FROM pd JOIN doc_sources d ON d.doc_id = pd.doc_id),
per AS (SELECT d.a, d.b, {OUTLET} AS outlet, min(d.outlet_from) AS outlet_from, count(*) AS n_documents,
               sum(d.n_sentences) AS n_sentences, sum(d.n_speculative) AS n_speculative,
               min(d.published) AS first_published, max(d.published) AS last_published
        FROM docs d GROUP BY ALL),
ev AS (SELECT d.a, d.b, {OUTLET} AS outlet, count(*) AS n_events, count(*) FILTER (WHERE e.realis) AS n_realis,
              count(*) FILTER (WHERE NOT e.realis AND NOT e.negated AND e.modality IN (SELECT unnest(?::VARCHAR[])))
                  AS n_spec,
              sum(CAST(e.goldstein AS DECIMAL(18, 3))) FILTER (WHERE e.realis) AS g_sum,
              count(e.goldstein) FILTER (WHERE e.realis) AS g_n
       FROM events e JOIN docs d ON d.doc_id = e.doc_id
           AND least(e.source, e.target) = d.a AND greatest(e.source, e.target) = d.b
       WHERE e.source <> e.target GROUP BY ALL),
st AS (SELECT d.a, d.b, {OUTLET} AS outlet, count(DISTINCT m.story_id) AS n_stories,
              count(DISTINCT m.story_id) FILTER (WHERE s.n_sources = 1) AS n_only
       FROM story_mentions m JOIN docs d ON d.doc_id = m.doc_id JOIN stories s ON s.id = m.story_id
           AND least(s.a, s.b) = d.a AND greatest(s.a, s.b) = d.b
       WHERE s.a <> s.b GROUP BY ALL),
cl AS (SELECT d.a, d.b, {OUTLET} AS outlet, count(*) AS n_claims,
              count(*) FILTER (WHERE f.single_source) AS n_single, count(f.single_source) AS single_n
       FROM figure_claims c JOIN docs d ON d.doc_id = c.doc_id JOIN figures f ON f.id = c.figure_id
       WHERE list_has_any(f.actors, [d.a, d.b]) GROUP BY ALL)
SELECT per.a, per.b, per.outlet, per.outlet_from, per.n_documents, per.n_sentences, per.n_speculative,
       per.first_published, per.last_published, coalesce(ev.n_events, 0) AS n_events,
       coalesce(ev.n_realis, 0) AS n_realis, coalesce(ev.n_spec, 0) AS n_spec, ev.g_sum, coalesce(ev.g_n, 0) AS g_n,
       coalesce(st.n_stories, 0) AS n_stories, coalesce(st.n_only, 0) AS n_only,
       coalesce(cl.n_claims, 0) AS n_claims, coalesce(cl.n_single, 0) AS n_single, coalesce(cl.single_n, 0) AS single_n
FROM per LEFT JOIN ev USING (a, b, outlet) LEFT JOIN st USING (a, b, outlet) LEFT JOIN cl USING (a, b, outlet)"""
TOUCHED = "least(p.a, p.b) || '~' || greatest(p.a, p.b) IN (SELECT v FROM _pair_keys)"

Pair = tuple[str, str]


def _keyed(con: duckdb.DuckDBPyConnection, name: str, values: Iterable[str]) -> None:
    con.register(name, pa.table({"v": pa.array(sorted(set(values)), pa.string())}))


def touched(con: duckdb.DuckDBPyConnection, docs: Sequence[str], story_clusters: Sequence[str],
            figure_clusters: Sequence[str]) -> set[Pair]:
    """The pairs whose rows these documents, story groups and figure groups count in, as the tables are now."""
    _keyed(con, "_pair_docs", docs)
    _keyed(con, "_pair_stories", story_clusters)
    _keyed(con, "_pair_figures", figure_clusters)
    try:
        rows = con.execute("""
            SELECT least(source, target), greatest(source, target) FROM events
            WHERE doc_id IN (SELECT v FROM _pair_docs) AND source <> target
            UNION SELECT least(a, b), greatest(a, b) FROM relations WHERE doc_id IN (SELECT v FROM _pair_docs) AND a <> b
            UNION SELECT least(a, b), greatest(a, b) FROM stories WHERE "cluster" IN (SELECT v FROM _pair_stories) AND a <> b
            UNION SELECT o.a, o.b FROM pair_outlets o WHERE o.a IN (SELECT x FROM figure_states) OR o.b IN (SELECT x FROM
                figure_states)""".replace("figure_states", """(SELECT DISTINCT unnest(actors) AS x FROM figures
                WHERE "cluster" IN (SELECT v FROM _pair_figures))""")).fetchall()
    finally:
        for name in ("_pair_docs", "_pair_stories", "_pair_figures"):
            con.unregister(name)
    return {(str(a), str(b)) for a, b in rows if a is not None and b is not None}


def refresh(con: duckdb.DuckDBPyConnection, pairs: set[Pair], modalities: Sequence[str]) -> None:
    """Make the rows of these pairs again from the tables (all of them when they were counted with other
    speculative modalities, or never)."""
    if built_with(con) != key(modalities):
        rebuild(con, modalities)
        return
    if not pairs:
        return
    _keyed(con, "_pair_keys", [f"{a}~{b}" for a, b in pairs])
    try:
        con.execute("DELETE FROM pair_outlets WHERE a || '~' || b IN (SELECT v FROM _pair_keys)")
        con.execute(f"INSERT INTO pair_outlets ({COLUMNS}) {ROWS_SQL.format(scope=TOUCHED)}", [list(modalities)])
    finally:
        con.unregister("_pair_keys")


def rebuild(con: duckdb.DuckDBPyConnection, modalities: Sequence[str]) -> None:
    """Every pair's rows from the tables (the migration to version 10, a change of modalities, the doctor's
    repair)."""
    con.execute("DELETE FROM pair_outlets")
    con.execute(f"INSERT INTO pair_outlets ({COLUMNS}) {ROWS_SQL.format(scope='TRUE')}", [list(modalities)])
    con.execute("DELETE FROM fusion_state WHERE name = ?", [STATE_KEY])
    con.execute("INSERT INTO fusion_state VALUES (?, ?)", [STATE_KEY, key(modalities)])


def differences(con: duckdb.DuckDBPyConnection, modalities: Sequence[str]) -> int:
    """Rows that differ between what is stored and a recomputation (every sum exact: counts and decimals)."""
    row = con.execute(
        f"""WITH c AS (SELECT {COLUMNS} FROM ({ROWS_SQL.format(scope='TRUE')})),
        s AS (SELECT {COLUMNS} FROM pair_outlets)
        SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT ALL SELECT * FROM c))
             + (SELECT count(*) FROM (SELECT * FROM c EXCEPT ALL SELECT * FROM s))""", [list(modalities)]).fetchall()
    return int(row[0][0])


def key(modalities: Sequence[str]) -> str:
    return ",".join(sorted(modalities))


def built_with(con: duckdb.DuckDBPyConnection) -> str | None:
    """The speculative modalities (sorted, comma-separated) the rows were counted with; None before any."""
    row = con.execute("SELECT max(value) FROM fusion_state WHERE name = ?", [STATE_KEY]).fetchall()
    return None if row[0][0] is None else str(row[0][0])
