"""Stdlib mutant: mkstemp's names repeat the random part's last character before the suffix."""

BREAKS = ("naming.compose.exact-with-injected-part",)
REPLACE = (
    (r"file = _os\.path\.join\(dir, pre \+ name \+ suf\)",
     "file = _os.path.join(dir, pre + name + name[-1:] + suf)"),
)
