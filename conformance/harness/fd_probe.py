"""Run as a program: print, as JSON, whether each descriptor number in argv is open here.

Started with ``python -S path/to/fd_probe.py FD...`` so that nothing but the
interpreter itself runs before the descriptors are looked at.  Each number
maps to "open" or the errno name ``fstat`` gave (``EBADF`` when closed).
"""

import errno
import json
import os
import sys


def probe(numbers):
    """For each descriptor number: "open", or the error name fstat gives."""
    seen = {}
    for text in numbers:
        try:
            os.fstat(int(text))
            seen[text] = "open"
        except OSError as exc:
            seen[text] = errno.errorcode.get(exc.errno, str(exc.errno))
    return seen


if __name__ == "__main__":
    sys.stdout.write(json.dumps(probe(sys.argv[1:])) + "\n")
