"""Mutant: NamedTemporaryFile's name is the base name only.

Must go red: namedtemporaryfile.name.visible-absolute.
"""

import inspect
import os

import reference
from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.name.visible-absolute",
)

_original = named.NamedTemporaryFile


def NamedTemporaryFile(*args, **kwargs):
    wrapper = _original(*args, **kwargs)
    wrapper.name = os.path.basename(wrapper.name)
    return wrapper


NamedTemporaryFile.__signature__ = inspect.signature(_original)
reference.NamedTemporaryFile = NamedTemporaryFile

_mutant.expose(__name__)
