"""The fusion tables: what fusion keeps in the store, kept up to date as documents arrive.

Like GDELT's events and mentions tables, a story is one row of `stories` and
each report of it one row of `story_mentions` (an event of `events`, by
`doc_id` and `idx`). Figures and their claims, contradictions, each
document's outlet and independent source, and the actors resolved across
documents are tables too. `dyad.fuse.update` writes them in the same path
that stores documents (`dyad.run`); listings and briefs only read them.

Cluster columns (`cluster`) name the connected group of reports or claims a
story or figure was cut from; they are what incremental fusion recomputes
when a new document links to one of them.
"""

from __future__ import annotations

from dyad.store.aggregate_tables import AGGREGATE_TABLES
from dyad.store.aggregate_tables import MEANING as AGGREGATE_MEANING
from dyad.store.pair_tables import MEANING as PAIR_MEANING
from dyad.store.pair_tables import PAIR_TABLES

FUSION_DDL = """
CREATE TABLE IF NOT EXISTS doc_sources (
    doc_id VARCHAR,
    outlet VARCHAR,
    outlet_key VARCHAR,
    outlet_from VARCHAR,
    source_key VARCHAR,
    original VARCHAR,
    published DATE,
    n_sentences INTEGER,
    n_speculative INTEGER,
    n_events INTEGER,
    n_realis INTEGER,
    n_speculative_events INTEGER,
    goldstein_sum DOUBLE,
    n_goldstein INTEGER
);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR,
    cluster VARCHAR,
    family VARCHAR,
    a VARCHAR,
    b VARCHAR,
    directed BOOLEAN,
    root VARCHAR,
    codes VARCHAR[],
    "when" VARCHAR,
    when_precision VARCHAR,
    when_start DATE,
    when_end DATE,
    status VARCHAR,
    disputed BOOLEAN,
    background BOOLEAN,
    n_mentions INTEGER,
    n_documents INTEGER,
    n_sources INTEGER,
    n_happened INTEGER,
    n_planned INTEGER,
    n_denied INTEGER,
    first_seen DATE,
    last_seen DATE,
    outlets VARCHAR[],
    goldstein DOUBLE,
    quad_class INTEGER,
    lead_doc VARCHAR,
    lead_idx INTEGER,
    when_until VARCHAR
);
CREATE TABLE IF NOT EXISTS story_mentions (
    story_id VARCHAR,
    cluster VARCHAR,
    doc_id VARCHAR,
    idx INTEGER,
    family VARCHAR,
    a VARCHAR,
    b VARCHAR,
    day_lo DATE,
    day_hi DATE,
    own_time BOOLEAN,
    background BOOLEAN,
    realis BOOLEAN,
    negated BOOLEAN,
    source_key VARCHAR,
    published DATE,
    stem VARCHAR,
    words VARCHAR,
    source_name VARCHAR,
    target_name VARCHAR,
    code VARCHAR,
    root VARCHAR,
    modality VARCHAR,
    "when" VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    length INTEGER,
    outlet VARCHAR,
    when_until VARCHAR
);
CREATE TABLE IF NOT EXISTS figures (
    id VARCHAR,
    cluster VARCHAR,
    unit VARCHAR,
    actors VARCHAR[],
    about VARCHAR,
    value DOUBLE,
    qualifier VARCHAR,
    approx BOOLEAN,
    n_claims INTEGER,
    n_sources INTEGER,
    n_sources_all INTEGER,
    n_values INTEGER,
    single_source BOOLEAN,
    first_seen DATE,
    last_seen DATE,
    outlets VARCHAR[],
    lead_doc VARCHAR,
    lead_idx INTEGER
);
CREATE TABLE IF NOT EXISTS figure_claims (
    figure_id VARCHAR,
    cluster VARCHAR,
    doc_id VARCHAR,
    idx INTEGER,
    block VARCHAR,
    value DOUBLE,
    agrees BOOLEAN,
    source_key VARCHAR,
    published DATE,
    words VARCHAR
);
CREATE TABLE IF NOT EXISTS contradictions (
    id VARCHAR,
    kind VARCHAR,
    ref VARCHAR,
    subject VARCHAR,
    a VARCHAR,
    b VARCHAR,
    first_doc VARCHAR,
    first_table VARCHAR,
    first_idx INTEGER,
    first_says VARCHAR,
    second_doc VARCHAR,
    second_table VARCHAR,
    second_idx INTEGER,
    second_says VARCHAR,
    day DATE
);
CREATE TABLE IF NOT EXISTS actor_links (
    doc_id VARCHAR,
    key VARCHAR,
    name_key VARCHAR,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    role VARCHAR,
    sector VARCHAR,
    code VARCHAR,
    aliases VARCHAR[],
    mentions INTEGER
);
CREATE TABLE IF NOT EXISTS actor_names (
    name_key VARCHAR,
    actor_id VARCHAR
);
CREATE TABLE IF NOT EXISTS actor_keys (
    name_key VARCHAR,
    component VARCHAR,
    name VARCHAR,
    aliases VARCHAR[],
    kind VARCHAR,
    key VARCHAR,
    country VARCHAR,
    role VARCHAR,
    sector VARCHAR,
    code VARCHAR,
    mentions INTEGER,
    terms VARCHAR[]
);
CREATE TABLE IF NOT EXISTS actor_pending (
    name_key VARCHAR
);
CREATE TABLE IF NOT EXISTS global_actors (
    id VARCHAR,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    role VARCHAR,
    sector VARCHAR,
    code VARCHAR,
    aliases VARCHAR[],
    mentions INTEGER,
    documents INTEGER,
    why VARCHAR[]
);
CREATE TABLE IF NOT EXISTS fusion_state (
    name VARCHAR,
    value VARCHAR
);
"""

