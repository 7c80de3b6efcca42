"""Mutant: The name given out is not the open file's: a fresh empty file replaces it.

Must go red: namedtemporaryfile.posix.reopen-while-open.
"""

import inspect
import os

import reference
from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.posix.reopen-while-open",
)

_original = named.NamedTemporaryFile


def NamedTemporaryFile(*args, **kwargs):
    wrapper = _original(*args, **kwargs)
    os.unlink(wrapper.name)
    os.close(os.open(wrapper.name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return wrapper


NamedTemporaryFile.__signature__ = inspect.signature(_original)
reference.NamedTemporaryFile = NamedTemporaryFile

_mutant.expose(__name__)
