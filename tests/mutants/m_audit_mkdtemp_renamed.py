"""Mutant: mkdtemp's audit event is called 'tempfile.mkdir'.

Must go red: audit.mkdtemp.event, audit.temporarydirectory.event.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

BREAKS = (
    "audit.mkdtemp.event",
    "audit.temporarydirectory.event",
)

_mutant.install_loop(_mutant.retry_loop(
    rename_event=lambda name: "tempfile.mkdir" if name == "tempfile.mkdtemp" else name))

_mutant.expose(__name__)