FUSION_INDEXES = """
CREATE INDEX IF NOT EXISTS doc_sources_doc ON doc_sources(doc_id);
CREATE INDEX IF NOT EXISTS stories_id ON stories(id);
CREATE INDEX IF NOT EXISTS stories_cluster ON stories(cluster);
CREATE INDEX IF NOT EXISTS story_mentions_doc ON story_mentions(doc_id);
CREATE INDEX IF NOT EXISTS story_mentions_cluster ON story_mentions(cluster);
CREATE INDEX IF NOT EXISTS story_mentions_key ON story_mentions(family, a, b);
CREATE INDEX IF NOT EXISTS figures_id ON figures(id);
CREATE INDEX IF NOT EXISTS figures_cluster ON figures(cluster);
CREATE INDEX IF NOT EXISTS figure_claims_doc ON figure_claims(doc_id);
CREATE INDEX IF NOT EXISTS figure_claims_cluster ON figure_claims(cluster);
CREATE INDEX IF NOT EXISTS figure_claims_block ON figure_claims(block);
CREATE INDEX IF NOT EXISTS contradictions_ref ON contradictions(ref);
CREATE INDEX IF NOT EXISTS contradictions_first ON contradictions(first_doc);
CREATE INDEX IF NOT EXISTS contradictions_second ON contradictions(second_doc);
CREATE INDEX IF NOT EXISTS actor_links_doc ON actor_links(doc_id);
CREATE INDEX IF NOT EXISTS actor_links_name ON actor_links(name_key);
CREATE INDEX IF NOT EXISTS actor_names_key ON actor_names(name_key);
CREATE INDEX IF NOT EXISTS actor_names_actor ON actor_names(actor_id);
CREATE INDEX IF NOT EXISTS global_actors_id ON global_actors(id);
CREATE INDEX IF NOT EXISTS actor_keys_key ON actor_keys(name_key);
CREATE INDEX IF NOT EXISTS actor_keys_component ON actor_keys(component);
"""

FUSION_TABLES = (
    "doc_sources", "stories", "story_mentions", "figures", "figure_claims", "contradictions",
    "actor_links", "actor_names", "actor_keys", "actor_pending", "global_actors", "fusion_state", *AGGREGATE_TABLES, *PAIR_TABLES,
)

# What each fusion table holds, for docs/schema.md.
MEANING: dict[str, str] = {
    "doc_sources": "one document's outlet (from metadata or the page's site name, else its URL's host; never a title "
    "or file name) and `source_key`, the independent source it counts as (a near-copy counts as its original's "
    "outlet), with the per-document counts `dyad sources` adds up",
    "stories": "one real-world event: its key (`family`, states `a`, `b`, `directed`), its own time (`when`, "
    "`when_start`..`when_end`, `when_until` the end of a period, undated when no report dates it), `status` (happened, planned, denied), `disputed`, "
    "`background`, independent sources (`n_sources`, `n_happened` ...), and the report to quote (`lead_doc`, `lead_idx`)",
    "story_mentions": "one report of a story: an event (`doc_id`, `idx`) with the days it allows (`day_lo`..`day_hi`, "
    "from its own time or bounded by its publication), its source and outlet, the features linking compared, and "
    "the event's code, modality, time and Goldstein score (so a story is recomputed without reading `events`)",
    "figures": "one measured thing (unit, actors, what it measures) with its consensus `value` (the value most "
    "independent sources give), its qualifiers and corroboration",
    "figure_claims": "one claim of a figure (`doc_id`, `idx` in `claims`), whether it `agrees` with the consensus",
    "contradictions": "one pair of documents that cannot both be right: `kind` figure, relation or realis, the `ref` "
    "(figure, relation or story) and each side's item (`*_doc`, `*_table`, `*_idx`) and what it says",
    "actor_links": "one document actor (`doc_id`, `key`) as fusion reads it, with its `name_key`: the kind, key, "
    "country and role that, across documents, name one actor the same way",
    "actor_names": "one `name_key` and the global actor (`actor_id`) it resolves to",
    "actor_keys": "one `name_key` as actors were last resolved: the document actor it stands for (best spelling, "
    "aliases, kind, key, country, role, sector, code, mentions), what it shares with the name keys a rule could "
    "merge it with (`terms`) and the `component` of name keys resolved together (see `dyad.fuse.actor_components`)",
    "actor_pending": "one `name_key` whose document actors came or went since actors were last resolved",
    "global_actors": "one real-world actor across documents: its best name, country, role, aliases, how many "
    "mentions and documents, and why document actors were merged",
    "fusion_state": "one fact about how fusion last ran (`rules`: the rules and settings the tables were built "
    "with; `overrides`: the overrides file actors were resolved with); a change of rules calls for `dyad fuse --rebuild`",
    **AGGREGATE_MEANING,
    **PAIR_MEANING,
}
