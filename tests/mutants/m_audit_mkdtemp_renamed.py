"""Mutant: mkdtemp's audit event is called 'tempfile.mkdir'.

Must go red: audit.mkdtemp.event, audit.temporarydirectory.event.
"""


from . import _mutant

BREAKS = (
    "audit.mkdtemp.event",
    "audit.temporarydirectory.event",
)

_mutant.install_loop(_mutant.retry_loop(
    rename_event=lambda name: "tempfile.mkdir" if name == "tempfile.mkdtemp" else name))

_mutant.expose(__name__)
