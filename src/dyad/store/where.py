"""The one place that builds WHERE clauses: every value a bound parameter, LIKE patterns escaped.

Column names and SQL fragments come only from dyad's own code; what a user
typed always travels as a parameter, and a text matched with LIKE has its
`%`, `_` and `\\` escaped so that it matches literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ESCAPE = "\\"


def escape_like(text: str) -> str:
    """`text` as a LIKE pattern that matches itself: wildcards and the escape character escaped."""
    return text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")


# one condition: SQL written by dyad with a `?` for each parameter, and the parameters
Condition = tuple[str, list[Any]]


def equals(column: str, value: Any) -> Condition:
    return f"{column} = ?", [value]


def one_of(column: str, values: Sequence[Any]) -> Condition:
    """`column` is one of `values` (nothing is kept for an empty list)."""
    if not values:
        return "FALSE", []
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


SPELLED_OUT = 256  # the most values `ids_in` names one parameter each


def ids_in(column: str, ids: Sequence[str]) -> Condition:
    """`column` is one of these ids: a parameter each while they are few, since DuckDB then reads only the
    row groups that may hold them; a list parameter (joined against the table) when they are many."""
    if len(ids) <= SPELLED_OUT:
        return one_of(column, ids)
    return f"{column} IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]


def contains(column: str, text: str) -> Condition:
    """`column` contains `text`, ignoring case, the text taken literally."""
    return f"{column} ILIKE ? ESCAPE '{ESCAPE}'", [f"%{escape_like(text)}%"]


def names_document(alias: str, doc: str) -> Condition:
    """The documents table under `alias` is the one `doc` names: the input's own id, an id, an id prefix,
    a file name, a source or a title."""
    return (
        f"({alias}.ref = ? OR {alias}.id = ? OR {alias}.id LIKE ? ESCAPE '{ESCAPE}' OR {alias}.source_name = ? "
        f"OR {alias}.source = ? OR lower({alias}.title) = lower(?))",
        [doc, doc, escape_like(doc) + "%", doc, doc, doc],
    )


class Where:
    """Conditions joined with AND, and their parameters in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> Where:
        """A condition written by dyad with `?` for each of `params`."""
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def all(self, *conditions: Condition) -> Where:
        """Every one of the conditions."""
        for clause, params in conditions:
            self.add(clause, *params)
        return self

    def any(self, *conditions: Condition) -> Where:
        """At least one of the conditions."""
        clause = "(" + " OR ".join(c for c, _ in conditions) + ")"
        return self.add(clause, *[p for _, params in conditions for p in params])

    def sql(self) -> str:
        """' WHERE a AND b', or nothing when there is no condition."""
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""

    def conditions(self) -> str:
        """The conditions alone ('TRUE' when there is none), to combine with a WHERE of one's own."""
        return " AND ".join(self.clauses) if self.clauses else "TRUE"


def limit(value: int | None) -> tuple[str, list[Any]]:
    """' LIMIT ?' and its parameter, or nothing for no limit."""
    return (" LIMIT ?", [value]) if value is not None else ("", [])
