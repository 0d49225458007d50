"""One table cell of a page, as escaped HTML: a link for ids, dyads and http(s) URLs, text for the rest.

Written in Python rather than as a template macro because every table of
every page calls it once per cell (a Jinja macro call costs several times a
function call). Every value from the store is escaped (`Markup.format`,
`escape`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from dyad.present.web.templating import number, safe_url, url, words

DOC_COLUMNS = frozenset({"doc_id", "lead_doc", "first_doc_id", "second_doc_id"})
LINK = Markup('<a href="{}">{}</a>')
OUTSIDE = Markup('<a href="{}" rel="noopener noreferrer nofollow">{}</a>')


def cell(col: str, value: Any, row: Mapping[str, Any]) -> Markup:
    """The HTML of `value` in column `col` of `row`."""
    if value is None:
        return Markup("")
    if col in DOC_COLUMNS:
        return LINK.format(url("/document", value), value[:12])
    if col == "dyad":
        return LINK.format(url("/dyad", value), value)
    if col == "id" and isinstance(value, str) and value.startswith("S"):
        return LINK.format(url("/story", value, dyad=row.get("scope")), value)
    if col == "node":
        return escape(value)
    if col == "url":
        link = safe_url(value)
        return OUTSIDE.format(link, value) if link else escape(value)
    if value is True:
        return Markup("yes")
    if value is False:
        return Markup("no")
    if isinstance(value, float):
        return escape(number(value))
    if isinstance(value, Mapping):
        return Markup("; ").join(Markup("{}: {}").format(k, v) for k, v in value.items())
    if not isinstance(value, str) and _iterable(value):
        return escape(", ".join(str(v) for v in value))
    return escape(words(value))


def _iterable(value: Any) -> bool:
    try:
        iter(value)
    except TypeError:
        return False
    return True
