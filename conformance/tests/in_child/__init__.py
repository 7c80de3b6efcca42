"""Checks the conformance tests run in another process (see :mod:`conformance.harness.children`).

Each is a plain function ``check(tf, **args)`` returning a JSON value; the
test that needs it names it as ``"conformance.tests.in_child.MODULE:FUNCTION"``.
"""
