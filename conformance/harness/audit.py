"""Audit events: one process-wide hook, and listeners that subscribe to it for a while.

Hooks cannot be removed once added, so the harness adds one, once per
process, and everything that wants events (a test's recorder, the sandbox
guard, a planter) subscribes and unsubscribes through it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import Callable, Iterator, List, Optional, Tuple

Listener = Callable[[str, tuple], None]
EVERY_EVENT = ("",)  # the prefix every event name starts with

# (listener, the event-name prefixes it wants): replaced whole, never changed in place, so the
# hook reads a consistent tuple without a lock or a copy.  A run raises some 70,000 events, most
# of them (object.__getattr__, builtins.id) wanted by no listener: those go no further than a
# startswith in C.
_listeners: Tuple[Tuple[Listener, Tuple[str, ...]], ...] = ()
_hook_lock = threading.Lock()
_hook_installed = False
_unheard = threading.local()  # set while a listener makes a call of its own that no one is to hear


def _dispatch(event: str, args: tuple) -> None:
    for listener, prefixes in _listeners:
        if event.startswith(prefixes) and not getattr(_unheard, "active", False):
            listener(event, args)


def open_unheard(path: str, flags: int) -> int:
    """``os.open`` whose "open" event reaches no listener: for a listener's own bookkeeping.

    The sandbox guard resolves a directory this way for each change it checks (a
    recorder must not see it, nor the guard judge it), some thousands of times a run.
    """
    _unheard.active = True
    try:
        return os.open(path, flags)
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
def subscribed(listener: Listener, events: Optional[Tuple[str, ...]] = None) -> Iterator[Listener]:
    """Deliver the audit events whose names start with one of ``events`` (default: every one)."""
    global _listeners
    install_hook()
    entry = (listener, tuple(events) if events is not None else EVERY_EVENT)
    with _hook_lock:
        _listeners = _listeners + (entry,)
    try:
        yield listener
    finally:
        with _hook_lock:
            kept = list(_listeners)
            kept.remove(entry)
            _listeners = tuple(kept)


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
        self._subscription.enter_context(subscribed(self, self.prefixes))
        return self

    def __exit__(self, *exc: object) -> None:
        self._subscription.close()
