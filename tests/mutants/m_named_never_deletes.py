"""Mutant: NamedTemporaryFile never removes its file.

Must go red: namedtemporaryfile.delete.on-close, namedtemporaryfile.delete.on-context-exit,
namedtemporaryfile.delete.on-finalize, namedtemporaryfile.delete-on-close-false.context-exit,
namedtemporaryfile.delete-on-close-false.finalize, load.scoped.cleaned-up.
"""


from reference import named

from . import _mutant

BREAKS = (
    "namedtemporaryfile.delete.on-close",
    "namedtemporaryfile.delete.on-context-exit",
    "namedtemporaryfile.delete.on-finalize",
    "namedtemporaryfile.delete-on-close-false.context-exit",
    "namedtemporaryfile.delete-on-close-false.finalize",
    "load.scoped.cleaned-up",
)

named.unlink_on = lambda event, **rule: False

_mutant.expose(__name__)
