"""Mutant: every close() closes the file and unlinks the name again, as if it had never run.

Must go red: namedtemporaryfile.close.repeatable, namedtemporaryfile.delete.at-most-once.
"""

import os

from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.close.repeatable",
    "namedtemporaryfile.delete.at-most-once",
)


def close(self):
    self.file_closed = True
    try:
        self.file.close()
    finally:
        if named.unlink_on(named.CLOSE, delete=self.delete, delete_on_close=self.delete_on_close,
                           os_deletes=self.os_deletes):
            os.unlink(self.name)


named._Remover.close = close

_mutant.expose(__name__)
