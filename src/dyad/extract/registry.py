"""Extraction components by name, each declaring what it requires and what it assigns.

Like spaCy's `Language.factory`: a component is a function of the `DocContext`
registered under a name, with the `DocExtraction` fields it reads (`requires`)
and fills (`assigns`). A pipeline is a list of names; `check_order` refuses a
list in which a component comes before what it needs. Components outside dyad
register with the `component` decorator (imported before the pipeline is
built) or through the `dyad.components` entry point group of an installed
package, whose entry point names the module or function to import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dyad.extract.common.context import DocContext

ENTRY_POINTS = "dyad.components"

Run = Callable[["DocContext"], None]


class PipelineError(ValueError):
    """A pipeline that cannot be built: an unknown name, a repeated one, or a requirement not met."""


@dataclass(frozen=True)
class Component:
    name: str
    run: Run
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    @property
    def origin(self) -> str:
        return f"{self.run.__module__}.{self.run.__qualname__}"


_REGISTERED: dict[str, Component] = {}


def component(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[Run], Run]:
    """Register the decorated function as the extraction component `name`."""

    def register(run: Run) -> Run:
        made = Component(name, run, tuple(requires), tuple(assigns))
        held = _REGISTERED.get(name)
        if held is not None and held.origin != made.origin:
            raise PipelineError(f"extraction component {name!r} is already registered by {held.origin}")
        _REGISTERED[name] = made
        return run

    return register


def registered() -> dict[str, Component]:
    """Every component registered so far, by name."""
    return dict(_REGISTERED)


def _from_entry_point(name: str) -> Component | None:
    """Import the installed plugin that offers `name`; importing it registers the component."""
    for point in entry_points(group=ENTRY_POINTS, name=name):
        point.load()
    return _REGISTERED.get(name)


def get(name: str) -> Component:
    """The component registered as `name`, or a PipelineError that lists the names there are."""
    found = _REGISTERED.get(name) or _from_entry_point(name)
    if found is None:
        known = ", ".join(sorted(_REGISTERED)) or "none"
        raise PipelineError(
            f"unknown extraction component {name!r} (registered: {known}); register it with "
            f"@dyad.extract.registry.component({name!r}, ...) or the {ENTRY_POINTS!r} entry point group"
        )
    return found


def check_order(components: Sequence[Component]) -> None:
    """Every requirement is assigned by a component earlier in the list; no name comes twice."""
    names = [c.name for c in components]
    assigned: set[str] = set()
    for k, comp in enumerate(components):
        if comp.name in names[:k]:
            raise PipelineError(f"extraction component {comp.name!r} is listed twice in the pipeline {names}")
        for need in comp.requires:
            if need in assigned:
                continue
            later = [c.name for c in components[k + 1 :] if need in c.assigns]
            where = (
                f"{later[0]!r} assigns it but comes after; put {later[0]!r} before {comp.name!r}"
                if later
                else "no component in the pipeline assigns it"
            )
            raise PipelineError(
                f"extraction component {comp.name!r} requires {need!r}: {where} (pipeline: {', '.join(names)})"
            )
        assigned.update(comp.assigns)
