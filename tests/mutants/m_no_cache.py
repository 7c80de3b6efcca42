"""Mutant: gettempdir searches on every call and stores nothing in tempdir.

Must go red: gettempdir.cache.result-reused, gettempdir.cache.stored-in-tempdir,
gettempdir.bytes.shares-cache, tempdir.init.by-default-dir-use.
"""


from reference import location

from . import _mutant

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
