"""Plumbing shared by the mutants: make a mutant module a view of the (patched) reference.

A mutant is a variant of the reference with exactly one behaviour broken.  It
imports the ``reference`` package, patches one thing inside it, and then calls
:func:`expose`, which turns the mutant module into a stand-in for the package:

* every public name (and ``__conformance_capabilities__``) is read from the
  package, so a patch made to the package is what the suite sees;
* ``tempdir``, ``TMP_MAX`` and ``template`` are *settings* the suite assigns on
  the target module; they live on the package, where the reference reads them,
  so reads and writes of those names are forwarded there.

Each conformance run loads the mutant in a fresh interpreter, so a patch never
leaks into another run.  Mutants import this module relatively (``from . import
_mutant``): they are modules of the ``mutants`` package, loaded by name.
"""

from __future__ import annotations

import sys
import types
from typing import Any, Iterable

import reference

SETTINGS = ("tempdir", "TMP_MAX", "template")


class _ReferenceView(types.ModuleType):
    """A module whose unknown names and settings are those of the reference package."""

    def __getattr__(self, name: str) -> Any:
        # Only called for names the mutant itself does not define.
        if name.startswith("__") and name != "__conformance_capabilities__":
            raise AttributeError(name)
        return getattr(reference, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in SETTINGS:
            setattr(reference, name, value)
        else:
            super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if name in SETTINGS:
            delattr(reference, name)
        else:
            super().__delattr__(name)


def replace(name: str, value: Any, *modules: types.ModuleType) -> None:
    """Bind ``name`` to ``value`` in every module given (a name imported by several chapters)."""
    for module in modules:
        if not hasattr(module, name):
            raise AttributeError(f"{module.__name__} has no {name!r} to replace")
        setattr(module, name, value)


def expose(module_name: str, own: Iterable[str] = ()) -> None:
    """Turn module ``module_name`` into a view of the reference package.

    ``own`` names public functions the mutant defines itself; they win over the
    package's.  Everything else public is taken from the package as it is now.
    """
    module = sys.modules[module_name]
    keep = set(own)
    for name in list(reference.__all__) + ["__conformance_capabilities__"]:
        if name in SETTINGS:
            module.__dict__.pop(name, None)
        elif name not in keep:
            module.__dict__[name] = getattr(reference, name)
    module.__dict__["__all__"] = list(reference.__all__)
    module.__class__ = _ReferenceView


def retry_loop(*, absolute: bool = True, retry: bool = True, bounded: bool = True,
               exhausted: type = FileExistsError, audit: str = "before",
               rename_event: Any = None, audit_arg: Any = None, retry_errors: tuple = ()) -> Any:
    """A variant of the reference's create-exclusively loop with one knob turned.

    The defaults reproduce the reference: an absolute directory, a retry on
    FileExistsError, at most TMP_MAX attempts, FileExistsError when they run
    out, and the audit event raised before each attempt.
    """
    import itertools
    import os

    from reference import creation, names

    def create_exclusively(directory: Any, prefix: Any, suffix: Any, make: Any, audit_event: Any,
                           os_name: Any = None) -> Any:
        if absolute:
            directory = os.path.abspath(directory)
        attempts = range(reference.TMP_MAX) if bounded else itertools.count()
        event = rename_event(audit_event) if (rename_event and audit_event) else audit_event
        refused = 0
        for _ in attempts:
            path = creation.candidate_path(directory, prefix, names.next_candidate(), suffix)
            argument = audit_arg(path) if audit_arg else path
            if event is not None and audit == "before":
                sys.audit(event, argument)
            try:
                made = make(path)
            except FileExistsError:
                if retry:
                    continue
                raise
            except retry_errors:
                # Give up after a hundred, not TMP_MAX: the answer is the same, the run far shorter.
                refused += 1
                if refused >= 100:
                    break
                continue
            if event is not None and audit == "after":
                sys.audit(event, argument)
            return made, path
        raise exhausted("No usable temporary file name found")

    return create_exclusively


def install_loop(loop: Any) -> None:
    """Use ``loop`` wherever the reference runs its create-exclusively loop."""
    from reference import creation, named, temporaryfile

    replace("create_exclusively", loop, creation, named, temporaryfile)


def rewrap(original: Any, before: Any = None, after: Any = None, first: Iterable[str] = (),
           **changes: Any) -> Any:
    """A function standing in for ``original``, with its signature changed as ``changes`` say.

    Each change names a parameter and gives a dict with a new ``kind`` and/or
    ``default``.  The call binds its arguments to the new signature, lets
    ``before`` edit them (a dict), calls ``original`` with them by keyword and
    returns ``after(result)`` (or the result).  Parameters named in ``first``
    move to the front of their kind, in that order.
    """
    import inspect

    params = []
    for param in inspect.signature(original).parameters.values():
        change = changes.get(param.name, {})
        params.append(param.replace(kind=change.get("kind", param.kind),
                                    default=change.get("default", param.default)))
    lead = list(first)
    # Stable: a parameter made positional ends the positional run, unless ``first`` names it.
    params.sort(key=lambda p: (p.kind, lead.index(p.name) if p.name in lead else len(lead)))
    signature = inspect.Signature(params)

    def stand_in(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        if before is not None:
            before(arguments)
        result = original(**arguments)
        return after(result) if after is not None else result

    stand_in.__signature__ = signature  # type: ignore[attr-defined]
    stand_in.__name__ = stand_in.__qualname__ = getattr(original, "__name__", "stand_in")
    return stand_in
