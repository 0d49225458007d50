"""`one_read`: a library method's queries run inside one read of the store."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from dyad.store import Store


class HasStore(Protocol):
    @property
    def store(self) -> Store: ...


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=HasStore)


def one_read(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run the method inside one read of the store: one connection, so its queries see one state of the file.

    A writer in another process commits between reads, never inside one (see dyad.store.db).
    """

    def run(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.store.reading():
            return method(self, *args, **kwargs)

    functools.update_wrapper(run, method)  # its name, docstring and signature, for help() and the twin test
    return run
