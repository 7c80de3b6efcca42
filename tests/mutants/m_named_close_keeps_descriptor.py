"""Mutant: The wrapper's close() does not close the file's descriptor.

Must go red: namedtemporaryfile.close.releases-descriptor.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.close.releases-descriptor",
)

def close(self):
    self.file.flush()
    self._remove_name(named.CLOSE)


named._Remover.close = close

_mutant.expose(__name__)
