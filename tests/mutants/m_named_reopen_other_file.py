"""Mutant: The name given out is not the open file's: a fresh empty file replaces it.

Must go red: namedtemporaryfile.posix.reopen-while-open.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "namedtemporaryfile.posix.reopen-while-open",
)

_original = files.NamedTemporaryFile


def NamedTemporaryFile(*args, **kwargs):
    wrapper = _original(*args, **kwargs)
    os.unlink(wrapper.name)
    os.close(os.open(wrapper.name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return wrapper


NamedTemporaryFile.__signature__ = inspect.signature(_original)
reference.NamedTemporaryFile = NamedTemporaryFile

_mutant.expose(__name__)
