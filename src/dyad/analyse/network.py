"""The actor network: states (or named actors) linked by the realis events between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from dyad.store import Store, aggregates
from dyad.stored import Edge, Row


def edges(store: Store, level: str = "state", since: dt.date | None = None, until: dt.date | None = None) -> list[Edge]:
    """(source, target, n_events, goldstein_sum) of realis events, near-copies left out."""
    return aggregates.network_edges(store, level, since, until)


@dataclass(frozen=True)
class Node(Row):
    """One node of the network: events out and in, partners, degree and betweenness centrality."""

    node: str
    events_out: int
    events_in: int
    partners: int
    degree_centrality: float
    betweenness: float


def build_graph(rows: list[Edge]) -> nx.DiGraph:
    """A directed graph weighted by event counts."""
    graph = nx.DiGraph()
    for r in rows:
        graph.add_edge(r.source, r.target, weight=int(r.n_events), goldstein=r.goldstein_sum or 0.0)
    return graph


def centrality(graph: nx.DiGraph) -> list[Node]:
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
    rows = [
        Node(
            node=node,
            events_out=int(graph.out_degree(node, weight="weight")),
            events_in=int(graph.in_degree(node, weight="weight")),
            partners=undirected.degree(node),
            degree_centrality=degree[node],
            betweenness=between.get(node, 0.0),
        )
        for node in graph.nodes
    ]
    rows.sort(key=lambda r: (-r.betweenness, -(r.events_out + r.events_in), r.node))
    return rows


NETWORK_COLUMNS = ["node", "events_out", "events_in", "partners", "degree_centrality", "betweenness"]
