"""Mutant: delete=False is ignored: the file is removed anyway.

Must go red: namedtemporaryfile.delete-false.keeps, namedtemporaryfile.delete-false.ignores-delete-
on-close, examples.mktemp-replacement.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delete-false.keeps",
    "namedtemporaryfile.delete-false.ignores-delete-on-close",
    "examples.mktemp-replacement",
)

_original = named.unlink_on


def unlink_on(event, *, delete, delete_on_close, os_deletes):
    return _original(event, delete=True, delete_on_close=delete_on_close, os_deletes=os_deletes)


named.unlink_on = unlink_on

_mutant.expose(__name__)
