"""The one interpreter layer: find, probe and prepare every Python the suite can run under.

``--python`` (:func:`run_elsewhere`) and the matrix (:func:`discover`,
:func:`choose`) both come here.  Each kind of interpreter is a
:class:`Provider` in a module of its own (:mod:`.pyenv`, :mod:`.path`,
:mod:`.host`); the contract a new kind implements is in :mod:`.base`, the
``--python`` grammar in :mod:`.registry`.
"""

from conformance.interpreters.base import Interpreter, InterpreterError, Launch, Provider, cache_root
from conformance.interpreters.elsewhere import run_elsewhere
from conformance.interpreters.host import host_interpreter
from conformance.interpreters.registry import PROVIDERS, choose, discover, parse, resolve

__all__ = ["PROVIDERS", "Interpreter", "InterpreterError", "Launch", "Provider", "cache_root", "choose",
           "discover",
           "host_interpreter", "parse", "resolve", "run_elsewhere"]
