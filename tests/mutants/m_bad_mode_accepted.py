"""Mutant: An invalid mode falls back to 'w+b' instead of raising ValueError.

Must go red: temporaryfile.params.rejected-like-open, badinput.mode.valueerror.
"""


from reference import named, temporaryfile

from . import _mutant

BREAKS = (
    "temporaryfile.params.rejected-like-open",
    "badinput.mode.valueerror",
)

_original = named.open_with


def open_with(opener, where, mode, *args):
    try:
        return _original(opener, where, mode, *args)
    except ValueError:
        return _original(opener, where, "w+b", -1, None, None, None)


_mutant.replace("open_with", open_with, named, temporaryfile)

_mutant.expose(__name__)
