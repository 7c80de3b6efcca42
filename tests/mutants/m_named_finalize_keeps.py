"""Mutant: Collection of a NamedTemporaryFile never removes the file.

Must go red: namedtemporaryfile.delete.on-finalize, namedtemporaryfile.delete-on-close-
false.finalize.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delete.on-finalize",
    "namedtemporaryfile.delete-on-close-false.finalize",
)

_original = named.unlink_on


def unlink_on(event, *, delete, delete_on_close, os_deletes):
    if event == named.FINALIZE:
        return False
    return _original(event, delete=delete, delete_on_close=delete_on_close, os_deletes=os_deletes)


named.unlink_on = unlink_on

_mutant.expose(__name__)
