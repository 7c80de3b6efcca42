"""The interpreter running this command (``--python host``, and the matrix's own column)."""

from __future__ import annotations

import sys
from typing import List, Optional

from conformance.interpreters.base import Environ, Interpreter
from conformance.interpreters.venv import VenvProvider


def host_interpreter() -> Interpreter:
    """The interpreter running this process."""
    version = (sys.version_info[0], sys.version_info[1], sys.version_info[2])
    return Interpreter(sys.implementation.name, version, sys.executable, "host", spec=sys.executable)


class HostProvider(VenvProvider):
    """The running interpreter; it needs no probe."""

    name = "host"

    def discover(self, environ: Environ) -> List[Interpreter]:
        return [host_interpreter()]

    def resolve(self, rest: str, environ: Environ) -> Optional[Interpreter]:
        return host_interpreter() if rest == "" else None
