"""Stdlib mutant: mkdtemp returns a directory it finds at a candidate name instead of making its own."""

BREAKS = ("security.planted-entry.never-reused",)
REPLACE = (
    (r"( +)_os\.mkdir\(file, 0o700\)\n( +)except FileExistsError:\n",
     "\\g<0>\\2    if _os.path.isdir(file):\n\\2        return file\n"),
)
