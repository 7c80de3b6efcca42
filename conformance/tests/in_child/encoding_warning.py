"""Which EncodingWarnings the file-making classes emit, in an interpreter started with the opt-in.

The parent starts this interpreter with ``PYTHONWARNDEFAULTENCODING=1`` (the
same switch as ``-X warn_default_encoding``, which exists only at start-up).
Every call below sits alone on its own line, in a lambda: that line is the
caller's, the one a warning about the missing encoding should name.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any, Callable, Dict, List, Optional, Tuple

from conformance.harness.os_faults import O_TMPFILE_UNSUPPORTED, injected

Make = Callable[[], Any]


def _calls(tf: Any, where: str) -> Dict[str, Make]:
    return {
        "NamedTemporaryFile text": lambda: tf.NamedTemporaryFile("w+", dir=where),
        "NamedTemporaryFile binary": lambda: tf.NamedTemporaryFile("w+b", dir=where),
        "NamedTemporaryFile encoding given": lambda: tf.NamedTemporaryFile("w+", encoding="utf-8", dir=where),
        "TemporaryFile text": lambda: tf.TemporaryFile("w+", dir=where),
        "TemporaryFile binary": lambda: tf.TemporaryFile("w+b", dir=where),
        "TemporaryFile encoding given": lambda: tf.TemporaryFile("w+", encoding="utf-8", dir=where),
        "SpooledTemporaryFile text": lambda: tf.SpooledTemporaryFile(mode="w+", dir=where),
        "SpooledTemporaryFile binary": lambda: tf.SpooledTemporaryFile(mode="w+b", dir=where),
        "SpooledTemporaryFile encoding given": lambda: tf.SpooledTemporaryFile(mode="w+", encoding="utf-8",
                                                                               dir=where),
    }


def _caught(step: Callable[[], Any]) -> Tuple[Any, List[List[Any]]]:
    """What ``step`` returned, and the EncodingWarnings it emitted: [filename, lineno, message]."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = step()
    return value, [[w.filename, w.lineno, str(w.message)] for w in caught
                   if w.category.__name__ == "EncodingWarning"]


def _observe(make: Make, after: Optional[Callable[[Any, Dict[str, Any]], None]] = None) -> Dict[str, Any]:
    """The caller's [filename, lineno] and what ``make`` emitted; ``after`` adds to it before the close."""
    made, emitted = _caught(make)
    try:
        seen: Dict[str, Any] = {"caller": [make.__code__.co_filename, make.__code__.co_firstlineno],
                                "warnings": emitted}
        if after is not None:
            after(made, seen)
        return seen
    finally:
        made.close()


def _roll_over(data: Any) -> Callable[[Any, Dict[str, Any]], None]:
    """Writes ``data`` and rolls over: the EncodingWarnings that emits (none are due, the encoding
    was settled at creation)."""
    def after(spooled: Any, seen: Dict[str, Any]) -> None:
        seen["at rollover"] = _caught(lambda: (spooled.write(data), spooled.rollover()))[1]
    return after


def warnings_emitted(tf: Any, where: str) -> Dict[str, Any]:
    """Per call: the caller's [filename, lineno] and each EncodingWarning's [filename, lineno, message]."""
    result: Dict[str, Any] = {"opted in": bool(getattr(sys.flags, "warn_default_encoding", 0))}
    for name, make in _calls(tf, where).items():
        spooled = name.startswith("SpooledTemporaryFile")
        result[name] = _observe(make, _roll_over(b"x" if "binary" in name else "x") if spooled else None)
    # TemporaryFile where O_TMPFILE is refused: the way without it must not warn a second time.
    refused = os.path.join(where, "o_tmpfile-refused")
    os.mkdir(refused)
    inode: List[Tuple[int, int]] = []

    def note_inode(made: Any, seen: Dict[str, Any]) -> None:
        status = os.fstat(made.fileno())
        inode.append((status.st_dev, status.st_ino))

    with injected({refused: O_TMPFILE_UNSUPPORTED}) as faults:
        seen = _observe(lambda: tf.TemporaryFile("w+", dir=refused), note_inode)
    seen["unobservable"] = faults.fallback_unobservable_reason(inode[0])
    result["TemporaryFile text, O_TMPFILE refused"] = seen
    return result
