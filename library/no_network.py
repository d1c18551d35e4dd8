"""A build reads only the project's files: any attempt to reach the network stops it.

Python's audit hooks see every socket a build's code would open (a chart module's
download, a library fetching a schema), so the rule holds for code we did not write.
vl-convert, which is not Python, is told separately to load no data (charts/render.py).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from bijgespijkerd.library.build_errors import BuildError
from bijgespijkerd.library.messages import _

NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto"}
_state = {"installed": False, "active": False}


class NetworkRefused(BuildError):
    """Something in the build tried to open a network connection."""


def _refuse(event: str, args: tuple) -> None:
    if _state["active"] and event in NETWORK_EVENTS:
        target = args[1] if event == "socket.connect" else args[0]
        msg = _(
            "the build tried to reach {target} over the network; a build reads only the "
            "project's own files (a chart or dataset may not load anything from elsewhere)"
        ).format(target=repr(target))
        raise NetworkRefused(msg)


@contextmanager
def no_network() -> Iterator[None]:
    """While this block runs, opening a network connection raises NetworkRefused."""
    if not _state["installed"]:
        sys.addaudithook(_refuse)  # for the life of the process: hooks cannot be removed
        _state["installed"] = True
    _state["active"] = True
    try:
        yield
    finally:
        _state["active"] = False
