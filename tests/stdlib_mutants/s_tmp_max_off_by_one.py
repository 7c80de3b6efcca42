"""Stdlib mutant: mkstemp's loop makes TMP_MAX + 1 attempts before giving up."""

BREAKS = ("creation.retry.tmp-max-bound",)
REPLACE = (
    (r"for seq in range\(TMP_MAX\):"
     r"(\n +name = next\(names\)\n +file = _os\.path\.join\(dir, pre \+ name \+ suf\))",
     "for seq in range(TMP_MAX + 1):\\1"),
)
