"""Stdlib mutant: an omitted or None suffix becomes "~" instead of no suffix."""

BREAKS = ("naming.suffix.default-none",)
REPLACE = (
    (r"if suffix is None:\n +suffix = output_type\(\)\n",
     "if suffix is None:\n        suffix = \"~\" if output_type is str else b\"~\"\n"),
)
