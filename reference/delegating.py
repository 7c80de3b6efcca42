"""Chapter 7: a file object whose storage may be swapped while it is in use.

SpooledTemporaryFile (chapter 8) keeps its data in memory and later moves it
to a real file.  So the storage object *changes* in the middle of the
object's life, and nothing may hold on to the first one: every operation here
looks up ``self._file`` afresh on each call, and whoever swaps the storage
does it in one assignment, after the new one is complete.

This chapter is only that forwarding, with no policy: when to swap is the
next chapter's business.
"""

from __future__ import annotations

import io
from typing import IO, Any, Iterator, Optional


class DelegatingIO(io.IOBase):
    """An io.IOBase whose every operation goes to the current ``self._file``."""

    # Plain delegation, spelled out one method per line rather than through
    # __getattr__: the object must *be* an io.IOBase, whose own methods would
    # win over a __getattr__ fallback, and explicit methods show the reader
    # (and help()) the complete surface.  io.IOBase's own defaults are written
    # for a stream that never changes (fileno() raises, seek() raises, closed
    # is a flag of its own), so each of them is overridden here.  Methods the
    # storage lacks (read1 on text) fail with the storage's own AttributeError.

    _file: IO[Any]

    def __iter__(self) -> Iterator[Any]:
        # The storage's own iterator: lines of bytes or of text.  A swap in
        # the middle of a loop would strand it on the old storage; io's own
        # files have the same caveat for writes during iteration.
        return iter(self._file)

    def close(self) -> None:
        """Close the storage."""
        # No flag of our own: after a swap, a flag set on the old storage
        # would lie about the new one.
        self._file.close()

    @property
    def closed(self) -> bool:  # type: ignore[override]
        # io.IOBase keeps `closed` as a flag that only its own close() sets;
        # the storage's own answer is the one that holds after a swap.
        return self._file.closed

    # Properties, not copies taken at construction: each must describe the
    # storage as it is *now*, before or after a swap.

    @property
    def name(self) -> Any:
        """The storage's name, or None when it has none (memory)."""
        return getattr(self._file, "name", None)

    @property
    def encoding(self) -> str:
        return self._file.encoding  # type: ignore[attr-defined]

    @property
    def errors(self) -> Optional[str]:
        return self._file.errors  # type: ignore[attr-defined]

    @property
    def newlines(self) -> Any:
        return self._file.newlines  # type: ignore[attr-defined]

    # The rest is plain forwarding.  Each looks up self._file when called,
    # never at construction, for the reason given at the top of the chapter.

    def flush(self) -> None:
        self._file.flush()  # [spooled.io.flush-reaches-disk]

    def isatty(self) -> bool:
        return self._file.isatty()  # [spooled.io.readlines-isatty] False: memory is no terminal

    def readable(self) -> bool:
        return self._file.readable()

    def seekable(self) -> bool:
        return self._file.seekable()

    def writable(self) -> bool:
        return self._file.writable()

    def read(self, *args: Any) -> Any:
        return self._file.read(*args)

    def read1(self, *args: Any) -> Any:
        return self._file.read1(*args)  # type: ignore[attr-defined]

    def readinto(self, buffer: Any) -> Any:
        return self._file.readinto(buffer)  # type: ignore[attr-defined]

    def readinto1(self, buffer: Any) -> Any:
        return self._file.readinto1(buffer)  # type: ignore[attr-defined]

    def readline(self, *args: Any) -> Any:
        return self._file.readline(*args)

    def readlines(self, *args: Any) -> Any:
        return self._file.readlines(*args)  # [spooled.io.readlines-isatty]

    # Position and seeking work on the storage too, and so survive a swap
    # only if the swapping code carries the position across (chapter 8 does).

    def seek(self, *args: Any) -> int:
        return self._file.seek(*args)

    def tell(self) -> int:
        return self._file.tell()
