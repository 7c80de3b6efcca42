"""``python -m conformance matrix``: every interpreter and implementation found, judged in one table.

:mod:`.discover` finds the columns, :mod:`.run` runs one column in its own
process, :mod:`.model` judges the combined results, :mod:`.render` draws
them, :mod:`.cli` is the command (``main(argv) -> int``).
"""
