"""The file system, read defensively: regular files only, bounded reads, a folder walk that stays inside.

A FIFO, socket or device is never opened for reading (a FIFO would block for
ever, a device may never end); a symbolic link inside an ingested folder is
followed only when its target is inside that folder too; the walk is
iterative, bounded in depth and visits each folder once, so link loops and
folders nested a thousand levels deep end with a message, not a traceback.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from dyad.ingest.items import IngestError, note

_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}
_SKIP_CHUNK = 1 << 20


class NotRegular(OSError):
    """A path that is not a regular file; never opened."""


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or exc.__class__.__name__


def kind_of(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading; anything else raises NotRegular without blocking."""
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):
        raise NotRegular(f"{kind_of(before.st_mode)}, not a regular file")
    # O_NONBLOCK: should the path have been swapped for a FIFO since the stat, open still returns.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(f"{kind_of(mode)}, not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(fh: BinaryIO, limit: int) -> bytes | None:
    """Up to `limit` bytes, or None when there are more."""
    data = fh.read(limit + 1)
    return None if len(data) > limit else data


def bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream; None stands for a line longer than `limit`, which is skipped unread."""
    while line := fh.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def walk(folder: Path, max_depth: int, wanted: Callable[[Path], bool]) -> Iterator[Path | IngestError]:
    """Regular files under `folder` that `wanted` accepts, in name order; hidden names skipped; problems as errors."""
    root = os.path.realpath(folder)
    try:
        top = os.stat(folder)
    except OSError as exc:
        yield IngestError(str(folder), f"cannot read folder ({reason(exc)})")
        return
    seen = {(top.st_dev, top.st_ino)}
    stack: list[tuple[Path, int]] = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield IngestError(str(current), f"cannot read folder ({reason(exc)})")
            continue
        folders: list[tuple[Path, int]] = []
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    if not _inside(os.path.realpath(path), root):
                        yield IngestError(str(path), "symbolic link to a place outside the folder; not followed")
                        continue
                    info = os.stat(path)
                else:
                    info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                yield IngestError(str(path), f"cannot read ({reason(exc)})")
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in seen:
                    note(str(path), "folder already read (a link back into the folder); skipped")
                elif depth >= max_depth:
                    yield IngestError(str(path), f"folder nested deeper than {max_depth} levels; not read")
                else:
                    seen.add((info.st_dev, info.st_ino))
                    folders.append((path, depth + 1))
            elif stat.S_ISREG(info.st_mode):
                if wanted(path):
                    yield path
            elif wanted(path):
                yield IngestError(str(path), f"{kind_of(info.st_mode)}, not a regular file; not read")
        stack.extend(reversed(folders))
