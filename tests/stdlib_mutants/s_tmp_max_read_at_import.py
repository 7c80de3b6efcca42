"""Stdlib mutant: mkstemp's retry bound is TMP_MAX as it was at import; later assignments are ignored."""

BREAKS = ("module.tmp-max.read-at-call-time",)
REPLACE = (
    (r"def _mkstemp_inner\(dir, pre, suf, flags, output_type\):",
     "def _mkstemp_inner(dir, pre, suf, flags, output_type, _tmp_max=TMP_MAX):"),
    (r"for seq in range\(TMP_MAX\):"
     r"(\n +name = next\(names\)\n +file = _os\.path\.join\(dir, pre \+ name \+ suf\))",
     "for seq in range(_tmp_max):\\1"),
)
