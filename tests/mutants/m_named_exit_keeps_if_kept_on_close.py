"""Mutant: Context exit keeps the file when delete_on_close is False.

Must go red: namedtemporaryfile.delete-on-close-false.context-exit.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delete-on-close-false.context-exit",
)

_original = named.unlink_on


def unlink_on(event, *, delete, delete_on_close, os_deletes):
    if event == named.EXIT:
        return delete and delete_on_close
    return _original(event, delete=delete, delete_on_close=delete_on_close, os_deletes=os_deletes)


named.unlink_on = unlink_on

_mutant.expose(__name__)
