"""Stdlib mutant: mktemp's default suffix is "~" instead of none."""

BREAKS = ("mktemp.args.defaults",)
REPLACE = (
    (r"def mktemp\(suffix=\"\"", "def mktemp(suffix=\"~\""),
)
