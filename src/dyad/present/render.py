"""The Jinja2 environment for briefs and reports: files under present/templates/, HTML and SVG autoescaped.

A `.html` template escapes every value it prints (markup that is meant as
markup, like a chart's SVG, is passed in as `Markup`); Markdown templates
print values as they are, after the helpers escape what Markdown would read.
Block tags on a line of their own leave no blank line behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("dyad.present", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "svg"), default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )


def render(template: str, filters: Mapping[str, Callable[..., str]] | None = None, **context: Any) -> str:
    """Render present/templates/<template> with `context` and the template's own `filters`."""
    env = environment()
    if filters:
        env = env.overlay()
        env.filters.update(filters)
    return env.get_template(template).render(**context)


def static_text(name: str) -> str:
    """A file of present/static/, e.g. the brief's stylesheet."""
    return resources.files("dyad.present").joinpath("static", name).read_text(encoding="utf-8")
