"""dyad: rebuild the system of states that news texts describe."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dyad")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
