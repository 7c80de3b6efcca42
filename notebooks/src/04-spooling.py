# %% [markdown]
# # 4. Spooling: memory first, disk when it grows
#
# **What you will learn**
#
# * what `SpooledTemporaryFile` does: it keeps data in an in-memory buffer and moves
#   ("rolls over") to a real temporary file on disk only when needed;
# * the three things that trigger that move: the data growing past `max_size`, asking
#   for a file descriptor with `fileno()`, and calling `rollover()` yourself;
# * what does *not* trigger it, and what `max_size=0` means;
# * how to see where the data lives at any moment, through the documented `_file`
#   attribute, and a plot of it as writes accumulate.
#
# Rolled-over data goes to an unnamed temporary file in this notebook's scratch
# directory, which is removed at the end.

# %%
%matplotlib inline
import atexit
import io
import os
import random
import shutil
import tempfile

import matplotlib.pyplot as plt

import reference

SCRATCH = os.path.realpath(tempfile.mkdtemp(prefix="nb04-spool-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
IMPLEMENTATIONS = {"stdlib": tempfile, "reference": reference}
print("scratch directory:", os.path.basename(SCRATCH), "in", os.path.dirname(SCRATCH))

# %% [markdown]
# ## Where does the data live?
#
# The documentation names the underlying object: `_file` is either an in-memory buffer
# (`io.BytesIO`, or for text mode an `io.TextIOWrapper` around one) or a real file
# object. A real file has a working `fileno()`; an in-memory buffer raises
# `io.UnsupportedOperation`. We ask `_file`, never the spooled object itself, because
# calling `fileno()` on the spooled object is one of the triggers we want to study.

# %%
def location(spooled):
    try:
        spooled._file.fileno()
    except io.UnsupportedOperation:
        return "memory"
    return "disk"


def describe(spooled):
    inner = spooled._file
    kind = type(inner).__name__
    if isinstance(inner, io.TextIOWrapper):
        kind += f"({type(inner.buffer).__name__})"
    return f"{location(spooled):<6} {kind}"


with reference.SpooledTemporaryFile(max_size=100, dir=SCRATCH) as f:
    print("new:           ", describe(f))
    f.write(b"a" * 100)
    print("100 bytes:     ", describe(f), "(exactly max_size: still in memory)")
    f.write(b"b")
    print("101 bytes:     ", describe(f), "(past max_size: rolled over)")
    f.seek(0)
    print("content intact:", f.read() == b"a" * 100 + b"b", "| position kept:", f.tell())

# %% [markdown]
# The limit is *exceeded*, not *reached*: a file of exactly `max_size` bytes stays in
# memory. After the move the content and the current position are preserved; the
# caller cannot tell the difference except through `_file`, `fileno()` and `name`.

# %% [markdown]
# ## What triggers a rollover, case by case
#
# Each case starts from a fresh object with `max_size=100` (or `0`) holding ten bytes,
# performs one action, and records where the data lives before and after.

# %%
def case_write_past():
    f.write(b"x" * 200)


def case_writelines_past():
    f.writelines([b"x" * 60, b"y" * 60])


def case_fileno():
    f.fileno()


def case_rollover():
    f.rollover()


def case_truncate_up():
    f.truncate(500)


def case_seek_far():
    f.seek(10_000)


def case_seek_far_then_write():
    f.seek(10_000)
    f.write(b"z")


def case_read_and_flush():
    f.seek(0)
    f.read()
    f.flush()


CASES = [
    ("write() past max_size", 100, case_write_past),
    ("writelines() past max_size", 100, case_writelines_past),
    ("fileno()", 100, case_fileno),
    ("rollover()", 100, case_rollover),
    ("truncate(500)", 100, case_truncate_up),
    ("seek(10_000) alone", 100, case_seek_far),
    ("seek(10_000) then write 1 byte", 100, case_seek_far_then_write),
    ("read() and flush()", 100, case_read_and_flush),
    ("max_size=0: write 1 MB", 0, lambda: f.write(b"x" * 1_000_000)),
    ("max_size=0: fileno()", 0, case_fileno),
]

print(f"{'action':<34} " + " ".join(f"{name:<17}" for name in IMPLEMENTATIONS))
for label, max_size, action in CASES:
    outcomes = []
    for module in IMPLEMENTATIONS.values():
        with module.SpooledTemporaryFile(max_size=max_size, dir=SCRATCH) as f:
            f.write(b"0123456789")
            before = location(f)
            action()
            outcomes.append(f"{before} -> {location(f)}")
    print(f"{label:<34} " + " ".join(f"{o:<17}" for o in outcomes))

# %% [markdown]
# Things to notice:
#
# * Any write that leaves the file **longer** than `max_size` moves it, whichever
#   method made it grow; so does a `truncate()` that extends it beyond the limit.
# * Moving the position alone does nothing; the first byte written far out does.
# * `fileno()` must return a real descriptor, so it forces the move even with
#   `max_size=0`, which otherwise means "never roll over on size".
# * Reading and flushing never move anything.

# %% [markdown]
# ## Text mode counts bytes, not characters
#
# In text mode the in-memory buffer still holds encoded bytes, and the size compared
# with `max_size` is the size of that byte buffer. With a two-byte character such as
# `é` in UTF-8, the move happens after about half as many characters.

# %%
for text in ("e", "é"):
    with reference.SpooledTemporaryFile(max_size=100, mode="w+", encoding="utf-8", dir=SCRATCH) as f:
        written = 0
        while location(f) == "memory":
            f.write(text)
            written += 1
        print(f"{text!r}: rolled over after {written} characters ({written * len(text.encode())} bytes)")

# %% [markdown]
# ## A picture: where the data lives as writes accumulate
#
# We write chunks of varied sizes (a fixed pseudo-random sequence, so the picture is
# the same on every run) into spooled files with three different limits and record, after
# every write, the total size and whether the data is on disk. Then we plot it for
# both implementations.

# %%
rng = random.Random(4)
chunk_sizes = [rng.randint(1, 400) for _ in range(60)]
LIMITS = [1_000, 4_000, 8_000]


def trace(module, max_size):
    sizes, on_disk = [0], [0]
    with module.SpooledTemporaryFile(max_size=max_size, dir=SCRATCH) as f:
        for size in chunk_sizes:
            f.write(b"x" * size)
            sizes.append(f.tell())
            on_disk.append(1 if location(f) == "disk" else 0)
    return sizes, on_disk


fig, axes = plt.subplots(len(LIMITS), 1, figsize=(7, 5), sharex=True)
for ax, limit in zip(axes, LIMITS):
    for impl_name, style in (("stdlib", "-"), ("reference", "--")):
        sizes, on_disk = trace(IMPLEMENTATIONS[impl_name], limit)
        ax.step(sizes, on_disk, style, where="post", label=impl_name)
    ax.axvline(limit, color="gray", linestyle=":", label="max_size")
    ax.set_yticks([0, 1])
    ax.set_yticklabels(["memory", "disk"])
    ax.set_ylim(-0.2, 1.2)
    ax.set_title(f"max_size = {limit} bytes", fontsize=9)
axes[0].legend(fontsize=8, loc="lower right")
axes[-1].set_xlabel("bytes written so far")
fig.suptitle("Where a SpooledTemporaryFile keeps its data")
fig.tight_layout()
plt.show()

# %% [markdown]
# Each line jumps from memory to disk at the first write that takes the size past the
# dotted limit, and never comes back: a rollover is one-way, even if you later
# `truncate()` the file to nothing.

# %%
with reference.SpooledTemporaryFile(max_size=10, dir=SCRATCH) as f:
    f.write(b"x" * 50)
    f.truncate(0)
    print("after truncate(0):", location(f))
print("left in scratch:", os.listdir(SCRATCH))
shutil.rmtree(SCRATCH)
print("scratch removed:", not os.path.exists(SCRATCH))

# %% [markdown]
# (Nothing was left in the scratch directory even after all those rollovers: the disk
# file is an unnamed `TemporaryFile`.)
#
# ## Summary
#
# * `SpooledTemporaryFile` holds its data in memory until the size *exceeds*
#   `max_size`, until someone calls `fileno()`, or until `rollover()` is called.
# * Any growth counts (`write`, `writelines`, extending `truncate`); seeking, reading
#   and flushing do not. `max_size=0` disables the size trigger only.
# * In text mode the limit applies to the encoded bytes.
# * The move is one-way and keeps content and position; check `_file` to see where
#   the data lives.
# * The stdlib and the reference agree on every case shown.
