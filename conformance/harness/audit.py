"""Audit events: one process-wide hook, and listeners that subscribe to it for a while.

Hooks cannot be removed once added, so the harness adds one, once per
process, and everything that wants events (a test's recorder, the sandbox
guard, a planter) subscribes and unsubscribes through it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import Callable, Iterator, List, Tuple

Listener = Callable[[str, tuple], None]

_listeners: List[Listener] = []
_hook_lock = threading.Lock()
_hook_installed = False
_unheard = threading.local()  # set while a listener makes a call of its own that no one is to hear


def _dispatch(event: str, args: tuple) -> None:
    if getattr(_unheard, "active", False):
        return
    for listener in list(_listeners):
        listener(event, args)


@contextlib.contextmanager
def unheard() -> Iterator[None]:
    """Events this thread raises meanwhile reach no listener.

    For a listener's own bookkeeping only (the sandbox guard opening a directory
    to learn its real path): a recorder must not see it, nor the guard judge it.
    """
    _unheard.active = True
    try:
        yield
    finally:
        _unheard.active = False


def install_hook() -> None:
    """Add the one process-wide audit hook, the first time only."""
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_dispatch)
            _hook_installed = True


@contextlib.contextmanager
def subscribed(listener: Listener) -> Iterator[Listener]:
    """Deliver every audit event to ``listener`` while the context is active."""
    install_hook()
    _listeners.append(listener)
    try:
        yield listener
    finally:
        _listeners.remove(listener)


class AuditRecorder:
    """Records audit events whose name starts with one of ``prefixes``."""

    def __init__(self, prefixes: Tuple[str, ...] = ("tempfile.", "open", "os.")) -> None:
        self.prefixes = prefixes
        self.events: List[Tuple[str, tuple]] = []
        self._subscription: contextlib.ExitStack = contextlib.ExitStack()

    def __call__(self, event: str, args: tuple) -> None:
        if event.startswith(self.prefixes):
            self.events.append((event, args))

    def named(self, event: str) -> List[tuple]:
        """The argument tuples of every recorded event called ``event``."""
        return [args for name, args in self.events if name == event]

    install = staticmethod(install_hook)

    def __enter__(self) -> AuditRecorder:
        self._subscription.enter_context(subscribed(self))
        return self

    def __exit__(self, *exc: object) -> None:
        self._subscription.close()
