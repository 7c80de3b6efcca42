"""Thin adapters: the only code in the suite allowed to touch a target's private names.

An adapter turns "a module that claims to implement the tempfile API" into a
:class:`conformance.targets.Target`: the module itself, the Python version it is
judged against, and the optional capabilities it offers (see
``conformance/targets.py`` for the list and what each promises).
"""
