"""Stdlib mutant: mkdtemp gives up when a regular file holds a candidate name, instead of trying the next."""

BREAKS = ("creation.exclusive.any-entry-type",)
REPLACE = (
    (r"( +)_os\.mkdir\(file, 0o700\)\n( +)except FileExistsError:\n",
     "\\g<0>\\2    if not _os.path.isdir(file):\n\\2        raise\n"),
)
