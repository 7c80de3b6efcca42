"""One load worker: THREADS threads creating every kind in shared directories at once."""

from __future__ import annotations

import os
import threading
import time
from typing import Any, Dict, List


def _make_one(tf: Any, kind: str, where: str) -> str:
    if kind == "mkstemp":
        fd, path = tf.mkstemp(dir=where)
        os.close(fd)
        return path
    if kind == "mkdtemp":
        return tf.mkdtemp(dir=where)
    with tf.NamedTemporaryFile(dir=where) as handle:
        handle.write(b"x")
        path = handle.name
    with tf.TemporaryDirectory(dir=where) as held:
        open(os.path.join(held, "inside"), "w").close()
    return path


def create_under_load(tf: Any, shared: str, gate: str, kinds: List[str], threads: int,
                      count: int) -> Dict[str, Any]:
    """Wait at the gate with the other workers, then create; names, errors and time taken."""
    names: Dict[str, List[str]] = {kind: [] for kind in kinds}
    errors: Dict[str, List[str]] = {kind: [] for kind in kinds}

    def work() -> None:
        for _ in range(count):
            for kind in kinds:
                try:
                    names[kind].append(_make_one(tf, kind, os.path.join(shared, kind)))
                except Exception as exc:
                    errors[kind].append(repr(exc))

    workers = [threading.Thread(target=work) for _ in range(threads)]
    open(os.path.join(gate, f"ready-{os.getpid()}"), "w").close()
    while not os.path.exists(os.path.join(gate, "go")):  # all processes start together
        time.sleep(0.002)
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"names": names, "errors": {k: v[:5] for k, v in errors.items()},
            "error_count": {k: len(v) for k, v in errors.items()},
            "seconds": time.perf_counter() - started}
