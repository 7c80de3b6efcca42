"""Stdlib mutant: mktemp returns its first candidate without checking that nothing is there."""

BREAKS = ("mktemp.retry.skips-existing",)
REPLACE = (
    (r"if not _exists\(file\):\n +return file\n", "return file\n"),
)
