"""Stdlib mutant: when every candidate is taken, mktemp returns the last one instead of raising."""

BREAKS = ("mktemp.retry.exhaustion",)
REPLACE = (
    (r"raise FileExistsError\(_errno\.EEXIST,\s*\"No usable temporary filename found\"\)", "return file"),
)
