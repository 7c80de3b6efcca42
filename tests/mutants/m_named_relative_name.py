"""Mutant: NamedTemporaryFile's name is the base name only.

Must go red: namedtemporaryfile.name.visible-absolute.
"""

import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

import reference  # noqa: E402
from reference import files  # noqa: E402

BREAKS = (
    "namedtemporaryfile.name.visible-absolute",
)

_original = files.NamedTemporaryFile


def NamedTemporaryFile(*args, **kwargs):
    wrapper = _original(*args, **kwargs)
    wrapper.name = os.path.basename(wrapper.name)
    return wrapper


NamedTemporaryFile.__signature__ = inspect.signature(_original)
reference.NamedTemporaryFile = NamedTemporaryFile

_mutant.expose(__name__)
