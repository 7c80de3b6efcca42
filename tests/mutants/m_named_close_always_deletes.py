"""Mutant: close removes the file even with delete_on_close=False.

Must go red: namedtemporaryfile.delete-on-close-false.close-keeps,
examples.namedtemporaryfile.reopen-after-close.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delete-on-close-false.close-keeps",
    "examples.namedtemporaryfile.reopen-after-close",
)

_original = named.unlink_on


def unlink_on(event, *, delete, delete_on_close, os_deletes):
    return _original(event, delete=delete, delete_on_close=True, os_deletes=os_deletes)


named.unlink_on = unlink_on

_mutant.expose(__name__)
