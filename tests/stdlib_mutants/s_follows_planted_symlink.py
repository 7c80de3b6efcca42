"""Stdlib mutant: files are opened without O_EXCL and O_NOFOLLOW, so a planted symlink is opened through."""

BREAKS = ("security.symlink.never-followed",)
REPLACE = (
    (r"_text_openflags = _os\.O_RDWR \| _os\.O_CREAT \| _os\.O_EXCL\n",
     "_text_openflags = _os.O_RDWR | _os.O_CREAT\n"),
    (r"_text_openflags \|= _os\.O_NOFOLLOW\n", "pass\n"),
)
