"""Stdlib mutant: mkstemp raises its audit event for the first candidate only, not for each attempt."""

BREAKS = ("audit.event.per-attempt",)
REPLACE = (
    (r"( +)_sys\.audit\(\"tempfile\.mkstemp\", file\)\n",
     "\\1if seq == 0:\n\\1    _sys.audit(\"tempfile.mkstemp\", file)\n"),
)
