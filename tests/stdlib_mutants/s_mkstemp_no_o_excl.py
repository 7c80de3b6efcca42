"""Stdlib mutant: files are opened without O_EXCL, so an entry already at the name is taken over."""

BREAKS = ("creation.exclusive.never-reuses",)
REPLACE = (
    (r"_text_openflags = _os\.O_RDWR \| _os\.O_CREAT \| _os\.O_EXCL\n",
     "_text_openflags = _os.O_RDWR | _os.O_CREAT\n"),
)
