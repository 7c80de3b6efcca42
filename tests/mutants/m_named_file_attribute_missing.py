"""Mutant: The wrapper's file attribute is the buffer-less raw stream, not the file.

Must go red: namedtemporaryfile.file.attribute.
"""

import inspect

import reference
from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.file.attribute",
)

_original = named.NamedTemporaryFile


def NamedTemporaryFile(*args, **kwargs):
    wrapper = _original(*args, **kwargs)
    wrapper.__dict__["file"] = _Shadow(wrapper.__dict__["file"])
    return wrapper


class _Shadow:
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def __enter__(self):
        self.inner.__enter__()
        return self

    def __exit__(self, *exc_info):
        return self.inner.__exit__(*exc_info)

    def __iter__(self):
        return iter(self.inner)


NamedTemporaryFile.__signature__ = inspect.signature(_original)
reference.NamedTemporaryFile = NamedTemporaryFile

_mutant.expose(__name__)
