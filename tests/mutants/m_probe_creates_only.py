"""Mutant: The search's probe creates and removes a file but never writes to it.

Must go red: gettempdir.search.probe-writes-data.
"""

import os

from reference import location

from . import _mutant

BREAKS = (
    "gettempdir.search.probe-writes-data",
)


def _directory_accepts_files(directory):
    for _ in range(location._PROBE_ATTEMPTS):
        probe = os.path.join(directory, location.random_part())
        try:
            fd = os.open(probe, location._PROBE_FLAGS, 0o600)
        except FileExistsError:
            continue
        except OSError:
            return False
        os.close(fd)
        os.unlink(probe)
        return True  # a full file system would pass
    return False


location._directory_accepts_files = _directory_accepts_files

_mutant.expose(__name__)
