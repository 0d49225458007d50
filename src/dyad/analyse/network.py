"""The actor network: states (or named actors) linked by the realis events between them."""

from __future__ import annotations

from typing import Any

import networkx as nx

from dyad.fuse.items import EVENT_DATE_SQL


def edges(store: Any, level: str = "state", since: Any = None, until: Any = None) -> list[dict[str, Any]]:
    """(source, target, n_events, goldstein_sum) of realis events, near-copies left out."""
    if level == "state":
        src, tgt, joins = "e.source", "e.target", ""
    elif level == "actor":
        src, tgt = "coalesce(sa.name, e.source)", "coalesce(ta.name, e.target)"
        joins = """LEFT JOIN actors sa ON sa.doc_id = e.doc_id AND sa.key = e.source_actor
                   LEFT JOIN actors ta ON ta.doc_id = e.doc_id AND ta.key = e.target_actor"""
    else:
        raise ValueError(f"level must be 'state' or 'actor', not {level!r}")
    sql = f"""
    SELECT * FROM (
        SELECT {src} AS src, {tgt} AS tgt, count(*) AS n_events, sum(e.goldstein) AS goldstein_sum
        FROM events e JOIN documents d ON d.id = e.doc_id {joins}
        WHERE e.realis AND d.near_copy_of IS NULL
          AND (CAST(? AS DATE) IS NULL OR {EVENT_DATE_SQL} >= ?)
          AND (CAST(? AS DATE) IS NULL OR {EVENT_DATE_SQL} <= ?)
        GROUP BY ALL
    ) WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
    ORDER BY n_events DESC, src, tgt
    """
    rows = store.query(sql, [since, since, until, until])
    return [{"source": r["src"], "target": r["tgt"], "n_events": r["n_events"], "goldstein_sum": r["goldstein_sum"]}
            for r in rows]


def build_graph(rows: list[dict[str, Any]]) -> nx.DiGraph:
    """A directed graph weighted by event counts."""
    graph = nx.DiGraph()
    for r in rows:
        graph.add_edge(r["source"], r["target"], weight=int(r["n_events"]), goldstein=r["goldstein_sum"] or 0.0)
    return graph


def centrality(graph: nx.DiGraph) -> list[dict[str, Any]]:
    """Per node: events out and in, degree centrality, and betweenness over the undirected
    graph with distance 1/weight (busy links are short)."""
    if graph.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(graph)
    undirected = nx.Graph()
    for u, v, data in graph.edges(data=True):
        w = data["weight"] + (undirected[u][v]["weight"] if undirected.has_edge(u, v) else 0)
        undirected.add_edge(u, v, weight=w, distance=1.0 / w)
    between = nx.betweenness_centrality(undirected, weight="distance", normalized=True)
    rows = []
    for node in graph.nodes:
        rows.append(
            {
                "node": node,
                "events_out": int(graph.out_degree(node, weight="weight")),
                "events_in": int(graph.in_degree(node, weight="weight")),
                "partners": undirected.degree(node),
                "degree_centrality": degree[node],
                "betweenness": between.get(node, 0.0),
            }
        )
    rows.sort(key=lambda r: (-r["betweenness"], -(r["events_out"] + r["events_in"]), r["node"]))
    return rows


NETWORK_COLUMNS = ["node", "events_out", "events_in", "partners", "degree_centrality", "betweenness"]
