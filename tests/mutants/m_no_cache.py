"""Mutant: gettempdir searches on every call and stores nothing in tempdir.

Must go red: gettempdir.cache.result-reused, gettempdir.cache.stored-in-tempdir,
gettempdir.bytes.shares-cache, tempdir.init.by-default-dir-use.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _mutant  # noqa: E402

from reference import location  # noqa: E402

BREAKS = (
    "gettempdir.cache.result-reused",
    "gettempdir.cache.stored-in-tempdir",
    "gettempdir.bytes.shares-cache",
    "tempdir.init.by-default-dir-use",
)

def _tempdir_value():
    settings = location.package()
    return settings.tempdir if settings.tempdir is not None else location.find_default_tempdir()


location._tempdir_value = _tempdir_value

_mutant.expose(__name__)
